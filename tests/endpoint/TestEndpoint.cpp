#include "CliPaginator.h"
#include "Database.h"
#include "InteractionQuery.h"
#include "KeysetToken.h"
#include "ServeProcess.h"
#include "TestWorkspace.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace footfall;

namespace {

const QString kAws = QStringLiteral("/usr/bin/aws");
const QString kPython = QStringLiteral("/usr/bin/python3");
const QString kGroupArn = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/shop");
const QString kTrackerArn = QString::fromLatin1(footfall::test::TestWorkspace::kTrackerArn);
const QString kSchemaPrefix = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:schema/");

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

} // namespace

// `footfall serve` driven by the real AWS CLI v2 and boto3 from Debian, as users' own code would.
// The slots run in order and build on each other, like a session against the endpoint.
class TestEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void controlPlaneWithTheAwsCli();
    void controlPlaneErrors_data();
    void controlPlaneErrors();
    void putEventsWithEveryField();
    void putEventsErrors_data();
    void putEventsErrors();
    void clientSideValidationSendsNothing();
    void unsignedRequests();
    void oversizedBodyIsRefusedBeforeItIsRead();
    void corsOverTheWire_data();
    void corsOverTheWire();
    void corsOriginMustBeAnOrigin_data();
    void corsOriginMustBeAnOrigin();
    void boto3Client();
    void requestLogRecordsClients();
    void acknowledgedRequestsSurviveKill9();
    void signatureMode_data();
    void signatureMode();
    void signatureClockSkew_data();
    void signatureClockSkew();
    void listenBeyondLoopbackIsRefused_data();
    void listenBeyondLoopbackIsRefused();
    void listenBeyondLoopbackWarns_data();
    void listenBeyondLoopbackWarns();
    void recommendationsThroughTheEndpoint();
    void putEventsWaitsForAnotherWriter();
    void trainingRunsOffTheRequestPath();
    void deleteThroughTheEndpoint();

private:
    // Runs a client with this test's clean AWS environment: the key pair given (test/test when
    // none is), or no credentials at all when `withCredentials` is false.
    Result run(const QString& program, const QStringList& arguments, bool withCredentials = true,
               const QPair<QString, QString>& credentials = {QStringLiteral("test"), QStringLiteral("test")});
    Result aws(const QStringList& arguments, bool withCredentials = true);
    // Starts `footfall serve --port 0` on `databasePath` and returns its URL, or an empty string.
    QString startServer(QProcess& server, const QString& databasePath,
                        const QStringList& extraArguments = {});
    qint64 scalar(const QString& sql);
    // Builds `path` with the command line: dataset group "shop", its Interactions dataset, a tracker
    // (whose tracking ID it returns); with `interactions`, that many imported.
    QString prepareDatabase(const QString& path, int interactions = 0);

    QTemporaryDir m_dir;
    QProcess m_server;
    QString m_endpoint;
    QString m_trackingId;
};

void TestEndpoint::initTestCase()
{
    if (!QFile::exists(kAws))
        QFAIL("Debian's awscli is missing: run scripts/setup-debian.sh");
    if (run(kPython, {QStringLiteral("-c"), QStringLiteral("import boto3")}).exitCode != 0)
        QFAIL("Debian's python3-boto3 is missing: run scripts/setup-debian.sh");
    m_endpoint = startServer(m_server, m_dir.filePath(QStringLiteral("endpoint.db")));
    QVERIFY(!m_endpoint.isEmpty());
}

QString TestEndpoint::startServer(QProcess& server, const QString& databasePath,
                                  const QStringList& extraArguments)
{
    return test::startServe(server, QStringLiteral(FOOTFALL_BINARY), databasePath, extraArguments);
}

void TestEndpoint::cleanupTestCase()
{
    m_server.kill();
    m_server.waitForFinished();
}

Result TestEndpoint::run(const QString& program, const QStringList& arguments, bool withCredentials,
                         const QPair<QString, QString>& credentials)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Nothing from the user's own AWS setup may leak in; the region is required even locally.
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir.filePath(QStringLiteral("aws-config")));
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                       m_dir.filePath(QStringLiteral("aws-credentials")));
    environment.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-1"));
    environment.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    environment.insert(QStringLiteral("AWS_PAGER"), QString());
    environment.remove(QStringLiteral("AWS_PROFILE"));
    environment.remove(QStringLiteral("AWS_ENDPOINT_URL"));
    if (withCredentials) {
        environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), credentials.first);
        environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), credentials.second);
    } else {
        environment.remove(QStringLiteral("AWS_ACCESS_KEY_ID"));
        environment.remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
        environment.remove(QStringLiteral("AWS_SESSION_TOKEN"));
    }
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        qFatal("a client did not finish");
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

Result TestEndpoint::aws(const QStringList& arguments, bool withCredentials)
{
    return run(kAws, QStringList{QStringLiteral("--endpoint-url"), m_endpoint} + arguments, withCredentials);
}

