#include "Database.h"
#include "ServeProcess.h"
#include "TestWorkspace.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <memory>
#include <vector>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {

struct RawReply
{
    int status = 0; // 0: the connection closed without an answer
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString type() const { return json().value(QStringLiteral("__type")).toString(); }
    QString message() const { return json().value(QStringLiteral("message")).toString(); }
};

// One HTTP/1.1 request on a connection of its own, written at once, read as it comes.
class RawRequest
{
public:
    RawRequest(quint16 port, const QByteArray& path, const QByteArray& body, const QByteArray& target = {})
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        QByteArray request =
            "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " +
            (target.isEmpty() ? QByteArray("application/json")
                              : QByteArray("application/x-amz-json-1.1\r\nX-Amz-Target: ") + target) +
            "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        m_socket.write(request);
    }

    bool isFinished()
    {
        m_received += m_socket.readAll();
        const int headerEnd = m_received.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return m_socket.state() == QAbstractSocket::UnconnectedState;
        const QByteArray lower = m_received.left(headerEnd).toLower();
        const int at = lower.indexOf("content-length:");
        const qint64 length =
            at < 0 ? 0 : lower.mid(at + 15, lower.indexOf("\r\n", at) - at - 15).trimmed().toLongLong();
        return m_received.size() >= headerEnd + 4 + length;
    }

    RawReply reply() const
    {
        RawReply result;
        const int headerEnd = m_received.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return result;
        result.status = m_received.mid(9, 3).toInt();
        result.body = m_received.mid(headerEnd + 4);
        return result;
    }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

QByteArray putEventsBody(const QString& trackingId, const QString& session, const QJsonArray& events)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("trackingId"), trackingId},
                                     {QStringLiteral("sessionId"), session},
                                     {QStringLiteral("userId"), QString(QStringLiteral("user-") + session)},
                                     {QStringLiteral("eventList"), events}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject makeEvent(const QString& id, qint64 sentAt, const QString& source = {})
{
    QJsonObject result{{QStringLiteral("eventId"), id},
                       {QStringLiteral("eventType"), QStringLiteral("click")},
                       {QStringLiteral("itemId"), QString(QStringLiteral("item-") + id)},
                       {QStringLiteral("sentAt"), sentAt}};
    if (!source.isEmpty())
        result.insert(QStringLiteral("metricAttribution"),
                      QJsonObject{{QStringLiteral("eventAttributionSource"), source}});
    return result;
}

qint64 scalar(const QString& path, const QString& sql)
{
    const auto reader = Database::openReader(path);
    QSqlQuery query(reader->connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// The sizes of the groups the writer committed, from its debug lines on stderr.
QList<int> groupSizes(const QByteArray& serverErrors)
{
    QList<int> sizes;
    static const QRegularExpression line(QStringLiteral("committed (\\d+) requests and"));
    auto matches = line.globalMatch(QString::fromUtf8(serverErrors));
    while (matches.hasNext())
        sizes.append(matches.next().captured(1).toInt());
    return sizes;
}

} // namespace

// The endpoint's writer commits the PutEvents that wait for it together, one savepoint each: a
// refused request, or one full of duplicates, never changes what its neighbours store or are told;
// every 200 is in the file; reads are answered while another program holds the write lock.
class TestGroupCommit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void eachRequestKeepsItsOutcomeInAGroup();
    void otherWritesRunAloneBetweenGroups();
    void killedMidGroupLeavesOnlyWholeRequests();
    void readsAreAnsweredWhileAnotherProgramWrites();
    void theWalIsCheckpointedBesideTheWriter();
    void anImportLongerThanTheWait();

private:
    QString startServer(const QString& path, const QHash<QString, QString>& environment = {});
    // The real sqlite3 shell takes the write lock and keeps it until release().
    void holdWriteLock(QProcess& holder, const QString& path);
    static void release(QProcess& holder);
    // Waits until every request is answered (or its connection closed).
    static void finish(std::vector<std::unique_ptr<RawRequest>>& requests);

    std::unique_ptr<TestWorkspace> m_workspace;
    QString m_trackingId;
    QProcess m_server;
    quint16 m_port = 0;
};

