#include "TrackerMetrics.h"

#include "AttributionRollup.h"

namespace footfall {

TrackerMetrics::TrackerMetrics(const QSqlDatabase& connection)
    : m_request(
          connection,
          QStringLiteral(
              "INSERT INTO tracker_request_rollup (tracker_arn, window_start, requests, errors_4xx, "
              "latency_ms_sum, latency_ms_max) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tracker_arn, "
              "window_start) DO UPDATE SET requests = requests + excluded.requests, errors_4xx = "
              "errors_4xx + excluded.errors_4xx, latency_ms_sum = footfall_add(latency_ms_sum, "
              "excluded.latency_ms_sum), latency_ms_max = MAX(latency_ms_max, excluded.latency_ms_max)"))
    , m_events(connection,
               QStringLiteral("INSERT INTO tracker_event_rollup (tracker_arn, window_start, event_type, "
                              "events) VALUES (?, ?, ?, ?) ON CONFLICT (tracker_arn, window_start, "
                              "event_type) DO UPDATE SET events = events + excluded.events"))
{}

void TrackerMetrics::recordAccepted(const QString& trackerArn, qint64 receivedMs, double latencyMs,
                                    const QHash<QString, int>& eventsByType)
{
    const qint64 window = AttributionRollup::windowStart(receivedMs);
    m_request.add(trackerArn).add(window).add(1).add(0).add(latencyMs).add(latencyMs).run();
    for (auto it = eventsByType.begin(); it != eventsByType.end(); ++it) {
        if (it.value() == 0)
            continue;
        m_events.add(trackerArn).add(window).add(it.key()).add(it.value()).run();
    }
}

void TrackerMetrics::recordRejected(const QString& trackerArn, qint64 receivedMs)
{
    m_request.add(trackerArn)
        .add(AttributionRollup::windowStart(receivedMs))
        .add(0)
        .add(1)
        .add(0.0)
        .add(0.0)
        .run();
}

} // namespace footfall
