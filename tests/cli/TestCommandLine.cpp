#include "CliPaginator.h"
#include "ControlPlane.h"
#include "DataPlane.h"
#include "KeysetToken.h"
#include "ParamValidator.h"
#include "PdfText.h"
#include "RuntimePlane.h"
#include "ServiceShapes.h"
#include "ShorthandError.h"
#include "ShorthandParser.h"
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
    void parameterValidation_data();
    void parameterValidation();
    void catalogMatchesTheModel();
    void shorthand_data();
    void shorthand();
    void shorthandAndWordLists();
    void debugTellsWhatWentInAndOut();
    void bashCompletion_data();
    void bashCompletion();
    void helpPages();
    void reviewedEdges();
    void cliInputJson();
    void skeletons_data();
    void skeletons();
    void serviceErrors_data();
    void serviceErrors();
    void unusableDatabase();
    void listsEveryPage();
    void pagesLikeTheAwsCli_data();
    void pagesLikeTheAwsCli();
    void textOutputPrintsEachPage();
    void pagingErrors_data();
    void pagingErrors();
    void putEventsLikeTheAwsCli();
    void putEventsErrors_data();
    void putEventsErrors();
    void importAndExportRoundTrip();
    void metricAttributionAndReports();
    void reportErrors_data();
    void reportErrors();
    void defaultReportOfTheSampleIsAFewPages();
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
    // Dataset groups g0 to g4, created in that order.
    void createFiveGroups();

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
    QTest::newRow("cli-input-json not JSON")
        << QStringList{group, create, QStringLiteral("--cli-input-json"), QStringLiteral("{\"name\": ")}
        << QStringLiteral("\nError parsing parameter 'cli-input-json': Invalid JSON received.\n");
    QTest::newRow("cli-input-json a list")
        << QStringList{group, create, QStringLiteral("--cli-input-json"), QStringLiteral("[1]")}
        << QStringLiteral(
               "\nError parsing parameter '--cli-input-json': Invalid type: expecting map, received <class "
               "'list'>\n");
    QTest::newRow("cli-input-json a number")
        << QStringList{group, create, QStringLiteral("--cli-input-json"), QStringLiteral("2.5")}
        << QStringLiteral(
               "\nError parsing parameter '--cli-input-json': Invalid type: expecting map, received <class "
               "'float'>\n");
    QTest::newRow("cli-input-json missing file")
        << QStringList{group, create, QStringLiteral("--cli-input-json"),
                       QStringLiteral("file:///nonexistent/request.json")}
        << QStringLiteral("\nError parsing parameter '--cli-input-json': Unable to load paramfile "
                          "file:///nonexistent/request.json: ");
    QTest::newRow("cli-input-json without value")
        << QStringList{group, create, QStringLiteral("--cli-input-json")}
        << QStringLiteral("footfall: error: argument --cli-input-json: expected one argument");
    QTest::newRow("cli-input-json unknown member")
        << QStringList{group, create, QStringLiteral("--cli-input-json"),
                       QStringLiteral("{\"nmae\": \"shop\"}")}
        << QStringLiteral("\nParameter validation failed:\nMissing required parameter in input: \"name\"\n"
                          "Unknown parameter in input: \"nmae\", must be one of: name, roleArn, kmsKeyArn, "
                          "domain, tags\n");
    QTest::newRow("cli-input-json wrong type")
        << QStringList{group, create, QStringLiteral("--cli-input-json"), QStringLiteral("{\"name\": 5}")}
        << QStringLiteral("\nParameter validation failed:\nInvalid type for parameter name, value: 5, type: "
                          "<class 'int'>, valid types: <class 'str'>\n");
    QTest::newRow("empty name checked before sending")
        << QStringList{group, create, QStringLiteral("--name"), QString()}
        << QStringLiteral(
               "\nParameter validation failed:\nInvalid length for parameter name, value: 0, valid "
               "min length: 1\n");
    QTest::newRow("max results below the model's minimum")
        << QStringList{group, QStringLiteral("list-dataset-groups"), QStringLiteral("--max-results"),
                       QStringLiteral("0")}
        << QStringLiteral("\nParameter validation failed:\nInvalid value for parameter maxResults, value: 0, "
                          "valid min value: 1\n");
    QTest::newRow("skeleton of an unknown kind")
        << QStringList{group, create, QStringLiteral("--generate-cli-skeleton"), QStringLiteral("xml")}
        << QStringLiteral("footfall: error: argument --generate-cli-skeleton: Invalid choice, valid choices "
                          "are:\n\ninput | output\n");
    QTest::newRow("yaml skeleton")
        << QStringList{group, create, QStringLiteral("--generate-cli-skeleton"), QStringLiteral("yaml-input")}
        << QStringLiteral("footfall: error: argument --generate-cli-skeleton: yaml-input is not available");
    QTest::newRow("output skeleton needs the required flags")
        << QStringList{group, create, QStringLiteral("--generate-cli-skeleton"), QStringLiteral("output")}
        << QStringLiteral("footfall: error: the following arguments are required: --name");
    QTest::newRow("output skeleton of an own command")
        << QStringList{QStringLiteral("readiness"), QStringLiteral("--dataset-group-arn"),
                       QStringLiteral("a"), QStringLiteral("--generate-cli-skeleton"),
                       QStringLiteral("output")}
        << QStringLiteral("footfall: error: argument --generate-cli-skeleton: output is not available for "
                          "footfall's own commands");
    QTest::newRow("own command's cli-input-json with an unknown member")
        << QStringList{QStringLiteral("readiness"), QStringLiteral("--cli-input-json"),
                       QStringLiteral("{\"datasetGroupArn\": \"a\", \"size\": 1}")}
        << QStringLiteral(
               "\nParameter validation failed:\nUnknown parameter in input: \"size\", must be one of: "
               "datasetGroupArn");
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
                                  << QStringLiteral("\nError parsing parameter '--tags': Invalid JSON: ");
    QTest::newRow("missing paramfile")
        << QStringList{group,
                       QStringLiteral("create-schema"),
                       QStringLiteral("--name"),
                       QStringLiteral("s"),
                       QStringLiteral("--schema"),
                       QStringLiteral("file:///nonexistent/schema.json")}
        << QStringLiteral("\nError parsing parameter '--schema': Unable to load paramfile "
                          "file:///nonexistent/schema.json");
    QTest::newRow("bad integer") << QStringList{group, QStringLiteral("list-schemas"),
                                                QStringLiteral("--max-results"), QStringLiteral("ten")}
                                 << QStringLiteral("\nargument --max-results: invalid int value: 'ten'");
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
    // A value the command cannot use is named alone, as the AWS CLI names it; other misuse comes
    // with the usage lines.
    QCOMPARE(result.err.contains(QStringLiteral("usage: footfall")),
             expectedError.startsWith(QLatin1String("footfall: error: ")));
    QCOMPARE(result.out, QString());
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("cli.db")))); // nothing was even opened
}