qint64 TestEndpoint::scalar(const QString& sql)
{
    const auto reader = Database::openReader(m_dir.filePath(QStringLiteral("endpoint.db")));
    QSqlQuery query(reader->connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

void TestEndpoint::controlPlaneWithTheAwsCli()
{
    const QString schemas = QStringLiteral(FOOTFALL_SOURCE_DIR "/resources/schemas/");
    const Result group = aws({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                              QStringLiteral("--name"), QStringLiteral("shop")});
    QCOMPARE(group.exitCode, 0);
    QCOMPARE(group.json().value(QStringLiteral("datasetGroupArn")).toString(), kGroupArn);
    for (const auto& [name, file] :
         {std::pair{"shop-interactions", "interactions-events.json"},
          std::pair{"shop-users", "users-basic.json"}, std::pair{"shop-items", "items-retail.json"}}) {
        const Result schema = aws({QStringLiteral("personalize"), QStringLiteral("create-schema"),
                                   QStringLiteral("--name"), QLatin1String(name), QStringLiteral("--schema"),
                                   QStringLiteral("file://") + schemas + QLatin1String(file)});
        QVERIFY2(schema.exitCode == 0, qPrintable(schema.err));
    }
    for (const auto& [name, type] : {std::pair{"shop-interactions", "Interactions"},
                                     std::pair{"shop-users", "Users"}, std::pair{"shop-items", "Items"}}) {
        const Result dataset =
            aws({QStringLiteral("personalize"), QStringLiteral("create-dataset"), QStringLiteral("--name"),
                 QLatin1String(name), QStringLiteral("--schema-arn"), kSchemaPrefix + QLatin1String(name),
                 QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--dataset-type"),
                 QLatin1String(type)});
        QVERIFY2(dataset.exitCode == 0, qPrintable(dataset.err));
    }
    const Result tracker =
        aws({QStringLiteral("personalize"), QStringLiteral("create-event-tracker"), QStringLiteral("--name"),
             QStringLiteral("shop-tracker"), QStringLiteral("--dataset-group-arn"), kGroupArn});
    QCOMPARE(tracker.exitCode, 0);
    QCOMPARE(tracker.json().value(QStringLiteral("eventTrackerArn")).toString(), kTrackerArn);
    m_trackingId = tracker.json().value(QStringLiteral("trackingId")).toString();
    QCOMPARE(m_trackingId.size(), 36);

    const Result described = aws({QStringLiteral("personalize"), QStringLiteral("describe-event-tracker"),
                                  QStringLiteral("--event-tracker-arn"), kTrackerArn});
    QCOMPARE(described.exitCode, 0);
    const QJsonObject details = described.json().value(QStringLiteral("eventTracker")).toObject();
    QCOMPARE(details.value(QStringLiteral("trackingId")).toString(), m_trackingId);
    QCOMPARE(details.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
    // The CLI parses the epoch timestamps Footfall sends and prints them as ISO 8601.
    QVERIFY2(details.value(QStringLiteral("creationDateTime")).toString().contains(QLatin1Char('T')),
             qPrintable(described.out));

    const Result listed = aws({QStringLiteral("personalize"), QStringLiteral("list-event-trackers")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray trackers = listed.json().value(QStringLiteral("eventTrackers")).toArray();
    QCOMPARE(trackers.size(), 1);
    QVERIFY(!trackers.first().toObject().contains(QStringLiteral("trackingId")));
}

void TestEndpoint::controlPlaneErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("InvalidInputException")
        << QStringList{QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                       QStringLiteral("--name"), QStringLiteral("bad name")}
        << QStringLiteral("An error occurred (InvalidInputException) when calling the CreateDatasetGroup "
                          "operation: Invalid "
                          "value for parameter name, value: \"bad name\", valid pattern: "
                          "^[a-zA-Z0-9][a-zA-Z0-9\\-_]*$ (a "
                          "letter or digit first, then letters, digits, '-' or '_')");
    QTest::newRow("ResourceAlreadyExistsException")
        << QStringList{QStringLiteral("personalize"),
                       QStringLiteral("create-event-tracker"),
                       QStringLiteral("--name"),
                       QStringLiteral("second"),
                       QStringLiteral("--dataset-group-arn"),
                       kGroupArn}
        << QStringLiteral(
               "An error occurred (ResourceAlreadyExistsException) when calling the CreateEventTracker "
               "operation: Dataset group shop already has the event tracker shop-tracker (%1). A dataset "
               "group "
               "can have only one event tracker")
               .arg(kTrackerArn);
    QTest::newRow("ResourceNotFoundException")
        << QStringList{QStringLiteral("personalize"), QStringLiteral("describe-dataset-group"),
                       QStringLiteral("--dataset-group-arn"), kGroupArn + QStringLiteral("x")}
        << QStringLiteral("An error occurred (ResourceNotFoundException) when calling the "
                          "DescribeDatasetGroup operation: "
                          "Could not find dataset group %1x")
               .arg(kGroupArn);
    QTest::newRow("InvalidNextTokenException")
        << QStringList{QStringLiteral("personalize"), QStringLiteral("list-datasets"),
                       QStringLiteral("--starting-token"), QStringLiteral("abc")}
        << QStringLiteral(
               "An error occurred (InvalidNextTokenException) when calling the ListDatasets operation: "
               "The token is not valid.");
    QTest::newRow("maxResults over 100")
        << QStringList{QStringLiteral("personalize"), QStringLiteral("list-datasets"),
                       QStringLiteral("--page-size"), QStringLiteral("101")}
        << QStringLiteral(
               "An error occurred (InvalidInputException) when calling the ListDatasets operation: "
               "Invalid value for parameter maxResults, value: 101, valid max value: 100");
    QTest::newRow("ResourceInUseException")
        << QStringList{QStringLiteral("personalize"), QStringLiteral("delete-dataset-group"),
                       QStringLiteral("--dataset-group-arn"), kGroupArn}
        << QStringLiteral("An error occurred (ResourceInUseException) when calling the DeleteDatasetGroup "
                          "operation: Dataset "
                          "group shop still has the event tracker shop-tracker and datasets (Interactions, "
                          "Items, Users); "
                          "delete them first");
}

void TestEndpoint::controlPlaneErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Result result = aws(arguments);
    QCOMPARE(result.exitCode, 254);
    QCOMPARE(result.err.trimmed(), expected);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM dataset_group")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM event_tracker")), 1);
}

void TestEndpoint::putEventsWithEveryField()
{
    const Result put = aws(
        {QStringLiteral("personalize-events"), QStringLiteral("put-events"), QStringLiteral("--tracking-id"),
         m_trackingId, QStringLiteral("--user-id"), QStringLiteral("cli-user"),
         QStringLiteral("--session-id"), QStringLiteral("cli-session"), QStringLiteral("--event-list"),
         QStringLiteral(R"([{"eventId": "cli-e1", "eventType": "click", "eventValue": 1.5, "itemId": "i1",)"
                        R"( "properties": "{\"itemId\": \"i1\"}", "sentAt": "2024-01-02T03:04:05.5Z",)"
                        R"( "recommendationId": "RID-cli", "impression": ["i1", "i2", "i3"],)"
                        R"( "metricAttribution": {"eventAttributionSource": "home carousel"}},)"
                        R"( {"eventType": "watch", "itemId": "i2", "sentAt": 1704164646}])")});
    QVERIFY2(put.exitCode == 0, qPrintable(put.err));
    const auto reader = Database::openReader(m_dir.filePath(QStringLiteral("endpoint.db")));
    InteractionQuery query(*reader);
    const QList<InteractionRow> rows = query.oldest(1, {}, 10);
    QCOMPARE(rows.size(), 2);
    const Interaction& click = rows.at(0).interaction;
    QCOMPARE(click.eventId, QStringLiteral("cli-e1"));
    QCOMPARE(click.sentAtMs, 1704164645000); // the CLI sends whole seconds
    QCOMPARE(click.userId, QStringLiteral("cli-user"));
    QCOMPARE(click.eventValue, std::optional<double>(1.5));
    QCOMPARE(click.impression,
             (QStringList{QStringLiteral("i1"), QStringLiteral("i2"), QStringLiteral("i3")}));
    QCOMPARE(click.recommendationId, QStringLiteral("RID-cli"));
    QCOMPARE(click.attributionSource, QStringLiteral("home carousel"));
    QCOMPARE(rows.at(1).interaction.sentAtMs, 1704164646000);
}

void TestEndpoint::putEventsErrors_data()
{
    QTest::addColumn<QString>("trackingId");
    QTest::addColumn<int>("events");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown tracking ID")
        << QStringLiteral("nope") << 1
        << QStringLiteral("An error occurred (ResourceNotFoundException) when calling the "
                          "PutEvents operation: Could not find an event tracker with the "
                          "tracking ID nope");
    QTest::newRow("11 events")
        << QString() << 11
        << QStringLiteral("An error occurred (InvalidInputException) when calling the PutEvents "
                          "operation: Invalid length for parameter eventList, value: 11, valid max "
                          "length: 10");
}

void TestEndpoint::putEventsErrors()
{
    QFETCH(QString, trackingId);
    QFETCH(int, events);
    QFETCH(QString, expected);
    const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM interaction"));
    QStringList list;
    for (int i = 0; i < events; ++i)
        list << QStringLiteral(R"({"eventType": "click", "sentAt": %1})").arg(1704170000 + i);
    const Result result =
        aws({QStringLiteral("personalize-events"), QStringLiteral("put-events"),
             QStringLiteral("--tracking-id"), trackingId.isEmpty() ? m_trackingId : trackingId,
             QStringLiteral("--session-id"), QStringLiteral("s"), QStringLiteral("--event-list"),
             QLatin1Char('[') + list.join(QLatin1Char(',')) + QLatin1Char(']')});
    QCOMPARE(result.exitCode, 254);
    QCOMPARE(result.err.trimmed(), expected);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM interaction")), before);
}

