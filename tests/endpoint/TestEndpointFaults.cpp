#include "Database.h"
#include "ServeProcess.h"
#include "TestWorkspace.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <unistd.h>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

// What a client sees when the storage fails under a real `footfall serve`, and what a flood of
// refused requests costs on disk.
class TestEndpointFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void lockedDatabaseAnswers503();
    void fullDiskAnswers503();
    void serveOnAFullDiskSaysSo();
    void refusedFloodIsCountedNotStored();

private:
    QString startServer(const QString& databasePath, const QStringList& arguments = {},
                        const QHash<QString, QString>& environment = {});
    Reply send(const QByteArray& method, const QString& path, const QByteArray& body = {},
               const QByteArray& userAgent = "test-client");
    qint64 scalar(const QString& databasePath, const QString& sql);
    // The body must tell nothing of SQLite or of the file.
    void verifyNothingLeaks(const Reply& reply, const QString& databasePath);

    std::unique_ptr<TestWorkspace> m_workspace;
    QString m_trackingId;
    QProcess m_server;
    QString m_endpoint;
    QNetworkAccessManager m_network;
};

void TestEndpointFaults::initTestCase()
{
    m_workspace = std::make_unique<TestWorkspace>();
    m_workspace->createShop();
    m_trackingId = m_workspace->trackingId();
}

void TestEndpointFaults::cleanup()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.kill();
        m_server.waitForFinished();
    }
}

QString TestEndpointFaults::startServer(const QString& databasePath, const QStringList& arguments,
                                        const QHash<QString, QString>& environment)
{
    QProcessEnvironment processEnvironment = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.begin(); it != environment.end(); ++it)
        processEnvironment.insert(it.key(), it.value());
    m_endpoint = test::startServe(m_server, QStringLiteral(FOOTFALL_BINARY), databasePath, arguments,
                                  processEnvironment);
    return m_endpoint;
}

