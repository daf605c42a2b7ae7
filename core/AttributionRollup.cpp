#include "AttributionRollup.h"

#include "AttributionSource.h"
#include "Database.h"
#include "DecimalSum.h"
#include "Interaction.h"
#include "ServiceError.h"

#include <QJsonDocument>
#include <QVariant>

namespace footfall {

namespace {

const QString kEventValue = QStringLiteral("EVENT_VALUE");

const QString kMetricsQuery =
    QStringLiteral("SELECT m.id, m.event_type, m.expression, m.added_ms FROM attribution_metric m"
                   " JOIN metric_attribution a ON a.id = m.metric_attribution_id"
                   " WHERE a.dataset_group_id = ? AND a.delete_requested_ms IS NULL ORDER BY m.position");
const QString kItemsDatasetQuery = QStringLiteral("SELECT id FROM dataset WHERE dataset_group_id = ? AND "
                                                  "dataset_type = 'Items' AND delete_requested_ms IS NULL");

AttributionRollup::GroupMetrics readMetrics(QSqlQuery& metrics, QSqlQuery& itemsDataset,
                                            qint64 datasetGroupId)
{
    AttributionRollup::GroupMetrics group;
    metrics.addBindValue(datasetGroupId);
    Database::execute(metrics);
    while (Database::nextRow(metrics)) {
        const auto expression = MetricExpression::parse(metrics.value(2).toString(), nullptr);
        if (!expression)
            continue; // only valid expressions are ever stored
        group.metrics.append({metrics.value(0).toLongLong(), metrics.value(1).toString(), *expression,
                              metrics.value(3).toLongLong()});
    }
    metrics.finish();
    if (group.metrics.isEmpty())
        return group;
    itemsDataset.addBindValue(datasetGroupId);
    Database::execute(itemsDataset);
    if (Database::nextRow(itemsDataset))
        group.itemsDatasetId = itemsDataset.value(0).toLongLong();
    itemsDataset.finish();
    return group;
}

} // namespace

AttributionRollup::AttributionRollup(const QSqlDatabase& connection)
    : m_connection(connection)
    , m_upsert(Database::prepareOn(
          connection,
          QStringLiteral("INSERT INTO attribution_rollup (metric_id, window_start, source, value, "
                         "samples) VALUES (?, ?, ?, ?, ?) ON CONFLICT (metric_id, window_start, "
                         "source) DO UPDATE SET value = footfall_add(value, excluded.value), "
                         "samples = samples + excluded.samples")))
    , m_item(Database::prepareOn(
          connection,
          QStringLiteral("SELECT properties FROM item_record WHERE dataset_id = ? AND item_id = ?")))
    , m_metrics(Database::prepareOn(connection, kMetricsQuery))
    , m_itemsDataset(Database::prepareOn(connection, kItemsDatasetQuery))
{}

double AttributionRollup::numericValue(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isBool())
        return value.toBool() ? 1.0 : 0.0;
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        return ok ? number : 0.0;
    }
    return 0.0;
}

AttributionRollup::GroupMetrics AttributionRollup::metricsOf(const QSqlDatabase& connection,
                                                             qint64 datasetGroupId)
{
    QSqlQuery metrics = Database::prepareOn(connection, kMetricsQuery);
    QSqlQuery itemsDataset = Database::prepareOn(connection, kItemsDatasetQuery);
    return readMetrics(metrics, itemsDataset, datasetGroupId);
}

AttributionRollup::GroupMetrics AttributionRollup::metricsOf(qint64 datasetGroupId)
{
    return readMetrics(m_metrics, m_itemsDataset, datasetGroupId);
}

const AttributionRollup::GroupMetrics& AttributionRollup::cachedMetrics(qint64 datasetGroupId,
                                                                        qint64 batchKey)
{
    if (batchKey == 0 || batchKey != m_cacheBatch) {
        m_cache.clear();
        m_cacheBatch = batchKey;
    }
    auto found = m_cache.find(datasetGroupId);
    if (found == m_cache.end())
        found = m_cache.insert(datasetGroupId, metricsOf(datasetGroupId));
    return *found;
}

double AttributionRollup::itemValue(qint64 itemsDatasetId, const QString& itemId, const QString& column)
{
    if (itemsDatasetId == 0 || itemId.isEmpty())
        return 0.0;
    m_item.addBindValue(itemsDatasetId);
    m_item.addBindValue(itemId);
    Database::execute(m_item);
    double value = 0.0;
    if (Database::nextRow(m_item))
        value =
            numericValue(QJsonDocument::fromJson(m_item.value(0).toString().toUtf8()).object().value(column));
    m_item.finish();
    return value;
}

void AttributionRollup::add(qint64 metricId, qint64 windowStart, const QString& source, double value,
                            int samples)
{
    m_upsert.addBindValue(metricId);
    m_upsert.addBindValue(windowStart);
    m_upsert.addBindValue(source);
    m_upsert.addBindValue(value);
    m_upsert.addBindValue(samples);
    Database::execute(m_upsert);
}

