#pragma once

#include "MetricExpression.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace footfall {

// One metric of a metric attribution, as MetricAttribute in the API.
struct AttributionMetric
{
    qint64 id = 0;
    QString metricName;
    QString eventType;
    QString expressionText; // as given
    MetricExpression expression;
    qint64 addedMs = 0; // events recorded from then on count

    QJsonObject toJson() const;
};

// A dataset group's metric attribution: which events count, how, and where AWS would publish them.
struct MetricAttribution
{
    qint64 id = 0;
    qint64 datasetGroupId = 0;
    QString name;
    QString arn;
    QString datasetGroupArn;
    QJsonObject metricsOutputConfig;
    QString status;
    qint64 createdMs = 0;
    qint64 lastUpdatedMs = 0;
    QList<AttributionMetric> metrics;

    const AttributionMetric* metric(const QString& metricName) const;

    QJsonObject toJson() const;        // DescribeMetricAttribution's metricAttribution
    QJsonObject toSummaryJson() const; // ListMetricAttributions' entries
};

} // namespace footfall
