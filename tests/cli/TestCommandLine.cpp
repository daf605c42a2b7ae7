#include "PdfText.h"
#include "TestWorkspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using footfall::test::PdfText;

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
    QByteArray bytes; // standard output as it came

    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

const QString kGroupArn = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/shop");
const QString kTrackerArn = QString::fromLatin1(footfall::test::TestWorkspace::kTrackerArn);

} // namespace

// Runs the real footfall binary, as a script would.
class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void helpAndVersion_data();
    void helpAndVersion();
    void createsResourcesLikeTheAwsCli();
    void usageErrors_data();
    void usageErrors();
    void serviceErrors_data();
    void serviceErrors();
    void unusableDatabase();
    void listsEveryPage();
    void putEventsLikeTheAwsCli();
    void putEventsErrors_data();
    void putEventsErrors();
    void importAndExportRoundTrip();
    void metricAttributionAndReports();
    void reportErrors_data();
    void reportErrors();
    void recommendationsLikeTheAwsCli();
    void recommendersForDomainGroups();
    void refusesTheDatabaseAsAFile_data();
    void refusesTheDatabaseAsAFile();
    void writesToStandardOutput();
    void writeErrorsFail();
    void damagedDatabaseFailsTheExport();
    void requestLogCommands();
    void requestLogCommandErrors_data();
    void requestLogCommandErrors();
    void queryAndOutput_data();
    void queryAndOutput();
    void badQueryIsRefusedBeforeAnythingIsStored_data();
    void badQueryIsRefusedBeforeAnythingIsStored();
    void outfileAndTheOldOutputSpelling();
    void eventsListShowsHowEachEventWasStored();
    void requestLogListShowsRejections();
    void readinessCountsAndExplains();
    void viewCommandErrors_data();
    void viewCommandErrors();

private:
    Result run(QStringList arguments, bool withDatabase = true);
    void createShop();
    QString writeFile(const QString& name, const QByteArray& content);
    // The shop's tracker; returns its tracking ID, empty when it could not be created.
    QString createTracker();
    // The tracker and a metric attribution counting clicks; returns the tracking ID.
    QString createTrackerAndMetrics();
    // The shop with a tracker and five requests: two events of u1, an identical arrival of the
    // second, an anonymous event, a reused eventId, and one rejected request. Returns the tracking ID.
    QString recordSomeEvents();

    std::unique_ptr<QTemporaryDir> m_dir;
};

Result TestCommandLine::run(QStringList arguments, bool withDatabase)
{
    if (withDatabase)
        arguments =
            QStringList{QStringLiteral("--db"), m_dir->filePath(QStringLiteral("cli.db"))} + arguments;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FOOTFALL_PROVISIONING_MS"), QStringLiteral("0"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("xdg-data")));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(FOOTFALL_BINARY), arguments);
    // Generous: a 300,000-row import under the sanitizers on a loaded machine has taken over 60 s.
    if (!process.waitForFinished(300000))
        qFatal("footfall did not finish");
    const QByteArray out = process.readAllStandardOutput();
    return {process.exitCode(), QString::fromUtf8(out), QString::fromUtf8(process.readAllStandardError()),
            out};
}

void TestCommandLine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestCommandLine::createShop()
{
    QCOMPARE(run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                  QStringLiteral("--name"), QStringLiteral("shop")})
                 .exitCode,
             0);
    const Result schema =
        run({QStringLiteral("personalize"), QStringLiteral("create-schema"), QStringLiteral("--name"),
             QStringLiteral("shop-interactions"), QStringLiteral("--schema"),
             QStringLiteral("file://" FOOTFALL_SOURCE_DIR "/resources/schemas/interactions-events.json")});
    QCOMPARE(schema.exitCode, 0);
    const Result dataset = run(
        {QStringLiteral("personalize"), QStringLiteral("create-dataset"), QStringLiteral("--name"),
         QStringLiteral("shop-interactions"), QStringLiteral("--schema-arn"),
         schema.json().value(QStringLiteral("schemaArn")).toString(), QStringLiteral("--dataset-group-arn"),
         kGroupArn, QStringLiteral("--dataset-type"), QStringLiteral("INTERACTIONS")});
    QCOMPARE(dataset.exitCode, 0);
}

void TestCommandLine::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expectedText");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << 0
                            << QStringLiteral("personalize        dataset groups");
    QTest::newRow("group help") << QStringList{QStringLiteral("personalize"), QStringLiteral("--help")} << 0
                                << QStringLiteral("create-event-tracker");
    QTest::newRow("operation help") << QStringList{QStringLiteral("personalize"),
                                                   QStringLiteral("create-event-tracker"),
                                                   QStringLiteral("--help")}
                                    << 0 << QStringLiteral("--dataset-group-arn (string) required");
    QTest::newRow("where training runs")
        << QStringList{QStringLiteral("personalize"), QStringLiteral("create-solution-version"),
                       QStringLiteral("--help")}
        << 0 << QStringLiteral("without a server, trains before it returns");
    QTest::newRow("aws-style help word")
        << QStringList{QStringLiteral("personalize"), QStringLiteral("list-event-trackers"),
                       QStringLiteral("help")}
        << 0 << QStringLiteral("[--max-results <value>]");
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << 0
                               << QStringLiteral("footfall 0.1.0");
}

void TestCommandLine::helpAndVersion()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, expectedText);
    const Result result = run(arguments, false);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.out.contains(expectedText), qPrintable(result.out));
}

void TestCommandLine::createsResourcesLikeTheAwsCli()
{
    createShop();
    const Result created =
        run({QStringLiteral("personalize"), QStringLiteral("create-event-tracker"), QStringLiteral("--name"),
             QStringLiteral("shop-tracker"), QStringLiteral("--dataset-group-arn"), kGroupArn});
    QCOMPARE(created.exitCode, 0);
    QCOMPARE(created.err, QString());
    const QJsonObject output = created.json();
    QCOMPARE(output.keys(), (QStringList{QStringLiteral("eventTrackerArn"), QStringLiteral("trackingId")}));
    QCOMPARE(output.value(QStringLiteral("eventTrackerArn")).toString(), kTrackerArn);
    const QString trackingId = output.value(QStringLiteral("trackingId")).toString();
    QCOMPARE(trackingId.size(), 36);

    const Result described = run({QStringLiteral("personalize"), QStringLiteral("describe-event-tracker"),
                                  QStringLiteral("--event-tracker-arn"), kTrackerArn});
    QCOMPARE(described.exitCode, 0);
    const QJsonObject tracker = described.json().value(QStringLiteral("eventTracker")).toObject();
    QCOMPARE(tracker.value(QStringLiteral("trackingId")).toString(), trackingId);
    QCOMPARE(tracker.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
    QCOMPARE(tracker.value(QStringLiteral("datasetGroupArn")).toString(), kGroupArn);
    static const QRegularExpression isoTime(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00$"));
    QVERIFY2(isoTime.match(tracker.value(QStringLiteral("creationDateTime")).toString()).hasMatch(),
             qPrintable(described.out));
    QVERIFY(described.out.contains(QStringLiteral("\n    \"eventTracker\": {"))); // indented like the AWS CLI

    const Result listed = run({QStringLiteral("personalize"), QStringLiteral("list-event-trackers"),
                               QStringLiteral("--dataset-group-arn"), kGroupArn});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray trackers = listed.json().value(QStringLiteral("eventTrackers")).toArray();
    QCOMPARE(trackers.size(), 1);
    QVERIFY(!trackers.first().toObject().contains(QStringLiteral("trackingId")));

    const Result datasets = run({QStringLiteral("personalize"), QStringLiteral("list-datasets"),
                                 QStringLiteral("--dataset-group-arn=") + kGroupArn});
    QCOMPARE(datasets.json()
                 .value(QStringLiteral("datasets"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("datasetArn"))
                 .toString(),
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/INTERACTIONS"));

    const Result deleted = run({QStringLiteral("personalize"), QStringLiteral("delete-event-tracker"),
                                QStringLiteral("--event-tracker-arn"), kTrackerArn});
    QCOMPARE(deleted.exitCode, 0);
    QCOMPARE(deleted.out, QString()); // an empty response prints nothing, as with the AWS CLI
    QCOMPARE(run({QStringLiteral("personalize"), QStringLiteral("list-event-trackers")})
                 .json()
                 .value(QStringLiteral("eventTrackers"))
                 .toArray()
                 .size(),
             0);
}

void TestCommandLine::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expectedError");
    const QString group = QStringLiteral("personalize");
    const QString create = QStringLiteral("create-dataset-group");
    QTest::newRow("missing required")
        << QStringList{group, create}
        << QStringLiteral("footfall: error: the following arguments are required: --name");
    QTest::newRow("several missing") << QStringList{group, QStringLiteral("create-dataset")}
                                     << QStringLiteral(
                                            "footfall: error: the following arguments are required: --name, "
                                            "--schema-arn, --dataset-group-arn, --dataset-type");
    QTest::newRow("unknown option") << QStringList{group,
                                                   create,
                                                   QStringLiteral("--name"),
                                                   QStringLiteral("g"),
                                                   QStringLiteral("--colour"),
                                                   QStringLiteral("red")}
                                    << QStringLiteral("footfall: error: Unknown options: --colour, red");
    QTest::newRow("missing value") << QStringList{group, create, QStringLiteral("--name")}
                                   << QStringLiteral(
                                          "footfall: error: argument --name: expected one argument");
    QTest::newRow("invalid JSON") << QStringList{group,
                                                 create,
                                                 QStringLiteral("--name"),
                                                 QStringLiteral("g"),
                                                 QStringLiteral("--tags"),
                                                 QStringLiteral("[{")}
                                  << QStringLiteral(
                                         "footfall: error: Error parsing parameter '--tags': Invalid JSON: ");
    QTest::newRow("missing paramfile")
        << QStringList{group,
                       QStringLiteral("create-schema"),
                       QStringLiteral("--name"),
                       QStringLiteral("s"),
                       QStringLiteral("--schema"),
                       QStringLiteral("file:///nonexistent/schema.json")}
        << QStringLiteral("footfall: error: Error parsing parameter '--schema': Unable to load paramfile "
                          "file:///nonexistent/schema.json");
    QTest::newRow("bad integer") << QStringList{group, QStringLiteral("list-schemas"),
                                                QStringLiteral("--max-results"), QStringLiteral("ten")}
                                 << QStringLiteral(
                                        "footfall: error: argument --max-results: invalid int value: 'ten'");
    QTest::newRow("unknown subcommand")
        << QStringList{group, QStringLiteral("create-thing")}
        << QStringLiteral("footfall: error: argument operation: Invalid choice 'create-thing'");
    QTest::newRow("unknown command")
        << QStringList{QStringLiteral("personalise")}
        << QStringLiteral("footfall: error: argument command: Invalid choice 'personalise'");
    QTest::newRow("--db without file")
        << QStringList{QStringLiteral("--db")}
        << QStringLiteral("footfall: error: argument --db: expected one argument");
}

void TestCommandLine::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expectedError);
    const bool global = arguments.first().startsWith(QLatin1String("--"));
    const Result result = run(arguments, !global);
    QCOMPARE(result.exitCode, 252);
    QVERIFY2(result.err.contains(expectedError), qPrintable(result.err));
    QVERIFY(result.err.contains(QStringLiteral("usage: footfall")));
    QCOMPARE(result.out, QString());
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("cli.db")))); // nothing was even opened
}

