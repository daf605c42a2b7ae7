#include "AttributionReport.h"
#include "CampaignService.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "InteractionQuery.h"
#include "MetricAttributionService.h"
#include "RecommendationService.h"
#include "RecommenderService.h"
#include "RecordingService.h"
#include "ReportService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "TestWorkspace.h"

#include <QJsonArray>
#include <QTest>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {

const QString kGroupArn = QString::fromLatin1(TestWorkspace::kGroupArn);
constexpr qint64 kStart = 1795800000;

QJsonObject watch(const QString& item, qint64 sentAt, const QJsonObject& extra = {})
{
    QJsonObject event{{QStringLiteral("eventType"), QStringLiteral("watch")},
                      {QStringLiteral("sentAt"), double(sentAt)},
                      {QStringLiteral("itemId"), item}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        event.insert(it.key(), it.value());
    return event;
}

QStringList idsOf(const RecommendationList& list)
{
    QStringList ids;
    for (const RecommendedItem& item : list.items)
        ids << item.itemId;
    return ids;
}

} // namespace

// Each recipe on a small hand-made catalogue whose right answers are known: fifteen action fans
// who watch a1, a2, a1, a3 over and over, fifteen drama fans who watch d1, d2, d3. Popularity:
// a1 255, d1 180, d2 165, d3 165, a2 135, a3 120.
class TestRecommendations : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void popularityCountRecommendsTheMostChosen();
    void simsRecommendsItemsChosenTogether();
    void newUsersGetPopularItems();
    void eventsForKnownItemsChangeRecommendationsAtOnce();
    void newItemsWaitForTraining();
    void updateNowBringsNewItemsIn();
    void anonymousSessionsAreRecommendedForBySessionId();
    void linkedSessionsJoinTheirUserAtFullTraining();
    void personalizedRankingReranksTheGivenList();
    void recommendationIdsAttributeToTheCampaignAndImplyImpressions();
    void trainingNeedsTheMinimums();
    void userPersonalizationExplores();
    void trainingLetsEventsInMeanwhile();
    void trainingFiltersApply();
    void recommendersServeDomainGroups();
    void requestErrors_data();
    void requestErrors();

private:
    QString campaignFor(Recipe recipe, const QString& name);
    RecommendationList recommend(const QString& campaignArn, const QString& userId, int count = 25,
                                 const QString& itemId = {});
    Workspace& workspace() { return **m_workspace; }

    std::unique_ptr<TestWorkspace> m_workspace;
};

void TestRecommendations::init()
{
    m_workspace = std::make_unique<TestWorkspace>();
    m_workspace->createShop();
    const QStringList action = {QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a1"),
                                QStringLiteral("a3")};
    const QStringList drama = {QStringLiteral("d1"), QStringLiteral("d2"), QStringLiteral("d3")};
    for (int user = 0; user < 30; ++user) {
        const QStringList& cycle = user < 15 ? action : drama;
        QJsonArray events;
        for (int i = 0; i < 34; ++i) {
            events.append(watch(cycle.at(i % cycle.size()), kStart + user * 100 + i));
            if (events.size() == 10 || i == 33) {
                m_workspace->putEvents(events, QStringLiteral("user-%1").arg(user),
                                       QStringLiteral("s-%1").arg(user));
                events = QJsonArray();
            }
        }
    }
}

void TestRecommendations::cleanup()
{
    m_workspace.reset();
}

QString TestRecommendations::campaignFor(Recipe recipe, const QString& name)
{
    const Solution solution = workspace().solutions().create({name, kGroupArn, Recipes::arn(recipe), {}, {}});
    const SolutionVersion version = workspace().solutions().createVersion(solution.arn);
    if (version.status != QLatin1String("ACTIVE"))
        qWarning("training failed: %s", qPrintable(version.failureReason));
    return workspace().campaigns().create(name + QStringLiteral("-campaign"), version.arn).arn;
}

RecommendationList TestRecommendations::recommend(const QString& campaignArn, const QString& userId,
                                                  int count, const QString& itemId)
{
    QJsonObject request{{QStringLiteral("campaignArn"), campaignArn}, {QStringLiteral("numResults"), count}};
    if (!userId.isEmpty())
        request.insert(QStringLiteral("userId"), userId);
    if (!itemId.isEmpty())
        request.insert(QStringLiteral("itemId"), itemId);
    return workspace().recommendations().getRecommendations(request);
}

