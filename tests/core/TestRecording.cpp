#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "InteractionQuery.h"
#include "MetadataRecordService.h"
#include "ReadinessService.h"
#include "RecordingService.h"
#include "RequestLogService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "TestWorkspace.h"
#include "TransactionGuard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {

const QString kTrackerArn = QString::fromLatin1(footfall::test::TestWorkspace::kTrackerArn);

QJsonObject makeEvent(const QString& type, qint64 sentAt, const QString& item, const QJsonObject& extra = {})
{
    QJsonObject object{{QStringLiteral("eventType"), type},
                       {QStringLiteral("sentAt"), double(sentAt)},
                       {QStringLiteral("itemId"), item}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace

Q_DECLARE_METATYPE(footfall::Interaction)

class TestRecording : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void recordsAndLogs();
    void rejectedRequestStoresOnlyItsLogEntry();
    void oneRequestIsOneTransaction();
    void identicalEventsAreKeptOnce_data();
    void identicalEventsAreKeptOnce();
    void duplicatesWithinOneRequest();
    void contentHashIsStable_data();
    void contentHashIsStable();
    void reusedEventIdIsNotForTraining();
    void anonymousEventsCountOnceLinked();
    void readinessFiltersAndMinimums();
    void trackerProblems_data();
    void trackerProblems();
    void explicitImpressionsAreEffective();
    void deletingInteractionsDatasetDeletesItsEvents();
    void putUsersAndItems();
    void putItemsErrors_data();
    void putItemsErrors();
    void groupSharesLookupsOnlyWhileOpen();

private:
    QJsonObject request(const QJsonArray& events, const QString& userId = QStringLiteral("u1"),
                        const QString& sessionId = QStringLiteral("s1")) const;
    PutEventsResult put(const QJsonArray& events, const QString& userId = QStringLiteral("u1"),
                        const QString& sessionId = QStringLiteral("s1"));
    qint64 groupId()
    {
        return (*m_workspace)->datasetGroups().describe(QLatin1String(TestWorkspace::kGroupArn)).id;
    }

    std::unique_ptr<TestWorkspace> m_workspace;
    QString m_trackingId;
};

void TestRecording::init()
{
    m_workspace = std::make_unique<TestWorkspace>();
    m_workspace->createShop();
    m_trackingId = (*m_workspace)->eventTrackers().describe(kTrackerArn).trackingId;
}

void TestRecording::cleanup()
{
    m_workspace.reset();
}

QJsonObject TestRecording::request(const QJsonArray& events, const QString& userId,
                                   const QString& sessionId) const
{
    QJsonObject object{{QStringLiteral("trackingId"), m_trackingId},
                       {QStringLiteral("sessionId"), sessionId},
                       {QStringLiteral("eventList"), events}};
    if (!userId.isEmpty())
        object.insert(QStringLiteral("userId"), userId);
    return object;
}

PutEventsResult TestRecording::put(const QJsonArray& events, const QString& userId, const QString& sessionId)
{
    return (*m_workspace)
        ->recording()
        .putEvents(request(events, userId, sessionId), {QStringLiteral("console"), {}, {}, {}});
}

void TestRecording::recordsAndLogs()
{
    const qint64 sentAt = m_workspace->clock().nowMs() / 1000;
    const PutEventsResult result = put(
        {makeEvent(QStringLiteral("click"), sentAt, QStringLiteral("i1"),
                   {{QStringLiteral("eventValue"), 2.5},
                    {QStringLiteral("impression"), QJsonArray{QStringLiteral("i1"), QStringLiteral("i2")}},
                    {QStringLiteral("recommendationId"), QStringLiteral("RID-1")},
                    {QStringLiteral("metricAttribution"),
                     QJsonObject{{QStringLiteral("eventAttributionSource"), QStringLiteral("email")}}}}),
         makeEvent(QStringLiteral("buy"), sentAt, QStringLiteral("i2"))});
    QCOMPARE(result.recorded, 2);
    QCOMPARE(result.duplicates, 0);
    QVERIFY(result.warnings.isEmpty());

    const QList<InteractionRow> rows = (*m_workspace)->interactions().newest(groupId(), {}, 10);
    QCOMPARE(rows.size(), 2);
    const Interaction& click = rows.at(1).interaction;
    QCOMPARE(click.eventType, QStringLiteral("click"));
    QCOMPARE(click.sentAtMs, sentAt * 1000);
    QCOMPARE(click.userId, QStringLiteral("u1"));
    QCOMPARE(click.sessionId, QStringLiteral("s1"));
    QCOMPARE(click.eventValue, std::optional<double>(2.5));
    QCOMPARE(click.impression, (QStringList{QStringLiteral("i1"), QStringLiteral("i2")}));
    QCOMPARE(click.recommendationId, QStringLiteral("RID-1"));
    QCOMPARE(click.attributionSource, QStringLiteral("email"));
    QCOMPARE(rows.at(1).requestId, result.requestId);

    const auto logged = (*m_workspace)->requestLog().find(result.requestId);
    QVERIFY(logged);
    QCOMPARE(logged->outcome, QStringLiteral("accepted"));
    QCOMPARE(logged->channel, QStringLiteral("console"));
    QCOMPARE(logged->trackerArn, kTrackerArn);
    QCOMPARE(logged->eventCount, 2);
    QCOMPARE(logged->recordedCount, 2);
    QVERIFY(logged->body.contains(QStringLiteral("\"RID-1\"")));
}

void TestRecording::rejectedRequestStoresOnlyItsLogEntry()
{
    QJsonArray tooMany;
    for (int i = 0; i < 11; ++i)
        tooMany.append(makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i%1").arg(i)));
    try {
        put(tooMany);
        QFAIL("accepted 11 events");
    } catch (const ServiceError& error) {
        QCOMPARE(error.message(),
                 QStringLiteral("Invalid length for parameter eventList, value: 11, valid max length: 10"));
    }
    QCOMPARE(m_workspace->count("interaction"), 0);
    QCOMPARE(m_workspace->count("session_link"), 0);
    const QList<RequestLogEntry> log = (*m_workspace)->requestLog().list({}, 10);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().outcome, QStringLiteral("rejected"));
    QCOMPARE(log.first().errorType, QStringLiteral("InvalidInputException"));
    QCOMPARE(log.first().errorMessage,
             QStringLiteral("Invalid length for parameter eventList, value: 11, valid max length: 10"));
    QCOMPARE(log.first().eventCount, 11);
}

void TestRecording::oneRequestIsOneTransaction()
{
    try {
        put({makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1")),
             makeEvent(QStringLiteral("click"), 1795890001, QStringLiteral("i2")),
             makeEvent(QStringLiteral("click"), 1795890002, QStringLiteral("i3"),
                       {{QStringLiteral("properties"), QStringLiteral("{\"colour\": \"red\"}")}})});
        QFAIL("accepted an unknown property");
    } catch (const ServiceError& error) {
        QCOMPARE(
            error.message(),
            QStringLiteral("Invalid value for parameter eventList[2].properties: unknown key \"colour\"; "
                           "the Interactions schema has no metadata columns, so properties must be empty"));
    }
    QCOMPARE(m_workspace->count("interaction"), 0);
}

void TestRecording::identicalEventsAreKeptOnce_data()
{
    QTest::addColumn<QJsonObject>("first");
    QTest::addColumn<QJsonObject>("second");
    QTest::addColumn<bool>("duplicate");
    const QJsonObject base = makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"));
    QTest::newRow("identical") << base << base << true;
    QTest::newRow("other sentAt") << base
                                  << makeEvent(QStringLiteral("click"), 1795890001, QStringLiteral("i1"))
                                  << false;
    QTest::newRow("other item") << base
                                << makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i2"))
                                << false;
    QTest::newRow("other eventId only")
        << makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"),
                     {{QStringLiteral("eventId"), QStringLiteral("a")}})
        << makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"),
                     {{QStringLiteral("eventId"), QStringLiteral("b")}})
        << true;
    QTest::newRow("impressions in another order")
        << makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"),
                     {{QStringLiteral("impression"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}})
        << makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"),
                     {{QStringLiteral("impression"), QJsonArray{QStringLiteral("b"), QStringLiteral("a")}}})
        << true;
    QTest::newRow("other source") << makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"),
                                               {{QStringLiteral("metricAttribution"),
                                                 QJsonObject{{QStringLiteral("eventAttributionSource"),
                                                              QStringLiteral("a")}}}})
                                  << base << false;
    QTest::newRow("other value") << makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"),
                                              {{QStringLiteral("eventValue"), 1.0}})
                                 << makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"),
                                              {{QStringLiteral("eventValue"), 2.0}})
                                 << false;
}

