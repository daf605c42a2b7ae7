#include "AttributionReport.h"
#include "AttributionSource.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "DatasetImporter.h"
#include "DatasetService.h"
#include "DecimalSum.h"
#include "EventTrackerService.h"
#include "InteractionQuery.h"
#include "MetadataRecordService.h"
#include "MetricAttributionService.h"
#include "NumberText.h"
#include "RecommendationRegistry.h"
#include "RecordingService.h"
#include "ReportService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "TestWorkspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {

const QString kGroupArn = QString::fromLatin1(TestWorkspace::kGroupArn);
const QString kCampaignArn =
    QStringLiteral("arn:aws:personalize:us-east-1:000000000000:campaign/shop-campaign");
const QString kRoleArn = QStringLiteral("arn:aws:iam::000000000000:role/personalize-metrics");
// 2026-11-28T21:00:00Z, a window start 400 s before the test clock's start.
constexpr qint64 kHour = 1795899600;

QJsonObject makeEvent(const QString& type, double sentAt, const QString& item, const QString& source = {},
                      const QJsonObject& extra = {})
{
    QJsonObject object{{QStringLiteral("eventType"), type},
                       {QStringLiteral("sentAt"), sentAt},
                       {QStringLiteral("itemId"), item}};
    if (!source.isEmpty())
        object.insert(QStringLiteral("metricAttribution"),
                      QJsonObject{{QStringLiteral("eventAttributionSource"), source}});
    for (auto it = extra.begin(); it != extra.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject metric(const QString& type, const QString& name, const QString& expression)
{
    return {{QStringLiteral("eventType"), type},
            {QStringLiteral("metricName"), name},
            {QStringLiteral("expression"), expression}};
}

QJsonArray shopMetrics(bool withItems)
{
    QJsonArray metrics{
        metric(QStringLiteral("watch"), QStringLiteral("WATCH_COUNT"), QStringLiteral("SAMPLECOUNT()")),
        metric(QStringLiteral("purchase"), QStringLiteral("PURCHASE_VALUE"),
               QStringLiteral("SUM(Interactions.EVENT_VALUE)"))};
    if (withItems)
        metrics.append(metric(QStringLiteral("purchase"), QStringLiteral("REVENUE"),
                              QStringLiteral("SUM(Items.PRICE)")));
    return metrics;
}

QJsonObject outputConfig()
{
    return {{QStringLiteral("roleArn"), kRoleArn}};
}

// name -> source -> value, from a report's totals.
QMap<QString, QMap<QString, double>> totalsOf(const AttributionReport& report)
{
    QMap<QString, QMap<QString, double>> totals;
    for (const AttributionSourceTotal& total : report.totals)
        totals[total.metricName][total.source] = total.value;
    return totals;
}

struct WindowRow
{
    qint64 metricId;
    qint64 window;
    QString source;
    double value;
    qint64 samples;
};

QList<WindowRow> windowsOf(Workspace& workspace)
{
    QSqlQuery query(workspace.database().connection());
    query.exec(QStringLiteral("SELECT metric_id, window_start, source, value, samples FROM attribution_rollup"
                              " ORDER BY metric_id, window_start, source"));
    QList<WindowRow> rows;
    while (query.next()) {
        rows.append({query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toString(),
                     query.value(3).toDouble(), query.value(4).toLongLong()});
    }
    return rows;
}

} // namespace

class TestAttribution : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void createRefusesBadInput_data();
    void createRefusesBadInput();
    void createAcceptsLimits();
    void needsEventTypeColumn();
    void oneAttributionPerGroup();
    void updateAddsAndRemovesMetrics();
    void deleteRemovesWindows();
    void sourcePrecedence_data();
    void sourcePrecedence();
    void implicitImpressionsComeFromTheRegistry();
    void sourceLimit();
    void sourceLimitInImport();
    void sampleCountAndSums();
    void sumOfInteractionsMetadataColumn();
    void eventsBeforeCreationDoNotCount();
    void windowBoundaries_data();
    void windowBoundaries();
    void putItemsMovesItemSums();
    void rebuiltEqualsIncremental();
    void reportErrors();
    void bucketFitsTheSpan_data();
    void bucketFitsTheSpan();
    void defaultBucketFitsTheDefaultRange();
    void sourcesKeepTheirPlaceAcrossMetrics();
    void emptyReportSaysWhy();
    void goldenExports();
    void csvNeutralisesFormulaText();
    void eventMetrics();
    void migratesVersion2Sources();
    void decimalSum_data();
    void decimalSum();
    void numberText_data();
    void numberText();
    void sqlFunctions_data();
    void sqlFunctions();
    void exportsReadExactly_data();
    void exportsReadExactly();
    void itemPriceChangeMovesSumsExactly();

private:
    MetricAttribution createAttribution(const QJsonArray& metrics);
    AttributionReport report(const QString& metricName = {}, qint64 from = kHour - 86400,
                             qint64 to = kHour + 86400, int bucket = 900);
    Workspace& workspace() { return **m_workspace; }

    std::unique_ptr<TestWorkspace> m_workspace;
};

void TestAttribution::init()
{
    m_workspace = std::make_unique<TestWorkspace>();
    m_workspace->createShop();
}

void TestAttribution::cleanup()
{
    m_workspace.reset();
}

MetricAttribution TestAttribution::createAttribution(const QJsonArray& metrics)
{
    return workspace().metricAttributions().create(
        {QStringLiteral("shop-metrics"), kGroupArn, metrics, outputConfig()});
}

AttributionReport TestAttribution::report(const QString& metricName, qint64 from, qint64 to, int bucket)
{
    return workspace().reports().attribution({kGroupArn, metricName, from, to, bucket});
}

