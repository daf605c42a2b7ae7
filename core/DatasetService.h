#pragma once

#include "Dataset.h"

#include <QJsonArray>
#include <QList>

#include <optional>

namespace footfall {

class Database;
class DatasetGroupService;
class SchemaService;
struct ServiceConfig;

struct CreateDatasetInput
{
    QString name;
    QString schemaArn;
    QString datasetGroupArn;
    QString datasetType; // case-insensitive: Interactions, Items, Users
    QJsonArray tags;
};

class DatasetService
{
public:
    DatasetService(Database& database, const ServiceConfig& config, DatasetGroupService& groups,
                   SchemaService& schemas);
    Q_DISABLE_COPY_MOVE(DatasetService)

    Dataset create(const CreateDatasetInput& input);
    // Every check create() makes, without creating anything; throws ServiceError.
    void validate(const CreateDatasetInput& input);
    Dataset describe(const QString& arn);
    // All datasets, or those of one dataset group when `datasetGroupArn` is given.
    QList<Dataset> list(const QString& datasetGroupArn = {});
    // DELETE PENDING, then gone. Deleting an Interactions dataset deletes its recorded interactions.
    void remove(const QString& arn);

    std::optional<Dataset> findByArn(const QString& arn);
    std::optional<Dataset> findForGroup(qint64 datasetGroupId, DatasetType type);
    Dataset require(const QString& arn, const QString& parameter = QStringLiteral("datasetArn"));

private:
    QList<Dataset> select(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
    DatasetGroupService& m_groups;
    SchemaService& m_schemas;
};

} // namespace footfall
