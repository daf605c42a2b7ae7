#include "EndpointRouter.h"
#include "EventTrackerService.h"
#include "RequestLogService.h"
#include "ServiceError.h"
#include "TestWorkspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

#include <limits>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {
const QString kTrackerArn = QString::fromLatin1(footfall::test::TestWorkspace::kTrackerArn);
} // namespace

// The endpoint's mapping of HTTP requests to operations, and of results and errors to replies.
class TestEndpointRouter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void replies_data();
    void replies();
    void putEventsIsRecordedAndLogged();
    void accessKeyIdFromAuthorization();
    void everyRequestIsLogged();
    void storedHeadersAreCapped();
    void refusedRequestsStoreNoBody_data();
    void refusedRequestsStoreNoBody();
    void refusalsAreCountedPerMinute();
    void retentionByAge();
    void retentionBySize();
    void retentionRunsOnOpen();
    void purge();
    void badRetentionSettingsAreRefused_data();
    void badRetentionSettingsAreRefused();

private:
    EndpointReply send(const QByteArray& method, const QString& path, const QByteArray& body,
                       const QByteArray& target = {});
    // A rejected PutEvents (unknown tracking ID) that stores `bodyBytes` of body.
    void logRejected(int bodyBytes);
    qint64 scalar(const QString& sql);

    std::unique_ptr<TestWorkspace> m_workspace;
    QString m_trackingId;
};

void TestEndpointRouter::init()
{
    m_workspace = std::make_unique<TestWorkspace>();
    m_workspace->createShop();
    m_trackingId = (*m_workspace)->eventTrackers().describe(kTrackerArn).trackingId;
}

EndpointReply TestEndpointRouter::send(const QByteArray& method, const QString& path, const QByteArray& body,
                                       const QByteArray& target)
{
    EndpointRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.headers = {
        {"User-Agent", "aws-cli/2.9.19"},
        {"Authorization",
         "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/us-east-1/personalize/aws4_request"}};
    if (!target.isEmpty())
        request.headers.append({"X-Amz-Target", target});
    EndpointRouter router(**m_workspace);
    return router.handle(request);
}

void TestEndpointRouter::replies_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type"); // empty: success

    const QByteArray list = "AmazonPersonalize.ListDatasetGroups";
    QTest::newRow("control plane") << QByteArray("POST") << QStringLiteral("/") << list << QByteArray("{}")
                                   << 200 << QString();
    QTest::newRow("control plane, empty body")
        << QByteArray("POST") << QStringLiteral("/") << list << QByteArray() << 200 << QString();
    QTest::newRow("path prefix") << QByteArray("POST") << QStringLiteral("/pfx") << list << QByteArray("{}")
                                 << 200 << QString();
    QTest::newRow("unknown target") << QByteArray("POST") << QStringLiteral("/")
                                    << QByteArray("AmazonPersonalize.CreateFilter") << QByteArray("{}") << 400
                                    << QStringLiteral("UnknownOperationException");
    QTest::newRow("no target") << QByteArray("POST") << QStringLiteral("/") << QByteArray()
                               << QByteArray("{}") << 404 << QStringLiteral("UnknownOperationException");
    QTest::newRow("GET") << QByteArray("GET") << QStringLiteral("/events") << QByteArray() << QByteArray()
                         << 404 << QStringLiteral("UnknownOperationException");
    QTest::newRow("malformed JSON, data plane")
        << QByteArray("POST") << QStringLiteral("/events") << QByteArray() << QByteArray("{\"trackingId\": ")
        << 400 << QStringLiteral("SerializationException");
    QTest::newRow("malformed JSON, control plane")
        << QByteArray("POST") << QStringLiteral("/") << list << QByteArray("[1") << 400
        << QStringLiteral("SerializationException");
    QTest::newRow("invalid input") << QByteArray("POST") << QStringLiteral("/events") << QByteArray()
                                   << QByteArray(
                                          "{\"trackingId\": \"t\", \"sessionId\": \"s\", \"eventList\": []}")
                                   << 400 << QStringLiteral("InvalidInputException");
    QTest::newRow("unknown tracker is 404 on the data plane")
        << QByteArray("POST") << QStringLiteral("/pfx/events") << QByteArray()
        << QByteArray(
               R"({"trackingId": "nope", "sessionId": "s", "eventList": [{"eventType": "c", "sentAt": 1}]})")
        << 404 << QStringLiteral("ResourceNotFoundException");
    QTest::newRow("not found is 400 on the control plane")
        << QByteArray("POST") << QStringLiteral("/") << QByteArray("AmazonPersonalize.DescribeEventTracker")
        << QByteArray(
               R"({"eventTrackerArn": "arn:aws:personalize:us-east-1:000000000000:event-tracker/none"})")
        << 400 << QStringLiteral("ResourceNotFoundException");
    QTest::newRow("in use is 400 on the control plane")
        << QByteArray("POST") << QStringLiteral("/") << QByteArray("AmazonPersonalize.DeleteDatasetGroup")
        << QByteArray(
               R"({"datasetGroupArn": "arn:aws:personalize:us-east-1:000000000000:dataset-group/shop"})")
        << 400 << QStringLiteral("ResourceInUseException");
    QTest::newRow("lone surrogate in the body's JSON")
        << QByteArray("POST") << QStringLiteral("/events") << QByteArray()
        << QByteArray(
               R"({"trackingId": "nope", "sessionId": "s\ud800", "eventList": [{"eventType": "c", "sentAt": 1}]})")
        << 400 << QStringLiteral("InvalidInputException");
    QTest::newRow("NUL in the body's JSON, control plane")
        << QByteArray("POST") << QStringLiteral("/") << QByteArray("AmazonPersonalize.CreateDatasetGroup")
        << QByteArray(R"({"name": "shop\u0000two"})") << 400 << QStringLiteral("InvalidInputException");
    QTest::newRow("body over 1 MiB") << QByteArray("POST") << QStringLiteral("/events") << QByteArray()
                                     << QByteArray(1024 * 1024 + 1, ' ') << 413
                                     << QStringLiteral("RequestEntityTooLargeException");
}

