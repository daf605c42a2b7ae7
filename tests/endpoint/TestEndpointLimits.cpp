#include "Database.h"
#include "ServeProcess.h"
#include "TestWorkspace.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {

const QByteArray kListDatasetGroups =
    "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AmazonPersonalize.ListDatasetGroups\r\n"
    "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}";

QByteArray post(const QByteArray& path, const QByteArray& body, const QByteArray& extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
           extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

struct Response
{
    QByteArray head; // status line and headers
    QByteArray body;
    int status() const { return head.mid(9, 3).toInt(); }
    QString type() const
    {
        return QJsonDocument::fromJson(body).object().value(QStringLiteral("__type")).toString();
    }
    QString message() const
    {
        return QJsonDocument::fromJson(body).object().value(QStringLiteral("message")).toString();
    }
    bool hasHeader(const QByteArray& line) const { return head.contains(QByteArray("\r\n" + line + "\r\n")); }
};

// Responses, one after the other, as a client reads them (Content-Length bodies); whatever is left
// that is not a whole response comes last, as a head without a status.
QList<Response> splitResponses(QByteArray bytes)
{
    QList<Response> responses;
    while (!bytes.isEmpty()) {
        const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
        if (!bytes.startsWith("HTTP/1.1 ") || headEnd < 0) {
            responses.append(Response{bytes, {}});
            break;
        }
        Response response{bytes.left(headEnd + 2), {}};
        qsizetype length = 0;
        for (const QByteArray& line : response.head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        response.body = bytes.mid(headEnd + 4, length);
        responses.append(response);
        bytes.remove(0, headEnd + 4 + length);
    }
    return responses;
}

// One raw TCP connection to the server, read with blocking waits: the server is another process.
class RawConnection
{
public:
    explicit RawConnection(const QUrl& url)
    {
        m_socket.connectToHost(url.host(), quint16(url.port()));
        m_socket.waitForConnected(5000);
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket& socket() { return m_socket; }

    void send(const QByteArray& bytes)
    {
        m_socket.write(bytes);
        while (m_socket.bytesToWrite() > 0 && m_socket.waitForBytesWritten(5000)) {
        }
    }

    // The next whole response; empty when none came within `timeoutMs` or the connection closed.
    Response response(int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        bool open = true;
        for (;;) {
            m_buffer += m_socket.readAll();
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            if (m_buffer.startsWith("HTTP/1.1 ") && headEnd >= 0) {
                Response response{m_buffer.left(headEnd + 2), {}};
                const qsizetype length = contentLength(response);
                if (m_buffer.size() >= headEnd + 4 + length) {
                    response.body = m_buffer.mid(headEnd + 4, length);
                    m_buffer.remove(0, headEnd + 4 + length);
                    return response;
                }
            }
            const qint64 left = timeoutMs - timer.elapsed();
            if (!open || left <= 0)
                return {};
            if (!m_socket.waitForReadyRead(int(left)))
                open = m_socket.state() == QAbstractSocket::ConnectedState;
        }
    }

    // All the server sends until it closes the connection; `closed` says whether it did within
    // `timeoutMs`.
    QByteArray untilClosed(bool* closed, int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        while (m_socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
            m_socket.waitForReadyRead(int(std::max<qint64>(1, timeoutMs - timer.elapsed())));
            m_buffer += m_socket.readAll();
        }
        m_buffer += m_socket.readAll();
        *closed = m_socket.state() != QAbstractSocket::ConnectedState;
        return std::exchange(m_buffer, {});
    }

private:
    static qsizetype contentLength(const Response& response)
    {
        for (const QByteArray& line : response.head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                return line.mid(15).trimmed().toLongLong();
        }
        return 0;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// CPU seconds the process has used, from /proc/PID/stat (user and system time).
double cpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the command name, which is in parentheses: state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

qint64 residentMiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() / 1024;
    }
    return -1;
}

} // namespace

// The connection-level limits of a real `footfall serve`, over raw TCP: timeouts, the connection
// cap, chunked bodies, and the requests QtHttpServer alone would get wrong.
class TestEndpointLimits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void headerTimeoutAnswers408();
    void bodyTimeoutAnswers408_data();
    void bodyTimeoutAnswers408();
    void idleConnectionIsClosed_data();
    void idleConnectionIsClosed();
    void connectionOwedAReplyIsNotTimedOut();
    void connectionCapAnswers503();
    void heldConnectionsDoNotSpin_data();
    void heldConnectionsDoNotSpin();
    void chunkedBodyIsFollowed();
    void contentLengthInsideABodyIsNotAHeader_data();
    void contentLengthInsideABodyIsNotAHeader();
    void chunkedBodyOverTheLimitIs413_data();
    void chunkedBodyOverTheLimitIs413();
    void framingErrorsCloseTheConnection_data();
    void framingErrorsCloseTheConnection();
    void doubleSlashesAreOneSlash_data();
    void doubleSlashesAreOneSlash();
    void pipelinedRequestsKeepTheirPaths();
    void upgradeGetsOneResponse_data();
    void upgradeGetsOneResponse();
    void limitFlagsAreChecked_data();
    void limitFlagsAreChecked();

private:
    qint64 requestLogRows();

    std::unique_ptr<TestWorkspace> m_workspace;
    QString m_trackingId;
    QProcess m_server; // --header-timeout 1 --body-timeout 1 --idle-timeout 2
    QUrl m_url;
};

void TestEndpointLimits::initTestCase()
{
    m_workspace = std::make_unique<TestWorkspace>();
    m_workspace->createShop();
    m_trackingId = m_workspace->trackingId();
    m_url = QUrl(test::startServe(m_server, QStringLiteral(FOOTFALL_BINARY), m_workspace->path(),
                                  {QStringLiteral("--header-timeout"), QStringLiteral("1"),
                                   QStringLiteral("--body-timeout"), QStringLiteral("1"),
                                   QStringLiteral("--idle-timeout"), QStringLiteral("2")}));
    QVERIFY(m_url.isValid() && m_url.port() > 0);
}

void TestEndpointLimits::cleanupTestCase()
{
    m_server.kill();
    m_server.waitForFinished();
}

qint64 TestEndpointLimits::requestLogRows()
{
    const auto reader = Database::openReader(m_workspace->path());
    QSqlQuery query(reader->connection());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM request_log")) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// Headers begun and not finished: 408 with the CORS headers for the Origin already sent, then close.
void TestEndpointLimits::headerTimeoutAnswers408()
{
    const qint64 logged = requestLogRows();
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    connection.send("POST /events HTTP/1.1\r\nHost: localhost\r\nOrigin: http://page.example\r\nContent-Ty");
    bool closed = false;
    const QList<Response> responses = splitResponses(connection.untilClosed(&closed));
    QVERIFY(closed);
    QCOMPARE(responses.size(), 1);
    const Response& response = responses.first();
    QVERIFY2(response.head.startsWith("HTTP/1.1 408 Request Timeout\r\n"), response.head.constData());
    QCOMPARE(response.type(), QStringLiteral("RequestTimeoutException"));
    QCOMPARE(response.message(), QStringLiteral("The request's headers did not arrive within 1 s"));
    for (const QByteArray& header :
         {QByteArray("x-amzn-ErrorType: RequestTimeoutException"), QByteArray("Connection: close"),
          QByteArray("Access-Control-Allow-Origin: *"),
          QByteArray("Access-Control-Expose-Headers: x-amzn-RequestId, x-amzn-ErrorType")})
        QVERIFY2(response.hasHeader(header), response.head.constData());
    QCOMPARE(requestLogRows(), logged); // a connection-level refusal is no request-log row
}

void TestEndpointLimits::bodyTimeoutAnswers408_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("Content-Length larger than the body") << QByteArray(
        "POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"trackingId\"");
    QTest::newRow("a stalled chunked body")
        << QByteArray("POST /events HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\n{\"tra\r\n");
    QTest::newRow("a chunked body without its last chunk")
        << QByteArray("POST /events HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "2\r\n{}\r\n");
}

void TestEndpointLimits::bodyTimeoutAnswers408()
{
    QFETCH(QByteArray, request);
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    connection.send(request);
    bool closed = false;
    const QList<Response> responses = splitResponses(connection.untilClosed(&closed));
    QVERIFY(closed);
    QCOMPARE(responses.size(), 1);
    QVERIFY2(responses.first().head.startsWith("HTTP/1.1 408 "), responses.first().head.constData());
    QCOMPARE(responses.first().message(), QStringLiteral("The request body did not arrive within 1 s"));
    QVERIFY(responses.first().hasHeader("x-amzn-ErrorType: RequestTimeoutException"));
}

void TestEndpointLimits::idleConnectionIsClosed_data()
{
    QTest::addColumn<int>("requests");
    QTest::newRow("no request") << 0;
    QTest::newRow("after two requests") << 2;
}

// Silence between requests closes the connection, without a response.
void TestEndpointLimits::idleConnectionIsClosed()
{
    QFETCH(int, requests);
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    for (int i = 0; i < requests; ++i) {
        connection.send(kListDatasetGroups);
        QCOMPARE(connection.response().status(), 200);
    }
    bool closed = false;
    const QByteArray rest = connection.untilClosed(&closed);
    QVERIFY(closed);
    QCOMPARE(rest, QByteArray());
}

// A request that waits (here for the write lock, held by the sqlite3 shell for longer than the idle
// timeout) is owed its reply: the connection stays open and gets it.
void TestEndpointLimits::connectionOwedAReplyIsNotTimedOut()
{
    const QString lockedMarker = m_workspace->dir() + QStringLiteral("/locked");
    QProcess holder;
    holder.start(QStringLiteral("sqlite3"), {m_workspace->path()});
    QVERIFY(holder.waitForStarted());
    holder.write(
        QStringLiteral("BEGIN IMMEDIATE;\nINSERT INTO meta (key, value) VALUES ('held', 'by the test');\n"
                       ".shell touch '%1'\n")
            .arg(lockedMarker)
            .toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(lockedMarker), 10000);

    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    connection.send(
        post("/events", QStringLiteral(R"({"trackingId": "%1", "sessionId": "s", "eventList": )"
                                       R"([{"eventType": "click", "itemId": "i1", "sentAt": 1704164645}]})")
                            .arg(m_trackingId)
                            .toUtf8()));
    // Longer than the idle timeout (2 s) and than the header and body timeouts (1 s).
    QTest::qWait(3500);
    QCOMPARE(connection.socket().state(), QAbstractSocket::ConnectedState);
    holder.write("ROLLBACK;\n.quit\n");
    holder.closeWriteChannel();
    QVERIFY(holder.waitForFinished(10000));
    const Response response = connection.response(20000);
    QVERIFY2(response.status() == 200, QByteArray(response.head + response.body).constData());
    // Then it is idle like any other.
    bool closed = false;
    QCOMPARE(connection.untilClosed(&closed), QByteArray());
    QVERIFY(closed);
}

// Over the cap a connection gets 503 at once and is closed; the ones held are served, and a
// connection is accepted again once some close.
void TestEndpointLimits::connectionCapAnswers503()
{
    QProcess server;
    const QUrl url(test::startServe(server, QStringLiteral(FOOTFALL_BINARY), m_workspace->path(),
                                    {QStringLiteral("--max-connections"), QStringLiteral("4")}));
    QVERIFY(url.port() > 0);
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 4; ++i) {
        held.push_back(std::make_unique<RawConnection>(url));
        QVERIFY(held.back()->isConnected());
        held.back()->send(kListDatasetGroups);
        QCOMPARE(held.back()->response().status(), 200);
    }
    for (int i = 0; i < 3; ++i) {
        RawConnection extra(url);
        QVERIFY(extra.isConnected());
        extra.send(kListDatasetGroups);
        bool closed = false;
        const QList<Response> responses = splitResponses(extra.untilClosed(&closed));
        QVERIFY(closed);
        QCOMPARE(responses.size(), 1);
        const Response& response = responses.first();
        QVERIFY2(response.head.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), response.head.constData());
        QCOMPARE(response.type(), QStringLiteral("ServiceUnavailableException"));
        QCOMPARE(response.message(), QStringLiteral("The endpoint already has 4 connections open, its limit "
                                                    "(footfall serve --max-connections); try again later"));
        QVERIFY(response.hasHeader("Connection: close"));
        QVERIFY(response.hasHeader("x-amzn-ErrorType: ServiceUnavailableException"));
    }
    // The held ones are still served.
    held.front()->send(kListDatasetGroups);
    QCOMPARE(held.front()->response().status(), 200);

    held.resize(2);
    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
        QTest::qWait(100);
        RawConnection fresh(url);
        fresh.send(kListDatasetGroups);
        status = fresh.response().status();
    }
    QCOMPARE(status, 200);
    server.kill();
    server.waitForFinished();
}