void TestCommandLine::serviceErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expectedError");
    const QString group = QStringLiteral("personalize");
    QTest::newRow("InvalidInputException")
        << QStringList{group, QStringLiteral("create-dataset-group"), QStringLiteral("--name"),
                       QStringLiteral("my shop")}
        << QStringLiteral(
               "An error occurred (InvalidInputException) when calling the CreateDatasetGroup operation: "
               "Invalid value for parameter name, value: \"my shop\", valid pattern: "
               "^[a-zA-Z0-9][a-zA-Z0-9\\-_]*$ (a letter or digit first, then letters, digits, '-' or '_')");
    QTest::newRow("ResourceAlreadyExistsException")
        << QStringList{group, QStringLiteral("create-dataset-group"), QStringLiteral("--name"),
                       QStringLiteral("shop")}
        << QStringLiteral(
               "An error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetGroup "
               "operation: A dataset group named shop already exists: ") +
               kGroupArn;
    QTest::newRow("ResourceNotFoundException")
        << QStringList{group, QStringLiteral("describe-event-tracker"), QStringLiteral("--event-tracker-arn"),
                       kTrackerArn}
        << QStringLiteral(
               "An error occurred (ResourceNotFoundException) when calling the DescribeEventTracker "
               "operation: Could not find event tracker ") +
               kTrackerArn;
    QTest::newRow("ResourceInUseException")
        << QStringList{group, QStringLiteral("delete-dataset-group"), QStringLiteral("--dataset-group-arn"),
                       kGroupArn}
        << QStringLiteral(
               "An error occurred (ResourceInUseException) when calling the DeleteDatasetGroup operation: "
               "Dataset group shop still has datasets (Interactions); delete them first");
    QTest::newRow("InvalidNextTokenException")
        << QStringList{group, QStringLiteral("list-dataset-groups"), QStringLiteral("--next-token"),
                       QStringLiteral("abc")}
        << QStringLiteral(
               "An error occurred (InvalidNextTokenException) when calling the ListDatasetGroups operation: "
               "The token is not valid");
}

void TestCommandLine::serviceErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expectedError);
    createShop();
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 254);
    QCOMPARE(result.err, QStringLiteral("\n") + expectedError + QStringLiteral("\n"));
    QCOMPARE(result.out, QString());
    const Result groups = run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")});
    QCOMPARE(groups.json().value(QStringLiteral("datasetGroups")).toArray().size(), 1);
}

void TestCommandLine::unusableDatabase()
{
    const QString path = m_dir->filePath(QStringLiteral("notes.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a database\n");
    file.close();
    const Result result = run(
        {QStringLiteral("--db"), path, QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")},
        false);
    QCOMPARE(result.exitCode, 255);
    QCOMPARE(result.err,
             QStringLiteral("footfall: %1 is not a Footfall database: it is not an SQLite file. It was left "
                            "untouched.\n")
                 .arg(path));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("not a database\n"));
}

void TestCommandLine::listsEveryPage()
{
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                      QStringLiteral("--name"), QStringLiteral("g%1").arg(i)})
                     .exitCode,
                 0);
    }
    const Result page = run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups"),
                             QStringLiteral("--max-results"), QStringLiteral("2")});
    QCOMPARE(page.json().value(QStringLiteral("datasetGroups")).toArray().size(), 2);
    QVERIFY(page.json().contains(QStringLiteral("nextToken")));
    const Result all = run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")});
    QCOMPARE(all.json().value(QStringLiteral("datasetGroups")).toArray().size(), 3);
    QVERIFY(!all.json().contains(QStringLiteral("nextToken")));
}

void TestCommandLine::putEventsLikeTheAwsCli()
{
    createShop();
    const QString trackingId = createTracker();
    const Result put =
        run({QStringLiteral("personalize-events"), QStringLiteral("put-events"),
             QStringLiteral("--tracking-id"), trackingId, QStringLiteral("--user-id"), QStringLiteral("u1"),
             QStringLiteral("--session-id"), QStringLiteral("s1"), QStringLiteral("--event-list"),
             QStringLiteral(R"([{"eventType": "click", "sentAt": "2024-01-02T03:04:05Z", "itemId": "i1"},)"
                            R"( {"eventType": "click", "sentAt": 1704164645000, "itemId": "i2"}])")});
    QCOMPARE(put.exitCode, 0);
    QCOMPARE(put.out, QString()); // PutEvents answers nothing, and the AWS CLI prints nothing for it
    QCOMPARE(put.err,
             QStringLiteral(
                 "warning: eventList[1].sentAt: sentAt 1704164645000 looks like milliseconds; PutEvents "
                 "takes epoch seconds (as milliseconds it would be 2024-01-02T03:04:05Z)\n"));
    const Result exported =
        run({QStringLiteral("export"), QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--outfile"), m_dir->filePath(QStringLiteral("out.csv"))});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(exported.json().value(QStringLiteral("rows")).toInt(), 2);
}

void TestCommandLine::putEventsErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expectedError");
    const QStringList put{QStringLiteral("personalize-events"), QStringLiteral("put-events")};
    QTest::newRow("unknown tracking ID")
        << put + QStringList{QStringLiteral("--tracking-id"),
                             QStringLiteral("nope"),
                             QStringLiteral("--session-id"),
                             QStringLiteral("s"),
                             QStringLiteral("--event-list"),
                             QStringLiteral(R"([{"eventType": "click", "sentAt": 1}])")}
        << 254
        << QStringLiteral("\nAn error occurred (ResourceNotFoundException) when calling the PutEvents "
                          "operation: Could not "
                          "find an event tracker with the tracking ID nope\n");
    QTest::newRow("11 events")
        << put + QStringList{QStringLiteral("--tracking-id"),
                             QStringLiteral("nope"),
                             QStringLiteral("--session-id"),
                             QStringLiteral("s"),
                             QStringLiteral("--event-list"),
                             QStringLiteral("[") +
                                 QStringList(11, QStringLiteral(R"({"eventType": "c", "sentAt": 1})"))
                                     .join(QLatin1Char(',')) +
                                 QStringLiteral("]")}
        << 254
        << QStringLiteral("\nAn error occurred (InvalidInputException) when calling the PutEvents operation: "
                          "Invalid length "
                          "for parameter eventList, value: 11, valid max length: 10\n");
    QTest::newRow("lone surrogate escaped in JSON")
        << put + QStringList{QStringLiteral("--tracking-id"),
                             QStringLiteral("nope"),
                             QStringLiteral("--session-id"),
                             QStringLiteral("s"),
                             QStringLiteral("--event-list"),
                             QStringLiteral(R"([{"eventType": "click", "sentAt": 1, "itemId": "a\ud800"}])")}
        << 254
        << QStringLiteral("\nAn error occurred (InvalidInputException) when calling the PutEvents operation: "
                          "Invalid value for parameter eventList[0].itemId: it has an unpaired surrogate "
                          "(\\ud800) at character 2, which is not Unicode text\n");
    QTest::newRow("NUL escaped in JSON")
        << put + QStringList{QStringLiteral("--tracking-id"),
                             QStringLiteral("nope"),
                             QStringLiteral("--session-id"),
                             QStringLiteral("s"),
                             QStringLiteral("--event-list"),
                             QStringLiteral(R"([{"eventType": "click\u0000", "sentAt": 1}])")}
        << 254
        << QStringLiteral("\nAn error occurred (InvalidInputException) when calling the PutEvents operation: "
                          "Invalid value for parameter eventList[0].eventType: it has a NUL character "
                          "(\\u0000) at character 6\n");
    QTest::newRow("missing session")
        << put + QStringList{QStringLiteral("--tracking-id"), QStringLiteral("t"),
                             QStringLiteral("--event-list"), QStringLiteral("[]")}
        << 252 << QStringLiteral("footfall: error: the following arguments are required: --session-id");
    QTest::newRow("event list not JSON")
        << put + QStringList{QStringLiteral("--tracking-id"), QStringLiteral("t"),
                             QStringLiteral("--session-id"),  QStringLiteral("s"),
                             QStringLiteral("--event-list"),  QStringLiteral("[{")}
        << 252 << QStringLiteral("footfall: error: Error parsing parameter '--event-list': Invalid JSON");
}

void TestCommandLine::putEventsErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, expectedError);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(expectedError), qPrintable(result.err));
    QCOMPARE(result.out, QString());
}

