#pragma once

#include "MetricAttribution.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace footfall {

struct AttributionReportRequest
{
    QString datasetGroupArn;
    QString metricName;     // empty: every metric
    qint64 fromSeconds = 0; // inclusive; 0: when the metric attribution was created
    qint64 toSeconds = 0;   // exclusive; 0: now
    int bucketSeconds = 0;  // 0: the bucket that fits the range (AttributionReport::bucketFor)
};

// One value of one metric for one source in one window (re-bucketed to the report's bucket size).
struct AttributionReportRow
{
    QString metricName;
    QString eventType;
    QString mathFunction; // samplecount or sum
    QString source;
    qint64 windowStart = 0; // epoch seconds
    double value = 0.0;
    qint64 samples = 0; // the events that made the value
};

struct AttributionSourceTotal
{
    QString metricName;
    QString source;
    double value = 0.0;
    qint64 samples = 0;
};

// An attribution report as plain data: what the console charts and tables show and what the
// exports write. Rows are ordered by metric (as the attribution lists them), source, window.
struct AttributionReport
{
    QString datasetGroupArn;
    QString datasetGroupName;
    QString metricAttributionArn; // empty: the group has no metric attribution
    QString metricAttributionName;
    qint64 attributionCreatedMs = 0;
    QList<AttributionMetric> metrics; // those the report covers
    qint64 fromSeconds = 0;
    qint64 toSeconds = 0;
    int bucketSeconds = 900;
    qint64 generatedMs = 0;
    QList<AttributionReportRow> rows;
    QList<AttributionSourceTotal> totals; // per metric, largest first
    QString emptyReason;                  // why there are no rows, when there are none
    // Every source the group has recorded, first seen first, then any other source of the rows: a
    // source's place, and so its colour, is the same in every chart and export of the group.
    QStringList sourceOrder;

    bool isEmpty() const { return rows.isEmpty(); }
    QStringList sources() const; // every source in the rows, by total (all metrics) then name
    QList<AttributionReportRow> rowsOf(const QString& metricName) const;
    // Where `source` stands in sourceOrder; -1 for SOURCE_NAME_UNDEFINED (no source) and unknown ones.
    int placeOf(const QString& source) const;

    // The layout Amazon Personalize writes to S3:
    // METRIC_NAME,EVENT_TYPE,VALUE,MATH_FUNCTION,EVENT_ATTRIBUTION_SOURCE,TIMESTAMP, with text that
    // a spreadsheet would run as a formula neutralised (CsvWriter::forSpreadsheet).
    QByteArray toCsv() const;
    QByteArray toJson() const;

    static std::optional<int> parseBucket(const QString& text); // 15m, 1h, 6h, 1d
    static QString bucketName(int seconds);
    // The bucket sizes a report offers, smallest first.
    static const QList<int>& bucketChoices();
    // The most windows a fitted bucket gives a range.
    static constexpr qint64 kMaxFittedWindows = 200;
    // The smallest bucket that cuts `spanSeconds` into at most kMaxFittedWindows windows (the
    // largest for a longer span): a readable chart and a short export, as fine as that allows.
    static int bucketFor(qint64 spanSeconds);
    // 12.0, 0.5, 805.92: a float as the S3 files write it, the shortest text that reads back
    // exactly (NumberText::shortestFloat).
    static QString formatValue(double value);
};

} // namespace footfall