void TestAttribution::createRefusesBadInput_data()
{
    QTest::addColumn<QJsonValue>("metrics");
    QTest::addColumn<QJsonValue>("output");
    QTest::addColumn<QString>("message");

    const QJsonValue config = outputConfig();
    const QJsonObject watch =
        metric(QStringLiteral("watch"), QStringLiteral("WATCH_COUNT"), QStringLiteral("SAMPLECOUNT()"));
    QJsonArray eleven;
    for (int i = 0; i < 11; ++i)
        eleven.append(
            metric(QStringLiteral("watch"), QStringLiteral("M%1").arg(i), QStringLiteral("SAMPLECOUNT()")));
    const auto one = [](const QString& type, const QString& name, const QString& expression) {
        return QJsonValue(QJsonArray{metric(type, name, expression)});
    };
    const QString sumHint = QStringLiteral("; SUM needs one of its numeric columns (EVENT_VALUE)");

    QTest::newRow("11 metrics")
        << QJsonValue(eleven) << config
        << QStringLiteral("Invalid length for parameter metrics, value: 11, valid max length: 10");
    QTest::newRow("empty metricName")
        << one(QStringLiteral("watch"), QString(), QStringLiteral("SAMPLECOUNT()")) << config
        << QStringLiteral(
               "Invalid length for parameter metrics[0].metricName, value: 0, valid min length: 1");
    QTest::newRow("257-char eventType")
        << one(QString(257, QLatin1Char('w')), QStringLiteral("W"), QStringLiteral("SAMPLECOUNT()")) << config
        << QStringLiteral(
               "Invalid length for parameter metrics[0].eventType, value: 257, valid max length: 256");
    QTest::newRow("257-char metricName")
        << one(QStringLiteral("watch"), QString(257, QLatin1Char('M')), QStringLiteral("SAMPLECOUNT()"))
        << config
        << QStringLiteral(
               "Invalid length for parameter metrics[0].metricName, value: 257, valid max length: 256");
    QTest::newRow("257-char expression")
        << one(QStringLiteral("watch"), QStringLiteral("W"),
               QStringLiteral("SAMPLECOUNT(") + QString(244, QLatin1Char(' ')) + QStringLiteral(")"))
        << config
        << QStringLiteral(
               "Invalid length for parameter metrics[0].expression, value: 257, valid max length: 256");
    QTest::newRow("missing expression")
        << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("eventType"), QStringLiteral("watch")},
                                             {QStringLiteral("metricName"), QStringLiteral("W")}}})
        << config << QStringLiteral("Missing required parameter in metrics[0]: \"expression\"");
    QTest::newRow("unknown member")
        << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("eventType"), QStringLiteral("watch")},
                                             {QStringLiteral("metricName"), QStringLiteral("W")},
                                             {QStringLiteral("expression"), QStringLiteral("SAMPLECOUNT()")},
                                             {QStringLiteral("function"), QStringLiteral("count")}}})
        << config
        << QStringLiteral(
               "Unknown parameter in metrics[0]: \"function\", must be one of: eventType, metricName, "
               "expression");
    QTest::newRow("not an expression")
        << one(QStringLiteral("watch"), QStringLiteral("W"), QStringLiteral("COUNT(*)")) << config
        << QStringLiteral(
               "Invalid value for parameter metrics[0].expression: \"COUNT(*)\" is not a metric "
               "expression; use SAMPLECOUNT(), SUM(Interactions.<numeric column>) or SUM(Items.<numeric "
               "column>)");
    QTest::newRow("another dataset type")
        << one(QStringLiteral("watch"), QStringLiteral("W"), QStringLiteral("SUM(Users.AGE)")) << config
        << QStringLiteral(
               "Invalid value for parameter metrics[0].expression: \"SUM(Users.AGE)\" is not a metric "
               "expression; use SAMPLECOUNT(), SUM(Interactions.<numeric column>) or SUM(Items.<numeric "
               "column>)");
    QTest::newRow("unknown column")
        << one(QStringLiteral("watch"), QStringLiteral("W"), QStringLiteral("SUM(Interactions.RATING)"))
        << config
        << QStringLiteral(
               "Invalid value for parameter metrics[0].expression: the Interactions schema of dataset "
               "group shop has no column RATING") +
               sumHint;
    QTest::newRow("string column")
        << one(QStringLiteral("watch"), QStringLiteral("W"), QStringLiteral("SUM(Interactions.EVENT_TYPE)"))
        << config
        << QStringLiteral(
               "Invalid value for parameter metrics[0].expression: the Interactions schema of dataset "
               "group shop column EVENT_TYPE is string, not numeric") +
               sumHint;
    QTest::newRow("time column")
        << one(QStringLiteral("watch"), QStringLiteral("W"), QStringLiteral("SUM(Interactions.TIMESTAMP)"))
        << config
        << QStringLiteral(
               "Invalid value for parameter metrics[0].expression: the Interactions schema of dataset "
               "group shop column TIMESTAMP is a time, which cannot be summed") +
               sumHint;
    QTest::newRow("Items column without an Items dataset")
        << one(QStringLiteral("purchase"), QStringLiteral("R"), QStringLiteral("SUM(Items.PRICE)")) << config
        << QStringLiteral(
               "Invalid value for parameter metrics[0].expression: SUM(Items.PRICE) needs the Items "
               "dataset of dataset group shop, which has none; create it and import item metadata first");
    QTest::newRow("a name twice") << QJsonValue(QJsonArray{watch, watch}) << config
                                  << QStringLiteral(
                                         "Invalid value for parameter metrics[1].metricName: the metric "
                                         "name WATCH_COUNT is given twice");
    QTest::newRow("no roleArn") << QJsonValue(QJsonArray{watch}) << QJsonValue(QJsonObject())
                                << QStringLiteral(
                                       "Missing required parameter in metricsOutputConfig: \"roleArn\"");
    QTest::newRow("bad roleArn")
        << QJsonValue(QJsonArray{watch})
        << QJsonValue(QJsonObject{{QStringLiteral("roleArn"), QStringLiteral("admin")}})
        << QStringLiteral(
               "Invalid value for parameter metricsOutputConfig.roleArn, value: "
               "\"admin\", valid pattern: ^arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$ (an "
               "IAM role ARN such as "
               "arn:aws:iam::000000000000:role/name)");
    QTest::newRow("S3 path without scheme")
        << QJsonValue(QJsonArray{watch})
        << QJsonValue(QJsonObject{{QStringLiteral("roleArn"), kRoleArn},
                                  {QStringLiteral("s3DataDestination"),
                                   QJsonObject{{QStringLiteral("path"), QStringLiteral("bucket/folder")}}}})
        << QStringLiteral("Invalid value for parameter metricsOutputConfig.s3DataDestination.path, value: "
                          "\"bucket/folder\", valid pattern: ^(s3|http|https)://.+$ (an S3 location such as "
                          "s3://bucket/folder/)");
}

void TestAttribution::createRefusesBadInput()
{
    QFETCH(QJsonValue, metrics);
    QFETCH(QJsonValue, output);
    QFETCH(QString, message);
    try {
        workspace().metricAttributions().create({QStringLiteral("shop-metrics"), kGroupArn, metrics, output});
        QFAIL("created");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("InvalidInputException"));
        QCOMPARE(error.message(), message);
    }
    QCOMPARE(m_workspace->count("metric_attribution"), 0);
    QCOMPARE(m_workspace->count("attribution_metric"), 0);
}

void TestAttribution::createAcceptsLimits()
{
    QJsonArray ten;
    for (int i = 0; i < 9; ++i)
        ten.append(
            metric(QStringLiteral("watch"), QStringLiteral("M%1").arg(i), QStringLiteral("SAMPLECOUNT()")));
    ten.append(metric(QString(256, QLatin1Char('w')), QString(256, QLatin1Char('M')),
                      QStringLiteral("sum( Interactions . EVENT_VALUE )")));
    const MetricAttribution created = createAttribution(ten);
    QCOMPARE(created.metrics.size(), 10);
    QCOMPARE(created.metrics.last().expression.mathFunction(), QStringLiteral("sum"));
    QCOMPARE(created.arn,
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:metric-attribution/shop-metrics"));
    QCOMPARE(created.status, QStringLiteral("ACTIVE"));
    const QJsonObject described = workspace().metricAttributions().describe(created.arn).toJson();
    QCOMPARE(described.value(QStringLiteral("datasetGroupArn")).toString(), kGroupArn);
    QCOMPARE(described.value(QStringLiteral("metricsOutputConfig")).toObject(), outputConfig());
}

void TestAttribution::needsEventTypeColumn()
{
    TestWorkspace other;
    const DatasetGroup group = other->datasetGroups().create({QStringLiteral("shop"), {}, {}, {}, {}});
    const DatasetSchema schema =
        other->schemas().create(QStringLiteral("basic"), TestWorkspace::schemaTemplate("interactions-basic"));
    try {
        other->metricAttributions().create(
            {QStringLiteral("m"), group.arn, shopMetrics(false), outputConfig()});
        QFAIL("created without an Interactions dataset");
    } catch (const ServiceError& error) {
        QCOMPARE(error.message(),
                 QStringLiteral("Dataset group shop has no Interactions dataset; a metric attribution "
                                "counts its events, so create one first"));
    }
    other->datasets().create(
        {QStringLiteral("basic"), schema.arn, group.arn, QStringLiteral("Interactions"), {}});
    try {
        other->metricAttributions().create(
            {QStringLiteral("m"), group.arn, shopMetrics(false), outputConfig()});
        QFAIL("created without EVENT_TYPE");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("InvalidInputException"));
        QCOMPARE(error.message(),
                 QStringLiteral("The Interactions schema of dataset group shop has no EVENT_TYPE "
                                "column; a metric attribution needs one"));
    }
    QCOMPARE(other.count("metric_attribution"), 0);
}

void TestAttribution::oneAttributionPerGroup()
{
    const MetricAttribution first = createAttribution(shopMetrics(false));
    try {
        workspace().metricAttributions().create(
            {QStringLiteral("second"), kGroupArn, shopMetrics(false), outputConfig()});
        QFAIL("a second attribution was created");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("ResourceAlreadyExistsException"));
        QCOMPARE(error.message(),
                 QStringLiteral("Dataset group shop already has the metric attribution shop-metrics "
                                "(%1). A dataset group can have only one metric attribution")
                     .arg(first.arn));
    }
    QCOMPARE(m_workspace->count("metric_attribution"), 1);
    try {
        workspace().datasetGroups().remove(kGroupArn);
        QFAIL("the group was deleted");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("ResourceInUseException"));
        QVERIFY2(error.message().contains(QStringLiteral("the metric attribution shop-metrics")),
                 qPrintable(error.message()));
    }
}