void TestEndpointLimits::heldConnectionsDoNotSpin_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("openFiles"); // the process's limit, 0 for the inherited one
    QTest::newRow("over --max-connections")
        << QStringList{QStringLiteral("--max-connections"), QStringLiteral("8")} << 0;
    // 64 files leave room for 16 connections, and accept() fails (EMFILE) while refusals are written.
    QTest::newRow("at the open-file limit") << QStringList() << 64;
}

// Hundreds of connections held open: the server answers the ones over the cap, uses no CPU while
// they stay, and accepts again once they are gone (Qt alone stops accepting for good after EMFILE).
void TestEndpointLimits::heldConnectionsDoNotSpin()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, openFiles);
#if defined(__SANITIZE_ADDRESS__)
    // FOOTFALL_SANITIZE builds add UndefinedBehaviorSanitizer, whose vptr check reads an object's
    // memory through a pipe: with no file descriptor left, which this row brings about on purpose, it
    // reports every polymorphic object it checks as having an invalid vptr (a ten-line program that
    // uses up its descriptors and then throws a std::runtime_error gets the same report). The
    // release build runs the row.
    if (openFiles > 0)
        QSKIP("at the open-file limit UndefinedBehaviorSanitizer cannot check vptrs (it needs a pipe)");
#endif
    QTemporaryDir dir;
    QString program = QStringLiteral(FOOTFALL_BINARY);
    if (openFiles > 0) {
        program = dir.filePath(QStringLiteral("footfall-limited"));
        QFile wrapper(program);
        QVERIFY(wrapper.open(QIODevice::WriteOnly));
        wrapper.write(QStringLiteral("#!/bin/sh\nexec prlimit --nofile=%1:%1 '%2' \"$@\"\n")
                          .arg(openFiles)
                          .arg(QStringLiteral(FOOTFALL_BINARY))
                          .toUtf8());
        wrapper.close();
        QVERIFY(wrapper.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    QProcess server;
    const QUrl url(test::startServe(server, program, m_workspace->path(), arguments));
    QVERIFY(url.port() > 0);
    qint64 pid = server.processId();
    if (openFiles > 0) {
        // prlimit execs footfall: the same process.
        QVERIFY(QFile::symLinkTarget(QStringLiteral("/proc/%1/exe").arg(pid))
                    .endsWith(QLatin1String("footfall")));
        QByteArray err;
        QTRY_VERIFY2_WITH_TIMEOUT((err += server.readAllStandardError(),
                                   err.contains("warning: at most 16 connections at once, not 512")),
                                  "serve says it lowered the cap", 5000);
    }

    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 300; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(url.host(), quint16(url.port()));
    }
    QTest::qWait(1000);
    const double before = cpuSeconds(pid);
    QTest::qWait(3000);
    const double held = cpuSeconds(pid) - before;
    QVERIFY2(before >= 0 && held < 1.0, qPrintable(QStringLiteral("%1 s of CPU over 3 s").arg(held)));
    int refused = 0;
    for (const auto& client : clients)
        refused += client->readAll().startsWith("HTTP/1.1 503 ") ? 1 : 0;
    QVERIFY2(refused > 0, "connections over the cap are answered 503");
    clients.clear();

    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
        QTest::qWait(200);
        RawConnection fresh(url);
        fresh.send(kListDatasetGroups);
        status = fresh.response(2000).status();
    }
    QCOMPARE(status, 200);
    server.kill();
    server.waitForFinished();
}

