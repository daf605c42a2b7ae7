#include "CliPaginator.h"
#include "KeysetToken.h"
#include "ServeProcess.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString kAws = QStringLiteral("/usr/bin/aws");
const QString kGroupArn = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/shop");
const QString kBooksArn = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/books");
const QString kSchemaArn =
    QStringLiteral("arn:aws:personalize:us-east-1:000000000000:schema/shop-interactions");
const QString kDatasetArn =
    QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/INTERACTIONS");
const QString kMetricsArn =
    QStringLiteral("arn:aws:personalize:us-east-1:000000000000:metric-attribution/shop-metrics");
const QString kTrackerArn =
    QStringLiteral("arn:aws:personalize:us-east-1:000000000000:event-tracker/shop-tracker");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QStringList args(std::initializer_list<const char*> words)
{
    QStringList list;
    for (const char* word : words)
        list << QString::fromUtf8(word);
    return list;
}

} // namespace

// The oracle: the same command lines through the real AWS CLI v2 (pointed at `footfall serve`) and
// through `footfall` on the same database must print byte for byte the same and exit alike.
class TestAwsCliOracle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameOutput_data();
    void sameOutput();
    void parameterForms_data();
    void parameterForms();
    void badQueryStoresNothing();

private:
    Run aws(const QStringList& arguments, const QString& defaultOutput = {});
    Run footfall(const QStringList& arguments, const QString& defaultOutput = {});
    Run finish(QProcess& process, const QStringList& arguments);
    void compareWithTheAwsCli(const QStringList& arguments, const QString& defaultOutput,
                              bool sameStandardError);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_database;
    QProcess m_server;
    QString m_endpoint;
};

Run TestAwsCliOracle::finish(QProcess& process, const QStringList& arguments)
{
    if (!process.waitForFinished(120000))
        qFatal("%s did not finish", qPrintable(arguments.join(QLatin1Char(' '))));
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

Run TestAwsCliOracle::aws(const QStringList& arguments, const QString& defaultOutput)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("test"));
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("test"));
    environment.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-1"));
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir->filePath(QStringLiteral("aws-config")));
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                       m_dir->filePath(QStringLiteral("aws-creds")));
    environment.insert(QStringLiteral("AWS_PAGER"), QString());
    environment.remove(QStringLiteral("AWS_DEFAULT_OUTPUT"));
    if (!defaultOutput.isEmpty())
        environment.insert(QStringLiteral("AWS_DEFAULT_OUTPUT"), defaultOutput);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(kAws, arguments + QStringList{QStringLiteral("--endpoint-url"), m_endpoint});
    return finish(process, arguments);
}

Run TestAwsCliOracle::footfall(const QStringList& arguments, const QString& defaultOutput)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FOOTFALL_PROVISIONING_MS"), QStringLiteral("0"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("xdg-data")));
    environment.remove(QStringLiteral("AWS_DEFAULT_OUTPUT"));
    if (!defaultOutput.isEmpty())
        environment.insert(QStringLiteral("AWS_DEFAULT_OUTPUT"), defaultOutput);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(FOOTFALL_BINARY),
                  QStringList{QStringLiteral("--db"), m_database} + arguments);
    return finish(process, arguments);
}

