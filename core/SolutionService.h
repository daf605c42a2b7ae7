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
struct ServiceConfig;

struct CreateSolutionInput
{
    QString name;
    QString datasetGroupArn;
    QString recipeArn;
    QString eventType;         // optional training filter
    QJsonValue solutionConfig; // optional {"eventValueThreshold": "0.5"}
};

// Solutions and their versions. Creating a version trains it at once (ModelTrainer); one that
// lacks data ends CREATE FAILED with the reason, as on AWS.
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

    // Trains: FULL, or UPDATE (User-Personalization only, after a FULL version).
    // The data is read from one snapshot without the write lock (PutEvents go on meanwhile); the
    // version appears when its model is stored. `progress` hears how many events were read.
    SolutionVersion createVersion(const QString& solutionArn,
                                  const QString& trainingMode = QStringLiteral("FULL"),
                                  const ModelTrainer::Progress& progress = {});
    SolutionVersion describeVersion(const QString& arn);
    QList<SolutionVersion> listVersions(const QString& solutionArn = {});
    std::optional<SolutionVersion> findVersion(const QString& arn);

    // Amazon Personalize updates a User-Personalization model every two hours with what was recorded
    // since, so new items can be recommended without retraining. This retrains the version's model in
    // place when that is due (or at once with `force`, the console's "Update now"); returns whether it
    // did. Other recipes need a new solution version.
    static constexpr qint64 kAutomaticUpdateMs = 2 * 60 * 60 * 1000;
    bool updateModel(const QString& versionArn, bool force);

private:
    // Refuses a solution that is not ACTIVE, and UPDATE where it does not apply.
    void checkTrainable(const Solution& solution, const QString& mode);
    QList<Solution> select(const QString& where, const QVariantList& values);
    QList<SolutionVersion> selectVersions(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
    DatasetGroupService& m_groups;
    DatasetService& m_datasets;
};

} // namespace footfall