void TestRecommendations::popularityCountRecommendsTheMostChosen()
{
    const QString campaign = campaignFor(Recipe::PopularityCount, QStringLiteral("popular"));
    const RecommendationList list = recommend(campaign, QStringLiteral("user-3"));
    QCOMPARE(idsOf(list), (QStringList{QStringLiteral("a1"), QStringLiteral("d1"), QStringLiteral("d2"),
                                       QStringLiteral("d3"), QStringLiteral("a2"), QStringLiteral("a3")}));
    QVERIFY(list.recommendationId.startsWith(QStringLiteral("RID-")));
    QCOMPARE(list.recommendationId.size(), 40);
    QVERIFY(list.items.first().score > list.items.last().score);
    QCOMPARE(idsOf(recommend(campaign, QStringLiteral("user-20"), 2)),
             (QStringList{QStringLiteral("a1"), QStringLiteral("d1")}));
    const SolutionVersion version = workspace().solutions().listVersions().first();
    QCOMPARE(version.interactions, 1020);
    QCOMPARE(version.users, 30);
    QCOMPARE(version.items, 6);
}

void TestRecommendations::simsRecommendsItemsChosenTogether()
{
    const QString campaign = campaignFor(Recipe::Sims, QStringLiteral("similar"));
    const QStringList forA2 = idsOf(recommend(campaign, {}, 2, QStringLiteral("a2")));
    QCOMPARE(forA2.size(), 2);
    QVERIFY(forA2.contains(QStringLiteral("a1")) && forA2.contains(QStringLiteral("a3")));
    const QStringList forD1 = idsOf(recommend(campaign, {}, 5, QStringLiteral("d1")));
    QCOMPARE(forD1.mid(0, 2), (QStringList{QStringLiteral("d2"), QStringLiteral("d3")}));
    QVERIFY(!forD1.contains(QStringLiteral("d1")));
    // An item the model does not know: the most popular items.
    QCOMPARE(idsOf(recommend(campaign, {}, 2, QStringLiteral("never-seen"))),
             (QStringList{QStringLiteral("a1"), QStringLiteral("d1")}));
}

void TestRecommendations::newUsersGetPopularItems()
{
    const QString campaign = campaignFor(Recipe::UserPersonalization, QStringLiteral("personal"));
    QCOMPARE(idsOf(recommend(campaign, QStringLiteral("brand-new"), 3)),
             (QStringList{QStringLiteral("a1"), QStringLiteral("d1"), QStringLiteral("d2")}));
    // An action fan: nothing left to discover in action; the rest is popular drama, never what they watched.
    const QStringList fan = idsOf(recommend(campaign, QStringLiteral("user-2")));
    QCOMPARE(fan, (QStringList{QStringLiteral("d1"), QStringLiteral("d2"), QStringLiteral("d3")}));
}

void TestRecommendations::eventsForKnownItemsChangeRecommendationsAtOnce()
{
    const QString campaign = campaignFor(Recipe::UserPersonalization, QStringLiteral("personal"));
    QCOMPARE(idsOf(recommend(campaign, QStringLiteral("newbie"), 2)),
             (QStringList{QStringLiteral("a1"), QStringLiteral("d1")}));
    // One watch of d2, recorded after training: no retraining, and the next list follows it.
    m_workspace->putEvents({watch(QStringLiteral("d2"), kStart + 9000)}, QStringLiteral("newbie"),
                           QStringLiteral("s-newbie"));
    const QStringList after = idsOf(recommend(campaign, QStringLiteral("newbie"), 3));
    QCOMPARE(after.mid(0, 2), (QStringList{QStringLiteral("d1"), QStringLiteral("d3")}));
    QVERIFY(!after.contains(QStringLiteral("d2")));
}

