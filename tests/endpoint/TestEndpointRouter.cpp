#include "ControlPlane.h"
#include "CorsPolicy.h"
#include "EndpointRouter.h"
#include "EventTrackerService.h"
#include "KeysetToken.h"
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
    void listsPageAsAwsDoes_data();
    void listsPageAsAwsDoes();
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
    void normalizedOrigin_data();
    void normalizedOrigin();
    void corsHeaders_data();
    void corsHeaders();
    void refusedOriginIsCountedAndStoresNothing();

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

void TestEndpointRouter::listsPageAsAwsDoes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type"); // empty: success
    QTest::addColumn<QString>("message");

    const QString invalidInput = QStringLiteral("InvalidInputException");
    const QString invalidToken = QStringLiteral("InvalidNextTokenException");
    const QString notValid = QStringLiteral("The token is not valid.");
    const auto withToken = [](const QString& token) {
        return QJsonDocument(QJsonObject{{QStringLiteral("nextToken"), token}})
            .toJson(QJsonDocument::Compact);
    };
    const QString second = KeysetToken::encode(QStringLiteral("ListDatasetGroups"), {}, 1);
    QTest::newRow("one page of one") << QByteArray(R"({"maxResults": 1})") << 200 << QString() << QString();
    QTest::newRow("the next page") << withToken(second) << 200 << QString() << QString();
    QTest::newRow("maxResults 0")
        << QByteArray(R"({"maxResults": 0})") << 400 << invalidInput
        << QStringLiteral("Invalid value for parameter maxResults, value: 0, valid min value: 1");
    QTest::newRow("maxResults 101")
        << QByteArray(R"({"maxResults": 101})") << 400 << invalidInput
        << QStringLiteral("Invalid value for parameter maxResults, value: 101, valid max value: 100");
    QTest::newRow("maxResults a string")
        << QByteArray(R"({"maxResults": "2"})") << 400 << invalidInput
        << QStringLiteral("Invalid type for parameter maxResults, value: 2, valid type: integer");
    QTest::newRow("nextToken not a token")
        << withToken(QStringLiteral("abc")) << 400 << invalidToken << notValid;
    QTest::newRow("nextToken of another list")
        << withToken(KeysetToken::encode(QStringLiteral("ListSchemas"), {}, 1)) << 400 << invalidToken
        << notValid;
    QByteArray edited = QByteArray::fromBase64(second.toLatin1());
    edited.replace(":1:", ":7:");
    QTest::newRow("nextToken edited")
        << withToken(QString::fromLatin1(edited.toBase64())) << 400 << invalidToken << notValid;
}

void TestEndpointRouter::listsPageAsAwsDoes()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, type);
    QFETCH(QString, message);
    (*m_workspace)
        ->controlPlane()
        .invoke(QStringLiteral("CreateDatasetGroup"), {{QStringLiteral("name"), QStringLiteral("books")}});
    const EndpointReply reply =
        send("POST", QStringLiteral("/"), body, "AmazonPersonalize.ListDatasetGroups");
    QCOMPARE(reply.status, status);
    const QJsonObject answer = QJsonDocument::fromJson(reply.body).object();
    const QList<RequestLogEntry> log = (*m_workspace)->requestLog().list({}, 1);
    QCOMPARE(log.size(), 1);
    if (type.isEmpty()) {
        // The same page, and the same token, as the control plane gives the command line.
        QCOMPARE(answer,
                 (*m_workspace)
                     ->controlPlane()
                     .invoke(QStringLiteral("ListDatasetGroups"), QJsonDocument::fromJson(body).object()));
        QCOMPARE(answer.value(QStringLiteral("datasetGroups")).toArray().size(), 1);
        QCOMPARE(log.at(0).outcome, QStringLiteral("accepted"));
        return;
    }
    QCOMPARE(answer.value(QStringLiteral("__type")).toString(), type);
    QCOMPARE(answer.value(QStringLiteral("message")).toString(), message);
    QCOMPARE(log.at(0).errorType, type);
    QCOMPARE(log.at(0).errorMessage, message);
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
    QCOMPARE(log.applyRetention().removed, 0);                  // nothing is 7 days old yet
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

