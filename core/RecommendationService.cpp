#include "RecommendationService.h"

#include "CampaignService.h"
#include "Database.h"
#include "FieldRule.h"
#include "JsonInput.h"
#include "Lifecycle.h"
#include "RecommendationRegistry.h"
#include "RecommenderService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "SqliteStatement.h"
#include "TransactionGuard.h"

#include <QJsonArray>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace footfall {

namespace {

const QString kInput = QStringLiteral("input");

int numResultsOf(const QJsonObject& request)
{
    const QJsonValue value = request.value(QStringLiteral("numResults"));
    if (value.isUndefined() || value.isNull())
        return RecommendationService::kDefaultResults;
    if (!value.isDouble() || value.toDouble() != std::floor(value.toDouble())) {
        throw ServiceError::invalidInput(
            JsonInput::typeError(QStringLiteral("numResults"), value, QStringLiteral("integer")),
            QStringLiteral("numResults"));
    }
    const qint64 count = qint64(value.toDouble());
    if (count < 0 || count > RecommendationService::kMaxResults) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter numResults, value: %1, valid %2 value: %3")
                .arg(count)
                .arg(count < 0 ? QStringLiteral("min") : QStringLiteral("max"))
                .arg(count < 0 ? 0 : RecommendationService::kMaxResults),
            QStringLiteral("numResults"));
    }
    return count == 0 ? RecommendationService::kDefaultResults : int(count);
}

// Orders by score, then item ID, so equal scores come out the same way every time.
QList<RecommendedItem> ranked(const QHash<QString, double>& scores)
{
    QList<RecommendedItem> items;
    items.reserve(scores.size());
    for (auto it = scores.begin(); it != scores.end(); ++it)
        items.append({it.key(), it.value()});
    std::sort(items.begin(), items.end(), [](const RecommendedItem& a, const RecommendedItem& b) {
        return a.score != b.score ? a.score > b.score : a.itemId < b.itemId;
    });
    return items;
}

void normalise(QList<RecommendedItem>& items)
{
    double total = 0;
    for (const RecommendedItem& item : items)
        total += item.score;
    if (total <= 0)
        return;
    for (RecommendedItem& item : items)
        item.score = std::round(item.score / total * 1e6) / 1e6;
}

} // namespace

QJsonObject RecommendationList::toJson(const QString& listKey) const
{
    QJsonArray list;
    for (const RecommendedItem& item : items)
        list.append(
            QJsonObject{{QStringLiteral("itemId"), item.itemId}, {QStringLiteral("score"), item.score}});
    return {{listKey, list}, {QStringLiteral("recommendationId"), recommendationId}};
}

RecommendationService::RecommendationService(Database& database, const ServiceConfig& config,
                                             CampaignService& campaigns, SolutionService& solutions,
                                             RecommenderService& recommenders)
    : m_database(database)
    , m_config(config)
    , m_campaigns(campaigns)
    , m_solutions(solutions)
    , m_recommenders(recommenders)
{}

RecommendationService::~RecommendationService() = default;

Campaign RecommendationService::activeCampaign(const QJsonObject& request)
{
    if (request.contains(QStringLiteral("recommenderArn"))) {
        // A recommender serves like a User-Personalization campaign of its own model.
        const auto recommenderArn = JsonInput::string(request, QStringLiteral("recommenderArn"),
                                                      QStringLiteral("recommenderArn"), FieldRule::arn());
        if (request.contains(QStringLiteral("campaignArn"))) {
            throw ServiceError::invalidInput(
                QStringLiteral("Give a campaignArn or a recommenderArn, not both"),
                QStringLiteral("recommenderArn"));
        }
        const Recommender recommender = m_recommenders.describe(*recommenderArn);
        if (recommender.status != Lifecycle::activeStatus()) {
            throw ServiceError(
                ErrorCode::ResourceInUse,
                recommender.failureReason.isEmpty()
                    ? QStringLiteral("Recommender %1 is %2; it serves recommendations once it is ACTIVE")
                          .arg(recommender.name, recommender.status)
                    : QStringLiteral("Recommender %1 could not be trained: %2")
                          .arg(recommender.name, recommender.failureReason),
                QStringLiteral("recommenderArn"));
        }
        Campaign served;
        served.name = recommender.name;
        served.arn = recommender.arn;
        served.datasetGroupId = recommender.datasetGroupId;
        served.solutionVersionId = recommender.solutionVersionId;
        served.solutionVersionArn = recommender.solutionVersionArn;
        served.recipe = Recipe::UserPersonalization;
        served.status = recommender.status;
        updateIfDue(served.solutionVersionArn);
        return served;
    }
    const auto arn = JsonInput::string(request, QStringLiteral("campaignArn"), QStringLiteral("campaignArn"),
                                       FieldRule::arn());
    if (!arn) {
        throw ServiceError::invalidInput(
            QStringLiteral("Missing required parameter in input: \"campaignArn\""),
            QStringLiteral("campaignArn"));
    }
    const Campaign campaign = m_campaigns.describe(*arn);
    if (campaign.status != Lifecycle::activeStatus()) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Campaign %1 is %2; it serves recommendations once it is ACTIVE")
                               .arg(campaign.name, campaign.status),
                           QStringLiteral("campaignArn"));
    }
    updateIfDue(campaign.solutionVersionArn);
    return campaign;
}