void TestAttribution::updateAddsAndRemovesMetrics()
{
    MetricAttributionService& service = workspace().metricAttributions();
    const MetricAttribution created = createAttribution(shopMetrics(false));
    m_workspace->clock().advanceMs(60000);
    MetricAttribution updated =
        service.update({created.arn,
                        QJsonArray{metric(QStringLiteral("click"), QStringLiteral("CLICKS"),
                                          QStringLiteral("SAMPLECOUNT()"))},
                        QJsonArray{QStringLiteral("WATCH_COUNT")}, QJsonValue()});
    QCOMPARE(updated.metrics.size(), 2);
    QCOMPARE(updated.metrics.at(0).metricName, QStringLiteral("PURCHASE_VALUE"));
    QCOMPARE(updated.metrics.at(1).metricName, QStringLiteral("CLICKS"));
    QCOMPARE(updated.metrics.at(1).addedMs, m_workspace->clock().nowMs());
    QCOMPARE(updated.lastUpdatedMs, m_workspace->clock().nowMs());

    const auto refuses = [&](const UpdateMetricAttributionInput& input, const QString& type,
                             const QString& message) {
        try {
            service.update(input);
            QFAIL("updated");
        } catch (const ServiceError& error) {
            QCOMPARE(error.typeName(), type);
            QCOMPARE(error.message(), message);
        }
        QCOMPARE(service.describe(created.arn).metrics.size(), 2);
    };
    refuses({created.arn, QJsonValue(), QJsonArray{QStringLiteral("NOPE")}, QJsonValue()},
            QStringLiteral("InvalidInputException"),
            QStringLiteral(
                "Invalid value for parameter removeMetrics[0]: metric attribution shop-metrics has no metric "
                "NOPE; its metrics are PURCHASE_VALUE, CLICKS"));
    refuses({created.arn,
             QJsonArray{
                 metric(QStringLiteral("click"), QStringLiteral("CLICKS"), QStringLiteral("SAMPLECOUNT()"))},
             QJsonValue(), QJsonValue()},
            QStringLiteral("ResourceAlreadyExistsException"),
            QStringLiteral("Metric attribution shop-metrics already has a metric named CLICKS"));
    QJsonArray nine;
    for (int i = 0; i < 9; ++i)
        nine.append(
            metric(QStringLiteral("watch"), QStringLiteral("M%1").arg(i), QStringLiteral("SAMPLECOUNT()")));
    refuses({created.arn, nine, QJsonValue(), QJsonValue()}, QStringLiteral("LimitExceededException"),
            QStringLiteral("Metric attribution shop-metrics would have 11 metrics; it can have at most 10"));
    refuses({created.arn, QJsonValue(), QJsonValue(), QJsonValue()}, QStringLiteral("InvalidInputException"),
            QStringLiteral("Nothing to update: give addMetrics, removeMetrics or metricsOutputConfig"));

    // Replacing a metric under the same name in one update is allowed.
    updated = service.update(
        {created.arn,
         QJsonArray{metric(QStringLiteral("tap"), QStringLiteral("CLICKS"), QStringLiteral("SAMPLECOUNT()"))},
         QJsonArray{QStringLiteral("CLICKS")}, QJsonValue()});
    QCOMPARE(updated.metric(QStringLiteral("CLICKS"))->eventType, QStringLiteral("tap"));
}

void TestAttribution::deleteRemovesWindows()
{
    const MetricAttribution created = createAttribution(shopMetrics(false));
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("watch"), kHour + 1, QStringLiteral("i1"), QStringLiteral("email"))});
    QCOMPARE(m_workspace->count("attribution_rollup"), 1);
    workspace().metricAttributions().remove(created.arn);
    QCOMPARE(m_workspace->count("metric_attribution"), 0);
    QCOMPARE(m_workspace->count("attribution_rollup"), 0);
    // Recording goes on without an attribution, and a new one can be made.
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("watch"), kHour + 2, QStringLiteral("i1"), QStringLiteral("email"))});
    QCOMPARE(m_workspace->count("attribution_rollup"), 0);
    createAttribution(shopMetrics(false));
}

void TestAttribution::sourcePrecedence_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("recommendationId");
    QTest::addColumn<QString>("expected");

    const QString undefined = AttributionSource::undefinedLabel();
    QTest::newRow("source only") << QStringLiteral("email") << QString() << QStringLiteral("email");
    QTest::newRow("recommendationId only, issued here")
        << QString() << QStringLiteral("RID-issued") << kCampaignArn;
    QTest::newRow("recommendationId only, unknown")
        << QString() << QStringLiteral("RID-elsewhere") << undefined;
    QTest::newRow("both: the source wins")
        << QStringLiteral("email") << QStringLiteral("RID-issued") << QStringLiteral("email");
    QTest::newRow("neither") << QString() << QString() << undefined;
}

void TestAttribution::sourcePrecedence()
{
    QFETCH(QString, source);
    QFETCH(QString, recommendationId);
    QFETCH(QString, expected);
    createAttribution(shopMetrics(false));
    const qint64 groupId = workspace().datasetGroups().describe(kGroupArn).id;
    RecommendationRegistry(workspace().database().connection())
        .record({QStringLiteral("RID-issued"),
                 groupId,
                 kCampaignArn,
                 {QStringLiteral("i1"), QStringLiteral("i2")},
                 m_workspace->clock().nowMs()});
    QJsonObject extra;
    if (!recommendationId.isEmpty())
        extra.insert(QStringLiteral("recommendationId"), recommendationId);
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("watch"), kHour + 1, QStringLiteral("i1"), source, extra)});

    const QList<InteractionRow> rows = workspace().interactions().newest(groupId, {}, 10);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().source, expected);
    InteractionFilter bySource;
    bySource.source = expected;
    QCOMPARE(workspace().interactions().count(groupId, bySource), 1);
    const AttributionReport counted = report();
    QCOMPARE(counted.rows.size(), 1);
    QCOMPARE(counted.rows.first().source, expected);
    QCOMPARE(m_workspace->count("attribution_source"),
             expected == AttributionSource::undefinedLabel() ? 0 : 1);
}

void TestAttribution::implicitImpressionsComeFromTheRegistry()
{
    const qint64 groupId = workspace().datasetGroups().describe(kGroupArn).id;
    RecommendationRegistry(workspace().database().connection())
        .record({QStringLiteral("RID-issued"),
                 groupId,
                 kCampaignArn,
                 {QStringLiteral("i1"), QStringLiteral("i2")},
                 m_workspace->clock().nowMs()});
    m_workspace->putEvents({makeEvent(QStringLiteral("click"), kHour + 1, QStringLiteral("i1"), {},
                                      {{QStringLiteral("recommendationId"), QStringLiteral("RID-issued")}}),
                            makeEvent(QStringLiteral("click"), kHour + 2, QStringLiteral("i2"), {},
                                      {{QStringLiteral("recommendationId"), QStringLiteral("RID-issued")},
                                       {QStringLiteral("impression"),
                                        QJsonArray{QStringLiteral("i2"), QStringLiteral("i9")}}})});
    const QList<InteractionRow> rows = workspace().interactions().oldest(groupId, {}, 10);
    const EffectiveImpressions implicit =
        workspace().interactions().effectiveImpressions(rows.at(0).interaction);
    QCOMPARE(implicit.kind, EffectiveImpressions::Kind::Implicit);
    QCOMPARE(implicit.items, (QStringList{QStringLiteral("i1"), QStringLiteral("i2")}));
    const EffectiveImpressions explicitOnes =
        workspace().interactions().effectiveImpressions(rows.at(1).interaction);
    QCOMPARE(explicitOnes.kind, EffectiveImpressions::Kind::Explicit);
    QCOMPARE(explicitOnes.items, (QStringList{QStringLiteral("i2"), QStringLiteral("i9")}));
}

void TestAttribution::sourceLimit()
{
    for (int request = 0; request < 10; ++request) {
        QJsonArray events;
        for (int i = 0; i < 10; ++i) {
            const int n = request * 10 + i;
            events.append(makeEvent(QStringLiteral("watch"), kHour + n, QStringLiteral("i1"),
                                    QStringLiteral("source-%1").arg(n)));
        }
        m_workspace->putEvents(events);
    }
    QCOMPARE(m_workspace->count("interaction"), 100);
    QCOMPARE(m_workspace->count("attribution_source"), 100);

    // The 101st source is refused, and the whole request with it.
    try {
        m_workspace->putEvents({makeEvent(QStringLiteral("watch"), kHour + 200, QStringLiteral("i1"),
                                          QStringLiteral("source-7")),
                                makeEvent(QStringLiteral("watch"), kHour + 201, QStringLiteral("i1"),
                                          QStringLiteral("source-100"))});
        QFAIL("the 101st source was accepted");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("InvalidInputException"));
        QCOMPARE(error.message(),
                 QStringLiteral("Dataset group shop already has 100 distinct event attribution "
                                "sources; \"source-100\" would make 101, and a dataset group can "
                                "have at most 100"));
    }
    QCOMPARE(m_workspace->count("interaction"), 100);
    QCOMPARE(m_workspace->count("attribution_source"), 100);
    // Known sources and events without one still go in.
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("watch"), kHour + 300, QStringLiteral("i1"), QStringLiteral("source-7")),
         makeEvent(QStringLiteral("watch"), kHour + 301, QStringLiteral("i1"))});
    QCOMPARE(m_workspace->count("interaction"), 102);
}

