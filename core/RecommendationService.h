#pragma once

#include "Campaign.h"
#include "RecommendationRegistry.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace footfall {

class CampaignService;
class Database;
class RecommenderService;
class SolutionService;
class SqliteStatement;
struct ServiceConfig;

struct RecommendedItem
{
    QString itemId;
    double score = 0.0;
};

// One list a campaign issued, with the recommendationId later events can carry.
struct RecommendationList
{
    QList<RecommendedItem> items;
    QString recommendationId; // RID-<uuid>
    QString campaignArn;

    QJsonObject
    toJson(const QString& listKey) const; // {"itemList" | "personalizedRanking", "recommendationId"}
};

// GetRecommendations and GetPersonalizedRanking from a campaign's trained model. Every list issued
// goes into the recommendation registry (its campaign, its items), so later events that carry its
// recommendationId are attributed to the campaign and get the list as implicit impressions.
//
// User-Personalization and Personalized-Ranking read the user's history when asked, so an event
// for an item the model knows changes the next answer at once; items the model does not know (new
// since training) take part only after the next training or, for User-Personalization, the model's
// automatic update every two hours (SolutionService::updateModel): run by the TrainingScheduler's timer in
// serve and the console, never in a request; only a one-shot command line, which has no background, runs a
// due update before it answers. A
// sessionId works as a userId (its anonymous events are its history). Someone without history gets the most
// popular items.
class RecommendationService
{
public:
    static constexpr int kDefaultResults = 25;
    static constexpr int kMaxResults = 500;
    static constexpr int kHistoryLength = 20; // the most recent items of a user that shape the answer

    RecommendationService(Database& database, const ServiceConfig& config, CampaignService& campaigns,
                          SolutionService& solutions, RecommenderService& recommenders);
    ~RecommendationService();
    Q_DISABLE_COPY_MOVE(RecommendationService)

    // Throw ServiceError with AWS's exception types and botocore-style messages.
    RecommendationList getRecommendations(const QJsonObject& request);
    RecommendationList getPersonalizedRanking(const QJsonObject& request);

    // Where the lists this service issues are stored. Without a sink, in the registry, in a
    // transaction of their own; with one (a read-only connection: the endpoint's readers), they are
    // handed to it, and no due model update runs here either (the writer stores both).
    using IssuedSink = std::function<void(const RecommendationRegistry::Issued&)>;
    void setIssuedSink(IssuedSink sink) { m_issuedSink = std::move(sink); }
    // Stores a list issued elsewhere, in a transaction (or savepoint) of its own.
    void recordIssued(const RecommendationRegistry::Issued& issued);

private:
    QList<RecommendedItem> popular(qint64 versionId, int count, const QStringList& exclude);
    QList<RecommendedItem> similar(qint64 versionId, const QString& itemId, int count);
    QHash<QString, double> personalScores(const Campaign& campaign, const QString& userId,
                                          QStringList* history);
    Campaign activeCampaign(const QJsonObject& request);
    void updateIfDue(const QString& versionArn);
    RecommendationList issue(const Campaign& campaign, const QList<RecommendedItem>& items);

    Database& m_database;
    const ServiceConfig& m_config;
    CampaignService& m_campaigns;
    SolutionService& m_solutions;
    RecommenderService& m_recommenders;
    IssuedSink m_issuedSink;
    // personalScores()'s statements, prepared once: they run for every list.
    std::unique_ptr<SqliteStatement> m_recentItems;
    std::unique_ptr<SqliteStatement> m_knownItem;
    std::unique_ptr<SqliteStatement> m_neighbours;
};

} // namespace footfall