void RecommendationService::updateIfDue(const QString& versionArn)
{
    // A process with a TrainingScheduler (serve, the console) updates models on its timer, never in a
    // request; a one-shot command line has no background, so a due update runs here.
    if (!m_solutions.scheduler() && !m_issuedSink)
        m_solutions.updateModel(versionArn, false);
}

QList<RecommendedItem> RecommendationService::popular(qint64 versionId, int count, const QStringList& exclude)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "SELECT item_id, chosen FROM model_item WHERE version_id = ? ORDER BY chosen DESC, item_id LIMIT ?"));
    query.addBindValue(versionId);
    query.addBindValue(count + exclude.size());
    Database::execute(query);
    QList<RecommendedItem> items;
    while (Database::nextRow(query) && items.size() < count) {
        const QString item = query.value(0).toString();
        if (!exclude.contains(item))
            items.append({item, query.value(1).toDouble()});
    }
    return items;
}

QList<RecommendedItem> RecommendationService::similar(qint64 versionId, const QString& itemId, int count)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT other_item_id, weight FROM model_pair WHERE version_id = ? AND item_id = ?"
                       " ORDER BY weight DESC, other_item_id LIMIT ?"));
    query.addBindValue(versionId);
    query.addBindValue(itemId);
    query.addBindValue(count);
    Database::execute(query);
    QList<RecommendedItem> items;
    while (Database::nextRow(query))
        items.append({query.value(0).toString(), query.value(1).toDouble()});
    return items;
}

QHash<QString, double> RecommendationService::personalScores(const Campaign& campaign, const QString& userId,
                                                             QStringList* history)
{
    // The user's most recent items the model knows, newest first: their events recorded since the
    // training count at once. A sessionId stands for its anonymous events.
    // Two index range reads (the user's events, the session's anonymous events). The indexes are
    // named: left to itself SQLite reads the whole group in sentAt order to spare the sort.
    if (!m_recentItems) {
        m_recentItems = std::make_unique<SqliteStatement>(
            m_database.connection(),
            QStringLiteral(
                "SELECT item_id, sent_at_ms, id FROM ("
                " SELECT i.item_id, i.sent_at_ms, i.id FROM interaction i INDEXED BY interaction_user"
                " WHERE i.dataset_group_id = ? AND i.user_id = ?"
                " AND i.item_id IS NOT NULL AND i.not_for_training = 0"
                " UNION ALL"
                " SELECT i.item_id, i.sent_at_ms, i.id FROM interaction i INDEXED BY interaction_session"
                " WHERE i.dataset_group_id = ? AND i.session_id = ?"
                " AND i.user_id IS NULL AND i.item_id IS NOT NULL AND i.not_for_training = 0)"
                " ORDER BY sent_at_ms DESC, id DESC LIMIT 200"));
        m_knownItem = std::make_unique<SqliteStatement>(
            m_database.connection(),
            QStringLiteral("SELECT 1 FROM model_item WHERE version_id = ? AND item_id = ?"));
        m_neighbours = std::make_unique<SqliteStatement>(
            m_database.connection(),
            QStringLiteral(
                "SELECT p.other_item_id, p.weight, m.chosen, m.shown FROM model_pair p JOIN model_item m"
                " ON m.version_id = p.version_id AND m.item_id = p.other_item_id WHERE p.version_id = ? AND "
                "p.item_id = ?"));
    }
    SqliteStatement& recent = *m_recentItems;
    recent.add(campaign.datasetGroupId).add(userId).add(campaign.datasetGroupId).add(userId);
    QStringList recentItems;
    while (recent.next()) {
        const QString item = recent.textAt(0);
        if (!recentItems.contains(item))
            recentItems << item;
    }
    // Only items the model knows shape the answer; new ones wait for the next training or update.
    SqliteStatement& known = *m_knownItem;
    for (const QString& item : recentItems) {
        if (history->size() >= kHistoryLength)
            break;
        known.add(campaign.solutionVersionId).add(item);
        if (known.next())
            history->append(item);
        known.finish();
    }

    // Neighbours of the history, with what the model knows of each (for exploration): a little more
    // for items with little interaction data, less for items often shown in impressions but seldom
    // chosen.
    QHash<QString, double> scores;
    QHash<QString, double> exploration;
    SqliteStatement& neighbours = *m_neighbours;
    for (int rank = 0; rank < history->size(); ++rank) {
        const double recency = std::pow(0.85, rank); // the latest events weigh most
        neighbours.add(campaign.solutionVersionId).add(history->at(rank));
        while (neighbours.next()) {
            const QString item = neighbours.textAt(0);
            scores[item] += recency * neighbours.doubleAt(1);
            if (!exploration.contains(item)) {
                const double chosen = neighbours.doubleAt(2);
                const double shown = neighbours.doubleAt(3);
                const double ignored = std::max(0.0, shown - chosen) / (shown + 1.0);
                exploration.insert(item, (1.0 + 0.2 / (1.0 + chosen)) / (1.0 + ignored));
            }
        }
    }
    for (const QString& seen : *history)
        scores.remove(seen);
    for (auto it = scores.begin(); it != scores.end(); ++it)
        it.value() *= exploration.value(it.key(), 1.0);
    return scores;
}

