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

// A Footfall file in `dir` with the "shop" group and its Interactions dataset.
bench::ShopWorkspace createShopIn(const QTemporaryDir& dir, const char* fileName)
{
    ServiceConfig config;
    config.provisioningMs = 0;
    return bench::createShop(dir.filePath(QLatin1String(fileName)), config);
}

} // namespace

static void BM_FootfallImport1M(benchmark::State& state)
{
    const QString csv = csvPath();
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        bench::ShopWorkspace shop = createShopIn(dir, "import.db");
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

// What SQLite itself needs to load the same file into Footfall's interaction table, with its
// indexes and the same bulk strategy as the importer (the readers' indexes dropped, the rows
// inserted through the deduplication index, the indexes built again, one transaction): the
// sqlite3 shell imports the CSV into a scratch table and copies it with one INSERT ... SELECT.
// No validation, no parsing in C++; the content hash is random bytes. A floor for the importer.
static void BM_Sqlite3ShellIntoFootfallSchema1M(benchmark::State& state)
{
    const QString csv = csvPath();
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        createShopIn(dir, "floor.db"); // closed again at once: the shell writes to it
        const QString path = dir.filePath(QStringLiteral("floor.db"));
        state.ResumeTiming();
        const QString script =
            QStringLiteral(
                "PRAGMA cache_size = -65536;\n"
                "BEGIN IMMEDIATE;\n"
                "CREATE TEMP TABLE src (USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE);\n"
                ".import --csv --skip 1 %1 src\n"
                "DROP INDEX interaction_group; DROP INDEX interaction_user; DROP INDEX interaction_session;"
                " DROP INDEX interaction_item;\n"
                "INSERT OR IGNORE INTO interaction (dataset_group_id, request_id, origin, event_id, "
                "event_id_given,"
                " event_type, sent_at_ms, user_id, item_id, event_value, content_hash, recorded_ms)"
                " SELECT 1, NULL, 'import', 'import-1-' || rowid, 0, EVENT_TYPE, TIMESTAMP * 1000, USER_ID,"
                " ITEM_ID, EVENT_VALUE, hex(randomblob(20)), 1700000000000 FROM src;\n"
                "CREATE INDEX interaction_group ON interaction (dataset_group_id);\n"
                "CREATE INDEX interaction_user ON interaction (dataset_group_id, user_id);\n"
                "CREATE INDEX interaction_session ON interaction (dataset_group_id, session_id);\n"
                "CREATE INDEX interaction_item ON interaction (dataset_group_id, item_id);\n"
                "COMMIT;\n")
                .arg(csv);
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"), {QStringLiteral("-bail"), path});
        sqlite.write(script.toUtf8());
        sqlite.closeWriteChannel();
        sqlite.waitForFinished(-1);
        if (sqlite.exitCode() != 0)
            state.SkipWithError(sqlite.readAllStandardError().constData());
    }
    state.SetItemsProcessed(state.iterations() * kRows);
}

BENCHMARK(BM_Sqlite3ShellImport1M)->Iterations(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sqlite3ShellIntoFootfallSchema1M)->Iterations(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FootfallImport1M)->Iterations(2)->UseRealTime()->Unit(benchmark::kMillisecond);

FOOTFALL_BENCHMARK_MAIN()