void TestCommandLine::importAndExportRoundTrip()
{
    createShop();
    const QByteArray content = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION,RECOMMENDATION_"
                               "ID,EVENT_ATTRIBUTION_SOURCE\n"
                               "u1,i1,1704164645,click,1.5,i1|i2,,email\n"
                               "u2,i2,1704164646,buy,,,,\n"
                               ",i3,1704164647,click,,,,\n";
    const QString input = m_dir->filePath(QStringLiteral("in.csv"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const QString report = m_dir->filePath(QStringLiteral("rejected.csv"));
    const Result imported =
        run({QStringLiteral("import"), QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--file"), input, QStringLiteral("--report"), report});
    QCOMPARE(imported.exitCode, 0);
    QCOMPARE(imported.json().value(QStringLiteral("accepted")).toInt(), 2);
    QCOMPARE(imported.json().value(QStringLiteral("rejected")).toInt(), 1);
    QFile rejected(report);
    QVERIFY(rejected.open(QIODevice::ReadOnly));
    QCOMPARE(rejected.readAll(),
             QByteArray("line,status,reason\n4,rejected,\"Invalid length for parameter USER_ID, value: 0, "
                        "valid min length: 1\"\n"));
    const QString output = m_dir->filePath(QStringLiteral("out.csv"));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("interactions"),
                  QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--outfile"), output})
                 .exitCode,
             0);
    QFile exported(output);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(exported.readAll(), content.left(content.lastIndexOf(",i3")));
    const Result badMode =
        run({QStringLiteral("import"), QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--file"), input, QStringLiteral("--mode"), QStringLiteral("SOME")});
    QCOMPARE(badMode.exitCode, 254);
    QCOMPARE(
        badMode.err,
        QStringLiteral("\nAn error occurred (InvalidInputException) when calling the import interactions "
                       "command: Invalid value for parameter mode, value: \"SOME\", valid values: FULL, "
                       "INCREMENTAL\n"));
}

void TestCommandLine::metricAttributionAndReports()
{
    createShop();
    QVERIFY(!createTracker().isEmpty());
    const QString metrics = QStringLiteral(
        R"json([{"eventType": "click", "metricName": "CLICKS", "expression": "SAMPLECOUNT()"}])json");
    const Result created =
        run({QStringLiteral("personalize"), QStringLiteral("create-metric-attribution"),
             QStringLiteral("--name"), QStringLiteral("shop-metrics"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--metrics"), metrics, QStringLiteral("--metrics-output-config"),
             QStringLiteral(R"json({"roleArn": "arn:aws:iam::000000000000:role/metrics"})json")});
    QCOMPARE(created.exitCode, 0);
    const QString arn = created.json().value(QStringLiteral("metricAttributionArn")).toString();
    QCOMPARE(arn,
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:metric-attribution/shop-metrics"));

    const Result described =
        run({QStringLiteral("personalize"), QStringLiteral("describe-metric-attribution"),
             QStringLiteral("--metric-attribution-arn"), arn});
    QCOMPARE(described.exitCode, 0);
    const QJsonObject attribution = described.json().value(QStringLiteral("metricAttribution")).toObject();
    QCOMPARE(attribution.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
    QVERIFY(attribution.value(QStringLiteral("creationDateTime")).toString().contains(QLatin1Char('T')));
    QCOMPARE(attribution.value(QStringLiteral("metricsOutputConfig"))
                 .toObject()
                 .value(QStringLiteral("roleArn"))
                 .toString(),
             QStringLiteral("arn:aws:iam::000000000000:role/metrics"));
    const Result listed = run({QStringLiteral("personalize"), QStringLiteral("list-metric-attributions")});
    QCOMPARE(listed.json().value(QStringLiteral("metricAttributions")).toArray().size(), 1);
    const Result updated =
        run({QStringLiteral("personalize"), QStringLiteral("update-metric-attribution"),
             QStringLiteral("--metric-attribution-arn"), arn, QStringLiteral("--add-metrics"),
             QStringLiteral(R"json([{"eventType": "buy", "metricName": "SPEND",
                                                   "expression": "SUM(Interactions.EVENT_VALUE)"}])json")});
    QCOMPARE(updated.exitCode, 0);
    const Result metricList =
        run({QStringLiteral("personalize"), QStringLiteral("list-metric-attribution-metrics"),
             QStringLiteral("--metric-attribution-arn"), arn});
    QCOMPARE(metricList.json().value(QStringLiteral("metrics")).toArray().size(), 2);

    const Result trackerDescription =
        run({QStringLiteral("personalize"), QStringLiteral("describe-event-tracker"),
             QStringLiteral("--event-tracker-arn"), kTrackerArn});
    const QString trackingId = trackerDescription.json()
                                   .value(QStringLiteral("eventTracker"))
                                   .toObject()
                                   .value(QStringLiteral("trackingId"))
                                   .toString();
    const Result put = run(
        {QStringLiteral("personalize-events"), QStringLiteral("put-events"), QStringLiteral("--tracking-id"),
         trackingId, QStringLiteral("--session-id"), QStringLiteral("s1"), QStringLiteral("--event-list"),
         QStringLiteral(R"json([{"eventType": "click", "sentAt": 1795900000, "itemId": "i1",
                             "metricAttribution": {"eventAttributionSource": "email"}},
                            {"eventType": "click", "sentAt": 1795900900, "itemId": "i2"},
                            {"eventType": "buy", "sentAt": 1795900901, "itemId": "i2", "eventValue": 12.5}])json")});
    QCOMPARE(put.exitCode, 0);

    const QString csv = m_dir->filePath(QStringLiteral("report.csv"));
    const Result report =
        run({QStringLiteral("report"), QStringLiteral("attribution"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--from"), QStringLiteral("2026-11-28T21:00:00Z"),
             QStringLiteral("--to"), QStringLiteral("1795910400"), QStringLiteral("--format"),
             QStringLiteral("csv"), QStringLiteral("--outfile"), csv});
    QCOMPARE(report.exitCode, 0);
    QCOMPARE(report.json().value(QStringLiteral("rows")).toInt(), 3);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(),
             QByteArray("METRIC_NAME,EVENT_TYPE,VALUE,MATH_FUNCTION,EVENT_ATTRIBUTION_SOURCE,TIMESTAMP\n"
                        "CLICKS,CLICK,1.0,samplecount,SOURCE_NAME_UNDEFINED,1795900500\n"
                        "CLICKS,CLICK,1.0,samplecount,email,1795899600\n"
                        "SPEND,BUY,12.5,sum,SOURCE_NAME_UNDEFINED,1795900500\n"));

    for (const QString& format : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
        const QString path = m_dir->filePath(QStringLiteral("report.") + format);
        const Result drawn = run({QStringLiteral("report"), QStringLiteral("attribution"),
                                  QStringLiteral("--dataset-group-arn"), kGroupArn,
                                  QStringLiteral("--bucket"), QStringLiteral("1h"),
                                  QStringLiteral("--format"), format, QStringLiteral("--outfile"), path});
        QCOMPARE(drawn.exitCode, 0);
        QVERIFY2(drawn.err.isEmpty(), qPrintable(drawn.err));
        QVERIFY(QFileInfo(path).size() > 5000);
    }

    const Result rebuilt = run({QStringLiteral("report"), QStringLiteral("rebuild"),
                                QStringLiteral("--dataset-group-arn"), kGroupArn});
    QCOMPARE(rebuilt.exitCode, 0);
    QCOMPARE(rebuilt.json().value(QStringLiteral("windows")).toInt(), 3);

    const QString metricsCsv = m_dir->filePath(QStringLiteral("metrics.csv"));
    const Result eventMetrics =
        run({QStringLiteral("report"), QStringLiteral("event-metrics"), QStringLiteral("--event-tracker-arn"),
             kTrackerArn, QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--outfile"),
             metricsCsv});
    QCOMPARE(eventMetrics.exitCode, 0);
    QCOMPARE(eventMetrics.json().value(QStringLiteral("requests")).toInt(), 1);

    const Result deleted = run({QStringLiteral("personalize"), QStringLiteral("delete-metric-attribution"),
                                QStringLiteral("--metric-attribution-arn"), arn});
    QCOMPARE(deleted.exitCode, 0);
}

void TestCommandLine::reportErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString output = QStringLiteral("/tmp/footfall-never-written.csv");
    const QStringList report = {QStringLiteral("report"), QStringLiteral("attribution"),
                                QStringLiteral("--dataset-group-arn"), kGroupArn};
    const QString prefix = QStringLiteral("An error occurred (InvalidInputException) when calling the report "
                                          "attribution command: ");
    QTest::newRow("bad bucket") << report + QStringList{QStringLiteral("--bucket"),  QStringLiteral("5m"),
                                                        QStringLiteral("--format"),  QStringLiteral("csv"),
                                                        QStringLiteral("--outfile"), output}
                                << 254
                                << prefix +
                                       QStringLiteral("Invalid value for parameter bucket, value: \"5m\", "
                                                      "valid values: 15m, 1h, 1d");
    QTest::newRow("bad format") << report + QStringList{QStringLiteral("--format"), QStringLiteral("xlsx"),
                                                        QStringLiteral("--outfile"), output}
                                << 254
                                << prefix +
                                       QStringLiteral("Invalid value for parameter format, value: \"xlsx\", "
                                                      "valid values: csv, json, png, svg, pdf");
    QTest::newRow("bad time") << report +
                                     QStringList{QStringLiteral("--from"),    QStringLiteral("yesterday"),
                                                 QStringLiteral("--format"),  QStringLiteral("csv"),
                                                 QStringLiteral("--outfile"), output}
                              << 254
                              << prefix +
                                     QStringLiteral("Invalid value for parameter from, value: \"yesterday\": "
                                                    "use epoch seconds or ISO 8601 (2026-11-29T10:00:00Z)");
    QTest::newRow("missing output") << report + QStringList{QStringLiteral("--format"), QStringLiteral("csv")}
                                    << 252
                                    << QStringLiteral("the following arguments are required: --outfile");
    QTest::newRow("11 metrics")
        << QStringList{QStringLiteral("personalize"),
                       QStringLiteral("create-metric-attribution"),
                       QStringLiteral("--name"),
                       QStringLiteral("m"),
                       QStringLiteral("--dataset-group-arn"),
                       kGroupArn,
                       QStringLiteral("--metrics"),
                       QStringLiteral("[") +
                           QStringList(11,
                                       QStringLiteral(
                                           R"json({"eventType":"a","metricName":"b","expression":"x"})json"))
                               .join(QLatin1Char(',')) +
                           QStringLiteral("]"),
                       QStringLiteral("--metrics-output-config"),
                       QStringLiteral(R"json({"roleArn": "arn:aws:iam::000000000000:role/metrics"})json")}
        << 254
        << QStringLiteral(
               "An error occurred (InvalidInputException) when calling the CreateMetricAttribution "
               "operation: Invalid length for parameter metrics, value: 11, valid max length: 10");
}

void TestCommandLine::reportErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    createShop();
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/footfall-never-written.csv")));
    QCOMPARE(run({QStringLiteral("personalize"), QStringLiteral("list-metric-attributions")})
                 .json()
                 .value(QStringLiteral("metricAttributions"))
                 .toArray()
                 .size(),
             0);
}

void TestCommandLine::recommendationsLikeTheAwsCli()
{
    createShop();
    QByteArray csv = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n";
    for (int user = 0; user < 30; ++user) {
        for (int i = 0; i < 34; ++i)
            csv += QStringLiteral("u%1,item-%2,%3,watch\n")
                       .arg(user)
                       .arg((user % 3) * 4 + i % 4)
                       .arg(1795800000 + user * 100 + i)
                       .toUtf8();
    }
    const QString input = m_dir->filePath(QStringLiteral("history.csv"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv);
    file.close();
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("interactions"),
                  QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--file"), input})
                 .exitCode,
             0);
    const Result solution =
        run({QStringLiteral("personalize"), QStringLiteral("create-solution"), QStringLiteral("--name"),
             QStringLiteral("similar"), QStringLiteral("--dataset-group-arn"), kGroupArn,
             QStringLiteral("--recipe-arn"), QStringLiteral("arn:aws:personalize:::recipe/aws-sims")});
    QCOMPARE(solution.exitCode, 0);
    const Result version = run({QStringLiteral("personalize"), QStringLiteral("create-solution-version"),
                                QStringLiteral("--solution-arn"),
                                solution.json().value(QStringLiteral("solutionArn")).toString()});
    QCOMPARE(version.exitCode, 0);
    const Result campaign =
        run({QStringLiteral("personalize"), QStringLiteral("create-campaign"), QStringLiteral("--name"),
             QStringLiteral("similar-campaign"), QStringLiteral("--solution-version-arn"),
             version.json().value(QStringLiteral("solutionVersionArn")).toString()});
    QCOMPARE(campaign.exitCode, 0);
    const QString campaignArn = campaign.json().value(QStringLiteral("campaignArn")).toString();
    QCOMPARE(campaignArn,
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:campaign/similar-campaign"));

    // Items watched with item-1 are the other three of its group of four.
    const Result similar =
        run({QStringLiteral("personalize-runtime"), QStringLiteral("get-recommendations"),
             QStringLiteral("--campaign-arn"), campaignArn, QStringLiteral("--item-id"),
             QStringLiteral("item-1"), QStringLiteral("--num-results"), QStringLiteral("3")});
    QCOMPARE(similar.exitCode, 0);
    QStringList items;
    for (const QJsonValue& item : similar.json().value(QStringLiteral("itemList")).toArray())
        items << item.toObject().value(QStringLiteral("itemId")).toString();
    items.sort();
    QCOMPARE(items,
             (QStringList{QStringLiteral("item-0"), QStringLiteral("item-2"), QStringLiteral("item-3")}));
    QVERIFY(similar.json()
                .value(QStringLiteral("recommendationId"))
                .toString()
                .startsWith(QStringLiteral("RID-")));

    const Result missing = run({QStringLiteral("personalize-runtime"), QStringLiteral("get-recommendations"),
                                QStringLiteral("--campaign-arn"), campaignArn});
    QCOMPARE(missing.exitCode, 254);
    QVERIFY2(missing.err.contains(
                 QStringLiteral("An error occurred (InvalidInputException) when calling the "
                                "GetRecommendations operation: Campaign similar-campaign uses SIMS")),
             qPrintable(missing.err));
    const Result listed = run({QStringLiteral("personalize"), QStringLiteral("list-campaigns")});
    QCOMPARE(listed.json().value(QStringLiteral("campaigns")).toArray().size(), 1);
}

void TestCommandLine::recommendersForDomainGroups()
{
    const QString group =
        QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/shopfront");
    QCOMPARE(
        run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"), QStringLiteral("--name"),
             QStringLiteral("shopfront"), QStringLiteral("--domain"), QStringLiteral("ECOMMERCE")})
            .exitCode,
        0);
    const Result schema =
        run({QStringLiteral("personalize"), QStringLiteral("create-schema"), QStringLiteral("--name"),
             QStringLiteral("shopfront-interactions"), QStringLiteral("--domain"),
             QStringLiteral("ECOMMERCE"), QStringLiteral("--schema"),
             QStringLiteral("file://" FOOTFALL_SOURCE_DIR "/resources/schemas/interactions-events.json")});
    QCOMPARE(schema.exitCode, 0);
    QCOMPARE(run({QStringLiteral("personalize"), QStringLiteral("create-dataset"), QStringLiteral("--name"),
                  QStringLiteral("shopfront-interactions"), QStringLiteral("--schema-arn"),
                  schema.json().value(QStringLiteral("schemaArn")).toString(),
                  QStringLiteral("--dataset-group-arn"), group, QStringLiteral("--dataset-type"),
                  QStringLiteral("Interactions")})
                 .exitCode,
             0);
    QByteArray csv = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n";
    for (int user = 0; user < 30; ++user) {
        for (int i = 0; i < 34; ++i)
            csv += QStringLiteral("u%1,item-%2,%3,View\n")
                       .arg(user)
                       .arg((user % 3) * 4 + i % 4)
                       .arg(1795800000 + user * 100 + i)
                       .toUtf8();
    }
    const QString input = m_dir->filePath(QStringLiteral("shopfront.csv"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv);
    file.close();
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("interactions"),
                  QStringLiteral("--dataset-group-arn"), group, QStringLiteral("--file"), input})
                 .exitCode,
             0);
    const Result created =
        run({QStringLiteral("personalize"), QStringLiteral("create-recommender"), QStringLiteral("--name"),
             QStringLiteral("for-you"), QStringLiteral("--dataset-group-arn"), group,
             QStringLiteral("--recipe-arn"),
             QStringLiteral("arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you")});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const QString arn = created.json().value(QStringLiteral("recommenderArn")).toString();
    const Result described = run({QStringLiteral("personalize"), QStringLiteral("describe-recommender"),
                                  QStringLiteral("--recommender-arn"), arn});
    QCOMPARE(described.json()
                 .value(QStringLiteral("recommender"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("ACTIVE"));
    const Result recommended =
        run({QStringLiteral("personalize-runtime"), QStringLiteral("get-recommendations"),
             QStringLiteral("--recommender-arn"), arn, QStringLiteral("--user-id"), QStringLiteral("u0"),
             QStringLiteral("--num-results"), QStringLiteral("4")});
    QVERIFY2(recommended.exitCode == 0, qPrintable(recommended.err));
    QCOMPARE(recommended.json().value(QStringLiteral("itemList")).toArray().size(), 4);
    const Result wrong = run({QStringLiteral("personalize"), QStringLiteral("create-recommender"),
                              QStringLiteral("--name"), QStringLiteral("picks"),
                              QStringLiteral("--dataset-group-arn"), group, QStringLiteral("--recipe-arn"),
                              QStringLiteral("arn:aws:personalize:::recipe/aws-vod-top-picks")});
    QCOMPARE(wrong.exitCode, 254);
    QVERIFY2(wrong.err.contains(QStringLiteral("for the ECOMMERCE domain Footfall serves "
                                               "arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you")),
             qPrintable(wrong.err));
}

QString TestCommandLine::writeFile(const QString& name, const QByteArray& content)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the test file");
    file.write(content);
    return path;
}

QString TestCommandLine::createTracker()
{
    const Result created =
        run({QStringLiteral("personalize"), QStringLiteral("create-event-tracker"), QStringLiteral("--name"),
             QStringLiteral("shop-tracker"), QStringLiteral("--dataset-group-arn"), kGroupArn});
    return created.exitCode == 0 ? created.json().value(QStringLiteral("trackingId")).toString() : QString();
}

QString TestCommandLine::createTrackerAndMetrics()
{
    const QString trackingId = createTracker();
    if (trackingId.isEmpty())
        return {};
    if (run({QStringLiteral("personalize"), QStringLiteral("create-metric-attribution"),
             QStringLiteral("--name"), QStringLiteral("shop-metrics"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--metrics"),
             QStringLiteral(
                 R"json([{"eventType": "click", "metricName": "CLICKS", "expression": "SAMPLECOUNT()"}])json"),
             QStringLiteral("--metrics-output-config"),
             QStringLiteral(R"json({"roleArn": "arn:aws:iam::000000000000:role/metrics"})json")})
            .exitCode != 0)
        return {};
    return trackingId;
}

namespace {

struct FileState
{
    bool exists = false;
    ino_t inode = 0;
    off_t size = 0;
    qint64 modifiedNs = 0;

    // By stat(), never open(): the test must not disturb SQLite's locks either.
    static FileState of(const QString& path)
    {
        struct stat status
        {};
        if (::stat(QFile::encodeName(path).constData(), &status) != 0)
            return {};
        return {true, status.st_ino, status.st_size,
                qint64(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec};
    }
    bool operator==(const FileState& other) const
    {
        return exists == other.exists && inode == other.inode && size == other.size &&
               modifiedNs == other.modifiedNs;
    }
};

const QString kDatabaseMark = QStringLiteral("<db>");

} // namespace

void TestCommandLine::refusesTheDatabaseAsAFile_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString refusal = QStringLiteral(
        "%1 is the open Footfall database or one of SQLite's files beside it; nothing was read or written. "
        "Choose another file.");
    const auto failed = [&](const QString& command, const QString& parameter, const QString& path) {
        return QStringLiteral(
                   "\nAn error occurred (InvalidInputException) when calling the %1 command: Invalid "
                   "value for parameter %2: %3\n")
            .arg(command, parameter, refusal.arg(path));
    };
    const QString db = kDatabaseMark;
    const QStringList exportCommand = {QStringLiteral("export"), QStringLiteral("interactions"),
                                       QStringLiteral("--dataset-group-arn"), kGroupArn,
                                       QStringLiteral("--outfile")};
    QTest::newRow("export to the database")
        << exportCommand + QStringList{db} << 254
        << failed(QStringLiteral("export interactions"), QStringLiteral("outfile"), db);
    QTest::newRow("export to its -wal") << exportCommand + QStringList{db + QStringLiteral("-wal")} << 254
                                        << failed(QStringLiteral("export interactions"),
                                                  QStringLiteral("outfile"), db + QStringLiteral("-wal"));
    QTest::newRow("export json to its -shm")
        << exportCommand +
               QStringList{db + QStringLiteral("-shm"), QStringLiteral("--format"), QStringLiteral("json")}
        << 254
        << failed(QStringLiteral("export interactions"), QStringLiteral("outfile"),
                  db + QStringLiteral("-shm"));
    QTest::newRow("attribution report to the database")
        << QStringList{QStringLiteral("report"),
                       QStringLiteral("attribution"),
                       QStringLiteral("--dataset-group-arn"),
                       kGroupArn,
                       QStringLiteral("--format"),
                       QStringLiteral("pdf"),
                       QStringLiteral("--outfile"),
                       db}
        << 254 << failed(QStringLiteral("report attribution"), QStringLiteral("outfile"), db);
    QTest::newRow("event metrics to the database")
        << QStringList{QStringLiteral("report"),
                       QStringLiteral("event-metrics"),
                       QStringLiteral("--event-tracker-arn"),
                       kTrackerArn,
                       QStringLiteral("--format"),
                       QStringLiteral("csv"),
                       QStringLiteral("--outfile"),
                       db}
        << 254 << failed(QStringLiteral("report event-metrics"), QStringLiteral("outfile"), db);
    QTest::newRow("import the database")
        << QStringList{QStringLiteral("import"),
                       QStringLiteral("interactions"),
                       QStringLiteral("--dataset-group-arn"),
                       kGroupArn,
                       QStringLiteral("--file"),
                       db}
        << 254 << failed(QStringLiteral("import interactions"), QStringLiteral("file"), db);
    QTest::newRow("import report to the database")
        << QStringList{QStringLiteral("import"),
                       QStringLiteral("interactions"),
                       QStringLiteral("--dataset-group-arn"),
                       kGroupArn,
                       QStringLiteral("--file"),
                       QStringLiteral("<dir>/more.csv"),
                       QStringLiteral("--report"),
                       db + QStringLiteral("-wal")}
        << 254
        << failed(QStringLiteral("import interactions"), QStringLiteral("report"),
                  db + QStringLiteral("-wal"));
    QTest::newRow("paramfile") << QStringList{QStringLiteral("personalize"), QStringLiteral("create-schema"),
                                              QStringLiteral("--name"),      QStringLiteral("s"),
                                              QStringLiteral("--schema"),    QStringLiteral("file://") + db}
                               << 252
                               << QStringLiteral(
                                      "footfall: error: Error parsing parameter '--schema': Unable to load "
                                      "paramfile file://%1: %2\n")
                                      .arg(db, refusal.arg(db));
}

void TestCommandLine::refusesTheDatabaseAsAFile()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    createShop();
    QVERIFY(!createTrackerAndMetrics().isEmpty());
    const QByteArray rows =
        "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1704164645,click\nu2,i2,1704164646,click\n";
    QCOMPARE(
        run({QStringLiteral("import"), QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--file"), writeFile(QStringLiteral("in.csv"), rows)})
            .exitCode,
        0);
    writeFile(QStringLiteral("more.csv"), rows);
    const QString db = m_dir->filePath(QStringLiteral("cli.db"));
    for (QString& argument : arguments)
        argument.replace(kDatabaseMark, db).replace(QStringLiteral("<dir>"), m_dir->path());
    message.replace(kDatabaseMark, db);
    const FileState before = FileState::of(db);
    const QStringList filesBefore = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);

    const Result result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.endsWith(message), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    QVERIFY(FileState::of(db) == before);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), filesBefore);
    // Still the same database, with its rows.
    const QString output = m_dir->filePath(QStringLiteral("out.csv"));
    const Result exported =
        run({QStringLiteral("export"), QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--outfile"), output});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(exported.json().value(QStringLiteral("rows")).toInt(), 2);
}

void TestCommandLine::writesToStandardOutput()
{
    createShop();
    const QString trackingId = createTrackerAndMetrics();
    QVERIFY(!trackingId.isEmpty());
    // Whoever sends events names their source; a spreadsheet must not run it from the report.
    const Result put =
        run({QStringLiteral("personalize-events"), QStringLiteral("put-events"),
             QStringLiteral("--tracking-id"), trackingId, QStringLiteral("--user-id"), QStringLiteral("u1"),
             QStringLiteral("--session-id"), QStringLiteral("s1"), QStringLiteral("--event-list"),
             QStringLiteral(R"json([{"eventType": "click", "sentAt": 1795900000, "itemId": "i1",
                             "metricAttribution": {"eventAttributionSource": "=HYPERLINK(\"http://x\",\"y\")"}}])json")});
    QCOMPARE(put.exitCode, 0);

    const QStringList exportCommand = {QStringLiteral("export"),
                                       QStringLiteral("interactions"),
                                       QStringLiteral("--dataset-group-arn"),
                                       kGroupArn,
                                       QStringLiteral("--outfile"),
                                       QStringLiteral("-")};
    const Result csv = run(exportCommand);
    QCOMPARE(csv.exitCode, 0);
    QVERIFY2(csv.err.isEmpty(), qPrintable(csv.err));
    // The dataset export stays a faithful round trip: the source as it was sent.
    QCOMPARE(csv.bytes,
             QByteArray("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION,RECOMMENDATION_ID,"
                        "EVENT_ATTRIBUTION_SOURCE\n"
                        "u1,i1,1795900000,click,,,,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n"));
    const Result json = run(exportCommand + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray rows = QJsonDocument::fromJson(json.bytes).array();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).toObject().value(QStringLiteral("EVENT_ATTRIBUTION_SOURCE")).toString(),
             QStringLiteral("=HYPERLINK(\"http://x\",\"y\")"));

    const QStringList report = {QStringLiteral("report"),
                                QStringLiteral("attribution"),
                                QStringLiteral("--dataset-group-arn"),
                                kGroupArn,
                                QStringLiteral("--outfile"),
                                QStringLiteral("-"),
                                QStringLiteral("--format")};
    const Result attribution = run(report + QStringList{QStringLiteral("csv")});
    QCOMPARE(attribution.exitCode, 0);
    QCOMPARE(
        attribution.bytes,
        QByteArray("METRIC_NAME,EVENT_TYPE,VALUE,MATH_FUNCTION,EVENT_ATTRIBUTION_SOURCE,TIMESTAMP\n"
                   "CLICKS,CLICK,1.0,samplecount,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1795899600\n"));
    const Result attributionJson = run(report + QStringList{QStringLiteral("json")});
    QCOMPARE(attributionJson.exitCode, 0);
    QVERIFY(QJsonDocument::fromJson(attributionJson.bytes).isObject());
    const Result png = run(report + QStringList{QStringLiteral("png")});
    QCOMPARE(png.exitCode, 0);
    QVERIFY2(png.bytes.startsWith("\x89PNG\r\n\x1a\n"), png.bytes.left(64).constData());
    const Result pdf = run(report + QStringList{QStringLiteral("pdf")});
    QCOMPARE(pdf.exitCode, 0);
    QVERIFY(pdf.bytes.startsWith("%PDF-"));
    QVERIFY(pdf.bytes.trimmed().endsWith("%%EOF"));
    {
        // The command line draws the console's document: the source whole in its tables.
        QTemporaryDir pdfDir;
        QFile pdfFile(pdfDir.filePath(QStringLiteral("report.pdf")));
        QVERIFY(pdfFile.open(QIODevice::WriteOnly));
        pdfFile.write(pdf.bytes);
        pdfFile.close();
        const QString text = PdfText::pages(pdfFile.fileName()).join(QLatin1Char('\f'));
        // In the tables below the charts: its total and its row.
        const QString tables = text.mid(text.indexOf(QStringLiteral("Totals by source")));
        QVERIFY(tables.size() < text.size());
        QCOMPARE(tables.count(QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")), 2);
    }

    const Result metrics =
        run({QStringLiteral("report"), QStringLiteral("event-metrics"), QStringLiteral("--event-tracker-arn"),
             kTrackerArn, QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--outfile"),
             QStringLiteral("-")});
    QCOMPARE(metrics.exitCode, 0);
    QVERIFY2(metrics.bytes.startsWith(
                 "METRIC_NAME,EVENT_TYPE,VALUE,STATISTIC,TIMESTAMP\nPutEventsRequests,,1.0,sum,"),
             metrics.bytes.constData());
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("-"))));
}

void TestCommandLine::writeErrorsFail()
{
    if (!QFileInfo(QStringLiteral("/dev/full")).exists())
        QSKIP("needs /dev/full");
    createShop();
    const Result result =
        run({QStringLiteral("export"), QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--outfile"), QStringLiteral("/dev/full")});
    QCOMPARE(result.exitCode, 254);
    QCOMPARE(result.err,
             QStringLiteral("\nAn error occurred (InvalidInputException) when calling the export "
                            "interactions command: Cannot write /dev/full: No space left on device\n"));
    QVERIFY(result.out.isEmpty());
    struct stat status
    {};
    QCOMPARE(::stat("/dev/full", &status), 0);
    QVERIFY(S_ISCHR(status.st_mode)); // still the device, not a file renamed over it
}

void TestCommandLine::damagedDatabaseFailsTheExport()
{
    // Files above 64 MiB open without a full quick_check, as a large workspace must: damage inside
    // one is found only when it is read.
    createShop();
    QByteArray csv = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION,RECOMMENDATION_ID,"
                     "EVENT_ATTRIBUTION_SOURCE\n";
    const int kRows = 300000;
    csv.reserve(kRows * 120);
    for (int i = 0; i < kRows; ++i) {
        csv += "user-" + QByteArray::number(i % 997) + ",item-" + QByteArray::number(i % 4093) + ',' +
               QByteArray::number(1704164645 + i) + ",click," + QByteArray::number(i % 17) +
               ",item-1|item-2|item-3,,newsletter-" + QByteArray::number(i % 31) + '\n';
    }
    const Result imported =
        run({QStringLiteral("import"), QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--file"), writeFile(QStringLiteral("many.csv"), csv)});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QCOMPARE(imported.json().value(QStringLiteral("accepted")).toInt(), kRows);
    const QString db = m_dir->filePath(QStringLiteral("cli.db"));
    QVERIFY2(QFileInfo(db).size() > 64 * 1024 * 1024, qPrintable(QString::number(QFileInfo(db).size())));

    // The footfall process has ended: no SQLite connection has the file open now.
    qint64 pageSize = 0;
    QList<qint64> leaves;
    {
        QSqlDatabase connection =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pages"));
        connection.setDatabaseName(db);
        QVERIFY(connection.open());
        QSqlQuery query(connection);
        QVERIFY(query.exec(QStringLiteral("PRAGMA page_size")) && query.next());
        pageSize = query.value(0).toLongLong();
        QVERIFY(query.exec(QStringLiteral(
            "SELECT pageno FROM dbstat WHERE name = 'interaction' AND pagetype = 'leaf' ORDER BY path")));
        while (query.next())
            leaves << query.value(0).toLongLong();
        query.finish();
        connection.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pages"));
    QVERIFY(leaves.size() > 100);
    {
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadWrite));
        for (int i = int(leaves.size()) / 2; i < int(leaves.size()) / 2 + 8; ++i) {
            QVERIFY(file.seek((leaves.at(i) - 1) * pageSize));
            file.write(QByteArray(int(pageSize), char(0xA5)));
        }
    }
    const QString output = m_dir->filePath(QStringLiteral("out.csv"));
    const Result exported =
        run({QStringLiteral("export"), QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--outfile"), output});
    QCOMPARE(exported.exitCode, 255);
    QVERIFY2(exported.err.startsWith(QStringLiteral("footfall: Reading the database failed: ")),
             qPrintable(exported.err));
    QVERIFY2(exported.err.contains(QStringLiteral("malformed")), qPrintable(exported.err));
    QVERIFY(!exported.out.contains(QStringLiteral("rows")));
    QVERIFY(!QFile::exists(output)); // no half file where the whole one was asked for
    const Result streamed =
        run({QStringLiteral("export"), QStringLiteral("interactions"), QStringLiteral("--dataset-group-arn"),
             kGroupArn, QStringLiteral("--outfile"), QStringLiteral("-")});
    QCOMPARE(streamed.exitCode, 255);
    QVERIFY(streamed.bytes.count('\n') > 1000); // what was read before the damage, then the error
    QVERIFY(streamed.bytes.count('\n') < kRows);
}

void TestCommandLine::requestLogCommands()
{
    const QString log = QStringLiteral("request-log");
    const Result fresh = run({log, QStringLiteral("describe")});
    QCOMPARE(fresh.exitCode, 0);
    QCOMPARE(fresh.out,
             QStringLiteral("{\n    \"maxSizeMib\": 256,\n    \"refusedBeforeAuthentication\": [],\n"
                            "    \"retentionDays\": 7,\n    \"rows\": 0,\n    \"storedBytes\": 0\n}\n"));
    // A rejected PutEvents: one row.
    QCOMPARE(run({QStringLiteral("personalize-events"), QStringLiteral("put-events"),
                  QStringLiteral("--tracking-id"), QStringLiteral("nope"), QStringLiteral("--session-id"),
                  QStringLiteral("s"), QStringLiteral("--event-list"),
                  QStringLiteral(R"([{"eventType": "click", "sentAt": 1704164645}])")})
                 .exitCode,
             254);
    const Result configured =
        run({log, QStringLiteral("configure"), QStringLiteral("--retention-days"), QStringLiteral("30"),
             QStringLiteral("--max-size-mib"), QStringLiteral("64")});
    QCOMPARE(configured.exitCode, 0);
    QCOMPARE(configured.json().value(QStringLiteral("retentionDays")).toInt(), 30);
    QCOMPARE(configured.json().value(QStringLiteral("maxSizeMib")).toInt(), 64);
    QCOMPARE(configured.json().value(QStringLiteral("rows")).toInt(), 1);
    QVERIFY(configured.json().value(QStringLiteral("storedBytes")).toInt() > 64);
    QVERIFY(configured.json()
                .value(QStringLiteral("oldestReceivedDateTime"))
                .toString()
                .endsWith(QLatin1String("+00:00")));
    // One flag keeps the other setting.
    QCOMPARE(run({log, QStringLiteral("configure"), QStringLiteral("--retention-days"), QStringLiteral("2")})
                 .json()
                 .value(QStringLiteral("maxSizeMib"))
                 .toInt(),
             64);
    const Result before = run(
        {log, QStringLiteral("purge"), QStringLiteral("--before"), QStringLiteral("2000-01-01T00:00:00Z")});
    QCOMPARE(before.exitCode, 0);
    QCOMPARE(before.out, QStringLiteral("{\n    \"keptWithoutBody\": 0,\n    \"refusalMinutesRemoved\": 0,\n"
                                        "    \"removedRows\": 0\n}\n"));
    const Result all = run({log, QStringLiteral("purge"), QStringLiteral("--all")});
    QCOMPARE(all.exitCode, 0);
    QCOMPARE(all.json().value(QStringLiteral("removedRows")).toInt(), 1);
    QCOMPARE(run({log, QStringLiteral("describe")}).json().value(QStringLiteral("rows")).toInt(), 0);
}

void TestCommandLine::requestLogCommandErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    const QString configure = QStringLiteral("configure");
    QTest::newRow("configure nothing")
        << QStringList{configure}
        << QStringLiteral("at least one of the arguments --retention-days --max-size-mib is required");
    QTest::newRow("zero days") << QStringList{configure, QStringLiteral("--retention-days"),
                                              QStringLiteral("0")}
                               << QStringLiteral(
                                      "argument: Invalid value for parameter retentionDays, value: 0, "
                                      "valid range: 1-3650");
    QTest::newRow("negative size")
        << QStringList{configure, QStringLiteral("--max-size-mib"), QStringLiteral("-5")}
        << QStringLiteral(
               "argument: Invalid value for parameter maxSizeMib, value: -5, valid range: 1-1048576");
    QTest::newRow("huge days") << QStringList{configure, QStringLiteral("--retention-days"),
                                              QStringLiteral("99999999999")}
                               << QStringLiteral("argument --retention-days: value out of range");
    QTest::newRow("not a number") << QStringList{configure, QStringLiteral("--retention-days"),
                                                 QStringLiteral("week")}
                                  << QStringLiteral("argument --retention-days: invalid int value: 'week'");
    QTest::newRow("purge nothing") << QStringList{QStringLiteral("purge")}
                                   << QStringLiteral(
                                          "exactly one of the arguments --before --all is required");
    QTest::newRow("purge both") << QStringList{QStringLiteral("purge"), QStringLiteral("--all"),
                                               QStringLiteral("--before"), QStringLiteral("0")}
                                << QStringLiteral("exactly one of the arguments --before --all is required");
    QTest::newRow("bad time") << QStringList{QStringLiteral("purge"), QStringLiteral("--before"),
                                             QStringLiteral("yesterday")}
                              << QStringLiteral(
                                     "argument --before: invalid time: 'yesterday' (ISO 8601 or epoch "
                                     "seconds)");
}

void TestCommandLine::requestLogCommandErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    const Result result = run(QStringList{QStringLiteral("request-log")} + arguments);
    QCOMPARE(result.exitCode, 252);
    QVERIFY2(result.err.endsWith(QStringLiteral("footfall: error: %1\n").arg(error)), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    // Nothing was changed: the database was not even created.
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("cli.db"))));
}

void TestCommandLine::queryAndOutput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const QStringList list = {QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")};
    auto with = [&](const QStringList& extra) { return list + extra; };
    QTest::newRow("name as text") << with({QStringLiteral("--query"), QStringLiteral("datasetGroups[0].name"),
                                           QStringLiteral("--output"), QStringLiteral("text")})
                                  << QStringLiteral("shop\n");
    QTest::newRow("names as json") << with(
                                          {QStringLiteral("--query"), QStringLiteral("datasetGroups[].name")})
                                   << QStringLiteral("[\n    \"shop\"\n]\n");
    QTest::newRow("a number") << with({QStringLiteral("--query"), QStringLiteral("length(datasetGroups)")})
                              << QStringLiteral("1\n");
    QTest::newRow("inline value") << with({QStringLiteral("--query=datasetGroups[0].status"),
                                           QStringLiteral("--output=text")})
                                  << QStringLiteral("ACTIVE\n");
    QTest::newRow("empty list as json")
        << with({QStringLiteral("--query"), QStringLiteral("datasetGroups[?domain]")})
        << QStringLiteral("[]\n");
    QTest::newRow("empty list as text")
        << with({QStringLiteral("--query"), QStringLiteral("datasetGroups[?domain]"),
                 QStringLiteral("--output"), QStringLiteral("text")})
        << QString();
    QTest::newRow("null as text") << with({QStringLiteral("--query"), QStringLiteral("nextToken"),
                                           QStringLiteral("--output"), QStringLiteral("text")})
                                  << QStringLiteral("None\n");
    QTest::newRow("hash keys in the order written")
        << with({QStringLiteral("--query"), QStringLiteral("datasetGroups[0].{s: status, n: name}")})
        << QStringLiteral("{\n    \"s\": \"ACTIVE\",\n    \"n\": \"shop\"\n}\n");
    QTest::newRow("list as text") << with({QStringLiteral("--query"),
                                           QStringLiteral("datasetGroups[].[name, status]"),
                                           QStringLiteral("--output"), QStringLiteral("text")})
                                  << QStringLiteral("shop\tACTIVE\n");
    QTest::newRow("table titled with the operation")
        << with({QStringLiteral("--query"), QStringLiteral("datasetGroups[].{n: name}"),
                 QStringLiteral("--output"), QStringLiteral("table")})
        << QStringLiteral("-------------------\n"
                          "|ListDatasetGroups|\n"
                          "+-----------------+\n"
                          "|        n        |\n"
                          "+-----------------+\n"
                          "|  shop           |\n"
                          "+-----------------+\n");
    QTest::newRow("--output before the command")
        << QStringList{QStringLiteral("--output"), QStringLiteral("text"), QStringLiteral("--query"),
                       QStringLiteral("datasetGroups[0].name")} +
               list
        << QStringLiteral("shop\n");
    QTest::newRow("keys of a member") << QStringList{QStringLiteral("personalize"),
                                                     QStringLiteral("describe-dataset-group"),
                                                     QStringLiteral("--dataset-group-arn"),
                                                     kGroupArn,
                                                     QStringLiteral("--query"),
                                                     QStringLiteral("keys(datasetGroup) | length(@)")}
                                      << QStringLiteral("5\n");
}

void TestCommandLine::queryAndOutput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    createShop();
    const Result result = run(arguments);
    QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, expected);
}

void TestCommandLine::badQueryIsRefusedBeforeAnythingIsStored_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");
    QTest::newRow("incomplete") << QStringLiteral("datasetGroupArn[")
                                << QStringLiteral(
                                       "\nBad value for --query datasetGroupArn[: Invalid jmespath "
                                       "expression: Incomplete expression:\n\"datasetGroupArn[\"\n"
                                       "                 ^\n");
    QTest::newRow("unknown token") << QStringLiteral("a = b")
                                   << QStringLiteral(
                                          "\nBad value for --query a = b: Bad jmespath expression: "
                                          "Unknown token '=':\na = b\n  ^\n");
    QTest::newRow("unknown function")
        << QStringLiteral("nope(@)")
        << QStringLiteral("\nBad value for --query nope(@): Unknown function: nope()\n");
    QTest::newRow("arity") << QStringLiteral("abs(@, @)")
                           << QStringLiteral(
                                  "\nBad value for --query abs(@, @): Expected 1 argument for function "
                                  "abs(), received 2\n");
}

void TestCommandLine::badQueryIsRefusedBeforeAnythingIsStored()
{
    QFETCH(QString, query);
    QFETCH(QString, message);
    const Result created =
        run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"), QStringLiteral("--name"),
             QStringLiteral("shop"), QStringLiteral("--query"), query});
    QCOMPARE(created.exitCode, 252);
    QCOMPARE(created.out, QString());
    QCOMPARE(created.err, message);
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("cli.db")))); // not even opened
    const Result bad = run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups"),
                            QStringLiteral("--output"), QStringLiteral("xml")});
    QCOMPARE(bad.exitCode, 252);
    QVERIFY2(bad.err.contains(QStringLiteral("argument --output: Invalid choice, valid choices are:")),
             qPrintable(bad.err));
}