// A chunked body is followed chunk by chunk: the request is answered, and so is the next one on
// the same connection, even with blank lines and header-like text inside the chunks.
void TestEndpointLimits::chunkedBodyIsFollowed()
{
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    connection.send(
        "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AmazonPersonalize.ListDatasetGroups\r\n"
        "Content-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        "1;name=value\r\n{\r\n4\r\n\r\n\r\n\r\n1\r\n}\r\n0\r\n\r\n");
    const Response first = connection.response();
    QVERIFY2(first.status() == 200, QByteArray(first.head + first.body).constData());
    QVERIFY2(first.body.contains("dataset-group/shop"), first.body.constData());
    connection.send(kListDatasetGroups);
    QCOMPARE(connection.response().status(), 200);
}

void TestEndpointLimits::contentLengthInsideABodyIsNotAHeader_data()
{
    const QByteArray body = "{\"trackingId\": \"\r\n\r\nContent-Length: 99999999\r\n\r\n\"}";
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("Content-Length body") << post("/events", body);
    QTest::newRow("chunked body") << QByteArray("POST /events HTTP/1.1\r\nHost: localhost\r\n"
                                                "Transfer-Encoding: chunked\r\n\r\n" +
                                                QByteArray::number(body.size(), 16) + "\r\n" + body +
                                                "\r\n0\r\n\r\n");
}

// The router answers it (a tracking id it does not know), and the next request on the connection
// is answered too.
void TestEndpointLimits::contentLengthInsideABodyIsNotAHeader()
{
    QFETCH(QByteArray, request);
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    connection.send(request);
    const Response response = connection.response();
    QVERIFY2(response.status() == 400, QByteArray(response.head + response.body).constData());
    QCOMPARE(response.type(), QStringLiteral("InvalidInputException"));
    connection.send(kListDatasetGroups);
    QCOMPARE(connection.response().status(), 200);
}

void TestEndpointLimits::chunkedBodyOverTheLimitIs413_data()
{
    QTest::addColumn<int>("chunkBytes");
    QTest::newRow("200 MiB in chunks of 64 KiB") << 64 * 1024;
    QTest::newRow("one chunk of 200 MiB") << 200 * 1024 * 1024;
}

// Refused once the chunks pass 1 MiB, without buffering what follows: the server's memory barely
// grows while a client tries to send 200 MiB.
void TestEndpointLimits::chunkedBodyOverTheLimitIs413()
{
    QFETCH(int, chunkBytes);
    const qint64 pid = m_server.processId();
    const qint64 residentBefore = residentMiB(pid);
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    QTcpSocket& socket = connection.socket();
    socket.write("POST /events HTTP/1.1\r\nHost: localhost\r\nOrigin: http://page.example\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n");
    const QByteArray data(std::min(chunkBytes, 64 * 1024), 'x');
    const qint64 total = 200LL * 1024 * 1024;
    qint64 sent = 0;
    QByteArray received;
    bool first = true;
    while (sent < total && socket.state() == QAbstractSocket::ConnectedState && received.isEmpty()) {
        if (first || chunkBytes == data.size())
            socket.write(QByteArray::number(chunkBytes, 16) + "\r\n");
        first = false;
        socket.write(data);
        if (chunkBytes == data.size())
            socket.write("\r\n");
        sent += data.size();
        while (socket.bytesToWrite() > 0 && socket.waitForBytesWritten(5000)) {
        }
        received += socket.readAll();
    }
    bool closed = false;
    const QList<Response> responses = splitResponses(received + connection.untilClosed(&closed));
    QVERIFY(closed);
    QCOMPARE(responses.size(), 1);
    const Response& response = responses.first();
    QVERIFY2(response.head.startsWith("HTTP/1.1 413 Payload Too Large\r\n"), response.head.constData());
    QCOMPARE(response.type(), QStringLiteral("RequestEntityTooLargeException"));
    QCOMPARE(response.message(),
             QStringLiteral("The chunked request body is over 1048576 bytes; at most 1048576 are accepted"));
    QVERIFY(response.hasHeader("Access-Control-Allow-Origin: *"));
    const qint64 growth = residentMiB(pid) - residentBefore;
    QVERIFY2(residentBefore > 0 && growth < 100,
             qPrintable(QStringLiteral("RSS grew by %1 MiB after %2 MiB sent").arg(growth).arg(sent >> 20)));
    qInfo("sent %lld MiB; the server's RSS went from %lld MiB by %lld MiB", sent >> 20, residentBefore,
          growth);
}

void TestEndpointLimits::framingErrorsCloseTheConnection_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    const QString versionType = QStringLiteral("HttpVersionNotSupportedException");
    for (const char* version : {"HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3"})
        QTest::newRow(version)
            << QByteArray("POST /events ") + version + "\r\nHost: localhost\r\n\r\n"
            << 505 << versionType
            << QStringLiteral("%1 is not supported: send HTTP/1.1").arg(QLatin1String(version));
    const QString bad = QStringLiteral("BadRequestException");
    const QString requestLine = QStringLiteral("The request line is not <method> <target> HTTP/1.1");
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400 << bad << requestLine;
    QTest::newRow("not HTTP") << QByteArray("POST /events FTP/1.1\r\n\r\n") << 400 << bad << requestLine;
    QTest::newRow("a header without a colon")
        << QByteArray("POST /events HTTP/1.1\r\nHost localhost\r\n\r\n") << 400 << bad
        << QStringLiteral("A header line is not <name>: <value>");
    QTest::newRow("Content-Length not a number")
        << QByteArray("POST /events HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400 << bad
        << QStringLiteral("Content-Length is not one number of bytes");
    QTest::newRow("two Content-Lengths")
        << QByteArray("POST /events HTTP/1.1\r\nContent-Length: 2\r\n"
                      "Content-Length: 20\r\n\r\n{}")
        << 400 << bad << QStringLiteral("Content-Length is not one number of bytes");
    QTest::newRow("Content-Length and chunked")
        << QByteArray("POST /events HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n")
        << 400 << bad << QStringLiteral("A request may not carry both Content-Length and Transfer-Encoding");
    QTest::newRow("a chunk size not hexadecimal")
        << QByteArray("POST /events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400 << bad
        << QStringLiteral("A chunk size is not a hexadecimal number");
    QTest::newRow("a chunk longer than its size")
        << QByteArray("POST /events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}}\r\n") << 400 << bad
        << QStringLiteral("A chunk is not followed by CRLF where its chunk size says it ends");
    QTest::newRow("a chunk ended by LF alone")
        << QByteArray("POST /events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\n0\r\n\r\n") << 400
        << bad << QStringLiteral("A chunk is not followed by CRLF where its chunk size says it ends");
    QTest::newRow("a chunk size ended by LF alone")
        << QByteArray("POST /events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\n{}\r\n0\r\n\r\n") << 400
        << bad << QStringLiteral("A chunk line does not end with CRLF");
    QTest::newRow("trailer fields")
        << QByteArray(
               "POST /events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Sum: 1\r\n\r\n")
        << 400 << bad << QStringLiteral("Trailer fields after a chunked body are not supported");
    QTest::newRow("Transfer-Encoding gzip")
        << QByteArray("POST /events HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << 501
        << QStringLiteral("NotImplementedException")
        << QStringLiteral(
               "Transfer-Encoding gzip, chunked is not supported: send the body with a Content-Length "
               "or chunked");
    QTest::newRow("headers over 64 KiB")
        << QByteArray("POST /events HTTP/1.1\r\nX-Padding: " + QByteArray(70 * 1024, 'p') + "\r\n\r\n") << 431
        << QStringLiteral("RequestHeaderFieldsTooLargeException")
        << QStringLiteral("The request line and headers are over 65536 bytes");
    QTest::newRow("Content-Length over 1 MiB")
        << QByteArray("POST /events HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n") << 413
        << QStringLiteral("RequestEntityTooLargeException")
        << QStringLiteral("The request body is 99999999999999999999 bytes; at most 1048576 are accepted");
}

// One error, then the connection is closed.
void TestEndpointLimits::framingErrorsCloseTheConnection()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, type);
    QFETCH(QString, message);
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    connection.send(request);
    bool closed = false;
    const QList<Response> responses = splitResponses(connection.untilClosed(&closed));
    QVERIFY(closed);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status(), status);
    QCOMPARE(responses.first().type(), type);
    QCOMPARE(responses.first().message(), message);
    QVERIFY(responses.first().hasHeader("x-amzn-ErrorType: " + type.toLatin1()));
    QVERIFY(responses.first().hasHeader("Connection: close"));
}