void TestRecommendations::newItemsWaitForTraining()
{
    const Solution solution = workspace().solutions().create(
        {QStringLiteral("personal"), kGroupArn, Recipes::arn(Recipe::UserPersonalization), {}, {}});
    const SolutionVersion first = workspace().solutions().createVersion(solution.arn);
    const QString campaign =
        workspace().campaigns().create(QStringLiteral("personal-campaign"), first.arn).arn;
    // A new action film: ten action fans watch it right after a1.
    for (int user = 0; user < 10; ++user) {
        m_workspace->putEvents({watch(QStringLiteral("a1"), kStart + 20000 + user * 10),
                                watch(QStringLiteral("a-new"), kStart + 20001 + user * 10)},
                               QStringLiteral("user-%1").arg(user), QStringLiteral("s-%1").arg(user));
    }
    m_workspace->putEvents({watch(QStringLiteral("a1"), kStart + 30000)}, QStringLiteral("viewer"),
                           QStringLiteral("s-viewer"));
    QVERIFY(!idsOf(recommend(campaign, QStringLiteral("viewer"), 10)).contains(QStringLiteral("a-new")));
    m_workspace->clock().advanceMs(SolutionService::kAutomaticUpdateMs - 1000);
    QVERIFY(!idsOf(recommend(campaign, QStringLiteral("viewer"), 10)).contains(QStringLiteral("a-new")));
    // Two hours after training the model updates itself: the new film is in, without retraining. (Here,
    // without a TrainingScheduler, as on a one-shot command line, the request that finds it due runs it;
    // serve and the console run it on their timer: see TestTrainingScheduler.)
    m_workspace->clock().advanceMs(1000);
    QVERIFY(idsOf(recommend(campaign, QStringLiteral("viewer"), 10)).contains(QStringLiteral("a-new")));
    QCOMPARE(workspace().solutions().listVersions().size(), 1);
    // An UPDATE training brings them in as well, as a new solution version.
    const SolutionVersion updated =
        workspace().solutions().createVersion(solution.arn, QStringLiteral("UPDATE"));
    QCOMPARE(updated.status, QStringLiteral("ACTIVE"));
    const QString next = workspace().campaigns().create(QStringLiteral("personal-next"), updated.arn).arn;
    // It is chosen with a1 now, so it comes before the popular fill for someone who watched a1.
    const QStringList after = idsOf(recommend(next, QStringLiteral("viewer"), 10));
    QVERIFY2(after.contains(QStringLiteral("a-new")), qPrintable(after.join(QLatin1Char(','))));
    QVERIFY(after.indexOf(QStringLiteral("a-new")) < after.indexOf(QStringLiteral("d1")));
}

void TestRecommendations::updateNowBringsNewItemsIn()
{
    const QString campaign = campaignFor(Recipe::UserPersonalization, QStringLiteral("personal"));
    for (int user = 0; user < 5; ++user) {
        m_workspace->putEvents({watch(QStringLiteral("a2"), kStart + 20000 + user * 10),
                                watch(QStringLiteral("a-sequel"), kStart + 20001 + user * 10)},
                               QStringLiteral("user-%1").arg(user), QStringLiteral("s-%1").arg(user));
    }
    m_workspace->putEvents({watch(QStringLiteral("a2"), kStart + 30000)}, QStringLiteral("viewer"),
                           QStringLiteral("s-viewer"));
    QVERIFY(!idsOf(recommend(campaign, QStringLiteral("viewer"), 10)).contains(QStringLiteral("a-sequel")));
    QVERIFY(workspace().campaigns().updateNow(campaign));
    QVERIFY(idsOf(recommend(campaign, QStringLiteral("viewer"), 10)).contains(QStringLiteral("a-sequel")));
    // SIMS and Popularity-Count need retraining: updating them does nothing.
    const QString popular = campaignFor(Recipe::PopularityCount, QStringLiteral("popular"));
    QVERIFY(!workspace().campaigns().updateNow(popular));
}

void TestRecommendations::anonymousSessionsAreRecommendedForBySessionId()
{
    const QString campaign = campaignFor(Recipe::UserPersonalization, QStringLiteral("personal"));
    m_workspace->putEvents({watch(QStringLiteral("a3"), kStart + 9000)}, QString(),
                           QStringLiteral("anonymous-7"));
    const QStringList list = idsOf(recommend(campaign, QStringLiteral("anonymous-7"), 2));
    QCOMPARE(list, (QStringList{QStringLiteral("a1"), QStringLiteral("a2")}));
}

