#include "CampaignService.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "RecommendationService.h"
#include "RecommenderService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "TestWorkspace.h"
#include "TrainerProcess.h"
#include "TrainingScheduler.h"

#include <QJsonArray>
#include <QProcess>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {

const QString kGroupArn = QString::fromLatin1(TestWorkspace::kGroupArn);
constexpr qint64 kStart = 1795800000;

QJsonObject watch(const QString& item, qint64 sentAt)
{
    return {{QStringLiteral("eventType"), QStringLiteral("watch")},
            {QStringLiteral("sentAt"), double(sentAt)},
            {QStringLiteral("itemId"), item}};
}

// Thirty users with 34 events each: 1020 interactions, enough to train.
void recordHistory(TestWorkspace& workspace)
{
    for (int user = 0; user < 30; ++user) {
        QJsonArray events;
        for (int i = 0; i < 34; ++i) {
            events.append(
                watch(QStringLiteral("item-%1").arg((user % 3) * 4 + i % 4), kStart + user * 100 + i));
            if (events.size() == 10 || i == 33) {
                workspace.putEvents(events, QStringLiteral("user-%1").arg(user),
                                    QStringLiteral("s-%1").arg(user));
                events = QJsonArray();
            }
        }
    }
}

QString userPersonalization(Workspace& workspace, const QString& name = QStringLiteral("personal"))
{
    return workspace.solutions()
        .create({name, kGroupArn, Recipes::arn(Recipe::UserPersonalization), {}, {}})
        .arn;
}

QStringList idsOf(const RecommendationList& list)
{
    QStringList ids;
    for (const RecommendedItem& item : list.items)
        ids << item.itemId;
    return ids;
}

} // namespace

// The worker that trains solution versions and recommenders off the request path, and the timer that
// updates User-Personalization models: what a process with an event loop (serve, the console) runs.
class TestTrainingScheduler : public QObject
{
    Q_OBJECT

private slots:
    void statusesGoPendingInProgressActive();
    void shortDataEndsCreateFailed_data();
    void shortDataEndsCreateFailed();
    void interruptedTrainingFailsOnReopen_data();
    void interruptedTrainingFailsOnReopen();
    void shutdownFailsWhatDidNotFinish();
    void untrainedRecommenderOfAnEarlierVersionFails();
    void automaticUpdateRunsFromTheTimerNotFromGetRecommendations();
};

void TestTrainingScheduler::statusesGoPendingInProgressActive()
{
    TestWorkspace workspace;
    workspace.createShop();
    recordHistory(workspace);
    TrainingScheduler scheduler(workspace.path(), workspace.config());
    workspace->setTrainingScheduler(&scheduler);
    const QString solutionArn = userPersonalization(*workspace);

    // The first training stops at its last progress report (events read, model not stored) until the
    // test has looked.
    QSemaphore reading;
    QSemaphore goOn;
    std::atomic<bool> held{false};
    connect(
        &scheduler, &TrainingScheduler::trainingProgress, &scheduler,
        [&](const QString&, qint64 read, qint64 total) {
            if (read == total && !held.exchange(true)) {
                reading.release();
                goOn.acquire();
            }
        },
        Qt::DirectConnection);
    QSignalSpy finished(&scheduler, &TrainingScheduler::trainingFinished);

    const SolutionVersion first = workspace->solutions().createVersion(solutionArn);
    QCOMPARE(first.status, QStringLiteral("CREATE PENDING"));
    QVERIFY(first.failureReason.isEmpty());
    const SolutionVersion second = workspace->solutions().createVersion(solutionArn);
    QCOMPARE(second.status, QStringLiteral("CREATE PENDING"));
    QVERIFY(reading.tryAcquire(1, 20000));
    QCOMPARE(workspace->solutions().describeVersion(first.arn).status, QStringLiteral("CREATE IN_PROGRESS"));
    // One worker: the second waits for the first.
    QCOMPARE(workspace->solutions().describeVersion(second.arn).status, QStringLiteral("CREATE PENDING"));
    QCOMPARE(workspace->solutions().describe(solutionArn).latestVersionArn, second.arn);
    // Events are recorded meanwhile, and nothing is served from a model that is not there yet.
    QCOMPARE(workspace.putEvents({watch(QStringLiteral("item-1"), kStart + 9000)}).recorded, 1);
    try {
        workspace->campaigns().create(QStringLiteral("too-soon"), first.arn);
        QFAIL("a campaign used a version still training");
    } catch (const ServiceError& error) {
        QCOMPARE(error.typeName(), QStringLiteral("ResourceInUseException"));
        QCOMPARE(error.message(),
                 QStringLiteral("Solution version %1 is CREATE IN_PROGRESS; a campaign can use "
                                "it once it is ACTIVE")
                     .arg(first.arn));
    }
    goOn.release();
    QVERIFY(scheduler.waitForIdle(20000));
    const SolutionVersion trained = workspace->solutions().describeVersion(first.arn);
    QCOMPARE(trained.status, QStringLiteral("ACTIVE"));
    QVERIFY(trained.failureReason.isEmpty());
    QCOMPARE(trained.interactions, 1020);
    QCOMPARE(trained.users, 30);
    const SolutionVersion next = workspace->solutions().describeVersion(second.arn);
    QCOMPARE(next.status, QStringLiteral("ACTIVE"));
    QCOMPARE(next.interactions, 1021); // the event recorded while the first trained
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(finished.at(0).at(0).toString(), first.arn);
    QCOMPARE(finished.at(0).at(1).toString(), QString());
    QVERIFY(!workspace->campaigns().create(QStringLiteral("personal-campaign"), first.arn).arn.isEmpty());
}