void TestEndpoint::clientSideValidationSendsNothing()
{
    const qint64 logged = scalar(QStringLiteral("SELECT count(*) FROM request_log"));
    const Result result = aws({QStringLiteral("personalize-events"), QStringLiteral("put-events"),
                               QStringLiteral("--tracking-id"), m_trackingId, QStringLiteral("--session-id"),
                               QStringLiteral("s"), QStringLiteral("--event-list"),
                               QStringLiteral(R"([{"eventType": "click", "itemId": "i1"}])")});
    QCOMPARE(result.exitCode, 252); // botocore refuses before sending: the AWS CLI's own usage-error code
    QVERIFY2(result.err.contains(QStringLiteral("Missing required parameter in eventList[0]: \"sentAt\"")),
             qPrintable(result.err));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM request_log")), logged);
}

void TestEndpoint::unsignedRequests()
{
    const Result put = aws(
        {QStringLiteral("--no-sign-request"), QStringLiteral("personalize-events"),
         QStringLiteral("put-events"), QStringLiteral("--tracking-id"), m_trackingId,
         QStringLiteral("--session-id"), QStringLiteral("anonymous-session"), QStringLiteral("--event-list"),
         QStringLiteral(R"([{"eventType": "view", "sentAt": 1704164700, "itemId": "i9"}])")},
        false);
    QVERIFY2(put.exitCode == 0, qPrintable(put.err));
    QCOMPARE(
        scalar(QStringLiteral(
            "SELECT count(*) FROM interaction WHERE session_id = 'anonymous-session' AND user_id IS NULL")),
        1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM request_log WHERE body LIKE '%anonymous-session%' "
                                   "AND access_key_id IS NULL")),
             1);
}

void TestEndpoint::oversizedBodyIsRefusedBeforeItIsRead()
{
    const QUrl url(m_endpoint);
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    QVERIFY(socket.waitForConnected(5000));
    // Announce 5 MB but send only the first 64 KiB: the answer must come without the rest.
    socket.write("POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                 "Content-Length: 5000000\r\n\r\n");
    socket.write(QByteArray(64 * 1024, ' '));
    QByteArray response;
    QTRY_VERIFY_WITH_TIMEOUT(
        (response += socket.readAll(), response.contains("RequestEntityTooLargeException\"")), 10000);
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.constData());
    QVERIFY(
        response.contains("\"message\":\"The request body is 5000000 bytes; at most 1048576 are accepted\""));
    QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
}

void TestEndpoint::corsOverTheWire_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("allowOrigin"); // and Vary: Origin unless "*"
    QTest::newRow("loopback: any origin") << QStringList() << QByteArray("*");
    QTest::newRow("a named origin") << QStringList{QStringLiteral("--cors-origin"),
                                                   QStringLiteral("https://other.example"),
                                                   QStringLiteral("--cors-origin"),
                                                   QStringLiteral("HTTP://Page.Example:8080/")}
                                    << QByteArray("http://page.example:8080");
}

void TestEndpoint::corsOverTheWire()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, allowOrigin);
    QProcess server;
    const QString endpoint = startServer(server, m_dir.filePath(QStringLiteral("cors.db")), arguments);
    QVERIFY(!endpoint.isEmpty());
    const QUrl url(endpoint);
    const QByteArray cors = "Access-Control-Allow-Origin: " + allowOrigin + "\r\n";
    const QByteArray vary = allowOrigin == "*" ? QByteArray() : QByteArray("Vary: Origin\r\n");
    const QByteArray expose = "Access-Control-Expose-Headers: x-amzn-RequestId, x-amzn-ErrorType\r\n";

    // The preflight Chromium sends before PutEvents.
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write(
        "OPTIONS /events HTTP/1.1\r\nHost: localhost\r\nOrigin: http://page.example:8080\r\n"
        "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: "
        "amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-date,x-amz-user-agent\r\n"
        "\r\n");
    QByteArray response;
    QTRY_VERIFY_WITH_TIMEOUT((response += socket.readAll(), response.contains("\r\n\r\n")), 10000);
    QVERIFY2(response.startsWith("HTTP/1.1 204"), response.constData());
    for (const QByteArray& header :
         {cors, vary, expose, QByteArray("Access-Control-Allow-Methods: POST, OPTIONS\r\n"),
          QByteArray("Access-Control-Max-Age: 7200\r\n")})
        QVERIFY2(response.contains(header), response.constData());
    QVERIFY2(response.contains("Access-Control-Allow-Headers: amz-sdk-invocation-id, amz-sdk-request, "
                               "authorization, content-type, x-amz-content-sha256, x-amz-date, "
                               "x-amz-security-token, x-amz-target, x-amz-user-agent\r\n"),
             response.constData());

    // The 413 written before the body is read carries them too.
    QTcpSocket large;
    large.connectToHost(url.host(), quint16(url.port()));
    QVERIFY(large.waitForConnected(5000));
    large.write("POST /events HTTP/1.1\r\nHost: localhost\r\nOrigin: http://page.example:8080\r\n"
                "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n");
    response.clear();
    QTRY_VERIFY_WITH_TIMEOUT(
        (response += large.readAll(), response.contains("RequestEntityTooLargeException\"")), 10000);
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.constData());
    for (const QByteArray& header : {cors, vary, expose})
        QVERIFY2(response.contains(header), response.constData());
    QVERIFY2(!response.contains("Access-Control-Allow-Methods"), response.constData());
    server.kill();
    server.waitForFinished();
}

void TestEndpoint::corsOriginMustBeAnOrigin_data()
{
    QTest::addColumn<QString>("origin");
    QTest::newRow("no scheme") << QStringLiteral("shop.example.com");
    QTest::newRow("a path") << QStringLiteral("https://shop.example.com/cart");
    QTest::newRow("empty") << QString();
}

void TestEndpoint::corsOriginMustBeAnOrigin()
{
    QFETCH(QString, origin);
    const QString database = m_dir.filePath(QStringLiteral("cors-refused.db"));
    const Result result =
        run(QStringLiteral(FOOTFALL_BINARY),
            {QStringLiteral("--db"), database, QStringLiteral("serve"), QStringLiteral("--port"),
             QStringLiteral("0"), QStringLiteral("--cors-origin"), origin});
    QCOMPARE(result.exitCode, 252);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err, QStringLiteral("\nusage: footfall [--db FILE] serve [--cors-origin ORIGIN]\n"
                                        "footfall: error: argument --cors-origin: not an origin "
                                        "(scheme://host[:port], or *): '%1'\n")
                             .arg(origin));
    QVERIFY(!QFile::exists(database));
}

