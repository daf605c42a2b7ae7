#include "RecommenderService.h"

#include "Arn.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "FieldRule.h"
#include "Lifecycle.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "TrainingScheduler.h"
#include "TransactionGuard.h"

#include <QVariant>

namespace footfall {

RecommenderService::RecommenderService(Database& database, const ServiceConfig& config,
                                       DatasetGroupService& groups, SolutionService& solutions)
    : m_database(database)
    , m_config(config)
    , m_groups(groups)
    , m_solutions(solutions)
{}

QString RecommenderService::recipeFor(const QString& domain)
{
    if (domain == QLatin1String("ECOMMERCE"))
        return QStringLiteral("arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you");
    if (domain == QLatin1String("VIDEO_ON_DEMAND"))
        return QStringLiteral("arn:aws:personalize:::recipe/aws-vod-top-picks");
    return {};
}

void RecommenderService::validate(const QString& name, const QString& datasetGroupArn,
                                  const QString& recipeArn)
{
    FieldRule::resourceName().enforce(QStringLiteral("name"), name);
    const DatasetGroup group = m_groups.require(datasetGroupArn);
    if (!group.isDomain()) {
        throw ServiceError::invalidInput(
            QStringLiteral(
                "Dataset group %1 is a custom dataset group; recommenders belong to domain dataset groups "
                "(ECOMMERCE, VIDEO_ON_DEMAND). Use a solution and a campaign instead")
                .arg(group.name),
            QStringLiteral("datasetGroupArn"));
    }
    if (recipeArn != recipeFor(group.domain)) {
        throw ServiceError::invalidInput(
            QStringLiteral(
                "Invalid value for parameter recipeArn, value: \"%1\": for the %2 domain Footfall serves %3")
                .arg(recipeArn, group.domain, recipeFor(group.domain)),
            QStringLiteral("recipeArn"));
    }
    if (!select(QStringLiteral("r.name = ?"), {name}).isEmpty()) {
        throw ServiceError(ErrorCode::ResourceAlreadyExists,
                           QStringLiteral("A recommender named %1 already exists").arg(name),
                           QStringLiteral("name"));
    }
}

Recommender RecommenderService::create(const QString& name, const QString& datasetGroupArn,
                                       const QString& recipeArn, bool train)
{
    qint64 id = 0;
    QString versionArn;
    {
        TransactionGuard transaction(m_database);
        Lifecycle::purgeExpired(m_database, "recommender", m_config);
        Lifecycle::purgeExpired(m_database, "solution", m_config);
        validate(name, datasetGroupArn, recipeArn);
        const Solution solution =
            m_solutions.createHidden(QStringLiteral("recommender-") + name.left(50), datasetGroupArn);
        QSqlQuery insert =
            m_database.prepare(QStringLiteral("INSERT INTO recommender (dataset_group_id, solution_id, name, "
                                              "arn, recipe_arn, created_ms) VALUES (?, ?, ?, ?, ?, ?)"));
        insert.addBindValue(solution.datasetGroupId);
        insert.addBindValue(solution.id);
        insert.addBindValue(name);
        insert.addBindValue(Arn::build(m_config, QStringLiteral("recommender"), name));
        insert.addBindValue(recipeArn);
        insert.addBindValue(m_config.nowMs());
        Database::execute(insert);
        id = insert.lastInsertId().toLongLong();
        // Its model, pending in the same transaction: a recommender is never without one.
        versionArn = m_solutions.addPendingVersion(solution, QStringLiteral("FULL")).arn;
        transaction.commit();
    }
    if (TrainingScheduler* scheduler = m_solutions.scheduler())
        scheduler->enqueueVersion(versionArn);
    else if (train)
        m_solutions.trainVersion(versionArn); // trains now; a failure shows as the recommender's
    return select(QStringLiteral("r.id = ?"), {id}).first();
}

void RecommenderService::train(const QString& arn, const ModelTrainer::Progress& progress)
{
    m_solutions.trainVersion(describe(arn).solutionVersionArn, progress);
}

Recommender RecommenderService::describe(const QString& arn)
{
    FieldRule::arn().enforce(QStringLiteral("recommenderArn"), arn);
    const auto found = select(QStringLiteral("r.arn = ?"), {arn});
    if (found.isEmpty())
        throw ServiceError::notFound(QStringLiteral("Could not find recommender %1").arg(arn),
                                     QStringLiteral("recommenderArn"));
    return found.first();
}

std::optional<Recommender> RecommenderService::findByArn(const QString& arn)
{
    const auto found = select(QStringLiteral("r.arn = ?"), {arn});
    return found.isEmpty() ? std::nullopt : std::optional<Recommender>(found.first());
}

QList<Recommender> RecommenderService::list(const QString& datasetGroupArn)
{
    if (datasetGroupArn.isEmpty())
        return select(QString(), {});
    return select(QStringLiteral("r.dataset_group_id = ?"), {m_groups.require(datasetGroupArn).id});
}

void RecommenderService::remove(const QString& arn)
{
    TransactionGuard transaction(m_database);
    const Recommender recommender = describe(arn);
    if (recommender.status == Lifecycle::deletePendingStatus())
        return;
    Lifecycle::requestDelete(m_database, "recommender", recommender.id, m_config);
    // Its own solution goes with it.
    Lifecycle::requestDelete(m_database, "solution", recommender.solutionId, m_config);
    Lifecycle::purgeExpired(m_database, "recommender", m_config);
    Lifecycle::purgeExpired(m_database, "solution", m_config);
    transaction.commit();
}

QList<Recommender> RecommenderService::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral(
            "SELECT r.id, r.dataset_group_id, r.solution_id, r.name, r.arn, g.arn, r.recipe_arn,"
            " r.created_ms, r.delete_requested_ms,"
            " (SELECT arn FROM solution_version WHERE solution_id = r.solution_id ORDER BY id DESC LIMIT 1),"
            " (SELECT id FROM solution_version WHERE solution_id = r.solution_id ORDER BY id DESC LIMIT 1),"
            " (SELECT failure_reason FROM solution_version WHERE solution_id = r.solution_id"
            "  ORDER BY id DESC LIMIT 1), s.arn,"
            " (SELECT training_status FROM solution_version WHERE solution_id = r.solution_id"
            "  ORDER BY id DESC LIMIT 1)"
            " FROM recommender r JOIN dataset_group g ON g.id = r.dataset_group_id"
            " JOIN solution s ON s.id = r.solution_id WHERE ") +
        Lifecycle::visibleCondition(QStringLiteral("r")) +
        (where.isEmpty() ? QString() : QStringLiteral(" AND ") + where) + QStringLiteral(" ORDER BY r.name"));
    query.addBindValue(Lifecycle::visibleCutoff(m_config));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    QList<Recommender> recommenders;
    while (Database::nextRow(query)) {
        Recommender recommender;
        recommender.id = query.value(0).toLongLong();
        recommender.datasetGroupId = query.value(1).toLongLong();
        recommender.solutionId = query.value(2).toLongLong();
        recommender.name = query.value(3).toString();
        recommender.arn = query.value(4).toString();
        recommender.datasetGroupArn = query.value(5).toString();
        recommender.recipeArn = query.value(6).toString();
        recommender.createdMs = query.value(7).toLongLong();
        recommender.solutionVersionArn = query.value(9).toString();
        recommender.solutionVersionId = query.value(10).toLongLong();
        recommender.failureReason = query.value(11).toString();
        recommender.solutionArn = query.value(12).toString();
        const Lifecycle state = Lifecycle::at(recommender.createdMs, query.value(8).toLongLong(), m_config);
        const QString training = query.value(13).toString();
        recommender.status = state.status;
        if (!training.isEmpty() && !state.isDeleting())
            recommender.status = training; // its model waits for a worker, or is being trained
        else if (state.isActive() && !recommender.failureReason.isEmpty())
            recommender.status = QStringLiteral("CREATE FAILED");
        else if (state.isActive() && recommender.solutionVersionArn.isEmpty())
            recommender.status = QStringLiteral("CREATE IN_PROGRESS"); // its model is being trained
        recommender.lastUpdatedMs = state.lastUpdatedMs;
        recommenders.append(recommender);
    }
    return recommenders;
}

} // namespace footfall