void TestEndpointLimits::doubleSlashesAreOneSlash_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("samePath");
    QTest::newRow("//events") << QByteArray("//events") << QByteArray("/events");
    QTest::newRow("//users") << QByteArray("//users") << QByteArray("/users");
    QTest::newRow("/prefix//events") << QByteArray("/prefix//events") << QByteArray("/events");
    QTest::newRow("///items?x=1") << QByteArray("///items?x=1") << QByteArray("/items");
}

// QUrl reads "//events" as a host named events: the router must still see /events.
void TestEndpointLimits::doubleSlashesAreOneSlash()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, samePath);
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    connection.send(post(samePath, "{}"));
    const Response expected = connection.response();
    QCOMPARE(expected.status(), 400);
    QCOMPARE(expected.type(), QStringLiteral("InvalidInputException"));
    connection.send(post(path, "{}"));
    const Response response = connection.response();
    QCOMPARE(response.status(), expected.status());
    QCOMPARE(response.type(), expected.type());
    QCOMPARE(response.message(), expected.message());
}

// Requests written at once are answered in order, each with its own path.
void TestEndpointLimits::pipelinedRequestsKeepTheirPaths()
{
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    connection.send(post("/users", "{}"));
    const Response users = connection.response();
    QCOMPARE(users.type(), QStringLiteral("InvalidInputException"));
    connection.send(post("//events", "{}") + kListDatasetGroups + post("//users", "{}"));
    const Response first = connection.response();
    const Response second = connection.response();
    const Response third = connection.response();
    QVERIFY(first.message().contains(QLatin1String("trackingId")));
    QCOMPARE(second.status(), 200);
    QCOMPARE(third.message(), users.message());
}

