#include "EndpointRouter.h"
#include "EventTrackerService.h"
#include "RequestLogService.h"
#include "TestWorkspace.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

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

private:
    EndpointReply send(const QByteArray& method, const QString& path, const QByteArray& body,
                       const QByteArray& target = {});

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

QTEST_GUILESS_MAIN(TestEndpointRouter)
#include "TestEndpointRouter.moc"
