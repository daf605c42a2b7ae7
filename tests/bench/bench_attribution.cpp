// Attribution at scale: a 30-day report on a 10,000,000-event dataset group with 20 sources,
// against the equivalent GROUP BY over the raw events in the sqlite3 shell on the same file; and
// what keeping the rollups costs PutEvents (with an active metric attribution against without).
#include "BenchSupport.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "MetricAttributionService.h"
#include "RecordingService.h"
#include "ReportService.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>
#include <cstdio>

using namespace footfall;

namespace {

constexpr qint64 kEvents = 10000000;
constexpr int kSources = 20;
constexpr qint64 kStart = 1792999800; // 2026-10-26T11:30:00Z, a window start; the range is 30 days from it
constexpr qint64 kDays = 30;

QJsonArray metrics()
{
    return {QJsonObject{{QStringLiteral("eventType"), QStringLiteral("click")},
                        {QStringLiteral("metricName"), QStringLiteral("CLICKS")},
                        {QStringLiteral("expression"), QStringLiteral("SAMPLECOUNT()")}},
            QJsonObject{{QStringLiteral("eventType"), QStringLiteral("purchase")},
                        {QStringLiteral("metricName"), QStringLiteral("PURCHASE_VALUE")},
                        {QStringLiteral("expression"), QStringLiteral("SUM(Interactions.EVENT_VALUE)")}}};
}

QJsonObject outputConfig()
{
    return {{QStringLiteral("roleArn"), QStringLiteral("arn:aws:iam::000000000000:role/metrics")}};
}

// The 10M events, written straight into the table (as a bulk import would leave them), then the
// windows recounted by `report rebuild`, which is timed.
struct BigAttribution
{
    QTemporaryDir dir;
    bench::ShopWorkspace shop;
    qint64 groupId = 0;
    double rebuildSeconds = 0;

    BigAttribution()
    {
        ServiceConfig config;
        config.provisioningMs = 0;
        shop = bench::createShop(dir.filePath(QStringLiteral("attribution.db")), config);
        groupId = shop.workspace->datasetGroups().describe(shop.groupArn).id;
        shop.workspace->metricAttributions().create(
            {QStringLiteral("shop-metrics"), shop.groupArn, metrics(), outputConfig()});
        const qint64 created = QDateTime::currentMSecsSinceEpoch();
        QSqlQuery fill(shop.workspace->database().connection());
        fill.exec(QStringLiteral("BEGIN"));
        fill.exec(
            QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                "INSERT INTO interaction (dataset_group_id, origin, event_id, event_id_given, event_type,"
                " sent_at_ms, user_id, session_id, item_id, event_value, attribution_source,"
                " resolved_source, content_hash, recorded_ms) "
                "SELECT %2, 'import', 'e' || i, 0, CASE i % 4 WHEN 0 THEN 'purchase' ELSE 'click' END,"
                " (%3 + i * %4 / %1) * 1000, 'user-' || (i % 50000), NULL, 'item-' || (i % 100000),"
                " i % 7, CASE WHEN i % 21 = 0 THEN NULL ELSE 'source-' || (i % %5) END,"
                " CASE WHEN i % 21 = 0 THEN NULL ELSE 'source-' || (i % %5) END,"
                " 'h' || i, %6 FROM n")
                .arg(kEvents)
                .arg(groupId)
                .arg(kStart)
                .arg(kDays * 86400)
                .arg(kSources)
                .arg(created + 1000));
        if (fill.lastError().isValid())
            qFatal("cannot fill the database: %s", qPrintable(fill.lastError().text()));
        fill.exec(QStringLiteral("COMMIT"));
        QElapsedTimer timer;
        timer.start();
        shop.workspace->reports().rebuild(shop.groupArn);
        rebuildSeconds = double(timer.nsecsElapsed()) / 1e9;
        std::fprintf(stderr, "built %lld events; report rebuild took %.1f s\n",
                     static_cast<long long>(kEvents), rebuildSeconds);
    }
};

BigAttribution& big()
{
    static BigAttribution workspace;
    return workspace;
}

} // namespace

static void BM_AttributionReport30Days(benchmark::State& state)
{
    BigAttribution& workspace = big();
    AttributionReportRequest request{workspace.shop.groupArn, {}, kStart, kStart + kDays * 86400, 900};
    qint64 rows = 0;
    for (auto _ : state) {
        const AttributionReport report = workspace.shop.workspace->reports().attribution(request);
        rows = report.rows.size();
        benchmark::DoNotOptimize(rows);
    }
    state.counters["rows"] = double(rows);
    state.counters["rebuild_s"] = workspace.rebuildSeconds;
}
BENCHMARK(BM_AttributionReport30Days)->Unit(benchmark::kMillisecond);