void TestEndpointRouter::normalizedOrigin_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("normalized"); // empty: not an origin
    QTest::newRow("http") << QStringLiteral("http://127.0.0.1:8080")
                          << QStringLiteral("http://127.0.0.1:8080");
    QTest::newRow("upper case, default port, slash")
        << QStringLiteral(" HTTPS://Shop.Example.com:443/ ") << QStringLiteral("https://shop.example.com");
    QTest::newRow("http's default port")
        << QStringLiteral("http://shop.example.com:80") << QStringLiteral("http://shop.example.com");
    QTest::newRow("IPv6") << QStringLiteral("http://[::1]:3000") << QStringLiteral("http://[::1]:3000");
    QTest::newRow("any") << QStringLiteral("*") << QStringLiteral("*");
    QTest::newRow("no scheme") << QStringLiteral("shop.example.com") << QString();
    QTest::newRow("another scheme") << QStringLiteral("ftp://shop.example.com") << QString();
    QTest::newRow("a path") << QStringLiteral("https://shop.example.com/cart") << QString();
    QTest::newRow("a query") << QStringLiteral("https://shop.example.com?a=1") << QString();
    QTest::newRow("a fragment") << QStringLiteral("https://shop.example.com#top") << QString();
    QTest::newRow("user info") << QStringLiteral("https://me@shop.example.com") << QString();
    QTest::newRow("no host") << QStringLiteral("https://") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestEndpointRouter::normalizedOrigin()
{
    QFETCH(QString, origin);
    QFETCH(QString, normalized);
    QCOMPARE(CorsPolicy::normalizedOrigin(origin), normalized);
}