void TestTrainingScheduler::shortDataEndsCreateFailed_data()
{
    QTest::addColumn<bool>("recommender");
    QTest::newRow("solution version") << false;
    QTest::newRow("recommender") << true;
}

void TestTrainingScheduler::shortDataEndsCreateFailed()
{
    QFETCH(bool, recommender);
    TestWorkspace workspace;
    TrainingScheduler scheduler(workspace.path(), workspace.config());
    workspace->setTrainingScheduler(&scheduler);
    QSignalSpy finished(&scheduler, &TrainingScheduler::trainingFinished);
    const QString reason = QStringLiteral(
        "Not enough data to train: 10 interactions and 1 user with at least 2 of them (after the solution's "
        "filters); Amazon Personalize needs at least 1000 and 25");
    QJsonArray events;
    for (int i = 0; i < 10; ++i)
        events.append(watch(QStringLiteral("item-%1").arg(i), kStart + i));
    if (!recommender) {
        workspace.createShop();
        workspace.putEvents(events);
        const SolutionVersion version = workspace->solutions().createVersion(userPersonalization(*workspace));
        QCOMPARE(version.status, QStringLiteral("CREATE PENDING"));
        QVERIFY(scheduler.waitForIdle(20000));
        const SolutionVersion failed = workspace->solutions().describeVersion(version.arn);
        QCOMPARE(failed.status, QStringLiteral("CREATE FAILED"));
        QCOMPARE(failed.failureReason, reason);
    } else {
        const DatasetGroup videos = workspace->datasetGroups().create(
            {QStringLiteral("videos"), QStringLiteral("VIDEO_ON_DEMAND"), {}, {}, {}});
        const DatasetSchema schema = workspace->schemas().create(QStringLiteral("videos-interactions"),
                                                                 TestWorkspace::interactionsSchema(),
                                                                 QStringLiteral("VIDEO_ON_DEMAND"));
        workspace->datasets().create({QStringLiteral("videos-interactions"),
                                      schema.arn,
                                      videos.arn,
                                      QStringLiteral("Interactions"),
                                      {}});
        const EventTracker tracker =
            workspace->eventTrackers().create(QStringLiteral("videos-tracker"), videos.arn);
        workspace->recording().putEvents({{QStringLiteral("trackingId"), tracker.trackingId},
                                          {QStringLiteral("userId"), QStringLiteral("u1")},
                                          {QStringLiteral("sessionId"), QStringLiteral("s1")},
                                          {QStringLiteral("eventList"), events}},
                                         {QStringLiteral("console"), {}, {}, {}});
        const Recommender created = workspace->recommenders().create(
            QStringLiteral("top-picks"), videos.arn,
            QStringLiteral("arn:aws:personalize:::recipe/aws-vod-top-picks"));
        QCOMPARE(created.status, QStringLiteral("CREATE PENDING"));
        QVERIFY(scheduler.waitForIdle(20000));
        const Recommender failed = workspace->recommenders().describe(created.arn);
        QCOMPARE(failed.status, QStringLiteral("CREATE FAILED"));
        QCOMPARE(failed.failureReason, reason);
    }
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(1).toString(), reason);
    QCOMPARE(workspace.count("model_item"), 0);
}

