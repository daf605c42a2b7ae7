#pragma once

#include "MetricExpression.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace footfall {

struct Interaction;

// The 15-minute windows of a dataset group's metric attribution: per metric, per source, per
// window, the metric's value (a count or a sum) and how many events made it. Kept up to date in
// the transaction that stores the events, so a report reads windows, never events. An event counts
// for a metric when its type is the metric's eventType and it was recorded at or after the time the
// metric was added (AWS reports only data that arrived after the attribution was created).
// SUM(Items.COLUMN) uses the item's current value: a change of the item moves the windows of every
// event that counted it.
class AttributionRollup
{
public:
    static constexpr qint64 kWindowSeconds = 15 * 60;

    struct Metric
    {
        qint64 id = 0;
        QString eventType;
        MetricExpression expression;
        qint64 addedMs = 0;
    };
    struct GroupMetrics
    {
        QList<Metric> metrics;
        qint64 itemsDatasetId = 0; // 0: the group has no Items dataset
    };

    explicit AttributionRollup(const QSqlDatabase& connection);
    Q_DISABLE_COPY_MOVE(AttributionRollup)

    // Adds a newly stored event. `batchKey` identifies the request (or import, or endpoint group) the
    // event is part of: the group's metrics are read once per batch; 0 reads them for this event.
    void count(const Interaction& interaction, const QString& resolvedSource, qint64 recordedMs,
               qint64 batchKey);
    // An item's properties changed from `before` to `after`; moves the SUM(Items.*) windows of its events.
    void itemChanged(qint64 datasetGroupId, const QString& itemId, const QJsonObject& before,
                     const QJsonObject& after);

    // Recomputes every window of the group's metrics from its stored events; inside a transaction.
    static void rebuild(const QSqlDatabase& connection, qint64 datasetGroupId);
    static GroupMetrics metricsOf(const QSqlDatabase& connection, qint64 datasetGroupId);
    // metricsOf() with statements prepared once, for the per-request lookup.
    GroupMetrics metricsOf(qint64 datasetGroupId);
    static qint64 windowStart(qint64 sentAtMs) { return sentAtMs / 1000 / kWindowSeconds * kWindowSeconds; }
    static double numericValue(const QJsonValue& value);

private:
    const GroupMetrics& cachedMetrics(qint64 datasetGroupId, qint64 batchKey);
    double itemValue(qint64 itemsDatasetId, const QString& itemId, const QString& column);
    void add(qint64 metricId, qint64 windowStart, const QString& source, double value, int samples);

    QSqlDatabase m_connection;
    QSqlQuery m_upsert;
    QSqlQuery m_item;
    QSqlQuery m_metrics;
    QSqlQuery m_itemsDataset;
    QHash<qint64, GroupMetrics> m_cache; // by dataset group, for m_cacheBatch
    qint64 m_cacheBatch = -1;
};

} // namespace footfall
