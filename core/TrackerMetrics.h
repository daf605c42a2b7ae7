#pragma once

#include "SqliteStatement.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

namespace footfall {

// Keeps the 15-minute windows behind a tracker's event metrics (PutEventsRequests,
// PutEvents4xxErrors, PutEventLatency, events by type), in the caller's transaction.
class TrackerMetrics
{
public:
    explicit TrackerMetrics(const QSqlDatabase& connection);
    Q_DISABLE_COPY_MOVE(TrackerMetrics)

    void recordAccepted(const QString& trackerArn, qint64 receivedMs, double latencyMs,
                        const QHash<QString, int>& eventsByType);
    void recordRejected(const QString& trackerArn, qint64 receivedMs);

private:
    SqliteStatement m_request;
    SqliteStatement m_events;
};

} // namespace footfall