void TestGroupCommit::initTestCase()
{
    m_workspace = std::make_unique<TestWorkspace>();
    m_workspace->createShop();
    m_trackingId = m_workspace->trackingId();
    // 99 distinct attribution sources: the 100th is allowed, a 101st is refused (AWS's limit).
    for (int batch = 0; batch < 10; ++batch) {
        QJsonArray events;
        for (int i = 0; i < 10 && batch * 10 + i < 99; ++i) {
            const int n = batch * 10 + i;
            events.append(makeEvent(QStringLiteral("seed-%1").arg(n), 1704000000 + n,
                                    QStringLiteral("source-%1").arg(n)));
        }
        m_workspace->putEvents(events);
    }
}

void TestGroupCommit::cleanup()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.kill();
        m_server.waitForFinished();
    }
}

QString TestGroupCommit::startServer(const QString& path, const QHash<QString, QString>& environment)
{
    QProcessEnvironment processEnvironment = QProcessEnvironment::systemEnvironment();
    processEnvironment.insert(QStringLiteral("QT_LOGGING_RULES"),
                              QStringLiteral("footfall.endpoint.writer.debug=true"));
    for (auto it = environment.begin(); it != environment.end(); ++it)
        processEnvironment.insert(it.key(), it.value());
    const QString url =
        test::startServe(m_server, QStringLiteral(FOOTFALL_BINARY), path, {}, processEnvironment);
    m_port = quint16(QUrl(url).port());
    return url;
}

void TestGroupCommit::holdWriteLock(QProcess& holder, const QString& path)
{
    const QString marker = m_workspace->dir() + QStringLiteral("/locked");
    QFile::remove(marker);
    holder.start(QStringLiteral("sqlite3"), {path});
    QVERIFY(holder.waitForStarted());
    holder.write(
        QStringLiteral("BEGIN IMMEDIATE;\nINSERT INTO meta (key, value) VALUES ('held', 'by the test');\n"
                       ".shell touch '%1'\n")
            .arg(marker)
            .toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(marker), 10000);
}

void TestGroupCommit::release(QProcess& holder)
{
    holder.write("ROLLBACK;\n.quit\n");
    holder.closeWriteChannel();
    QVERIFY(holder.waitForFinished(10000));
}

void TestGroupCommit::finish(std::vector<std::unique_ptr<RawRequest>>& requests)
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        bool all = true;
        for (const auto& request : requests)
            all = request->isFinished() && all;
        if (all)
            return;
        QVERIFY2(clock.elapsed() < 60000, "requests were not answered");
        QTest::qWait(10);
    }
}

