#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "TestWorkspace.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {

const QString kGroupArn = QString::fromLatin1(TestWorkspace::kGroupArn);
const QString kSchemaArn =
    QStringLiteral("arn:aws:personalize:us-east-1:000000000000:schema/shop-interactions");

template <typename Call> ServiceError expectError(Call call)
{
    try {
        call();
    } catch (const ServiceError& error) {
        return error;
    }
    qFatal("expected a ServiceError");
}

QString asText(const char* text)
{
    return QString::fromUtf8(text);
}

QString asText(const QString& text)
{
    return text;
}

} // namespace

#define QCOMPARE_ERROR(call, expectedCode, expectedMessage)                                                  \
    do {                                                                                                     \
        const ServiceError error_ = expectError([&] { call; });                                              \
        QCOMPARE(error_.typeName(), ServiceError::typeNameOf(expectedCode));                                 \
        QCOMPARE(error_.message(), asText(expectedMessage));                                                 \
    } while (false)

class TestResourceServices : public QObject
{
    Q_OBJECT

private slots:
    void datasetGroupLifecycle();
    void datasetGroupErrors_data();
    void datasetGroupErrors();
    void deleteDatasetGroupInUse();
    void schemaCreateAndDelete();
    void schemaErrors();
    void datasetRules();
    void trackerCreateDescribeList();
    void secondTrackerForGroupIsRefused();
    void trackerStatusMovesToActive();
    void trackerDeleteIsPendingThenGone();
    void trackerErrors();
    void regionAndAccountGoIntoArns();
};

void TestResourceServices::datasetGroupLifecycle()
{
    TestWorkspace workspace;
    const DatasetGroup created =
        workspace->datasetGroups().create({QStringLiteral("shop"), QStringLiteral("ECOMMERCE"), {}, {}, {}});
    QCOMPARE(created.arn, kGroupArn);
    QCOMPARE(created.domain, QStringLiteral("ECOMMERCE"));
    QCOMPARE(created.status, QStringLiteral("ACTIVE"));
    const DatasetGroup described = workspace->datasetGroups().describe(kGroupArn);
    QCOMPARE(described.name, QStringLiteral("shop"));
    QCOMPARE(described.createdMs, workspace.clock().nowMs());
    const QJsonObject json = described.toJson();
    QCOMPARE(json.value(QStringLiteral("datasetGroupArn")).toString(), kGroupArn);
    QCOMPARE(json.value(QStringLiteral("creationDateTime")).toDouble(), workspace.clock().nowMs() / 1000.0);
    QCOMPARE(workspace->datasetGroups().list().size(), 1);
    workspace->datasetGroups().remove(kGroupArn);
    QCOMPARE(workspace->datasetGroups().list().size(), 0);
    QCOMPARE(workspace.count("dataset_group"), 0);
}