void TestCommandLine::parameterValidation_data()
{
    QTest::addColumn<QString>("operation"); // "service Operation"
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("problems"); // one a line, in botocore's order and words
    const QString createGroup = QStringLiteral("personalize CreateDatasetGroup");
    const QString putEvents = QStringLiteral("personalize-events PutEvents");
    QTest::newRow("complete") << createGroup
                              << QByteArray(
                                     R"({"name": "shop", "domain": "ECOMMERCE", "tags": [{"tagKey": "team",
                                            "tagValue": "web"}]})")
                              << QString();
    QTest::newRow("missing") << createGroup << QByteArray("{}")
                             << QStringLiteral("Missing required parameter in input: \"name\"");
    QTest::newRow("nested, in the model's order")
        << createGroup << QByteArray(R"({"tags": [{"tagKey": ""}], "name": ""})")
        << QStringLiteral("Invalid length for parameter name, value: 0, valid min length: 1\n"
                          "Missing required parameter in tags[0]: \"tagValue\"\n"
                          "Invalid length for parameter tags[0].tagKey, value: 0, valid min length: 1");
    QTest::newRow("length counts characters, not UTF-16 units")
        << QStringLiteral("personalize-events PutEvents")
        << QByteArray(R"({"trackingId": "t", "sessionId": "\ud83d\ude00", "eventList": [{"eventType": "c",
                      "sentAt": 1}]})")
        << QString();
    QTest::newRow("object for a list")
        << createGroup << QByteArray(R"({"name": "a", "tags": {"a": [1, "b'"]}})")
        << QStringLiteral("Invalid type for parameter tags, value: {'a': [1, \"b'\"]}, type: "
                          "<class 'dict'>, valid types: <class 'list'>, <class 'tuple'>");
    QTest::newRow("unknown member")
        << createGroup << QByteArray(R"({"name": "a", "colour": true})")
        << QStringLiteral("Unknown parameter in input: \"colour\", must be one of: name, roleArn, kmsKeyArn, "
                          "domain, tags");
    QTest::newRow("integer below minimum")
        << QStringLiteral("personalize ListDatasetGroups") << QByteArray(R"({"maxResults": -3})")
        << QStringLiteral("Invalid value for parameter maxResults, value: -3, valid min "
                          "value: 1");
    QTest::newRow("fraction for an integer")
        << QStringLiteral("personalize ListDatasetGroups") << QByteArray(R"({"maxResults": 1.5})")
        << QStringLiteral("Invalid type for parameter maxResults, value: 1.5, type: "
                          "<class 'float'>, valid types: <class 'int'>");
    QTest::newRow("empty event list")
        << putEvents << QByteArray(R"({"trackingId": "t", "sessionId": "s", "eventList": []})")
        << QStringLiteral("Invalid length for parameter eventList, value: 0, valid min length: 1");
    QTest::newRow("text for a float and a timestamp")
        << putEvents << QByteArray(R"({"trackingId": "t", "sessionId": "s", "eventList": [{"eventType": "c",
                      "eventValue": "x", "sentAt": "garbage"}]})")
        << QStringLiteral(
               "Invalid type for parameter eventList[0].eventValue, value: x, type: <class 'str'>, "
               "valid types: <class 'float'>, <class 'decimal.Decimal'>, <class 'int'>\n"
               "Invalid type for parameter eventList[0].sentAt, value: garbage, type: <class 'str'>, "
               "valid types: <class 'datetime.datetime'>, timestamp-string");
    QTest::newRow("timestamps as text and numbers")
        << putEvents << QByteArray(R"({"trackingId": "t", "sessionId": "s", "eventList": [{"eventType": "c",
                      "sentAt": "2025-12-01T10:00:00Z"}, {"eventType": "c", "sentAt": 1764583200.5},
                      {"eventType": "c", "sentAt": "1764583200"}]})")
        << QString();
    QTest::newRow("null value")
        << createGroup << QByteArray(R"({"name": null})")
        << QStringLiteral(
               "Invalid type for parameter name, value: None, type: <class 'NoneType'>, valid types: "
               "<class 'str'>");
}

void TestCommandLine::parameterValidation()
{
    QFETCH(QString, operation);
    QFETCH(QByteArray, input);
    QFETCH(QString, problems);
    const QStringList names = operation.split(QLatin1Char(' '));
    const QString shape = footfall::ServiceShapes::instance().inputShape(names.at(0), names.at(1));
    QVERIFY(!shape.isEmpty());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(input, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(footfall::ParamValidator::problems(document.object(), shape).join(QLatin1Char('\n')), problems);
}

void TestCommandLine::catalogMatchesTheModel()
{
    // The command line checks requests against the botocore model: every operation Footfall serves
    // must name its members as the model does, and require what the model requires, or good requests
    // would be refused. (Members the model has and Footfall does not take are refused by the service.)
    const footfall::ServiceShapes& shapes = footfall::ServiceShapes::instance();
    int checked = 0;
    for (const QList<footfall::ApiOperation>* catalog :
         {&footfall::ControlPlane::operations(), &footfall::DataPlane::operations(),
          &footfall::RuntimePlane::operations()}) {
        for (const footfall::ApiOperation& operation : *catalog) {
            const QString shape = shapes.inputShape(operation.service, operation.name);
            QVERIFY2(!shape.isEmpty(), qPrintable(operation.name));
            QStringList declared;
            QStringList required;
            for (const footfall::ApiMember& member : operation.members) {
                declared << member.name;
                if (member.required)
                    required << member.name;
            }
            const QStringList model = shapes.members(shape);
            QStringList modelRequired = shapes.requiredMembers(shape);
            for (const QString& member : declared)
                QVERIFY2(model.contains(member), qPrintable(operation.name + QLatin1Char('.') + member));
            required.sort();
            modelRequired.sort();
            QCOMPARE(required, modelRequired);
            ++checked;
        }
    }
    QVERIFY(checked > 30);
}

void TestCommandLine::shorthand_data()
{
    // Each expectation is what the AWS CLI's own parser (awscli.shorthand) gives for the text.
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // compact JSON, or the error
    QTest::newRow("one pair") << QStringLiteral("a=b") << QStringLiteral(R"({"a":"b"})");
    QTest::newRow("comma-separated values")
        << QStringLiteral("a=b,c") << QStringLiteral(R"({"a":["b","c"]})");
    QTest::newRow("values, then the next key")
        << QStringLiteral("a=b,c,d=e") << QStringLiteral(R"({"a":["b","c"],"d":"e"})");
    QTest::newRow("explicit list and hash") << QStringLiteral("a=[b,c],d={e=f,g=[h]}")
                                            << QStringLiteral(R"({"a":["b","c"],"d":{"e":"f","g":["h"]}})");
    QTest::newRow("quoted") << QStringLiteral(R"(a='x,y',b="q\"z")")
                            << QStringLiteral(R"({"a":"x,y","b":"q\"z"})");
    QTest::newRow("escaped comma") << QStringLiteral(R"(a=b\,c)") << QStringLiteral(R"({"a":"b,c"})");
    QTest::newRow("empty value") << QStringLiteral("a=") << QStringLiteral(R"({"a":""})");
    QTest::newRow("empty, then more") << QStringLiteral("a=,b=c") << QStringLiteral(R"({"a":"","b":"c"})");
    QTest::newRow("spaces inside a value")
        << QStringLiteral("a=foo bar,b=1") << QStringLiteral(R"({"a":"foo bar","b":"1"})");
    QTest::newRow("equals inside a value") << QStringLiteral("a=b=c") << QStringLiteral(R"({"a":"b=c"})");
    QTest::newRow("empty list and hash")
        << QStringLiteral("a=[],b={}") << QStringLiteral(R"({"a":[],"b":{}})");
    QTest::newRow("key characters") << QStringLiteral("a.b-c_d#/:=1")
                                    << QStringLiteral(R"({"a.b-c_d#/:":"1"})");
    QTest::newRow("no equals") << QStringLiteral("a")
                               << QStringLiteral("Expected: '=', received: 'EOF' for input:\na\n ^");
    QTest::newRow("leading space") << QStringLiteral(" a=b")
                                   << QStringLiteral("Expected: '=', received: 'a' for input:\n a=b\n ^");
    QTest::newRow("duplicate key")
        << QStringLiteral("a=b,a=c")
        << QStringLiteral(
               "Second instance of key \"a\" encountered for input:\na=b,a=c\n    ^\nThis is often "
               "because there is a preceding \",\" instead of a space.");
    QTest::newRow("unclosed quote")
        << QStringLiteral("a='unclosed")
        << QStringLiteral("Expected: '<singled quoted>', received: '<none>' for input:\na='unclosed\n  ^");
    QTest::newRow("no closing quote: the last escaped one closes")
        << QStringLiteral(R"(a='x\',b=c)") << QStringLiteral(R"({"a":"x\\","b":"c"})");
    QTest::newRow("two escaped quotes, no closing one")
        << QStringLiteral(R"(a='x\'b\'c)")
        << QStringLiteral("Expected: ',', received: 'c' for input:\na='x\\'b\\'c\n         ^");
    QTest::newRow("unclosed list") << QStringLiteral("a=[b,c")
                                   << QStringLiteral(
                                          "Expected: ',', received: 'EOF' for input:\na=[b,c\n      ^");
    QTest::newRow("unclosed hash") << QStringLiteral("a={b=c")
                                   << QStringLiteral(
                                          "Expected: ',', received: 'EOF' for input:\na={b=c\n      ^");
}

void TestCommandLine::shorthand()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString actual;
    try {
        actual = QString::fromUtf8(
            QJsonDocument(footfall::ShorthandParser(text).parse()).toJson(QJsonDocument::Compact));
    } catch (const footfall::ShorthandError& error) {
        actual = error.message();
    }
    QCOMPARE(actual, expected);
}