void TestRecommendations::linkedSessionsJoinTheirUserAtFullTraining()
{
    // An anonymous session that later signs in as user-40.
    m_workspace->putEvents(
        {watch(QStringLiteral("d1"), kStart + 9000), watch(QStringLiteral("d2"), kStart + 9001)}, QString(),
        QStringLiteral("before-login"));
    m_workspace->putEvents({watch(QStringLiteral("d3"), kStart + 9002)}, QStringLiteral("user-40"),
                           QStringLiteral("before-login"));
    const Solution solution = workspace().solutions().create(
        {QStringLiteral("personal"), kGroupArn, Recipes::arn(Recipe::UserPersonalization), {}, {}});
    const SolutionVersion full = workspace().solutions().createVersion(solution.arn);
    const SolutionVersion update =
        workspace().solutions().createVersion(solution.arn, QStringLiteral("UPDATE"));
    QCOMPARE(full.users, 31);   // the session's events belong to user-40
    QCOMPARE(update.users, 32); // an update keeps the session apart
    QCOMPARE(full.interactions, update.interactions);
}

void TestRecommendations::personalizedRankingReranksTheGivenList()
{
    const QString campaign = campaignFor(Recipe::PersonalizedRanking, QStringLiteral("ranking"));
    m_workspace->putEvents({watch(QStringLiteral("a1"), kStart + 9000)}, QStringLiteral("ranker"),
                           QStringLiteral("s-ranker"));
    const RecommendationList ranked = workspace().recommendations().getPersonalizedRanking(
        {{QStringLiteral("campaignArn"), campaign},
         {QStringLiteral("userId"), QStringLiteral("ranker")},
         {QStringLiteral("inputList"),
          QJsonArray{QStringLiteral("unknown"), QStringLiteral("d3"), QStringLiteral("a3"),
                     QStringLiteral("d1"), QStringLiteral("a2")}}});
    const QStringList order = idsOf(ranked);
    QCOMPARE(order.size(), 5);
    QVERIFY(order.indexOf(QStringLiteral("a2")) < 2 && order.indexOf(QStringLiteral("a3")) < 2);
    QCOMPARE(order.mid(2),
             (QStringList{QStringLiteral("d1"), QStringLiteral("d3"), QStringLiteral("unknown")}));
    QVERIFY(ranked.recommendationId.startsWith(QStringLiteral("RID-")));
}

void TestRecommendations::recommendationIdsAttributeToTheCampaignAndImplyImpressions()
{
    const QString campaign = campaignFor(Recipe::PopularityCount, QStringLiteral("popular"));
    workspace().metricAttributions().create(
        {QStringLiteral("metrics"), kGroupArn,
         QJsonArray{QJsonObject{{QStringLiteral("eventType"), QStringLiteral("click")},
                                {QStringLiteral("metricName"), QStringLiteral("CLICKS")},
                                {QStringLiteral("expression"), QStringLiteral("SAMPLECOUNT()")}}},
         QJsonObject{{QStringLiteral("roleArn"), QStringLiteral("arn:aws:iam::000000000000:role/metrics")}}});
    const RecommendationList shown = recommend(campaign, QStringLiteral("user-1"), 3);
    QJsonObject implicitClick = watch(QStringLiteral("d1"), kStart + 9000,
                                      {{QStringLiteral("recommendationId"), shown.recommendationId}});
    implicitClick.insert(QStringLiteral("eventType"), QStringLiteral("click"));
    QJsonObject explicitClick = implicitClick;
    explicitClick.insert(QStringLiteral("sentAt"), double(kStart + 9001));
    explicitClick.insert(QStringLiteral("impression"),
                         QJsonArray{QStringLiteral("d1"), QStringLiteral("x9")});
    m_workspace->putEvents({implicitClick, explicitClick}, QStringLiteral("user-1"), QStringLiteral("s-1"));

    const qint64 groupId = workspace().datasetGroups().describe(kGroupArn).id;
    const QList<InteractionRow> rows = workspace().interactions().newest(groupId, {}, 2);
    QCOMPARE(rows.at(0).source, campaign);
    QCOMPARE(rows.at(1).source, campaign);
    const EffectiveImpressions explicitOnes =
        workspace().interactions().effectiveImpressions(rows.at(0).interaction);
    QCOMPARE(explicitOnes.kind, EffectiveImpressions::Kind::Explicit);
    QCOMPARE(explicitOnes.items, (QStringList{QStringLiteral("d1"), QStringLiteral("x9")}));
    const EffectiveImpressions implicitOnes =
        workspace().interactions().effectiveImpressions(rows.at(1).interaction);
    QCOMPARE(implicitOnes.kind, EffectiveImpressions::Kind::Implicit);
    QCOMPARE(implicitOnes.items, idsOf(shown));

    const AttributionReport report =
        workspace().reports().attribution({kGroupArn, {}, kStart, kStart + 86400, 3600});
    QCOMPARE(report.totals.size(), 1);
    QCOMPARE(report.totals.first().source, campaign);
    QCOMPARE(report.totals.first().value, 2.0);
}