void TestEndpointRouter::corsHeaders_data()
{
    QTest::addColumn<bool>("loopback");
    QTest::addColumn<QStringList>("origins"); // --cors-origin
    QTest::addColumn<bool>("signatures");     // --require-signature
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("origin"); // the request's Origin header
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");           // x-amzn-ErrorType; empty: none
    QTest::addColumn<QByteArray>("allowOrigin"); // Access-Control-Allow-Origin; empty: none

    const QByteArray page = "http://127.0.0.1:5173";
    const QStringList named{QStringLiteral("http://127.0.0.1:5173/")};
    const QStringList other{QStringLiteral("https://shop.example.com")};
    const QByteArray list =
        R"({"eventTrackerArn": "arn:aws:personalize:us-east-1:000000000000:event-tracker/none"})";
    const QByteArray elevenEvents = QByteArray(R"({"trackingId": "t", "sessionId": "s", "eventList": [)") +
                                    QByteArray(R"({"eventType": "c", "sentAt": 1},)").repeated(10) +
                                    R"({"eventType": "c", "sentAt": 1}]})";

    QTest::newRow("preflight, loopback: any origin")
        << true << QStringList() << false << QByteArray("OPTIONS") << QStringLiteral("/events") << page
        << QByteArray() << 204 << QString() << QByteArray("*");
    QTest::newRow("preflight of the control plane")
        << true << QStringList() << false << QByteArray("OPTIONS") << QStringLiteral("/") << page
        << QByteArray() << 204 << QString() << QByteArray("*");
    QTest::newRow("preflight of any path")
        << true << QStringList() << false << QByteArray("OPTIONS") << QStringLiteral("/pfx/recommendations/")
        << page << QByteArray() << 204 << QString() << QByteArray("*");
    QTest::newRow("OPTIONS without an Origin")
        << true << QStringList() << false << QByteArray("OPTIONS") << QStringLiteral("/events")
        << QByteArray() << QByteArray() << 204 << QString() << QByteArray("*");
    QTest::newRow("preflight, a page from a file (Origin: null)")
        << true << QStringList() << false << QByteArray("OPTIONS") << QStringLiteral("/events")
        << QByteArray("null") << QByteArray() << 204 << QString() << QByteArray("*");
    QTest::newRow("preflight is never signed")
        << true << QStringList() << true << QByteArray("OPTIONS") << QStringLiteral("/events") << page
        << QByteArray() << 204 << QString() << QByteArray("*");
    QTest::newRow("preflight, beyond loopback: a named origin")
        << false << named << false << QByteArray("OPTIONS") << QStringLiteral("/events") << page
        << QByteArray() << 204 << QString() << page;
    QTest::newRow("preflight, beyond loopback: * named")
        << false << QStringList{QStringLiteral("*")} << false << QByteArray("OPTIONS")
        << QStringLiteral("/events") << page << QByteArray() << 204 << QString() << QByteArray("*");
    QTest::newRow("preflight, beyond loopback: no origin named")
        << false << QStringList() << false << QByteArray("OPTIONS") << QStringLiteral("/events") << page
        << QByteArray() << 403 << QStringLiteral("AccessDeniedException") << QByteArray();
    QTest::newRow("preflight, loopback: another origin named")
        << true << other << false << QByteArray("OPTIONS") << QStringLiteral("/") << page << QByteArray()
        << 403 << QStringLiteral("AccessDeniedException") << QByteArray();
    QTest::newRow("200 on the control plane, named origin")
        << false << named << false << QByteArray("POST") << QStringLiteral("/") << page << QByteArray() << 200
        << QString() << page;
    QTest::newRow("404 unknown campaign, loopback")
        << true << QStringList() << false << QByteArray("POST") << QStringLiteral("/recommendations") << page
        << QByteArray(
               R"({"campaignArn": "arn:aws:personalize:us-east-1:000000000000:campaign/none", "userId": "u"})")
        << 404 << QStringLiteral("ResourceNotFoundException") << QByteArray("*");
    QTest::newRow("400 InvalidInputException, named origin")
        << false << named << false << QByteArray("POST") << QStringLiteral("/events") << page << elevenEvents
        << 400 << QStringLiteral("InvalidInputException") << page;
    QTest::newRow("400 on the control plane, named origin")
        << false << named << false << QByteArray("POST") << QStringLiteral("/") << page << list << 400
        << QStringLiteral("ResourceNotFoundException") << page;
    QTest::newRow("404 no operation")
        << true << QStringList() << false << QByteArray("POST") << QStringLiteral("/nowhere") << page
        << QByteArray("{}") << 404 << QStringLiteral("UnknownOperationException") << QByteArray("*");
    QTest::newRow("404 GET") << false << named << false << QByteArray("GET") << QStringLiteral("/events")
                             << page << QByteArray() << 404 << QStringLiteral("UnknownOperationException")
                             << page;
    QTest::newRow("413") << true << QStringList() << false << QByteArray("POST") << QStringLiteral("/events")
                         << page << QByteArray(1024 * 1024 + 1, ' ') << 413
                         << QStringLiteral("RequestEntityTooLargeException") << QByteArray("*");
    QTest::newRow("403 unsigned, signatures required")
        << true << QStringList() << true << QByteArray("POST") << QStringLiteral("/events") << page
        << QByteArray("{}") << 403 << QStringLiteral("MissingAuthenticationTokenException")
        << QByteArray("*");
    QTest::newRow("403 a request from an origin not allowed")
        << false << named << false << QByteArray("POST") << QStringLiteral("/events")
        << QByteArray("https://shop.example.com") << elevenEvents << 403
        << QStringLiteral("AccessDeniedException") << QByteArray();
    QTest::newRow("no Origin, beyond loopback: answered, nothing allowed")
        << false << QStringList() << false << QByteArray("POST") << QStringLiteral("/nowhere") << QByteArray()
        << QByteArray("{}") << 404 << QStringLiteral("UnknownOperationException") << QByteArray();
}

