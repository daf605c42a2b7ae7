#include "SolutionService.h"

#include "Arn.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "FieldRule.h"
#include "JsonInput.h"
#include "Lifecycle.h"
#include "ModelTrainer.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TrainerProcess.h"
#include "TrainingScheduler.h"
#include "TransactionGuard.h"

#include <QElapsedTimer>
#include <QUuid>
#include <QVariant>

namespace footfall {

namespace {

const QString kFull = QStringLiteral("FULL");
const QString kUpdate = QStringLiteral("UPDATE");
const QString kCreateFailed = QStringLiteral("CREATE FAILED");
const QString kCreatePending = QStringLiteral("CREATE PENDING");
const QString kCreateInProgress = QStringLiteral("CREATE IN_PROGRESS");

std::optional<double> thresholdOf(const QJsonValue& config)
{
    if (config.isUndefined() || config.isNull())
        return std::nullopt;
    const QString parameter = QStringLiteral("solutionConfig");
    if (!config.isObject())
        throw ServiceError::invalidInput(JsonInput::typeError(parameter, config, QStringLiteral("object")),
                                         parameter);
    JsonInput::rejectUnknown(config.toObject(), {QStringLiteral("eventValueThreshold")}, parameter);
    static const FieldRule thresholdRule(0, 256);
    const auto text = JsonInput::string(config.toObject(), QStringLiteral("eventValueThreshold"),
                                        QStringLiteral("solutionConfig.eventValueThreshold"), thresholdRule);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const double threshold = text->trimmed().toDouble(&ok);
    if (!ok) {
        throw ServiceError::invalidInput(
            QStringLiteral(
                "Invalid value for parameter solutionConfig.eventValueThreshold, value: \"%1\": not a number")
                .arg(*text),
            QStringLiteral("solutionConfig.eventValueThreshold"));
    }
    return threshold;
}

} // namespace

SolutionService::SolutionService(Database& database, const ServiceConfig& config, DatasetGroupService& groups,
                                 DatasetService& datasets)
    : m_database(database)
    , m_config(config)
    , m_groups(groups)
    , m_datasets(datasets)
{}

void SolutionService::validate(const CreateSolutionInput& input)
{
    FieldRule::resourceName().enforce(QStringLiteral("name"), input.name);
    if (input.recipeArn.isEmpty()) {
        throw ServiceError::invalidInput(QStringLiteral("Missing recipeArn: Footfall trains %1")
                                             .arg(Recipes::allArns().join(QStringLiteral(", "))),
                                         QStringLiteral("recipeArn"));
    }
    if (!Recipes::fromArn(input.recipeArn)) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter recipeArn, value: \"%1\", valid "
                           "values: %2")
                .arg(input.recipeArn, Recipes::allArns().join(QStringLiteral(", "))),
            QStringLiteral("recipeArn"));
    }
    static const FieldRule eventTypeRule(0, 256);
    eventTypeRule.enforce(QStringLiteral("eventType"), input.eventType);
    thresholdOf(input.solutionConfig);
    const DatasetGroup group = m_groups.require(input.datasetGroupArn);
    if (group.status == Lifecycle::deletePendingStatus()) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Dataset group %1 is being deleted").arg(group.name),
                           QStringLiteral("datasetGroupArn"));
    }
    const auto interactions = m_datasets.findForGroup(group.id, DatasetType::Interactions);
    if (!interactions || interactions->status == Lifecycle::deletePendingStatus()) {
        throw ServiceError::invalidInput(
            QStringLiteral("Dataset group %1 has no Interactions dataset to train on").arg(group.name),
            QStringLiteral("datasetGroupArn"));
    }
    if (const auto named = select(QStringLiteral("s.name = ?"), {input.name}); !named.isEmpty()) {
        throw ServiceError(
            ErrorCode::ResourceAlreadyExists,
            QStringLiteral("A solution named %1 already exists: %2").arg(input.name, named.first().arn),
            QStringLiteral("name"));
    }
}

