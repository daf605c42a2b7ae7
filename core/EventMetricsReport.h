#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace footfall {

// One window of a tracker's PutEvents calls, as CloudWatch shows them.
struct EventMetricsWindow
{
    qint64 windowStart = 0;        // epoch seconds
    qint64 requests = 0;           // PutEventsRequests: calls answered 200
    qint64 errors4xx = 0;          // PutEvents4xxErrors
    double latencyAverageMs = 0.0; // PutEventLatency over the window's successful calls
    double latencyMaximumMs = 0.0;
};

struct EventTypeCount
{
    qint64 windowStart = 0;
    QString eventType;
    qint64 events = 0; // events recorded (duplicates are not)
};

// The event metrics of one event tracker over a time range, re-bucketed.
struct EventMetricsReport
{
    QString trackerArn;
    QString trackerName;
    QString datasetGroupArn;
    qint64 fromSeconds = 0;
    qint64 toSeconds = 0;
    int bucketSeconds = 900;
    qint64 generatedMs = 0;
    QList<EventMetricsWindow> windows;
    QList<EventTypeCount> eventTypes;

    qint64 totalRequests() const;
    qint64 totalErrors() const;
    QStringList eventTypeNames() const;

    // METRIC_NAME,EVENT_TYPE,VALUE,STATISTIC,TIMESTAMP rows, one per metric and window; formula-like
    // text neutralised as in AttributionReport::toCsv.
    QByteArray toCsv() const;
    QByteArray toJson() const;
};

} // namespace footfall
