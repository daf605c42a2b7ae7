#include "DatasetService.h"

#include "Arn.h"
#include "AttributionRollup.h"
#include "AttributionSourceLedger.h"
#include "AvroSchema.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "FieldRule.h"
#include "Lifecycle.h"
#include "SchemaService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TagList.h"
#include "TransactionGuard.h"

#include <QVariant>

namespace footfall {

DatasetService::DatasetService(Database& database, const ServiceConfig& config, DatasetGroupService& groups,
                               SchemaService& schemas)
    : m_database(database)
    , m_config(config)
    , m_groups(groups)
    , m_schemas(schemas)
{}

void DatasetService::validate(const CreateDatasetInput& input)
{
    FieldRule::resourceName().enforce(QStringLiteral("name"), input.name);
    FieldRule::datasetType().enforce(QStringLiteral("datasetType"), input.datasetType);
    const auto type = DatasetTypes::fromString(input.datasetType);
    if (!type) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter datasetType, value: \"%1\", valid "
                           "values: %2 (any case)")
                .arg(input.datasetType, DatasetTypes::allNames().join(QStringLiteral(", "))),
            QStringLiteral("datasetType"));
    }
    TagList::validate(input.tags);
    const DatasetGroup group = m_groups.require(input.datasetGroupArn);
    if (group.status == Lifecycle::deletePendingStatus()) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Dataset group %1 is being deleted").arg(group.name));
    }
    const DatasetSchema schema = m_schemas.require(input.schemaArn);
    if (schema.domain != group.domain) {
        throw ServiceError::invalidInput(
            QStringLiteral("Schema %1 is for %2 but dataset group %3 is %4; the domains must match")
                .arg(schema.name,
                     schema.domain.isEmpty() ? QStringLiteral("custom dataset groups") : schema.domain,
                     group.name,
                     group.domain.isEmpty() ? QStringLiteral("a custom dataset group") : group.domain),
            QStringLiteral("schemaArn"));
    }
    AvroSchema::parse(schema.definition).validateFor(*type, group.domain);

    if (const auto existing = findForGroup(group.id, *type)) {
        throw ServiceError(
            ErrorCode::ResourceAlreadyExists,
            QStringLiteral("Dataset group %1 already has an %2 dataset: %3. A dataset group holds at "
                           "most one dataset of each type")
                .arg(group.name, DatasetTypes::name(*type), existing->arn),
            QStringLiteral("datasetType"));
    }
    if (const auto named = select(QStringLiteral("d.name = ?"), {input.name}); !named.isEmpty()) {
        throw ServiceError(
            ErrorCode::ResourceAlreadyExists,
            QStringLiteral("A dataset named %1 already exists: %2").arg(input.name, named.first().arn),
            QStringLiteral("name"));
    }
}

