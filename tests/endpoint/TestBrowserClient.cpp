#include "Database.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace footfall;

namespace {

const QString kChromium = QStringLiteral("/usr/bin/chromium");
const QString kBundle = QStringLiteral(FOOTFALL_BROWSER_BUNDLE);
const QString kPage = QStringLiteral(FOOTFALL_BROWSER_PAGE);

// The web page's own origin: serves index.html and the SDK bundle on a loopback port of its own,
// so that every call the page makes to Footfall is cross-origin. It holds back the page's image
// "hold" until the script fetches "done", so that the page's load event comes after its results.
class PageServer final : public QTcpServer
{
public:
    PageServer(const QByteArray& html, const QByteArray& script)
        : m_html(html)
        , m_script(script)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
            }
        });
    }

    QString origin() const { return QStringLiteral("http://127.0.0.1:%1").arg(serverPort()); }

private:
    void answer(QTcpSocket* socket)
    {
        const QByteArray request = socket->property("request").toByteArray() + socket->readAll();
        socket->setProperty("request", request);
        if (!request.contains("\r\n\r\n"))
            return;
        const QByteArray path = request.split(' ').value(1);
        if (path.startsWith("/index.html")) {
            reply(socket, "200 OK", "text/html; charset=utf-8", m_html);
        } else if (path == "/bundle.js") {
            reply(socket, "200 OK", "text/javascript; charset=utf-8", m_script);
        } else if (path == "/hold") {
            m_held.append(socket);
        } else if (path == "/done") {
            reply(socket, "204 No Content", "text/plain", {});
            for (const QPointer<QTcpSocket>& held : std::as_const(m_held)) {
                if (held)
                    reply(held, "404 Not Found", "text/plain", {});
            }
            m_held.clear();
        } else {
            reply(socket, "404 Not Found", "text/plain", {});
        }
    }

    static void reply(QTcpSocket* socket, const QByteArray& status, const QByteArray& type,
                      const QByteArray& body)
    {
        socket->write("HTTP/1.1 " + status + "\r\nContent-Type: " + type +
                      "\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QByteArray m_html;
    QByteArray m_script;
    QList<QPointer<QTcpSocket>> m_held;
};

} // namespace

// A web page on another origin calls `footfall serve` from Debian's Chromium, headless, with the
// AWS SDK for JavaScript v3 (tests/browser): it records an event, sees an InvalidInputException by
// its name and message, and gets recommendations; a page from an origin not allowed gets nothing.
class TestBrowserClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pageOnAnotherOrigin_data();
    void pageOnAnotherOrigin();
    void pageFromAnOriginNotAllowed_data();
    void pageFromAnOriginNotAllowed();

private:
    // Serves the sample with `serveArguments` (%PAGE% stands for the page's origin), opens the page
    // in Chromium with `tag` naming its user and events, and returns what the page wrote.
    QJsonObject runPage(const QStringList& serveArguments, const QString& tag);
    qint64 scalar(const QString& sql);
    static QProcessEnvironment environment();

    QTemporaryDir m_dir;
    QString m_database;
    QString m_trackingId;
    QString m_campaignArn;
    std::unique_ptr<PageServer> m_pageServer;
};

QProcessEnvironment TestBrowserClient::environment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FOOTFALL_PROVISIONING_MS"), QStringLiteral("0"));
    return environment;
}

void TestBrowserClient::initTestCase()
{
    if (!QFile::exists(kChromium))
        QFAIL("Debian's chromium is missing: run scripts/setup-debian.sh");
    QFile bundle(kBundle);
    if (!bundle.open(QIODevice::ReadOnly))
        QFAIL(qPrintable(
            QStringLiteral("%1 is missing: the build makes it with npm ci and esbuild from "
                           "tests/browser when node and npm are installed (scripts/setup-debian.sh); "
                           "re-run cmake, then build the target footfall_browser_bundle")
                .arg(kBundle)));
    QFile page(kPage);
    QVERIFY(page.open(QIODevice::ReadOnly));
    m_pageServer = std::make_unique<PageServer>(page.readAll(), bundle.readAll());
    QVERIFY(m_pageServer->listen(QHostAddress::LocalHost, 0));

    // A workspace with a trained User-Personalization campaign and a tracker.
    m_database = m_dir.filePath(QStringLiteral("sample.db"));
    QProcess sample;
    sample.setProcessEnvironment(environment());
    sample.start(QStringLiteral(FOOTFALL_BINARY),
                 {QStringLiteral("sample"), QStringLiteral("--output"), m_database, QStringLiteral("--days"),
                  QStringLiteral("3"), QStringLiteral("--users"), QStringLiteral("40"),
                  QStringLiteral("--seed"), QStringLiteral("7")});
    QVERIFY(sample.waitForFinished(240000));
    QCOMPARE(sample.exitCode(), 0);
    const QJsonObject summary = QJsonDocument::fromJson(sample.readAllStandardOutput()).object();
    m_campaignArn = summary.value(QStringLiteral("campaignArn")).toString();
    QVERIFY(!m_campaignArn.isEmpty());
    QProcess describe;
    describe.setProcessEnvironment(environment());
    describe.start(QStringLiteral(FOOTFALL_BINARY),
                   {QStringLiteral("--db"), m_database, QStringLiteral("personalize"),
                    QStringLiteral("describe-event-tracker"), QStringLiteral("--event-tracker-arn"),
                    summary.value(QStringLiteral("eventTrackerArn")).toString()});
    QVERIFY(describe.waitForFinished(60000));
    QCOMPARE(describe.exitCode(), 0);
    m_trackingId = QJsonDocument::fromJson(describe.readAllStandardOutput())
                       .object()
                       .value(QStringLiteral("eventTracker"))
                       .toObject()
                       .value(QStringLiteral("trackingId"))
                       .toString();
    QVERIFY(!m_trackingId.isEmpty());
}