// Requests queued behind another program's write lock are committed together once it is free.
// Among them: a request refused by validation, one refused half-way through its events (a 101st
// attribution source, after its first event was written), one whose events repeat another's in
// the same group, and good ones. Each gets the answer it would get alone.
void TestGroupCommit::eachRequestKeepsItsOutcomeInAGroup()
{
    const QString path = m_workspace->path();
    QVERIFY(
        !startServer(path, {{QStringLiteral("FOOTFALL_LOCK_WAIT_MS"), QStringLiteral("30000")}}).isEmpty());
    const qint64 interactionsBefore = scalar(path, QStringLiteral("SELECT count(*) FROM interaction"));
    const qint64 duplicatesBefore =
        scalar(path, QStringLiteral("SELECT count(*) FROM interaction_duplicate"));

    QProcess holder;
    holdWriteLock(holder, path);
    std::vector<std::unique_ptr<RawRequest>> requests;
    // The first request's group waits for the lock; everything sent after it queues behind.
    requests.push_back(
        std::make_unique<RawRequest>(m_port, "/events",
                                     putEventsBody(m_trackingId, QStringLiteral("first"),
                                                   {makeEvent(QStringLiteral("first"), 1704100000)})));
    QTest::qWait(300);
    const QJsonArray repeated{makeEvent(QStringLiteral("a1"), 1704100001),
                              makeEvent(QStringLiteral("a2"), 1704100002)};
    const QList<QByteArray> grouped{
        putEventsBody(m_trackingId, QStringLiteral("a"), repeated),
        putEventsBody(QStringLiteral("no-such-tracker"), QStringLiteral("b"),
                      {makeEvent(QStringLiteral("b1"), 1704100003)}),
        putEventsBody(m_trackingId, QStringLiteral("c"),
                      {makeEvent(QStringLiteral("c1"), 1704100004, QStringLiteral("source-1")),
                       makeEvent(QStringLiteral("c2"), 1704100005, QStringLiteral("source-99")),
                       makeEvent(QStringLiteral("c3"), 1704100006, QStringLiteral("source-100"))}),
        putEventsBody(m_trackingId, QStringLiteral("a"), repeated),
        putEventsBody(m_trackingId, QStringLiteral("d"), {}),
        putEventsBody(m_trackingId, QStringLiteral("e"),
                      {makeEvent(QStringLiteral("e1"), 1704100007, QStringLiteral("source-99"))}),
    };
    for (const QByteArray& body : grouped)
        requests.push_back(std::make_unique<RawRequest>(m_port, "/events", body));
    QTest::qWait(500); // all of them read and queued while the lock is held
    for (auto& request : requests)
        QVERIFY2(!request->isFinished(), "a request was answered while the write lock was held");
    release(holder);
    finish(requests);

    QCOMPARE(requests[0]->reply().status, 200);
    QCOMPARE(requests[1]->reply().status, 200);
    QCOMPARE(requests[2]->reply().status, 404);
    QCOMPARE(requests[2]->reply().type(), QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(requests[2]->reply().message(),
             QStringLiteral("Could not find an event tracker with the tracking ID no-such-tracker"));
    QCOMPARE(requests[3]->reply().status, 400);
    QCOMPARE(requests[3]->reply().type(), QStringLiteral("InvalidInputException"));
    QVERIFY2(requests[3]->reply().message().contains(QLatin1String("\"source-100\"")),
             qPrintable(requests[3]->reply().message()));
    QCOMPARE(requests[4]->reply().status, 200); // the same events again: duplicates, kept once
    QCOMPARE(requests[5]->reply().status, 400);
    QCOMPARE(requests[5]->reply().message(),
             QStringLiteral("Invalid length for parameter eventList, value: 0, valid min length: 1"));
    QCOMPARE(requests[6]->reply().status, 200);

    // first, a1, a2, e1; nothing of the refused c (not even c1 and c2, written before c3 was refused).
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM interaction")), interactionsBefore + 4);
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM interaction WHERE session_id = 'c'")), 0);
    QCOMPARE(
        scalar(path, QStringLiteral("SELECT count(*) FROM attribution_source WHERE source = 'source-100'")),
        0);
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM interaction_duplicate")),
             duplicatesBefore + 2);
    QCOMPARE(scalar(path, QStringLiteral(
                              "SELECT count(*) FROM session_link WHERE session_id IN ('a', 'e', 'first')")),
             3);
    QCOMPARE(scalar(path, QStringLiteral(
                              "SELECT count(*) FROM request_log WHERE outcome = 'rejected' AND ("
                              "body LIKE '%\"sessionId\":\"b\"%' OR body LIKE '%\"sessionId\":\"c\"%' OR "
                              "body LIKE '%\"sessionId\":\"d\"%')")),
             3);
    const QList<int> sizes = groupSizes(m_server.readAllStandardError());
    QVERIFY2(!sizes.isEmpty() && *std::max_element(sizes.begin(), sizes.end()) == int(grouped.size()),
             qPrintable(QStringLiteral("%1 groups; the largest held %2 requests")
                            .arg(sizes.size())
                            .arg(sizes.isEmpty() ? 0 : *std::max_element(sizes.begin(), sizes.end()))));
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM meta WHERE key = 'held'")), 0);
}

// A write that is not grouped (CreateDatasetGroup) between PutEvents ends one group and runs alone;
// each request is handled once.
void TestGroupCommit::otherWritesRunAloneBetweenGroups()
{
    const QString path = m_workspace->path();
    QVERIFY(
        !startServer(path, {{QStringLiteral("FOOTFALL_LOCK_WAIT_MS"), QStringLiteral("30000")}}).isEmpty());
    const qint64 duplicatesBefore =
        scalar(path, QStringLiteral("SELECT count(*) FROM interaction_duplicate"));
    QProcess holder;
    holdWriteLock(holder, path);
    std::vector<std::unique_ptr<RawRequest>> requests;
    requests.push_back(
        std::make_unique<RawRequest>(m_port, "/events",
                                     putEventsBody(m_trackingId, QStringLiteral("alone-0"),
                                                   {makeEvent(QStringLiteral("alone-0"), 1704110000)})));
    QTest::qWait(300);
    requests.push_back(
        std::make_unique<RawRequest>(m_port, "/events",
                                     putEventsBody(m_trackingId, QStringLiteral("alone-1"),
                                                   {makeEvent(QStringLiteral("alone-1"), 1704110001)})));
    QTest::qWait(100);
    requests.push_back(std::make_unique<RawRequest>(m_port, "/", R"({"name": "between"})",
                                                    "AmazonPersonalize.CreateDatasetGroup"));
    QTest::qWait(100);
    requests.push_back(
        std::make_unique<RawRequest>(m_port, "/events",
                                     putEventsBody(m_trackingId, QStringLiteral("alone-2"),
                                                   {makeEvent(QStringLiteral("alone-2"), 1704110002)})));
    QTest::qWait(300);
    release(holder);
    finish(requests);
    for (const auto& request : requests)
        QCOMPARE(request->reply().status, 200);
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM interaction WHERE session_id LIKE 'alone-%'")),
             3);
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM interaction_duplicate")), duplicatesBefore);
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM request_log WHERE operation = 'PutEvents' AND "
                                         "body LIKE '%alone-%'")),
             3);
    QCOMPARE(scalar(path, QStringLiteral(
                              "SELECT count(*) FROM request_log WHERE operation = 'CreateDatasetGroup'")),
             1);
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM dataset_group WHERE name = 'between'")), 1);
    // alone-1 and alone-2 queued together behind the lock, but the CreateDatasetGroup between them
    // kept them in groups of their own.
    const QList<int> sizes = groupSizes(m_server.readAllStandardError());
    QCOMPARE(sizes, QList<int>({1, 1, 1}));
}