void TestEndpoint::boto3Client()
{
    const Result result =
        run(kPython, {QStringLiteral(FOOTFALL_BOTO3_CLIENT), m_endpoint, m_trackingId,
                      QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/USERS"),
                      QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/ITEMS")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QHash<QString, QJsonObject> calls;
    for (const QString& line : result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonObject call = QJsonDocument::fromJson(line.toUtf8()).object();
        calls.insert(call.value(QStringLiteral("call")).toString(), call);
    }
    QVERIFY2(calls.value(QStringLiteral("put_events")).value(QStringLiteral("ok")).toBool(),
             qPrintable(result.out));
    QCOMPARE(
        calls.value(QStringLiteral("put_events_unknown_tracker")).value(QStringLiteral("class")).toString(),
        QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(calls.value(QStringLiteral("put_events_too_many")).value(QStringLiteral("class")).toString(),
             QStringLiteral("InvalidInputException"));
    QCOMPARE(calls.value(QStringLiteral("put_events_too_many")).value(QStringLiteral("message")).toString(),
             QStringLiteral("Invalid length for parameter eventList, value: 11, valid max length: 10"));
    QVERIFY2(calls.value(QStringLiteral("put_users")).value(QStringLiteral("ok")).toBool(),
             qPrintable(result.out));
    QVERIFY2(calls.value(QStringLiteral("put_items")).value(QStringLiteral("ok")).toBool(),
             qPrintable(result.out));
    QCOMPARE(calls.value(QStringLiteral("describe_event_tracker")).value(QStringLiteral("status")).toString(),
             QStringLiteral("ACTIVE"));
    QVERIFY2(calls.value(QStringLiteral("create_metric_attribution")).value(QStringLiteral("ok")).toBool(),
             qPrintable(result.out));
    QVERIFY2(
        calls.value(QStringLiteral("list_metric_attribution_metrics")).value(QStringLiteral("ok")).toBool(),
        qPrintable(result.out));
    const QJsonObject badExpression = calls.value(QStringLiteral("create_metric_attribution_bad_expression"));
    QCOMPARE(badExpression.value(QStringLiteral("error")).toString(),
             QStringLiteral("InvalidInputException"));
    QCOMPARE(badExpression.value(QStringLiteral("message")).toString(),
             QStringLiteral("Invalid value for parameter metrics[0].expression: \"COUNT(*)\" is not a metric "
                            "expression; use SAMPLECOUNT(), SUM(Interactions.<numeric column>) or "
                            "SUM(Items.<numeric column>)"));
    // botocore's paginator pages through Footfall's tokens, and its NextToken is Footfall's CLI's.
    const QJsonObject pagination =
        calls.value(QStringLiteral("paginate_datasets")).value(QStringLiteral("pagination")).toObject();
    QCOMPARE(pagination.value(QStringLiteral("first")).toArray().size(), 2);
    QVERIFY(!pagination.value(QStringLiteral("rest")).toArray().isEmpty());
    QVERIFY(pagination.value(QStringLiteral("restNext")).isNull());
    QCOMPARE(pagination.value(QStringLiteral("next")).toString(),
             footfall::CliPaginator::encodeToken(
                 footfall::KeysetToken::encode(QStringLiteral("ListDatasets"), {}, 2)));
    const QJsonObject badToken = calls.value(QStringLiteral("list_datasets_bad_token"));
    QCOMPARE(badToken.value(QStringLiteral("error")).toString(), QStringLiteral("InvalidNextTokenException"));
    QCOMPARE(badToken.value(QStringLiteral("message")).toString(), QStringLiteral("The token is not valid."));
    // The click boto3 sent after creating the attribution was counted for its source.
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(value) FROM attribution_rollup WHERE source = 'email'")), 1);

    // boto3 sent the datetime as whole epoch seconds; the legacy itemId in properties was mapped.
    QCOMPARE(scalar(QStringLiteral("SELECT sent_at_ms FROM interaction WHERE event_id = 'boto-e1'")),
             1704164645000);
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT count(*) FROM interaction WHERE event_id = 'boto-e1' AND item_id = 'i1' "
                 "AND attribution_source = 'email'")),
             1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM user_record WHERE user_id = 'boto-user'")), 1);
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT count(*) FROM item_record WHERE item_id = 'i1' AND properties = '{\"PRICE\":9.5}'")),
             1);
}

void TestEndpoint::requestLogRecordsClients()
{
    QVERIFY(
        scalar(QStringLiteral(
            "SELECT count(*) FROM request_log WHERE channel = 'endpoint' AND user_agent LIKE 'aws-cli/%'")) >
        0);
    QVERIFY(
        scalar(QStringLiteral(
            "SELECT count(*) FROM request_log WHERE channel = 'endpoint' AND user_agent LIKE 'Boto3/%'")) >
        0);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM request_log WHERE access_key_id = 'test'")) > 0);
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT count(*) FROM request_log WHERE operation = 'PutEvents' AND outcome = 'rejected' "
                 "AND error_type = 'ResourceNotFoundException'")),
             2);
}

// Another program holds the write lock for longer than the console's 3 s (a large import, say):
// a PutEvents sent meanwhile, by a client that does not retry, is answered once the lock is free.
void TestEndpoint::putEventsWaitsForAnotherWriter()
{
    const QString lockedMarker = m_dir.filePath(QStringLiteral("locked"));
    QProcess holder;
    holder.start(QStringLiteral("sqlite3"), {m_dir.filePath(QStringLiteral("endpoint.db"))});
    QVERIFY(holder.waitForStarted());
    holder.write(QStringLiteral("BEGIN IMMEDIATE;\n.shell touch '%1'\n.shell sleep 4\nCOMMIT;\n")
                     .arg(lockedMarker)
                     .toUtf8());
    holder.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(lockedMarker), 10000);

    qputenv("AWS_MAX_ATTEMPTS", "1"); // no retries: the first answer counts
    const Result put =
        aws({QStringLiteral("personalize-events"), QStringLiteral("put-events"),
             QStringLiteral("--tracking-id"), m_trackingId, QStringLiteral("--session-id"),
             QStringLiteral("waiting-session"), QStringLiteral("--event-list"),
             QStringLiteral(R"([{"eventType": "click", "itemId": "i9", "sentAt": 1704170000}])")});
    qunsetenv("AWS_MAX_ATTEMPTS");
    QVERIFY(holder.waitForFinished(20000));
    QCOMPARE(holder.exitCode(), 0);
    QVERIFY2(put.exitCode == 0, qPrintable(put.err));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM interaction WHERE session_id = 'waiting-session'")),
             1);
}

