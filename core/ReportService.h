#pragma once

#include "AttributionReport.h"
#include "EventMetricsReport.h"

namespace footfall {

class Database;
class DatasetGroupService;
class EventTrackerService;
class MetricAttributionService;
struct ServiceConfig;

// Reports computed from the rollups, never from the events: their cost depends on the number of
// windows and sources, not on how many events were recorded.
class ReportService
{
public:
    ReportService(Database& database, const ServiceConfig& config, DatasetGroupService& groups,
                  MetricAttributionService& attributions, EventTrackerService& trackers);
    Q_DISABLE_COPY_MOVE(ReportService)

    // Throws ServiceError for an unknown group or metric, or a range that ends before it starts.
    AttributionReport attribution(const AttributionReportRequest& request);
    // Recomputes the group's windows and sources from its stored events; returns the windows written.
    qint64 rebuild(const QString& datasetGroupArn);
    // `fromSeconds` 0: the tracker's creation; `toSeconds` 0: now.
    EventMetricsReport eventMetrics(const QString& trackerArn, qint64 fromSeconds, qint64 toSeconds,
                                    int bucketSeconds);

    static void checkBucket(int bucketSeconds);

    // For a worker thread: the same reports over a read-only connection of their own to the
    // database at `path`. Throw ServiceError, StorageError or DatabaseOpenError.
    static AttributionReport attributionFrom(const QString& path, const ServiceConfig& config,
                                             const AttributionReportRequest& request);
    static EventMetricsReport eventMetricsFrom(const QString& path, const ServiceConfig& config,
                                               const QString& trackerArn, qint64 fromSeconds,
                                               qint64 toSeconds, int bucketSeconds);

private:
    Database& m_database;
    const ServiceConfig& m_config;
    DatasetGroupService& m_groups;
    MetricAttributionService& m_attributions;
    EventTrackerService& m_trackers;
};

} // namespace footfall
