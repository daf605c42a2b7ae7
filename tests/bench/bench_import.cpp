// Import of a 1,000,000-row interactions CSV through Footfall against the sqlite3 command-line
// tool's .import of the same file into a plain table, in the same run.
#include "BenchSupport.h"
#include "DatasetImporter.h"
#include "DatasetService.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace footfall;

namespace {

constexpr int kRows = 1000000;

const QString& csvPath()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString file = dir.filePath(QStringLiteral("interactions.csv"));
        QFile out(file);
        out.open(QIODevice::WriteOnly);
        out.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n");
        QByteArray chunk;
        for (int i = 0; i < kRows; ++i) {
            chunk += "user-" + QByteArray::number(i % 20000) + ",item-" +
                     QByteArray::number((i * 31) % 50000) + ',' + QByteArray::number(1700000000 + i) +
                     (i % 4 == 0 ? ",purchase," : ",click,") + QByteArray::number(i % 5) + '\n';
            if (chunk.size() > (1 << 20)) {
                out.write(chunk);
                chunk.clear();
            }
        }
        out.write(chunk);
        return file;
    }();
    return path;
}

} // namespace

static void BM_FootfallImport1M(benchmark::State& state)
{
    const QString csv = csvPath();
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        ServiceConfig config;
        config.provisioningMs = 0;
        bench::ShopWorkspace shop = bench::createShop(dir.filePath(QStringLiteral("import.db")), config);
        const QString datasetArn = shop.workspace->datasets().list(shop.groupArn).first().arn;
        state.ResumeTiming();
        const ImportReport report =
            DatasetImporter(*shop.workspace).importFile(datasetArn, csv, ImportMode::Incremental);
        if (report.accepted != kRows)
            state.SkipWithError("not every row was accepted");
    }
    state.SetItemsProcessed(state.iterations() * kRows);
}

static void BM_Sqlite3ShellImport1M(benchmark::State& state)
{
    const QString csv = csvPath();
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        state.ResumeTiming();
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"),
                     {dir.filePath(QStringLiteral("plain.db")), QStringLiteral("-cmd"),
                      QStringLiteral(".mode csv"), QStringLiteral(".import %1 interactions").arg(csv)});
        sqlite.waitForFinished(-1);
        if (sqlite.exitCode() != 0)
            state.SkipWithError("sqlite3 .import failed");
    }
    state.SetItemsProcessed(state.iterations() * kRows);
}

BENCHMARK(BM_Sqlite3ShellImport1M)->Iterations(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FootfallImport1M)->Iterations(2)->UseRealTime()->Unit(benchmark::kMillisecond);

FOOTFALL_BENCHMARK_MAIN()
