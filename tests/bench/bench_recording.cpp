// PutEvents through core (10 events a request, one transaction a request, into a file database)
// against a bare prepared INSERT loop committing every 10 rows into the same kind of file.
#include "BenchSupport.h"
#include "Database.h"
#include "RecordingService.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <benchmark/benchmark.h>

using namespace footfall;

static void BM_PutEventsThroughCore(benchmark::State& state)
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.provisioningMs = 0;
    bench::ShopWorkspace shop = bench::createShop(dir.filePath(QStringLiteral("bench.db")), config);
    qint64 sentAt = 1704000000;
    int user = 0;
    for (auto _ : state) {
        shop.workspace->recording().putEvents(bench::putEventsRequest(shop.trackingId, user++ % 1000, sentAt),
                                              {QStringLiteral("bench"), {}, {}, {}});
        sentAt += 10;
    }
    state.SetItemsProcessed(state.iterations() * 10);
}

// The baseline: the same rows, inserted by a prepared statement, committed every 10 rows, in a
// file database with the same pragmas (WAL, synchronous NORMAL) but no validation, no indexes
// beyond the primary key, no dedup and no request log.
static void BM_BareInsertCommitEvery10(benchmark::State& state)
{
    QTemporaryDir dir;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bare"));
        db.setDatabaseName(dir.filePath(QStringLiteral("bare.db")));
        db.open();
        QSqlQuery setup(db);
        setup.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        setup.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
        setup.exec(
            QStringLiteral("CREATE TABLE interaction (id INTEGER PRIMARY KEY, user_id TEXT, session_id TEXT, "
                           "item_id TEXT, event_type TEXT, event_value REAL, sent_at_ms INTEGER)"));
        QSqlQuery insert(db);
        insert.prepare(
            QStringLiteral("INSERT INTO interaction (user_id, session_id, item_id, event_type, event_value, "
                           "sent_at_ms) VALUES (?, ?, ?, ?, ?, ?)"));
        qint64 sentAt = 1704000000;
        int user = 0;
        for (auto _ : state) {
            QSqlQuery(db).exec(QStringLiteral("BEGIN"));
            const QString userId = QStringLiteral("user-%1").arg(user % 1000);
            for (int i = 0; i < 10; ++i) {
                insert.addBindValue(userId);
                insert.addBindValue(QStringLiteral("session-%1").arg(user % 1000));
                insert.addBindValue(QStringLiteral("item-%1").arg((user * 7 + i) % 5000));
                insert.addBindValue(i % 3 == 0 ? QStringLiteral("purchase") : QStringLiteral("click"));
                insert.addBindValue(double(i));
                insert.addBindValue((sentAt + i) * 1000);
                if (!insert.exec())
                    state.SkipWithError(insert.lastError().text().toUtf8().constData());
            }
            QSqlQuery(db).exec(QStringLiteral("COMMIT"));
            sentAt += 10;
            ++user;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bare"));
    state.SetItemsProcessed(state.iterations() * 10);
}

// A second baseline: the same bare loop, but into Footfall's own interaction table, with every
// index it has. The ratio against this one is what validation, deduplication, the request log and
// session linking add on top of storing the rows.
static void BM_BareInsertIntoFootfallTable(benchmark::State& state)
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.provisioningMs = 0;
    bench::ShopWorkspace shop = bench::createShop(dir.filePath(QStringLiteral("bench.db")), config);
    QSqlDatabase db = shop.workspace->database().connection();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO interaction (dataset_group_id, origin, event_id, "
                                  "event_id_given, event_type, sent_at_ms, user_id,"
                                  " session_id, item_id, event_value, content_hash, recorded_ms) VALUES (1, "
                                  "'event', ?, 0, ?, ?, ?, ?, ?, ?, ?, 0)"));
    qint64 sentAt = 1704000000;
    qint64 row = 0;
    int user = 0;
    for (auto _ : state) {
        QSqlQuery(db).exec(QStringLiteral("BEGIN"));
        for (int i = 0; i < 10; ++i) {
            insert.addBindValue(QStringLiteral("e%1").arg(++row));
            insert.addBindValue(i % 3 == 0 ? QStringLiteral("purchase") : QStringLiteral("click"));
            insert.addBindValue((sentAt + i) * 1000);
            insert.addBindValue(QStringLiteral("user-%1").arg(user % 1000));
            insert.addBindValue(QStringLiteral("session-%1").arg(user % 1000));
            insert.addBindValue(QStringLiteral("item-%1").arg((user * 7 + i) % 5000));
            insert.addBindValue(double(i));
            insert.addBindValue(QString::number(row));
            if (!insert.exec())
                state.SkipWithError(insert.lastError().text().toUtf8().constData());
        }
        QSqlQuery(db).exec(QStringLiteral("COMMIT"));
        sentAt += 10;
        ++user;
    }
    state.SetItemsProcessed(state.iterations() * 10);
}

BENCHMARK(BM_BareInsertCommitEvery10)->MinTime(3.0)->UseRealTime();
BENCHMARK(BM_BareInsertIntoFootfallTable)->MinTime(3.0)->UseRealTime();
BENCHMARK(BM_PutEventsThroughCore)->MinTime(3.0)->UseRealTime();

FOOTFALL_BENCHMARK_MAIN()