// kill -9 while groups of 3-event requests are being committed: every 200 is stored, and every
// request is stored whole or not at all.
void TestGroupCommit::killedMidGroupLeavesOnlyWholeRequests()
{
    const QString path = m_workspace->dir() + QStringLiteral("/killed.db");
    // A copy made by SQLite: only SQLite may open a database file this process has open.
    QSqlQuery copy((*m_workspace)->database().connection());
    QVERIFY(copy.exec(QStringLiteral("VACUUM INTO '%1'").arg(path)));
    QVERIFY(!startServer(path).isEmpty());
    std::vector<std::unique_ptr<RawRequest>> inFlight;
    std::vector<int> indexes;
    QSet<int> acknowledged;
    int sent = 0;
    QElapsedTimer clock;
    clock.start();
    const auto sendNext = [&] {
        const int index = sent++;
        QJsonArray events;
        for (int i = 0; i < 3; ++i)
            events.append(makeEvent(QStringLiteral("k%1-%2").arg(index).arg(i), 1704200000 + index * 3 + i));
        inFlight.push_back(std::make_unique<RawRequest>(
            m_port, "/events", putEventsBody(m_trackingId, QStringLiteral("kill-%1").arg(index), events)));
        indexes.push_back(index);
    };
    while (acknowledged.size() < 300 && clock.elapsed() < 20000) {
        while (inFlight.size() < 24)
            sendNext();
        QTest::qWait(2);
        for (size_t i = 0; i < inFlight.size();) {
            if (inFlight[i]->isFinished()) {
                if (inFlight[i]->reply().status == 200)
                    acknowledged.insert(indexes[i]);
                inFlight.erase(inFlight.begin() + qsizetype(i));
                indexes.erase(indexes.begin() + qsizetype(i));
            } else {
                ++i;
            }
        }
    }
    m_server.kill(); // SIGKILL, with requests in flight
    m_server.waitForFinished();
    for (size_t i = 0; i < inFlight.size(); ++i) {
        if (inFlight[i]->isFinished() && inFlight[i]->reply().status == 200)
            acknowledged.insert(indexes[i]);
    }
    QVERIFY2(acknowledged.size() >= 100, qPrintable(QString::number(acknowledged.size())));

    const auto reader = Database::openReader(path);
    QSqlQuery check(reader->connection());
    QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
    QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
    QHash<int, int> eventsByRequest;
    QVERIFY(check.exec(
        QStringLiteral("SELECT session_id, count(*) FROM interaction WHERE session_id LIKE 'kill-%' "
                       "GROUP BY session_id")));
    while (check.next())
        eventsByRequest.insert(check.value(0).toString().mid(5).toInt(), check.value(1).toInt());
    for (auto it = eventsByRequest.cbegin(); it != eventsByRequest.cend(); ++it)
        QVERIFY2(it.value() == 3, qPrintable(QStringLiteral("request %1 is stored with %2 of its 3 events")
                                                 .arg(it.key())
                                                 .arg(it.value())));
    for (const int index : std::as_const(acknowledged))
        QVERIFY2(eventsByRequest.contains(index),
                 qPrintable(QStringLiteral("request %1 got a 200 but is not stored").arg(index)));
    QVERIFY(eventsByRequest.size() >= acknowledged.size());
    const QList<int> sizes = groupSizes(m_server.readAllStandardError());
    QVERIFY2(std::any_of(sizes.begin(), sizes.end(), [](int size) { return size > 1; }),
             "no group held more than one request");
    qInfo("%d requests acknowledged, %d stored, in %d groups of up to %d", int(acknowledged.size()),
          int(eventsByRequest.size()), int(sizes.size()), *std::max_element(sizes.begin(), sizes.end()));
}

