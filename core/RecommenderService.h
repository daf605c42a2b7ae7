#pragma once

#include "ModelTrainer.h"
#include "Recommender.h"

#include <QList>

#include <optional>

namespace footfall {

class Database;
class DatasetGroupService;
class SolutionService;
struct ServiceConfig;

// Recommenders of domain dataset groups. Each has a hidden solution whose version is its model, trained
// like any solution version (the same readiness minimums; without them it ends CREATE FAILED with the
// reason).
class RecommenderService
{
public:
    RecommenderService(Database& database, const ServiceConfig& config, DatasetGroupService& groups,
                       SolutionService& solutions);
    Q_DISABLE_COPY_MOVE(RecommenderService)

    static QString recipeFor(const QString& domain); // the use case Footfall serves for a domain
    // Returns at once, CREATE PENDING, where the SolutionService has a TrainingScheduler: its model is
    // trained on the worker (CREATE IN_PROGRESS, then ACTIVE or CREATE FAILED). Without one, the model
    // is trained in this call with `train`, or stays CREATE PENDING until train().
    Recommender create(const QString& name, const QString& datasetGroupArn, const QString& recipeArn,
                       bool train = true);
    // Trains the recommender's pending model on this thread.
    void train(const QString& arn, const ModelTrainer::Progress& progress = {});
    void validate(const QString& name, const QString& datasetGroupArn, const QString& recipeArn);
    Recommender describe(const QString& arn);
    // The recommender with this ARN, if there is one (no error when there is not).
    std::optional<Recommender> findByArn(const QString& arn);
    QList<Recommender> list(const QString& datasetGroupArn = {});
    void remove(const QString& arn);

private:
    QList<Recommender> select(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
    DatasetGroupService& m_groups;
    SolutionService& m_solutions;
};

} // namespace footfall