void TestAttribution::sourceLimitInImport()
{
    QString csv = QStringLiteral("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_ATTRIBUTION_SOURCE\n");
    for (int n = 0; n <= 100; ++n)
        csv += QStringLiteral("u1,i1,%1,watch,source-%2\n").arg(kHour + n).arg(n);
    csv += QStringLiteral("u1,i1,%1,watch,source-3\n").arg(kHour + 500);
    const QString path = m_workspace->dir() + QStringLiteral("/sources.csv");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv.toUtf8());
    file.close();
    const QString datasetArn = workspace().datasets().list(kGroupArn).first().arn;
    const ImportReport result =
        DatasetImporter(workspace()).importFile(datasetArn, path, ImportMode::Incremental);
    QCOMPARE(result.accepted, 101);
    QCOMPARE(result.rejected, 1);
    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().line, 102);
    QCOMPARE(result.problems.first().reason,
             QStringLiteral(
                 "Dataset group shop already has 100 distinct event attribution sources; \"source-100\" "
                 "would make 101, and a dataset group can have at most 100"));
    QCOMPARE(m_workspace->count("interaction"), 101);
    QCOMPARE(m_workspace->count("attribution_source"), 100);
}

void TestAttribution::sampleCountAndSums()
{
    m_workspace->createShopItems();
    m_workspace->putItem(QStringLiteral("i1"), 10.0);
    m_workspace->putItem(QStringLiteral("i2"), 2.5);
    createAttribution(shopMetrics(true));
    const QString email = QStringLiteral("email");
    const QString undefined = AttributionSource::undefinedLabel();
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("watch"), kHour + 1, QStringLiteral("i1"), email),
         makeEvent(QStringLiteral("watch"), kHour + 2, QStringLiteral("i2"), email),
         makeEvent(QStringLiteral("watch"), kHour + 3, QStringLiteral("i2")),
         makeEvent(QStringLiteral("purchase"), kHour + 4, QStringLiteral("i1"), email,
                   {{QStringLiteral("eventValue"), 3}}),
         makeEvent(QStringLiteral("purchase"), kHour + 5, QStringLiteral("i2"), {},
                   {{QStringLiteral("eventValue"), 4.5}}),
         makeEvent(QStringLiteral("purchase"), kHour + 6, QStringLiteral("unknown-item"), {}),
         makeEvent(QStringLiteral("click"), kHour + 7, QStringLiteral("i1"), email)});
    const auto totals = totalsOf(report());
    QCOMPARE(totals.value(QStringLiteral("WATCH_COUNT")).value(email), 2.0);
    QCOMPARE(totals.value(QStringLiteral("WATCH_COUNT")).value(undefined), 1.0);
    QCOMPARE(totals.value(QStringLiteral("PURCHASE_VALUE")).value(email), 3.0);
    QCOMPARE(totals.value(QStringLiteral("PURCHASE_VALUE")).value(undefined), 4.5);
    QCOMPARE(totals.value(QStringLiteral("REVENUE")).value(email), 10.0);
    QCOMPARE(totals.value(QStringLiteral("REVENUE")).value(undefined), 2.5); // an unknown item adds nothing
    QCOMPARE(totals.size(), 3);                                              // click counts for no metric
    for (const AttributionSourceTotal& total : report(QStringLiteral("REVENUE")).totals) {
        if (total.source == undefined)
            QCOMPARE(total.samples, 2);
    }
}

void TestAttribution::sumOfInteractionsMetadataColumn()
{
    TestWorkspace other;
    const DatasetGroup group = other->datasetGroups().create({QStringLiteral("reviews"), {}, {}, {}, {}});
    const QString definition = QStringLiteral(
        R"({"type": "record", "name": "Interactions", "namespace": "com.amazonaws.personalize.schema",
            "fields": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
                       {"name": "TIMESTAMP", "type": "long"}, {"name": "EVENT_TYPE", "type": "string"},
                       {"name": "NUM_RATINGS", "type": ["null", "int"]}], "version": "1.0"})");
    const DatasetSchema schema = other->schemas().create(QStringLiteral("reviews"), definition);
    other->datasets().create(
        {QStringLiteral("reviews"), schema.arn, group.arn, QStringLiteral("Interactions"), {}});
    const EventTracker tracker = other->eventTrackers().create(QStringLiteral("reviews"), group.arn);
    other->metricAttributions().create({QStringLiteral("ratings"), group.arn,
                                        QJsonArray{metric(QStringLiteral("rate"), QStringLiteral("RATINGS"),
                                                          QStringLiteral("SUM(Interactions.NUM_RATINGS)"))},
                                        outputConfig()});
    other->recording().putEvents(
        {{QStringLiteral("trackingId"), tracker.trackingId},
         {QStringLiteral("sessionId"), QStringLiteral("s")},
         {QStringLiteral("eventList"),
          QJsonArray{makeEvent(QStringLiteral("rate"), kHour, QStringLiteral("i1"), {},
                               {{QStringLiteral("properties"), QStringLiteral(R"({"numRatings": 4})")}}),
                     makeEvent(QStringLiteral("rate"), kHour + 1, QStringLiteral("i1"), {},
                               {{QStringLiteral("properties"), QStringLiteral(R"({"numRatings": "3"})")}}),
                     makeEvent(QStringLiteral("rate"), kHour + 2, QStringLiteral("i1"))}}},
        {QStringLiteral("console"), {}, {}, {}});
    const AttributionReport counted =
        other->reports().attribution({group.arn, {}, kHour - 900, kHour + 900, 900});
    QCOMPARE(counted.rows.size(), 1);
    QCOMPARE(counted.rows.first().value, 7.0);
    QCOMPARE(counted.rows.first().samples, 3);
    QCOMPARE(counted.rows.first().mathFunction, QStringLiteral("sum"));
}

void TestAttribution::eventsBeforeCreationDoNotCount()
{
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("watch"), kHour + 1, QStringLiteral("i1"), QStringLiteral("email"))});
    m_workspace->clock().advanceMs(1000);
    const MetricAttribution created = createAttribution(shopMetrics(false));
    // Recorded after creation, though sent an hour before it: it counts.
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("watch"), kHour - 3600, QStringLiteral("i1"), QStringLiteral("email"))});
    const AttributionReport counted = report();
    QCOMPARE(counted.rows.size(), 1);
    QCOMPARE(counted.rows.first().windowStart, kHour - 3600);
    QCOMPARE(counted.rows.first().value, 1.0);
    // Rebuilding keeps the rule.
    workspace().reports().rebuild(kGroupArn);
    QCOMPARE(report().rows.size(), 1);
    QCOMPARE(created.createdMs, m_workspace->clock().nowMs());
}

void TestAttribution::windowBoundaries_data()
{
    QTest::addColumn<double>("sentAt");
    QTest::addColumn<int>("bucket");
    QTest::addColumn<qint64>("window");

    const qint64 day = 1795824000; // 2026-11-28T00:00:00Z
    QTest::newRow("exactly :15:00") << double(kHour + 900) << 900 << kHour + 900;
    QTest::newRow(":14:59.999") << double(kHour) + 899.999 << 900 << kHour;
    QTest::newRow("exactly :00:00") << double(kHour) << 900 << kHour;
    QTest::newRow(":59:59 in 15m") << double(kHour + 3599) << 900 << kHour + 2700;
    QTest::newRow(":59:59 in 1h") << double(kHour + 3599) << 3600 << kHour;
    QTest::newRow(":15:00 in 1h") << double(kHour + 900) << 3600 << kHour;
    QTest::newRow("next hour in 1h") << double(kHour + 3600) << 3600 << kHour + 3600;
    QTest::newRow("in 1d") << double(kHour + 1) << 86400 << day;
    QTest::newRow("midnight in 1d") << double(day + 86400) << 86400 << day + 86400;
    QTest::newRow("just before midnight in 1d") << double(day + 86399) << 86400 << day;
}

void TestAttribution::windowBoundaries()
{
    QFETCH(double, sentAt);
    QFETCH(int, bucket);
    QFETCH(qint64, window);
    createAttribution(shopMetrics(false));
    m_workspace->putEvents({makeEvent(QStringLiteral("watch"), sentAt, QStringLiteral("i1"))});
    const AttributionReport counted = report({}, 1795824000 - 86400, 1795824000 + 3 * 86400, bucket);
    QCOMPARE(counted.rows.size(), 1);
    QCOMPARE(counted.rows.first().windowStart, window);
}

