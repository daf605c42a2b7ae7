#include "ReportService.h"

#include "AttributionRollup.h"
#include "AttributionSource.h"
#include "AttributionSourceLedger.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "DecimalSum.h"
#include "EventTrackerService.h"
#include "JsonTime.h"
#include "MetricAttributionService.h"
#include "SchemaService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TransactionGuard.h"

#include <QHash>
#include <QVariant>

#include <algorithm>

namespace footfall {

namespace {

// Runs a query over stored windows regrouped into buckets, whose placeholders are, in order:
// "window_start / ? * ?" (the bucket), the key of the windows (a metric or a tracker), and the
// range "window_start >= ? AND window_start < ?".
void runBucketed(QSqlQuery& query, int bucketSeconds, const QVariant& key, qint64 fromSeconds,
                 qint64 toSeconds)
{
    query.addBindValue(bucketSeconds);
    query.addBindValue(bucketSeconds);
    query.addBindValue(key);
    query.addBindValue(fromSeconds);
    query.addBindValue(toSeconds);
    Database::execute(query);
}

qint64 floorTo(qint64 seconds, int bucket)
{
    return seconds - ((seconds % bucket) + bucket) % bucket;
}

qint64 ceilTo(qint64 seconds, int bucket)
{
    const qint64 floor = floorTo(seconds, bucket);
    return floor == seconds ? seconds : floor + bucket;
}

// A report's range and bucket. An asked-for end or bucket is kept; an end left to its default
// (`defaultFrom`, `defaultTo`) is widened to whole windows. Bucket 0 asks for the smallest bucket
// that fits the range it gives, once widened.
struct ReportRange
{
    qint64 fromSeconds = 0;
    qint64 toSeconds = 0;
    int bucketSeconds = 0;
};

ReportRange resolveRange(qint64 askedFrom, qint64 askedTo, int askedBucket, qint64 defaultFrom,
                         qint64 defaultTo)
{
    const auto widened = [&](int bucket) {
        return ReportRange{askedFrom > 0 ? askedFrom : floorTo(defaultFrom, bucket),
                           askedTo > 0 ? askedTo : ceilTo(defaultTo, bucket), bucket};
    };
    if (askedBucket != 0)
        return widened(askedBucket);
    for (const int bucket : AttributionReport::bucketChoices()) {
        const ReportRange range = widened(bucket);
        if (AttributionReport::bucketFor(range.toSeconds - range.fromSeconds) <= bucket)
            return range;
    }
    return widened(AttributionReport::bucketChoices().last());
}

void checkRange(qint64 from, qint64 to)
{
    if (to <= from) {
        throw ServiceError::invalidInput(
            QStringLiteral("The report's range ends (%1) before or when it starts (%2)")
                .arg(JsonTime::isoSeconds(to), JsonTime::isoSeconds(from)),
            QStringLiteral("to"));
    }
}

// The services a report reads, over one read-only connection.
struct ReaderServices
{
    ReaderServices(const QString& path, const ServiceConfig& config)
        : database(Database::openReader(path))
        , groups(*database, config)
        , schemas(*database, config)
        , datasets(*database, config, groups, schemas)
        , attributions(*database, config, groups, datasets, schemas)
        , trackers(*database, config, groups)
        , reports(*database, config, groups, attributions, trackers)
    {}

    std::unique_ptr<Database> database;
    DatasetGroupService groups;
    SchemaService schemas;
    DatasetService datasets;
    MetricAttributionService attributions;
    EventTrackerService trackers;
    ReportService reports;
};

} // namespace

AttributionReport ReportService::attributionFrom(const QString& path, const ServiceConfig& config,
                                                 const AttributionReportRequest& request)
{
    ReaderServices services(path, config);
    return services.reports.attribution(request);
}

EventMetricsReport ReportService::eventMetricsFrom(const QString& path, const ServiceConfig& config,
                                                   const QString& trackerArn, qint64 fromSeconds,
                                                   qint64 toSeconds, int bucketSeconds)
{
    ReaderServices services(path, config);
    return services.reports.eventMetrics(trackerArn, fromSeconds, toSeconds, bucketSeconds);
}

ReportService::ReportService(Database& database, const ServiceConfig& config, DatasetGroupService& groups,
                             MetricAttributionService& attributions, EventTrackerService& trackers)
    : m_database(database)
    , m_config(config)
    , m_groups(groups)
    , m_attributions(attributions)
    , m_trackers(trackers)
{}

void ReportService::checkBucket(int bucketSeconds)
{
    if (bucketSeconds != 0 && !AttributionReport::bucketChoices().contains(bucketSeconds)) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid bucket of %1 seconds; use 15m, 1h, 6h or 1d").arg(bucketSeconds),
            QStringLiteral("bucket"));
    }
}