// While a model is computed, another connection (the endpoint, another process) records events:
// training reads a snapshot and takes the write lock only to store the model. The model is the
// snapshot's; the new event waits for the next training.
void TestRecommendations::trainingLetsEventsInMeanwhile()
{
    const auto endpoint = Workspace::open(m_workspace->path(), m_workspace->config());
    const QJsonObject request{
        {QStringLiteral("trackingId"), m_workspace->trackingId()},
        {QStringLiteral("userId"), QStringLiteral("user-1")},
        {QStringLiteral("sessionId"), QStringLiteral("s-late")},
        {QStringLiteral("eventList"), QJsonArray{watch(QStringLiteral("late"), kStart + 9999)}}};
    const Solution solution = workspace().solutions().create(
        {QStringLiteral("personal"), kGroupArn, Recipes::arn(Recipe::UserPersonalization), {}, {}});
    int calls = 0;
    PutEventsResult recorded;
    const SolutionVersion version = workspace().solutions().createVersion(
        solution.arn, QStringLiteral("FULL"), [&](qint64 eventsRead, qint64 eventsTotal) {
            if (calls++ == 0) {
                QCOMPARE(eventsRead, 1020);
                QCOMPARE(eventsTotal, 1020);
                // Were the write lock held, this would wait out the busy timeout and throw "locked".
                recorded = endpoint->recording().putEvents(request, {QStringLiteral("endpoint"), {}, {}, {}});
            }
        });
    QCOMPARE(calls, 1);
    QCOMPARE(recorded.events.size(), 1);
    QCOMPARE(version.status, QStringLiteral("ACTIVE"));
    QCOMPARE(version.interactions, 1020);
    QCOMPARE(m_workspace->count("interaction"), 1021);
}

// User-Personalization explores: of two items the user's history points to equally, the one often
// shown in impressions but seldom chosen comes later, and one with less interaction data earlier.
// Without exploration the ties would go by item ID, the other way round each time.
void TestRecommendations::userPersonalizationExplores()
{
    TestWorkspace ws;
    ws.createShop();
    qint64 at = kStart;
    for (int user = 0; user < 30; ++user) {
        // Each anchor sits between its two candidates, so both pairs weigh the same.
        ws.putEvents({watch(QStringLiteral("a-ignored"), at++), watch(QStringLiteral("anchor"), at++),
                      watch(QStringLiteral("z-fresh"), at++)},
                     QStringLiteral("fan-%1").arg(user));
        ws.putEvents({watch(QStringLiteral("a-popular"), at++), watch(QStringLiteral("anchor-2"), at++),
                      watch(QStringLiteral("z-rare"), at++)},
                     QStringLiteral("fan-%1").arg(user));
        at += 100; // far enough from the next user's events
    }
    for (int user = 0; user < 20; ++user) // a-popular: more data than z-rare, no more pairs
        ws.putEvents({watch(QStringLiteral("a-popular"), at++)}, QStringLiteral("solo-%1").arg(user));
    for (int user = 0; user < 30; ++user) { // a-ignored: shown 900 times, chosen by none of these
        QJsonArray events;
        for (int i = 0; i < 30; ++i) {
            const QString item = QStringLiteral("filler-%1").arg(i);
            events.append(watch(
                item, at++, {{QStringLiteral("impression"), QJsonArray{QStringLiteral("a-ignored"), item}}}));
            if (events.size() == 10) {
                ws.putEvents(events, QStringLiteral("viewer-%1").arg(user));
                events = QJsonArray();
            }
        }
    }
    const Solution solution = ws->solutions().create(
        {QStringLiteral("personal"), kGroupArn, Recipes::arn(Recipe::UserPersonalization), {}, {}});
    const SolutionVersion version = ws->solutions().createVersion(solution.arn);
    QCOMPARE(version.status, QStringLiteral("ACTIVE"));
    const QString campaign = ws->campaigns().create(QStringLiteral("personal-campaign"), version.arn).arn;
    const auto firstTwoFor = [&](const QString& user, const QString& item) {
        ws.putEvents({watch(item, at++)}, user);
        const RecommendationList list =
            ws->recommendations().getRecommendations({{QStringLiteral("campaignArn"), campaign},
                                                      {QStringLiteral("userId"), user},
                                                      {QStringLiteral("numResults"), 2}});
        return idsOf(list);
    };
    QCOMPARE(firstTwoFor(QStringLiteral("probe"), QStringLiteral("anchor")),
             (QStringList{QStringLiteral("z-fresh"), QStringLiteral("a-ignored")}));
    QCOMPARE(firstTwoFor(QStringLiteral("probe-2"), QStringLiteral("anchor-2")),
             (QStringList{QStringLiteral("z-rare"), QStringLiteral("a-popular")}));
}