void TestCommandLine::shorthandAndWordLists()
{
    // Shorthand for a list of structures, one word an element, with the model's types; a list of
    // scalars as words; a single value where the model wants a list.
    createShop();
    const QString group = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/shop");
    const Result created =
        run({QStringLiteral("personalize"), QStringLiteral("create-metric-attribution"),
             QStringLiteral("--name"), QStringLiteral("shop-metrics"), QStringLiteral("--dataset-group-arn"),
             group, QStringLiteral("--metrics"),
             QStringLiteral("eventType=click,metricName=CLICKS,expression=SAMPLECOUNT()"),
             QStringLiteral("eventType=buy, metricName=BUYS, expression=\"SAMPLECOUNT()\""),
             QStringLiteral("--metrics-output-config"),
             QStringLiteral("roleArn=arn:aws:iam::000000000000:role/m")});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const Result metrics =
        run({QStringLiteral("personalize"), QStringLiteral("list-metric-attribution-metrics"),
             QStringLiteral("--metric-attribution-arn"),
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:metric-attribution/"
                            "shop-metrics"),
             QStringLiteral("--query"), QStringLiteral("metrics[].metricName"), QStringLiteral("--output"),
             QStringLiteral("text")});
    QCOMPARE(metrics.exitCode, 0);
    QCOMPARE(metrics.out, QStringLiteral("CLICKS\tBUYS\n"));

    // The model's checks see what the shorthand made: the first tag's key is empty, the second's value
    // missing.
    const Result tagged = run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                               QStringLiteral("--name"), QStringLiteral("tagged"), QStringLiteral("--tags"),
                               QStringLiteral("tagKey=,tagValue=web"), QStringLiteral("tagKey=cost")});
    QCOMPARE(tagged.exitCode, 252);
    QCOMPARE(tagged.err,
             QStringLiteral("\nParameter validation failed:\nInvalid length for parameter tags[0].tagKey, "
                            "value: 0, valid min length: 1\nMissing required parameter in tags[1]: "
                            "\"tagValue\"\n"));

    // Footfall's own list flags take words too.
    const Result readiness = run({QStringLiteral("readiness"), QStringLiteral("--dataset-group-arn"), group,
                                  QStringLiteral("--event-types"), QStringLiteral("click"),
                                  QStringLiteral("buy"), QStringLiteral("--query"), QStringLiteral("ready")});
    QVERIFY2(readiness.exitCode == 0, qPrintable(readiness.err));

    // A shorthand that does not parse names the flag, and nothing is stored.
    const Result bad =
        run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"), QStringLiteral("--name"),
             QStringLiteral("never"), QStringLiteral("--tags"), QStringLiteral("tagKey=a,tagKey=b")});
    QCOMPARE(bad.exitCode, 252);
    QVERIFY2(bad.err.startsWith(QStringLiteral("\nError parsing parameter '--tags': Second instance of key "
                                               "\"tagKey\"")),
             qPrintable(bad.err));
    const Result number = run({QStringLiteral("personalize-runtime"), QStringLiteral("get-recommendations"),
                               QStringLiteral("--campaign-arn"), QStringLiteral("a"),
                               QStringLiteral("--num-results"), QStringLiteral("many")});
    QCOMPARE(number.exitCode, 252);
    QCOMPARE(number.err, QStringLiteral("\nargument --num-results: invalid int value: 'many'\n"));
    const Result groups =
        run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups"), QStringLiteral("--query"),
             QStringLiteral("datasetGroups[].name"), QStringLiteral("--output"), QStringLiteral("text")});
    QVERIFY(!groups.out.contains(QStringLiteral("never")));
}

void TestCommandLine::debugTellsWhatWentInAndOut()
{
    // --debug anywhere, before the command or among its flags; standard output is as without it.
    const Result created =
        run({QStringLiteral("--debug"), QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
             QStringLiteral("--name"), QStringLiteral("shop")});
    QCOMPARE(created.exitCode, 0);
    QCOMPARE(created.out,
             QStringLiteral("{\n    \"datasetGroupArn\": "
                            "\"arn:aws:personalize:us-east-1:000000000000:dataset-group/shop\"\n}\n"));
    const QStringList lines = created.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QRegularExpression line(QStringLiteral("^footfall --debug \\d+ ms: (\\w+): (.*)$"));
    QStringList kinds;
    for (const QString& text : lines) {
        const QRegularExpressionMatch match = line.match(text);
        QVERIFY2(match.hasMatch(), qPrintable(text));
        kinds << match.captured(1);
        if (match.captured(1) == QLatin1String("request"))
            QCOMPARE(match.captured(2), QStringLiteral(R"({"name":"shop"})"));
        if (match.captured(1) == QLatin1String("response"))
            QVERIFY(match.captured(2).contains(QStringLiteral("dataset-group/shop")));
    }
    QCOMPARE(kinds,
             (QStringList{QStringLiteral("command"), QStringLiteral("request"), QStringLiteral("database"),
                          QStringLiteral("database"), QStringLiteral("response")}));

    const Result failed = run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                               QStringLiteral("--name"), QStringLiteral("shop"), QStringLiteral("--debug")});
    QCOMPARE(failed.exitCode, 254);
    QVERIFY2(failed.err.contains(QStringLiteral(": error: ResourceAlreadyExistsException: ")),
             qPrintable(failed.err));
    QVERIFY(failed.err.endsWith(
                QStringLiteral("when calling the CreateDatasetGroup operation: Dataset group shop "
                               "already exists\n")) ||
            failed.err.contains(QStringLiteral("An error occurred (ResourceAlreadyExistsException)")));
}

