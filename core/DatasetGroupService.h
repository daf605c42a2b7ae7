#pragma once

#include "DatasetGroup.h"

#include <QJsonArray>
#include <QList>

#include <optional>

namespace footfall {

class Database;
struct ServiceConfig;

struct CreateDatasetGroupInput
{
    QString name;
    QString domain;
    QString roleArn;
    QString kmsKeyArn;
    QJsonArray tags;
};

class DatasetGroupService
{
public:
    DatasetGroupService(Database& database, const ServiceConfig& config);
    Q_DISABLE_COPY_MOVE(DatasetGroupService)

    DatasetGroup create(const CreateDatasetGroupInput& input);
    // Every check create() makes, without creating anything; throws ServiceError.
    void validate(const CreateDatasetGroupInput& input);
    DatasetGroup describe(const QString& arn);
    QList<DatasetGroup> list();
    // Refused with ResourceInUseException while the group still has an event tracker or datasets.
    void remove(const QString& arn);

    std::optional<DatasetGroup> findByArn(const QString& arn);
    std::optional<DatasetGroup> findById(qint64 id);
    // The dataset group an ARN names, or ResourceNotFoundException; `parameter` names it in errors.
    DatasetGroup require(const QString& arn, const QString& parameter = QStringLiteral("datasetGroupArn"));

    // Rules, usable before calling create() (the console checks as one types).
    static std::optional<QString> checkName(const QString& name);
    static QStringList domains();

private:
    QList<DatasetGroup> select(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
};

} // namespace footfall