void TestRecommendations::trainingNeedsTheMinimums()
{
    TestWorkspace small;
    small.createShop();
    small.putEvents({watch(QStringLiteral("a1"), kStart), watch(QStringLiteral("a2"), kStart + 1)});
    const Solution solution = small->solutions().create(
        {QStringLiteral("popular"), kGroupArn, Recipes::arn(Recipe::PopularityCount), {}, {}});
    const SolutionVersion version = small->solutions().createVersion(solution.arn);
    QCOMPARE(version.status, QStringLiteral("CREATE FAILED"));
    QCOMPARE(version.failureReason,
             QStringLiteral("Not enough data to train: 2 interactions and 1 user with at least 2 "
                            "of them (after the solution's filters); Amazon Personalize needs at "
                            "least 1000 and 25"));
    try {
        small->campaigns().create(QStringLiteral("c"), version.arn);
        QFAIL("a campaign was created on a failed version");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("InvalidInputException"));
        QCOMPARE(error.message(), QStringLiteral("Solution version %1 failed to train: %2")
                                      .arg(version.arn, version.failureReason));
    }
    QCOMPARE(small.count("campaign"), 0);
    QCOMPARE(small.count("model_item"), 0);
}

void TestRecommendations::trainingFiltersApply()
{
    const Solution typed = workspace().solutions().create({QStringLiteral("purchases"),
                                                           kGroupArn,
                                                           Recipes::arn(Recipe::PopularityCount),
                                                           QStringLiteral("purchase"),
                                                           {}});
    QCOMPARE(workspace().solutions().createVersion(typed.arn).status, QStringLiteral("CREATE FAILED"));
    const Solution valued = workspace().solutions().create(
        {QStringLiteral("valued"),
         kGroupArn,
         Recipes::arn(Recipe::PopularityCount),
         {},
         QJsonObject{{QStringLiteral("eventValueThreshold"), QStringLiteral("0.5")}}});
    QVERIFY(workspace()
                .solutions()
                .createVersion(valued.arn)
                .failureReason.startsWith(QStringLiteral("Not enough data to train: 0 interactions")));
    QCOMPARE(workspace()
                 .solutions()
                 .describe(valued.arn)
                 .toJson()
                 .value(QStringLiteral("solutionConfig"))
                 .toObject(),
             (QJsonObject{{QStringLiteral("eventValueThreshold"), QStringLiteral("0.5")}}));
}