void TestCommandLine::bashCompletion_data()
{
    QTest::addColumn<QString>("line"); // what was typed before Tab; the last word is being completed
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("commands") << QStringLiteral("footfall perso")
                              << QStringList{QStringLiteral("personalize"),
                                             QStringLiteral("personalize-events"),
                                             QStringLiteral("personalize-runtime")};
    QTest::newRow("global flags") << QStringLiteral("footfall --ver")
                                  << QStringList{QStringLiteral("--version")};
    QTest::newRow("subcommands") << QStringLiteral("footfall personalize create-dataset-g")
                                 << QStringList{QStringLiteral("create-dataset-group")};
    QTest::newRow("after global flags")
        << QStringLiteral("footfall --db shop.db --output json personalize-events pu")
        << QStringList{QStringLiteral("put-events"), QStringLiteral("put-items"),
                       QStringLiteral("put-users")};
    QTest::newRow("flags") << QStringLiteral("footfall personalize create-dataset-group --name shop --d")
                           << QStringList{QStringLiteral("--domain"), QStringLiteral("--debug")};
    QTest::newRow("enum values from the model")
        << QStringLiteral("footfall personalize create-dataset-group --domain ")
        << QStringList{QStringLiteral("ECOMMERCE"), QStringLiteral("VIDEO_ON_DEMAND")};
    QTest::newRow("output formats") << QStringLiteral("footfall personalize list-schemas --output t")
                                    << QStringList{QStringLiteral("text"), QStringLiteral("table")};
    QTest::newRow("skeleton kinds") << QStringLiteral(
                                           "footfall personalize list-schemas --generate-cli-skeleton ")
                                    << QStringList{QStringLiteral("input"), QStringLiteral("output")};
    QTest::newRow("a command without subcommands")
        << QStringLiteral("footfall readiness --event") << QStringList{QStringLiteral("--event-types")};
    QTest::newRow("own commands' subcommands")
        << QStringLiteral("footfall request-log l") << QStringList{QStringLiteral("list")};
    QTest::newRow("paging flags of a list")
        << QStringLiteral("footfall personalize list-datasets --max-")
        << QStringList{QStringLiteral("--max-results"), QStringLiteral("--max-items")};
    QTest::newRow("no-paginate") << QStringLiteral("footfall events list --no-")
                                 << QStringList{QStringLiteral("--no-paginate")};
    QTest::newRow("no paging flags where nothing pages")
        << QStringLiteral("footfall personalize describe-dataset --page") << QStringList();
}

void TestCommandLine::bashCompletion()
{
    QFETCH(QString, line);
    QFETCH(QStringList, expected);
    const Result script = run({QStringLiteral("completion"), QStringLiteral("bash")}, false);
    QCOMPARE(script.exitCode, 0);
    const QString path = writeFile(QStringLiteral("footfall.bash"), script.out.toUtf8());
    // The words as bash splits them; a line ending in a space completes an empty word.
    QStringList words = line.split(QLatin1Char(' '));
    QString array;
    for (const QString& word : words)
        array += QStringLiteral(" '%1'").arg(word);
    QProcess bash;
    bash.start(QStringLiteral("bash"),
               {QStringLiteral("-c"),
                QStringLiteral("source '%1' && COMP_WORDS=(%2) && COMP_CWORD=%3 && _footfall && "
                               "printf '%s\\n' \"${COMPREPLY[@]}\"")
                    .arg(path, array)
                    .arg(words.size() - 1)});
    QVERIFY(bash.waitForFinished(30000));
    QCOMPARE(QString::fromUtf8(bash.readAllStandardError()), QString());
    QStringList offered =
        QString::fromUtf8(bash.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    offered.sort();
    expected.sort();
    QCOMPARE(offered, expected);
}

void TestCommandLine::helpPages()
{
    // `footfall help <command> <subcommand>` is the subcommand's page, with what the model knows.
    const Result page =
        run({QStringLiteral("help"), QStringLiteral("personalize"), QStringLiteral("create-dataset-group")},
            false);
    QCOMPARE(page.exitCode, 0);
    QCOMPARE(page.out, run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                            QStringLiteral("--help")},
                           false)
                           .out);
    for (const QString& part : {QStringLiteral("NAME\n       create-dataset-group -\n"),
                                QStringLiteral("SYNOPSIS\n"), QStringLiteral("          --name <value>\n"),
                                QStringLiteral("          [--cli-input-json <value>]\n"),
                                QStringLiteral("          Possible values: ECOMMERCE, VIDEO_ON_DEMAND\n"),
                                QStringLiteral("          At least this long: 1\n"),
                                QStringLiteral("          Shorthand: tagKey=…,tagValue=… …\n")})
        QVERIFY2(page.out.contains(part), qPrintable(part));
    const Result list =
        run({QStringLiteral("help"), QStringLiteral("personalize"), QStringLiteral("list-datasets")}, false);
    for (const QString& part : {QStringLiteral("          [--starting-token <value>]\n"),
                                QStringLiteral("          [--page-size <value>]\n"),
                                QStringLiteral("          [--max-items <value>]\n"),
                                QStringLiteral("list-datasets is a paginated operation")})
        QVERIFY2(list.out.contains(part), qPrintable(part));
    const Result group = run({QStringLiteral("help"), QStringLiteral("request-log")}, false);
    QCOMPARE(group.exitCode, 0);
    QVERIFY(group.out.startsWith(QStringLiteral("footfall request-log <subcommand> [parameters]\n")));
}

void TestCommandLine::reviewedEdges()
{
    // A --query that fails on an output skeleton is reported like one that fails on a response.
    const Result query = run({QStringLiteral("personalize"), QStringLiteral("describe-dataset-group"),
                              QStringLiteral("--dataset-group-arn"), QStringLiteral("x"),
                              QStringLiteral("--generate-cli-skeleton"), QStringLiteral("output"),
                              QStringLiteral("--query"), QStringLiteral("abs(datasetGroup.name)")});
    QCOMPARE(query.exitCode, 255);
    QCOMPARE(query.err, QStringLiteral("\nIn function abs(), invalid type for value: name, expected one of: "
                                       "['number'], received: \"string\"\n"));

    // A paramfile under ~ or $VAR, as the AWS CLI expands it.
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("home")));
    writeFile(QStringLiteral("home/request.json"), R"({"name": "from-home"})");
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QProcess process;
    environment.insert(QStringLiteral("HOME"), m_dir->filePath(QStringLiteral("home")));
    environment.insert(QStringLiteral("REQUESTS"), m_dir->filePath(QStringLiteral("home")));
    environment.insert(QStringLiteral("FOOTFALL_PROVISIONING_MS"), QStringLiteral("0"));
    process.setProcessEnvironment(environment);
    for (const QString& path :
         {QStringLiteral("file://~/request.json"), QStringLiteral("file://$REQUESTS/request.json"),
          QStringLiteral("file://${REQUESTS}/request.json")}) {
        process.start(QStringLiteral(FOOTFALL_BINARY),
                      {QStringLiteral("--db"), m_dir->filePath(QStringLiteral("cli.db")),
                       QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                       QStringLiteral("--generate-cli-skeleton"), QStringLiteral("output"),
                       QStringLiteral("--cli-input-json"), path});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0,
                 qPrintable(path + QString::fromUtf8(process.readAllStandardError())));
    }

    // An older CLI's token has one "___"; more is botocore's "Bad starting token".
    const Result token = run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups"),
                              QStringLiteral("--starting-token"), QStringLiteral("a___b___c")});
    QCOMPARE(token.exitCode, 255);
    QCOMPARE(token.err, QStringLiteral("\nBad starting token: a___b___c\n"));

    // JSON that is not an object, for a structure flag; an element of another kind after a JSON one.
    const Result structure =
        run({QStringLiteral("personalize"), QStringLiteral("create-metric-attribution"),
             QStringLiteral("--name"), QStringLiteral("m"), QStringLiteral("--dataset-group-arn"),
             QStringLiteral("a"), QStringLiteral("--metrics"), QStringLiteral("[]"),
             QStringLiteral("--metrics-output-config"), QStringLiteral("[1]")});
    QCOMPARE(structure.exitCode, 252);
    QCOMPARE(structure.err,
             QStringLiteral("\nError parsing parameter '--metrics-output-config': Invalid JSON:\n[1]\n"));
    const Result elements =
        run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"), QStringLiteral("--name"),
             QStringLiteral("g"), QStringLiteral("--tags"),
             QStringLiteral(R"({"tagKey": "a", "tagValue": "b"})"), QStringLiteral("[1]")});
    QCOMPARE(elements.exitCode, 252);
    QCOMPARE(elements.err, QStringLiteral("\nError parsing parameter '--tags': Invalid JSON:\n[1]\n"));
}