AttributionReport ReportService::attribution(const AttributionReportRequest& request)
{
    checkBucket(request.bucketSeconds);
    const DatasetGroup group = m_groups.require(request.datasetGroupArn);
    AttributionReport report;
    report.datasetGroupArn = group.arn;
    report.datasetGroupName = group.name;
    report.generatedMs = m_config.nowMs();
    const qint64 nowSeconds = report.generatedMs / 1000;

    const auto attribution = m_attributions.findForGroup(group.id);
    // By default the range runs from when counting began to now, widened to every counted window:
    // an event recorded after the attribution was created may have been sent before it, or ahead.
    qint64 startSeconds = attribution ? attribution->createdMs / 1000 : nowSeconds;
    qint64 endSeconds = nowSeconds + 1;
    if (attribution && (request.fromSeconds <= 0 || request.toSeconds <= 0)) {
        QSqlQuery extent = m_database.prepare(QStringLiteral(
            "SELECT MIN(r.window_start), MAX(r.window_start) FROM attribution_rollup r"
            " JOIN attribution_metric m ON m.id = r.metric_id WHERE m.metric_attribution_id = ?"));
        extent.addBindValue(attribution->id);
        Database::execute(extent);
        if (Database::nextRow(extent) && !extent.value(0).isNull()) {
            startSeconds = std::min(startSeconds, extent.value(0).toLongLong());
            endSeconds =
                std::max(endSeconds, extent.value(1).toLongLong() + AttributionRollup::kWindowSeconds);
        }
    }
    const ReportRange range =
        resolveRange(request.fromSeconds, request.toSeconds, request.bucketSeconds, startSeconds, endSeconds);
    const int bucket = range.bucketSeconds;
    report.fromSeconds = range.fromSeconds;
    report.toSeconds = range.toSeconds;
    report.bucketSeconds = bucket;
    checkRange(report.fromSeconds, report.toSeconds);
    if (!attribution) {
        report.emptyReason = QStringLiteral("Dataset group %1 has no metric attribution. Create one to count "
                                            "events by source; events recorded from then on are counted.")
                                 .arg(group.name);
        return report;
    }
    report.metricAttributionArn = attribution->arn;
    report.metricAttributionName = attribution->name;
    report.attributionCreatedMs = attribution->createdMs;
    if (!request.metricName.isEmpty()) {
        const AttributionMetric* metric = attribution->metric(request.metricName);
        if (!metric) {
            QStringList names;
            for (const AttributionMetric& candidate : attribution->metrics)
                names << candidate.metricName;
            throw ServiceError::invalidInput(
                QStringLiteral("Metric attribution %1 has no metric %2; its metrics are %3")
                    .arg(attribution->name, request.metricName,
                         names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))),
                QStringLiteral("metric"));
        }
        report.metrics = {*metric};
    } else {
        report.metrics = attribution->metrics;
    }

    // The stored windows are 15 minutes; a bigger bucket adds them up. Windows whose start falls in
    // [from, to) count.
    QSqlQuery windows = m_database.prepare(QStringLiteral(
        "SELECT window_start / ? * ?, source, footfall_sum(value), SUM(samples) FROM attribution_rollup"
        " WHERE metric_id = ? AND window_start >= ? AND window_start < ?"
        " GROUP BY 1, 2 ORDER BY 2, 1"));
    for (const AttributionMetric& metric : report.metrics) {
        runBucketed(windows, bucket, metric.id, report.fromSeconds, report.toSeconds);
        QHash<QString, AttributionSourceTotal> totals;
        QHash<QString, DecimalSum> sums; // the totals' values, added as decimals
        while (Database::nextRow(windows)) {
            AttributionReportRow row;
            row.metricName = metric.metricName;
            row.eventType = metric.eventType;
            row.mathFunction = metric.expression.mathFunction();
            row.windowStart = windows.value(0).toLongLong();
            row.source = windows.value(1).toString();
            row.value = windows.value(2).toDouble();
            row.samples = windows.value(3).toLongLong();
            report.rows.append(row);
            AttributionSourceTotal& total = totals[row.source];
            total.metricName = metric.metricName;
            total.source = row.source;
            sums[row.source].add(row.value);
            total.samples += row.samples;
        }
        for (auto it = totals.begin(); it != totals.end(); ++it)
            it->value = sums.value(it.key()).value();
        QList<AttributionSourceTotal> ordered = totals.values();
        std::sort(ordered.begin(), ordered.end(),
                  [](const AttributionSourceTotal& a, const AttributionSourceTotal& b) {
                      return a.value != b.value ? a.value > b.value : a.source < b.source;
                  });
        report.totals += ordered;
    }

    // The group's sources in the order they first appeared: the same for every metric and range.
    QSqlQuery known = m_database.prepare(QStringLiteral(
        "SELECT source FROM attribution_source WHERE dataset_group_id = ? ORDER BY first_seen_ms, source"));
    known.addBindValue(group.id);
    Database::execute(known);
    while (Database::nextRow(known))
        report.sourceOrder.append(known.value(0).toString());
    QStringList others;
    for (const AttributionReportRow& row : report.rows) {
        if (row.source != AttributionSource::undefinedLabel() && !report.sourceOrder.contains(row.source) &&
            !others.contains(row.source))
            others.append(row.source);
    }
    std::sort(others.begin(), others.end());
    report.sourceOrder += others;

    if (report.rows.isEmpty()) {
        QSqlQuery latest = m_database.prepare(QStringLiteral(
            "SELECT recorded_ms FROM interaction WHERE dataset_group_id = ? ORDER BY id DESC LIMIT 1"));
        latest.addBindValue(group.id);
        Database::execute(latest);
        const bool eventsSince =
            Database::nextRow(latest) && latest.value(0).toLongLong() >= attribution->createdMs;
        QStringList types;
        for (const AttributionMetric& metric : report.metrics)
            types << metric.eventType;
        types.removeDuplicates();
        report.emptyReason =
            report.metrics.isEmpty()
                ? QStringLiteral("Metric attribution %1 has no metrics.").arg(attribution->name)
            : !eventsSince
                ? QStringLiteral("No events have been recorded since metric attribution %1 was created (%2); "
                                 "only events recorded after that count.")
                      .arg(attribution->name, JsonTime::isoSeconds(attribution->createdMs / 1000))
                : QStringLiteral("No events of type %1 recorded since metric attribution %2 was created fall "
                                 "in this range.")
                      .arg(types.join(QStringLiteral(", ")), attribution->name);
    }
    return report;
}

