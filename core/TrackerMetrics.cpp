#include "TrackerMetrics.h"

#include "AttributionRollup.h"
#include "Database.h"
#include "ServiceError.h"

#include <QVariant>

namespace footfall {

TrackerMetrics::TrackerMetrics(const QSqlDatabase& connection)
    : m_request(Database::prepareOn(
          connection,
          QStringLiteral(
              "INSERT INTO tracker_request_rollup (tracker_arn, window_start, requests, errors_4xx, "
              "latency_ms_sum, latency_ms_max) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tracker_arn, "
              "window_start) DO UPDATE SET requests = requests + excluded.requests, errors_4xx = "
              "errors_4xx + excluded.errors_4xx, latency_ms_sum = latency_ms_sum + "
              "excluded.latency_ms_sum, latency_ms_max = MAX(latency_ms_max, excluded.latency_ms_max)")))
    , m_events(Database::prepareOn(
          connection,
          QStringLiteral("INSERT INTO tracker_event_rollup (tracker_arn, window_start, event_type, "
                         "events) VALUES (?, ?, ?, ?) ON CONFLICT (tracker_arn, window_start, "
                         "event_type) DO UPDATE SET events = events + excluded.events")))
{}

void TrackerMetrics::recordAccepted(const QString& trackerArn, qint64 receivedMs, double latencyMs,
                                    const QHash<QString, int>& eventsByType)
{
    const qint64 window = AttributionRollup::windowStart(receivedMs);
    m_request.addBindValue(trackerArn);
    m_request.addBindValue(window);
    m_request.addBindValue(1);
    m_request.addBindValue(0);
    m_request.addBindValue(latencyMs);
    m_request.addBindValue(latencyMs);
    Database::execute(m_request);
    for (auto it = eventsByType.begin(); it != eventsByType.end(); ++it) {
        if (it.value() == 0)
            continue;
        m_events.addBindValue(trackerArn);
        m_events.addBindValue(window);
        m_events.addBindValue(it.key());
        m_events.addBindValue(it.value());
        Database::execute(m_events);
    }
}

void TrackerMetrics::recordRejected(const QString& trackerArn, qint64 receivedMs)
{
    m_request.addBindValue(trackerArn);
    m_request.addBindValue(AttributionRollup::windowStart(receivedMs));
    m_request.addBindValue(0);
    m_request.addBindValue(1);
    m_request.addBindValue(0.0);
    m_request.addBindValue(0.0);
    Database::execute(m_request);
}

} // namespace footfall
