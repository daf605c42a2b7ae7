#include "EventTrackerService.h"

#include "Arn.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "FieldRule.h"
#include "Lifecycle.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TagList.h"
#include "TransactionGuard.h"

#include <QUuid>
#include <QVariant>

namespace footfall {

EventTrackerService::EventTrackerService(Database& database, const ServiceConfig& config,
                                         DatasetGroupService& groups)
    : m_database(database)
    , m_config(config)
    , m_groups(groups)
{}

void EventTrackerService::validate(const QString& name, const QString& datasetGroupArn,
                                   const QJsonArray& tags)
{
    FieldRule::resourceName().enforce(QStringLiteral("name"), name);
    TagList::validate(tags);
    const DatasetGroup group = m_groups.require(datasetGroupArn);
    if (group.status == Lifecycle::deletePendingStatus()) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Dataset group %1 is being deleted").arg(group.name));
    }
    if (const auto existing = findForGroup(group.id)) {
        throw ServiceError(
            ErrorCode::ResourceAlreadyExists,
            QStringLiteral("Dataset group %1 already has the event tracker %2 (%3)%4. A dataset group "
                           "can have only one event tracker")
                .arg(group.name, existing->name, existing->arn,
                     existing->status == Lifecycle::deletePendingStatus()
                         ? QStringLiteral(", which is being deleted")
                         : QString()),
            QStringLiteral("datasetGroupArn"));
    }
    if (const auto named = select(QStringLiteral("t.name = ?"), {name}); !named.isEmpty()) {
        throw ServiceError(
            ErrorCode::ResourceAlreadyExists,
            QStringLiteral("An event tracker named %1 already exists: %2").arg(name, named.first().arn),
            QStringLiteral("name"));
    }
}

EventTracker EventTrackerService::create(const QString& name, const QString& datasetGroupArn,
                                         const QJsonArray& tags)
{
    TransactionGuard transaction(m_database);
    Lifecycle::purgeExpired(m_database, "event_tracker", m_config);
    validate(name, datasetGroupArn, tags);
    const DatasetGroup group = m_groups.require(datasetGroupArn);
    QSqlQuery insert = m_database.prepare(QStringLiteral(
        "INSERT INTO event_tracker (dataset_group_id, name, arn, tracking_id, tags, created_ms) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(group.id);
    insert.addBindValue(name);
    insert.addBindValue(Arn::build(m_config, QStringLiteral("event-tracker"), name));
    insert.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    insert.addBindValue(tags.isEmpty() ? QVariant() : QVariant(TagList::toStorage(tags)));
    insert.addBindValue(m_config.nowMs());
    Database::execute(insert);
    const qint64 id = insert.lastInsertId().toLongLong();
    transaction.commit();
    return select(QStringLiteral("t.id = ?"), {id}).first();
}

EventTracker EventTrackerService::describe(const QString& arn)
{
    FieldRule::arn().enforce(QStringLiteral("eventTrackerArn"), arn);
    if (auto tracker = findByArn(arn))
        return *tracker;
    throw ServiceError::notFound(QStringLiteral("Could not find event tracker %1").arg(arn));
}

QList<EventTracker> EventTrackerService::list(const QString& datasetGroupArn)
{
    if (datasetGroupArn.isEmpty())
        return select(QString(), {});
    const DatasetGroup group = m_groups.require(datasetGroupArn);
    return select(QStringLiteral("t.dataset_group_id = ?"), {group.id});
}

void EventTrackerService::remove(const QString& arn)
{
    TransactionGuard transaction(m_database);
    const EventTracker tracker = describe(arn);
    if (tracker.status == Lifecycle::deletePendingStatus())
        return;
    Lifecycle::requestDelete(m_database, "event_tracker", tracker.id, m_config);
    Lifecycle::purgeExpired(m_database, "event_tracker", m_config);
    transaction.commit();
}

std::optional<EventTracker> EventTrackerService::findByArn(const QString& arn)
{
    const auto found = select(QStringLiteral("t.arn = ?"), {arn});
    return found.isEmpty() ? std::nullopt : std::optional<EventTracker>(found.first());
}

std::optional<EventTracker> EventTrackerService::findByTrackingId(const QString& trackingId)
{
    const auto found = select(QStringLiteral("t.tracking_id = ?"), {trackingId});
    return found.isEmpty() ? std::nullopt : std::optional<EventTracker>(found.first());
}

std::optional<EventTracker> EventTrackerService::findForGroup(qint64 datasetGroupId)
{
    const auto found = select(QStringLiteral("t.dataset_group_id = ?"), {datasetGroupId});
    return found.isEmpty() ? std::nullopt : std::optional<EventTracker>(found.first());
}

const QString& EventTrackerService::columns()
{
    static const QString list =
        QStringLiteral("t.id, t.dataset_group_id, t.name, t.arn, t.tracking_id, g.arn, "
                       "t.created_ms, t.delete_requested_ms");
    return list;
}

EventTracker EventTrackerService::readRow(const QSqlQuery& query, int first, const ServiceConfig& config)
{
    EventTracker tracker;
    tracker.id = query.value(first).toLongLong();
    tracker.datasetGroupId = query.value(first + 1).toLongLong();
    tracker.name = query.value(first + 2).toString();
    tracker.arn = query.value(first + 3).toString();
    tracker.trackingId = query.value(first + 4).toString();
    tracker.datasetGroupArn = query.value(first + 5).toString();
    tracker.accountId = tracker.arn.section(QLatin1Char(':'), 4, 4);
    tracker.createdMs = query.value(first + 6).toLongLong();
    const Lifecycle state = Lifecycle::at(tracker.createdMs, query.value(first + 7).toLongLong(), config);
    tracker.status = state.status;
    tracker.lastUpdatedMs = state.lastUpdatedMs;
    return tracker;
}

QList<EventTracker> EventTrackerService::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT ") + columns() +
        QStringLiteral(" FROM event_tracker t JOIN dataset_group g ON g.id = t.dataset_group_id WHERE ") +
        Lifecycle::visibleCondition(QStringLiteral("t")) +
        (where.isEmpty() ? QString() : QStringLiteral(" AND ") + where) + QStringLiteral(" ORDER BY t.name"));
    query.addBindValue(Lifecycle::visibleCutoff(m_config));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    QList<EventTracker> trackers;
    while (Database::nextRow(query))
        trackers.append(readRow(query, 0, m_config));
    return trackers;
}

} // namespace footfall