void TestCommandLine::outfileAndTheOldOutputSpelling()
{
    createShop();
    const QStringList exportCommand = {QStringLiteral("export"), QStringLiteral("interactions"),
                                       QStringLiteral("--dataset-group-arn"), kGroupArn};
    const QString path = m_dir->filePath(QStringLiteral("new.csv"));
    const Result current =
        run(exportCommand + QStringList{QStringLiteral("--outfile"), path, QStringLiteral("--output"),
                                        QStringLiteral("text")});
    QCOMPARE(current.exitCode, 0);
    QVERIFY2(current.err.isEmpty(), qPrintable(current.err));
    QCOMPARE(current.out, path + QStringLiteral("\t0\n")); // --output is the format: text
    QVERIFY(QFile::exists(path));

    const QString old = m_dir->filePath(QStringLiteral("old.csv"));
    const Result deprecated = run(exportCommand + QStringList{QStringLiteral("--output"), old});
    QCOMPARE(deprecated.exitCode, 0);
    QCOMPARE(deprecated.err,
             QStringLiteral("footfall: --output for the file is deprecated; use --outfile %1\n").arg(old));
    QCOMPARE(deprecated.json().value(QStringLiteral("output")).toString(), old);
    QVERIFY(QFile::exists(old));

    const Result toStandardOutput =
        run(exportCommand + QStringList{QStringLiteral("--output"), QStringLiteral("-")});
    QCOMPARE(toStandardOutput.exitCode, 0);
    QCOMPARE(toStandardOutput.bytes, QByteArray("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION,"
                                                "RECOMMENDATION_ID,EVENT_ATTRIBUTION_SOURCE\n"));
}