void TestRecording::identicalEventsAreKeptOnce()
{
    QFETCH(QJsonObject, first);
    QFETCH(QJsonObject, second);
    QFETCH(bool, duplicate);
    put({first});
    const PutEventsResult result = put({second});
    QCOMPARE(result.duplicates, duplicate ? 1 : 0);
    QCOMPARE(m_workspace->count("interaction"), duplicate ? 1 : 2);
    if (duplicate) {
        const InteractionRow row = (*m_workspace)->interactions().newest(groupId(), {}, 1).first();
        QCOMPARE(row.duplicateCount, 1);
        const QList<DuplicateArrival> arrivals =
            (*m_workspace)->interactions().duplicateArrivals(row.interaction.id);
        QCOMPARE(arrivals.size(), 1);
        QCOMPARE(arrivals.first().requestId, result.requestId);
        QCOMPARE((*m_workspace)->requestLog().find(result.requestId)->outcome, QStringLiteral("duplicate"));
    }
}

// Stored events keep the hash they were given: a change of the formula would stop a new event from
// being recognised as a duplicate of an older one. These values were computed by the first formula.
void TestRecording::contentHashIsStable_data()
{
    QTest::addColumn<Interaction>("interaction");
    QTest::addColumn<QString>("expected");
    Interaction base;
    base.userId = QStringLiteral("user-1");
    base.itemId = QStringLiteral("item-7");
    base.eventType = QStringLiteral("click");
    QTest::newRow("user, item, type") << base << QStringLiteral("17bc49fd34f39435ddf9b14ac7e5927a7fcb7f43");
    Interaction anonymous = base;
    anonymous.userId.clear();
    anonymous.sessionId = QStringLiteral("session-\u00e9\u4e2d");
    QTest::newRow("anonymous, non-ASCII session")
        << anonymous << QStringLiteral("a1888a2366c8e5609b3ad9f3f47cc93edbcd7382");
    // A lone surrogate (JSON can carry one) is encoded alone; it does not spill into the next part.
    Interaction surrogate = base;
    surrogate.userId = QStringLiteral("user-") + QChar(0xD800);
    QTest::newRow("lone surrogate") << surrogate
                                    << QStringLiteral("40b292e0fa2166a68bcbb240fe66e29c7b55e76a");
    // Integers take a shorter way to their text than other values; both must give the first text.
    const QList<QPair<double, const char*>> values{
        {3.0, "a5966e4ba010fb76b57d2dd9d2fe9b9ba41eaf68"},
        {-0.0, "b2aceaa04999d6fd87d15c1e7824e74b79d5e720"},
        {0.0, "b2aceaa04999d6fd87d15c1e7824e74b79d5e720"},
        {2.5, "8c66ae31fec76c46c304168d7262c30c62c95f31"},
        {1e15, "044a13aa122d357a9dfa40acfeabda571bf717d7"},
        {1e16, "e5cdfc7b45ea6122c07b24ef9fb0777cc666386d"},
        {1e17, "7cf6a571231ab6938333de66eb6fb2869fef9ddc"},
        {123456789012345678.0, "f6a226d7df55eb32172e078c1ae89de63ec3a4a6"},
        {-42.0, "a72619bce6ee4d56751e70174ee7d8d817d5660d"},
        {0.1, "90c3fd2509ef2215f986ace0f752f9ee22969212"},
        {1e-7, "e10f71d484a7e8652b6e9a288f375293a0356b6f"},
        {4503599627370497.0, "db1fdf1be2fcf9a7200ac80d974b514416759af6"},
    };
    for (const auto& [value, hash] : values) {
        Interaction valued = base;
        valued.eventValue = value;
        QTest::addRow("value %.17g", value) << valued << QString::fromLatin1(hash);
    }
    Interaction full = base;
    full.eventValue = 4.0;
    full.properties =
        QJsonObject{{QStringLiteral("NUM_RATINGS"), 4}, {QStringLiteral("DEVICE"), QStringLiteral("tv")}};
    full.impression = QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")};
    full.recommendationId = QStringLiteral("RID-1");
    full.attributionSource = QStringLiteral("email");
    QTest::newRow("every field") << full << QStringLiteral("573f130b1f2443d5fcf63f6b3a4fe95cc2bb933c");
}