QJsonObject TestBrowserClient::runPage(const QStringList& serveArguments, const QString& tag)
{
    QStringList arguments{QStringLiteral("--db"), m_database, QStringLiteral("serve"),
                          QStringLiteral("--port"), QStringLiteral("0")};
    for (const QString& argument : serveArguments)
        arguments << QString(argument).replace(QStringLiteral("%PAGE%"), m_pageServer->origin());
    QProcess server;
    server.setProcessEnvironment(environment());
    server.start(QStringLiteral(FOOTFALL_BINARY), arguments);
    if (!server.waitForStarted())
        return {};
    // Listening on 0.0.0.0 too is reached through loopback: nothing else is ever contacted.
    static const QRegularExpression listening(QStringLiteral("listening on http://[^ ]+:(\\d+) "));
    QString banner;
    if (!QTest::qWaitFor(
            [&] {
                banner += QString::fromUtf8(server.readAllStandardOutput());
                return listening.match(banner).hasMatch();
            },
            20000)) {
        qWarning("footfall serve did not start: %s", server.readAllStandardError().constData());
        return {};
    }
    const QString endpoint = QStringLiteral("http://127.0.0.1:%1").arg(listening.match(banner).captured(1));

    QTemporaryDir profile;
    QProcess chromium;
    QProcessEnvironment chromiumEnvironment = QProcessEnvironment::systemEnvironment();
    chromiumEnvironment.insert(QStringLiteral("HOME"), profile.path());
    chromium.setProcessEnvironment(chromiumEnvironment);
    const QString url =
        QStringLiteral("%1/index.html?endpoint=%2&trackingId=%3&campaignArn=%4&tag=%5")
            .arg(m_pageServer->origin(), QString::fromLatin1(QUrl::toPercentEncoding(endpoint)),
                 QString::fromLatin1(QUrl::toPercentEncoding(m_trackingId)),
                 QString::fromLatin1(QUrl::toPercentEncoding(m_campaignArn)), tag);
    // --dump-dom prints the page after its load event, which the page server holds back until the
    // script is done.
    chromium.start(kChromium,
                   {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                    QStringLiteral("--disable-gpu"), QStringLiteral("--disable-quic"),
                    QStringLiteral("--no-first-run"), QStringLiteral("--disable-background-networking"),
                    QStringLiteral("--disable-component-update"), QStringLiteral("--disable-sync"),
                    QStringLiteral("--user-data-dir=") + profile.path(), QStringLiteral("--dump-dom"), url});
    const bool finished = QTest::qWaitFor([&] { return chromium.state() == QProcess::NotRunning; }, 120000);
    if (!finished) {
        chromium.kill();
        chromium.waitForFinished();
    }
    server.kill();
    server.waitForFinished();
    const QString dom = QString::fromUtf8(chromium.readAllStandardOutput());
    static const QRegularExpression result(
        QStringLiteral("<title>done</title>.*<pre id=\"result\">(.*)</pre>"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = result.match(dom);
    if (!match.hasMatch()) {
        qWarning("the page did not finish: %s\n%s", qPrintable(dom),
                 chromium.readAllStandardError().constData());
        return {};
    }
    QString json = match.captured(1);
    json.replace(QStringLiteral("&lt;"), QStringLiteral("<"))
        .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
        .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

qint64 TestBrowserClient::scalar(const QString& sql)
{
    const auto reader = Database::openReader(m_database);
    QSqlQuery query(reader->connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

void TestBrowserClient::pageOnAnotherOrigin_data()
{
    QTest::addColumn<QStringList>("serveArguments");
    QTest::addColumn<QString>("tag");
    QTest::newRow("loopback: any origin") << QStringList() << QStringLiteral("loopback");
    QTest::newRow("beyond loopback: the page's origin named")
        << QStringList{QStringLiteral("--listen"), QStringLiteral("0.0.0.0"),
                       QStringLiteral("--allow-unsigned"), QStringLiteral("--cors-origin"),
                       QStringLiteral("%PAGE%")}
        << QStringLiteral("named");
    // The SDK signs with the page's keys; the preflight, which no browser signs, still passes.
    QTest::newRow("signatures required")
        << QStringList{QStringLiteral("--require-signature"), QStringLiteral("--access-key"),
                       QStringLiteral("test:test")}
        << QStringLiteral("signed");
}

void TestBrowserClient::pageOnAnotherOrigin()
{
    QFETCH(QStringList, serveArguments);
    QFETCH(QString, tag);
    const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM interaction"));
    const QJsonObject result = runPage(serveArguments, tag);
    QVERIFY(!result.isEmpty());
    const QByteArray text = QJsonDocument(result).toJson();
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));

    // The event is stored, and the SDK read the request id through Access-Control-Expose-Headers.
    const QJsonObject putEvents = result.value(QStringLiteral("putEvents")).toObject();
    QVERIFY2(putEvents.value(QStringLiteral("ok")).toBool(), text.constData());
    QCOMPARE(putEvents.value(QStringLiteral("status")).toInt(), 200);
    QVERIFY2(uuid.match(putEvents.value(QStringLiteral("requestId")).toString()).hasMatch(),
             text.constData());
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM interaction WHERE user_id = '%1-user' AND event_id = "
                              "'%1-event-1' AND item_id = 'browser-item' AND event_type = 'click'")
                   .arg(tag)),
        1);

    // The error keeps its name and message, as boto3 and the AWS CLI see them.
    const QJsonObject eleven = result.value(QStringLiteral("elevenEvents")).toObject();
    QCOMPARE(eleven.value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(eleven.value(QStringLiteral("name")).toString(), QStringLiteral("InvalidInputException"));
    QCOMPARE(eleven.value(QStringLiteral("message")).toString(),
             QStringLiteral("Invalid length for parameter eventList, value: 11, valid max length: 10"));
    QCOMPARE(eleven.value(QStringLiteral("status")).toInt(), 400);
    QVERIFY2(uuid.match(eleven.value(QStringLiteral("requestId")).toString()).hasMatch(), text.constData());
    QCOMPARE(
        scalar(
            QStringLiteral("SELECT count(*) FROM interaction WHERE event_id LIKE '%1-event-1__'").arg(tag)),
        0);

    const QJsonObject recommendations = result.value(QStringLiteral("recommendations")).toObject();
    QVERIFY2(recommendations.value(QStringLiteral("ok")).toBool(), text.constData());
    const QJsonObject output = recommendations.value(QStringLiteral("output")).toObject();
    QCOMPARE(output.value(QStringLiteral("itemList")).toArray().size(), 5);
    QVERIFY(!output.value(QStringLiteral("itemList"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("itemId"))
                 .toString()
                 .isEmpty());
    QVERIFY2(!output.value(QStringLiteral("recommendationId")).toString().isEmpty(), text.constData());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM interaction")), before + 1);
}

void TestBrowserClient::pageFromAnOriginNotAllowed_data()
{
    QTest::addColumn<QStringList>("serveArguments");
    QTest::addColumn<QString>("tag");
    QTest::newRow("beyond loopback, no --cors-origin")
        << QStringList{QStringLiteral("--listen"), QStringLiteral("0.0.0.0"),
                       QStringLiteral("--allow-unsigned")}
        << QStringLiteral("unnamed");
    QTest::newRow("loopback, another origin named")
        << QStringList{QStringLiteral("--cors-origin"), QStringLiteral("https://shop.example.com")}
        << QStringLiteral("other");
}

void TestBrowserClient::pageFromAnOriginNotAllowed()
{
    QFETCH(QStringList, serveArguments);
    QFETCH(QString, tag);
    const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM interaction"));
    const QJsonObject result = runPage(serveArguments, tag);
    QVERIFY(!result.isEmpty());
    // The preflight is refused, so the browser sends nothing further and tells the page no more.
    for (const QString& call :
         {QStringLiteral("putEvents"), QStringLiteral("elevenEvents"), QStringLiteral("recommendations")}) {
        const QJsonObject outcome = result.value(call).toObject();
        QCOMPARE(outcome.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(outcome.value(QStringLiteral("name")).toString(), QStringLiteral("TypeError"));
        QCOMPARE(outcome.value(QStringLiteral("message")).toString(), QStringLiteral("Failed to fetch"));
    }
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM interaction")), before);
}

QTEST_GUILESS_MAIN(TestBrowserClient)
#include "TestBrowserClient.moc"
