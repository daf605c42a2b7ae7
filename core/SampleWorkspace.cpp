#include "SampleWorkspace.h"

#include "CampaignService.h"
#include "Clock.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "MetadataRecordService.h"
#include "MetricAttributionService.h"
#include "RecommendationService.h"
#include "RecordingService.h"
#include "SchemaService.h"
#include "SchemaTemplate.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <cmath>
#include <limits>
namespace footfall {

namespace {

const QStringList kGenres = {QStringLiteral("Action"), QStringLiteral("Comedy"),  QStringLiteral("Drama"),
                             QStringLiteral("Horror"), QStringLiteral("Romance"), QStringLiteral("SciFi")};
constexpr int kItemsPerGenre = 40;

QString itemName(int genre, int rank)
{
    return QStringLiteral("movie-%1-%2")
        .arg(kGenres.at(genre).toLower())
        .arg(rank + 1, 2, 10, QLatin1Char('0'));
}

double priceOf(int genre, int rank)
{
    return 1.99 + double((genre * 7 + rank * 3) % 5);
}

const QString kItemsSchema = QStringLiteral(
    R"({"type": "record", "name": "Items", "namespace": "com.amazonaws.personalize.schema", "fields": [
        {"name": "ITEM_ID", "type": "string"}, {"name": "PRICE", "type": "float"},
        {"name": "GENRES", "type": "string", "categorical": true}, {"name": "CREATION_TIMESTAMP", "type": "long"}],
        "version": "1.0"})");

// Picks a film: mostly from the user's favourite genres, popular ones more often.
class Taste
{
public:
    Taste(QRandomGenerator& random, int favourite, int second)
        : m_random(random)
        , m_favourite(favourite)
        , m_second(second)
    {}

    QString pick() const
    {
        const int draw = int(m_random.bounded(10));
        const int genre = draw < 6   ? m_favourite
                          : draw < 9 ? m_second
                                     : int(m_random.bounded(int(kGenres.size())));
        // Zipf-like: rank r with weight 1 / (r + 1).
        const double u = m_random.generateDouble();
        const int rank = std::min(kItemsPerGenre - 1,
                                  int(std::floor(std::exp(u * std::log(double(kItemsPerGenre + 1))) - 1)));
        return itemName(genre, rank);
    }

private:
    QRandomGenerator& m_random;
    int m_favourite;
    int m_second;
};

QJsonObject event(const QString& type, qint64 sentAt, const QString& item, const QString& source = {},
                  const QString& recommendationId = {})
{
    QJsonObject object{{QStringLiteral("eventType"), type},
                       {QStringLiteral("sentAt"), double(sentAt)},
                       {QStringLiteral("itemId"), item}};
    if (!source.isEmpty())
        object.insert(QStringLiteral("metricAttribution"),
                      QJsonObject{{QStringLiteral("eventAttributionSource"), source}});
    if (!recommendationId.isEmpty())
        object.insert(QStringLiteral("recommendationId"), recommendationId);
    return object;
}

} // namespace

