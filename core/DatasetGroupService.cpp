#include "DatasetGroupService.h"

#include "Arn.h"
#include "Database.h"
#include "FieldRule.h"
#include "Lifecycle.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TagList.h"
#include "TransactionGuard.h"

#include <QVariant>

namespace footfall {

DatasetGroupService::DatasetGroupService(Database& database, const ServiceConfig& config)
    : m_database(database)
    , m_config(config)
{}

std::optional<QString> DatasetGroupService::checkName(const QString& name)
{
    return FieldRule::resourceName().check(QStringLiteral("name"), name);
}

QStringList DatasetGroupService::domains()
{
    return {QStringLiteral("ECOMMERCE"), QStringLiteral("VIDEO_ON_DEMAND")};
}

void DatasetGroupService::validate(const CreateDatasetGroupInput& input)
{
    FieldRule::resourceName().enforce(QStringLiteral("name"), input.name);
    if (!input.domain.isEmpty() && !domains().contains(input.domain)) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter domain, value: \"%1\", valid "
                           "values: ECOMMERCE, VIDEO_ON_DEMAND")
                .arg(input.domain),
            QStringLiteral("domain"));
    }
    if (!input.roleArn.isEmpty())
        FieldRule::roleArn().enforce(QStringLiteral("roleArn"), input.roleArn);
    if (!input.kmsKeyArn.isEmpty())
        FieldRule::kmsKeyArn().enforce(QStringLiteral("kmsKeyArn"), input.kmsKeyArn);
    TagList::validate(input.tags);
    const auto existing = select(QStringLiteral("name = ?"), {input.name});
    if (!existing.isEmpty()) {
        throw ServiceError(ErrorCode::ResourceAlreadyExists,
                           QStringLiteral("A dataset group named %1 already exists: %2")
                               .arg(input.name, existing.first().arn),
                           QStringLiteral("name"));
    }
}