void TestAwsCliOracle::initTestCase()
{
    QVERIFY2(QFile::exists(kAws), "the AWS CLI v2 (Debian's awscli) is needed: scripts/setup-debian.sh");
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = m_dir->filePath(QStringLiteral("oracle.db"));
    m_endpoint = footfall::test::startServe(m_server, QStringLiteral(FOOTFALL_BINARY), m_database);
    QVERIFY(!m_endpoint.isEmpty());

    // Some resources made through the AWS CLI, some through footfall: both see all of them.
    QCOMPARE(aws(args({"personalize", "create-dataset-group", "--name", "shop"})).exitCode, 0);
    QCOMPARE(footfall(args({"personalize", "create-dataset-group", "--name", "books", "--domain",
                            "VIDEO_ON_DEMAND"}))
                 .exitCode,
             0);
    QCOMPARE(aws(args({"personalize", "create-schema", "--name", "shop-interactions", "--schema",
                       "file://" FOOTFALL_SOURCE_DIR "/resources/schemas/interactions-events.json"}))
                 .exitCode,
             0);
    QCOMPARE(footfall(QStringList{QStringLiteral("personalize"), QStringLiteral("create-dataset"),
                                  QStringLiteral("--name"), QStringLiteral("shop-interactions"),
                                  QStringLiteral("--schema-arn"), kSchemaArn,
                                  QStringLiteral("--dataset-group-arn"), kGroupArn,
                                  QStringLiteral("--dataset-type"), QStringLiteral("INTERACTIONS")})
                 .exitCode,
             0);
    const Run tracker =
        aws(QStringList{QStringLiteral("personalize"), QStringLiteral("create-event-tracker"),
                        QStringLiteral("--name"), QStringLiteral("shop-tracker"),
                        QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--query"),
                        QStringLiteral("trackingId"), QStringLiteral("--output"), QStringLiteral("text")});
    QCOMPARE(tracker.exitCode, 0);
    const QString trackingId = QString::fromUtf8(tracker.out).trimmed();
    QCOMPARE(trackingId.size(), 36);
    QCOMPARE(
        aws(QStringList{QStringLiteral("personalize"), QStringLiteral("create-metric-attribution"),
                        QStringLiteral("--name"), QStringLiteral("shop-metrics"),
                        QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--metrics"),
                        QStringLiteral(R"json([{"eventType": "click", "metricName": "CLICKS", )json"
                                       R"json("expression": "SAMPLECOUNT()"}, {"eventType": "buy", )json"
                                       R"json("metricName": "BUYS", "expression": "SAMPLECOUNT()"}])json"),
                        QStringLiteral("--metrics-output-config"),
                        QStringLiteral(R"({"roleArn": "arn:aws:iam::000000000000:role/metrics"})")})
            .exitCode,
        0);
    QCOMPARE(footfall(QStringList{QStringLiteral("personalize-events"), QStringLiteral("put-events"),
                                  QStringLiteral("--tracking-id"), trackingId, QStringLiteral("--session-id"),
                                  QStringLiteral("s1"), QStringLiteral("--event-list"),
                                  QStringLiteral(
                                      R"([{"eventType": "click", "sentAt": 1764650000, "itemId": "i1"}])")})
                 .exitCode,
             0);
}

void TestAwsCliOracle::cleanupTestCase()
{
    m_server.terminate();
    if (!m_server.waitForFinished(30000))
        m_server.kill();
}

