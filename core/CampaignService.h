#pragma once

#include "Campaign.h"

#include <QList>

#include <optional>

namespace footfall {

class Database;
class SolutionService;
struct ServiceConfig;

// Campaigns: an ACTIVE solution version deployed to serve GetRecommendations.
class CampaignService
{
public:
    CampaignService(Database& database, const ServiceConfig& config, SolutionService& solutions);
    Q_DISABLE_COPY_MOVE(CampaignService)

    Campaign create(const QString& name, const QString& solutionVersionArn, int minProvisionedTps = 1);
    // Every check create() makes, without creating anything; throws ServiceError.
    void validate(const QString& name, const QString& solutionVersionArn, int minProvisionedTps = 1);
    Campaign describe(const QString& arn);
    // All campaigns, or those serving versions of one solution.
    QList<Campaign> list(const QString& solutionArn = {});
    void remove(const QString& arn);
    // "Update now": a User-Personalization campaign's model takes in what was recorded since (new items
    // too) without waiting for the automatic update; false for recipes that need retraining.
    bool updateNow(const QString& arn);
    std::optional<Campaign> findByArn(const QString& arn);

private:
    QList<Campaign> select(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
    SolutionService& m_solutions;
};

} // namespace footfall