void TestEndpoint::acknowledgedRequestsSurviveKill9()
{
    // A database of its own, prepared with the command line, served by a second server.
    const QString path = m_dir.filePath(QStringLiteral("kill9.db"));
    const QString footfall = QStringLiteral(FOOTFALL_BINARY);
    const auto cli = [&](const QStringList& arguments) {
        return run(footfall, QStringList{QStringLiteral("--db"), path} + arguments);
    };
    QCOMPARE(cli({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                  QStringLiteral("--name"), QStringLiteral("shop")})
                 .exitCode,
             0);
    QCOMPARE(
        cli({QStringLiteral("personalize"), QStringLiteral("create-schema"), QStringLiteral("--name"),
             QStringLiteral("s"), QStringLiteral("--schema"),
             QStringLiteral("file://" FOOTFALL_SOURCE_DIR "/resources/schemas/interactions-events.json")})
            .exitCode,
        0);
    QCOMPARE(cli({QStringLiteral("personalize"), QStringLiteral("create-dataset"), QStringLiteral("--name"),
                  QStringLiteral("d"), QStringLiteral("--schema-arn"), kSchemaPrefix + QStringLiteral("s"),
                  QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--dataset-type"),
                  QStringLiteral("Interactions")})
                 .exitCode,
             0);
    const QString trackingId =
        cli({QStringLiteral("personalize"), QStringLiteral("create-event-tracker"), QStringLiteral("--name"),
             QStringLiteral("t"), QStringLiteral("--dataset-group-arn"), kGroupArn})
            .json()
            .value(QStringLiteral("trackingId"))
            .toString();
    QVERIFY(!trackingId.isEmpty());

    QProcess server;
    const QString endpoint = startServer(server, path);
    QVERIFY(!endpoint.isEmpty());
    const QUrl url(endpoint + QStringLiteral("/events"));

    // Keep several requests in flight, and kill the server in the middle of the stream.
    QNetworkAccessManager network;
    QSet<int> acknowledged;
    int sent = 0;
    int finished = 0;
    bool killed = false;
    const auto sendNext = [&] {
        const int index = sent++;
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        const QByteArray body =
            QStringLiteral(R"({"trackingId": "%1", "userId": "u%2", "sessionId": "s%2", "eventList": [)"
                           R"({"eventId": "kill-%2", "eventType": "click", "sentAt": %3, "itemId": "i%2"}]})")
                .arg(trackingId)
                .arg(index)
                .arg(1704164645 + index)
                .toUtf8();
        QNetworkReply* reply = network.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, index] {
            ++finished;
            if (reply->error() == QNetworkReply::NoError &&
                reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                acknowledged.insert(index);
            reply->deleteLater();
        });
    };
    for (int i = 0; i < 6; ++i)
        sendNext();
    QElapsedTimer clock;
    clock.start();
    while (!killed || finished < sent) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!killed) {
            while (sent - finished < 6)
                sendNext();
            if (acknowledged.size() >= 150 || clock.elapsed() > 15000) {
                server.kill(); // SIGKILL: no chance to flush or clean up
                server.waitForFinished();
                killed = true;
            }
        }
        QVERIFY2(clock.elapsed() < 60000, "the requests in flight did not finish");
    }
    QVERIFY2(acknowledged.size() >= 20,
             qPrintable(QStringLiteral("only %1 requests were acknowledged").arg(acknowledged.size())));

    const auto reader = Database::openReader(path);
    QSqlQuery check(reader->connection());
    QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
    QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
    QSet<int> stored;
    QVERIFY(check.exec(QStringLiteral("SELECT event_id FROM interaction")));
    while (check.next())
        stored.insert(check.value(0).toString().mid(5).toInt());
    for (const int index : std::as_const(acknowledged))
        QVERIFY2(stored.contains(index),
                 qPrintable(QStringLiteral("request %1 got a 200 but its event is not stored").arg(index)));
}

void TestEndpoint::signatureMode_data()
{
    QTest::addColumn<QString>("accessKey");
    QTest::addColumn<QString>("secret");        // empty: an unsigned request
    QTest::addColumn<QString>("expectedError"); // empty: accepted
    QTest::newRow("right secret") << QStringLiteral("team") << QStringLiteral("s3cret") << QString();
    QTest::newRow("wrong secret")
        << QStringLiteral("team") << QStringLiteral("guess")
        << QStringLiteral("An error occurred (InvalidSignatureException) when calling the "
                          "ListDatasetGroups operation: The request signature we calculated does "
                          "not match the signature you provided. Check your AWS Secret Access Key "
                          "and signing method.");
    QTest::newRow("unknown access key")
        << QStringLiteral("someone") << QStringLiteral("s3cret")
        << QStringLiteral("An error occurred (UnrecognizedClientException) when calling the "
                          "ListDatasetGroups operation: The security token included in the "
                          "request is invalid: access key someone is not configured for this "
                          "endpoint");
    QTest::newRow("unsigned")
        << QString() << QString()
        << QStringLiteral("An error occurred (MissingAuthenticationTokenException) when calling the "
                          "ListDatasetGroups operation: Missing Authentication Token: this endpoint "
                          "requires AWS Signature Version 4");
}

