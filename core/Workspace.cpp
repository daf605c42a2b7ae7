#include "Workspace.h"

#include "CampaignService.h"
#include "ControlPlane.h"
#include "DataPlane.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "InteractionQuery.h"
#include "MetadataRecordService.h"
#include "MetricAttributionService.h"
#include "ReadinessService.h"
#include "RecommendationService.h"
#include "RecommenderService.h"
#include "RecordingService.h"
#include "ReportService.h"
#include "RequestLogService.h"
#include "RuntimePlane.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "SolutionService.h"

namespace footfall {

Workspace::Workspace(std::unique_ptr<Database> database, const ServiceConfig& config)
    : m_database(std::move(database))
    , m_config(config)
    , m_datasetGroups(std::make_unique<DatasetGroupService>(*m_database, m_config))
    , m_schemas(std::make_unique<SchemaService>(*m_database, m_config))
    , m_datasets(std::make_unique<DatasetService>(*m_database, m_config, *m_datasetGroups, *m_schemas))
    , m_eventTrackers(std::make_unique<EventTrackerService>(*m_database, m_config, *m_datasetGroups))
    , m_metricAttributions(std::make_unique<MetricAttributionService>(*m_database, m_config, *m_datasetGroups,
                                                                      *m_datasets, *m_schemas))
    , m_solutions(std::make_unique<SolutionService>(*m_database, m_config, *m_datasetGroups, *m_datasets))
    , m_campaigns(std::make_unique<CampaignService>(*m_database, m_config, *m_solutions))
    , m_recommenders(
          std::make_unique<RecommenderService>(*m_database, m_config, *m_datasetGroups, *m_solutions))
    , m_controlPlane(std::make_unique<ControlPlane>(*this))
    , m_requestLog(std::make_unique<RequestLogService>(*m_database, m_config))
    , m_recording(std::make_unique<RecordingService>(*m_database, m_config, *m_eventTrackers, *m_datasets,
                                                     *m_schemas, *m_requestLog))
    , m_metadataRecords(std::make_unique<MetadataRecordService>(*m_database, m_config, *m_datasets,
                                                                *m_recording, *m_requestLog))
    , m_readiness(std::make_unique<ReadinessService>(*m_database))
    , m_interactions(std::make_unique<InteractionQuery>(*m_database))
    , m_dataPlane(std::make_unique<DataPlane>(*this))
    , m_reports(std::make_unique<ReportService>(*m_database, m_config, *m_datasetGroups,
                                                *m_metricAttributions, *m_eventTrackers))
    , m_recommendations(std::make_unique<RecommendationService>(*m_database, m_config, *m_campaigns,
                                                                *m_solutions, *m_recommenders))
    , m_runtimePlane(std::make_unique<RuntimePlane>(*this))
{
    connect(m_database.get(), &Database::committed, this, &Workspace::changed);
}

Workspace::~Workspace() = default;

std::unique_ptr<Workspace> Workspace::open(const QString& path, const ServiceConfig& config,
                                           const DatabaseOptions& options)
{
    std::unique_ptr<Workspace> workspace(new Workspace(Database::open(path, options), config));
    // Best effort: a file whose write lock is held now gets it done by the next process that opens it.
    failureOf([&] { workspace->solutions().failInterruptedTraining(); });
    return workspace;
}

std::unique_ptr<Workspace> Workspace::openReader(const QString& path, const ServiceConfig& config)
{
    return std::unique_ptr<Workspace>(new Workspace(Database::openReader(path), config));
}

void Workspace::setTrainingScheduler(TrainingScheduler* scheduler)
{
    m_solutions->setScheduler(scheduler);
}

TrainingScheduler* Workspace::trainingScheduler() const
{
    return m_solutions->scheduler();
}

} // namespace footfall