Solution SolutionService::create(const CreateSolutionInput& input)
{
    TransactionGuard transaction(m_database);
    Lifecycle::purgeExpired(m_database, "campaign", m_config);
    Lifecycle::purgeExpired(m_database, "recommender", m_config);
    Lifecycle::purgeExpired(m_database, "solution", m_config);
    validate(input);
    const DatasetGroup group = m_groups.require(input.datasetGroupArn);
    const std::optional<double> threshold = thresholdOf(input.solutionConfig);
    QSqlQuery insert = m_database.prepare(
        QStringLiteral("INSERT INTO solution (dataset_group_id, name, arn, recipe_arn, event_type, "
                       "event_value_threshold, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(group.id);
    insert.addBindValue(input.name);
    insert.addBindValue(Arn::build(m_config, QStringLiteral("solution"), input.name));
    insert.addBindValue(input.recipeArn);
    insert.addBindValue(input.eventType.isEmpty() ? QVariant() : QVariant(input.eventType));
    insert.addBindValue(threshold ? QVariant(*threshold) : QVariant());
    insert.addBindValue(m_config.nowMs());
    Database::execute(insert);
    const qint64 id = insert.lastInsertId().toLongLong();
    transaction.commit();
    return select(QStringLiteral("s.id = ?"), {id}).first();
}

Solution SolutionService::createHidden(const QString& name, const QString& datasetGroupArn)
{
    const DatasetGroup group = m_groups.require(datasetGroupArn);
    QSqlQuery insert = m_database.prepare(
        QStringLiteral("INSERT INTO solution (dataset_group_id, name, arn, recipe_arn, created_ms, hidden)"
                       " VALUES (?, ?, ?, ?, ?, 1)"));
    insert.addBindValue(group.id);
    insert.addBindValue(name);
    insert.addBindValue(Arn::build(m_config, QStringLiteral("solution"), name));
    insert.addBindValue(Recipes::arn(Recipe::UserPersonalization));
    insert.addBindValue(m_config.nowMs());
    Database::execute(insert);
    return select(QStringLiteral("s.id = ?"), {insert.lastInsertId().toLongLong()}).first();
}

Solution SolutionService::describe(const QString& arn)
{
    FieldRule::arn().enforce(QStringLiteral("solutionArn"), arn);
    const auto found = select(QStringLiteral("s.arn = ?"), {arn});
    if (found.isEmpty())
        throw ServiceError::notFound(QStringLiteral("Could not find solution %1").arg(arn));
    return found.first();
}

QList<Solution> SolutionService::list(const QString& datasetGroupArn)
{
    if (datasetGroupArn.isEmpty())
        return select(QStringLiteral("s.hidden = 0"), {});
    return select(QStringLiteral("s.hidden = 0 AND s.dataset_group_id = ?"),
                  {m_groups.require(datasetGroupArn).id});
}

void SolutionService::remove(const QString& arn)
{
    TransactionGuard transaction(m_database);
    const Solution solution = describe(arn);
    QSqlQuery used = m_database.prepare(
        QStringLiteral("SELECT c.name FROM campaign c JOIN solution_version v ON v.id = c.solution_version_id"
                       " WHERE v.solution_id = ? AND c.delete_requested_ms IS NULL LIMIT 1"));
    used.addBindValue(solution.id);
    Database::execute(used);
    if (Database::nextRow(used)) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Solution %1 is used by campaign %2; delete the campaign first")
                               .arg(solution.name, used.value(0).toString()));
    }
    if (solution.status == Lifecycle::deletePendingStatus())
        return;
    Lifecycle::requestDelete(m_database, "solution", solution.id, m_config);
    Lifecycle::purgeExpired(m_database, "campaign", m_config);
    Lifecycle::purgeExpired(m_database, "recommender", m_config);
    Lifecycle::purgeExpired(m_database, "solution", m_config);
    transaction.commit();
}