void TestAttribution::putItemsMovesItemSums()
{
    m_workspace->createShopItems();
    m_workspace->putItem(QStringLiteral("i1"), 10.0);
    createAttribution(shopMetrics(true));
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("purchase"), kHour + 1, QStringLiteral("i1"), QStringLiteral("email")),
         makeEvent(QStringLiteral("purchase"), kHour + 1000, QStringLiteral("i1")),
         makeEvent(QStringLiteral("purchase"), kHour + 1001, QStringLiteral("i2"))});
    QCOMPARE(totalsOf(report(QStringLiteral("REVENUE")))
                 .value(QStringLiteral("REVENUE"))
                 .value(QStringLiteral("email")),
             10.0);
    m_workspace->putItem(QStringLiteral("i1"), 12.5);
    m_workspace->putItem(QStringLiteral("i2"), 4.0); // an item that was unknown when its event came
    const auto totals = totalsOf(report(QStringLiteral("REVENUE"))).value(QStringLiteral("REVENUE"));
    QCOMPARE(totals.value(QStringLiteral("email")), 12.5);
    QCOMPARE(totals.value(AttributionSource::undefinedLabel()), 16.5);
    const QList<WindowRow> incremental = windowsOf(workspace());
    workspace().reports().rebuild(kGroupArn);
    const QList<WindowRow> rebuilt = windowsOf(workspace());
    QCOMPARE(rebuilt.size(), incremental.size());
    for (int i = 0; i < rebuilt.size(); ++i)
        QCOMPARE(rebuilt.at(i).value, incremental.at(i).value);
}

void TestAttribution::rebuiltEqualsIncremental()
{
    const QString itemsArn = m_workspace->createShopItems();
    for (int i = 0; i < 5; ++i)
        m_workspace->putItem(QStringLiteral("i%1").arg(i), 5.0 + i * 1.25);
    createAttribution(shopMetrics(true));
    QRandomGenerator random(20261129);
    const QStringList types = {QStringLiteral("watch"), QStringLiteral("purchase"), QStringLiteral("click")};
    const QStringList sources = {QString(), QStringLiteral("email"), QStringLiteral("home carousel"),
                                 QStringLiteral("partner")};
    for (int request = 0; request < 40; ++request) {
        QJsonArray events;
        for (int i = 0; i < 10; ++i) {
            QJsonObject extra;
            if (random.bounded(2) == 0)
                extra.insert(QStringLiteral("eventValue"), random.bounded(100) / 4.0);
            events.append(makeEvent(types.at(random.bounded(types.size())), kHour + random.bounded(4 * 3600),
                                    QStringLiteral("i%1").arg(random.bounded(6)),
                                    sources.at(random.bounded(sources.size())), extra));
        }
        m_workspace->putEvents(events, QStringLiteral("u%1").arg(request % 7));
        if (request == 20)
            m_workspace->putItem(QStringLiteral("i2"), 99.0);
    }
    QString csv =
        QStringLiteral("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,EVENT_ATTRIBUTION_SOURCE\n");
    for (int n = 0; n < 50; ++n)
        csv += QStringLiteral("u%1,i%2,%3,%4,%5,%6\n")
                   .arg(n % 5)
                   .arg(n % 6)
                   .arg(kHour + n * 97)
                   .arg(types.at(n % 3))
                   .arg(n % 4)
                   .arg(n % 2 ? QStringLiteral("import-feed") : QString());
    const QString path = m_workspace->dir() + QStringLiteral("/more.csv");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv.toUtf8());
    file.close();
    const QString interactionsArn =
        workspace()
            .datasets()
            .findForGroup(workspace().datasetGroups().describe(kGroupArn).id, DatasetType::Interactions)
            ->arn;
    QCOMPARE(DatasetImporter(workspace()).importFile(interactionsArn, path, ImportMode::Incremental).accepted,
             50);
    Q_UNUSED(itemsArn);

    const QList<WindowRow> incremental = windowsOf(workspace());
    QVERIFY(incremental.size() > 20);
    QCOMPARE(workspace().reports().rebuild(kGroupArn), incremental.size());
    const QList<WindowRow> rebuilt = windowsOf(workspace());
    QCOMPARE(rebuilt.size(), incremental.size());
    for (int i = 0; i < rebuilt.size(); ++i) {
        QCOMPARE(rebuilt.at(i).metricId, incremental.at(i).metricId);
        QCOMPARE(rebuilt.at(i).window, incremental.at(i).window);
        QCOMPARE(rebuilt.at(i).source, incremental.at(i).source);
        QCOMPARE(rebuilt.at(i).samples, incremental.at(i).samples);
        QVERIFY(qFuzzyCompare(1.0 + rebuilt.at(i).value, 1.0 + incremental.at(i).value));
    }
    // A FULL import replaces the imported rows; its windows are recounted with it.
    QCOMPARE(DatasetImporter(workspace()).importFile(interactionsArn, path, ImportMode::Full).accepted, 50);
    QCOMPARE(windowsOf(workspace()).size(), incremental.size());
}

void TestAttribution::reportErrors()
{
    createAttribution(shopMetrics(false));
    const auto refuses = [&](const AttributionReportRequest& request, const QString& message) {
        try {
            workspace().reports().attribution(request);
            QFAIL("reported");
        } catch (const ServiceError& error) {
            QCOMPARE(error.typeName(), QStringLiteral("InvalidInputException"));
            QCOMPARE(error.message(), message);
        }
    };
    refuses({kGroupArn, QStringLiteral("NOPE"), 0, 0, 900},
            QStringLiteral("Metric attribution shop-metrics has no metric NOPE; its metrics are WATCH_COUNT, "
                           "PURCHASE_VALUE"));
    refuses({kGroupArn, {}, kHour, kHour, 900},
            QStringLiteral("The report's range ends (2026-11-28T21:00:00Z) before or when it starts "
                           "(2026-11-28T21:00:00Z)"));
    refuses({kGroupArn, {}, 0, 0, 600},
            QStringLiteral("Invalid bucket of 600 seconds; use 15m, 1h, 6h or 1d"));
}

void TestAttribution::bucketFitsTheSpan_data()
{
    QTest::addColumn<qint64>("span");
    QTest::addColumn<int>("bucket");
    QTest::newRow("nothing") << qint64(0) << 900;
    QTest::newRow("one window") << qint64(900) << 900;
    QTest::newRow("two hours") << qint64(7200) << 900;
    QTest::newRow("a day") << qint64(86400) << 900;
    QTest::newRow("200 quarter hours") << qint64(200 * 900) << 900;
    QTest::newRow("one second more") << qint64(200 * 900 + 1) << 3600;
    QTest::newRow("a week") << qint64(7 * 86400) << 3600;
    QTest::newRow("200 hours") << qint64(200 * 3600) << 3600;
    QTest::newRow("two weeks") << qint64(14 * 86400) << 21600;
    QTest::newRow("two weeks and a window") << qint64(14 * 86400 + 900) << 21600;
    QTest::newRow("30 days") << qint64(30 * 86400) << 21600;
    QTest::newRow("50 days") << qint64(50 * 86400) << 21600;
    QTest::newRow("50 days and a second") << qint64(50 * 86400 + 1) << 86400;
    QTest::newRow("200 days") << qint64(200 * 86400) << 86400;
    QTest::newRow("a year: the largest") << qint64(365 * 86400) << 86400;
}

void TestAttribution::bucketFitsTheSpan()
{
    QFETCH(qint64, span);
    QFETCH(int, bucket);
    QCOMPARE(AttributionReport::bucketFor(span), bucket);
    const QList<int>& choices = AttributionReport::bucketChoices();
    QVERIFY(choices.contains(bucket));
    const auto windows = [span](int size) { return (span + size - 1) / size; };
    if (bucket != choices.last())
        QVERIFY(windows(bucket) <= AttributionReport::kMaxFittedWindows);
    // No finer bucket fits, so the chart keeps at least a sixth of the most windows: 33 and more.
    if (bucket != choices.first()) {
        QVERIFY(windows(choices.at(choices.indexOf(bucket) - 1)) > AttributionReport::kMaxFittedWindows);
        QVERIFY(windows(bucket) >= 20);
    }
    QCOMPARE(AttributionReport::parseBucket(AttributionReport::bucketName(bucket)), bucket);
}

