#include "CampaignService.h"

#include "Arn.h"
#include "Database.h"
#include "FieldRule.h"
#include "Lifecycle.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "TransactionGuard.h"

#include <QVariant>

namespace footfall {

CampaignService::CampaignService(Database& database, const ServiceConfig& config, SolutionService& solutions)
    : m_database(database)
    , m_config(config)
    , m_solutions(solutions)
{}

void CampaignService::validate(const QString& name, const QString& solutionVersionArn, int minProvisionedTps)
{
    FieldRule::resourceName().enforce(QStringLiteral("name"), name);
    if (minProvisionedTps < 1) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter minProvisionedTPS, value: %1, valid min value: 1")
                .arg(minProvisionedTps),
            QStringLiteral("minProvisionedTPS"));
    }
    const SolutionVersion version = m_solutions.describeVersion(solutionVersionArn);
    if (version.status == QLatin1String("CREATE FAILED")) {
        throw ServiceError::invalidInput(
            QStringLiteral("Solution version %1 failed to train: %2").arg(version.arn, version.failureReason),
            QStringLiteral("solutionVersionArn"));
    }
    if (version.status != Lifecycle::activeStatus()) {
        throw ServiceError(
            ErrorCode::ResourceInUse,
            QStringLiteral("Solution version %1 is %2; a campaign can use it once it is ACTIVE")
                .arg(version.arn, version.status),
            QStringLiteral("solutionVersionArn"));
    }
    if (const auto named = select(QStringLiteral("c.name = ?"), {name}); !named.isEmpty()) {
        throw ServiceError(
            ErrorCode::ResourceAlreadyExists,
            QStringLiteral("A campaign named %1 already exists: %2").arg(name, named.first().arn),
            QStringLiteral("name"));
    }
}

Campaign CampaignService::create(const QString& name, const QString& solutionVersionArn,
                                 int minProvisionedTps)
{
    TransactionGuard transaction(m_database);
    Lifecycle::purgeExpired(m_database, "campaign", m_config);
    validate(name, solutionVersionArn, minProvisionedTps);
    const SolutionVersion version = m_solutions.describeVersion(solutionVersionArn);
    QSqlQuery insert =
        m_database.prepare(QStringLiteral("INSERT INTO campaign (solution_version_id, name, arn, "
                                          "min_provisioned_tps, created_ms) VALUES (?, ?, ?, ?, ?)"));
    insert.addBindValue(version.id);
    insert.addBindValue(name);
    insert.addBindValue(Arn::build(m_config, QStringLiteral("campaign"), name));
    insert.addBindValue(minProvisionedTps);
    insert.addBindValue(m_config.nowMs());
    Database::execute(insert);
    const qint64 id = insert.lastInsertId().toLongLong();
    transaction.commit();
    return select(QStringLiteral("c.id = ?"), {id}).first();
}

Campaign CampaignService::describe(const QString& arn)
{
    FieldRule::arn().enforce(QStringLiteral("campaignArn"), arn);
    if (auto campaign = findByArn(arn))
        return *campaign;
    throw ServiceError::notFound(QStringLiteral("Could not find campaign %1").arg(arn),
                                 QStringLiteral("campaignArn"));
}

std::optional<Campaign> CampaignService::findByArn(const QString& arn)
{
    const auto found = select(QStringLiteral("c.arn = ?"), {arn});
    return found.isEmpty() ? std::nullopt : std::optional<Campaign>(found.first());
}

QList<Campaign> CampaignService::list(const QString& solutionArn)
{
    if (solutionArn.isEmpty())
        return select(QString(), {});
    return select(QStringLiteral("v.solution_id = ?"), {m_solutions.describe(solutionArn).id});
}

void CampaignService::remove(const QString& arn)
{
    TransactionGuard transaction(m_database);
    const Campaign campaign = describe(arn);
    if (campaign.status == Lifecycle::deletePendingStatus())
        return;
    Lifecycle::requestDelete(m_database, "campaign", campaign.id, m_config);
    Lifecycle::purgeExpired(m_database, "campaign", m_config);
    transaction.commit();
}

bool CampaignService::updateNow(const QString& arn)
{
    return m_solutions.updateModel(describe(arn).solutionVersionArn, true);
}

QList<Campaign> CampaignService::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral(
            "SELECT c.id, c.solution_version_id, s.dataset_group_id, c.name, c.arn, v.arn, s.recipe_arn,"
            " c.min_provisioned_tps, c.created_ms, c.delete_requested_ms FROM campaign c"
            " JOIN solution_version v ON v.id = c.solution_version_id JOIN solution s ON s.id = v.solution_id"
            " WHERE ") +
        Lifecycle::visibleCondition(QStringLiteral("c")) +
        (where.isEmpty() ? QString() : QStringLiteral(" AND ") + where) + QStringLiteral(" ORDER BY c.name"));
    query.addBindValue(Lifecycle::visibleCutoff(m_config));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    QList<Campaign> campaigns;
    while (Database::nextRow(query)) {
        Campaign campaign;
        campaign.id = query.value(0).toLongLong();
        campaign.solutionVersionId = query.value(1).toLongLong();
        campaign.datasetGroupId = query.value(2).toLongLong();
        campaign.name = query.value(3).toString();
        campaign.arn = query.value(4).toString();
        campaign.solutionVersionArn = query.value(5).toString();
        campaign.recipe = Recipes::fromArn(query.value(6).toString()).value_or(Recipe::PopularityCount);
        campaign.minProvisionedTps = query.value(7).toInt();
        campaign.createdMs = query.value(8).toLongLong();
        const Lifecycle state = Lifecycle::at(campaign.createdMs, query.value(9).toLongLong(), m_config);
        campaign.status = state.status;
        campaign.lastUpdatedMs = state.lastUpdatedMs;
        campaigns.append(campaign);
    }
    return campaigns;
}

} // namespace footfall