void AttributionRollup::count(const Interaction& interaction, const QString& resolvedSource,
                              qint64 recordedMs, qint64 batchKey)
{
    const GroupMetrics& group = cachedMetrics(interaction.datasetGroupId, batchKey);
    if (group.metrics.isEmpty())
        return;
    const QString source = AttributionSource::label(resolvedSource);
    const qint64 window = windowStart(interaction.sentAtMs);
    for (const Metric& metric : group.metrics) {
        if (metric.eventType != interaction.eventType || recordedMs < metric.addedMs)
            continue;
        double value = 1.0;
        const MetricExpression& expression = metric.expression;
        if (expression.function == MetricExpression::Function::Sum) {
            if (expression.dataset == DatasetType::Items)
                value = itemValue(group.itemsDatasetId, interaction.itemId, expression.column);
            else if (expression.column == kEventValue)
                value = interaction.eventValue.value_or(0.0);
            else
                value = numericValue(interaction.properties.value(expression.column));
        }
        add(metric.id, window, source, value, 1);
    }
}

void AttributionRollup::itemChanged(qint64 datasetGroupId, const QString& itemId, const QJsonObject& before,
                                    const QJsonObject& after)
{
    const GroupMetrics group = metricsOf(datasetGroupId);
    for (const Metric& metric : group.metrics) {
        if (!metric.expression.isItemsSum())
            continue;
        const double afterValue = numericValue(after.value(metric.expression.column));
        const double beforeValue = numericValue(before.value(metric.expression.column));
        if (afterValue == beforeValue)
            continue;
        QSqlQuery events = Database::prepareOn(
            m_connection,
            QStringLiteral("SELECT sent_at_ms / 1000 / %1 * %1, COALESCE(resolved_source, ?), COUNT(*)"
                           " FROM interaction WHERE dataset_group_id = ? AND item_id = ? AND event_type = ?"
                           " AND recorded_ms >= ? GROUP BY 1, 2")
                .arg(kWindowSeconds));
        events.addBindValue(AttributionSource::undefinedLabel());
        events.addBindValue(datasetGroupId);
        events.addBindValue(itemId);
        events.addBindValue(metric.eventType);
        events.addBindValue(metric.addedMs);
        Database::execute(events);
        while (Database::nextRow(events)) {
            // count × (after − before), as decimals: 24.95 − 19.99 is 4.96, not 4.960000000000001.
            const qint64 count = events.value(2).toLongLong();
            DecimalSum delta;
            delta.add(afterValue, count);
            delta.add(beforeValue, -count);
            add(metric.id, events.value(0).toLongLong(), events.value(1).toString(), delta.value(), 0);
        }
    }
}

void AttributionRollup::rebuild(const QSqlDatabase& connection, qint64 datasetGroupId)
{
    const GroupMetrics group = metricsOf(connection, datasetGroupId);
    for (const Metric& metric : group.metrics) {
        QSqlQuery clear = Database::prepareOn(
            connection, QStringLiteral("DELETE FROM attribution_rollup WHERE metric_id = ?"));
        clear.addBindValue(metric.id);
        Database::execute(clear);

        const MetricExpression& expression = metric.expression;
        QString value = QStringLiteral("COUNT(*)");
        QString join;
        QVariantList leading;
        if (expression.function == MetricExpression::Function::Sum) {
            const QString path = QStringLiteral("$.\"%1\"").arg(expression.column);
            if (expression.dataset == DatasetType::Items) {
                join =
                    QStringLiteral(" LEFT JOIN item_record r ON r.dataset_id = ? AND r.item_id = i.item_id");
                value = QStringLiteral("footfall_sum(CAST(json_extract(r.properties, ?) AS REAL))");
            } else if (expression.column == kEventValue) {
                value = QStringLiteral("footfall_sum(i.event_value)");
            } else {
                value = QStringLiteral("footfall_sum(CAST(json_extract(i.properties, ?) AS REAL))");
            }
            if (expression.column != kEventValue || expression.dataset == DatasetType::Items)
                leading << path;
        }
        QSqlQuery insert = Database::prepareOn(
            connection,
            QStringLiteral(
                "INSERT INTO attribution_rollup (metric_id, window_start, source, value, samples)"
                " SELECT ?, i.sent_at_ms / 1000 / %1 * %1, COALESCE(i.resolved_source, ?), %2, COUNT(*)"
                " FROM interaction i%3 WHERE i.dataset_group_id = ? AND i.event_type = ?"
                " AND i.recorded_ms >= ? GROUP BY 2, 3")
                .arg(kWindowSeconds)
                .arg(value, join));
        insert.addBindValue(metric.id);
        insert.addBindValue(AttributionSource::undefinedLabel());
        for (const QVariant& bound : leading)
            insert.addBindValue(bound);
        if (!join.isEmpty())
            insert.addBindValue(group.itemsDatasetId);
        insert.addBindValue(datasetGroupId);
        insert.addBindValue(metric.eventType);
        insert.addBindValue(metric.addedMs);
        Database::execute(insert);
    }
}

} // namespace footfall