void TestRecommendations::recommendersServeDomainGroups()
{
    Workspace& ws = workspace();
    const DatasetGroup videos =
        ws.datasetGroups().create({QStringLiteral("videos"), QStringLiteral("VIDEO_ON_DEMAND"), {}, {}, {}});
    const DatasetSchema schema =
        ws.schemas().create(QStringLiteral("videos-interactions"), TestWorkspace::interactionsSchema(),
                            QStringLiteral("VIDEO_ON_DEMAND"));
    ws.datasets().create(
        {QStringLiteral("videos-interactions"), schema.arn, videos.arn, QStringLiteral("Interactions"), {}});
    const EventTracker tracker = ws.eventTrackers().create(QStringLiteral("videos-tracker"), videos.arn);
    const auto put = [&](const QString& user, const QJsonArray& events) {
        ws.recording().putEvents({{QStringLiteral("trackingId"), tracker.trackingId},
                                  {QStringLiteral("userId"), user},
                                  {QStringLiteral("sessionId"), QString(QStringLiteral("s-") + user)},
                                  {QStringLiteral("eventList"), events}},
                                 {QStringLiteral("console"), {}, {}, {}});
    };
    const QString topPicks = QStringLiteral("arn:aws:personalize:::recipe/aws-vod-top-picks");

    // Refused: a custom group, the other domain's recipe; and too little data ends CREATE FAILED.
    const auto refuses = [&](const QString& groupArn, const QString& recipe, const QString& message) {
        try {
            ws.recommenders().create(QStringLiteral("picks"), groupArn, recipe);
            QFAIL("created");
        } catch (const ServiceError& error) {
            QCOMPARE(error.message(), message);
        }
    };
    refuses(kGroupArn, topPicks,
            QStringLiteral(
                "Dataset group shop is a custom dataset group; recommenders belong to domain dataset groups "
                "(ECOMMERCE, VIDEO_ON_DEMAND). Use a solution and a campaign instead"));
    refuses(
        videos.arn, QStringLiteral("arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you"),
        QStringLiteral("Invalid value for parameter recipeArn, value: \"arn:aws:personalize:::recipe/"
                       "aws-ecomm-recommended-for-you\": for the VIDEO_ON_DEMAND domain Footfall serves %1")
            .arg(topPicks));
    QCOMPARE(m_workspace->count("recommender"), 0);
    const Recommender early = ws.recommenders().create(QStringLiteral("too-early"), videos.arn, topPicks);
    QCOMPARE(early.status, QStringLiteral("CREATE FAILED"));
    QVERIFY(early.failureReason.startsWith(QStringLiteral("Not enough data to train: 0 interactions")));

    const QStringList action = {QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a1"),
                                QStringLiteral("a3")};
    const QStringList drama = {QStringLiteral("d1"), QStringLiteral("d2"), QStringLiteral("d3")};
    for (int user = 0; user < 30; ++user) {
        QJsonArray events;
        for (int i = 0; i < 34; ++i) {
            events.append(
                watch((user < 15 ? action : drama).at(i % (user < 15 ? 4 : 3)), kStart + user * 100 + i));
            if (events.size() == 10 || i == 33) {
                put(QStringLiteral("viewer-%1").arg(user), events);
                events = QJsonArray();
            }
        }
    }
    const Recommender picks = ws.recommenders().create(QStringLiteral("top-picks"), videos.arn, topPicks);
    QCOMPARE(picks.status, QStringLiteral("ACTIVE"));
    QCOMPARE(picks.arn, QStringLiteral("arn:aws:personalize:us-east-1:000000000000:recommender/top-picks"));
    QCOMPARE(ws.solutions().list().size(), 0); // its model is its own, not a listed solution
    QCOMPARE(ws.recommenders().findByArn(picks.arn)->name, QStringLiteral("top-picks"));
    QVERIFY(!ws.recommenders().findByArn(picks.arn + QStringLiteral("-missing")));

    const auto ask = [&](const QString& user) {
        return ws.recommendations().getRecommendations({{QStringLiteral("recommenderArn"), picks.arn},
                                                        {QStringLiteral("userId"), user},
                                                        {QStringLiteral("numResults"), 2}});
    };
    QCOMPARE(idsOf(ask(QStringLiteral("newcomer"))),
             (QStringList{QStringLiteral("a1"), QStringLiteral("d1")}));
    // Real time: one event and the next picks follow it, without retraining.
    put(QStringLiteral("newcomer"), {watch(QStringLiteral("d2"), kStart + 9000)});
    const RecommendationList next = ask(QStringLiteral("newcomer"));
    QCOMPARE(idsOf(next), (QStringList{QStringLiteral("d1"), QStringLiteral("d3")}));
    // A click on the list is attributed to the recommender.
    put(QStringLiteral("newcomer"), {watch(QStringLiteral("d1"), kStart + 9001,
                                           {{QStringLiteral("recommendationId"), next.recommendationId}})});
    const InteractionRow click = ws.interactions().newest(videos.id, {}, 1).first();
    QCOMPARE(click.source, picks.arn);
    QCOMPARE(ws.recommenders().list(videos.arn).size(), 2);
    ws.recommenders().remove(picks.arn);
    QCOMPARE(ws.recommenders().list(videos.arn).size(), 1);

    // Created without training: its model waits, and it does not serve until trained.
    const Recommender later = ws.recommenders().create(QStringLiteral("later"), videos.arn, topPicks, false);
    QCOMPARE(later.status, QStringLiteral("CREATE PENDING"));
    try {
        ws.recommendations().getRecommendations(
            {{QStringLiteral("recommenderArn"), later.arn}, {QStringLiteral("userId"), QStringLiteral("v")}});
        QFAIL("an untrained recommender served");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("ResourceInUseException"));
        QCOMPARE(error.message(),
                 QStringLiteral(
                     "Recommender later is CREATE PENDING; it serves recommendations once it is ACTIVE"));
    }
    ws.recommenders().train(later.arn);
    QCOMPARE(ws.recommenders().describe(later.arn).status, QStringLiteral("ACTIVE"));
}