void TestEndpointLimits::upgradeGetsOneResponse_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("websocket") << QByteArray("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\n"
                                             "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                               << 501;
    // Answered as HTTP/1.1, without switching: the client goes on in HTTP/1.1.
    QTest::newRow("h2c") << QByteArray(kListDatasetGroups)
                                .replace("Host: localhost\r\n",
                                         "Host: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                                         "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n")
                         << 200;
}

// Everything the server sends until it closes the connection (at once, or when idle) is one response.
void TestEndpointLimits::upgradeGetsOneResponse()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    RawConnection connection(m_url);
    QVERIFY(connection.isConnected());
    connection.send(request);
    bool closed = false;
    const QByteArray all = connection.untilClosed(&closed);
    QVERIFY(closed);
    const QList<Response> responses = splitResponses(all);
    QVERIFY2(responses.size() == 1, all.constData());
    QCOMPARE(responses.first().status(), status);
    if (status == 501)
        QCOMPARE(responses.first().type(), QStringLiteral("NotImplementedException"));
}

void TestEndpointLimits::limitFlagsAreChecked_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");
    QTest::newRow("no connections") << QStringLiteral("--max-connections") << QStringLiteral("0")
                                    << QStringLiteral(
                                           "argument --max-connections: not a whole number from 1 to "
                                           "1000000: '0'");
    QTest::newRow("a fraction") << QStringLiteral("--header-timeout") << QStringLiteral("1.5")
                                << QStringLiteral(
                                       "argument --header-timeout: not a whole number from 1 to 86400: "
                                       "'1.5'");
    QTest::newRow("a word") << QStringLiteral("--idle-timeout") << QStringLiteral("long")
                            << QStringLiteral(
                                   "argument --idle-timeout: not a whole number from 1 to 86400: 'long'");
    QTest::newRow("a day and more") << QStringLiteral("--body-timeout") << QStringLiteral("86401")
                                    << QStringLiteral(
                                           "argument --body-timeout: not a whole number from 1 to 86400: "
                                           "'86401'");
}

void TestEndpointLimits::limitFlagsAreChecked()
{
    QFETCH(QString, flag);
    QFETCH(QString, value);
    QFETCH(QString, error);
    QProcess serve;
    serve.start(QStringLiteral(FOOTFALL_BINARY),
                {QStringLiteral("--db"), m_workspace->dir() + QStringLiteral("/flags.db"),
                 QStringLiteral("serve"), flag, value});
    QVERIFY(serve.waitForFinished(20000));
    QCOMPARE(serve.exitCode(), 252);
    const QString err = QString::fromUtf8(serve.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("footfall: error: ") + error), qPrintable(err));

    QProcess help;
    help.start(QStringLiteral(FOOTFALL_BINARY), {QStringLiteral("serve"), QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(20000));
    QVERIFY(help.readAllStandardOutput().contains(QByteArray(flag.toUtf8() + " (integer)")));
}

QTEST_GUILESS_MAIN(TestEndpointLimits)
#include "TestEndpointLimits.moc"
