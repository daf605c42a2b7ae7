// PutEvents through core (10 events a request, one transaction a request, into a file database)
// against a bare prepared INSERT loop committing every 10 rows into the same kind of file.
#include "BenchSupport.h"
#include "Database.h"
#include "EndpointRouter.h"
#include "RecordingService.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
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

namespace {

qint64 scalar(Database& database, const QString& sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

} // namespace

// What one accepted 1-event PutEvents costs on disk, sent as boto3 sends it through the endpoint
// (its User-Agent and SigV4 Authorization header included): the database's used pages, (page_count
// - freelist_count) * page_size, before and after 5000 requests, and the request log's share of
// them (its table and index, from dbstat).
static void BM_DiskPerOneEventRequest(benchmark::State& state)
{
    constexpr int kRequests = 5000;
    const QString used =
        QStringLiteral("SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), "
                       "pragma_freelist_count(), pragma_page_size()");
    const QString requestLog = QStringLiteral(
        "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN ('request_log', 'request_log_group')");
    for (auto _ : state) {
        QTemporaryDir dir;
        ServiceConfig config;
        config.provisioningMs = 0;
        bench::ShopWorkspace shop = bench::createShop(dir.filePath(QStringLiteral("bench.db")), config);
        EndpointRouter router(*shop.workspace);
        Database& database = shop.workspace->database();
        const qint64 usedBefore = scalar(database, used);
        const qint64 logBefore = scalar(database, requestLog);
        EndpointRequest request;
        request.method = "POST";
        request.path = QStringLiteral("/events");
        request.headers = {
            {"User-Agent", "Boto3/1.26.27 md/Botocore#1.29.27 ua/2.0 os/linux#6.1.0-13-amd64 md/arch#x86_64 "
                           "lang/python#3.11.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.29.27"},
            {"Authorization",
             "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-east-1/personalize/aws4_request, "
             "SignedHeaders=content-type;host;x-amz-date, Signature="
             "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"}};
        for (int i = 0; i < kRequests; ++i) {
            const QJsonObject body{
                {QStringLiteral("trackingId"), shop.trackingId},
                {QStringLiteral("userId"), QStringLiteral("user-%1").arg(i % 1000)},
                {QStringLiteral("sessionId"), QStringLiteral("session-%1").arg(i % 1000)},
                {QStringLiteral("eventList"),
                 QJsonArray{
                     QJsonObject{{QStringLiteral("eventType"), QStringLiteral("click")},
                                 {QStringLiteral("sentAt"), double(1704000000 + i)},
                                 {QStringLiteral("itemId"), QStringLiteral("item-%1").arg(i % 5000)}}}}};
            request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
            if (router.handle(request).status != 200)
                qFatal("a request was refused");
        }
        state.counters["disk_B_per_request"] = double(scalar(database, used) - usedBefore) / kRequests;
        state.counters["request_log_B_per_request"] =
            double(scalar(database, requestLog) - logBefore) / kRequests;
    }
}
BENCHMARK(BM_DiskPerOneEventRequest)->Iterations(1)->Unit(benchmark::kMillisecond);

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