void TestRecommendations::requestErrors_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    const QString campaign = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:campaign/");
    QTest::newRow("501 results")
        << QJsonObject{{QStringLiteral("campaignArn"),
                        QString(campaign + QStringLiteral("popular-campaign"))},
                       {QStringLiteral("numResults"), 501}}
        << QStringLiteral("InvalidInputException")
        << QStringLiteral("Invalid value for parameter numResults, value: 501, valid max value: 500");
    QTest::newRow("no campaign") << QJsonObject{{QStringLiteral("userId"), QStringLiteral("u")}}
                                 << QStringLiteral("InvalidInputException")
                                 << QStringLiteral("Missing required parameter in input: \"campaignArn\"");
    QTest::newRow("unknown campaign")
        << QJsonObject{{QStringLiteral("campaignArn"), QString(campaign + QStringLiteral("nope"))}}
        << QStringLiteral("ResourceNotFoundException")
        << QStringLiteral("Could not find campaign %1nope").arg(campaign);
    QTest::newRow("SIMS without itemId")
        << QJsonObject{{QStringLiteral("campaignArn"),
                        QString(campaign + QStringLiteral("similar-campaign"))}}
        << QStringLiteral("InvalidInputException")
        << QStringLiteral("Campaign similar-campaign uses SIMS, which recommends items like a given one: "
                          "itemId is required");
    QTest::newRow("User-Personalization without userId")
        << QJsonObject{{QStringLiteral("campaignArn"),
                        QString(campaign + QStringLiteral("personal-campaign"))}}
        << QStringLiteral("InvalidInputException")
        << QStringLiteral(
               "Campaign personal-campaign uses User-Personalization: userId is required (a sessionId works "
               "for anonymous users)");
    QTest::newRow("a filter")
        << QJsonObject{{QStringLiteral("campaignArn"),
                        QString(campaign + QStringLiteral("popular-campaign"))},
                       {QStringLiteral("filterArn"), QStringLiteral("arn:f")}}
        << QStringLiteral("InvalidInputException")
        << QStringLiteral("Unknown parameter in input: \"filterArn\", must be one of: campaignArn, "
                          "itemId, userId, numResults, recommenderArn");
}

void TestRecommendations::requestErrors()
{
    QFETCH(QJsonObject, request);
    QFETCH(QString, type);
    QFETCH(QString, message);
    campaignFor(Recipe::PopularityCount, QStringLiteral("popular"));
    campaignFor(Recipe::Sims, QStringLiteral("similar"));
    campaignFor(Recipe::UserPersonalization, QStringLiteral("personal"));
    const int issued = m_workspace->count("recommendation");
    try {
        workspace().recommendations().getRecommendations(request);
        QFAIL("recommended");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), type);
        QCOMPARE(error.message(), message);
    }
    QCOMPARE(m_workspace->count("recommendation"), issued);
}

QTEST_GUILESS_MAIN(TestRecommendations)
#include "TestRecommendations.moc"