void TestResourceServices::datasetGroupErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("roleArn");
    QTest::addColumn<QJsonArray>("tags");
    QTest::addColumn<QString>("expectedType");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("duplicate name")
        << QStringLiteral("existing") << QString() << QString() << QJsonArray()
        << QStringLiteral("ResourceAlreadyExistsException")
        << QStringLiteral("A dataset group named existing already exists: "
                          "arn:aws:personalize:us-east-1:000000000000:dataset-group/existing");
    QTest::newRow("long name") << QString(64, QLatin1Char('g')) << QString() << QString() << QJsonArray()
                               << QStringLiteral("InvalidInputException")
                               << QStringLiteral(
                                      "Invalid length for parameter name, value: 64, valid max length: 63");
    QTest::newRow("unknown domain") << QStringLiteral("g") << QStringLiteral("RETAIL") << QString()
                                    << QJsonArray() << QStringLiteral("InvalidInputException")
                                    << QStringLiteral(
                                           "Invalid value for parameter domain, value: \"RETAIL\", valid "
                                           "values: ECOMMERCE, VIDEO_ON_DEMAND");
    QTest::newRow("bad role ARN")
        << QStringLiteral("g") << QString() << QStringLiteral("role") << QJsonArray()
        << QStringLiteral("InvalidInputException")
        << QStringLiteral("Invalid value for parameter roleArn, value: \"role\", valid pattern: "
                          "^arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$ (an "
                          "IAM role ARN such as arn:aws:iam::000000000000:role/name)");
    QTest::newRow("tag without value")
        << QStringLiteral("g") << QString() << QString()
        << QJsonArray{QJsonObject{{QStringLiteral("tagKey"), QStringLiteral("a")}}}
        << QStringLiteral("InvalidInputException")
        << QStringLiteral("Missing required parameter in tags[0]: \"tagValue\"");
    QTest::newRow("empty tag key")
        << QStringLiteral("g") << QString() << QString()
        << QJsonArray{QJsonObject{{QStringLiteral("tagKey"), QString()},
                                  {QStringLiteral("tagValue"), QStringLiteral("v")}}}
        << QStringLiteral("InvalidInputException")
        << QStringLiteral("Invalid length for parameter tags[0].tagKey, value: 0, valid min length: 1");
}

void TestResourceServices::datasetGroupErrors()
{
    QFETCH(QString, name);
    QFETCH(QString, domain);
    QFETCH(QString, roleArn);
    QFETCH(QJsonArray, tags);
    QFETCH(QString, expectedType);
    QFETCH(QString, expectedMessage);
    TestWorkspace workspace;
    workspace->datasetGroups().create({QStringLiteral("existing"), {}, {}, {}, {}});
    const ServiceError error = expectError([&] {
        workspace->datasetGroups().create({name, domain, roleArn, {}, tags});
    });
    QCOMPARE(error.typeName(), expectedType);
    QCOMPARE(error.message(), expectedMessage);
    QCOMPARE(workspace.count("dataset_group"), 1);
}