qint64 ReportService::rebuild(const QString& datasetGroupArn)
{
    const DatasetGroup group = m_groups.require(datasetGroupArn);
    TransactionGuard transaction(m_database);
    AttributionSourceLedger::rebuild(m_database.connection(), group.id);
    AttributionRollup::rebuild(m_database.connection(), group.id);
    QSqlQuery count = m_database.prepare(QStringLiteral(
        "SELECT COUNT(*) FROM attribution_rollup r JOIN attribution_metric m ON m.id = r.metric_id"
        " JOIN metric_attribution a ON a.id = m.metric_attribution_id WHERE a.dataset_group_id = ?"));
    count.addBindValue(group.id);
    Database::execute(count);
    Database::nextRow(count);
    const qint64 windows = count.value(0).toLongLong();
    transaction.commit();
    return windows;
}

EventMetricsReport ReportService::eventMetrics(const QString& trackerArn, qint64 fromSeconds,
                                               qint64 toSeconds, int bucketSeconds)
{
    checkBucket(bucketSeconds);
    const EventTracker tracker = m_trackers.describe(trackerArn);
    EventMetricsReport report;
    report.trackerArn = tracker.arn;
    report.trackerName = tracker.name;
    report.datasetGroupArn = tracker.datasetGroupArn;
    report.generatedMs = m_config.nowMs();
    const ReportRange range = resolveRange(fromSeconds, toSeconds, bucketSeconds, tracker.createdMs / 1000,
                                           report.generatedMs / 1000 + 1);
    report.bucketSeconds = range.bucketSeconds;
    report.fromSeconds = range.fromSeconds;
    report.toSeconds = range.toSeconds;
    checkRange(report.fromSeconds, report.toSeconds);

    // Both queries read one tracker's windows in the range, regrouped into buckets.
    const auto windowsOfTracker = [&](const QString& sql) {
        QSqlQuery query = m_database.prepare(sql);
        runBucketed(query, report.bucketSeconds, tracker.arn, report.fromSeconds, report.toSeconds);
        return query;
    };
    QSqlQuery windows = windowsOfTracker(QStringLiteral(
        "SELECT window_start / ? * ?, SUM(requests), SUM(errors_4xx), footfall_sum(latency_ms_sum),"
        " MAX(latency_ms_max) FROM tracker_request_rollup WHERE tracker_arn = ? AND window_start >= ?"
        " AND window_start < ? GROUP BY 1 ORDER BY 1"));
    while (Database::nextRow(windows)) {
        EventMetricsWindow window;
        window.windowStart = windows.value(0).toLongLong();
        window.requests = windows.value(1).toLongLong();
        window.errors4xx = windows.value(2).toLongLong();
        window.latencyAverageMs =
            window.requests > 0 ? windows.value(3).toDouble() / double(window.requests) : 0.0;
        window.latencyMaximumMs = windows.value(4).toDouble();
        report.windows.append(window);
    }
    QSqlQuery types = windowsOfTracker(QStringLiteral(
        "SELECT window_start / ? * ?, event_type, SUM(events) FROM tracker_event_rollup"
        " WHERE tracker_arn = ? AND window_start >= ? AND window_start < ? GROUP BY 1, 2 ORDER BY 1, 2"));
    while (Database::nextRow(types))
        report.eventTypes.append(
            {types.value(0).toLongLong(), types.value(1).toString(), types.value(2).toLongLong()});
    return report;
}

} // namespace footfall