Reply TestEndpointFaults::send(const QByteArray& method, const QString& path, const QByteArray& body,
                               const QByteArray& userAgent)
{
    QNetworkRequest request(QUrl(m_endpoint + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setRawHeader("User-Agent", userAgent);
    QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return result;
}

qint64 TestEndpointFaults::scalar(const QString& databasePath, const QString& sql)
{
    const auto reader = Database::openReader(databasePath);
    QSqlQuery query(reader->connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

void TestEndpointFaults::verifyNothingLeaks(const Reply& reply, const QString& databasePath)
{
    for (const char* word : {"sqlite", "SQLite", "locked", "Unable to", "statement", "INSERT", ".db"})
        QVERIFY2(!reply.body.contains(word), reply.body.constData());
    QVERIFY2(!reply.body.contains(QFileInfo(databasePath).fileName().toUtf8()), reply.body.constData());
    QVERIFY2(!reply.body.contains(QDir::tempPath().toUtf8()), reply.body.constData());
}

// The write lock is held by the real sqlite3 shell for longer than the endpoint waits (2 s here,
// through FOOTFALL_LOCK_WAIT_MS): a rejected request, whose only write is its request-log entry,
// and a PutEvents both get a 503 the SDKs retry, and the server answers again once the lock is gone.
void TestEndpointFaults::lockedDatabaseAnswers503()
{
    const QString path = m_workspace->path();
    QVERIFY(!startServer(path, {}, {{QStringLiteral("FOOTFALL_LOCK_WAIT_MS"), QStringLiteral("2000")}})
                 .isEmpty());
    const qint64 logged = scalar(path, QStringLiteral("SELECT count(*) FROM request_log"));

    // The shell's own output is buffered when it is not a terminal: a file says the lock is held.
    const QString lockedMarker = m_workspace->dir() + QStringLiteral("/locked");
    QProcess holder;
    holder.start(QStringLiteral("sqlite3"), {path});
    QVERIFY(holder.waitForStarted());
    holder.write(
        QStringLiteral("BEGIN IMMEDIATE;\nINSERT INTO meta (key, value) VALUES ('held', 'by the test');\n"
                       ".shell touch '%1'\n")
            .arg(lockedMarker)
            .toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(lockedMarker), 10000);

    const QByteArray event =
        QStringLiteral(R"({"trackingId": "%1", "sessionId": "s", "eventList": )"
                       R"([{"eventType": "click", "itemId": "i1", "sentAt": 1704164645}]})")
            .arg(m_trackingId)
            .toUtf8();
    const Reply rejected = send("GET", QStringLiteral("/"));
    const Reply put = send("POST", QStringLiteral("/events"), event);
    for (const Reply& reply : {rejected, put}) {
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.json().value(QStringLiteral("__type")).toString(),
                 QStringLiteral("ServiceUnavailableException"));
        QVERIFY(reply.json().value(QStringLiteral("message")).toString().contains(QLatin1String("busy")));
        verifyNothingLeaks(reply, path);
    }
    // A web page's SDK reads the 503 too: it carries the CORS headers like every answer.
    QNetworkRequest fromPage(QUrl(m_endpoint + QStringLiteral("/events")));
    fromPage.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    fromPage.setRawHeader("Origin", "http://127.0.0.1:5173");
    QNetworkReply* pageReply = m_network.post(fromPage, event);
    QTRY_VERIFY_WITH_TIMEOUT(pageReply->isFinished(), 10000);
    QCOMPARE(pageReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 503);
    QCOMPARE(pageReply->rawHeader("Access-Control-Allow-Origin"), QByteArray("*"));
    QCOMPARE(pageReply->rawHeader("Access-Control-Expose-Headers"),
             QByteArray("x-amzn-RequestId, x-amzn-ErrorType"));
    pageReply->deleteLater();
    QCOMPARE(m_server.state(), QProcess::Running);

    holder.write("ROLLBACK;\n.quit\n");
    holder.closeWriteChannel();
    QVERIFY(holder.waitForFinished(10000));
    QCOMPARE(send("GET", QStringLiteral("/")).status, 404);
    QCOMPARE(send("POST", QStringLiteral("/events"), event).status, 200);
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM request_log")), logged + 2);
    // The detail is for the person running the endpoint: on stderr.
    QVERIFY(m_server.readAllStandardError().contains("database is locked"));
}

// The database may not grow (a page limit through the FOOTFALL_MAX_PAGE_COUNT hook: SQLite answers
// SQLITE_FULL exactly as on a full disk): requests get a 503 that says the disk is full.
void TestEndpointFaults::fullDiskAnswers503()
{
    const QString path = m_workspace->path();
    const qint64 pages = scalar(path, QStringLiteral("PRAGMA page_count"));
    QVERIFY(pages > 0);
    QVERIFY(!startServer(path, {}, {{QStringLiteral("FOOTFALL_MAX_PAGE_COUNT"), QString::number(pages)}})
                 .isEmpty());
    // Rejected (unknown tracking ID), each stores 15 KB of body: the few free pages go at once.
    const QByteArray padding(15000, 'x');
    const QByteArray body =
        QStringLiteral(R"({"trackingId": "unknown", "sessionId": "s", "eventList": [{"eventType": "%1", )"
                       R"("sentAt": 1704164645}]})")
            .arg(QString::fromLatin1(padding))
            .toUtf8();
    Reply reply;
    for (int attempt = 0; attempt < 50 && reply.status != 503; ++attempt)
        reply = send("POST", QStringLiteral("/events"), body);
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.json().value(QStringLiteral("__type")).toString(),
             QStringLiteral("ServiceUnavailableException"));
    QVERIFY2(reply.json()
                 .value(QStringLiteral("message"))
                 .toString()
                 .startsWith(QLatin1String("The disk holding the Footfall database is full")),
             reply.body.constData());
    verifyNothingLeaks(reply, path);
    QCOMPARE(m_server.state(), QProcess::Running);
    const Reply again = send("POST", QStringLiteral("/events"), body);
    QCOMPARE(again.status, 503);
    QCOMPARE(m_server.state(), QProcess::Running);
    QVERIFY(m_server.readAllStandardError().contains("database or disk is full"));
}

// On a full filesystem (a 1 MiB tmpfs), `serve` refuses to start and says the disk is full; it
// used to call the file damaged and send the user to their backups.
void TestEndpointFaults::serveOnAFullDiskSaysSo()
{
    if (geteuid() != 0)
        QSKIP("Mounting a small tmpfs needs root; the page-limit test above covers requests");
    QTemporaryDir mountPoint;
    QProcess mount;
    mount.start(QStringLiteral("mount"),
                {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                 QStringLiteral("size=1m"), QStringLiteral("tmpfs"), mountPoint.path()});
    if (!mount.waitForFinished() || mount.exitCode() != 0)
        QSKIP("tmpfs cannot be mounted here (no CAP_SYS_ADMIN)");
    const auto unmount =
        qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {mountPoint.path()}); });
    const QString path = QDir(mountPoint.path()).filePath(QStringLiteral("full.db"));
    QProcess cli;
    cli.start(QStringLiteral(FOOTFALL_BINARY),
              {QStringLiteral("--db"), path, QStringLiteral("personalize"),
               QStringLiteral("create-dataset-group"), QStringLiteral("--name"), QStringLiteral("shop")});
    QVERIFY(cli.waitForFinished());
    QCOMPARE(cli.exitCode(), 0);
    {
        QFile filler(QDir(mountPoint.path()).filePath(QStringLiteral("filler")));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, '\0');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
    }
    QProcess server;
    server.start(QStringLiteral(FOOTFALL_BINARY), {QStringLiteral("--db"), path, QStringLiteral("serve"),
                                                   QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(server.waitForFinished(20000));
    const QString err = QString::fromUtf8(server.readAllStandardError());
    QCOMPARE(server.exitCode(), 255);
    QVERIFY2(err.contains(QLatin1String("The disk holding the Footfall database")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("is full")), qPrintable(err));
    QVERIFY2(!err.contains(QLatin1String("damaged")), qPrintable(err));
    QVERIFY2(!err.contains(QLatin1String("backup")), qPrintable(err));
}

// 500 unsigned requests with a 60 KB User-Agent against --require-signature: each is answered 403,
// all are counted, a few are kept as rows (no body, the agent cut to 256 characters), and the
// database's used pages grow by less than 64 KiB (they grew by 30 MB: 60 KB of agent each).
void TestEndpointFaults::refusedFloodIsCountedNotStored()
{
    const QString path = m_workspace->path();
    QVERIFY(!startServer(path, {QStringLiteral("--require-signature"), QStringLiteral("--access-key"),
                                QStringLiteral("team:s3cret")})
                 .isEmpty());
    const QString usedBytes =
        QStringLiteral("SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), "
                       "pragma_freelist_count(), pragma_page_size()");
    const qint64 usedBefore = scalar(path, usedBytes);
    const qint64 rowsBefore = scalar(path, QStringLiteral("SELECT count(*) FROM request_log"));
    const qint64 countedBefore =
        scalar(path, QStringLiteral("SELECT coalesce(sum(count), 0) FROM request_refusal"));
    const QByteArray agent(60 * 1000, 'A');
    const QByteArray body(2000, '{');
    constexpr int kRequests = 500;
    int forbidden = 0;
    int finished = 0;
    for (int i = 0; i < kRequests; ++i) {
        QNetworkRequest request(QUrl(m_endpoint + QStringLiteral("/events")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("User-Agent", agent);
        QNetworkReply* reply = m_network.post(request, body);
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            forbidden += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 403;
            ++finished;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, kRequests, 120000);
    QCOMPARE(forbidden, kRequests);
    QCOMPARE(m_server.state(), QProcess::Running);

    QCOMPARE(scalar(path, QStringLiteral("SELECT sum(count) FROM request_refusal")) - countedBefore,
             qint64(kRequests));
    const qint64 stored = scalar(path, QStringLiteral("SELECT count(*) FROM request_log")) - rowsBefore;
    QVERIFY2(stored >= 5 && stored <= 15, qPrintable(QString::number(stored))); // 5 per minute
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM request_log WHERE body IS NOT NULL AND "
                                         "error_type = 'MissingAuthenticationTokenException'")),
             0);
    QCOMPARE(scalar(path, QStringLiteral("SELECT max(length(user_agent)) FROM request_log")), 256);
    const qint64 growth = scalar(path, usedBytes) - usedBefore;
    QVERIFY2(growth < 64 * 1024, qPrintable(QString::number(growth)));
    qInfo("500 refused requests with a 60 KB User-Agent: %lld bytes of database pages", growth);
}

QTEST_GUILESS_MAIN(TestEndpointFaults)
#include "TestEndpointFaults.moc"