void TestTrainingScheduler::interruptedTrainingFailsOnReopen_data()
{
    const QString boot = TrainerProcess::current().section(QLatin1Char('/'), 0, 0);
    QProcess gone;
    gone.start(QStringLiteral("/bin/true"), QStringList());
    QVERIFY(gone.waitForStarted());
    const qint64 gonePid = gone.processId();
    QVERIFY(gone.waitForFinished());

    QTest::addColumn<QString>("trainer");
    QTest::addColumn<bool>("interrupted");
    QTest::newRow("a process that is gone") << QStringLiteral("%1/%2").arg(boot).arg(gonePid) << true;
    QTest::newRow("before the machine restarted")
        << QStringLiteral("00000000-0000-0000-0000-000000000000/%1").arg(QCoreApplication::applicationPid())
        << true;
    QTest::newRow("this process, still running") << TrainerProcess::current() << false;
    QTest::newRow("a live process") << QStringLiteral("%1/1").arg(boot) << false; // init
    QTest::newRow("unreadable") << QStringLiteral("garbage") << false;
}

void TestTrainingScheduler::interruptedTrainingFailsOnReopen()
{
    QFETCH(QString, trainer);
    QFETCH(bool, interrupted);
    TestWorkspace workspace;
    workspace.createShop();
    recordHistory(workspace);
    const QString solutionArn = userPersonalization(*workspace);
    // Two versions as a killed process left them: one waiting, one being trained.
    QStringList arns;
    for (const char* status : {"CREATE PENDING", "CREATE IN_PROGRESS"}) {
        const Solution solution = workspace->solutions().describe(solutionArn);
        const SolutionVersion version =
            workspace->solutions().addPendingVersion(solution, QStringLiteral("FULL"));
        QSqlQuery left(workspace->database().connection());
        QVERIFY(left.prepare(
            QStringLiteral("UPDATE solution_version SET training_status = ?, trainer = ? WHERE id = ?")));
        left.addBindValue(QLatin1String(status));
        left.addBindValue(trainer);
        left.addBindValue(version.id);
        QVERIFY(left.exec());
        arns << version.arn;
    }
    QCOMPARE(workspace->solutions().describeVersion(arns.at(1)).status, QStringLiteral("CREATE IN_PROGRESS"));

    const std::unique_ptr<Workspace> reopened = Workspace::open(workspace.path(), workspace.config());
    const QStringList expected =
        interrupted ? QStringList{QStringLiteral("CREATE FAILED"), QStringLiteral("CREATE FAILED")}
                    : QStringList{QStringLiteral("CREATE PENDING"), QStringLiteral("CREATE IN_PROGRESS")};
    for (int i = 0; i < arns.size(); ++i) {
        const SolutionVersion version = reopened->solutions().describeVersion(arns.at(i));
        QCOMPARE(version.status, expected.at(i));
        QCOMPARE(version.failureReason,
                 interrupted ? QStringLiteral("Training was interrupted when the process that ran it stopped")
                             : QString());
    }
    QCOMPARE(workspace.count("model_item"), 0);
}