void TestEndpointRouter::replies()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, type);
    const EndpointReply reply = send(method, path, body, target);
    QCOMPARE(reply.status, status);
    QByteArray errorHeader;
    for (const auto& [name, value] : reply.headers) {
        if (name == "x-amzn-ErrorType")
            errorHeader = value;
    }
    if (type.isEmpty()) {
        QVERIFY(errorHeader.isEmpty());
        QVERIFY(QJsonDocument::fromJson(reply.body).isObject());
    } else {
        const QJsonObject error = QJsonDocument::fromJson(reply.body).object();
        QCOMPARE(error.value(QStringLiteral("__type")).toString(), type);
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(QString::fromLatin1(errorHeader), type);
    }
    QCOMPARE(m_workspace->count("interaction"), 0);
}

void TestEndpointRouter::putEventsIsRecordedAndLogged()
{
    const QByteArray body =
        QStringLiteral(R"({"trackingId": "%1", "userId": "u1", "sessionId": "s1", "eventList": )"
                       R"([{"eventType": "click", "sentAt": 1704164645, "itemId": "i1"}]})")
            .arg(m_trackingId)
            .toUtf8();
    const EndpointReply reply = send("POST", QStringLiteral("/events"), body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("{}"));
    QCOMPARE(m_workspace->count("interaction"), 1);
    const RequestLogEntry logged = (*m_workspace)->requestLog().list({}, 1).first();
    QCOMPARE(logged.channel, QStringLiteral("endpoint"));
    QCOMPARE(logged.userAgent, QStringLiteral("aws-cli/2.9.19"));
    QCOMPARE(logged.accessKeyId, QStringLiteral("AKIDEXAMPLE"));
    QCOMPARE(logged.body, QString::fromUtf8(body));
}

void TestEndpointRouter::accessKeyIdFromAuthorization()
{
    QCOMPARE(EndpointRouter::accessKeyId(
                 "AWS4-HMAC-SHA256 Credential=test/20261129/us-east-1/personalize/aws4_request, "
                 "SignedHeaders=host, Signature=abc"),
             QStringLiteral("test"));
    QCOMPARE(EndpointRouter::accessKeyId(QByteArray()), QString());
}

void TestEndpointRouter::everyRequestIsLogged()
{
    send("GET", QStringLiteral("/events"), {});
    send("POST", QStringLiteral("/nowhere"), QByteArray("{}"));
    send("POST", QStringLiteral("/"), QByteArray("{}"), "AmazonPersonalize.ListSchemas");
    const QList<RequestLogEntry> log = (*m_workspace)->requestLog().list({}, 10);
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(0).operation, QStringLiteral("ListSchemas"));
    QCOMPARE(log.at(0).outcome, QStringLiteral("accepted"));
    QCOMPARE(log.at(1).errorType, QStringLiteral("UnknownOperationException"));
    QCOMPARE(log.at(2).operation, QStringLiteral("PutEvents"));
    QCOMPARE(log.at(2).errorMessage, QStringLiteral("No operation answers GET /events; the SDKs send POST"));
    for (const RequestLogEntry& entry : log)
        QCOMPARE(entry.channel, QStringLiteral("endpoint"));
}

void TestEndpointRouter::logRejected(int bodyBytes)
{
    const QByteArray body = R"({"trackingId": "unknown", "sessionId": "s", "eventList": [], "pad": ")" +
                            QByteArray(bodyBytes, 'x') + "\"}";
    QCOMPARE(send("POST", QStringLiteral("/events"), body).status, 400); // an empty eventList
}