// Another program holds the write lock for longer than the endpoint waits (an import, say): the
// PutEvents sent meanwhile get a 503 (which the SDKs retry) after the wait, while Describe, List
// and a refused request's answer come at once, from the readers.
void TestGroupCommit::readsAreAnsweredWhileAnotherProgramWrites()
{
    const QString path = m_workspace->path();
    QVERIFY(
        !startServer(path, {{QStringLiteral("FOOTFALL_LOCK_WAIT_MS"), QStringLiteral("3000")}}).isEmpty());
    QProcess holder;
    holdWriteLock(holder, path);
    QElapsedTimer held;
    held.start();
    auto put = std::make_unique<RawRequest>(m_port, "/events",
                                            putEventsBody(m_trackingId, QStringLiteral("locked-out"),
                                                          {makeEvent(QStringLiteral("l1"), 1704300000)}));
    std::vector<std::unique_ptr<RawRequest>> reads;
    for (int i = 0; i < 5; ++i) {
        reads.push_back(std::make_unique<RawRequest>(m_port, "/",
                                                     QStringLiteral(R"({"datasetGroupArn": "%1"})")
                                                         .arg(QLatin1String(TestWorkspace::kGroupArn))
                                                         .toUtf8(),
                                                     "AmazonPersonalize.DescribeDatasetGroup"));
        reads.push_back(
            std::make_unique<RawRequest>(m_port, "/", "{}", "AmazonPersonalize.ListEventTrackers"));
    }
    finish(reads);
    // Answered while the PutEvents still waits for the lock: they did not queue behind it.
    QVERIFY(!put->isFinished());
    for (const auto& read : reads) {
        QCOMPARE(read->reply().status, 200);
    }
    QCOMPARE(reads[0]
                 ->reply()
                 .json()
                 .value(QStringLiteral("datasetGroup"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
             QStringLiteral("shop"));
    QCOMPARE(reads[1]->reply().json().value(QStringLiteral("eventTrackers")).toArray().size(), 1);

    std::vector<std::unique_ptr<RawRequest>> waiting;
    waiting.push_back(std::move(put));
    finish(waiting);
    QVERIFY(held.elapsed() >= 2500); // it waited for the lock
    QCOMPARE(waiting[0]->reply().status, 503);
    QCOMPARE(waiting[0]->reply().type(), QStringLiteral("ServiceUnavailableException"));
    QVERIFY(waiting[0]->reply().message().contains(QLatin1String("busy")));
    QCOMPARE(m_server.state(), QProcess::Running);
    release(holder);

    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM interaction WHERE session_id = 'locked-out'")),
             0);
    // The reads' request-log rows were handed to the writer and are stored once the lock is free.
    QTRY_COMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM request_log WHERE operation = "
                                             "'DescribeDatasetGroup' AND outcome = 'accepted'")),
                 5);
    RawRequest again(m_port, "/events",
                     putEventsBody(m_trackingId, QStringLiteral("after"),
                                   {makeEvent(QStringLiteral("after"), 1704300001)}));
    QTRY_VERIFY(again.isFinished());
    QCOMPARE(again.reply().status, 200);
}