void TestCommandLine::cliInputJson()
{
    // The request from a file, as --generate-cli-skeleton lays it out; the command line's flags win.
    const QString request =
        writeFile(QStringLiteral("request.json"), R"({"name": "from-file", "domain": "VIDEO_ON_DEMAND"})");
    const QStringList create{QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                             QStringLiteral("--cli-input-json"), QStringLiteral("file://") + request};
    QCOMPARE(run(create).exitCode, 0);
    QCOMPARE(run(create + QStringList{QStringLiteral("--name"), QStringLiteral("from-flag")}).exitCode, 0);
    const Result listed =
        run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups"), QStringLiteral("--query"),
             QStringLiteral("sort_by(datasetGroups, &name)[].[name, domain]"), QStringLiteral("--output"),
             QStringLiteral("text")});
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(listed.out, QStringLiteral("from-file\tVIDEO_ON_DEMAND\nfrom-flag\tVIDEO_ON_DEMAND\n"));

    // Inline JSON works too, and a request the service refuses is refused as without the file.
    const Result again =
        run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
             QStringLiteral("--cli-input-json"), QStringLiteral(R"({"name": "from-file"})")});
    QCOMPARE(again.exitCode, 254);
    QVERIFY2(again.err.contains(QStringLiteral("ResourceAlreadyExistsException")), qPrintable(again.err));

    // A member the model does not have stops the command before anything is stored.
    const Result unknown =
        run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
             QStringLiteral("--cli-input-json"), QStringLiteral(R"({"name": "x", "size": 1})")});
    QCOMPARE(unknown.exitCode, 252);
    const Result count = run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups"),
                              QStringLiteral("--query"), QStringLiteral("length(datasetGroups)")});
    QCOMPARE(count.out, QStringLiteral("2\n"));
}

void TestCommandLine::skeletons_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("input, the default")
        << QStringList{QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                       QStringLiteral("--generate-cli-skeleton")}
        << QStringLiteral(
               "{\n    \"name\": \"\",\n    \"roleArn\": \"\",\n    \"kmsKeyArn\": \"\",\n"
               "    \"domain\": \"ECOMMERCE\",\n    \"tags\": [\n        {\n"
               "            \"tagKey\": \"\",\n            \"tagValue\": \"\"\n        }\n    ]\n}\n");
    QTest::newRow("input of put-events: numbers, timestamps, lists")
        << QStringList{QStringLiteral("personalize-events"),
                       QStringLiteral("put-events"),
                       QStringLiteral("--generate-cli-skeleton"),
                       QStringLiteral("input"),
                       QStringLiteral("--query"),
                       QStringLiteral("ignored")}
        << QStringLiteral(
               "{\n    \"trackingId\": \"\",\n    \"userId\": \"\",\n    \"sessionId\": \"\",\n"
               "    \"eventList\": [\n        {\n            \"eventId\": \"\",\n"
               "            \"eventType\": \"\",\n            \"eventValue\": 0.0,\n"
               "            \"itemId\": \"\",\n            \"properties\": \"\",\n"
               "            \"sentAt\": \"1970-01-01T00:00:00\",\n            \"recommendationId\": \"\",\n"
               "            \"impression\": [\n                \"\"\n            ],\n"
               "            \"metricAttribution\": {\n                \"eventAttributionSource\": \"\"\n"
               "            }\n        }\n    ]\n}\n");
    QTest::newRow("input of an own command, in its flags' order")
        << QStringList{QStringLiteral("readiness"), QStringLiteral("--generate-cli-skeleton")}
        << QStringLiteral("{\n    \"datasetGroupArn\": \"\",\n    \"eventTypes\": [],\n"
                          "    \"minEventValue\": \"\"\n}\n");
    QTest::newRow("output, member names in the strings")
        << QStringList{QStringLiteral("personalize"),
                       QStringLiteral("describe-dataset-group"),
                       QStringLiteral("--dataset-group-arn"),
                       QStringLiteral("a"),
                       QStringLiteral("--generate-cli-skeleton"),
                       QStringLiteral("output")}
        << QStringLiteral(
               "{\n    \"datasetGroup\": {\n        \"name\": \"name\",\n"
               "        \"datasetGroupArn\": \"datasetGroupArn\",\n        \"status\": \"status\",\n"
               "        \"roleArn\": \"roleArn\",\n        \"kmsKeyArn\": \"kmsKeyArn\",\n"
               "        \"creationDateTime\": \"1970-01-01T00:00:00\",\n"
               "        \"lastUpdatedDateTime\": \"1970-01-01T00:00:00\",\n"
               "        \"failureReason\": \"failureReason\",\n        \"domain\": \"domain\"\n    }\n}\n");
    QTest::newRow("output through --query and text")
        << QStringList{QStringLiteral("personalize-runtime"),
                       QStringLiteral("get-recommendations"),
                       QStringLiteral("--generate-cli-skeleton"),
                       QStringLiteral("output"),
                       QStringLiteral("--query"),
                       QStringLiteral("itemList[0].[itemId, promotionName]"),
                       QStringLiteral("--output"),
                       QStringLiteral("text")}
        << QStringLiteral("itemId\tpromotionName\n");
}

void TestCommandLine::skeletons()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Result result = run(arguments);
    QCOMPARE(result.err, QString());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, expected);
    // A skeleton is printed without the database: nothing is opened or created.
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("cli.db"))));
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
               "The token is not valid.");
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

void TestCommandLine::createFiveGroups()
{
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(run({QStringLiteral("personalize"), QStringLiteral("create-dataset-group"),
                      QStringLiteral("--name"), QStringLiteral("g%1").arg(i)})
                     .exitCode,
                 0);
    }
}

