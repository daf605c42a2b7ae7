#include "EventMetricsReport.h"

#include "AttributionReport.h"
#include "CsvWriter.h"
#include "JsonTime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace footfall {

qint64 EventMetricsReport::totalRequests() const
{
    qint64 total = 0;
    for (const EventMetricsWindow& window : windows)
        total += window.requests;
    return total;
}

qint64 EventMetricsReport::totalErrors() const
{
    qint64 total = 0;
    for (const EventMetricsWindow& window : windows)
        total += window.errors4xx;
    return total;
}

QStringList EventMetricsReport::eventTypeNames() const
{
    QStringList names;
    for (const EventTypeCount& count : eventTypes) {
        if (!names.contains(count.eventType))
            names << count.eventType;
    }
    names.sort();
    return names;
}

QByteArray EventMetricsReport::toCsv() const
{
    QByteArray csv = CsvWriter::record({QStringLiteral("METRIC_NAME"), QStringLiteral("EVENT_TYPE"),
                                        QStringLiteral("VALUE"), QStringLiteral("STATISTIC"),
                                        QStringLiteral("TIMESTAMP")});
    const auto add = [&csv](const QString& metric, const QString& type, double value,
                            const QString& statistic, qint64 window) {
        csv += CsvWriter::record(
            {metric, type, AttributionReport::formatValue(value), statistic, QString::number(window)},
            CsvWriter::Cells::ForSpreadsheets);
    };
    for (const EventMetricsWindow& window : windows) {
        add(QStringLiteral("PutEventsRequests"), QString(), double(window.requests), QStringLiteral("sum"),
            window.windowStart);
        add(QStringLiteral("PutEvents4xxErrors"), QString(), double(window.errors4xx), QStringLiteral("sum"),
            window.windowStart);
        if (window.requests > 0) {
            add(QStringLiteral("PutEventLatency"), QString(), window.latencyAverageMs,
                QStringLiteral("average"), window.windowStart);
            add(QStringLiteral("PutEventLatency"), QString(), window.latencyMaximumMs,
                QStringLiteral("maximum"), window.windowStart);
        }
    }
    for (const EventTypeCount& count : eventTypes)
        add(QStringLiteral("Events"), count.eventType, double(count.events), QStringLiteral("sum"),
            count.windowStart);
    return csv;
}

QByteArray EventMetricsReport::toJson() const
{
    const auto iso = &JsonTime::isoSeconds;
    QJsonArray windowList;
    for (const EventMetricsWindow& window : windows) {
        windowList.append(QJsonObject{{QStringLiteral("windowStart"), iso(window.windowStart)},
                                      {QStringLiteral("PutEventsRequests"), window.requests},
                                      {QStringLiteral("PutEvents4xxErrors"), window.errors4xx},
                                      {QStringLiteral("PutEventLatencyAverage"), window.latencyAverageMs},
                                      {QStringLiteral("PutEventLatencyMaximum"), window.latencyMaximumMs}});
    }
    QJsonArray typeList;
    for (const EventTypeCount& count : eventTypes) {
        typeList.append(QJsonObject{{QStringLiteral("windowStart"), iso(count.windowStart)},
                                    {QStringLiteral("eventType"), count.eventType},
                                    {QStringLiteral("events"), count.events}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("eventMetrics"),
                                      QJsonObject{{QStringLiteral("eventTrackerArn"), trackerArn},
                                                  {QStringLiteral("datasetGroupArn"), datasetGroupArn},
                                                  {QStringLiteral("from"), iso(fromSeconds)},
                                                  {QStringLiteral("to"), iso(toSeconds)},
                                                  {QStringLiteral("bucket"),
                                                   AttributionReport::bucketName(bucketSeconds)},
                                                  {QStringLiteral("generatedAt"), iso(generatedMs / 1000)},
                                                  {QStringLiteral("windows"), windowList},
                                                  {QStringLiteral("eventTypes"), typeList}}}})
        .toJson(QJsonDocument::Indented);
}

} // namespace footfall
