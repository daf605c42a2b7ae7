#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace footfall {

enum class ApiType
{
    String,
    Integer,
    Boolean,
    Structure,
    List
};

// One input member of an operation, as the service model declares it. The command line derives
// its flag (--dataset-group-arn from datasetGroupArn) and help from it.
struct ApiMember
{
    QString name;
    ApiType type = ApiType::String;
    bool required = false;
    QString help;

    QString cliFlag() const;
};

// One AWS operation (CreateEventTracker) of one service (personalize).
struct ApiOperation
{
    QString service;
    QString name;
    QString summary;
    QList<ApiMember> members;

    QString cliName() const; // create-event-tracker
    const ApiMember* member(const QString& name) const;
    // Checks that required members are there, that no unknown member is, and that each has the
    // model's JSON type; throws ServiceError(InvalidInput) in botocore's words otherwise.
    void validateShape(const QJsonObject& input) const;

    static QString toKebabCase(const QString& camelCase);
};

} // namespace footfall