void TestEndpoint::signatureMode()
{
    QFETCH(QString, accessKey);
    QFETCH(QString, secret);
    QFETCH(QString, expectedError);
    QProcess server;
    const QString endpoint = startServer(server, m_dir.filePath(QStringLiteral("signed.db")),
                                         {QStringLiteral("--require-signature"),
                                          QStringLiteral("--access-key"), QStringLiteral("team:s3cret")});
    QVERIFY(!endpoint.isEmpty());
    QStringList arguments{QStringLiteral("--endpoint-url"), endpoint};
    if (secret.isEmpty())
        arguments << QStringLiteral("--no-sign-request");
    const Result result = run(
        kAws, arguments + QStringList{QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")},
        !secret.isEmpty(), {accessKey, secret});
    server.kill();
    server.waitForFinished();
    if (expectedError.isEmpty()) {
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    } else {
        QCOMPARE(result.exitCode, 254);
        QCOMPARE(result.err.trimmed(), expectedError);
    }
}

void TestEndpoint::signatureClockSkew_data()
{
    QTest::addColumn<int>("skewMinutes");         // the client's clock minus the server's
    QTest::addColumn<QString>("expectedMessage"); // empty: accepted; else a pattern
    const QString stamp = QStringLiteral("(\\d{8}T\\d{6}Z)");
    QTest::newRow("16 min behind")
        << -16
        << QStringLiteral("^Signature expired: %1 is now earlier than %1 \\(%1 - 15 min\\.\\)$").arg(stamp);
    QTest::newRow("16 min ahead")
        << 16
        << QStringLiteral("^Signature not yet current: %1 is still later than %1 \\(%1 \\+ 15 min\\.\\)$")
               .arg(stamp);
    QTest::newRow("14 min behind") << -14 << QString();
    QTest::newRow("14 min ahead") << 14 << QString();
}

void TestEndpoint::signatureClockSkew()
{
    QFETCH(int, skewMinutes);
    QFETCH(QString, expectedMessage);
    QProcess server;
    const QString endpoint = startServer(
        server, m_dir.filePath(QStringLiteral("skew.db")),
        {QStringLiteral("--require-signature"), QStringLiteral("--access-key"), QStringLiteral("test:test")});
    QVERIFY(!endpoint.isEmpty());
    const QString name = QStringLiteral("skew%1").arg(skewMinutes + 100);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const Result result = run(
        kPython, {QStringLiteral(FOOTFALL_BOTO3_SKEWED), endpoint, QString::number(skewMinutes * 60), name});
    const qint64 after = QDateTime::currentSecsSinceEpoch();
    server.kill();
    server.waitForFinished();
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QStringList lines = result.out.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    const QJsonObject call = QJsonDocument::fromJson(lines.at(0).toUtf8()).object();
    const QJsonArray names =
        QJsonDocument::fromJson(lines.at(1).toUtf8()).object().value(QStringLiteral("names")).toArray();
    const auto utc = [](const QString& stamp) {
        const QDateTime time(QDate::fromString(stamp.left(8), QStringLiteral("yyyyMMdd")),
                             QTime::fromString(stamp.mid(9, 6), QStringLiteral("HHmmss")), QTimeZone::utc());
        return time.isValid() ? time.toSecsSinceEpoch() : 0;
    };
    // botocore really signed at the skewed time.
    const qint64 signedAt = utc(call.value(QStringLiteral("amzDate")).toString());
    QVERIFY2(signedAt >= before + skewMinutes * 60 - 1 && signedAt <= after + skewMinutes * 60 + 1,
             qPrintable(lines.at(0)));
    if (expectedMessage.isEmpty()) {
        QVERIFY2(call.value(QStringLiteral("ok")).toBool(), qPrintable(lines.at(0)));
        QVERIFY2(names.contains(name), qPrintable(lines.at(1)));
        return;
    }
    QCOMPARE(call.value(QStringLiteral("status")).toInt(), 403);
    QCOMPARE(call.value(QStringLiteral("error")).toString(), QStringLiteral("InvalidSignatureException"));
    const QString message = call.value(QStringLiteral("message")).toString();
    const QRegularExpressionMatch match = QRegularExpression(expectedMessage).match(message);
    QVERIFY2(match.hasMatch(), qPrintable(message));
    QCOMPARE(utc(match.captured(1)), signedAt);
    const qint64 limit = utc(match.captured(2));
    const qint64 now = utc(match.captured(3));
    QVERIFY2(now >= before - 1 && now <= after + 1, qPrintable(message));
    QCOMPARE(limit - now, skewMinutes < 0 ? -15 * 60 : 15 * 60);
    // The refused call created nothing.
    QVERIFY2(!names.contains(name), qPrintable(lines.at(1)));
}

void TestEndpoint::listenBeyondLoopbackIsRefused_data()
{
    QTest::addColumn<QString>("address");
    QTest::newRow("every IPv4 interface") << QStringLiteral("0.0.0.0");
    QTest::newRow("every IPv6 interface") << QStringLiteral("::");
    // Never bound: the refusal comes before any socket is opened.
    QTest::newRow("one interface") << QStringLiteral("192.0.2.1");
}

void TestEndpoint::listenBeyondLoopbackIsRefused()
{
    QFETCH(QString, address);
    const QString database = m_dir.filePath(QStringLiteral("refused.db"));
    const Result result =
        run(QStringLiteral(FOOTFALL_BINARY),
            {QStringLiteral("--db"), database, QStringLiteral("serve"), QStringLiteral("--port"),
             QStringLiteral("0"), QStringLiteral("--listen"), address});
    QCOMPARE(result.exitCode, 252);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err,
             QStringLiteral("\nusage: footfall [--db FILE] serve --listen ADDRESS (--require-signature "
                            "--access-key ID:SECRET | --allow-unsigned)\n"
                            "footfall: error: argument --listen: %1 is not a loopback address, so other "
                            "machines could read and change this database without credentials; add "
                            "--require-signature --access-key ID:SECRET, or --allow-unsigned to serve them "
                            "unauthenticated anyway\n")
                 .arg(address));
    QVERIFY(!QFile::exists(database));
}

void TestEndpoint::listenBeyondLoopbackWarns_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("warning"); // %1: the port
    QTest::addColumn<bool>("signedRequest");
    QTest::newRow("--allow-unsigned")
        << QStringList{QStringLiteral("--allow-unsigned")}
        << QStringLiteral("warning: listening on 0.0.0.0 without --require-signature: any machine that can "
                          "reach port %1 can read and change this database, without credentials\n")
        << false;
    QTest::newRow("--require-signature")
        << QStringList{QStringLiteral("--require-signature"), QStringLiteral("--access-key"),
                       QStringLiteral("test:test")}
        << QStringLiteral(
               "warning: listening on 0.0.0.0 port %1: other machines can reach this endpoint; only "
               "requests signed by a configured access key are served, over plain HTTP (not "
               "encrypted)\n")
        << true;
}

void TestEndpoint::listenBeyondLoopbackWarns()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, warning);
    QFETCH(bool, signedRequest);
    QProcess server;
    server.start(QStringLiteral(FOOTFALL_BINARY),
                 QStringList{QStringLiteral("--db"), m_dir.filePath(QStringLiteral("network.db")),
                             QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--listen"), QStringLiteral("0.0.0.0")} +
                     arguments);
    QVERIFY(server.waitForStarted());
    static const QRegularExpression banner(QStringLiteral("listening on http://0\\.0\\.0\\.0:(\\d+) "));
    QString out;
    QString err;
    // Both streams are read while the server runs: it is never told to stop, so what is not
    // flushed before its event loop would never be seen.
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += QString::fromUtf8(server.readAllStandardOutput());
            err += QString::fromUtf8(server.readAllStandardError());
            return banner.match(out).hasMatch() && err.endsWith(QLatin1Char('\n'));
        },
        20000));
    const QString port = banner.match(out).captured(1);
    QCOMPARE(err, warning.arg(port));
    // Reached through loopback only; nothing is sent to another address.
    QStringList call{QStringLiteral("--endpoint-url"), QStringLiteral("http://127.0.0.1:%1").arg(port)};
    if (!signedRequest)
        call << QStringLiteral("--no-sign-request");
    const Result result =
        run(kAws, call + QStringList{QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")},
            signedRequest);
    server.kill();
    server.waitForFinished();
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
}

