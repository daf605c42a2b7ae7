// The events page's queries on a 5,000,000-event database: the first (newest) page and a jump to
// the last (oldest) page, 200 rows each, plus the process's peak resident memory.
#include "BenchSupport.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "InteractionQuery.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace footfall;

namespace {

constexpr qint64 kEvents = 5000000;

struct BigWorkspace
{
    QTemporaryDir dir;
    bench::ShopWorkspace shop;
    qint64 groupId = 0;

    BigWorkspace()
    {
        ServiceConfig config;
        config.provisioningMs = 0;
        shop = bench::createShop(dir.filePath(QStringLiteral("big.db")), config);
        groupId = shop.workspace->datasetGroups().describe(shop.groupArn).id;
        QSqlQuery fill(shop.workspace->database().connection());
        fill.exec(QStringLiteral("BEGIN"));
        fill.exec(QStringLiteral(
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                      "INSERT INTO interaction (dataset_group_id, origin, event_id, event_id_given, "
                      "event_type, sent_at_ms,"
                      " user_id, session_id, item_id, content_hash, recorded_ms) "
                      "SELECT %2, 'event', 'e' || i, 0, CASE i % 4 WHEN 0 THEN 'purchase' ELSE 'click' END,"
                      " (1700000000 + i) * 1000, 'user-' || (i % 50000), 's-' || (i % 80000), 'item-' || (i "
                      "% 100000),"
                      " printf('%040d', i), 1700000000000 FROM n")
                      .arg(kEvents)
                      .arg(groupId));
        fill.exec(QStringLiteral("COMMIT"));
    }
};

BigWorkspace& big()
{
    static BigWorkspace workspace;
    return workspace;
}

} // namespace

static void BM_FirstPage(benchmark::State& state)
{
    BigWorkspace& workspace = big();
    for (auto _ : state)
        benchmark::DoNotOptimize(workspace.shop.workspace->interactions().newest(workspace.groupId, {}, 201));
    state.counters["peak_rss_MiB"] = bench::peakResidentMiB();
}

static void BM_LastPage(benchmark::State& state)
{
    BigWorkspace& workspace = big();
    for (auto _ : state)
        benchmark::DoNotOptimize(workspace.shop.workspace->interactions().oldest(workspace.groupId, {}, 201));
    state.counters["peak_rss_MiB"] = bench::peakResidentMiB();
}

static void BM_FilteredFirstPageByUser(benchmark::State& state)
{
    BigWorkspace& workspace = big();
    InteractionFilter filter;
    filter.userId = QStringLiteral("user-4242");
    for (auto _ : state)
        benchmark::DoNotOptimize(
            workspace.shop.workspace->interactions().newest(workspace.groupId, filter, 201));
    state.counters["peak_rss_MiB"] = bench::peakResidentMiB();
}

BENCHMARK(BM_FirstPage)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LastPage)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FilteredFirstPageByUser)->Unit(benchmark::kMillisecond)->UseRealTime();

FOOTFALL_BENCHMARK_MAIN()