DatasetGroup DatasetGroupService::create(const CreateDatasetGroupInput& input)
{
    TransactionGuard transaction(m_database);
    Lifecycle::purgeExpired(m_database, "dataset_group", m_config);
    validate(input);
    QSqlQuery insert = m_database.prepare(QStringLiteral(
        "INSERT INTO dataset_group (name, arn, domain, role_arn, kms_key_arn, tags, created_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(input.name);
    insert.addBindValue(Arn::build(m_config, QStringLiteral("dataset-group"), input.name));
    insert.addBindValue(input.domain.isEmpty() ? QVariant() : QVariant(input.domain));
    insert.addBindValue(input.roleArn.isEmpty() ? QVariant() : QVariant(input.roleArn));
    insert.addBindValue(input.kmsKeyArn.isEmpty() ? QVariant() : QVariant(input.kmsKeyArn));
    insert.addBindValue(input.tags.isEmpty() ? QVariant() : QVariant(TagList::toStorage(input.tags)));
    insert.addBindValue(m_config.nowMs());
    Database::execute(insert);
    const qint64 id = insert.lastInsertId().toLongLong();
    transaction.commit();
    return *findById(id);
}

DatasetGroup DatasetGroupService::describe(const QString& arn)
{
    return require(arn);
}

QList<DatasetGroup> DatasetGroupService::list()
{
    return select(QString(), {});
}

void DatasetGroupService::remove(const QString& arn)
{
    TransactionGuard transaction(m_database);
    const DatasetGroup group = require(arn);
    Lifecycle::purgeExpired(m_database, "event_tracker", m_config);
    Lifecycle::purgeExpired(m_database, "dataset", m_config);
    Lifecycle::purgeExpired(m_database, "metric_attribution", m_config);
    Lifecycle::purgeExpired(m_database, "campaign", m_config);
    Lifecycle::purgeExpired(m_database, "recommender", m_config);
    Lifecycle::purgeExpired(m_database, "solution", m_config);
    QSqlQuery users = m_database.prepare(QStringLiteral(
        "SELECT (SELECT name FROM event_tracker WHERE dataset_group_id = ?),"
        " (SELECT group_concat(dataset_type, ', ') FROM dataset WHERE dataset_group_id = ?),"
        " (SELECT name FROM metric_attribution WHERE dataset_group_id = ?),"
        " (SELECT group_concat(name, ', ') FROM solution WHERE dataset_group_id = ? AND hidden = 0),"
        " (SELECT group_concat(name, ', ') FROM recommender WHERE dataset_group_id = ?)"));
    for (int i = 0; i < 5; ++i)
        users.addBindValue(group.id);
    Database::execute(users);
    Database::nextRow(users);
    const QString tracker = users.value(0).toString();
    const QString datasets = users.value(1).toString();
    const QString attribution = users.value(2).toString();
    const QString solutions = users.value(3).toString();
    const QString recommenders = users.value(4).toString();
    if (!tracker.isEmpty() || !datasets.isEmpty() || !attribution.isEmpty() || !solutions.isEmpty() ||
        !recommenders.isEmpty()) {
        QStringList parts;
        if (!recommenders.isEmpty())
            parts << QStringLiteral("recommenders (%1)").arg(recommenders);
        if (!solutions.isEmpty())
            parts << QStringLiteral("solutions (%1)").arg(solutions);
        if (!attribution.isEmpty())
            parts << QStringLiteral("the metric attribution %1").arg(attribution);
        if (!tracker.isEmpty())
            parts << QStringLiteral("the event tracker %1").arg(tracker);
        if (!datasets.isEmpty())
            parts << QStringLiteral("datasets (%1)").arg(datasets);
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Dataset group %1 still has %2; delete them first")
                               .arg(group.name, parts.join(QStringLiteral(" and "))));
    }
    if (group.status == Lifecycle::deletePendingStatus())
        return;
    Lifecycle::requestDelete(m_database, "dataset_group", group.id, m_config);
    Lifecycle::purgeExpired(m_database, "dataset_group", m_config);
    transaction.commit();
}

std::optional<DatasetGroup> DatasetGroupService::findByArn(const QString& arn)
{
    const auto found = select(QStringLiteral("arn = ?"), {arn});
    return found.isEmpty() ? std::nullopt : std::optional<DatasetGroup>(found.first());
}

std::optional<DatasetGroup> DatasetGroupService::findById(qint64 id)
{
    const auto found = select(QStringLiteral("id = ?"), {id});
    return found.isEmpty() ? std::nullopt : std::optional<DatasetGroup>(found.first());
}

DatasetGroup DatasetGroupService::require(const QString& arn, const QString& parameter)
{
    FieldRule::arn().enforce(parameter, arn);
    if (auto group = findByArn(arn))
        return *group;
    throw ServiceError::notFound(QStringLiteral("Could not find dataset group %1").arg(arn));
}

QList<DatasetGroup> DatasetGroupService::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT id, name, arn, domain, role_arn, kms_key_arn, created_ms, delete_requested_ms "
                       "FROM dataset_group g ") +
        QStringLiteral("WHERE ") + Lifecycle::visibleCondition(QStringLiteral("g")) +
        (where.isEmpty() ? QString() : QStringLiteral(" AND ") + where) + QStringLiteral(" ORDER BY name"));
    query.addBindValue(Lifecycle::visibleCutoff(m_config));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    QList<DatasetGroup> groups;
    while (Database::nextRow(query)) {
        DatasetGroup group;
        group.id = query.value(0).toLongLong();
        group.name = query.value(1).toString();
        group.arn = query.value(2).toString();
        group.domain = query.value(3).toString();
        group.roleArn = query.value(4).toString();
        group.kmsKeyArn = query.value(5).toString();
        group.createdMs = query.value(6).toLongLong();
        const Lifecycle state = Lifecycle::at(group.createdMs, query.value(7).toLongLong(), m_config);
        group.status = state.status;
        group.lastUpdatedMs = state.lastUpdatedMs;
        groups.append(group);
    }
    return groups;
}

} // namespace footfall