QString TestCommandLine::recordSomeEvents()
{
    createShop();
    const QString trackingId = createTracker();
    const auto put = [&](const QString& user, const QString& session, const QString& events) {
        QStringList arguments{QStringLiteral("personalize-events"), QStringLiteral("put-events"),
                              QStringLiteral("--tracking-id"),      trackingId,
                              QStringLiteral("--session-id"),       session,
                              QStringLiteral("--event-list"),       events};
        if (!user.isEmpty())
            arguments << QStringLiteral("--user-id") << user;
        return run(arguments).exitCode;
    };
    const QString u = QStringLiteral("u1");
    const QString s = QStringLiteral("s1");
    if (put(u, s,
            QStringLiteral(
                R"([{"eventId": "e1", "eventType": "click", "sentAt": 1704164645, "itemId": "i1"},)"
                R"( {"eventId": "e2", "eventType": "buy", "sentAt": 1704164700, "itemId": "i2",)"
                R"(  "eventValue": 24.5}])")) != 0 ||
        put(u, s,
            QStringLiteral(R"([{"eventId": "e3", "eventType": "buy", "sentAt": 1704164700, "itemId": "i2",)"
                           R"(  "eventValue": 24.5}])")) != 0 ||
        put({}, QStringLiteral("anon"),
            QStringLiteral(
                R"([{"eventId": "e4", "eventType": "click", "sentAt": 1704164800, "itemId": "i3"}])")) != 0 ||
        put(u, s,
            QStringLiteral(
                R"([{"eventId": "e1", "eventType": "click", "sentAt": 1704164900, "itemId": "i4"}])")) != 0 ||
        put(u, s,
            QStringLiteral(R"([{"eventType": "click", "sentAt": 1704164900, "itemId": "%1"}])")
                .arg(QString(300, QLatin1Char('x')))) != 254)
        return {};
    return trackingId;
}