qint64 TestEndpointRouter::scalar(const QString& sql)
{
    QSqlQuery query((*m_workspace)->database().connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

void TestEndpointRouter::storedHeadersAreCapped()
{
    EndpointRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/events");
    request.body = "not json";
    request.headers = {
        {"User-Agent", QByteArray(1000, 'u')},
        {"Authorization", "AWS4-HMAC-SHA256 Credential=" + QByteArray(300, 'K') + "/20261129/x"}};
    EndpointRouter router(**m_workspace);
    QCOMPARE(router.handle(request).status, 400);
    const RequestLogEntry logged = (*m_workspace)->requestLog().list({}, 1).first();
    QCOMPARE(logged.userAgent, QString(RequestLogService::kMaxUserAgentChars, QLatin1Char('u')));
    QCOMPARE(logged.accessKeyId, QString(RequestLogService::kMaxAccessKeyIdChars, QLatin1Char('K')));
    QCOMPARE(logged.body, QStringLiteral("not json")); // refused after routing: the body is kept
    // A cut never splits a surrogate pair.
    request.headers = {{"User-Agent", QByteArray(255, 'u') + "\xF0\x9F\x98\x80tail"}};
    router.handle(request);
    QCOMPARE((*m_workspace)->requestLog().list({}, 1).first().userAgent, QString(255, QLatin1Char('u')));
}

void TestEndpointRouter::refusedRequestsStoreNoBody_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("withSignature");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    QTest::newRow("signature missing")
        << QByteArray("POST") << QStringLiteral("/events") << QByteArray() << true << 403
        << QStringLiteral("MissingAuthenticationTokenException");
    QTest::newRow("unknown route") << QByteArray("POST") << QStringLiteral("/nowhere") << QByteArray()
                                   << false << 404 << QStringLiteral("UnknownOperationException");
    QTest::newRow("not POST") << QByteArray("PUT") << QStringLiteral("/events") << QByteArray() << false
                              << 404 << QStringLiteral("UnknownOperationException");
    QTest::newRow("unknown operation")
        << QByteArray("POST") << QStringLiteral("/") << QByteArray("AmazonPersonalize.CreateFilter") << false
        << 400 << QStringLiteral("UnknownOperationException");
}

void TestEndpointRouter::refusedRequestsStoreNoBody()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, target);
    QFETCH(bool, withSignature);
    QFETCH(int, status);
    QFETCH(QString, type);
    EndpointRequest request;
    request.method = method;
    request.path = path;
    request.body = QByteArray(8000, 'b');
    request.headers = {{"User-Agent", "flood/1.0"}};
    if (!target.isEmpty())
        request.headers.append({"X-Amz-Target", target});
    EndpointRouter router(**m_workspace);
    if (withSignature)
        router.requireSignature({{QStringLiteral("team"), QStringLiteral("s3cret")}});
    QCOMPARE(router.handle(request).status, status);
    const QList<RequestLogEntry> log = (*m_workspace)->requestLog().list({}, 10);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().errorType, type);
    QCOMPARE(log.first().userAgent, QStringLiteral("flood/1.0"));
    QVERIFY(log.first().body.isEmpty());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM request_log WHERE body IS NOT NULL")), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count FROM request_refusal")), 1);
}

void TestEndpointRouter::refusalsAreCountedPerMinute()
{
    const qint64 minute = 1795900020000 - 1795900020000 % 60000;
    m_workspace->clock().setNowMs(minute + 20000);
    for (int i = 0; i < 8; ++i)
        send("GET", QStringLiteral("/"), {});
    m_workspace->clock().advanceMs(60000);
    send("GET", QStringLiteral("/"), {});
    RequestLogService& log = (*m_workspace)->requestLog();
    QCOMPARE(log.list({}, 100).size(), RequestLogService::kRefusalRowsPerMinute + 1);
    const QList<RequestRefusalCount> counts = log.refusals(10);
    QCOMPARE(counts.size(), 2);
    QCOMPARE(counts.at(0).minuteMs, minute + 60000);
    QCOMPARE(counts.at(0).count, 1);
    QCOMPARE(counts.at(1).minuteMs, minute);
    QCOMPARE(counts.at(1).count, 8);
    QCOMPARE(counts.at(1).reason, QStringLiteral("UnknownOperationException"));
}