void TestTrainingScheduler::shutdownFailsWhatDidNotFinish()
{
    TestWorkspace workspace;
    workspace.createShop();
    recordHistory(workspace);
    auto scheduler = std::make_unique<TrainingScheduler>(workspace.path(), workspace.config());
    workspace->setTrainingScheduler(scheduler.get());
    const QString solutionArn = userPersonalization(*workspace);
    QSemaphore reading;
    QSemaphore goOn;
    connect(
        scheduler.get(), &TrainingScheduler::trainingProgress, scheduler.get(),
        [&](const QString&, qint64, qint64) {
            reading.release();
            goOn.acquire();
        },
        Qt::DirectConnection);
    const QString running = workspace->solutions().createVersion(solutionArn).arn;
    const QString waiting = workspace->solutions().createVersion(solutionArn).arn;
    QVERIFY(reading.tryAcquire(1, 20000));
    // The process stops while one version trains and another waits.
    std::thread releaser([&] {
        QTest::qSleep(200);
        goOn.release(10);
    });
    scheduler->shutdown();
    releaser.join();
    QVERIFY(scheduler->isStopping());
    for (const QString& arn : {running, waiting}) {
        const SolutionVersion version = workspace->solutions().describeVersion(arn);
        QCOMPARE(version.status, QStringLiteral("CREATE FAILED"));
        QCOMPARE(version.failureReason, SolutionService::interruptedReason());
    }
    QCOMPARE(workspace.count("model_item"), 0);
    // Asked for after the shutdown: failed at once, never trained.
    const QString late = workspace->solutions().createVersion(solutionArn).arn;
    QVERIFY(scheduler->waitForIdle(20000));
    QCOMPARE(workspace->solutions().describeVersion(late).status, QStringLiteral("CREATE FAILED"));
    workspace->setTrainingScheduler(nullptr);
    scheduler.reset();
}

void TestTrainingScheduler::untrainedRecommenderOfAnEarlierVersionFails()
{
    // Schema version 4, as an earlier console left it: a recommender created untrained, without a
    // version, whose page was to train it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("earlier.db"));
    {
        DatabaseOptions options;
        options.targetVersion = 4;
        const std::unique_ptr<Database> earlier = Database::open(path, options);
        QSqlQuery insert(earlier->connection());
        for (const char* sql :
             {"INSERT INTO dataset_group (id, name, arn, domain, created_ms) VALUES (1, 'videos',"
              " 'arn:aws:personalize:us-east-1:000000000000:dataset-group/videos', 'VIDEO_ON_DEMAND', 1000)",
              "INSERT INTO solution (id, dataset_group_id, name, arn, recipe_arn, created_ms, hidden) VALUES"
              " (1, 1, 'recommender-picks', "
              "'arn:aws:personalize:us-east-1:000000000000:solution/recommender-picks',"
              " 'arn:aws:personalize:::recipe/aws-user-personalization', 1000, 1)",
              "INSERT INTO recommender (dataset_group_id, solution_id, name, arn, recipe_arn, created_ms) "
              "VALUES"
              " (1, 1, 'picks', 'arn:aws:personalize:us-east-1:000000000000:recommender/picks',"
              " 'arn:aws:personalize:::recipe/aws-vod-top-picks', 1000)"})
            QVERIFY2(insert.exec(QLatin1String(sql)), sql);
    }
    ServiceConfig config;
    config.provisioningMs = 0;
    const std::unique_ptr<Workspace> workspace = Workspace::open(path, config);
    const Recommender picks = workspace->recommenders().describe(
        QStringLiteral("arn:aws:personalize:us-east-1:000000000000:recommender/picks"));
    QCOMPARE(picks.status, QStringLiteral("CREATE FAILED"));
    QCOMPARE(picks.failureReason, SolutionService::interruptedReason());
}

