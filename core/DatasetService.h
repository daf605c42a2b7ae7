#pragma once

#include "Dataset.h"

#include <QJsonArray>
#include <QList>
#include <QSqlQuery>

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

    // The SELECT list readRow() reads (aliases d, g and s), for queries that join datasets.
    static const QString& columns();
    static Dataset readRow(const QSqlQuery& query, int first, const ServiceConfig& config);

private:
    QList<Dataset> select(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
    DatasetGroupService& m_groups;
    SchemaService& m_schemas;
};

} // namespace footfall