void TestCommandLine::listsEveryPage()
{
    createFiveGroups();
    const Result page = run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups"),
                             QStringLiteral("--max-results"), QStringLiteral("2")});
    QCOMPARE(page.json().value(QStringLiteral("datasetGroups")).toArray().size(), 2);
    QVERIFY(page.json().contains(QStringLiteral("nextToken")));
    const Result all = run({QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")});
    QCOMPARE(all.json().value(QStringLiteral("datasetGroups")).toArray().size(), 5);
    QVERIFY(!all.json().contains(QStringLiteral("nextToken")));
    QVERIFY(!all.json().contains(QStringLiteral("NextToken")));
}

void TestCommandLine::pagesLikeTheAwsCli_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("cliToken");     // NextToken, empty when none
    QTest::addColumn<QString>("serviceToken"); // nextToken, empty when none

    using footfall::CliPaginator;
    // The service's token of the page at an offset, and the AWS CLI's tokens around it.
    const auto at = [](qint64 offset) {
        return footfall::KeysetToken::encode(QStringLiteral("ListDatasetGroups"), {}, offset);
    };
    const auto cut = [](const QJsonValue& serviceToken, qint64 shown) {
        return CliPaginator::encodeToken(serviceToken, shown);
    };
    const QStringList all{QStringLiteral("g0"), QStringLiteral("g1"), QStringLiteral("g2"),
                          QStringLiteral("g3"), QStringLiteral("g4")};
    const auto flags = [](std::initializer_list<const char*> words) {
        QStringList list;
        for (const char* word : words)
            list << QString::fromUtf8(word);
        return list;
    };
    QTest::newRow("every page") << QStringList() << all << QString() << QString();
    QTest::newRow("max items inside the first page")
        << flags({"--max-items", "2"}) << all.mid(0, 2) << cut(QJsonValue(), 2) << QString();
    QTest::newRow("max items as many as there are")
        << flags({"--max-items", "5"}) << all << QString() << QString();
    QTest::newRow("max items more than there are")
        << flags({"--max-items", "9"}) << all << QString() << QString();
    QTest::newRow("page size") << flags({"--page-size", "2"}) << all << QString() << QString();
    QTest::newRow("max items at a page boundary")
        << flags({"--page-size", "2", "--max-items", "2"}) << all.mid(0, 2)
        << CliPaginator::encodeToken(at(2)) << QString();
    QTest::newRow("max items inside a later page")
        << flags({"--page-size", "2", "--max-items", "3"}) << all.mid(0, 3) << cut(at(2), 1) << QString();
    QTest::newRow("starting token inside the first page")
        << QStringList{QStringLiteral("--starting-token"), cut(QJsonValue(), 2)} << all.mid(2) << QString()
        << QString();
    QTest::newRow("starting token inside a later page")
        << QStringList{QStringLiteral("--starting-token"), cut(at(2), 1), QStringLiteral("--page-size"),
                       QStringLiteral("2")}
        << all.mid(3) << QString() << QString();
    QTest::newRow("starting token and max items")
        << QStringList{QStringLiteral("--starting-token"), CliPaginator::encodeToken(at(2)),
                       QStringLiteral("--page-size"),      QStringLiteral("2"),
                       QStringLiteral("--max-items"),      QStringLiteral("1")}
        << all.mid(2, 1) << cut(at(2), 1) << QString();
    QTest::newRow("starting token cut twice in its page")
        << QStringList{QStringLiteral("--starting-token"), cut(at(2), 1),
                       QStringLiteral("--page-size"),      QStringLiteral("3"),
                       QStringLiteral("--max-items"),      QStringLiteral("1")}
        << all.mid(3, 1) << cut(at(2), 2) << QString();
    QTest::newRow("the service's token as starting token")
        << QStringList{QStringLiteral("--starting-token"), at(3)} << all.mid(3) << QString() << QString();
    QTest::newRow("an older CLI's token")
        << QStringList{QStringLiteral("--starting-token"), at(2) + QStringLiteral("___1")} << all.mid(3)
        << QString() << QString();
    QTest::newRow("max results: one page, as the service answers")
        << flags({"--max-results", "2"}) << all.mid(0, 2) << QString() << at(2);
    QTest::newRow("next token: one page")
        << QStringList{QStringLiteral("--next-token"), at(2)} << all.mid(2) << QString() << QString();
    QTest::newRow("no paginate") << flags({"--no-paginate"}) << all << QString() << QString();
    QTest::newRow("no paginate before the command, with max results")
        << flags({"--no-paginate", "--max-results", "4"}) << all.mid(0, 4) << QString() << at(4);
}

void TestCommandLine::pagesLikeTheAwsCli()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, names);
    QFETCH(QString, cliToken);
    QFETCH(QString, serviceToken);
    createFiveGroups();
    const bool global = arguments.value(0) == QLatin1String("--no-paginate");
    const QStringList command{QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")};
    const Result result =
        run(global ? QStringList{arguments.first()} + command + arguments.mid(1) : command + arguments);
    QCOMPARE(result.err, QString());
    QCOMPARE(result.exitCode, 0);
    QStringList shown;
    for (const QJsonValue& group : result.json().value(QStringLiteral("datasetGroups")).toArray())
        shown << group[QStringLiteral("name")].toString();
    QCOMPARE(shown, names);
    QCOMPARE(result.json().value(QStringLiteral("NextToken")).toString(), cliToken);
    QCOMPARE(result.json().value(QStringLiteral("nextToken")).toString(), serviceToken);
    // NextToken is the last member, after the list, as the AWS CLI prints it.
    if (!cliToken.isEmpty())
        QVERIFY2(result.out.endsWith(QStringLiteral("    \"NextToken\": \"%1\"\n}\n").arg(cliToken)),
                 qPrintable(result.out));
    // Resuming from NextToken shows the rest.
    if (!cliToken.isEmpty() && !arguments.contains(QStringLiteral("--starting-token"))) {
        const Result rest = run(command + QStringList{QStringLiteral("--starting-token"), cliToken,
                                                      QStringLiteral("--page-size"), QStringLiteral("2")});
        QCOMPARE(rest.exitCode, 0);
        QStringList restNames;
        for (const QJsonValue& group : rest.json().value(QStringLiteral("datasetGroups")).toArray())
            restNames << group[QStringLiteral("name")].toString();
        QCOMPARE(names + restNames,
                 (QStringList{QStringLiteral("g0"), QStringLiteral("g1"), QStringLiteral("g2"),
                              QStringLiteral("g3"), QStringLiteral("g4")}));
    }
}

