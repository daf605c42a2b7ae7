#pragma once

#include "ModelTrainer.h"
#include "Solution.h"
#include "SolutionVersion.h"

#include <QJsonValue>
#include <QList>

#include <optional>

namespace footfall {

class Database;
class DatasetGroupService;
class DatasetService;
class TrainingScheduler;
struct ServiceConfig;

struct CreateSolutionInput
{
    QString name;
    QString datasetGroupArn;
    QString recipeArn;
    QString eventType;         // optional training filter
    QJsonValue solutionConfig; // optional {"eventValueThreshold": "0.5"}
};

// Solutions and their versions. A version is trained by ModelTrainer on a TrainingScheduler's worker, or
// in the call where there is none; one that lacks data ends CREATE FAILED with the reason, as on AWS.
class SolutionService
{
public:
    SolutionService(Database& database, const ServiceConfig& config, DatasetGroupService& groups,
                    DatasetService& datasets);
    Q_DISABLE_COPY_MOVE(SolutionService)

    Solution create(const CreateSolutionInput& input);
    // A recommender's own solution: trained like any other, never listed. Inside the caller's transaction.
    Solution createHidden(const QString& name, const QString& datasetGroupArn);
    // Every check create() makes, without creating anything; throws ServiceError.
    void validate(const CreateSolutionInput& input);
    Solution describe(const QString& arn);
    QList<Solution> list(const QString& datasetGroupArn = {});
    // Refused while a campaign serves one of its versions.
    void remove(const QString& arn);

    // A new version, FULL or UPDATE (User-Personalization only, after a FULL version), CREATE PENDING.
    // With a TrainingScheduler (serve, the console) it is handed to its worker and returned at once, as
    // AWS does; without one (a one-shot command line) it is trained here before this returns. The data
    // is read from one snapshot without the write lock (PutEvents go on meanwhile). `progress` hears
    // how many events were read when it trains here.
    SolutionVersion createVersion(const QString& solutionArn,
                                  const QString& trainingMode = QStringLiteral("FULL"),
                                  const ModelTrainer::Progress& progress = {});
    // Inserts a CREATE PENDING version of `solution` inside the caller's transaction and returns it;
    // nothing trains it yet (createVersion, a recommender's creation).
    SolutionVersion addPendingVersion(const Solution& solution, const QString& trainingMode);
    // Trains a CREATE PENDING version: CREATE IN_PROGRESS, then ACTIVE, or CREATE FAILED with the
    // reason. Returns it as it is then; one that another worker took already is returned untouched.
    // `progress` may throw to stop the training; the version then stays CREATE IN_PROGRESS for the
    // caller to fail().
    SolutionVersion trainVersion(const QString& versionArn, const ModelTrainer::Progress& progress = {});
    // Ends a version that is still being trained as CREATE FAILED with `reason`.
    void failTraining(const QString& versionArn, const QString& reason);
    // Versions left CREATE PENDING or IN_PROGRESS by a process that is gone (killed, or the machine
    // restarted) end CREATE FAILED with interruptedReason(); they are not restarted, as AWS does not
    // restart a failed job. Run when a workspace opens; returns how many.
    int failInterruptedTraining();
    static QString interruptedReason();

    SolutionVersion describeVersion(const QString& arn);
    QList<SolutionVersion> listVersions(const QString& solutionArn = {});
    std::optional<SolutionVersion> findVersion(const QString& arn);

    // Amazon Personalize updates a User-Personalization model every two hours with what was recorded
    // since, so new items can be recommended without retraining. This retrains the version's model in
    // place when that is due (or at once with `force`, the console's "Update now"); returns whether it
    // did. Other recipes need a new solution version. `progress` may throw to stop it.
    static constexpr qint64 kAutomaticUpdateMs = 2 * 60 * 60 * 1000;
    bool updateModel(const QString& versionArn, bool force, const ModelTrainer::Progress& progress = {});
    // The versions a campaign or a recommender serves whose automatic update is due.
    QStringList dueForUpdate();

    // Where new versions are trained: set by the process that runs an event loop (serve, the console);
    // null in a one-shot command line, which trains in the call.
    void setScheduler(TrainingScheduler* scheduler) { m_scheduler = scheduler; }
    TrainingScheduler* scheduler() const { return m_scheduler; }

private:
    // Refuses a solution that is not ACTIVE, and UPDATE where it does not apply.
    void checkTrainable(const Solution& solution, const QString& mode);
    QList<Solution> select(const QString& where, const QVariantList& values);
    QList<SolutionVersion> selectVersions(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
    DatasetGroupService& m_groups;
    DatasetService& m_datasets;
    TrainingScheduler* m_scheduler = nullptr;
};

} // namespace footfall