// Rejected rows older than the retention go; an accepted PutEvents stays, without its body, since
// its events refer to it.
void TestEndpointRouter::retentionByAge()
{
    logRejected(100);
    QCOMPARE(m_workspace
                 ->putEvents(QJsonArray{QJsonObject{{QStringLiteral("eventType"), QStringLiteral("click")},
                                                    {QStringLiteral("itemId"), QStringLiteral("i1")},
                                                    {QStringLiteral("sentAt"), 1795900000.0}}})
                 .recorded,
             1);
    send("GET", QStringLiteral("/"), {});
    m_workspace->clock().advanceMs(6 * 24 * 3600 * 1000LL);
    logRejected(100); // newer: kept
    RequestLogService& log = (*m_workspace)->requestLog();
    QCOMPARE(log.applyRetention().removed, 0); // nothing is 7 days old yet
    m_workspace->clock().advanceMs(24 * 3600 * 1000LL + 60000); // the refusals' minute is past too
    const RequestLogTrim trim = log.applyRetention();
    QCOMPARE(trim.removed, 2);
    QCOMPARE(trim.bodiesRemoved, 1);
    QCOMPARE(trim.refusalMinutesRemoved, 1);
    const QList<RequestLogEntry> kept = log.list({}, 10);
    QCOMPARE(kept.size(), 2);
    QCOMPARE(kept.at(0).operation, QStringLiteral("PutEvents"));
    QCOMPARE(kept.at(0).outcome, QStringLiteral("rejected"));
    QVERIFY(!kept.at(0).body.isEmpty());
    QCOMPARE(kept.at(1).outcome, QStringLiteral("accepted"));
    QVERIFY(kept.at(1).bodyRemoved);
    QVERIFY(kept.at(1).body.isEmpty());
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT count(*) FROM interaction i JOIN request_log r ON r.id = i.request_id")),
             1);
    QCOMPARE(log.applyRetention().removed, 0);
    // The counter agrees with the rows.
    QCOMPARE(log.usage().rows, 2);
}

void TestEndpointRouter::retentionBySize()
{
    RequestLogService& log = (*m_workspace)->requestLog();
    log.configure({7, 1});
    for (int i = 0; i < 100; ++i)
        logRejected(15000); // about 1.5 MB in all
    QVERIFY(log.usage().bytes > 1024 * 1024);
    const qint64 newest = log.list({}, 1).first().id;
    const RequestLogTrim trim = log.applyRetention();
    QVERIFY(trim.removed > 0);
    QVERIFY(log.usage().bytes <= 1024 * 1024);
    QCOMPARE(log.usage().rows, 100 - trim.removed);
    QCOMPARE(log.list({}, 1).first().id, newest); // the oldest went
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM request_log")), log.usage().rows);
}

void TestEndpointRouter::retentionRunsOnOpen()
{
    logRejected(100);
    m_workspace->clock().advanceMs(8 * 24 * 3600 * 1000LL);
    ServiceConfig config = m_workspace->config();
    const auto reopened = Workspace::open(m_workspace->path(), config);
    QCOMPARE(reopened->requestLog().usage().rows, 0);
}

void TestEndpointRouter::purge()
{
    logRejected(10);
    m_workspace->clock().advanceMs(3600 * 1000);
    const qint64 cut = m_workspace->clock().nowMs();
    logRejected(10);
    send("GET", QStringLiteral("/"), {});
    RequestLogService& log = (*m_workspace)->requestLog();
    QCOMPARE(log.purge(cut).removed, 1);
    QCOMPARE(log.usage().rows, 2);
    const RequestLogTrim all = log.purge(std::numeric_limits<qint64>::max());
    QCOMPARE(all.removed, 2);
    QCOMPARE(all.refusalMinutesRemoved, 1);
    QCOMPARE(log.usage().rows, 0);
    QCOMPARE(log.usage().bytes, 0);
}

void TestEndpointRouter::badRetentionSettingsAreRefused_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<int>("mib");
    QTest::addColumn<QString>("message");
    QTest::newRow("no days")
        << 0 << 256
        << QStringLiteral("Invalid value for parameter retentionDays, value: 0, valid range: 1-3650");
    QTest::newRow("too many days")
        << 3651 << 256
        << QStringLiteral("Invalid value for parameter retentionDays, value: 3651, valid range: 1-3650");
    QTest::newRow("no size")
        << 7 << 0
        << QStringLiteral("Invalid value for parameter maxSizeMib, value: 0, valid range: 1-1048576");
}

void TestEndpointRouter::badRetentionSettingsAreRefused()
{
    QFETCH(int, days);
    QFETCH(int, mib);
    QFETCH(QString, message);
    RequestLogService& log = (*m_workspace)->requestLog();
    try {
        log.configure({days, mib});
        QFAIL("configure() accepted bad settings");
    } catch (const ServiceError& error) {
        QCOMPARE(error.message(), message);
    }
    QCOMPARE(log.settings().retentionDays, 7);
    QCOMPARE(log.settings().maxSizeMib, 256);
}

QTEST_GUILESS_MAIN(TestEndpointRouter)
#include "TestEndpointRouter.moc"
