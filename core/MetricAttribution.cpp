#include "MetricAttribution.h"

#include "JsonTime.h"

namespace footfall {

QJsonObject AttributionMetric::toJson() const
{
    return {{QStringLiteral("eventType"), eventType},
            {QStringLiteral("metricName"), metricName},
            {QStringLiteral("expression"), expressionText}};
}

const AttributionMetric* MetricAttribution::metric(const QString& metricName) const
{
    for (const AttributionMetric& candidate : metrics) {
        if (candidate.metricName == metricName)
            return &candidate;
    }
    return nullptr;
}

QJsonObject MetricAttribution::toJson() const
{
    QJsonObject object = toSummaryJson();
    object.insert(QStringLiteral("datasetGroupArn"), datasetGroupArn);
    object.insert(QStringLiteral("metricsOutputConfig"), metricsOutputConfig);
    return object;
}

QJsonObject MetricAttribution::toSummaryJson() const
{
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("metricAttributionArn"), arn},
        {QStringLiteral("status"), status},
        {QStringLiteral("creationDateTime"), JsonTime::fromMs(createdMs)},
        {QStringLiteral("lastUpdatedDateTime"), JsonTime::fromMs(lastUpdatedMs)},
    };
}

} // namespace footfall
