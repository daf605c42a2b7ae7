#pragma once

#include "Database.h"
#include "ServiceConfig.h"

#include <QObject>

#include <memory>

namespace footfall {

class CampaignService;
class ControlPlane;
class DataPlane;
class DatasetGroupService;
class DatasetService;
class EventTrackerService;
class InteractionQuery;
class MetadataRecordService;
class MetricAttributionService;
class ReadinessService;
class RecordingService;
class RecommendationService;
class RecommenderService;

class ReportService;
class RequestLogService;
class RuntimePlane;
class SchemaService;
class SolutionService;
class TrainingScheduler;

// One open Footfall database with the services that work on it. The console, the command line
// and the endpoint each hold one.
class Workspace final : public QObject
{
    Q_OBJECT

public:
    // Throws DatabaseOpenError when the file cannot be used; the file is then left untouched. Training
    // left unfinished by a process that is gone is failed (SolutionService::failInterruptedTraining).
    static std::unique_ptr<Workspace> open(const QString& path, const ServiceConfig& config,
                                           const DatabaseOptions& options = {});
    // The services over a read-only connection, for a thread that only reads (the endpoint's
    // readers): create, use and destroy it on that thread. Whatever would write fails. Throws
    // DatabaseOpenError.
    static std::unique_ptr<Workspace> openReader(const QString& path, const ServiceConfig& config);
    ~Workspace() override;
    Q_DISABLE_COPY_MOVE(Workspace)

    QString path() const { return m_database->path(); }
    Database& database() { return *m_database; }
    const ServiceConfig& config() const { return m_config; }

    DatasetGroupService& datasetGroups() { return *m_datasetGroups; }
    SchemaService& schemas() { return *m_schemas; }
    DatasetService& datasets() { return *m_datasets; }
    EventTrackerService& eventTrackers() { return *m_eventTrackers; }
    MetricAttributionService& metricAttributions() { return *m_metricAttributions; }
    SolutionService& solutions() { return *m_solutions; }
    CampaignService& campaigns() { return *m_campaigns; }
    RecommenderService& recommenders() { return *m_recommenders; }
    ControlPlane& controlPlane() { return *m_controlPlane; }
    RequestLogService& requestLog() { return *m_requestLog; }
    RecordingService& recording() { return *m_recording; }
    MetadataRecordService& metadataRecords() { return *m_metadataRecords; }
    ReadinessService& readiness() { return *m_readiness; }
    InteractionQuery& interactions() { return *m_interactions; }
    DataPlane& dataPlane() { return *m_dataPlane; }
    ReportService& reports() { return *m_reports; }
    RecommendationService& recommendations() { return *m_recommendations; }
    RuntimePlane& runtimePlane() { return *m_runtimePlane; }

    // Where CreateSolutionVersion and CreateRecommender train, and what updates models automatically:
    // set by the owner of an event loop (serve, the local endpoint, the console) for as long as both
    // live; without one, training runs in the call.
    void setTrainingScheduler(TrainingScheduler* scheduler);
    TrainingScheduler* trainingScheduler() const;

signals:
    // Emitted after every committed change made through this workspace.
    void changed();

private:
    Workspace(std::unique_ptr<Database> database, const ServiceConfig& config);

    std::unique_ptr<Database> m_database;
    ServiceConfig m_config;
    std::unique_ptr<DatasetGroupService> m_datasetGroups;
    std::unique_ptr<SchemaService> m_schemas;
    std::unique_ptr<DatasetService> m_datasets;
    std::unique_ptr<EventTrackerService> m_eventTrackers;
    std::unique_ptr<MetricAttributionService> m_metricAttributions;
    std::unique_ptr<SolutionService> m_solutions;
    std::unique_ptr<CampaignService> m_campaigns;
    std::unique_ptr<RecommenderService> m_recommenders;
    std::unique_ptr<ControlPlane> m_controlPlane;
    std::unique_ptr<RequestLogService> m_requestLog;
    std::unique_ptr<RecordingService> m_recording;
    std::unique_ptr<MetadataRecordService> m_metadataRecords;
    std::unique_ptr<ReadinessService> m_readiness;
    std::unique_ptr<InteractionQuery> m_interactions;
    std::unique_ptr<DataPlane> m_dataPlane;
    std::unique_ptr<ReportService> m_reports;
    std::unique_ptr<RecommendationService> m_recommendations;
    std::unique_ptr<RuntimePlane> m_runtimePlane;
};

} // namespace footfall