void TestRecording::contentHashIsStable()
{
    QFETCH(Interaction, interaction);
    QFETCH(QString, expected);
    QCOMPARE(interaction.contentHash(), expected);
}

void TestRecording::duplicatesWithinOneRequest()
{
    const QJsonObject click = makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"));
    const PutEventsResult result =
        put({click, click, makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i2"))});
    QCOMPARE(result.recorded, 2);
    QCOMPARE(result.duplicates, 1);
    QCOMPARE(result.events.at(1).outcome, InteractionWriter::Outcome::Duplicate);
    QCOMPARE(result.events.at(1).interactionId, result.events.at(0).interactionId);
    const auto logged = (*m_workspace)->requestLog().find(result.requestId);
    QCOMPARE(logged->outcome, QStringLiteral("partly duplicate"));
    QCOMPARE(logged->duplicateCount, 1);
}

void TestRecording::reusedEventIdIsNotForTraining()
{
    put({makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"),
                   {{QStringLiteral("eventId"), QStringLiteral("e1")}})});
    const PutEventsResult result = put({makeEvent(QStringLiteral("buy"), 1795890100, QStringLiteral("i1"),
                                                  {{QStringLiteral("eventId"), QStringLiteral("e1")}})});
    QCOMPARE(result.recorded, 1);
    QCOMPARE(result.notForTraining, 1);
    QCOMPARE(m_workspace->count("interaction"), 2);
    const InteractionRow newest = (*m_workspace)->interactions().newest(groupId(), {}, 1).first();
    QVERIFY(newest.notForTraining);
    const Readiness readiness = (*m_workspace)->readiness().compute(groupId());
    QCOMPARE(readiness.interactions, 1);
    QCOMPARE(readiness.notForTraining, 1);
}

void TestRecording::anonymousEventsCountOnceLinked()
{
    put({makeEvent(QStringLiteral("view"), 1795890000, QStringLiteral("i1")),
         makeEvent(QStringLiteral("view"), 1795890001, QStringLiteral("i2"))},
        QString(), QStringLiteral("anon-1"));
    Readiness readiness = (*m_workspace)->readiness().compute(groupId());
    QCOMPARE(readiness.interactions, 0);
    QCOMPARE(readiness.anonymousPending, 2);
    QCOMPARE((*m_workspace)->interactions().newest(groupId(), {}, 1).first().interaction.isAnonymous(), true);

    put({makeEvent(QStringLiteral("buy"), 1795890100, QStringLiteral("i1"))}, QStringLiteral("alice"),
        QStringLiteral("anon-1"));
    readiness = (*m_workspace)->readiness().compute(groupId());
    QCOMPARE(readiness.anonymousPending, 0);
    QCOMPARE(readiness.anonymousLinked, 2);
    QCOMPARE(readiness.interactions, 3);
    QCOMPARE(readiness.users, 1);
    QCOMPARE(readiness.usersWithTwoOrMore, 1);
    const InteractionRow anonymous = (*m_workspace)->interactions().oldest(groupId(), {}, 1).first();
    QCOMPARE(anonymous.linkedUserId, QStringLiteral("alice"));
    QCOMPARE((*m_workspace)->interactions().anonymousEventsOfSession(groupId(), QStringLiteral("anon-1")), 2);
    InteractionFilter bySession;
    bySession.sessionId = QStringLiteral("anon-1");
    QCOMPARE((*m_workspace)->interactions().count(groupId(), bySession), 3);
}

void TestRecording::readinessFiltersAndMinimums()
{
    // 25 users with 2 events each, and 950 more from one user: exactly the minimums.
    qint64 sentAt = 1795800000;
    for (int user = 0; user < 25; ++user) {
        put({makeEvent(QStringLiteral("click"), ++sentAt, QStringLiteral("i1"),
                       {{QStringLiteral("eventValue"), 1.0}}),
             makeEvent(QStringLiteral("buy"), ++sentAt, QStringLiteral("i2"),
                       {{QStringLiteral("eventValue"), 5.0}})},
            QStringLiteral("user%1").arg(user));
    }
    for (int batch = 0; batch < 95; ++batch) {
        QJsonArray events;
        for (int i = 0; i < 10; ++i)
            events.append(makeEvent(QStringLiteral("click"), ++sentAt, QStringLiteral("i3"),
                                    {{QStringLiteral("eventValue"), 1.0}}));
        put(events, QStringLiteral("user0"));
    }
    Readiness readiness = (*m_workspace)->readiness().compute(groupId());
    QCOMPARE(readiness.interactions, 1000);
    QCOMPARE(readiness.usersWithTwoOrMore, 25);
    QVERIFY(readiness.isReady());

    ReadinessFilter buys;
    buys.eventTypes = {QStringLiteral("buy")};
    readiness = (*m_workspace)->readiness().compute(groupId(), buys);
    QCOMPARE(readiness.interactions, 25);
    QCOMPARE(readiness.usersWithTwoOrMore, 0);
    QCOMPARE(readiness.filteredOut, 975);
    QVERIFY(!readiness.isReady());

    ReadinessFilter valuable;
    valuable.minEventValue = 2.0;
    QCOMPARE((*m_workspace)->readiness().compute(groupId(), valuable).interactions, 25);
}

void TestRecording::trackerProblems_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("expectedType");
    QTest::addColumn<QString>("expectedMessage");
    QTest::newRow("unknown tracking ID")
        << QStringLiteral("unknown") << QStringLiteral("ResourceNotFoundException")
        << QStringLiteral("Could not find an event tracker with the tracking ID nope");
    QTest::newRow("tracker not active")
        << QStringLiteral("pending") << QStringLiteral("ResourceInUseException")
        << QStringLiteral("Event tracker t2 is CREATE PENDING; it accepts events once it is ACTIVE");
    QTest::newRow("no Interactions dataset")
        << QStringLiteral("no dataset") << QStringLiteral("ResourceNotFoundException")
        << QStringLiteral("Dataset group empty has no Interactions dataset; create one "
                          "before recording events with event tracker t2");
}