void TestEndpointRouter::corsHeaders()
{
    QFETCH(bool, loopback);
    QFETCH(QStringList, origins);
    QFETCH(bool, signatures);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, type);
    QFETCH(QByteArray, allowOrigin);

    EndpointRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    if (!origin.isEmpty())
        request.headers.emplaceBack("Origin", origin);
    if (method == "OPTIONS") {
        request.headers.emplaceBack("Access-Control-Request-Method", "POST");
        request.headers.emplaceBack(
            "Access-Control-Request-Headers",
            "amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-date,"
            "x-amz-user-agent");
    }
    // The control plane: an empty body lists dataset groups, any other describes a tracker.
    if (path == QLatin1String("/") && method == "POST")
        request.headers.emplaceBack("X-Amz-Target",
                                    QByteArray(body.isEmpty() ? "AmazonPersonalize.ListDatasetGroups"
                                                              : "AmazonPersonalize.DescribeEventTracker"));
    EndpointRouter router(**m_workspace);
    router.setCorsPolicy(CorsPolicy::forAddress(loopback, origins));
    if (signatures)
        router.requireSignature({{QStringLiteral("test"), QStringLiteral("test")}});
    const qint64 logged = m_workspace->count("request_log");
    const EndpointReply reply = router.handle(request);

    QCOMPARE(reply.status, status);
    QHash<QByteArray, QByteArray> headers;
    for (const auto& [name, value] : reply.headers) {
        QVERIFY2(!headers.contains(name.toLower()), name.constData()); // each header once
        headers.insert(name.toLower(), value);
    }
    QCOMPARE(headers.value("x-amzn-errortype"), type.toLatin1());
    QCOMPARE(headers.value("access-control-allow-origin"), allowOrigin);
    // Echoing one origin of a list, the answer varies with Origin; "*" does not.
    const bool anyOrigin = loopback ? origins.isEmpty() || origins.contains(QStringLiteral("*"))
                                    : origins.contains(QStringLiteral("*"));
    QCOMPARE(headers.value("vary"), anyOrigin ? QByteArray() : QByteArray("Origin"));
    QCOMPARE(headers.value("access-control-expose-headers"),
             allowOrigin.isEmpty() ? QByteArray() : QByteArray("x-amzn-RequestId, x-amzn-ErrorType"));
    const bool preflight = method == "OPTIONS" && status == 204;
    QCOMPARE(headers.value("access-control-allow-methods"),
             preflight ? QByteArray("POST, OPTIONS") : QByteArray());
    QCOMPARE(headers.value("access-control-allow-headers"),
             preflight ? QByteArray("amz-sdk-invocation-id, amz-sdk-request, authorization, content-type, "
                                    "x-amz-content-sha256, x-amz-date, x-amz-security-token, x-amz-target, "
                                    "x-amz-user-agent")
                       : QByteArray());
    QCOMPARE(headers.value("access-control-max-age"), preflight ? QByteArray("7200") : QByteArray());
    if (preflight) {
        QVERIFY(reply.body.isEmpty());
    } else {
        QVERIFY(!headers.value("x-amzn-requestid").isEmpty());
        const QJsonObject answer = QJsonDocument::fromJson(reply.body).object();
        QCOMPARE(answer.value(QStringLiteral("__type")).toString(), type);
    }
    if (type == QLatin1String("AccessDeniedException"))
        QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("message")).toString(),
                 QStringLiteral(
                     "Origin %1 may not call this endpoint; `footfall serve --cors-origin %1` allows it")
                     .arg(QString::fromLatin1(origin)));
    // A preflight stores nothing, not even in the request log.
    if (method == "OPTIONS")
        QCOMPARE(m_workspace->count("request_log"), logged);
    QCOMPARE(m_workspace->count("interaction"), 0);
}

void TestEndpointRouter::refusedOriginIsCountedAndStoresNothing()
{
    EndpointRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/events");
    request.headers = {{"Origin", "https://evil.example"}, {"User-Agent", "aws-sdk-js/3"}};
    request.body = QStringLiteral(R"({"trackingId": "%1", "userId": "u1", "sessionId": "s1", "eventList": )"
                                  R"([{"eventType": "click", "sentAt": 1704164645, "itemId": "i1"}]})")
                       .arg(m_trackingId)
                       .toUtf8();
    EndpointRouter router(**m_workspace);
    router.setCorsPolicy(CorsPolicy::forAddress(true, {QStringLiteral("https://shop.example.com")}));
    const EndpointReply reply = router.handle(request);
    QCOMPARE(reply.status, 403);
    QCOMPARE(m_workspace->count("interaction"), 0);
    const QList<RequestLogEntry> log = (*m_workspace)->requestLog().list({}, 10);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).operation, QStringLiteral("PutEvents"));
    QCOMPARE(log.at(0).outcome, QStringLiteral("rejected"));
    QCOMPARE(log.at(0).errorType, QStringLiteral("AccessDeniedException"));
    QCOMPARE(log.at(0).errorMessage,
             QStringLiteral(
                 "Origin https://evil.example may not call this endpoint; `footfall serve --cors-origin "
                 "https://evil.example` allows it"));
    // Refused before authentication: counted, and stored without its body.
    QVERIFY(log.at(0).body.isEmpty());
    QCOMPARE(scalar(QStringLiteral("SELECT count FROM request_refusal")), 1);

    // The same request from the allowed origin is recorded.
    request.headers.first().second = "https://shop.example.com";
    QCOMPARE(router.handle(request).status, 200);
    QCOMPARE(m_workspace->count("interaction"), 1);
}

QTEST_GUILESS_MAIN(TestEndpointRouter)
#include "TestEndpointRouter.moc"