void TestCommandLine::textOutputPrintsEachPage()
{
    createFiveGroups();
    const QStringList list{QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")};
    // Each page by itself, --query applied to each, then NextToken (where the query finds nothing).
    const Result names =
        run(list + QStringList{QStringLiteral("--page-size"), QStringLiteral("2"),
                               QStringLiteral("--max-items"), QStringLiteral("3"), QStringLiteral("--query"),
                               QStringLiteral("datasetGroups[].name"), QStringLiteral("--output"),
                               QStringLiteral("text")});
    QCOMPARE(names.exitCode, 0);
    QCOMPARE(names.out, QStringLiteral("g0\tg1\ng2\nNone\n"));
    const QString token = footfall::CliPaginator::encodeToken(
        footfall::KeysetToken::encode(QStringLiteral("ListDatasetGroups"), {}, 2), 1);
    const Result rows = run(list + QStringList{QStringLiteral("--page-size"), QStringLiteral("2"),
                                               QStringLiteral("--max-items"), QStringLiteral("3"),
                                               QStringLiteral("--output"), QStringLiteral("text")});
    QCOMPARE(rows.out.count(QStringLiteral("DATASETGROUPS\t")), 3);
    QVERIFY2(rows.out.endsWith(QStringLiteral("\nNEXTTOKEN\t%1\n").arg(token)), qPrintable(rows.out));
    // --debug writes each page's request as it goes.
    const Result debugged = run(
        list + QStringList{QStringLiteral("--page-size"), QStringLiteral("2"), QStringLiteral("--debug")});
    QCOMPARE(debugged.exitCode, 0);
    QStringList requests;
    for (const QString& text : debugged.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (text.contains(QLatin1String(" ms: request: ")))
            requests << text.section(QStringLiteral(" ms: request: "), 1);
    }
    const auto page = [](qint64 offset) {
        return QStringLiteral(R"({"maxResults":2,"nextToken":"%1"})")
            .arg(footfall::KeysetToken::encode(QStringLiteral("ListDatasetGroups"), {}, offset));
    };
    QCOMPARE(requests, (QStringList{QStringLiteral(R"({"maxResults":2})"), page(2), page(4)}));
    const Result table = run(list + QStringList{QStringLiteral("--max-items"), QStringLiteral("1"),
                                                QStringLiteral("--output"), QStringLiteral("table")});
    QVERIFY2(
        table.out.contains(
            QStringLiteral("|  NextToken |  %1 ").arg(footfall::CliPaginator::encodeToken(QJsonValue(), 1))),
        qPrintable(table.out));
}

void TestCommandLine::pagingErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("error"); // usage errors: the last line; others: all of standard error

    const QStringList list{QStringLiteral("personalize"), QStringLiteral("list-dataset-groups")};
    const auto with = [&list](std::initializer_list<QString> words) { return list + QStringList(words); };
    const auto base64 = [](const char* json) { return QString::fromLatin1(QByteArray(json).toBase64()); };
    const QString refused = QStringLiteral(
        "\nAn error occurred (InvalidNextTokenException) when calling the ListDatasetGroups operation: The "
        "token is not valid.\n");
    QTest::newRow("max items not a number")
        << with({QStringLiteral("--max-items"), QStringLiteral("abc")}) << 252
        << QStringLiteral("\nargument --max-items: invalid int value: 'abc'\n");
    QTest::newRow("max items 0") << with({QStringLiteral("--max-items"), QStringLiteral("0")}) << 252
                                 << QStringLiteral(
                                        "argument --max-items: invalid value: 0 (at least 1 item)");
    QTest::newRow("max items -1") << with({QStringLiteral("--max-items"), QStringLiteral("-1")}) << 252
                                  << QStringLiteral(
                                         "argument --max-items: invalid value: -1 (at least 1 item)");
    QTest::newRow("max items without value") << with({QStringLiteral("--max-items")}) << 252
                                             << QStringLiteral("argument --max-items: expected one argument");
    QTest::newRow("page size not a number")
        << with({QStringLiteral("--page-size"), QStringLiteral("x")}) << 252
        << QStringLiteral("\nargument --page-size: invalid int value: 'x'\n");
    QTest::newRow("page size 0") << with({QStringLiteral("--page-size"), QStringLiteral("0")}) << 252
                                 << QStringLiteral(
                                        "\nParameter validation failed:\nInvalid value for parameter "
                                        "maxResults, value: 0, valid min value: 1\n");
    QTest::newRow("max results 0") << with({QStringLiteral("--max-results"), QStringLiteral("0")}) << 252
                                   << QStringLiteral("\nParameter validation failed:\nInvalid value for "
                                                     "parameter maxResults, value: 0, valid min value: 1\n");
    QTest::newRow("page size 101 (the service refuses it)")
        << with({QStringLiteral("--page-size"), QStringLiteral("101")}) << 254
        << QStringLiteral(
               "\nAn error occurred (InvalidInputException) when calling the ListDatasetGroups "
               "operation: Invalid value for parameter maxResults, value: 101, valid max value: 100\n");
    QTest::newRow("no paginate with max items")
        << with({QStringLiteral("--no-paginate"), QStringLiteral("--max-items"), QStringLiteral("2")}) << 252
        << QStringLiteral("\nCannot specify --no-paginate along with pagination arguments: --max-items\n");
    QTest::newRow("max results with paging flags")
        << with({QStringLiteral("--max-results"), QStringLiteral("1"), QStringLiteral("--page-size"),
                 QStringLiteral("2"), QStringLiteral("--starting-token"), QStringLiteral("x")})
        << 252
        << QStringLiteral("\nCannot specify --no-paginate along with pagination arguments: --starting-token, "
                          "--page-size\n");
    QTest::newRow("starting token the service refuses")
        << with({QStringLiteral("--starting-token"), QStringLiteral("abc")}) << 254 << refused;
    QTest::newRow("starting token of another list")
        << with({QStringLiteral("--starting-token"),
                 footfall::CliPaginator::encodeToken(
                     footfall::KeysetToken::encode(QStringLiteral("ListSchemas"), {}, 1))})
        << 254 << refused;
    QTest::newRow("next token edited")
        << with({QStringLiteral("--next-token"),
                 QString::fromLatin1(
                     QByteArray::fromBase64(
                         footfall::KeysetToken::encode(QStringLiteral("ListDatasetGroups"), {}, 1).toLatin1())
                         .replace(":1:", ":3:")
                         .toBase64())})
        << 254 << refused;
    QTest::newRow("starting token with an unknown member")
        << with({QStringLiteral("--starting-token"), base64(R"({"foo": "x"})")}) << 252
        << QStringLiteral(
               "\nParameter validation failed:\nUnknown parameter in input: \"foo\", must be one of: "
               "nextToken, maxResults\n");
    QTest::newRow("starting token with a number")
        << with({QStringLiteral("--starting-token"), base64(R"({"nextToken": 5})")}) << 252
        << QStringLiteral(
               "\nParameter validation failed:\nInvalid type for parameter nextToken, value: 5, type: "
               "<class 'int'>, valid types: <class 'str'>\n");
    QTest::newRow("starting token with a text truncation")
        << with({QStringLiteral("--starting-token"),
                 base64(R"({"nextToken": "x", "boto_truncate_amount": "2"})")})
        << 255 << QStringLiteral("\nslice indices must be integers or None or have an __index__ method\n");
    QTest::newRow("starting token of a bare number")
        << with({QStringLiteral("--starting-token"), base64("1")}) << 255
        << QStringLiteral("\n'int' object has no attribute 'pop'\n");
    QTest::newRow("paging flags on an operation that does not page")
        << QStringList{QStringLiteral("personalize"),         QStringLiteral("describe-dataset-group"),
                       QStringLiteral("--dataset-group-arn"), kGroupArn,
                       QStringLiteral("--max-items"),         QStringLiteral("1")}
        << 252 << QStringLiteral("Unknown options: --max-items, 1");
}

void TestCommandLine::pagingErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, error);
    createShop();
    QFile database(m_dir->filePath(QStringLiteral("cli.db")));
    const QDateTime modified = QFileInfo(database).lastModified();
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    if (error.startsWith(QLatin1Char('\n')))
        QCOMPARE(result.err, error);
    else
        QVERIFY2(result.err.endsWith(QStringLiteral("\nfootfall: error: %1\n").arg(error)),
                 qPrintable(result.err));
    QCOMPARE(result.out, QString());
    QCOMPARE(QFileInfo(database).lastModified(), modified);
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
        << 252 << QStringLiteral("\nError parsing parameter '--event-list': Invalid JSON");
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
                                                      "valid values: 15m, 1h, 6h, 1d");
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