SampleSummary SampleWorkspace::build(const QString& path, const ServiceConfig& config,
                                     const SampleOptions& options, const ProgressReport& progress)
{
    if (options.users < kMinUsers) {
        throw ServiceError::invalidInput(
            QStringLiteral("A sample needs at least %1 users to train its campaign; %2 were asked for")
                .arg(kMinUsers)
                .arg(options.users),
            QStringLiteral("users"));
    }
    if (options.days < 2 || options.days > 365) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter days, value: %1, valid range: 2-365")
                .arg(options.days),
            QStringLiteral("days"));
    }
    if (QFileInfo::exists(path)) {
        throw ServiceError::invalidInput(
            QStringLiteral("%1 exists already; a sample is written to a new file").arg(path),
            QStringLiteral("output"));
    }

    SampleSummary summary;
    const qint64 now = config.nowMs() / 1000;
    const qint64 start = now - qint64(options.days) * 86400;
    const qint64 trainedAt = start + qint64(options.days) * 86400 / 2;
    // The sample lives through its days on a clock of its own: the resources are made a day before
    // the first event, every request is received just after its events were sent, and the campaign
    // is trained half-way; so statuses, the request log and the event metrics read as a real history.
    ManualClock clock((start - 86400) * 1000);
    ServiceConfig simulated = config;
    simulated.clock = &clock;
    simulated.provisioningMs = 0;
    const auto moveClockTo = [&clock](qint64 seconds) {
        clock.setNowMs(std::max(clock.nowMs(), seconds * 1000 + 1500));
    };
    try {
        // A sample is made again rather than recovered: its many commits need not each wait for the
        // disk (a power cut while it is made loses the sample, never the file's soundness).
        DatabaseOptions relaxed;
        relaxed.durability = DatabaseOptions::Durability::Normal;
        const auto workspace = Workspace::open(path, simulated, relaxed);
        QRandomGenerator random(options.seed);

        // The first half: history, a few sessions a user, mostly untagged, some from the email.
        QList<Taste> tastes;
        for (int user = 0; user < options.users; ++user) {
            const int favourite = int(random.bounded(int(kGenres.size())));
            tastes.append(
                Taste(random, favourite,
                      (favourite + 1 + int(random.bounded(int(kGenres.size()) - 1))) % int(kGenres.size())));
        }
        struct Session
        {
            qint64 at;
            QString userId;
            QString sessionId;
            QJsonArray events;
        };
        QList<Session> history;
        for (int user = 0; user < options.users; ++user) {
            const QString userId = QStringLiteral("user-%1").arg(user + 1, 4, 10, QLatin1Char('0'));
            // Enough for training whatever the number of users: 1,300 events at least in all.
            const int target =
                std::max(8, (1300 + options.users - 1) / options.users) + int(random.bounded(6));
            for (int session = 0, recorded = 0; recorded < target; ++session) {
                const qint64 begin = start + qint64(random.bounded(quint32(trainedAt - start - 3600)));
                qint64 at = begin;
                QJsonArray events;
                const QString source = random.bounded(5) == 0 ? QStringLiteral("email-weekly") : QString();
                const int watches = 2 + int(random.bounded(5));
                for (int i = 0; i < watches; ++i) {
                    const QString film = tastes.at(user).pick();
                    events.append(event(QStringLiteral("watch"), at, film, source));
                    at += 60 + random.bounded(600);
                    if (random.bounded(8) == 0)
                        events.append(event(QStringLiteral("purchase"), at++, film, source));
                }
                while (events.size() > 10)
                    events.removeLast();
                recorded += int(events.size());
                history.append({begin, userId, QStringLiteral("%1-s%2").arg(userId).arg(session), events});
            }
        }
        std::stable_sort(history.begin(), history.end(),
                         [](const Session& a, const Session& b) { return a.at < b.at; });

        // What each step weighs, in units of work, as measured for the default sample: a history
        // session (one PutEvents) is one; a visit of the second half, which often asks the campaign
        // for recommendations first and finds more events each day, about six; training the campaign
        // about a sixth of the history (a tenth of the whole build goes before the traffic).
        constexpr int kVisitUnits = 6;
        const int setupUnits = std::max(10, int(history.size()) / 50);
        const int trainingUnits = std::max(20, int(history.size()) / 6);
        const int trafficDays = int((now - trainedAt + 86399) / 86400);
        const int total = int(std::min<qint64>(std::numeric_limits<int>::max() / 2,
                                               qint64(setupUnits) * 3 + history.size() + trainingUnits +
                                                   qint64(trafficDays) * options.users * kVisitUnits));
        int done = 0;
        const auto report = [&](int units, const QString& step) {
            done += units;
            if (progress && !progress({std::min(done, total), total, step}))
                throw ServiceError::invalidInput(QStringLiteral("Cancelled; nothing was kept"));
        };
        report(0, QStringLiteral("Creating the dataset group, its schemas, datasets and event tracker"));

        // Resources.
        const DatasetGroup group =
            workspace->datasetGroups().create({QStringLiteral("sample-movies"), {}, {}, {}, {}});
        summary.datasetGroupArn = group.arn;
        QString interactionsDefinition;
        for (const SchemaTemplate& schemaTemplate : SchemaTemplate::all()) {
            if (schemaTemplate.id == QLatin1String("interactions-events"))
                interactionsDefinition = schemaTemplate.definition;
        }
        const DatasetSchema interactionsSchema =
            workspace->schemas().create(QStringLiteral("sample-movies-interactions"), interactionsDefinition);
        const DatasetSchema itemsSchema =
            workspace->schemas().create(QStringLiteral("sample-movies-items"), kItemsSchema);
        workspace->datasets().create({QStringLiteral("sample-movies-interactions"),
                                      interactionsSchema.arn,
                                      group.arn,
                                      QStringLiteral("Interactions"),
                                      {}});
        const Dataset items = workspace->datasets().create(
            {QStringLiteral("sample-movies-items"), itemsSchema.arn, group.arn, QStringLiteral("Items"), {}});
        const EventTracker tracker =
            workspace->eventTrackers().create(QStringLiteral("sample-movies-tracker"), group.arn);
        summary.trackerArn = tracker.arn;
        const RequestContext context{QStringLiteral("sample"), {}, {}, {}};
        report(setupUnits, QStringLiteral("Adding the catalogue: %1 films with prices and genres")
                               .arg(kGenres.size() * kItemsPerGenre));

        QJsonArray batch;
        const auto flushItems = [&] {
            if (batch.isEmpty())
                return;
            workspace->metadataRecords().putItems(
                {{QStringLiteral("datasetArn"), items.arn}, {QStringLiteral("items"), batch}}, context);
            batch = QJsonArray();
        };
        for (int genre = 0; genre < kGenres.size(); ++genre) {
            for (int rank = 0; rank < kItemsPerGenre; ++rank) {
                const QJsonObject properties{
                    {QStringLiteral("price"), priceOf(genre, rank)},
                    {QStringLiteral("genres"), kGenres.at(genre)},
                    {QStringLiteral("creationTimestamp"), double(start - 86400 * (rank + 1))}};
                batch.append(QJsonObject{
                    {QStringLiteral("itemId"), itemName(genre, rank)},
                    {QStringLiteral("properties"),
                     QString::fromUtf8(QJsonDocument(properties).toJson(QJsonDocument::Compact))}});
                if (batch.size() == 10)
                    flushItems();
            }
        }
        flushItems();
        report(setupUnits, QStringLiteral("Creating the metric attribution"));
        summary.metricAttributionArn =
            workspace->metricAttributions()
                .create(
                    {QStringLiteral("sample-movies-metrics"), group.arn,
                     QJsonArray{
                         QJsonObject{{QStringLiteral("eventType"), QStringLiteral("watch")},
                                     {QStringLiteral("metricName"), QStringLiteral("WATCHES")},
                                     {QStringLiteral("expression"), QStringLiteral("SAMPLECOUNT()")}},
                         QJsonObject{{QStringLiteral("eventType"), QStringLiteral("purchase")},
                                     {QStringLiteral("metricName"), QStringLiteral("PURCHASE_VALUE")},
                                     {QStringLiteral("expression"), QStringLiteral("SUM(Items.PRICE)")}}},
                     QJsonObject{
                         {QStringLiteral("roleArn"),
                          QStringLiteral("arn:aws:iam::%1:role/PersonalizeMetrics").arg(config.accountId)}}})
                .arn;

        const auto put = [&](const QString& userId, const QString& sessionId, const QJsonArray& events) {
            moveClockTo(qint64(events.last().toObject().value(QStringLiteral("sentAt")).toDouble()));
            QJsonObject request{{QStringLiteral("trackingId"), tracker.trackingId},
                                {QStringLiteral("sessionId"), sessionId},
                                {QStringLiteral("eventList"), events}};
            if (!userId.isEmpty())
                request.insert(QStringLiteral("userId"), userId);
            workspace->recording().putEvents(request, context);
            summary.events += events.size();
        };

        report(setupUnits, QStringLiteral("Recording the first %1 days: session 1 of %2")
                               .arg(options.days / 2)
                               .arg(history.size()));
        for (int i = 0; i < history.size(); ++i) {
            put(history.at(i).userId, history.at(i).sessionId, history.at(i).events);
            report(1, QStringLiteral("Recording the first %1 days: session %2 of %3")
                          .arg(options.days / 2)
                          .arg(i + 1)
                          .arg(history.size()));
        }

        // The campaign, trained on that history.
        moveClockTo(trainedAt);
        const Solution solution = workspace->solutions().create({QStringLiteral("sample-movies-personal"),
                                                                 group.arn,
                                                                 Recipes::arn(Recipe::UserPersonalization),
                                                                 {},
                                                                 {}});
        report(0, QStringLiteral("Training the campaign: %1 events to read").arg(summary.events));
        // Training is not interrupted: a cancel is heard once it is done.
        bool cancelAsked = false;
        const SolutionVersion version = workspace->solutions().createVersion(
            solution.arn, QStringLiteral("FULL"), [&](qint64 read, qint64 events) {
                if (progress && events > 0 &&
                    !progress({done + int(trainingUnits * std::min(read, events) / events), total,
                               QStringLiteral("Training the campaign: %1 of %2 events read")
                                   .arg(read)
                                   .arg(events)}))
                    cancelAsked = true;
            });
        if (!version.failureReason.isEmpty())
            throw ServiceError::invalidInput(version.failureReason);
        if (cancelAsked)
            throw ServiceError::invalidInput(QStringLiteral("Cancelled; nothing was kept"));
        report(trainingUnits, QStringLiteral("Deploying the campaign"));
        summary.campaignArn =
            workspace->campaigns().create(QStringLiteral("sample-movies-campaign"), version.arn).arn;

        // The second half: visits from every source, day by day.
        const QStringList sources = {QString(), QStringLiteral("email-weekly"),
                                     QStringLiteral("partner-feed")};
        int trafficDay = 0;
        for (qint64 day = trainedAt; day < now; day += 86400) {
            ++trafficDay;
            QList<qint64> times;
            for (int visit = 0; visit < options.users; ++visit)
                times.append(std::min(now - 120, day + qint64(random.bounded(86000))));
            std::sort(times.begin(), times.end());
            for (int visit = 0; visit < times.size(); ++visit) {
                // Counted as it starts: a visit may end early (an empty list).
                report(kVisitUnits,
                       QStringLiteral("Recording the last %1 days of traffic from every source: day %2 of %3")
                           .arg(trafficDays)
                           .arg(trafficDay)
                           .arg(trafficDays));
                const int user = int(random.bounded(options.users));
                const QString userId = QStringLiteral("user-%1").arg(user + 1, 4, 10, QLatin1Char('0'));
                const qint64 at = times.at(visit);
                moveClockTo(at);
                const QString sessionId =
                    QStringLiteral("%1-d%2-v%3").arg(userId).arg((day - start) / 86400).arg(visit);
                const int kind = int(random.bounded(20));
                if (kind < 8) {
                    // From the campaign's own list: the click carries its recommendationId.
                    const RecommendationList list = workspace->recommendations().getRecommendations(
                        {{QStringLiteral("campaignArn"), summary.campaignArn},
                         {QStringLiteral("userId"), userId},
                         {QStringLiteral("numResults"), 10}});
                    ++summary.recommendationLists;
                    if (list.items.isEmpty())
                        continue;
                    const QString film =
                        list.items.at(int(random.bounded(std::min<int>(5, int(list.items.size()))))).itemId;
                    QJsonArray events{event(QStringLiteral("watch"), at, film, {}, list.recommendationId)};
                    if (random.bounded(4) == 0)
                        events.append(
                            event(QStringLiteral("purchase"), at + 30, film, {}, list.recommendationId));
                    put(userId, sessionId, events);
                } else if (kind < 10) {
                    // Anonymous at first, then signed in: the session is linked to the user.
                    put(QString(), sessionId, {event(QStringLiteral("watch"), at, tastes.at(user).pick())});
                    put(userId, sessionId,
                        {event(QStringLiteral("watch"), at + 300, tastes.at(user).pick())});
                } else {
                    const QString source = sources.at(int(random.bounded(int(sources.size()))));
                    const QString film = tastes.at(user).pick();
                    QJsonArray events{event(QStringLiteral("watch"), at, film, source)};
                    if (random.bounded(6) == 0)
                        events.append(event(QStringLiteral("purchase"), at + 30, film, source));
                    put(userId, sessionId, events);
                }
            }
        }
    } catch (...) {
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        throw;
    }
    return summary;
}

} // namespace footfall