void TestAwsCliOracle::sameOutput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("defaultOutput"); // AWS_DEFAULT_OUTPUT, when set
    QTest::addColumn<bool>("sameStandardError");

    const QStringList groups = args({"personalize", "list-dataset-groups"});
    const QStringList describeGroup = args({"personalize", "describe-dataset-group", "--dataset-group-arn"})
                                      << kGroupArn;
    const QStringList describeBooks = args({"personalize", "describe-dataset-group", "--dataset-group-arn"})
                                      << kBooksArn;
    const QStringList schemas = args({"personalize", "list-schemas"});
    const QStringList describeSchema = args({"personalize", "describe-schema", "--schema-arn"}) << kSchemaArn;
    const QStringList datasets = args({"personalize", "list-datasets", "--dataset-group-arn"}) << kGroupArn;
    const QStringList describeDataset = args({"personalize", "describe-dataset", "--dataset-arn"})
                                        << kDatasetArn;
    const QStringList trackers = args({"personalize", "list-event-trackers"});
    const QStringList describeTracker = args({"personalize", "describe-event-tracker", "--event-tracker-arn"})
                                        << kTrackerArn;

    const QStringList describeMetrics =
        args({"personalize", "describe-metric-attribution", "--metric-attribution-arn"}) << kMetricsArn;
    const QStringList metrics =
        args({"personalize", "list-metric-attribution-metrics", "--metric-attribution-arn"}) << kMetricsArn;
    const QList<QPair<const char*, QStringList>> commands = {{"describe-metric-attribution", describeMetrics},
                                                             {"list-metric-attribution-metrics", metrics},
                                                             {"list-dataset-groups", groups},
                                                             {"describe-dataset-group", describeGroup},
                                                             {"describe books", describeBooks},
                                                             {"list-schemas", schemas},
                                                             {"describe-schema", describeSchema},
                                                             {"list-datasets", datasets},
                                                             {"describe-dataset", describeDataset},
                                                             {"list-event-trackers", trackers},
                                                             {"describe-event-tracker", describeTracker}};
    for (const auto& [name, command] : commands) {
        for (const char* format : {"json", "text", "table"}) {
            QTest::addRow("%s --output %s", name, format)
                << command + args({"--output", format}) << QString() << true;
        }
    }

    // --query: projections, filters, functions, multi-select lists and hashes, pipes and slices.
    const QList<const char*> queries = {
        "datasetGroups[*].name",
        "datasetGroups[].datasetGroupArn",
        "datasetGroups[0]",
        "datasetGroups[-1].[name, status]",
        "datasetGroups[?domain].name",
        "datasetGroups[?name == 'shop'].datasetGroupArn | [0]",
        "datasetGroups[?status == `ACTIVE` && !domain].name",
        "datasetGroups[?starts_with(name, 'b') || ends_with(name, 'op')].name",
        "length(datasetGroups)",
        "sort_by(datasetGroups, &name)[].name",
        "reverse(sort(datasetGroups[].name))",
        "max_by(datasetGroups, &name).name",
        "min_by(datasetGroups, &creationDateTime).name",
        "join(', ', datasetGroups[].name)",
        "datasetGroups[].{Name: name, Arn: datasetGroupArn, Status: status}",
        "datasetGroups[].{status: status, name: name}",
        "{count: length(datasetGroups), names: datasetGroups[].name}",
        "datasetGroups[].[name, domain]",
        "datasetGroups[::-1].name",
        "datasetGroups[:1].{n: name}",
        "not_null(nextToken, 'none')",
        "datasetGroups[?name == 'nope']",
        "datasetGroups[].domain",
        "to_string(length(datasetGroups))",
        "type(datasetGroups)",
        "contains(datasetGroups[].name, 'books')",
        "datasetGroups[0].name | length(@)",
        "datasetGroups | [0].status",
        "map(&name, datasetGroups)",
        "keys(datasetGroups[0])",
        "values(datasetGroups[1])",
        "datasetGroups[0].*",
        "keys({b: datasetGroups[0].name, a: datasetGroups[0].status})",
        "datasetGroups[?contains(datasetGroupArn, 'shop')] | [0].{name: name, arn: datasetGroupArn}",
    };
    for (const char* query : queries) {
        for (const char* format : {"json", "text", "table"}) {
            QTest::addRow("%s | %s", query, format)
                << groups + QStringList{QStringLiteral("--query"), QString::fromUtf8(query),
                                        QStringLiteral("--output"), QString::fromUtf8(format)}
                << QString() << true;
        }
    }
    QTest::newRow("schema field in text")
        << describeSchema + args({"--query", "schema.name", "--output", "text"}) << QString() << true;
    QTest::newRow("datasets with a filter")
        << datasets + args({"--query",
                            "datasets[?datasetType == 'INTERACTIONS'].{type: datasetType, arn: datasetArn}",
                            "--output", "table"})
        << QString() << true;
    QTest::newRow("tracker id as scripts take it")
        << describeTracker + args({"--query", "eventTracker.trackingId", "--output", "text"}) << QString()
        << true;

    // Paging: --max-items, --page-size, --starting-token and --no-paginate, in every output format;
    // NextToken (and the service's nextToken) must come out byte for byte as the AWS CLI's.
    using footfall::CliPaginator;
    const QString secondGroup = footfall::KeysetToken::encode(QStringLiteral("ListDatasetGroups"), {}, 1);
    const QString secondMetric =
        footfall::KeysetToken::encode(QStringLiteral("ListMetricAttributionMetrics"),
                                      {{QStringLiteral("metricAttributionArn"), kMetricsArn}}, 1);
    const QList<QPair<const char*, QStringList>> paged = {
        {"max-items inside a page", groups + args({"--max-items", "1"})},
        {"max-items at a page boundary", groups + args({"--page-size", "1", "--max-items", "1"})},
        {"max-items beyond the list", groups + args({"--max-items", "5"})},
        {"page-size", groups + args({"--page-size", "1"})},
        {"starting-token inside a page", groups + QStringList{QStringLiteral("--starting-token"),
                                                              CliPaginator::encodeToken(QJsonValue(), 1)}},
        {"starting-token at a page boundary",
         groups + QStringList{QStringLiteral("--starting-token"), CliPaginator::encodeToken(secondGroup),
                              QStringLiteral("--page-size"), QStringLiteral("1")}},
        {"the service's token as starting-token",
         groups + QStringList{QStringLiteral("--starting-token"), secondGroup}},
        {"no-paginate", groups + args({"--no-paginate"})},
        {"max-results", groups + args({"--max-results", "1"})},
        {"next-token", groups + QStringList{QStringLiteral("--next-token"), secondGroup}},
        {"metrics max-items", metrics + args({"--max-items", "1"})},
        {"metrics page-size and max-items", metrics + args({"--page-size", "1", "--max-items", "1"})},
        {"metrics resumed",
         metrics + QStringList{QStringLiteral("--starting-token"), CliPaginator::encodeToken(secondMetric)}},
        {"datasets max-items", datasets + args({"--max-items", "1"})},
    };
    for (const auto& [name, command] : paged) {
        for (const char* format : {"json", "text", "table"}) {
            QTest::addRow("%s --output %s", name, format)
                << command + args({"--output", format}) << QString() << true;
        }
    }
    for (const char* query : {"datasetGroups[].name", "NextToken", "length(datasetGroups)",
                              "{names: datasetGroups[].name, next: NextToken}", "keys(@)"}) {
        for (const char* format : {"json", "text"}) {
            QTest::addRow("max-items with %s | %s", query, format)
                << groups + QStringList{QStringLiteral("--page-size"), QStringLiteral("1"),
                                        QStringLiteral("--max-items"), QStringLiteral("1"),
                                        QStringLiteral("--query"),     QString::fromUtf8(query),
                                        QStringLiteral("--output"),    QString::fromUtf8(format)}
                // length(null) on the NextToken page fails in both, in the same (Python's) words.
                << QString() << true;
        }
    }
    QTest::newRow("pages in text with a query")
        << groups + args({"--page-size", "1", "--query", "datasetGroups[].name", "--output", "text"})
        << QString() << true;
    // Paging errors: the same exit code and, where the message is not argparse's usage text, the same
    // standard error.
    const auto base64 = [](const char* json) { return QString::fromLatin1(QByteArray(json).toBase64()); };
    QTest::newRow("starting-token the service refuses")
        << groups + args({"--starting-token", "abc"}) << QString() << true;
    QTest::newRow("starting-token with an unknown member")
        << groups + QStringList{QStringLiteral("--starting-token"), base64(R"({"foo": "x"})")} << QString()
        << true;
    QTest::newRow("starting-token with a number")
        << groups + QStringList{QStringLiteral("--starting-token"), base64(R"({"nextToken": 5})")}
        << QString() << true;
    QTest::newRow("starting-token with a text truncation")
        << groups + QStringList{QStringLiteral("--starting-token"),
                                QString::fromLatin1(
                                    QStringLiteral(R"({"nextToken": "%1", "boto_truncate_amount": "1"})")
                                        .arg(secondGroup)
                                        .toLatin1()
                                        .toBase64())}
        << QString() << true;
    QTest::newRow("starting-token of a bare number")
        << groups + QStringList{QStringLiteral("--starting-token"), base64("1")} << QString() << true;
    QTest::newRow("edited next-token")
        << groups + QStringList{QStringLiteral("--next-token"),
                                secondGroup.left(secondGroup.size() - 4) + QStringLiteral("AAAA")}
        << QString() << true;
    QTest::newRow("no-paginate with max-items")
        << groups + args({"--no-paginate", "--max-items", "1"}) << QString() << true;
    QTest::newRow("max-results with paging flags")
        << groups + args({"--max-results", "1", "--page-size", "1", "--starting-token", "x"}) << QString()
        << true;
    QTest::newRow("page-size 0") << groups + args({"--page-size", "0"}) << QString() << true;
    QTest::newRow("max-results 0") << groups + args({"--max-results", "0"}) << QString() << true;
    QTest::newRow("page-size 101") << groups + args({"--page-size", "101"}) << QString() << true;
    QTest::newRow("max-items not a number") << groups + args({"--max-items", "abc"}) << QString() << false;
    QTest::newRow("page-size not a number") << groups + args({"--page-size", "x"}) << QString() << false;

    // AWS_DEFAULT_OUTPUT, and --output winning over it.
    QTest::newRow("AWS_DEFAULT_OUTPUT text") << groups << QStringLiteral("text") << true;
    QTest::newRow("AWS_DEFAULT_OUTPUT table") << groups << QStringLiteral("table") << true;
    QTest::newRow("--output over AWS_DEFAULT_OUTPUT")
        << groups + args({"--output", "json"}) << QStringLiteral("table") << true;
    QTest::newRow("AWS_DEFAULT_OUTPUT unknown") << groups << QStringLiteral("yaml-ish") << true;

    // Errors: the same exit code, and the same message where the AWS CLI's is Footfall's too.
    QTest::newRow("service error with a query")
        << args({"personalize", "describe-dataset-group", "--dataset-group-arn",
                 "arn:aws:personalize:us-east-1:000000000000:dataset-group/nope", "--query",
                 "datasetGroup.name"})
        << QString() << true;
    QTest::newRow("incomplete query") << groups + args({"--query", "datasetGroups["}) << QString() << true;
    QTest::newRow("unknown token in query") << groups + args({"--query", "a = b"}) << QString() << true;
    QTest::newRow("unclosed quote in query") << groups + args({"--query", R"("name)"}) << QString() << true;
    QTest::newRow("unexpected token in query") << groups + args({"--query", "a b"}) << QString() << false;
    QTest::newRow("trailing dot in query")
        << groups + args({"--query", "datasetGroups."}) << QString() << false;
    QTest::newRow("query without expression") << groups + args({"--query"}) << QString() << false;
    QTest::newRow("unknown output format") << groups + args({"--output", "xml"}) << QString() << false;
}