RecommendationList RecommendationService::issue(const Campaign& campaign, const QList<RecommendedItem>& items)
{
    RecommendationList list;
    list.items = items;
    list.campaignArn = campaign.arn;
    list.recommendationId = QStringLiteral("RID-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QStringList shown;
    for (const RecommendedItem& item : items)
        shown << item.itemId;
    const RecommendationRegistry::Issued issued{list.recommendationId, campaign.datasetGroupId, campaign.arn,
                                                shown, m_config.nowMs()};
    if (m_issuedSink)
        m_issuedSink(issued);
    else
        recordIssued(issued);
    return list;
}

void RecommendationService::recordIssued(const RecommendationRegistry::Issued& issued)
{
    TransactionGuard transaction(m_database);
    RecommendationRegistry(m_database.connection()).record(issued);
    transaction.commit();
}

RecommendationList RecommendationService::getRecommendations(const QJsonObject& request)
{
    JsonInput::rejectUnknown(request,
                             {QStringLiteral("campaignArn"), QStringLiteral("itemId"),
                              QStringLiteral("userId"), QStringLiteral("numResults"),
                              QStringLiteral("recommenderArn")},
                             kInput);
    static const FieldRule idRule(0, 256);
    const QString userId =
        JsonInput::string(request, QStringLiteral("userId"), QStringLiteral("userId"), idRule)
            .value_or(QString());
    const QString itemId =
        JsonInput::string(request, QStringLiteral("itemId"), QStringLiteral("itemId"), idRule)
            .value_or(QString());
    const int count = numResultsOf(request);
    const Campaign campaign = activeCampaign(request);

    QList<RecommendedItem> items;
    switch (campaign.recipe) {
    case Recipe::PopularityCount:
        items = popular(campaign.solutionVersionId, count, {});
        break;
    case Recipe::Sims:
        if (itemId.isEmpty()) {
            throw ServiceError::invalidInput(
                QStringLiteral(
                    "Campaign %1 uses SIMS, which recommends items like a given one: itemId is required")
                    .arg(campaign.name),
                QStringLiteral("itemId"));
        }
        items = similar(campaign.solutionVersionId, itemId, count);
        if (items.size() < count) {
            // Too little data about this item: fill up with popular items, as AWS does.
            QStringList exclude{itemId};
            for (const RecommendedItem& item : items)
                exclude << item.itemId;
            items += popular(campaign.solutionVersionId, count - int(items.size()), exclude);
        }
        break;
    case Recipe::UserPersonalization: {
        if (userId.isEmpty()) {
            throw ServiceError::invalidInput(
                QStringLiteral(
                    "Campaign %1 uses User-Personalization: userId is required (a sessionId works for "
                    "anonymous users)")
                    .arg(campaign.name),
                QStringLiteral("userId"));
        }
        QStringList history;
        items = ranked(personalScores(campaign, userId, &history)).mid(0, count);
        if (items.size() < count) {
            QStringList exclude = history;
            for (const RecommendedItem& item : items)
                exclude << item.itemId;
            // New users, and users whose items have few neighbours, get popular items (scored below any
            // personal one).
            QList<RecommendedItem> fill =
                popular(campaign.solutionVersionId, count - int(items.size()), exclude);
            const double floor = items.isEmpty() ? 1.0 : items.last().score * 0.5;
            double top = 0;
            for (const RecommendedItem& item : fill)
                top = std::max(top, item.score);
            for (RecommendedItem& item : fill)
                item.score = top > 0 ? floor * item.score / top : floor;
            items += fill;
        }
        break;
    }
    case Recipe::PersonalizedRanking:
        throw ServiceError::invalidInput(
            QStringLiteral(
                "Campaign %1 uses Personalized-Ranking: call GetPersonalizedRanking with an inputList")
                .arg(campaign.name),
            QStringLiteral("campaignArn"));
    }
    normalise(items);
    return issue(campaign, items);
}

RecommendationList RecommendationService::getPersonalizedRanking(const QJsonObject& request)
{
    JsonInput::rejectUnknown(
        request, {QStringLiteral("campaignArn"), QStringLiteral("inputList"), QStringLiteral("userId")},
        kInput);
    JsonInput::requireMembers(
        request, {QStringLiteral("campaignArn"), QStringLiteral("inputList"), QStringLiteral("userId")},
        kInput);
    static const FieldRule idRule(0, 256);
    const QString userId =
        *JsonInput::string(request, QStringLiteral("userId"), QStringLiteral("userId"), idRule);
    const QJsonValue listValue = request.value(QStringLiteral("inputList"));
    if (!listValue.isArray()) {
        throw ServiceError::invalidInput(
            JsonInput::typeError(QStringLiteral("inputList"), listValue, QStringLiteral("list")),
            QStringLiteral("inputList"));
    }
    const QJsonArray input = listValue.toArray();
    if (input.size() > kMaxResults) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid length for parameter inputList, value: %1, valid max "
                           "length: %2")
                .arg(input.size())
                .arg(kMaxResults),
            QStringLiteral("inputList"));
    }
    QStringList candidates;
    for (int i = 0; i < input.size(); ++i) {
        const QString path = QStringLiteral("inputList[%1]").arg(i);
        if (!input.at(i).isString())
            throw ServiceError::invalidInput(
                JsonInput::typeError(path, input.at(i), QStringLiteral("string")), path);
        idRule.enforce(path, input.at(i).toString());
        if (!candidates.contains(input.at(i).toString()))
            candidates << input.at(i).toString();
    }
    const Campaign campaign = activeCampaign(request);
    if (campaign.recipe != Recipe::PersonalizedRanking && campaign.recipe != Recipe::UserPersonalization) {
        throw ServiceError::invalidInput(
            QStringLiteral("Campaign %1 does not rank lists; use a Personalized-Ranking campaign")
                .arg(campaign.name),
            QStringLiteral("campaignArn"));
    }
    QStringList history;
    const QHash<QString, double> personal = personalScores(campaign, userId, &history);
    // Items the user's history says nothing about are ranked by popularity, below the personal ones;
    // items the model does not know come last, as on AWS.
    QHash<QString, double> scores;
    QSqlQuery item = m_database.prepare(
        QStringLiteral("SELECT chosen FROM model_item WHERE version_id = ? AND item_id = ?"));
    double maxPersonal = 0;
    for (double score : personal)
        maxPersonal = std::max(maxPersonal, score);
    for (const QString& candidate : candidates) {
        if (personal.contains(candidate)) {
            scores.insert(candidate, 1.0 + personal.value(candidate) / (maxPersonal > 0 ? maxPersonal : 1.0));
            continue;
        }
        item.addBindValue(campaign.solutionVersionId);
        item.addBindValue(candidate);
        Database::execute(item);
        const double chosen = Database::nextRow(item) ? item.value(0).toDouble() : -1.0;
        item.finish();
        scores.insert(candidate, chosen < 0 ? 0.0 : chosen / (1.0 + chosen));
    }
    QList<RecommendedItem> items = ranked(scores);
    // Keep the caller's order among items with nothing to tell them apart.
    std::stable_sort(items.begin(), items.end(),
                     [&candidates](const RecommendedItem& a, const RecommendedItem& b) {
                         if (a.score != b.score)
                             return a.score > b.score;
                         return candidates.indexOf(a.itemId) < candidates.indexOf(b.itemId);
                     });
    normalise(items);
    return issue(campaign, items);
}

} // namespace footfall