void TestAttribution::defaultBucketFitsTheDefaultRange()
{
    createAttribution(shopMetrics(false));
    m_workspace->putEvents({makeEvent(QStringLiteral("watch"), kHour + 60, QStringLiteral("i1"))});
    // Two weeks later: since counting began, in 6-hour windows that start on their boundaries.
    m_workspace->clock().advanceMs(14 * 86400 * 1000LL);
    const AttributionReport fitted = report({}, 0, 0, 0);
    QCOMPARE(fitted.bucketSeconds, 21600);
    QCOMPARE(fitted.fromSeconds % 21600, 0);
    QCOMPARE(fitted.toSeconds % 21600, 0);
    QVERIFY(fitted.fromSeconds <= kHour);
    const qint64 windows = (fitted.toSeconds - fitted.fromSeconds) / 21600;
    QVERIFY2(windows >= 20 && windows <= AttributionReport::kMaxFittedWindows,
             qPrintable(QString::number(windows)));
    QCOMPARE(fitted.rows.size(), 1);
    QCOMPARE(fitted.rows.first().windowStart % 21600, 0);
    // A day asked for: 15-minute windows. A bucket asked for is kept.
    QCOMPARE(report({}, kHour, kHour + 86400, 0).bucketSeconds, 900);
    QCOMPARE(report({}, 0, 0, 3600).bucketSeconds, 3600);
    // The event metrics fit their range the same way.
    const QString trackerArn = QString::fromLatin1(TestWorkspace::kTrackerArn);
    QCOMPARE(workspace().reports().eventMetrics(trackerArn, 0, 0, 0).bucketSeconds, 21600);
    QCOMPARE(workspace().reports().eventMetrics(trackerArn, kHour, kHour + 7 * 86400, 0).bucketSeconds, 3600);
}

void TestAttribution::sourcesKeepTheirPlaceAcrossMetrics()
{
    createAttribution(shopMetrics(false));
    // "partner" is seen first but watched least; "email" buys least.
    m_workspace->putEvents({makeEvent(QStringLiteral("purchase"), kHour + 1, QStringLiteral("i1"),
                                      QStringLiteral("partner"), {{QStringLiteral("eventValue"), 50}})});
    m_workspace->clock().advanceMs(1000);
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("watch"), kHour + 2, QStringLiteral("i1"), QStringLiteral("email")),
         makeEvent(QStringLiteral("watch"), kHour + 3, QStringLiteral("i1"), QStringLiteral("email")),
         makeEvent(QStringLiteral("watch"), kHour + 4, QStringLiteral("i1")),
         makeEvent(QStringLiteral("watch"), kHour + 5, QStringLiteral("i1"), QStringLiteral("partner")),
         makeEvent(QStringLiteral("purchase"), kHour + 6, QStringLiteral("i1"), QStringLiteral("email"),
                   {{QStringLiteral("eventValue"), 1}})});
    const QStringList order = {QStringLiteral("partner"), QStringLiteral("email")};
    for (const QString& metricName :
         {QString(), QStringLiteral("WATCH_COUNT"), QStringLiteral("PURCHASE_VALUE")}) {
        const AttributionReport result = report(metricName);
        QCOMPARE(result.sourceOrder, order);
        QCOMPARE(result.placeOf(QStringLiteral("partner")), 0);
        QCOMPARE(result.placeOf(QStringLiteral("email")), 1);
        QCOMPARE(result.placeOf(AttributionSource::undefinedLabel()), -1);
    }
    // The totals still rank by value.
    QCOMPARE(report(QStringLiteral("WATCH_COUNT")).totals.first().source, QStringLiteral("email"));
}

void TestAttribution::emptyReportSaysWhy()
{
    QCOMPARE(
        report().emptyReason,
        QStringLiteral("Dataset group shop has no metric attribution. Create one to count events by source; "
                       "events recorded from then on are counted."));
    m_workspace->putEvents({makeEvent(QStringLiteral("watch"), kHour + 1, QStringLiteral("i1"))});
    m_workspace->clock().advanceMs(1000);
    createAttribution(shopMetrics(false));
    QCOMPARE(report().emptyReason,
             QStringLiteral("No events have been recorded since metric attribution shop-metrics was created "
                            "(2026-11-28T21:06:41Z); only events recorded after that count."));
    m_workspace->putEvents({makeEvent(QStringLiteral("click"), kHour + 2, QStringLiteral("i1"))});
    QCOMPARE(
        report().emptyReason,
        QStringLiteral("No events of type watch, purchase recorded since metric attribution shop-metrics was "
                       "created fall in this range."));
    m_workspace->putEvents({makeEvent(QStringLiteral("watch"), kHour + 3, QStringLiteral("i1"))});
    QVERIFY(report().emptyReason.isEmpty());
}

void TestAttribution::goldenExports()
{
    QFile fixtureFile(QStringLiteral(FOOTFALL_TEST_DATA_DIR "/attribution/fixture.json"));
    QVERIFY(fixtureFile.open(QIODevice::ReadOnly));
    const QJsonObject fixture = QJsonDocument::fromJson(fixtureFile.readAll()).object();
    const QString itemsArn = m_workspace->createShopItems();
    workspace().metadataRecords().putItems(
        {{QStringLiteral("datasetArn"), itemsArn},
         {QStringLiteral("items"), fixture.value(QStringLiteral("items"))}},
        {QStringLiteral("console"), {}, {}, {}});
    workspace().metricAttributions().create({QStringLiteral("shop-metrics"), kGroupArn,
                                             fixture.value(QStringLiteral("metrics")), outputConfig()});
    for (const QJsonValue& request : fixture.value(QStringLiteral("requests")).toArray()) {
        const QJsonObject object = request.toObject();
        m_workspace->putEvents(object.value(QStringLiteral("eventList")).toArray(),
                               object.value(QStringLiteral("userId")).toString(),
                               object.value(QStringLiteral("sessionId")).toString());
    }
    for (const QString& bucket : {QStringLiteral("15m"), QStringLiteral("1h")}) {
        const AttributionReport result = workspace().reports().attribution(
            {kGroupArn, {}, kHour, kHour + 3 * 3600, *AttributionReport::parseBucket(bucket)});
        for (const QString& format : {QStringLiteral("csv"), QStringLiteral("json")}) {
            const QByteArray actual = format == QLatin1String("csv") ? result.toCsv() : result.toJson();
            const QString path =
                QStringLiteral(FOOTFALL_TEST_DATA_DIR "/attribution/expected-%1.%2").arg(bucket, format);
            QFile expectedFile(path);
            if (qEnvironmentVariableIsSet("FOOTFALL_UPDATE_GOLDEN")) {
                QVERIFY(expectedFile.open(QIODevice::WriteOnly));
                expectedFile.write(actual);
                continue;
            }
            QVERIFY2(expectedFile.open(QIODevice::ReadOnly), qPrintable(path));
            QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(expectedFile.readAll()));
        }
    }
}