void TestRecording::trackerProblems()
{
    QFETCH(QString, problem);
    QFETCH(QString, expectedType);
    QFETCH(QString, expectedMessage);
    TestWorkspace workspace(problem == QLatin1String("pending") ? 1000 : 0);
    workspace.createShop(false);
    QString trackingId = QStringLiteral("nope");
    if (problem == QLatin1String("pending")) {
        trackingId = workspace->eventTrackers()
                         .create(QStringLiteral("t2"), QLatin1String(TestWorkspace::kGroupArn))
                         .trackingId;
    } else if (problem == QLatin1String("no dataset")) {
        const DatasetGroup empty =
            workspace->datasetGroups().create({QStringLiteral("empty"), {}, {}, {}, {}});
        trackingId = workspace->eventTrackers().create(QStringLiteral("t2"), empty.arn).trackingId;
    }
    const QJsonObject input{
        {QStringLiteral("trackingId"), trackingId},
        {QStringLiteral("sessionId"), QStringLiteral("s")},
        {QStringLiteral("eventList"),
         QJsonArray{makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i"))}}};
    try {
        workspace->recording().putEvents(input, {QStringLiteral("cli"), {}, {}, {}});
        QFAIL("accepted");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), expectedType);
        QCOMPARE(error.message(), expectedMessage);
    }
    QCOMPARE(workspace.count("interaction"), 0);
    QCOMPARE(workspace->requestLog().list({}, 5).first().errorType, expectedType);
}

void TestRecording::explicitImpressionsAreEffective()
{
    put({makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"),
                   {{QStringLiteral("impression"), QJsonArray{QStringLiteral("i1"), QStringLiteral("i7")}},
                    {QStringLiteral("recommendationId"), QStringLiteral("RID-x")}}),
         makeEvent(QStringLiteral("click"), 1795890001, QStringLiteral("i2"),
                   {{QStringLiteral("recommendationId"), QStringLiteral("RID-x")}}),
         makeEvent(QStringLiteral("click"), 1795890002, QStringLiteral("i3"))});
    const QList<InteractionRow> rows = (*m_workspace)->interactions().oldest(groupId(), {}, 3);
    const EffectiveImpressions explicitOnes = EffectiveImpressions::of(rows.at(0).interaction);
    QCOMPARE(explicitOnes.kind, EffectiveImpressions::Kind::Explicit);
    QCOMPARE(explicitOnes.items, (QStringList{QStringLiteral("i1"), QStringLiteral("i7")}));
    QCOMPARE(EffectiveImpressions::of(rows.at(1).interaction).kind, EffectiveImpressions::Kind::Unresolved);
    QCOMPARE(EffectiveImpressions::of(rows.at(2).interaction).kind, EffectiveImpressions::Kind::None);
}