void TestTrainingScheduler::automaticUpdateRunsFromTheTimerNotFromGetRecommendations()
{
    TestWorkspace workspace;
    workspace.createShop();
    recordHistory(workspace);
    // Trained in the call (no scheduler yet), as the command line does.
    const SolutionVersion version = workspace->solutions().createVersion(userPersonalization(*workspace));
    QCOMPARE(version.status, QStringLiteral("ACTIVE"));
    const QString campaign =
        workspace->campaigns().create(QStringLiteral("personal-campaign"), version.arn).arn;
    const auto recommend = [&] {
        return idsOf(workspace->recommendations().getRecommendations(
            {{QStringLiteral("campaignArn"), campaign},
             {QStringLiteral("userId"), QStringLiteral("viewer")},
             {QStringLiteral("numResults"), 20}}));
    };
    const auto modelUpdatedMs = [&] {
        return workspace->solutions().describeVersion(version.arn).modelUpdatedMs;
    };
    const qint64 trainedMs = modelUpdatedMs();
    // A new item, watched right after item-1 by ten users, and a viewer of item-1.
    for (int user = 0; user < 10; ++user) {
        workspace.putEvents({watch(QStringLiteral("item-1"), kStart + 20000 + user * 10),
                             watch(QStringLiteral("new-item"), kStart + 20001 + user * 10)},
                            QStringLiteral("user-%1").arg(user), QStringLiteral("s-%1").arg(user));
    }
    workspace.putEvents({watch(QStringLiteral("item-1"), kStart + 30000)}, QStringLiteral("viewer"),
                        QStringLiteral("s-viewer"));

    // A scheduler whose timer does not fire during the test: only its first look, and the ones asked for.
    ServiceConfig slow = workspace.config();
    slow.automaticUpdateCheckMs = 3600 * 1000;
    {
        TrainingScheduler scheduler(workspace.path(), slow);
        workspace->setTrainingScheduler(&scheduler);
        QSignalSpy passes(&scheduler, &TrainingScheduler::updatePassFinished);
        scheduler.startAutomaticUpdates();
        QTRY_COMPARE(passes.size(), 1);
        QCOMPARE(passes.first().at(0).toInt(), 0); // not due yet
        workspace.clock().advanceMs(SolutionService::kAutomaticUpdateMs);
        // Due now, yet GetRecommendations does not train: the list and the model stay as they were.
        QVERIFY(!recommend().contains(QStringLiteral("new-item")));
        QCOMPARE(modelUpdatedMs(), trainedMs);
        scheduler.checkForDueUpdates(); // what the timer does
        QTRY_COMPARE(passes.size(), 2);
        QCOMPARE(passes.last().at(0).toInt(), 1);
        QCOMPARE(passes.last().at(1).toString(), QString());
        QCOMPARE(modelUpdatedMs(), trainedMs + SolutionService::kAutomaticUpdateMs);
        QVERIFY(recommend().contains(QStringLiteral("new-item")));
        workspace->setTrainingScheduler(nullptr);
    }

    // The timer itself: every automaticUpdateCheckMs it looks, and updates what has fallen due.
    ServiceConfig fast = workspace.config();
    fast.automaticUpdateCheckMs = 20;
    TrainingScheduler scheduler(workspace.path(), fast);
    workspace->setTrainingScheduler(&scheduler);
    QSignalSpy passes(&scheduler, &TrainingScheduler::updatePassFinished);
    QSignalSpy updated(&scheduler, &TrainingScheduler::modelUpdated);
    scheduler.startAutomaticUpdates();
    QTRY_VERIFY(passes.size() >= 3);
    QCOMPARE(updated.size(), 0);
    for (int user = 10; user < 20; ++user) {
        workspace.putEvents({watch(QStringLiteral("item-1"), kStart + 40000 + user * 10),
                             watch(QStringLiteral("newer-item"), kStart + 40001 + user * 10)},
                            QStringLiteral("user-%1").arg(user), QStringLiteral("s-%1").arg(user));
    }
    workspace.clock().advanceMs(SolutionService::kAutomaticUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(updated.size(), 1, 10000);
    QCOMPARE(updated.first().at(0).toString(), version.arn);
    QVERIFY(recommend().contains(QStringLiteral("newer-item")));
    // Not again until two more hours have passed.
    const int seen = int(passes.size());
    QTRY_VERIFY(passes.size() >= seen + 3);
    QCOMPARE(updated.size(), 1);
    workspace->setTrainingScheduler(nullptr);
}

QTEST_GUILESS_MAIN(TestTrainingScheduler)
#include "TestTrainingScheduler.moc"