void TestAttribution::csvNeutralisesFormulaText()
{
    createAttribution(shopMetrics(false));
    // Any PutEvents client chooses its source and its event types.
    const QString formula = QStringLiteral("=HYPERLINK(\"http://x\",\"y\")");
    m_workspace->putEvents({makeEvent(QStringLiteral("watch"), kHour + 1, QStringLiteral("i1"), formula),
                            makeEvent(QStringLiteral("@watch"), kHour + 2, QStringLiteral("i1"))});
    const AttributionReport result = report();
    QCOMPARE(
        result.toCsv(),
        QByteArray(
            "METRIC_NAME,EVENT_TYPE,VALUE,MATH_FUNCTION,EVENT_ATTRIBUTION_SOURCE,TIMESTAMP\n"
            "WATCH_COUNT,WATCH,1.0,samplecount,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1795899600\n"));
    // JSON is no spreadsheet formula: it carries the source as it was sent.
    QVERIFY(result.toJson().contains(R"json("source": "=HYPERLINK(\"http://x\",\"y\")")json"));

    const EventMetricsReport metrics =
        workspace().reports().eventMetrics(QString::fromLatin1(TestWorkspace::kTrackerArn), 0, 0, 3600);
    QVERIFY2(metrics.toCsv().contains("\nEvents,\"'@watch\",1.0,sum,1795899600\n"),
             metrics.toCsv().constData());
    QVERIFY(metrics.toCsv().contains("\nEvents,watch,1.0,sum,1795899600\n"));
}

void TestAttribution::eventMetrics()
{
    m_workspace->putEvents({makeEvent(QStringLiteral("watch"), kHour + 1, QStringLiteral("i1")),
                            makeEvent(QStringLiteral("watch"), kHour + 2, QStringLiteral("i1")),
                            makeEvent(QStringLiteral("buy"), kHour + 3, QStringLiteral("i1"))});
    m_workspace->putEvents(
        {makeEvent(QStringLiteral("watch"), kHour + 1, QStringLiteral("i1"))}); // a duplicate
    try {
        m_workspace->putEvents(
            {makeEvent(QStringLiteral("watch"), kHour + 1, QString(300, QLatin1Char('x')))});
        QFAIL("accepted");
    } catch (const ServiceError&) {
    }
    m_workspace->clock().advanceMs(3600 * 1000);
    m_workspace->putEvents({makeEvent(QStringLiteral("buy"), kHour + 4000, QStringLiteral("i1"))});

    const EventMetricsReport metrics =
        workspace().reports().eventMetrics(QString::fromLatin1(TestWorkspace::kTrackerArn), 0, 0, 3600);
    QCOMPARE(metrics.windows.size(), 2);
    QCOMPARE(metrics.windows.at(0).windowStart, kHour);
    QCOMPARE(metrics.windows.at(0).requests, 2);
    QCOMPARE(metrics.windows.at(0).errors4xx, 1);
    QVERIFY(metrics.windows.at(0).latencyAverageMs > 0.0);
    QVERIFY(metrics.windows.at(0).latencyMaximumMs >= metrics.windows.at(0).latencyAverageMs);
    QCOMPARE(metrics.windows.at(1).requests, 1);
    QCOMPARE(metrics.totalRequests(), 3);
    QCOMPARE(metrics.totalErrors(), 1);
    QCOMPARE(metrics.eventTypeNames(), (QStringList{QStringLiteral("buy"), QStringLiteral("watch")}));
    QCOMPARE(metrics.eventTypes.size(), 3);
    QCOMPARE(metrics.eventTypes.at(0).eventType, QStringLiteral("buy"));
    QCOMPARE(metrics.eventTypes.at(0).events, 1);
    QCOMPARE(metrics.eventTypes.at(1).eventType, QStringLiteral("watch"));
    QCOMPARE(metrics.eventTypes.at(1).events, 2); // the duplicate was not recorded
    QVERIFY(metrics.toCsv().startsWith(
        "METRIC_NAME,EVENT_TYPE,VALUE,STATISTIC,TIMESTAMP\nPutEventsRequests,,2.0,sum,"));
}

void TestAttribution::migratesVersion2Sources()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    {
        DatabaseOptions options;
        options.targetVersion = 2;
        auto database = Database::open(path, options);
        QSqlQuery query(database->connection());
        QVERIFY(query.exec(
            QStringLiteral("INSERT INTO dataset_group (name, arn, created_ms) VALUES ('g', 'arn:g', 1)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO interaction (dataset_group_id, origin, event_id, "
                                          "event_id_given, event_type, sent_at_ms,"
                                          " session_id, attribution_source, content_hash, recorded_ms) VALUES"
                                          " (1, 'event', 'e1', 0, 'watch', 1000, 's', 'email', 'h1', 5),"
                                          " (1, 'event', 'e2', 0, 'watch', 2000, 's', NULL, 'h2', 6)")));
    }
    auto database = Database::open(path);
    QSqlQuery query(database->connection());
    QVERIFY(query.exec(
        QStringLiteral("SELECT group_concat(COALESCE(resolved_source, '-'), ',') FROM interaction")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("email,-"));
    QVERIFY(query.exec(QStringLiteral("SELECT source, first_seen_ms FROM attribution_source")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("email"));
    QCOMPARE(query.value(1).toLongLong(), 5);
    QVERIFY(!query.next());
}

void TestAttribution::decimalSum_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QList<qint64>>("times"); // how often each value is added
    QTest::addColumn<QString>("sum");         // the shortest text of value()
    QTest::addColumn<bool>("exact");

    QTest::newRow("nothing") << QList<double>{} << QList<qint64>{} << QStringLiteral("0") << true;
    QTest::newRow("24.95 × 20 (doubles: 498.99999999999983)")
        << QList<double>{24.95} << QList<qint64>{20} << QStringLiteral("499") << true;
    QTest::newRow("4.99 × 87 (doubles: 434.1300000000005)")
        << QList<double>{4.99} << QList<qint64>{87} << QStringLiteral("434.13") << true;
    QTest::newRow("30 × 24.95 + 58 × 0.99 (doubles: 805.9200000000008)")
        << QList<double>{24.95, 0.99} << QList<qint64>{30, 58} << QStringLiteral("805.92") << true;
    QTest::newRow("0.1 + 0.2") << QList<double>{0.1, 0.2} << QList<qint64>{1, 1} << QStringLiteral("0.3")
                               << true;
    QTest::newRow("a price change: 24.95 − 19.99")
        << QList<double>{24.95, 19.99} << QList<qint64>{1, -1} << QStringLiteral("4.96") << true;
    QTest::newRow("cancels to zero") << QList<double>{4.99, 4.99} << QList<qint64>{3, -3}
                                     << QStringLiteral("0") << true;
    QTest::newRow("negative values") << QList<double>{-0.1, -0.2} << QList<qint64>{1, 1}
                                     << QStringLiteral("-0.3") << true;
    QTest::newRow("latencies in milliseconds")
        << QList<double>{0.734521, 1.25, 12.000001} << QList<qint64>{1, 1, 1} << QStringLiteral("13.984522")
        << true;
    QTest::newRow("whole numbers") << QList<double>{3.0, 1e15} << QList<qint64>{2, 1}
                                   << QStringLiteral("1000000000000006") << true;
    QTest::newRow("a tiny and a large value within 36 digits")
        << QList<double>{1e15, 1e-15} << QList<qint64>{1, 1} << QStringLiteral("1000000000000000") << true;
    QTest::newRow("beyond 36 digits: a compensated sum of doubles")
        << QList<double>{1e20, 1e-20, -1e20} << QList<qint64>{1, 1, 1} << QStringLiteral("1e-20") << false;
    QTest::newRow("infinity") << QList<double>{qInf(), 1.0} << QList<qint64>{1, 1} << QStringLiteral("inf")
                              << false;
}

void TestAttribution::decimalSum()
{
    QFETCH(QList<double>, values);
    QFETCH(QList<qint64>, times);
    QFETCH(QString, sum);
    QFETCH(bool, exact);
    DecimalSum decimal;
    for (qsizetype i = 0; i < values.size(); ++i)
        decimal.add(values.at(i), times.at(i));
    QCOMPARE(NumberText::shortest(decimal.value()), sum);
    QVERIFY(decimal.value() == sum.toDouble() || std::isinf(decimal.value()));
    QCOMPARE(decimal.isExact(), exact);
}

void TestAttribution::numberText_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("shortest");
    QTest::addColumn<QString>("shortestFloat");

    QTest::newRow("two decimals") << 805.92 << QStringLiteral("805.92") << QStringLiteral("805.92");
    QTest::newRow("a sum's noise is a different number")
        << 24.950000000000003 << QStringLiteral("24.950000000000003") << QStringLiteral("24.950000000000003");
    QTest::newRow("0.1 + 0.2") << 0.1 + 0.2 << QStringLiteral("0.30000000000000004")
                               << QStringLiteral("0.30000000000000004");
    QTest::newRow("whole") << 12.0 << QStringLiteral("12") << QStringLiteral("12.0");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0") << QStringLiteral("0.0");
    QTest::newRow("negative zero") << -0.0 << QStringLiteral("0") << QStringLiteral("0.0");
    QTest::newRow("negative") << -3.5 << QStringLiteral("-3.5") << QStringLiteral("-3.5");
    QTest::newRow("a millionth, without an exponent")
        << 1e-6 << QStringLiteral("0.000001") << QStringLiteral("0.000001");
    QTest::newRow("a million, without an exponent")
        << 1e6 << QStringLiteral("1000000") << QStringLiteral("1000000.0");
    QTest::newRow("large, whole") << 1234567890123456.0 << QStringLiteral("1234567890123456")
                                  << QStringLiteral("1234567890123456.0");
    QTest::newRow("smaller than a millionth")
        << 1.5e-7 << QStringLiteral("1.5e-07") << QStringLiteral("1.5e-07");
    QTest::newRow("1e16 and beyond") << 1e16 << QStringLiteral("1e+16") << QStringLiteral("1e+16");
    QTest::newRow("infinity") << qInf() << QStringLiteral("inf") << QStringLiteral("inf");
}

void TestAttribution::numberText()
{
    QFETCH(double, value);
    QFETCH(QString, shortest);
    QFETCH(QString, shortestFloat);
    QCOMPARE(NumberText::shortest(value), shortest);
    QCOMPARE(NumberText::shortestFloat(value), shortestFloat);
    QCOMPARE(AttributionReport::formatValue(value), shortestFloat);
    if (std::isfinite(value))
        QVERIFY(shortest.toDouble() == value); // reads back as exactly the same double
}

void TestAttribution::sqlFunctions_data()
{
    QTest::addColumn<QString>("sql"); // one value, named v
    QTest::addColumn<QString>("result");

    const QString times87 = QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                           "WHERE i < 87) ");
    QTest::newRow("footfall_sum: 4.99 × 87")
        << times87 + QStringLiteral("SELECT footfall_sum(4.99) AS v FROM n") << QStringLiteral("real 434.13");
    QTest::newRow("SQLite's own SUM of the same, for comparison")
        << times87 + QStringLiteral("SELECT SUM(4.99) AS v FROM n")
        << QStringLiteral("real 434.1300000000005");
    QTest::newRow("footfall_sum of no rows is 0.0, as TOTAL's")
        << QStringLiteral("SELECT footfall_sum(1.5) AS v FROM sqlite_master WHERE 0")
        << QStringLiteral("real 0");
    QTest::newRow("footfall_sum skips NULLs")
        << QStringLiteral("SELECT footfall_sum(x) AS v FROM (SELECT NULL AS x UNION ALL SELECT 0.1 UNION ALL "
                          "SELECT 0.2)")
        << QStringLiteral("real 0.3");
    QTest::newRow("footfall_sum of only NULLs is 0.0")
        << QStringLiteral("SELECT footfall_sum(NULL) AS v") << QStringLiteral("real 0");
    QTest::newRow("footfall_sum reads text as CAST AS REAL does")
        << QStringLiteral("SELECT footfall_sum(x) AS v FROM (SELECT '24.95' AS x UNION ALL SELECT ' 0.99')")
        << QStringLiteral("real 25.94");
    QTest::newRow("footfall_sum of integers is a REAL")
        << QStringLiteral("SELECT footfall_sum(x) AS v FROM (SELECT 2 AS x UNION ALL SELECT 3)")
        << QStringLiteral("real 5");
    QTest::newRow("footfall_sum per group")
        << QStringLiteral(
               "SELECT group_concat(s) AS v FROM (SELECT footfall_sum(x) AS s FROM (SELECT 1 AS g, "
               "0.1 AS x UNION ALL SELECT 1, 0.2 UNION ALL SELECT 2, 0.7) GROUP BY g ORDER BY g)")
        << QStringLiteral("text 0.3,0.7");
    QTest::newRow("footfall_add") << QStringLiteral("SELECT footfall_add(0.1, 0.2) AS v")
                                  << QStringLiteral("real 0.3");
    QTest::newRow("footfall_add of a price change")
        << QStringLiteral("SELECT footfall_add('19.99', 4.96) AS v") << QStringLiteral("real 24.95");
    QTest::newRow("footfall_add with NULL is NULL")
        << QStringLiteral("SELECT footfall_add(NULL, 1) AS v") << QStringLiteral("null");
}