void TestRecording::deletingInteractionsDatasetDeletesItsEvents()
{
    put({makeEvent(QStringLiteral("click"), 1795890000, QStringLiteral("i1"))}, QStringLiteral("u1"),
        QStringLiteral("s9"));
    QCOMPARE(m_workspace->count("interaction"), 1);
    (*m_workspace)
        ->datasets()
        .remove(QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/INTERACTIONS"));
    QCOMPARE(m_workspace->count("interaction"), 0);
    QCOMPARE(m_workspace->count("session_link"), 0);
    QCOMPARE(m_workspace->count("request_log"), 1);
}

void TestRecording::putUsersAndItems()
{
    Workspace& workspace = **m_workspace;
    const QString groupArn = QLatin1String(TestWorkspace::kGroupArn);
    const QString itemsSchema =
        workspace.schemas()
            .create(QStringLiteral("items"),
                    QStringLiteral(R"({"type":"record","name":"Items","fields":[)"
                                   R"({"name":"ITEM_ID","type":"string"},)"
                                   R"({"name":"PRICE","type":"float"},)"
                                   R"({"name":"GENRES","type":["null","string"],"categorical":true}]})"))
            .arn;
    const Dataset items = workspace.datasets().create(
        {QStringLiteral("shop-items"), itemsSchema, groupArn, QStringLiteral("Items"), {}});
    const QJsonObject put{
        {QStringLiteral("datasetArn"), items.arn},
        {QStringLiteral("items"),
         QJsonArray{QJsonObject{{QStringLiteral("itemId"), QStringLiteral("i1")},
                                {QStringLiteral("properties"),
                                 QStringLiteral(R"({"price": "9.5", "genres": "Horror|Action"})")}},
                    QJsonObject{{QStringLiteral("itemId"), QStringLiteral("i2")}}}}};
    QCOMPARE(workspace.metadataRecords().putItems(put, {QStringLiteral("cli"), {}, {}, {}}), 2);
    const auto record = workspace.metadataRecords().findItem(items.id, QStringLiteral("i1"));
    QVERIFY(record);
    QCOMPARE(record->properties.value(QStringLiteral("PRICE")).toDouble(), 9.5);
    QCOMPARE(record->properties.value(QStringLiteral("GENRES")).toString(), QStringLiteral("Horror|Action"));
    // A second put replaces the record.
    QJsonObject again = put;
    again.insert(QStringLiteral("items"),
                 QJsonArray{QJsonObject{{QStringLiteral("itemId"), QStringLiteral("i1")},
                                        {QStringLiteral("properties"), QStringLiteral(R"({"price": 12})")}}});
    workspace.metadataRecords().putItems(again, {QStringLiteral("cli"), {}, {}, {}});
    QCOMPARE(workspace.metadataRecords()
                 .findItem(items.id, QStringLiteral("i1"))
                 ->properties.value(QStringLiteral("PRICE"))
                 .toDouble(),
             12.0);
    QCOMPARE(workspace.metadataRecords().countRecords(items.id, DatasetType::Items), 2);
    QCOMPARE(workspace.requestLog().list({}, 1).first().operation, QStringLiteral("PutItems"));

    const QString usersSchema =
        workspace.schemas()
            .create(QStringLiteral("users"), QStringLiteral(R"({"type":"record","name":"Users","fields":[)"
                                                            R"({"name":"USER_ID","type":"string"},)"
                                                            R"({"name":"AGE","type":["null","int"]}]})"))
            .arn;
    const Dataset users = workspace.datasets().create(
        {QStringLiteral("shop-users"), usersSchema, groupArn, QStringLiteral("Users"), {}});
    const QJsonObject user{{QStringLiteral("userId"), QStringLiteral("u1")},
                           {QStringLiteral("properties"), QStringLiteral(R"({"age": 30})")}};
    const QJsonObject putUsers{{QStringLiteral("datasetArn"), users.arn},
                               {QStringLiteral("users"), QJsonArray{user}}};
    workspace.metadataRecords().putUsers(putUsers, {QStringLiteral("cli"), {}, {}, {}});
    QCOMPARE(workspace.metadataRecords()
                 .findUser(users.id, QStringLiteral("u1"))
                 ->properties.value(QStringLiteral("AGE"))
                 .toInt(),
             30);
}

void TestRecording::putItemsErrors_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("expectedType");
    QTest::addColumn<QString>("expectedMessage");
    const QString interactionsArn =
        QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/INTERACTIONS");
    const QJsonArray oneItem{QJsonObject{{QStringLiteral("itemId"), QStringLiteral("i1")}}};
    QTest::newRow("Interactions dataset")
        << QJsonObject{{QStringLiteral("datasetArn"), interactionsArn}, {QStringLiteral("items"), oneItem}}
        << QStringLiteral("InvalidInputException")
        << QStringLiteral("Dataset %1 is an Interactions dataset; PutItems writes to an Items dataset")
               .arg(interactionsArn);
    QTest::newRow("unknown dataset") << QJsonObject{{QStringLiteral("datasetArn"),
                                                     QString(interactionsArn + QStringLiteral("X"))},
                                                    {QStringLiteral("items"), oneItem}}
                                     << QStringLiteral("ResourceNotFoundException")
                                     << QStringLiteral("Could not find dataset %1X").arg(interactionsArn);
    QJsonArray eleven;
    for (int i = 0; i < 11; ++i)
        eleven.append(QJsonObject{{QStringLiteral("itemId"), QStringLiteral("i%1").arg(i)}});
    QTest::newRow("11 items") << QJsonObject{{QStringLiteral("datasetArn"), interactionsArn},
                                             {QStringLiteral("items"), eleven}}
                              << QStringLiteral("InvalidInputException")
                              << QStringLiteral(
                                     "Invalid length for parameter items, value: 11, valid max length: 10");
    QTest::newRow("missing itemId") << QJsonObject{{QStringLiteral("datasetArn"), interactionsArn},
                                                   {QStringLiteral("items"),
                                                    QJsonArray{QJsonObject{{QStringLiteral("properties"),
                                                                            QStringLiteral("{}")}}}}}
                                    << QStringLiteral("InvalidInputException")
                                    << QStringLiteral("Missing required parameter in items[0]: \"itemId\"");
}