void TestAwsCliOracle::sameOutput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, defaultOutput);
    QFETCH(bool, sameStandardError);
    compareWithTheAwsCli(arguments, defaultOutput, sameStandardError);
}

void TestAwsCliOracle::parameterForms_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("defaultOutput");
    QTest::addColumn<bool>("sameStandardError");
    const QStringList describeGroup = args({"personalize", "describe-dataset-group"});
    const QString arnJson = QStringLiteral(R"({"datasetGroupArn": "%1"})").arg(kGroupArn);

    // Skeletons. (An input skeleton with an enum member is left out: the AWS CLI picks its value at random.)
    for (const char* operation : {"list-dataset-groups", "create-event-tracker", "describe-dataset-group"})
        QTest::newRow(qPrintable(QStringLiteral("input skeleton of %1").arg(QLatin1String(operation))))
            << args({"personalize", operation, "--generate-cli-skeleton"}) << QString() << true;
    QTest::newRow("input skeleton of put-events")
        << args({"personalize-events", "put-events", "--generate-cli-skeleton", "input"}) << QString()
        << true;
    QTest::newRow("input skeleton of get-recommendations")
        << args({"personalize-runtime", "get-recommendations", "--generate-cli-skeleton"}) << QString()
        << true;
    QTest::newRow("input skeleton ignores --query")
        << args({"personalize", "list-event-trackers", "--generate-cli-skeleton", "--query", "x"})
        << QString() << true;
    for (const char* format : {"json", "text", "table"}) {
        QTest::newRow(qPrintable(QStringLiteral("output skeleton as %1").arg(QLatin1String(format))))
            << args({"personalize", "list-dataset-groups", "--generate-cli-skeleton", "output", "--output",
                     format})
            << QString() << true;
    }
    QTest::newRow("output skeleton of describe-solution-version")
        << args({"personalize", "describe-solution-version", "--solution-version-arn", "a",
                 "--generate-cli-skeleton", "output"})
        << QString() << true;
    QTest::newRow("output skeleton with floats")
        << args({"personalize-runtime", "get-recommendations", "--campaign-arn", "a",
                 "--generate-cli-skeleton", "output"})
        << QString() << true;
    QTest::newRow("output skeleton through --query")
        << args({"personalize", "describe-dataset-group", "--dataset-group-arn", "a",
                 "--generate-cli-skeleton", "output", "--query", "datasetGroup.[name, creationDateTime]",
                 "--output", "text"})
        << QString() << true;
    QTest::newRow("output skeleton without a required flag")
        << args({"personalize", "describe-dataset-group", "--generate-cli-skeleton", "output"}) << QString()
        << false;
    QTest::newRow("skeleton of no known kind")
        << args({"personalize", "list-dataset-groups", "--generate-cli-skeleton", "xml"}) << QString()
        << false;

    // --cli-input-json, alone and with flags that win over it.
    QTest::newRow("cli-input-json") << describeGroup +
                                           QStringList{QStringLiteral("--cli-input-json"), arnJson}
                                    << QString() << true;
    QTest::newRow("cli-input-json with --query and text")
        << describeGroup +
               QStringList{QStringLiteral("--cli-input-json"), arnJson,
                           QStringLiteral("--query"),          QStringLiteral("datasetGroup.name"),
                           QStringLiteral("--output"),         QStringLiteral("text")}
        << QString() << true;
    QTest::newRow("a flag wins over cli-input-json")
        << describeGroup + QStringList{QStringLiteral("--cli-input-json"),
                                       QStringLiteral(R"({"datasetGroupArn": "%1"})").arg(kBooksArn),
                                       QStringLiteral("--dataset-group-arn"), kGroupArn}
        << QString() << true;
    QTest::newRow("cli-input-json not JSON")
        << describeGroup + args({"--cli-input-json", "{\"datasetGroupArn\""}) << QString() << true;
    QTest::newRow("cli-input-json not an object")
        << describeGroup + args({"--cli-input-json", "[1, 2]"}) << QString() << true;
    QTest::newRow("cli-input-json unknown member")
        << describeGroup + args({"--cli-input-json", R"({"datasetGroupArm": "x"})"}) << QString() << true;
    QTest::newRow("cli-input-json wrong types, nested")
        << args({"personalize", "create-dataset-group", "--cli-input-json",
                 R"({"name": "", "tags": [{"tagKey": 7}]})"})
        << QString() << true;
    QTest::newRow("cli-input-json event list checked")
        << args({"personalize-events", "put-events", "--cli-input-json",
                 R"({"trackingId": "t", "sessionId": "s", "eventList": [{"sentAt": "soon"}]})"})
        << QString() << true;
    // Shorthand, and lists as words.
    const QStringList createGroup = args({"personalize", "create-dataset-group", "--name", "never"});
    const QStringList outputSkeleton = args({"--generate-cli-skeleton", "output"});
    QTest::newRow("shorthand tags, one word each")
        << createGroup + args({"--tags", "tagKey=team,tagValue=web", "tagKey=cost, tagValue='a, b'"}) +
               outputSkeleton
        << QString() << true;
    QTest::newRow("tags as JSON words") << createGroup +
                                               args({"--tags", R"({"tagKey": "a", "tagValue": "b"})",
                                                     R"({"tagKey": "c", "tagValue": "d"})"}) +
                                               outputSkeleton
                                        << QString() << true;
    QTest::newRow("JSON word, then shorthand")
        << createGroup + args({"--tags", R"({"tagKey": "a", "tagValue": "b"})", "tagKey=c,tagValue=d"})
        << QString() << true;
    QTest::newRow("shorthand, then a JSON word")
        << createGroup + args({"--tags", "tagKey=c,tagValue=d", R"({"tagKey": "a"})"}) << QString() << true;
    QTest::newRow("shorthand key twice")
        << createGroup + args({"--tags", "tagKey=a,tagKey=b"}) << QString() << true;
    QTest::newRow("shorthand without =") << createGroup + args({"--tags", "tagKey"}) << QString() << true;
    QTest::newRow("shorthand unclosed quote")
        << createGroup + args({"--tags", "tagKey='a,tagValue=b"}) << QString() << true;
    QTest::newRow("shorthand checked against the model")
        << createGroup + args({"--tags", "tagKey=,tagValue=web", "tagKey=cost"}) << QString() << true;
    QTest::newRow("metrics in shorthand, nested config")
        << args({"personalize", "create-metric-attribution", "--name", "m", "--dataset-group-arn", "a",
                 "--metrics", "eventType=click,metricName=CLICKS,expression=SAMPLECOUNT()",
                 "eventType=buy,metricName=BUYS,expression=\"SUM(Items.PRICE)\"", "--metrics-output-config",
                 "roleArn=r,s3DataDestination={path=s3://bucket/p,kmsKeyArn=k}"}) +
               outputSkeleton
        << QString() << true;
    QTest::newRow("a list of words") << args({"personalize-runtime", "get-personalized-ranking",
                                              "--campaign-arn", "a", "--user-id", "u", "--input-list", "i1",
                                              "i 2", "i3"}) +
                                            outputSkeleton
                                     << QString() << true;
    QTest::newRow("a list flag without words")
        << args({"personalize-runtime", "get-personalized-ranking", "--campaign-arn", "a", "--user-id", "u",
                 "--input-list"}) +
               outputSkeleton
        << QString() << true;
    QTest::newRow("empty name refused before sending")
        << args({"personalize", "create-dataset-group", "--name", ""}) << QString() << true;
}

