#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>

namespace footfall {

// The distinct attribution sources each dataset group has recorded, for the limit of 100 that AWS
// sets. SOURCE_NAME_UNDEFINED is not a source and never counts.
class AttributionSourceLedger
{
public:
    explicit AttributionSourceLedger(const QSqlDatabase& connection);
    Q_DISABLE_COPY_MOVE(AttributionSourceLedger)

    // Notes `source` (a resolved, non-empty source) for the group; throws ServiceError
    // (InvalidInput) naming the limit and the count when it would be one too many. Stores nothing then.
    void admit(qint64 datasetGroupId, const QString& source, qint64 nowMs);

    // Recomputes the group's sources from its stored events (after events were removed).
    static void rebuild(const QSqlDatabase& connection, qint64 datasetGroupId);

private:
    QSqlQuery m_known;
    QSqlQuery m_count;
    QSqlQuery m_insert;
};

} // namespace footfall