// The same numbers from the raw events: the GROUP BY one would write without rollups, in the sqlite3
// shell on the same file (the process start is part of it, as it is for anyone who runs it).
static void BM_Sqlite3GroupByRawEvents(benchmark::State& state)
{
    BigAttribution& workspace = big();
    const QString sql =
        QStringLiteral(
            "SELECT event_type, COALESCE(resolved_source, 'SOURCE_NAME_UNDEFINED'),"
            " sent_at_ms / 1000 / 900 * 900 AS window, COUNT(*), TOTAL(event_value) FROM interaction"
            " WHERE dataset_group_id = %1 AND event_type IN ('click', 'purchase')"
            " AND sent_at_ms >= %2 AND sent_at_ms < %3 GROUP BY 1, 2, 3;")
            .arg(workspace.groupId)
            .arg(kStart * 1000)
            .arg((kStart + kDays * 86400) * 1000);
    qint64 lines = 0;
    for (auto _ : state) {
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"), {workspace.shop.workspace->path(), sql});
        if (!sqlite.waitForFinished(-1) || sqlite.exitCode() != 0) {
            state.SkipWithError("sqlite3 failed");
            break;
        }
        lines = sqlite.readAllStandardOutput().count('\n');
    }
    state.counters["rows"] = double(lines);
}
BENCHMARK(BM_Sqlite3GroupByRawEvents)->Unit(benchmark::kMillisecond)->Iterations(3);

// What `report rebuild` recounts for the purchase metric, with SQLite's TOTAL (arg 0, the sum before
// decimal sums) and with footfall_sum (arg 1, what the rebuild uses), on the same file in one run.
static void BM_RebuildAggregate(benchmark::State& state)
{
    BigAttribution& workspace = big();
    const QString function = state.range(0) == 0 ? QStringLiteral("TOTAL") : QStringLiteral("footfall_sum");
    QSqlQuery query(workspace.shop.workspace->database().connection());
    const QString sql =
        QStringLiteral("SELECT i.sent_at_ms / 1000 / 900 * 900, COALESCE(i.resolved_source, ''),"
                       " %1(i.event_value), COUNT(*) FROM interaction i"
                       " WHERE i.dataset_group_id = %2 AND i.event_type = 'purchase'"
                       " GROUP BY 1, 2")
            .arg(function)
            .arg(workspace.groupId);
    qint64 rows = 0;
    for (auto _ : state) {
        if (!query.exec(sql)) {
            state.SkipWithError("the query failed");
            break;
        }
        rows = 0;
        while (query.next())
            ++rows;
    }
    state.counters["rows"] = double(rows);
}
BENCHMARK(BM_RebuildAggregate)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

// PutEvents of 10 events carrying attribution sources, with and without an active metric attribution.
static void putEvents(benchmark::State& state, bool withAttribution)
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.provisioningMs = 0;
    bench::ShopWorkspace shop = bench::createShop(dir.filePath(QStringLiteral("ingest.db")), config);
    if (withAttribution)
        shop.workspace->metricAttributions().create(
            {QStringLiteral("shop-metrics"), shop.groupArn, metrics(), outputConfig()});
    qint64 sentAt = 1704000000;
    int user = 0;
    for (auto _ : state) {
        QJsonObject request = bench::putEventsRequest(shop.trackingId, user, sentAt);
        QJsonArray events = request.value(QStringLiteral("eventList")).toArray();
        for (int i = 0; i < events.size(); ++i) {
            QJsonObject event = events.at(i).toObject();
            event.insert(QStringLiteral("metricAttribution"),
                         QJsonObject{{QStringLiteral("eventAttributionSource"),
                                      QStringLiteral("source-%1").arg((user + i) % kSources)}});
            events[i] = event;
        }
        request.insert(QStringLiteral("eventList"), events);
        shop.workspace->recording().putEvents(request, {QStringLiteral("bench"), {}, {}, {}});
        sentAt += 10;
        user = (user + 1) % 1000;
    }
    state.SetItemsProcessed(state.iterations() * 10);
}

static void BM_PutEventsWithoutAttribution(benchmark::State& state)
{
    putEvents(state, false);
}
BENCHMARK(BM_PutEventsWithoutAttribution)->MinTime(5.0);

static void BM_PutEventsWithAttribution(benchmark::State& state)
{
    putEvents(state, true);
}
BENCHMARK(BM_PutEventsWithAttribution)->MinTime(5.0);

FOOTFALL_BENCHMARK_MAIN()