void SolutionService::checkTrainable(const Solution& solution, const QString& mode)
{
    // A recommender trains while it is being created.
    if (!solution.hidden && solution.status != Lifecycle::activeStatus()) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Solution %1 is %2; it can be trained once it is ACTIVE")
                               .arg(solution.name, solution.status),
                           QStringLiteral("solutionArn"));
    }
    if (mode == kUpdate) {
        if (solution.recipe != Recipe::UserPersonalization) {
            throw ServiceError::invalidInput(
                QStringLiteral("trainingMode UPDATE is for User-Personalization solutions; %1 uses %2")
                    .arg(solution.name, solution.recipeArn),
                QStringLiteral("trainingMode"));
        }
        const auto trained = selectVersions(
            QStringLiteral("v.solution_id = ? AND v.failure_reason IS NULL AND v.training_status IS NULL"),
            {solution.id});
        if (trained.isEmpty()) {
            throw ServiceError::invalidInput(
                QStringLiteral(
                    "trainingMode UPDATE needs a solution version of %1 trained in FULL mode first")
                    .arg(solution.name),
                QStringLiteral("trainingMode"));
        }
    }
}

SolutionVersion SolutionService::createVersion(const QString& solutionArn, const QString& trainingMode,
                                               const ModelTrainer::Progress& progress)
{
    const QString mode = trainingMode.isEmpty() ? kFull : trainingMode;
    if (mode != kFull && mode != kUpdate) {
        throw ServiceError::invalidInput(
            QStringLiteral(
                "Invalid value for parameter trainingMode, value: \"%1\", valid values: FULL, UPDATE")
                .arg(mode),
            QStringLiteral("trainingMode"));
    }
    TransactionGuard transaction(m_database);
    const Solution solution = describe(solutionArn);
    checkTrainable(solution, mode);
    const SolutionVersion pending = addPendingVersion(solution, mode);
    transaction.commit();
    if (m_scheduler) {
        m_scheduler->enqueueVersion(pending.arn);
        return pending;
    }
    return trainVersion(pending.arn, progress);
}