// The writer leaves checkpoints to a thread of its own: 300 requests (far fewer WAL pages than
// SQLite's automatic checkpoint waits for) reach the database file while the server runs, and the
// file stays sound.
void TestGroupCommit::theWalIsCheckpointedBesideTheWriter()
{
    const QString path = m_workspace->dir() + QStringLiteral("/checkpointed.db");
    QSqlQuery copy((*m_workspace)->database().connection());
    QVERIFY(copy.exec(QStringLiteral("VACUUM INTO '%1'").arg(path)));
    QVERIFY(!startServer(path).isEmpty());
    const qint64 before = QFileInfo(path).size();
    for (int batch = 0; batch < 20; ++batch) {
        std::vector<std::unique_ptr<RawRequest>> requests;
        for (int i = 0; i < 15; ++i) {
            const int n = batch * 15 + i;
            requests.push_back(std::make_unique<RawRequest>(
                m_port, "/events",
                putEventsBody(m_trackingId, QStringLiteral("wal-%1").arg(n),
                              {makeEvent(QStringLiteral("wal-%1").arg(n), 1704400000 + n)})));
        }
        finish(requests);
        for (const auto& request : requests)
            QCOMPARE(request->reply().status, 200);
    }
    // stat() only: nothing but SQLite opens the file.
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > before, 10000);
    QCOMPARE(m_server.state(), QProcess::Running);
    m_server.terminate();
    QVERIFY(m_server.waitForFinished(10000));
    QVERIFY(!m_server.readAllStandardError().contains("checkpoint"));
    const auto reader = Database::openReader(path);
    QSqlQuery check(reader->connection());
    QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
    QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
    QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM interaction WHERE session_id LIKE 'wal-%'")),
             300);
}

// A real bulk import by another process holds the write lock for longer than the endpoint waits
// (300 ms here): PutEvents sent meanwhile get 200 or, having waited, 503 — never 500 — and a 503 is
// stored nowhere; reads get 200 throughout.
void TestGroupCommit::anImportLongerThanTheWait()
{
    const QString path = m_workspace->dir() + QStringLiteral("/imported.db");
    QSqlQuery copy((*m_workspace)->database().connection());
    QVERIFY(copy.exec(QStringLiteral("VACUUM INTO '%1'").arg(path)));
    const QString csvPath = m_workspace->dir() + QStringLiteral("/import.csv");
    {
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        QByteArray rows = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n";
        for (int row = 0; row < 400000; ++row)
            rows += "user-" + QByteArray::number(row % 5000) + ",item-" + QByteArray::number(row % 20000) +
                    "," + QByteArray::number(1690000000 + row) + ",click\n";
        QCOMPARE(csv.write(rows), rows.size());
    }
    QVERIFY(!startServer(path, {{QStringLiteral("FOOTFALL_LOCK_WAIT_MS"), QStringLiteral("300")}}).isEmpty());

    QProcess import;
    import.start(QStringLiteral(FOOTFALL_BINARY),
                 {QStringLiteral("--db"), path, QStringLiteral("import"), QStringLiteral("interactions"),
                  QStringLiteral("--dataset-group-arn"), QLatin1String(TestWorkspace::kGroupArn),
                  QStringLiteral("--file"), csvPath});
    QVERIFY(import.waitForStarted());
    QHash<int, int> putStatus;
    int reads = 0;
    for (int n = 0; import.state() == QProcess::Running; ++n) {
        std::vector<std::unique_ptr<RawRequest>> requests;
        requests.push_back(std::make_unique<RawRequest>(
            m_port, "/events",
            putEventsBody(m_trackingId, QStringLiteral("during-import-%1").arg(n),
                          {makeEvent(QStringLiteral("during-import-%1").arg(n), 1704500000 + n)})));
        requests.push_back(std::make_unique<RawRequest>(m_port, "/",
                                                        QStringLiteral(R"({"datasetGroupArn": "%1"})")
                                                            .arg(QLatin1String(TestWorkspace::kGroupArn))
                                                            .toUtf8(),
                                                        "AmazonPersonalize.DescribeDatasetGroup"));
        finish(requests);
        putStatus.insert(n, requests[0]->reply().status);
        QCOMPARE(requests[1]->reply().status, 200);
        ++reads;
        QTest::qWait(20);
    }
    QVERIFY(import.state() == QProcess::NotRunning || import.waitForFinished(120000));
    QCOMPARE(import.exitStatus(), QProcess::NormalExit);
    QVERIFY2(import.exitCode() == 0, import.readAllStandardError().constData());
    int refused = 0;
    for (auto it = putStatus.cbegin(); it != putStatus.cend(); ++it) {
        QVERIFY2(it.value() == 200 || it.value() == 503, qPrintable(QString::number(it.value())));
        refused += it.value() == 503 ? 1 : 0;
        QCOMPARE(scalar(path, QStringLiteral("SELECT count(*) FROM interaction WHERE session_id = "
                                             "'during-import-%1'")
                                  .arg(it.key())),
                 it.value() == 200 ? 1 : 0);
    }
    qInfo("%d reads answered during the import, %d PutEvents of %d refused with 503", reads, refused,
          int(putStatus.size()));
    QVERIFY2(refused > 0, "no PutEvents waited for the import's lock");
}

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "TestGroupCommit.moc"