void TestResourceServices::deleteDatasetGroupInUse()
{
    TestWorkspace workspace;
    workspace.createShop();
    QCOMPARE_ERROR(
        workspace->datasetGroups().remove(kGroupArn), ErrorCode::ResourceInUse,
        "Dataset group shop still has the event tracker shop-tracker and datasets (Interactions); delete "
        "them first");
    workspace->eventTrackers().remove(QString::fromLatin1(TestWorkspace::kTrackerArn));
    QCOMPARE_ERROR(workspace->datasetGroups().remove(kGroupArn), ErrorCode::ResourceInUse,
                   "Dataset group shop still has datasets (Interactions); delete them first");
    workspace->datasets().remove(
        QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/INTERACTIONS"));
    workspace->datasetGroups().remove(kGroupArn);
    QCOMPARE(workspace.count("dataset_group"), 0);
    QCOMPARE_ERROR(workspace->datasetGroups().remove(kGroupArn), ErrorCode::ResourceNotFound,
                   QStringLiteral("Could not find dataset group ") + kGroupArn);
}

void TestResourceServices::schemaCreateAndDelete()
{
    TestWorkspace workspace;
    const DatasetSchema schema =
        workspace->schemas().create(QStringLiteral("s"), TestWorkspace::interactionsSchema());
    QCOMPARE(schema.arn, QStringLiteral("arn:aws:personalize:us-east-1:000000000000:schema/s"));
    QCOMPARE(workspace->schemas().describe(schema.arn).definition, TestWorkspace::interactionsSchema());
    QCOMPARE(workspace->schemas().describe(schema.arn).toJson().value(QStringLiteral("schema")).toString(),
             TestWorkspace::interactionsSchema());
    workspace->schemas().remove(schema.arn);
    QCOMPARE(workspace.count("schema_def"), 0);
}

void TestResourceServices::schemaErrors()
{
    TestWorkspace workspace;
    workspace.createShop(false);
    QCOMPARE_ERROR(
        workspace->schemas().create(QStringLiteral("shop-interactions"), TestWorkspace::interactionsSchema()),
        ErrorCode::ResourceAlreadyExists,
        QStringLiteral("A schema named shop-interactions already exists: ") + kSchemaArn);
    QCOMPARE_ERROR(workspace->schemas().create(QStringLiteral("bad"), QStringLiteral("{}")),
                   ErrorCode::InvalidInput, "Invalid schema: the top-level \"type\" must be \"record\"");
    QCOMPARE_ERROR(
        workspace->schemas().create(QStringLiteral("s"), TestWorkspace::interactionsSchema(),
                                    QStringLiteral("SHOP")),
        ErrorCode::InvalidInput,
        "Invalid value for parameter domain, value: \"SHOP\", valid values: ECOMMERCE, VIDEO_ON_DEMAND");
    QCOMPARE_ERROR(workspace->schemas().remove(kSchemaArn), ErrorCode::ResourceInUse,
                   "Schema shop-interactions is used by the dataset(s) shop-interactions; delete them first");
    QCOMPARE(workspace.count("schema_def"), 1);
}

void TestResourceServices::datasetRules()
{
    TestWorkspace workspace;
    workspace.createShop(false);
    const QString itemsSchema =
        workspace->schemas()
            .create(QStringLiteral("items"), QStringLiteral(R"({"type":"record","name":"Items","fields":[)"
                                                            R"({"name":"ITEM_ID","type":"string"},)"
                                                            R"({"name":"PRICE","type":"float"}]})"))
            .arn;
    QCOMPARE_ERROR(
        workspace->datasets().create(
            {QStringLiteral("again"), kSchemaArn, kGroupArn, QStringLiteral("INTERACTIONS"), {}}),
        ErrorCode::ResourceAlreadyExists,
        "Dataset group shop already has an Interactions dataset: "
        "arn:aws:personalize:us-east-1:000000000000:dataset/shop/INTERACTIONS. A dataset group holds at "
        "most one dataset of each type");
    QCOMPARE_ERROR(workspace->datasets().create(
                       {QStringLiteral("u"), itemsSchema, kGroupArn, QStringLiteral("users"), {}}),
                   ErrorCode::InvalidInput,
                   "Invalid schema: the record is named \"Items\" but the dataset type is Users");
    QCOMPARE_ERROR(
        workspace->datasets().create(
            {QStringLiteral("x"), itemsSchema, kGroupArn, QStringLiteral("Actions"), {}}),
        ErrorCode::InvalidInput,
        "Invalid value for parameter datasetType, value: \"Actions\", valid values: Interactions, Items, "
        "Users (any case)");
    QCOMPARE_ERROR(workspace->datasets().create(
                       {QStringLiteral("x"), itemsSchema, kGroupArn, QStringLiteral("it-ems"), {}}),
                   ErrorCode::InvalidInput,
                   "Invalid value for parameter datasetType, value: \"it-ems\", valid pattern: ^[A-Za-z_]+$");
    QCOMPARE_ERROR(workspace->datasets().create({QStringLiteral("x"),
                                                 itemsSchema + QStringLiteral("nope"),
                                                 kGroupArn,
                                                 QStringLiteral("Items"),
                                                 {}}),
                   ErrorCode::ResourceNotFound,
                   QStringLiteral("Could not find schema ") + itemsSchema + QStringLiteral("nope"));
    QCOMPARE_ERROR(
        workspace->datasets().create(
            {QStringLiteral("x"), itemsSchema, kGroupArn + QStringLiteral("2"), QStringLiteral("Items"), {}}),
        ErrorCode::ResourceNotFound,
        QStringLiteral("Could not find dataset group ") + kGroupArn + QStringLiteral("2"));
    QCOMPARE(workspace.count("dataset"), 1);

    const Dataset items = workspace->datasets().create(
        {QStringLiteral("shop-items"), itemsSchema, kGroupArn, QStringLiteral("iTeMs"), {}});
    QCOMPARE(items.arn, QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/ITEMS"));
    QCOMPARE(items.type, DatasetType::Items);
    QCOMPARE(items.toJson().value(QStringLiteral("datasetType")).toString(), QStringLiteral("Items"));
    QCOMPARE(workspace->datasets().list(kGroupArn).size(), 2);

    const DatasetGroup domainGroup = workspace->datasetGroups().create(
        {QStringLiteral("media"), QStringLiteral("VIDEO_ON_DEMAND"), {}, {}, {}});
    QCOMPARE_ERROR(
        workspace->datasets().create(
            {QStringLiteral("m"), kSchemaArn, domainGroup.arn, QStringLiteral("Interactions"), {}}),
        ErrorCode::InvalidInput,
        "Schema shop-interactions is for custom dataset groups but dataset group media is "
        "VIDEO_ON_DEMAND; the domains must match");
}

void TestResourceServices::trackerCreateDescribeList()
{
    TestWorkspace workspace;
    workspace.createShop(false);
    const EventTracker tracker = workspace->eventTrackers().create(QStringLiteral("t1"), kGroupArn);
    QCOMPARE(tracker.arn, QStringLiteral("arn:aws:personalize:us-east-1:000000000000:event-tracker/t1"));
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    QVERIFY2(uuid.match(tracker.trackingId).hasMatch(), qPrintable(tracker.trackingId));
    const QJsonObject described = workspace->eventTrackers().describe(tracker.arn).toJson();
    QCOMPARE(described.value(QStringLiteral("trackingId")).toString(), tracker.trackingId);
    QCOMPARE(described.value(QStringLiteral("accountId")).toString(), QStringLiteral("000000000000"));
    QCOMPARE(described.value(QStringLiteral("datasetGroupArn")).toString(), kGroupArn);
    const QList<EventTracker> trackers = workspace->eventTrackers().list(kGroupArn);
    QCOMPARE(trackers.size(), 1);
    QVERIFY(!trackers.first().toSummaryJson().contains(QStringLiteral("trackingId")));
    QCOMPARE(workspace->eventTrackers().findByTrackingId(tracker.trackingId)->arn, tracker.arn);
}

void TestResourceServices::secondTrackerForGroupIsRefused()
{
    TestWorkspace workspace;
    workspace.createShop();
    QCOMPARE_ERROR(
        workspace->eventTrackers().create(QStringLiteral("t2"), kGroupArn), ErrorCode::ResourceAlreadyExists,
        "Dataset group shop already has the event tracker shop-tracker "
        "(arn:aws:personalize:us-east-1:000000000000:event-tracker/shop-tracker). A dataset group can have "
        "only one event tracker");
    QCOMPARE(workspace.count("event_tracker"), 1);
}

void TestResourceServices::trackerStatusMovesToActive()
{
    TestWorkspace workspace(1000);
    workspace.createShop(false);
    const EventTracker tracker = workspace->eventTrackers().create(QStringLiteral("t"), kGroupArn);
    QCOMPARE(tracker.status, QStringLiteral("CREATE PENDING"));
    workspace.clock().advanceMs(499);
    QCOMPARE(workspace->eventTrackers().describe(tracker.arn).status, QStringLiteral("CREATE PENDING"));
    workspace.clock().advanceMs(1);
    QCOMPARE(workspace->eventTrackers().describe(tracker.arn).status, QStringLiteral("CREATE IN_PROGRESS"));
    workspace.clock().advanceMs(500);
    const EventTracker active = workspace->eventTrackers().describe(tracker.arn);
    QCOMPARE(active.status, QStringLiteral("ACTIVE"));
    QCOMPARE(active.lastUpdatedMs, tracker.createdMs + 1000);
}

void TestResourceServices::trackerDeleteIsPendingThenGone()
{
    TestWorkspace workspace(1000);
    workspace.createShop();
    workspace.clock().advanceMs(1000);
    const QString arn = QString::fromLatin1(TestWorkspace::kTrackerArn);
    workspace->eventTrackers().remove(arn);
    QCOMPARE(workspace->eventTrackers().describe(arn).status, QStringLiteral("DELETE PENDING"));
    QCOMPARE_ERROR(
        workspace->eventTrackers().create(QStringLiteral("t2"), kGroupArn), ErrorCode::ResourceAlreadyExists,
        QStringLiteral("Dataset group shop already has the event tracker shop-tracker (") + arn +
            QStringLiteral("), which is being deleted. A dataset group can have only one event tracker"));
    workspace.clock().advanceMs(1000);
    QCOMPARE_ERROR(workspace->eventTrackers().describe(arn), ErrorCode::ResourceNotFound,
                   QStringLiteral("Could not find event tracker ") + arn);
    QCOMPARE(workspace->eventTrackers().list().size(), 0);
    QCOMPARE(workspace.count("dataset"), 1); // the Interactions dataset stays
    workspace->eventTrackers().create(QStringLiteral("t2"), kGroupArn);
    QCOMPARE(workspace.count("event_tracker"), 1); // the next write removed the deleted row for good
}

void TestResourceServices::trackerErrors()
{
    TestWorkspace workspace;
    workspace.createShop();
    QCOMPARE_ERROR(workspace->eventTrackers().create(QStringLiteral("t"), QStringLiteral("not-an-arn")),
                   ErrorCode::InvalidInput,
                   "Invalid value for parameter datasetGroupArn, value: \"not-an-arn\", valid pattern: "
                   "^arn:([a-z\\d-]+):personalize:.*:.*:.+$ (an ARN such as "
                   "arn:aws:personalize:us-east-1:000000000000:dataset-group/name)");
    QCOMPARE_ERROR(workspace->eventTrackers().create(QStringLiteral("t"), kGroupArn + QStringLiteral("x")),
                   ErrorCode::ResourceNotFound,
                   QStringLiteral("Could not find dataset group ") + kGroupArn + QStringLiteral("x"));
    workspace->datasetGroups().create({QStringLiteral("other"), {}, {}, {}, {}});
    QCOMPARE_ERROR(workspace->eventTrackers().create(
                       QStringLiteral("shop-tracker"),
                       QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/other")),
                   ErrorCode::ResourceAlreadyExists,
                   "An event tracker named shop-tracker already exists: "
                   "arn:aws:personalize:us-east-1:000000000000:event-tracker/shop-tracker");
    QCOMPARE_ERROR(
        workspace->eventTrackers().describe(
            QStringLiteral("arn:aws:personalize:us-east-1:000000000000:event-tracker/none")),
        ErrorCode::ResourceNotFound,
        "Could not find event tracker arn:aws:personalize:us-east-1:000000000000:event-tracker/none");
    QCOMPARE(workspace.count("event_tracker"), 1);
}

void TestResourceServices::regionAndAccountGoIntoArns()
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.region = QStringLiteral("eu-west-1");
    config.accountId = QStringLiteral("123456789012");
    config.provisioningMs = 0;
    const auto workspace = Workspace::open(dir.filePath(QStringLiteral("region.db")), config);
    const DatasetGroup group = workspace->datasetGroups().create({QStringLiteral("g"), {}, {}, {}, {}});
    QCOMPARE(group.arn, QStringLiteral("arn:aws:personalize:eu-west-1:123456789012:dataset-group/g"));
    const EventTracker tracker = workspace->eventTrackers().create(QStringLiteral("t"), group.arn);
    QCOMPARE(tracker.accountId, QStringLiteral("123456789012"));
}

QTEST_GUILESS_MAIN(TestResourceServices)
#include "TestResourceServices.moc"