void TestCommandLine::eventsListShowsHowEachEventWasStored()
{
    QVERIFY(!recordSomeEvents().isEmpty());
    const QStringList list{QStringLiteral("events"), QStringLiteral("list"),
                           QStringLiteral("--dataset-group-arn"), kGroupArn};
    const Result all = run(list);
    QCOMPARE(all.exitCode, 0);
    const QJsonArray events = all.json().value(QStringLiteral("events")).toArray();
    // Newest recorded first; the identical arrival of e2 is no row of its own.
    QStringList ids;
    for (const QJsonValue& event : events)
        ids << event[QStringLiteral("eventId")].toString();
    QCOMPARE(ids, (QStringList{QStringLiteral("e1"), QStringLiteral("e4"), QStringLiteral("e2"),
                               QStringLiteral("e1")}));
    QVERIFY(!all.json().contains(QStringLiteral("nextToken")));
    const QJsonObject reused = events.at(0).toObject();
    QCOMPARE(reused.value(QStringLiteral("notForTraining")).toBool(), true);
    QCOMPARE(reused.value(QStringLiteral("sentAt")).toString(),
             QStringLiteral("2024-01-02T03:08:20.000000+00:00"));
    const QJsonObject anonymous = events.at(1).toObject();
    QCOMPARE(anonymous.value(QStringLiteral("anonymous")).toBool(), true);
    QVERIFY(!anonymous.contains(QStringLiteral("userId")));
    QCOMPARE(anonymous.value(QStringLiteral("sessionId")).toString(), QStringLiteral("anon"));
    const QJsonObject bought = events.at(2).toObject();
    QCOMPARE(bought.value(QStringLiteral("eventValue")).toDouble(), 24.5);
    QCOMPARE(bought.value(QStringLiteral("duplicateArrivals")).toArray().size(), 1);
    QCOMPARE(bought.value(QStringLiteral("notForTraining")).toBool(), false);
    QCOMPARE(bought.value(QStringLiteral("source")).toString(), QStringLiteral("SOURCE_NAME_UNDEFINED"));
    QCOMPARE(bought.value(QStringLiteral("effectiveImpressions"))[QStringLiteral("kind")].toString(),
             QStringLiteral("none"));

    // Filters, as on the events page.
    const Result clicks = run(list + QStringList{QStringLiteral("--event-type"), QStringLiteral("click"),
                                                 QStringLiteral("--user-id"), QStringLiteral("u1")});
    QCOMPARE(clicks.json().value(QStringLiteral("events")).toArray().size(), 2);
    const Result early =
        run(list + QStringList{QStringLiteral("--to-time"), QStringLiteral("2024-01-02T03:05:00Z"),
                               QStringLiteral("--query"), QStringLiteral("events[].itemId"),
                               QStringLiteral("--output"), QStringLiteral("text")});
    QCOMPARE(early.out, QStringLiteral("i1\n"));

    // Pages: one event at a time, oldest first, each page's token leading to the next.
    QStringList paged;
    QString token;
    for (int page = 0; page < 10; ++page) {
        QStringList arguments = list + QStringList{QStringLiteral("--order"), QStringLiteral("oldest"),
                                                   QStringLiteral("--max-results"), QStringLiteral("1")};
        if (!token.isEmpty())
            arguments << QStringLiteral("--next-token") << token;
        const Result one = run(arguments);
        QCOMPARE(one.exitCode, 0);
        paged << one.json().value(QStringLiteral("events"))[0][QStringLiteral("eventId")].toString();
        token = one.json().value(QStringLiteral("nextToken")).toString();
        if (token.isEmpty())
            break;
    }
    QCOMPARE(paged, (QStringList{QStringLiteral("e1"), QStringLiteral("e2"), QStringLiteral("e4"),
                                 QStringLiteral("e1")}));
}