void TestRecording::putItemsErrors()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, expectedType);
    QFETCH(QString, expectedMessage);
    try {
        (*m_workspace)->metadataRecords().putItems(input, {QStringLiteral("cli"), {}, {}, {}});
        QFAIL("accepted");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), expectedType);
        QCOMPARE(error.message(), expectedMessage);
    }
    QCOMPARE(m_workspace->count("item_record"), 0);
    QCOMPARE((*m_workspace)->requestLog().list({}, 1).first().outcome, QStringLiteral("rejected"));
}

// The endpoint's writer opens a group around the requests of one transaction; they look their
// tracker and their group's metrics up once. Outside a group, and in the next transaction, every
// request looks again: a tracker deleted in between is not found.
void TestRecording::groupSharesLookupsOnlyWhileOpen()
{
    Workspace& workspace = **m_workspace;
    const qint64 sentAt = m_workspace->clock().nowMs() / 1000;
    {
        TransactionGuard group(workspace.database());
        workspace.recording().beginGroup();
        for (int i = 0; i < 3; ++i) {
            TransactionGuard request(workspace.database());
            QCOMPARE(put({makeEvent(QStringLiteral("click"), sentAt + i, QStringLiteral("i1"))}).recorded, 1);
            request.commit();
        }
        workspace.recording().endGroup();
        group.commit();
    }
    QCOMPARE(workspace.interactions().newest(groupId(), {}, 10).size(), 3);

    {
        // A group left open by mistake does not outlive its transaction.
        TransactionGuard group(workspace.database());
        workspace.recording().beginGroup();
        TransactionGuard request(workspace.database());
        put({makeEvent(QStringLiteral("click"), sentAt + 10, QStringLiteral("i1"))});
        request.commit();
        group.commit();
    }
    workspace.eventTrackers().remove(kTrackerArn);
    for (int attempt = 0; attempt < 2; ++attempt) {
        TransactionGuard group(workspace.database());
        TransactionGuard request(workspace.database());
        try {
            put({makeEvent(QStringLiteral("click"), sentAt + 20, QStringLiteral("i1"))});
            QFAIL("a deleted tracker accepted events");
        } catch (const ServiceError& error) {
            QCOMPARE(error.code(), ErrorCode::ResourceNotFound);
        }
    }
    QCOMPARE(workspace.interactions().newest(groupId(), {}, 10).size(), 4);
}

QTEST_GUILESS_MAIN(TestRecording)
#include "TestRecording.moc"
