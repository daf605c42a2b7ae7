#include "ReadinessService.h"

#include "Database.h"

#include <QVariant>

namespace footfall {

ReadinessService::ReadinessService(Database& database)
    : m_database(database)
{}

Readiness ReadinessService::compute(qint64 datasetGroupId, const ReadinessFilter& filter)
{
    // A filter clause, and its bound values, applied to the interaction rows "i".
    QString passes = QStringLiteral("1");
    QVariantList filterValues;
    if (!filter.eventTypes.isEmpty()) {
        QStringList marks;
        for (const QString& type : filter.eventTypes) {
            marks << QStringLiteral("?");
            filterValues << type;
        }
        passes = QStringLiteral("i.event_type IN (%1)").arg(marks.join(QStringLiteral(", ")));
    }
    if (filter.minEventValue) {
        passes += QStringLiteral(" AND i.event_value >= ?");
        filterValues << *filter.minEventValue;
    }

    Readiness readiness;
    QSqlQuery totals = m_database.prepare(
        QStringLiteral("SELECT"
                       " sum(CASE WHEN i.user_id IS NULL AND l.user_id IS NULL THEN 1 ELSE 0 END),"
                       " sum(CASE WHEN i.user_id IS NULL AND l.user_id IS NOT NULL THEN 1 ELSE 0 END),"
                       " sum(i.not_for_training),"
                       " sum(CASE WHEN NOT (%1) THEN 1 ELSE 0 END),"
                       " sum(i.duplicate_count) "
                       "FROM interaction i LEFT JOIN session_link l"
                       " ON l.dataset_group_id = i.dataset_group_id AND l.session_id = i.session_id AND "
                       "i.user_id IS NULL "
                       "WHERE i.dataset_group_id = ?")
            .arg(passes));
    for (const QVariant& value : filterValues)
        totals.addBindValue(value);
    totals.addBindValue(datasetGroupId);
    Database::execute(totals);
    if (Database::nextRow(totals)) {
        readiness.anonymousPending = totals.value(0).toLongLong();
        readiness.anonymousLinked = totals.value(1).toLongLong();
        readiness.notForTraining = totals.value(2).toLongLong();
        readiness.filteredOut = totals.value(3).toLongLong();
        readiness.duplicatesCollapsed = totals.value(4).toLongLong();
    }

    QSqlQuery perUser = m_database.prepare(
        QStringLiteral("SELECT count(*), sum(CASE WHEN n >= 2 THEN 1 ELSE 0 END), sum(n) FROM ("
                       " SELECT coalesce(i.user_id, l.user_id) AS who, count(*) AS n"
                       " FROM interaction i LEFT JOIN session_link l"
                       "  ON l.dataset_group_id = i.dataset_group_id AND l.session_id = i.session_id AND "
                       "i.user_id IS NULL"
                       " WHERE i.dataset_group_id = ? AND i.not_for_training = 0 AND coalesce(i.user_id, "
                       "l.user_id) IS NOT NULL"
                       "  AND %1"
                       " GROUP BY who)")
            .arg(passes));
    perUser.addBindValue(datasetGroupId);
    for (const QVariant& value : filterValues)
        perUser.addBindValue(value);
    Database::execute(perUser);
    if (Database::nextRow(perUser)) {
        readiness.users = perUser.value(0).toLongLong();
        readiness.usersWithTwoOrMore = perUser.value(1).toLongLong();
        readiness.interactions = perUser.value(2).toLongLong();
    }
    return readiness;
}

} // namespace footfall