void TestAwsCliOracle::parameterForms()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, defaultOutput);
    QFETCH(bool, sameStandardError);
    compareWithTheAwsCli(arguments, defaultOutput, sameStandardError);
}

void TestAwsCliOracle::compareWithTheAwsCli(const QStringList& arguments, const QString& defaultOutput,
                                            bool sameStandardError)
{
    const Run expected = aws(arguments, defaultOutput);
    const Run actual = footfall(arguments, defaultOutput);
    QCOMPARE(QString::fromUtf8(actual.out), QString::fromUtf8(expected.out));
    QCOMPARE(actual.exitCode, expected.exitCode);
    if (sameStandardError)
        QCOMPARE(QString::fromUtf8(actual.err), QString::fromUtf8(expected.err));
}

void TestAwsCliOracle::badQueryStoresNothing()
{
    // Refused before anything is sent or stored, as the AWS CLI refuses it before it sends.
    const QStringList create = args({"personalize", "create-dataset-group", "--name", "never", "--query"});
    QCOMPARE(footfall(create + args({"name["})).exitCode, 252);
    QCOMPARE(footfall(create + args({"nope(name)"})).exitCode, 252);
    QCOMPARE(footfall(create + args({"length(a, b)"})).exitCode, 252);
    QCOMPARE(aws(create + args({"name["})).exitCode, 252);
    const Run listed = aws(args({"personalize", "list-dataset-groups", "--query",
                                 "datasetGroups[?name == 'never']", "--output", "json"}));
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(QString::fromUtf8(listed.out), QStringLiteral("[]\n"));
}

QTEST_GUILESS_MAIN(TestAwsCliOracle)
#include "TestAwsCliOracle.moc"