// The functions are there on the workspace's connection and on a reader's.
void TestAttribution::sqlFunctions()
{
    QFETCH(QString, sql);
    QFETCH(QString, result);
    const std::unique_ptr<Database> reader = Database::openReader(m_workspace->path());
    for (Database* database : {&workspace().database(), reader.get()}) {
        QSqlQuery query = database->prepare(QStringLiteral("SELECT typeof(v), v FROM (%1)").arg(sql));
        Database::execute(query);
        QVERIFY(Database::nextRow(query));
        const QString type = query.value(0).toString();
        QString actual = type;
        if (type == QLatin1String("real"))
            actual += QLatin1Char(' ') + NumberText::shortest(query.value(1).toDouble());
        else if (type != QLatin1String("null"))
            actual += QLatin1Char(' ') + query.value(1).toString();
        QCOMPARE(actual, result);
    }
}

void TestAttribution::exportsReadExactly_data()
{
    QTest::addColumn<QList<double>>("values"); // one purchase each
    QTest::addColumn<int>("bucket");           // the purchases spread over its 15-minute windows
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("json");

    QList<double> prices(30, 24.95);
    prices += QList<double>(58, 0.99);
    QTest::newRow("24.95 × 20 in a window")
        << QList<double>(20, 24.95) << 900 << QStringLiteral("499.0") << QStringLiteral("499");
    QTest::newRow("4.99 × 87 in a window")
        << QList<double>(87, 4.99) << 900 << QStringLiteral("434.13") << QStringLiteral("434.13");
    QTest::newRow("30 × 24.95 + 58 × 0.99 in a window")
        << prices << 900 << QStringLiteral("805.92") << QStringLiteral("805.92");
    QTest::newRow("30 × 24.95 + 58 × 0.99 over the windows of an hour")
        << prices << 3600 << QStringLiteral("805.92") << QStringLiteral("805.92");
    QTest::newRow("4.99 × 87 over the windows of a day")
        << QList<double>(87, 4.99) << 86400 << QStringLiteral("434.13") << QStringLiteral("434.13");
}

// The windows add event values as decimals, as they are kept (PutEvents) and as they are recounted
// (report rebuild), and the exports write the shortest text of the result.
void TestAttribution::exportsReadExactly()
{
    QFETCH(QList<double>, values);
    QFETCH(int, bucket);
    QFETCH(QString, csv);
    QFETCH(QString, json);
    createAttribution(shopMetrics(false));
    const qint64 start = kHour - kHour % bucket;
    QJsonArray batch;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const double sentAt = double(start + 1 + i * (bucket - 2) / values.size());
        batch.append(makeEvent(QStringLiteral("purchase"), sentAt, QStringLiteral("i%1").arg(i), {},
                               {{QStringLiteral("eventValue"), values.at(i)}}));
        if (batch.size() == 10 || i + 1 == values.size()) {
            m_workspace->putEvents(batch);
            batch = {};
        }
    }
    for (const bool rebuilt : {false, true}) {
        if (rebuilt)
            workspace().reports().rebuild(kGroupArn);
        const AttributionReport result =
            report(QStringLiteral("PURCHASE_VALUE"), start, start + bucket, bucket);
        QCOMPARE(result.rows.size(), 1);
        QCOMPARE(
            QString::fromUtf8(result.toCsv()),
            QStringLiteral("METRIC_NAME,EVENT_TYPE,VALUE,MATH_FUNCTION,EVENT_ATTRIBUTION_SOURCE,TIMESTAMP\n"
                           "PURCHASE_VALUE,PURCHASE,%1,sum,SOURCE_NAME_UNDEFINED,%2\n")
                .arg(csv)
                .arg(start));
        // The row and the source's total, as written.
        const QString text = QString::fromUtf8(result.toJson());
        QCOMPARE(text.count(QRegularExpression(
                     QStringLiteral("\"value\": %1[,\n]").arg(QRegularExpression::escape(json)))),
                 2);
        QCOMPARE(text.count(QStringLiteral("\"value\": ")), 2);
    }
}

// A new item price moves the windows of its events by count × (new − old), as decimals: 7 × 24.95,
// not 7 × 19.99 + 7 × 4.960000000000001 = 174.64999999999998.
void TestAttribution::itemPriceChangeMovesSumsExactly()
{
    m_workspace->createShopItems();
    m_workspace->putItem(QStringLiteral("i1"), 19.99);
    createAttribution(shopMetrics(true));
    QJsonArray purchases;
    for (int i = 0; i < 7; ++i)
        purchases.append(makeEvent(QStringLiteral("purchase"), kHour + 1 + i, QStringLiteral("i1")));
    m_workspace->putEvents(purchases);
    QCOMPARE(
        NumberText::shortest(
            totalsOf(report()).value(QStringLiteral("REVENUE")).value(AttributionSource::undefinedLabel())),
        QStringLiteral("139.93"));
    m_workspace->putItem(QStringLiteral("i1"), 24.95);
    const AttributionReport moved = report(QStringLiteral("REVENUE"));
    QCOMPARE(moved.rows.size(), 1);
    QCOMPARE(NumberText::shortest(moved.rows.first().value), QStringLiteral("174.65"));
    QVERIFY(moved.toJson().contains("\"value\": 174.65\n"));
}

QTEST_GUILESS_MAIN(TestAttribution)
#include "TestAttribution.moc"