SolutionVersion SolutionService::addPendingVersion(const Solution& solution, const QString& trainingMode)
{
    QSqlQuery insert = m_database.prepare(
        QStringLiteral("INSERT INTO solution_version (solution_id, arn, training_mode, created_ms, "
                       "training_status, trainer) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(solution.id);
    insert.addBindValue(
        QString(solution.arn + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::Id128).left(8)));
    insert.addBindValue(trainingMode);
    insert.addBindValue(m_config.nowMs());
    insert.addBindValue(kCreatePending);
    insert.addBindValue(TrainerProcess::current());
    Database::execute(insert);
    return selectVersions(QStringLiteral("v.id = ?"), {insert.lastInsertId().toLongLong()}).first();
}

SolutionVersion SolutionService::trainVersion(const QString& versionArn,
                                              const ModelTrainer::Progress& progress)
{
    const SolutionVersion version = describeVersion(versionArn);
    {
        TransactionGuard transaction(m_database);
        QSqlQuery start =
            m_database.prepare(QStringLiteral("UPDATE solution_version SET training_status = ?, trainer = ? "
                                              "WHERE id = ? AND training_status = ?"));
        start.addBindValue(kCreateInProgress);
        start.addBindValue(TrainerProcess::current());
        start.addBindValue(version.id);
        start.addBindValue(kCreatePending);
        Database::execute(start);
        if (start.numRowsAffected() != 1)
            return version; // taken by another worker, or no longer pending
        transaction.commit();
    }
    const QList<Solution> solutions = select(QStringLiteral("s.id = ?"), {version.solutionId});
    if (solutions.isEmpty()) {
        failTraining(versionArn, QStringLiteral("Its solution was deleted before it was trained"));
        return version;
    }
    // The model is computed from one snapshot without the write lock; only storing it takes the lock.
    QElapsedTimer timer;
    timer.start();
    const TrainedModel model =
        ModelTrainer::compute(m_database, solutions.first(), version.trainingMode == kFull, progress);

    TransactionGuard transaction(m_database);
    QSqlQuery still = m_database.prepare(
        QStringLiteral("SELECT 1 FROM solution_version WHERE id = ? AND training_status = ?"));
    still.addBindValue(version.id);
    still.addBindValue(kCreateInProgress);
    Database::execute(still);
    if (!Database::nextRow(still))
        return describeVersion(versionArn); // failed meanwhile (the process was taken for gone)
    const TrainingOutcome& outcome = model.outcome;
    if (outcome.failureReason.isEmpty())
        ModelTrainer::store(m_database, version.id, model);
    QSqlQuery finish = m_database.prepare(QStringLiteral(
        "UPDATE solution_version SET failure_reason = ?, interactions = ?, users = ?, items = ?, "
        "training_ms = ?, model_updated_ms = ?, training_status = NULL WHERE id = ?"));
    finish.addBindValue(outcome.failureReason.isEmpty() ? QVariant() : QVariant(outcome.failureReason));
    finish.addBindValue(outcome.interactions);
    finish.addBindValue(outcome.users);
    finish.addBindValue(outcome.items);
    finish.addBindValue(timer.elapsed());
    finish.addBindValue(m_config.nowMs());
    finish.addBindValue(version.id);
    Database::execute(finish);
    transaction.commit();
    return describeVersion(versionArn);
}

void SolutionService::failTraining(const QString& versionArn, const QString& reason)
{
    TransactionGuard transaction(m_database);
    QSqlQuery fail = m_database.prepare(QStringLiteral(
        "UPDATE solution_version SET training_status = NULL, failure_reason = ?, model_updated_ms = ? "
        "WHERE arn = ? AND training_status IS NOT NULL"));
    fail.addBindValue(reason);
    fail.addBindValue(m_config.nowMs());
    fail.addBindValue(versionArn);
    Database::execute(fail);
    transaction.commit();
}

QString SolutionService::interruptedReason()
{
    return QStringLiteral("Training was interrupted when the process that ran it stopped");
}

int SolutionService::failInterruptedTraining()
{
    // Looked for without the write lock: almost always there is nothing to do.
    const auto interrupted = [this] {
        QList<qint64> ids;
        QSqlQuery unfinished = m_database.prepare(
            QStringLiteral("SELECT id, trainer FROM solution_version WHERE training_status IS NOT NULL"));
        Database::execute(unfinished);
        while (Database::nextRow(unfinished)) {
            if (TrainerProcess::isGone(unfinished.value(1).toString()))
                ids << unfinished.value(0).toLongLong();
        }
        return ids;
    };
    if (interrupted().isEmpty())
        return 0;
    TransactionGuard transaction(m_database);
    const QList<qint64> ids = interrupted();
    for (const qint64 id : ids) {
        QSqlQuery fail = m_database.prepare(QStringLiteral(
            "UPDATE solution_version SET training_status = NULL, failure_reason = ?, model_updated_ms = ? "
            "WHERE id = ? AND training_status IS NOT NULL"));
        fail.addBindValue(interruptedReason());
        fail.addBindValue(m_config.nowMs());
        fail.addBindValue(id);
        Database::execute(fail);
    }
    transaction.commit();
    return int(ids.size());
}

SolutionVersion SolutionService::describeVersion(const QString& arn)
{
    FieldRule::arn().enforce(QStringLiteral("solutionVersionArn"), arn);
    if (auto version = findVersion(arn))
        return *version;
    throw ServiceError::notFound(QStringLiteral("Could not find solution version %1").arg(arn));
}

std::optional<SolutionVersion> SolutionService::findVersion(const QString& arn)
{
    const auto found = selectVersions(QStringLiteral("v.arn = ?"), {arn});
    return found.isEmpty() ? std::nullopt : std::optional<SolutionVersion>(found.first());
}

QList<SolutionVersion> SolutionService::listVersions(const QString& solutionArn)
{
    if (solutionArn.isEmpty())
        return selectVersions(QStringLiteral("s.hidden = 0"), {});
    return selectVersions(QStringLiteral("v.solution_id = ?"), {describe(solutionArn).id});
}

bool SolutionService::updateModel(const QString& versionArn, bool force,
                                  const ModelTrainer::Progress& progress)
{
    const auto due = [this, force](const SolutionVersion& candidate) {
        return candidate.recipe == Recipe::UserPersonalization &&
               candidate.status == Lifecycle::activeStatus() &&
               (force || m_config.nowMs() - candidate.modelUpdatedMs >= kAutomaticUpdateMs);
    };
    // Decide without taking the write lock; train from a snapshot, still without it; then look again
    // under it and store.
    const SolutionVersion candidate = describeVersion(versionArn);
    if (!due(candidate))
        return false;
    const QList<Solution> solutions = select(QStringLiteral("s.id = ?"), {candidate.solutionId});
    if (solutions.isEmpty())
        return false; // its solution is being deleted
    const TrainedModel model =
        ModelTrainer::compute(m_database, solutions.first(), candidate.trainingMode == kFull, progress);
    const TrainingOutcome& outcome = model.outcome;
    if (!outcome.failureReason.isEmpty())
        return false; // the data shrank below the minimums: keep the model as it was
    TransactionGuard transaction(m_database);
    const SolutionVersion version = describeVersion(versionArn);
    if (!due(version))
        return false; // updated meanwhile (another process, or another request)
    for (const char* sql :
         {"DELETE FROM model_item WHERE version_id = ?", "DELETE FROM model_pair WHERE version_id = ?"}) {
        QSqlQuery clear = m_database.prepare(QLatin1String(sql));
        clear.addBindValue(version.id);
        Database::execute(clear);
    }
    ModelTrainer::store(m_database, version.id, model);
    QSqlQuery touch =
        m_database.prepare(QStringLiteral("UPDATE solution_version SET model_updated_ms = ?, interactions = "
                                          "?, users = ?, items = ? WHERE id = ?"));
    touch.addBindValue(m_config.nowMs());
    touch.addBindValue(outcome.interactions);
    touch.addBindValue(outcome.users);
    touch.addBindValue(outcome.items);
    touch.addBindValue(version.id);
    Database::execute(touch);
    transaction.commit();
    return true;
}

QStringList SolutionService::dueForUpdate()
{
    // What a campaign serves, or a recommender (its latest version).
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "SELECT v.arn FROM solution_version v JOIN solution s ON s.id = v.solution_id"
        " WHERE s.recipe_arn = ? AND s.delete_requested_ms IS NULL AND v.training_status IS NULL"
        " AND v.failure_reason IS NULL AND v.model_updated_ms <= ?"
        " AND (EXISTS (SELECT 1 FROM campaign c WHERE c.solution_version_id = v.id"
        "  AND c.delete_requested_ms IS NULL)"
        " OR EXISTS (SELECT 1 FROM recommender r WHERE r.solution_id = s.id AND r.delete_requested_ms IS NULL"
        "  AND v.id = (SELECT max(id) FROM solution_version WHERE solution_id = s.id)))"
        " ORDER BY v.model_updated_ms"));
    query.addBindValue(Recipes::arn(Recipe::UserPersonalization));
    query.addBindValue(m_config.nowMs() - kAutomaticUpdateMs);
    Database::execute(query);
    QStringList arns;
    while (Database::nextRow(query))
        arns << query.value(0).toString();
    return arns;
}