Dataset DatasetService::create(const CreateDatasetInput& input)
{
    TransactionGuard transaction(m_database);
    Lifecycle::purgeExpired(m_database, "dataset", m_config);
    validate(input);
    const DatasetGroup group = m_groups.require(input.datasetGroupArn);
    const DatasetSchema schema = m_schemas.require(input.schemaArn);
    const DatasetType type = *DatasetTypes::fromString(input.datasetType);
    QSqlQuery insert = m_database.prepare(QStringLiteral(
        "INSERT INTO dataset (dataset_group_id, schema_id, name, arn, dataset_type, tags, created_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(group.id);
    insert.addBindValue(schema.id);
    insert.addBindValue(input.name);
    insert.addBindValue(Arn::build(m_config, QStringLiteral("dataset"),
                                   group.name + QLatin1Char('/') + DatasetTypes::arnSuffix(type)));
    insert.addBindValue(DatasetTypes::name(type));
    insert.addBindValue(input.tags.isEmpty() ? QVariant() : QVariant(TagList::toStorage(input.tags)));
    insert.addBindValue(m_config.nowMs());
    Database::execute(insert);
    const qint64 id = insert.lastInsertId().toLongLong();
    transaction.commit();
    return select(QStringLiteral("d.id = ?"), {id}).first();
}

Dataset DatasetService::describe(const QString& arn)
{
    return require(arn);
}

QList<Dataset> DatasetService::list(const QString& datasetGroupArn)
{
    if (datasetGroupArn.isEmpty())
        return select(QString(), {});
    const DatasetGroup group = m_groups.require(datasetGroupArn);
    return select(QStringLiteral("d.dataset_group_id = ?"), {group.id});
}

void DatasetService::remove(const QString& arn)
{
    TransactionGuard transaction(m_database);
    const Dataset dataset = require(arn);
    if (dataset.status == Lifecycle::deletePendingStatus())
        return;
    Lifecycle::requestDelete(m_database, "dataset", dataset.id, m_config);
    if (dataset.type == DatasetType::Interactions) {
        // The dataset's data goes with it; the request log keeps its record of what arrived.
        for (const char* sql : {"DELETE FROM interaction WHERE dataset_group_id = ?",
                                "DELETE FROM session_link WHERE dataset_group_id = ?"}) {
            QSqlQuery purge = m_database.prepare(QLatin1String(sql));
            purge.addBindValue(dataset.datasetGroupId);
            Database::execute(purge);
        }
        AttributionSourceLedger::rebuild(m_database.connection(), dataset.datasetGroupId);
    }
    // Without the events, or without the items' values, the attribution windows change.
    AttributionRollup::rebuild(m_database.connection(), dataset.datasetGroupId);
    Lifecycle::purgeExpired(m_database, "dataset", m_config);
    transaction.commit();
}

std::optional<Dataset> DatasetService::findByArn(const QString& arn)
{
    const auto found = select(QStringLiteral("d.arn = ?"), {arn});
    return found.isEmpty() ? std::nullopt : std::optional<Dataset>(found.first());
}

std::optional<Dataset> DatasetService::findForGroup(qint64 datasetGroupId, DatasetType type)
{
    const auto found = select(QStringLiteral("d.dataset_group_id = ? AND d.dataset_type = ?"),
                              {datasetGroupId, DatasetTypes::name(type)});
    return found.isEmpty() ? std::nullopt : std::optional<Dataset>(found.first());
}

Dataset DatasetService::require(const QString& arn, const QString& parameter)
{
    FieldRule::arn().enforce(parameter, arn);
    if (auto dataset = findByArn(arn))
        return *dataset;
    throw ServiceError::notFound(QStringLiteral("Could not find dataset %1").arg(arn));
}

const QString& DatasetService::columns()
{
    static const QString list =
        QStringLiteral("d.id, d.dataset_group_id, d.name, d.arn, g.arn, s.arn, d.dataset_type, "
                       "d.created_ms, d.delete_requested_ms");
    return list;
}

Dataset DatasetService::readRow(const QSqlQuery& query, int first, const ServiceConfig& config)
{
    Dataset dataset;
    dataset.id = query.value(first).toLongLong();
    dataset.datasetGroupId = query.value(first + 1).toLongLong();
    dataset.name = query.value(first + 2).toString();
    dataset.arn = query.value(first + 3).toString();
    dataset.datasetGroupArn = query.value(first + 4).toString();
    dataset.schemaArn = query.value(first + 5).toString();
    dataset.type =
        DatasetTypes::fromString(query.value(first + 6).toString()).value_or(DatasetType::Interactions);
    dataset.createdMs = query.value(first + 7).toLongLong();
    const Lifecycle state = Lifecycle::at(dataset.createdMs, query.value(first + 8).toLongLong(), config);
    dataset.status = state.status;
    dataset.lastUpdatedMs = state.lastUpdatedMs;
    return dataset;
}

QList<Dataset> DatasetService::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query =
        m_database.prepare(QStringLiteral("SELECT ") + columns() +
                           QStringLiteral(" FROM dataset d JOIN dataset_group g ON g.id = d.dataset_group_id "
                                          "JOIN schema_def s ON s.id = d.schema_id WHERE ") +
                           Lifecycle::visibleCondition(QStringLiteral("d")) +
                           (where.isEmpty() ? QString() : QStringLiteral(" AND ") + where) +
                           QStringLiteral(" ORDER BY g.name, d.dataset_type"));
    query.addBindValue(Lifecycle::visibleCutoff(m_config));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    QList<Dataset> datasets;
    while (Database::nextRow(query))
        datasets.append(readRow(query, 0, m_config));
    return datasets;
}

} // namespace footfall
