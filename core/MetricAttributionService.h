#pragma once

#include "MetricAttribution.h"

#include <QJsonValue>
#include <QList>

#include <optional>

namespace footfall {

class Database;
class DatasetGroupService;
class DatasetService;
class SchemaService;
struct ServiceConfig;

struct CreateMetricAttributionInput
{
    QString name;
    QString datasetGroupArn;
    QJsonValue metrics;             // a list of {eventType, metricName, expression}
    QJsonValue metricsOutputConfig; // {roleArn, s3DataDestination?}
};

struct UpdateMetricAttributionInput
{
    QString metricAttributionArn;
    QJsonValue addMetrics;          // optional list of MetricAttribute
    QJsonValue removeMetrics;       // optional list of metric names
    QJsonValue metricsOutputConfig; // optional replacement
};

// Metric attributions with AWS's rules: one per dataset group, at most 10 metrics, each an event
// type with SAMPLECOUNT() or SUM(Interactions|Items.<numeric column>), an Interactions schema with
// EVENT_TYPE. Only events recorded after a metric was added count for it.
class MetricAttributionService
{
public:
    static constexpr int kMaxMetrics = 10;

    MetricAttributionService(Database& database, const ServiceConfig& config, DatasetGroupService& groups,
                             DatasetService& datasets, SchemaService& schemas);
    Q_DISABLE_COPY_MOVE(MetricAttributionService)

    MetricAttribution create(const CreateMetricAttributionInput& input);
    // Every check create() makes, without creating anything; throws ServiceError.
    void validate(const CreateMetricAttributionInput& input);
    MetricAttribution describe(const QString& arn);
    QList<MetricAttribution> list(const QString& datasetGroupArn = {});
    MetricAttribution update(const UpdateMetricAttributionInput& input);
    // DELETE PENDING, then gone with its metrics and their windows.
    void remove(const QString& arn);

    std::optional<MetricAttribution> findByArn(const QString& arn);
    std::optional<MetricAttribution> findForGroup(qint64 datasetGroupId);

private:
    QList<AttributionMetric> parseMetrics(const QJsonValue& value, const QString& parameter,
                                          qint64 datasetGroupId, const QString& groupName);
    QJsonObject parseOutputConfig(const QJsonValue& value);
    void insertMetrics(qint64 attributionId, const QList<AttributionMetric>& metrics, int firstPosition);
    QList<MetricAttribution> select(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
    DatasetGroupService& m_groups;
    DatasetService& m_datasets;
    SchemaService& m_schemas;
};

} // namespace footfall