QList<Solution> SolutionService::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral(
            "SELECT s.id, s.dataset_group_id, s.name, s.arn, g.arn, s.recipe_arn, s.event_type,"
            " s.event_value_threshold, s.created_ms, s.delete_requested_ms,"
            " (SELECT arn FROM solution_version WHERE solution_id = s.id ORDER BY id DESC LIMIT 1), s.hidden"
            " FROM solution s JOIN dataset_group g ON g.id = s.dataset_group_id WHERE ") +
        Lifecycle::visibleCondition(QStringLiteral("s")) +
        (where.isEmpty() ? QString() : QStringLiteral(" AND ") + where) + QStringLiteral(" ORDER BY s.name"));
    query.addBindValue(Lifecycle::visibleCutoff(m_config));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    QList<Solution> solutions;
    while (Database::nextRow(query)) {
        Solution solution;
        solution.id = query.value(0).toLongLong();
        solution.datasetGroupId = query.value(1).toLongLong();
        solution.name = query.value(2).toString();
        solution.arn = query.value(3).toString();
        solution.datasetGroupArn = query.value(4).toString();
        solution.recipeArn = query.value(5).toString();
        solution.recipe = Recipes::fromArn(solution.recipeArn).value_or(Recipe::PopularityCount);
        solution.eventType = query.value(6).toString();
        if (!query.value(7).isNull())
            solution.eventValueThreshold = query.value(7).toDouble();
        solution.createdMs = query.value(8).toLongLong();
        const Lifecycle state = Lifecycle::at(solution.createdMs, query.value(9).toLongLong(), m_config);
        solution.status = state.status;
        solution.lastUpdatedMs = state.lastUpdatedMs;
        solution.latestVersionArn = query.value(10).toString();
        solution.hidden = query.value(11).toBool();
        solutions.append(solution);
    }
    return solutions;
}