void TestEndpoint::recommendationsThroughTheEndpoint()
{
    // Enough history to train: thirty users with 34 events each, imported by the command line
    // while the server has the file open.
    QByteArray csv = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n";
    for (int user = 0; user < 30; ++user) {
        for (int i = 0; i < 34; ++i)
            csv += QStringLiteral("rec-user-%1,item-%2,%3,watch\n")
                       .arg(user)
                       .arg((user % 3) * 4 + i % 4)
                       .arg(1795800000 + user * 100 + i)
                       .toUtf8();
    }
    const QString path = m_dir.filePath(QStringLiteral("history.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv);
    file.close();
    QCOMPARE(run(QStringLiteral(FOOTFALL_BINARY),
                 {QStringLiteral("--db"), m_dir.filePath(QStringLiteral("endpoint.db")),
                  QStringLiteral("import"), QStringLiteral("interactions"),
                  QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--file"), path})
                 .exitCode,
             0);

    const Result solution =
        aws({QStringLiteral("personalize"), QStringLiteral("create-solution"), QStringLiteral("--name"),
             QStringLiteral("shop-personal"), QStringLiteral("--dataset-group-arn"), kGroupArn,
             QStringLiteral("--recipe-arn"),
             QStringLiteral("arn:aws:personalize:::recipe/aws-user-personalization")});
    QVERIFY2(solution.exitCode == 0, qPrintable(solution.err));
    const Result version = aws({QStringLiteral("personalize"), QStringLiteral("create-solution-version"),
                                QStringLiteral("--solution-arn"),
                                solution.json().value(QStringLiteral("solutionArn")).toString()});
    QVERIFY2(version.exitCode == 0, qPrintable(version.err));
    const QString versionArn = version.json().value(QStringLiteral("solutionVersionArn")).toString();
    // Trained in the background: polled as one polls AWS.
    QString status;
    QVERIFY(QTest::qWaitFor(
        [&] {
            status = aws({QStringLiteral("personalize"), QStringLiteral("describe-solution-version"),
                          QStringLiteral("--solution-version-arn"), versionArn})
                         .json()
                         .value(QStringLiteral("solutionVersion"))
                         .toObject()
                         .value(QStringLiteral("status"))
                         .toString();
            return status == QLatin1String("ACTIVE") || status == QLatin1String("CREATE FAILED");
        },
        60000));
    QCOMPARE(status, QStringLiteral("ACTIVE"));
    const Result campaign =
        aws({QStringLiteral("personalize"), QStringLiteral("create-campaign"), QStringLiteral("--name"),
             QStringLiteral("shop-campaign"), QStringLiteral("--solution-version-arn"), versionArn});
    QVERIFY2(campaign.exitCode == 0, qPrintable(campaign.err));
    const QString campaignArn = campaign.json().value(QStringLiteral("campaignArn")).toString();

    const Result recommended =
        aws({QStringLiteral("personalize-runtime"), QStringLiteral("get-recommendations"),
             QStringLiteral("--campaign-arn"), campaignArn, QStringLiteral("--user-id"),
             QStringLiteral("rec-user-0"), QStringLiteral("--num-results"), QStringLiteral("3")});
    QVERIFY2(recommended.exitCode == 0, qPrintable(recommended.err));
    const QJsonArray items = recommended.json().value(QStringLiteral("itemList")).toArray();
    QCOMPARE(items.size(), 3);
    QVERIFY(items.first().toObject().value(QStringLiteral("score")).toDouble() > 0);
    const QString recommendationId = recommended.json().value(QStringLiteral("recommendationId")).toString();
    QVERIFY(recommendationId.startsWith(QStringLiteral("RID-")));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM recommendation WHERE recommendation_id = '%1'")
                        .arg(recommendationId)),
             1);

    // boto3's personalize-runtime client, as an application would call it.
    const Result viaBoto3 =
        run(kPython,
            {QStringLiteral("-c"),
             QStringLiteral(
                 "import boto3, json, sys\n"
                 "runtime = boto3.client('personalize-runtime', endpoint_url=sys.argv[1], "
                 "region_name='us-east-1')\n"
                 "reply = runtime.get_recommendations(campaignArn=sys.argv[2], userId='rec-user-1', "
                 "numResults=5)\n"
                 "print(json.dumps({'items': len(reply['itemList']), 'id': reply['recommendationId']}))\n"),
             m_endpoint, campaignArn});
    QVERIFY2(viaBoto3.exitCode == 0, qPrintable(viaBoto3.err));
    QCOMPARE(viaBoto3.json().value(QStringLiteral("items")).toInt(), 5);
    QVERIFY(viaBoto3.json().value(QStringLiteral("id")).toString().startsWith(QStringLiteral("RID-")));

    const Result ranked =
        aws({QStringLiteral("personalize-runtime"), QStringLiteral("get-personalized-ranking"),
             QStringLiteral("--campaign-arn"), campaignArn, QStringLiteral("--user-id"),
             QStringLiteral("rec-user-0"), QStringLiteral("--input-list"), QStringLiteral("item-9"),
             QStringLiteral("item-1")});
    QVERIFY2(ranked.exitCode == 0, qPrintable(ranked.err));
    QCOMPARE(ranked.json().value(QStringLiteral("personalizedRanking")).toArray().size(), 2);

    const Result tooMany =
        aws({QStringLiteral("personalize-runtime"), QStringLiteral("get-recommendations"),
             QStringLiteral("--campaign-arn"), campaignArn, QStringLiteral("--user-id"),
             QStringLiteral("rec-user-0"), QStringLiteral("--num-results"), QStringLiteral("501")});
    QCOMPARE(tooMany.exitCode, 254);
    QCOMPARE(tooMany.err.trimmed(),
             QStringLiteral(
                 "An error occurred (InvalidInputException) when calling the GetRecommendations operation: "
                 "Invalid value for parameter numResults, value: 501, valid max value: 500"));
}

QString TestEndpoint::prepareDatabase(const QString& path, int interactions)
{
    const auto cli = [&](const QStringList& arguments) {
        return run(QStringLiteral(FOOTFALL_BINARY), QStringList{QStringLiteral("--db"), path} + arguments);
    };
    if (cli({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"), QStringLiteral("--name"),
             QStringLiteral("shop")})
                .exitCode != 0 ||
        cli({QStringLiteral("personalize"), QStringLiteral("create-schema"), QStringLiteral("--name"),
             QStringLiteral("s"), QStringLiteral("--schema"),
             QStringLiteral("file://" FOOTFALL_SOURCE_DIR "/resources/schemas/interactions-events.json")})
                .exitCode != 0 ||
        cli({QStringLiteral("personalize"), QStringLiteral("create-dataset"), QStringLiteral("--name"),
             QStringLiteral("d"), QStringLiteral("--schema-arn"), kSchemaPrefix + QStringLiteral("s"),
             QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--dataset-type"),
             QStringLiteral("Interactions")})
                .exitCode != 0)
        return {};
    const QString trackingId =
        cli({QStringLiteral("personalize"), QStringLiteral("create-event-tracker"), QStringLiteral("--name"),
             QStringLiteral("t"), QStringLiteral("--dataset-group-arn"), kGroupArn})
            .json()
            .value(QStringLiteral("trackingId"))
            .toString();
    if (interactions > 0) {
        // Users of 100 events each over 2,000 items, in a few overlapping tastes.
        QByteArray csv = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n";
        for (int i = 0; i < interactions; ++i) {
            const int user = i / 100;
            csv += QStringLiteral("user-%1,item-%2,%3,watch\n")
                       .arg(user)
                       .arg((user % 20) * 100 + (i * 7) % 100)
                       .arg(1795000000 + i)
                       .toUtf8();
        }
        const QString csvPath = path + QStringLiteral(".csv");
        QFile file(csvPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
            return {};
        file.close();
        if (cli({QStringLiteral("import"), QStringLiteral("interactions"),
                 QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--file"), csvPath})
                .exitCode != 0)
            return {};
    }
    return trackingId;
}

// CreateSolutionVersion answers at once and trains on the server's worker: PutEvents sent meanwhile
// are answered (and stored), DescribeSolutionVersion says CREATE PENDING or IN_PROGRESS, then ACTIVE.
// Stopping the server (SIGTERM) in the middle of a training fails it with the reason, and the server
// exits cleanly.
void TestEndpoint::trainingRunsOffTheRequestPath()
{
    const QString path = m_dir.filePath(QStringLiteral("training.db"));
    constexpr int kInteractions = 300000;
    const QString trackingId = prepareDatabase(path, kInteractions);
    QVERIFY(!trackingId.isEmpty());
    QProcess server;
    const QString endpoint = startServer(server, path);
    QVERIFY(!endpoint.isEmpty());

    QNetworkAccessManager network;
    struct Reply
    {
        int status = 0;
        QJsonObject json;
        qint64 ms = 0;
    };
    // One request at a time, waited for.
    const auto post = [&](const QString& pathPart, const QByteArray& target, const QJsonObject& body) {
        QNetworkRequest request(QUrl(endpoint + pathPart));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          target.isEmpty() ? QStringLiteral("application/json")
                                           : QStringLiteral("application/x-amz-json-1.1"));
        if (!target.isEmpty())
            request.setRawHeader("X-Amz-Target", "AmazonPersonalize." + target);
        QElapsedTimer timer;
        timer.start();
        QNetworkReply* reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Reply result{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                     QJsonDocument::fromJson(reply->readAll()).object(), timer.elapsed()};
        reply->deleteLater();
        return result;
    };
    const auto control = [&](const QByteArray& operation, const QJsonObject& body) {
        return post(QStringLiteral("/"), operation, body);
    };
    const auto statusOf = [&](const QString& versionArn) {
        return control("DescribeSolutionVersion", {{QStringLiteral("solutionVersionArn"), versionArn}})
            .json.value(QStringLiteral("solutionVersion"))
            .toObject();
    };

    const Reply solution = control(
        "CreateSolution", {{QStringLiteral("name"), QStringLiteral("busy")},
                           {QStringLiteral("datasetGroupArn"), kGroupArn},
                           {QStringLiteral("recipeArn"),
                            QStringLiteral("arn:aws:personalize:::recipe/aws-user-personalization")}});
    QCOMPARE(solution.status, 200);
    const QString solutionArn = solution.json.value(QStringLiteral("solutionArn")).toString();
    QElapsedTimer training;
    training.start();
    const Reply created = control("CreateSolutionVersion", {{QStringLiteral("solutionArn"), solutionArn}});
    QCOMPARE(created.status, 200);
    const QString versionArn = created.json.value(QStringLiteral("solutionVersionArn")).toString();
    QVERIFY(versionArn.startsWith(solutionArn + QLatin1Char('/')));
    const QString first = statusOf(versionArn).value(QStringLiteral("status")).toString();
    QVERIFY2(first == QLatin1String("CREATE PENDING") || first == QLatin1String("CREATE IN_PROGRESS"),
             qPrintable(first));

    // PutEvents, one after another, until the version is trained.
    int answered = 0;
    int duringTraining = 0;
    qint64 longestMs = 0;
    QSet<QString> seen{first};
    QJsonObject version;
    while (training.elapsed() < 120000) {
        const Reply put =
            post(QStringLiteral("/events"), {},
                 {{QStringLiteral("trackingId"), trackingId},
                  {QStringLiteral("userId"), QStringLiteral("meanwhile")},
                  {QStringLiteral("sessionId"), QStringLiteral("s-meanwhile")},
                  {QStringLiteral("eventList"),
                   QJsonArray{
                       QJsonObject{{QStringLiteral("eventId"), QStringLiteral("meanwhile-%1").arg(answered)},
                                   {QStringLiteral("eventType"), QStringLiteral("click")},
                                   {QStringLiteral("sentAt"), 1796000000 + answered},
                                   {QStringLiteral("itemId"), QStringLiteral("item-1")}}}}});
        QCOMPARE(put.status, 200);
        ++answered;
        version = statusOf(versionArn);
        const QString status = version.value(QStringLiteral("status")).toString();
        seen.insert(status);
        if (status == QLatin1String("ACTIVE") || status == QLatin1String("CREATE FAILED"))
            break;
        ++duringTraining; // answered while the version was still training
        longestMs = std::max(longestMs, put.ms);
    }
    qInfo("CreateSolutionVersion answered in %lld ms; training on %d interactions took about %lld ms; "
          "%d PutEvents answered meanwhile, the longest in %lld ms",
          created.ms, kInteractions, training.elapsed(), duringTraining, longestMs);
    QCOMPARE(version.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
    QVERIFY(!version.contains(QStringLiteral("failureReason")));
    QVERIFY2(duringTraining > 0, "no PutEvents was answered while the version trained");
    QVERIFY(seen.contains(QStringLiteral("CREATE IN_PROGRESS")) ||
            seen.contains(QStringLiteral("CREATE PENDING")));
    const auto reader = Database::openReader(path);
    QSqlQuery check(reader->connection());
    QVERIFY(check.exec(QStringLiteral("SELECT count(*) FROM interaction WHERE user_id = 'meanwhile'")) &&
            check.next());
    QCOMPARE(check.value(0).toInt(), answered);

    // Stopped while it trains another: the server exits at once and cleanly, and the version says why.
    const QString interrupted =
        control("CreateSolutionVersion", {{QStringLiteral("solutionArn"), solutionArn}})
            .json.value(QStringLiteral("solutionVersionArn"))
            .toString();
    QVERIFY(!interrupted.isEmpty());
    server.terminate();
    QVERIFY(server.waitForFinished(20000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    {
        // Failed by the server itself as it stopped, not left for the next process to open the file.
        const auto stoppedReader = Database::openReader(path);
        QSqlQuery row(stoppedReader->connection());
        QVERIFY(row.prepare(QStringLiteral(
            "SELECT training_status IS NULL, failure_reason FROM solution_version WHERE arn = ?")));
        row.addBindValue(interrupted);
        QVERIFY(row.exec() && row.next());
        QVERIFY(row.value(0).toBool());
        QCOMPARE(row.value(1).toString(),
                 QStringLiteral("Training was interrupted when the process that ran it stopped"));
    }
    // Read by the command line with the server's provisioning time (none), so the status is final.
    QProcess describe;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FOOTFALL_PROVISIONING_MS"), QStringLiteral("0"));
    describe.setProcessEnvironment(environment);
    describe.start(QStringLiteral(FOOTFALL_BINARY),
                   {QStringLiteral("--db"), path, QStringLiteral("personalize"),
                    QStringLiteral("describe-solution-version"), QStringLiteral("--solution-version-arn"),
                    interrupted});
    QVERIFY(describe.waitForFinished(20000));
    QCOMPARE(describe.exitCode(), 0);
    const Result described{0, QString::fromUtf8(describe.readAllStandardOutput()), {}};
    const QJsonObject stopped = described.json().value(QStringLiteral("solutionVersion")).toObject();
    QCOMPARE(stopped.value(QStringLiteral("status")).toString(), QStringLiteral("CREATE FAILED"));
    QCOMPARE(stopped.value(QStringLiteral("failureReason")).toString(),
             QStringLiteral("Training was interrupted when the process that ran it stopped"));
}

void TestEndpoint::deleteThroughTheEndpoint()
{
    const Result deleted = aws({QStringLiteral("personalize"), QStringLiteral("delete-event-tracker"),
                                QStringLiteral("--event-tracker-arn"), kTrackerArn});
    QCOMPARE(deleted.exitCode, 0);
    QCOMPARE(deleted.out.trimmed(), QString()); // an empty response: the CLI prints nothing
    const Result described = aws({QStringLiteral("personalize"), QStringLiteral("describe-event-tracker"),
                                  QStringLiteral("--event-tracker-arn"), kTrackerArn});
    QCOMPARE(described.exitCode, 254);
    QCOMPARE(described.err.trimmed(),
             QStringLiteral("An error occurred (ResourceNotFoundException) when calling the "
                            "DescribeEventTracker operation: Could not find event tracker %1")
                 .arg(kTrackerArn));
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM interaction")) > 0); // recorded events stay
}

QTEST_GUILESS_MAIN(TestEndpoint)
#include "TestEndpoint.moc"