void TestCommandLine::requestLogListShowsRejections()
{
    QVERIFY(!recordSomeEvents().isEmpty());
    // What an app's own CI asserts: the last request was rejected, and why.
    const Result rejected =
        run({QStringLiteral("request-log"), QStringLiteral("list"), QStringLiteral("--outcome"),
             QStringLiteral("rejected"), QStringLiteral("--dataset-group-arn"), kGroupArn,
             QStringLiteral("--query"), QStringLiteral("requests[0].[operation,errorType,errorMessage]"),
             QStringLiteral("--output"), QStringLiteral("text")});
    QCOMPARE(rejected.exitCode, 0);
    QVERIFY2(rejected.out.startsWith(QStringLiteral("PutEvents\tInvalidInputException\t")),
             qPrintable(rejected.out));
    QVERIFY2(
        rejected.out.endsWith(QLatin1String("Invalid length for parameter eventList[0].itemId, value: 300, "
                                            "valid max length: 256\n")),
        qPrintable(rejected.out));
    const Result all = run({QStringLiteral("request-log"), QStringLiteral("list")});
    const QJsonArray requests = all.json().value(QStringLiteral("requests")).toArray();
    QStringList outcomes;
    for (const QJsonValue& request : requests)
        outcomes << request[QStringLiteral("outcome")].toString();
    // Newest first; the CLI's control-plane calls are not PutEvents requests and are not listed here.
    QCOMPARE(outcomes,
             (QStringList{QStringLiteral("rejected"), QStringLiteral("accepted"), QStringLiteral("accepted"),
                          QStringLiteral("duplicate"), QStringLiteral("accepted")}));
    const QJsonObject duplicate = requests.at(3).toObject();
    QCOMPARE(duplicate.value(QStringLiteral("channel")).toString(), QStringLiteral("cli"));
    QCOMPARE(duplicate.value(QStringLiteral("duplicateCount")).toInt(), 1);
    QCOMPARE(duplicate.value(QStringLiteral("datasetGroupArn")).toString(), kGroupArn);
    QVERIFY(duplicate.value(QStringLiteral("body")).toString().contains(QLatin1String("\"e3\"")));
    const Result page = run({QStringLiteral("request-log"), QStringLiteral("list"),
                             QStringLiteral("--max-results"), QStringLiteral("2")});
    QCOMPARE(page.json().value(QStringLiteral("requests")).toArray().size(), 2);
    const Result rest =
        run({QStringLiteral("request-log"), QStringLiteral("list"), QStringLiteral("--next-token"),
             page.json().value(QStringLiteral("nextToken")).toString()});
    QCOMPARE(rest.json().value(QStringLiteral("requests")).toArray().size(), 3);
    QCOMPARE(rest.json().value(QStringLiteral("requests"))[0], requests.at(2));
}