QList<SolutionVersion> SolutionService::selectVersions(const QString& where, const QVariantList& values)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral(
            "SELECT v.id, v.solution_id, s.dataset_group_id, v.arn, s.arn, g.arn, s.recipe_arn,"
            " v.training_mode, v.created_ms, v.failure_reason, v.interactions, v.users, v.items,"
            " v.training_ms, s.delete_requested_ms, v.model_updated_ms, v.training_status FROM "
            "solution_version v"
            " JOIN solution s ON s.id = v.solution_id JOIN dataset_group g ON g.id = s.dataset_group_id"
            " WHERE ") +
        Lifecycle::visibleCondition(QStringLiteral("s")) +
        (where.isEmpty() ? QString() : QStringLiteral(" AND ") + where) + QStringLiteral(" ORDER BY v.id"));
    query.addBindValue(Lifecycle::visibleCutoff(m_config));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    QList<SolutionVersion> versions;
    while (Database::nextRow(query)) {
        SolutionVersion version;
        version.id = query.value(0).toLongLong();
        version.solutionId = query.value(1).toLongLong();
        version.datasetGroupId = query.value(2).toLongLong();
        version.arn = query.value(3).toString();
        version.solutionArn = query.value(4).toString();
        version.datasetGroupArn = query.value(5).toString();
        version.recipeArn = query.value(6).toString();
        version.recipe = Recipes::fromArn(version.recipeArn).value_or(Recipe::PopularityCount);
        version.trainingMode = query.value(7).toString();
        version.createdMs = query.value(8).toLongLong();
        version.failureReason = query.value(9).toString();
        version.interactions = query.value(10).toLongLong();
        version.users = query.value(11).toLongLong();
        version.items = query.value(12).toLongLong();
        version.trainingMs = query.value(13).toLongLong();
        version.modelUpdatedMs = query.value(15).toLongLong();
        const QString training = query.value(16).toString();
        if (!training.isEmpty()) {
            // Waiting for a worker, or being trained.
            version.status = training;
            version.lastUpdatedMs = version.createdMs;
        } else {
            // Trained: it takes at least the provisioning time to get there, never going back to PENDING;
            // one that could not be trained then fails.
            const Lifecycle state = Lifecycle::at(version.createdMs, 0, m_config);
            version.status = state.isActive() && !version.failureReason.isEmpty() ? kCreateFailed
                             : state.isActive()                                   ? state.status
                                                                                  : kCreateInProgress;
            version.lastUpdatedMs = state.lastUpdatedMs;
        }
        versions.append(version);
    }
    return versions;
}

} // namespace footfall