void TestCommandLine::defaultReportOfTheSampleIsAFewPages()
{
    const QString database = m_dir->filePath(QStringLiteral("sample.db"));
    const Result sample = run({QStringLiteral("sample"), QStringLiteral("--output"), database}, false);
    QCOMPARE(sample.exitCode, 0);
    const QString groupArn = sample.json().value(QStringLiteral("datasetGroupArn")).toString();
    QVERIFY(!groupArn.isEmpty());
    const QString pdfPath = m_dir->filePath(QStringLiteral("sample.pdf"));
    const QString jsonPath = m_dir->filePath(QStringLiteral("sample.json"));
    for (const auto& [format, path] :
         {std::pair{QStringLiteral("pdf"), pdfPath}, std::pair{QStringLiteral("json"), jsonPath}}) {
        const Result report =
            run({QStringLiteral("--db"), database, QStringLiteral("report"), QStringLiteral("attribution"),
                 QStringLiteral("--dataset-group-arn"), groupArn, QStringLiteral("--format"), format,
                 QStringLiteral("--outfile"), path},
                false);
        QCOMPARE(report.exitCode, 0);
    }
    // Two weeks of traffic: 6-hour windows by default, not 15-minute ones.
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(json.readAll())
                                   .object()
                                   .value(QStringLiteral("attributionReport"))
                                   .toObject();
    QCOMPARE(report.value(QStringLiteral("bucket")).toString(), QStringLiteral("6h"));
    QFile pdf(pdfPath);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray content = pdf.readAll();
    QVERIFY(content.startsWith("%PDF-"));
    // Each page is one object of /Type /Page (the tree above them is /Type /Pages).
    const qsizetype pages =
        QString::fromLatin1(content).count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])")));
    QVERIFY2(pages >= 1 && pages <= 10, qPrintable(QString::number(pages))); // 46 in 15-minute windows
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
                               << QStringLiteral("\nError parsing parameter '--schema': Unable to load "
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
    const QString expected =
        error.startsWith(QLatin1String("argument --retention-days: invalid int"))
            ? QStringLiteral("\n%1\n").arg(error) // a value, named as the AWS CLI names it
            : QStringLiteral("footfall: error: %1\n").arg(error);
    QVERIFY2(result.err.endsWith(expected), qPrintable(result.err));
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

    // As the AWS CLI pages: --max-items stops the list, its NextToken resumes it.
    const QStringList oldest = list + QStringList{QStringLiteral("--order"), QStringLiteral("oldest")};
    const auto idsOf = [](const Result& result) {
        QStringList found;
        for (const QJsonValue& event : result.json().value(QStringLiteral("events")).toArray())
            found << event[QStringLiteral("eventId")].toString();
        return found;
    };
    const Result firstTwo = run(oldest + QStringList{QStringLiteral("--page-size"), QStringLiteral("1"),
                                                     QStringLiteral("--max-items"), QStringLiteral("2")});
    QCOMPARE(firstTwo.exitCode, 0);
    QCOMPARE(idsOf(firstTwo), (QStringList{QStringLiteral("e1"), QStringLiteral("e2")}));
    const QString resume = firstTwo.json().value(QStringLiteral("NextToken")).toString();
    QVERIFY(!resume.isEmpty());
    QVERIFY(!firstTwo.json().contains(QStringLiteral("nextToken")));
    const Result rest = run(oldest + QStringList{QStringLiteral("--starting-token"), resume});
    QCOMPARE(idsOf(rest), (QStringList{QStringLiteral("e4"), QStringLiteral("e1")}));
    QVERIFY(!rest.json().contains(QStringLiteral("NextToken")));
    // The token belongs to the oldest-first list of this group: another order refuses it.
    const Result otherOrder = run(list + QStringList{QStringLiteral("--starting-token"), resume});
    QCOMPARE(otherOrder.exitCode, 254);
    QCOMPARE(otherOrder.err,
             QStringLiteral("\nAn error occurred (InvalidNextTokenException) when calling the events "
                            "list command: The token is not valid.\n"));
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

    // --max-items cuts inside the second page of two; the starting token goes on from the cut.
    const QStringList paged{QStringLiteral("request-log"), QStringLiteral("list"),
                            QStringLiteral("--page-size"), QStringLiteral("2")};
    const Result three = run(paged + QStringList{QStringLiteral("--max-items"), QStringLiteral("3")});
    QCOMPARE(three.json().value(QStringLiteral("requests")).toArray().size(), 3);
    const QString resume = three.json().value(QStringLiteral("NextToken")).toString();
    const QJsonObject decoded = QJsonDocument::fromJson(QByteArray::fromBase64(resume.toLatin1())).object();
    QCOMPARE(decoded.value(QStringLiteral("boto_truncate_amount")).toInt(), 1);
    QCOMPARE(decoded.value(QStringLiteral("nextToken")).toString(),
             page.json().value(QStringLiteral("nextToken")).toString());
    const Result last = run(paged + QStringList{QStringLiteral("--starting-token"), resume});
    QCOMPARE(last.json().value(QStringLiteral("requests")).toArray(),
             QJsonArray({requests.at(3), requests.at(4)}));
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
                                         "valid min value: 1");
    QTest::newRow("too many results")
        << events + QStringList{QStringLiteral("--page-size"), QStringLiteral("500")} << 254
        << QStringLiteral("An error occurred (InvalidInputException) when calling the events "
                          "list command: Invalid value for parameter maxResults, value: 500, "
                          "valid max value: 100");
    QTest::newRow("max items 0 on the request log")
        << requests + QStringList{QStringLiteral("--max-items"), QStringLiteral("0")} << 252
        << QStringLiteral("argument --max-items: invalid value: 0 (at least 1 item)");
    QTest::newRow("a token of another list")
        << events + QStringList{QStringLiteral("--next-token"),
                                footfall::KeysetToken::encode(QStringLiteral("request-log"), {}, 5)}
        << 254
        << QStringLiteral(
               "An error occurred (InvalidNextTokenException) when calling the events list command: The "
               "token is not valid.");
    QTest::newRow("a token of other filters")
        << events + QStringList{QStringLiteral("--event-type"), QStringLiteral("click"),
                                QStringLiteral("--starting-token"),
                                footfall::CliPaginator::encodeToken(footfall::KeysetToken::encode(
                                    QStringLiteral("events"),
                                    {{QStringLiteral("datasetGroupArn"), kGroupArn}}, 5))}
        << 254
        << QStringLiteral(
               "An error occurred (InvalidNextTokenException) when calling the events list command: The "
               "token is not valid.");
    QTest::newRow("garbage token") << requests +
                                          QStringList{QStringLiteral("--next-token"), QStringLiteral("%%%")}
                                   << 254
                                   << QStringLiteral(
                                          "An error occurred (InvalidNextTokenException) when calling the "
                                          "request-log list command: The token is not valid.");
    QTest::newRow("garbage starting token")
        << requests + QStringList{QStringLiteral("--starting-token"), QStringLiteral("%%%")} << 254
        << QStringLiteral("An error occurred (InvalidNextTokenException) when calling "
                          "the request-log list command: The token is not valid.");
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
    if (error.startsWith(QLatin1String("Parameter validation failed")))
        QCOMPARE(result.err, QStringLiteral("\n%1\n").arg(error));
    else if (exitCode == 252)
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