void TestCommandLine::readinessCountsAndExplains()
{
    QVERIFY(!recordSomeEvents().isEmpty());
    const Result readiness =
        run({QStringLiteral("readiness"), QStringLiteral("--dataset-group-arn"), kGroupArn});
    QCOMPARE(readiness.exitCode, 0);
    const QJsonObject figures = readiness.json();
    QCOMPARE(figures.value(QStringLiteral("ready")).toBool(), false);
    QCOMPARE(figures.value(QStringLiteral("interactions")).toInt(), 2);
    QCOMPARE(figures.value(QStringLiteral("interactionsNeeded")).toInt(), 1000);
    QCOMPARE(figures.value(QStringLiteral("users")).toInt(), 1);
    const QJsonObject notCounted = figures.value(QStringLiteral("notCounted")).toObject();
    QCOMPARE(notCounted.value(QStringLiteral("anonymousNotLinked")).toInt(), 1);
    QCOMPARE(notCounted.value(QStringLiteral("notForTraining")).toInt(), 1);
    QCOMPARE(notCounted.value(QStringLiteral("duplicatesCollapsed")).toInt(), 1);
    const Result filtered =
        run({QStringLiteral("readiness"), QStringLiteral("--dataset-group-arn"), kGroupArn,
             QStringLiteral("--event-types"), QStringLiteral(R"(["buy"])"),
             QStringLiteral("--min-event-value"), QStringLiteral("20"), QStringLiteral("--query"),
             QStringLiteral("[interactions, notCounted.filteredOut]"), QStringLiteral("--output"),
             QStringLiteral("text")});
    QCOMPARE(filtered.out, QStringLiteral("1\t3\n")); // the one buy counted, the three clicks not
    const Result help = run({QStringLiteral("readiness"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QLatin1String("--min-event-value")));
}

void TestCommandLine::viewCommandErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("error");
    const QStringList events{QStringLiteral("events"), QStringLiteral("list"),
                             QStringLiteral("--dataset-group-arn"), kGroupArn};
    const QStringList requests{QStringLiteral("request-log"), QStringLiteral("list")};
    const QStringList readiness{QStringLiteral("readiness"), QStringLiteral("--dataset-group-arn"),
                                kGroupArn};
    QTest::newRow("events without group")
        << QStringList{QStringLiteral("events"), QStringLiteral("list")} << 252
        << QStringLiteral("the following arguments are required: --dataset-group-arn");
    QTest::newRow("bad from time") << events +
                                          QStringList{QStringLiteral("--from-time"), QStringLiteral("monday")}
                                   << 252
                                   << QStringLiteral(
                                          "argument --from-time: invalid time: 'monday' (ISO 8601 or "
                                          "epoch seconds)");
    QTest::newRow("bad order") << events + QStringList{QStringLiteral("--order"), QStringLiteral("random")}
                               << 252
                               << QStringLiteral(
                                      "argument --order: Invalid choice 'random', valid choices are: "
                                      "newest, oldest");
    QTest::newRow("bad outcome") << requests + QStringList{QStringLiteral("--outcome"), QStringLiteral("ok")}
                                 << 252
                                 << QStringLiteral(
                                        "argument --outcome: Invalid choice 'ok', valid choices are: "
                                        "accepted, rejected, duplicate, partly duplicate");
    QTest::newRow("bad channel") << requests + QStringList{QStringLiteral("--channel"), QStringLiteral("web")}
                                 << 252
                                 << QStringLiteral(
                                        "argument --channel: Invalid choice 'web', valid choices are: "
                                        "console, cli, endpoint, import, sample");
    QTest::newRow("bad minimum") << readiness + QStringList{QStringLiteral("--min-event-value"),
                                                            QStringLiteral("lots")}
                                 << 252
                                 << QStringLiteral("argument --min-event-value: invalid number: 'lots'");
    QTest::newRow("event types not a list")
        << readiness + QStringList{QStringLiteral("--event-types"), QStringLiteral(R"({"a": 1})")} << 252
        << QStringLiteral("argument --event-types: expected a JSON list of event type names");
    QTest::newRow("zero results") << events +
                                         QStringList{QStringLiteral("--max-results"), QStringLiteral("0")}
                                  << 254
                                  << QStringLiteral(
                                         "An error occurred (InvalidInputException) when calling the events "
                                         "list command: Invalid value for parameter maxResults, value: 0, "
                                         "valid range: 1-100");
    QTest::newRow("a token of another list")
        << events + QStringList{QStringLiteral("--next-token"),
                                QString::fromLatin1(QByteArrayLiteral("footfall-requests:5").toBase64())}
        << 254
        << QStringLiteral(
               "An error occurred (InvalidNextTokenException) when calling the events list command: The "
               "token is not valid");
    QTest::newRow("garbage token") << requests +
                                          QStringList{QStringLiteral("--next-token"), QStringLiteral("%%%")}
                                   << 254
                                   << QStringLiteral(
                                          "An error occurred (InvalidNextTokenException) when calling the "
                                          "request-log list command: The token is not valid");
    QTest::newRow("unknown group")
        << QStringList{QStringLiteral("readiness"), QStringLiteral("--dataset-group-arn"),
                       QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/none")}
        << 254
        << QStringLiteral(
               "An error occurred (ResourceNotFoundException) when calling the readiness command: ");
}

void TestCommandLine::viewCommandErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, error);
    createShop();
    QFile database(m_dir->filePath(QStringLiteral("cli.db")));
    const QDateTime modified = QFileInfo(database).lastModified();
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    if (exitCode == 252)
        QVERIFY2(result.err.endsWith(QStringLiteral("footfall: error: %1\n").arg(error)),
                 qPrintable(result.err));
    else
        QVERIFY2(result.err.startsWith(QStringLiteral("\n") + error), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    // Read-only commands: the file is as it was.
    QCOMPARE(QFileInfo(database).lastModified(), modified);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
