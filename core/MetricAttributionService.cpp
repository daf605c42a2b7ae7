#include "MetricAttributionService.h"

#include "Arn.h"
#include "AvroSchema.h"
#include "Database.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "FieldRule.h"
#include "JsonInput.h"
#include "Lifecycle.h"
#include "SchemaService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TransactionGuard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QVariant>

namespace footfall {

namespace {

const QString kEventType = QStringLiteral("EVENT_TYPE");

QString lengthError(const QString& parameter, qsizetype size)
{
    return QStringLiteral("Invalid length for parameter %1, value: %2, valid max length: %3")
        .arg(parameter)
        .arg(size)
        .arg(MetricAttributionService::kMaxMetrics);
}

QJsonArray listOf(const QJsonValue& value, const QString& parameter)
{
    if (!value.isArray())
        throw ServiceError::invalidInput(JsonInput::typeError(parameter, value, QStringLiteral("list")),
                                         parameter);
    const QJsonArray list = value.toArray();
    if (list.size() > MetricAttributionService::kMaxMetrics)
        throw ServiceError::invalidInput(lengthError(parameter, list.size()), parameter);
    return list;
}

} // namespace

MetricAttributionService::MetricAttributionService(Database& database, const ServiceConfig& config,
                                                   DatasetGroupService& groups, DatasetService& datasets,
                                                   SchemaService& schemas)
    : m_database(database)
    , m_config(config)
    , m_groups(groups)
    , m_datasets(datasets)
    , m_schemas(schemas)
{}

QList<AttributionMetric> MetricAttributionService::parseMetrics(const QJsonValue& value,
                                                                const QString& parameter,
                                                                qint64 datasetGroupId,
                                                                const QString& groupName)
{
    static const FieldRule memberRule(1, 256);
    const QJsonArray list = listOf(value, parameter);
    std::optional<AvroSchema> interactions;
    std::optional<AvroSchema> items;
    const auto schemaFor = [&](DatasetType type) -> const AvroSchema* {
        std::optional<AvroSchema>& slot = type == DatasetType::Items ? items : interactions;
        if (!slot) {
            const auto dataset = m_datasets.findForGroup(datasetGroupId, type);
            if (!dataset || dataset->status == Lifecycle::deletePendingStatus())
                return nullptr;
            slot = AvroSchema::parse(m_schemas.require(dataset->schemaArn).definition);
        }
        return &*slot;
    };

    QList<AttributionMetric> metrics;
    QSet<QString> names;
    for (int i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("%1[%2]").arg(parameter).arg(i);
        if (!list.at(i).isObject())
            throw ServiceError::invalidInput(JsonInput::typeError(path, list.at(i), QStringLiteral("object")),
                                             path);
        const QJsonObject object = list.at(i).toObject();
        const QStringList members = {QStringLiteral("eventType"), QStringLiteral("metricName"),
                                     QStringLiteral("expression")};
        JsonInput::rejectUnknown(object, members, path);
        JsonInput::requireMembers(object, members, path);
        AttributionMetric metric;
        metric.eventType =
            *JsonInput::string(object, members.at(0), path + QStringLiteral(".eventType"), memberRule);
        metric.metricName =
            *JsonInput::string(object, members.at(1), path + QStringLiteral(".metricName"), memberRule);
        metric.expressionText =
            *JsonInput::string(object, members.at(2), path + QStringLiteral(".expression"), memberRule);
        const QString expressionPath = path + QStringLiteral(".expression");
        if (names.contains(metric.metricName)) {
            throw ServiceError::invalidInput(
                QStringLiteral("Invalid value for parameter %1.metricName: the metric name %2 is given twice")
                    .arg(path, metric.metricName),
                path + QStringLiteral(".metricName"));
        }
        names.insert(metric.metricName);
        QString error;
        const auto expression = MetricExpression::parse(metric.expressionText, &error);
        if (!expression)
            throw ServiceError::invalidInput(
                QStringLiteral("Invalid value for parameter %1: %2").arg(expressionPath, error),
                expressionPath);
        metric.expression = *expression;
        if (expression->function == MetricExpression::Function::Sum) {
            const QString typeName = DatasetTypes::name(expression->dataset);
            const AvroSchema* schema = schemaFor(expression->dataset);
            if (!schema) {
                throw ServiceError::invalidInput(
                    QStringLiteral(
                        "Invalid value for parameter %1: %2 needs the %3 dataset of dataset group %4, "
                        "which has none; create it%5 first")
                        .arg(expressionPath, metric.expressionText, typeName, groupName,
                             expression->dataset == DatasetType::Items
                                 ? QStringLiteral(" and import item metadata")
                                 : QString()),
                    expressionPath);
            }
            QStringList numeric;
            for (const SchemaField& field : schema->fields()) {
                if (field.isNumeric() && !field.name.endsWith(QLatin1String("TIMESTAMP")))
                    numeric << field.name;
            }
            const auto field = schema->field(expression->column);
            if (!field || !numeric.contains(field->name)) {
                const QString what =
                    !field ? QStringLiteral("has no column %1").arg(expression->column)
                    : field->isNumeric()
                        ? QStringLiteral("column %1 is a time, which cannot be summed").arg(field->name)
                        : QStringLiteral("column %1 is %2, not numeric").arg(field->name, field->type);
                throw ServiceError::invalidInput(
                    QStringLiteral(
                        "Invalid value for parameter %1: the %2 schema of dataset group %3 %4; SUM "
                        "needs one of its numeric columns (%5)")
                        .arg(expressionPath, typeName, groupName, what,
                             numeric.isEmpty() ? QStringLiteral("it has none")
                                               : numeric.join(QStringLiteral(", "))),
                    expressionPath);
            }
        }
        metrics.append(metric);
    }
    return metrics;
}

QJsonObject MetricAttributionService::parseOutputConfig(const QJsonValue& value)
{
    const QString parameter = QStringLiteral("metricsOutputConfig");
    if (!value.isObject())
        throw ServiceError::invalidInput(JsonInput::typeError(parameter, value, QStringLiteral("object")),
                                         parameter);
    const QJsonObject config = value.toObject();
    JsonInput::rejectUnknown(config, {QStringLiteral("s3DataDestination"), QStringLiteral("roleArn")},
                             parameter);
    JsonInput::requireMembers(config, {QStringLiteral("roleArn")}, parameter);
    JsonInput::string(config, QStringLiteral("roleArn"), parameter + QStringLiteral(".roleArn"),
                      FieldRule::roleArn());
    if (config.contains(QStringLiteral("s3DataDestination"))) {
        const QString path = parameter + QStringLiteral(".s3DataDestination");
        const QJsonValue s3 = config.value(QStringLiteral("s3DataDestination"));
        if (!s3.isObject())
            throw ServiceError::invalidInput(JsonInput::typeError(path, s3, QStringLiteral("object")), path);
        static const FieldRule s3Path(0, 256, QStringLiteral("^(s3|http|https)://.+$"),
                                      QStringLiteral("an S3 location such as s3://bucket/folder/"));
        JsonInput::rejectUnknown(s3.toObject(), {QStringLiteral("path"), QStringLiteral("kmsKeyArn")}, path);
        JsonInput::requireMembers(s3.toObject(), {QStringLiteral("path")}, path);
        JsonInput::string(s3.toObject(), QStringLiteral("path"), path + QStringLiteral(".path"), s3Path);
        JsonInput::string(s3.toObject(), QStringLiteral("kmsKeyArn"), path + QStringLiteral(".kmsKeyArn"),
                          FieldRule::kmsKeyArn());
    }
    return config;
}

void MetricAttributionService::validate(const CreateMetricAttributionInput& input)
{
    FieldRule::resourceName().enforce(QStringLiteral("name"), input.name);
    const DatasetGroup group = m_groups.require(input.datasetGroupArn);
    if (group.status == Lifecycle::deletePendingStatus()) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Dataset group %1 is being deleted").arg(group.name),
                           QStringLiteral("datasetGroupArn"));
    }
    parseOutputConfig(input.metricsOutputConfig);
    const auto dataset = m_datasets.findForGroup(group.id, DatasetType::Interactions);
    if (!dataset || dataset->status == Lifecycle::deletePendingStatus()) {
        throw ServiceError::invalidInput(
            QStringLiteral(
                "Dataset group %1 has no Interactions dataset; a metric attribution counts its events, "
                "so create one first")
                .arg(group.name),
            QStringLiteral("datasetGroupArn"));
    }
    if (!AvroSchema::parse(m_schemas.require(dataset->schemaArn).definition).field(kEventType)) {
        throw ServiceError::invalidInput(
            QStringLiteral("The Interactions schema of dataset group %1 has no EVENT_TYPE column; a metric "
                           "attribution needs one")
                .arg(group.name),
            QStringLiteral("datasetGroupArn"));
    }
    parseMetrics(input.metrics, QStringLiteral("metrics"), group.id, group.name);
    if (const auto existing = findForGroup(group.id)) {
        throw ServiceError(
            ErrorCode::ResourceAlreadyExists,
            QStringLiteral("Dataset group %1 already has the metric attribution %2 (%3)%4. A dataset "
                           "group can have only one metric attribution")
                .arg(group.name, existing->name, existing->arn,
                     existing->status == Lifecycle::deletePendingStatus()
                         ? QStringLiteral(", which is being deleted")
                         : QString()),
            QStringLiteral("datasetGroupArn"));
    }
    if (const auto named = select(QStringLiteral("a.name = ?"), {input.name}); !named.isEmpty()) {
        throw ServiceError(ErrorCode::ResourceAlreadyExists,
                           QStringLiteral("A metric attribution named %1 already exists: %2")
                               .arg(input.name, named.first().arn),
                           QStringLiteral("name"));
    }
}

MetricAttribution MetricAttributionService::create(const CreateMetricAttributionInput& input)
{
    TransactionGuard transaction(m_database);
    Lifecycle::purgeExpired(m_database, "metric_attribution", m_config);
    validate(input);
    const DatasetGroup group = m_groups.require(input.datasetGroupArn);
    const QList<AttributionMetric> metrics =
        parseMetrics(input.metrics, QStringLiteral("metrics"), group.id, group.name);
    const qint64 now = m_config.nowMs();
    QSqlQuery insert = m_database.prepare(QStringLiteral(
        "INSERT INTO metric_attribution (dataset_group_id, name, arn, output_config, created_ms, "
        "updated_ms) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(group.id);
    insert.addBindValue(input.name);
    insert.addBindValue(Arn::build(m_config, QStringLiteral("metric-attribution"), input.name));
    insert.addBindValue(QString::fromUtf8(
        QJsonDocument(parseOutputConfig(input.metricsOutputConfig)).toJson(QJsonDocument::Compact)));
    insert.addBindValue(now);
    insert.addBindValue(now);
    Database::execute(insert);
    const qint64 id = insert.lastInsertId().toLongLong();
    insertMetrics(id, metrics, 0);
    transaction.commit();
    return select(QStringLiteral("a.id = ?"), {id}).first();
}

void MetricAttributionService::insertMetrics(qint64 attributionId, const QList<AttributionMetric>& metrics,
                                             int firstPosition)
{
    QSqlQuery insert = m_database.prepare(QStringLiteral(
        "INSERT INTO attribution_metric (metric_attribution_id, position, metric_name, event_type, "
        "expression, added_ms) VALUES (?, ?, ?, ?, ?, ?)"));
    int position = firstPosition;
    for (const AttributionMetric& metric : metrics) {
        insert.addBindValue(attributionId);
        insert.addBindValue(position++);
        insert.addBindValue(metric.metricName);
        insert.addBindValue(metric.eventType);
        insert.addBindValue(metric.expressionText);
        insert.addBindValue(m_config.nowMs());
        Database::execute(insert);
    }
}

MetricAttribution MetricAttributionService::describe(const QString& arn)
{
    FieldRule::arn().enforce(QStringLiteral("metricAttributionArn"), arn);
    if (auto attribution = findByArn(arn))
        return *attribution;
    throw ServiceError::notFound(QStringLiteral("Could not find metric attribution %1").arg(arn));
}

QList<MetricAttribution> MetricAttributionService::list(const QString& datasetGroupArn)
{
    if (datasetGroupArn.isEmpty())
        return select(QString(), {});
    const DatasetGroup group = m_groups.require(datasetGroupArn);
    return select(QStringLiteral("a.dataset_group_id = ?"), {group.id});
}

MetricAttribution MetricAttributionService::update(const UpdateMetricAttributionInput& input)
{
    TransactionGuard transaction(m_database);
    if (input.metricAttributionArn.isEmpty()) {
        throw ServiceError::invalidInput(
            QStringLiteral("Missing required parameter in input: \"metricAttributionArn\""),
            QStringLiteral("metricAttributionArn"));
    }
    const MetricAttribution attribution = describe(input.metricAttributionArn);
    if (attribution.status != Lifecycle::activeStatus()) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Metric attribution %1 is %2; it can be updated once it is ACTIVE")
                               .arg(attribution.name, attribution.status),
                           QStringLiteral("metricAttributionArn"));
    }
    QStringList removed;
    if (!input.removeMetrics.isUndefined() && !input.removeMetrics.isNull()) {
        const QString parameter = QStringLiteral("removeMetrics");
        const QJsonArray names = listOf(input.removeMetrics, parameter);
        for (int i = 0; i < names.size(); ++i) {
            const QString path = QStringLiteral("%1[%2]").arg(parameter).arg(i);
            if (!names.at(i).isString())
                throw ServiceError::invalidInput(
                    JsonInput::typeError(path, names.at(i), QStringLiteral("string")), path);
            const QString name = names.at(i).toString();
            if (!attribution.metric(name)) {
                QStringList existing;
                for (const AttributionMetric& metric : attribution.metrics)
                    existing << metric.metricName;
                throw ServiceError::invalidInput(
                    QStringLiteral(
                        "Invalid value for parameter %1: metric attribution %2 has no metric %3; its "
                        "metrics are %4")
                        .arg(path, attribution.name, name,
                             existing.isEmpty() ? QStringLiteral("none")
                                                : existing.join(QStringLiteral(", "))),
                    path);
            }
            removed << name;
        }
    }
    QList<AttributionMetric> added;
    if (!input.addMetrics.isUndefined() && !input.addMetrics.isNull()) {
        const QString groupName = attribution.datasetGroupArn.section(QLatin1Char('/'), -1);
        added = parseMetrics(input.addMetrics, QStringLiteral("addMetrics"), attribution.datasetGroupId,
                             groupName);
        for (int i = 0; i < added.size(); ++i) {
            if (attribution.metric(added.at(i).metricName) && !removed.contains(added.at(i).metricName)) {
                throw ServiceError(ErrorCode::ResourceAlreadyExists,
                                   QStringLiteral("Metric attribution %1 already has a metric named %2")
                                       .arg(attribution.name, added.at(i).metricName),
                                   QStringLiteral("addMetrics[%1].metricName").arg(i));
            }
        }
    }
    const qsizetype total = attribution.metrics.size() - removed.size() + added.size();
    if (total > kMaxMetrics) {
        throw ServiceError(
            ErrorCode::LimitExceeded,
            QStringLiteral("Metric attribution %1 would have %2 metrics; it can have at most %3")
                .arg(attribution.name)
                .arg(total)
                .arg(kMaxMetrics));
    }
    QString outputConfig;
    if (!input.metricsOutputConfig.isUndefined() && !input.metricsOutputConfig.isNull())
        outputConfig = QString::fromUtf8(
            QJsonDocument(parseOutputConfig(input.metricsOutputConfig)).toJson(QJsonDocument::Compact));
    if (removed.isEmpty() && added.isEmpty() && outputConfig.isEmpty()) {
        throw ServiceError::invalidInput(
            QStringLiteral("Nothing to update: give addMetrics, removeMetrics or metricsOutputConfig"));
    }

    for (const QString& name : removed) {
        QSqlQuery remove = m_database.prepare(QStringLiteral(
            "DELETE FROM attribution_metric WHERE metric_attribution_id = ? AND metric_name = ?"));
        remove.addBindValue(attribution.id);
        remove.addBindValue(name);
        Database::execute(remove);
    }
    QSqlQuery last = m_database.prepare(QStringLiteral(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM attribution_metric WHERE metric_attribution_id = ?"));
    last.addBindValue(attribution.id);
    Database::execute(last);
    Database::nextRow(last);
    insertMetrics(attribution.id, added, last.value(0).toInt());
    QSqlQuery touch =
        m_database.prepare(QStringLiteral("UPDATE metric_attribution SET updated_ms = ?, output_config = "
                                          "COALESCE(?, output_config) WHERE id = ?"));
    touch.addBindValue(m_config.nowMs());
    touch.addBindValue(outputConfig.isEmpty() ? QVariant() : QVariant(outputConfig));
    touch.addBindValue(attribution.id);
    Database::execute(touch);
    transaction.commit();
    return describe(attribution.arn);
}

void MetricAttributionService::remove(const QString& arn)
{
    TransactionGuard transaction(m_database);
    const MetricAttribution attribution = describe(arn);
    if (attribution.status == Lifecycle::deletePendingStatus())
        return;
    Lifecycle::requestDelete(m_database, "metric_attribution", attribution.id, m_config);
    Lifecycle::purgeExpired(m_database, "metric_attribution", m_config);
    transaction.commit();
}

std::optional<MetricAttribution> MetricAttributionService::findByArn(const QString& arn)
{
    const auto found = select(QStringLiteral("a.arn = ?"), {arn});
    return found.isEmpty() ? std::nullopt : std::optional<MetricAttribution>(found.first());
}

std::optional<MetricAttribution> MetricAttributionService::findForGroup(qint64 datasetGroupId)
{
    const auto found = select(QStringLiteral("a.dataset_group_id = ?"), {datasetGroupId});
    return found.isEmpty() ? std::nullopt : std::optional<MetricAttribution>(found.first());
}

QList<MetricAttribution> MetricAttributionService::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral(
            "SELECT a.id, a.dataset_group_id, a.name, a.arn, g.arn, a.output_config, a.created_ms, "
            "a.updated_ms, a.delete_requested_ms FROM metric_attribution a"
            " JOIN dataset_group g ON g.id = a.dataset_group_id WHERE ") +
        Lifecycle::visibleCondition(QStringLiteral("a")) +
        (where.isEmpty() ? QString() : QStringLiteral(" AND ") + where) + QStringLiteral(" ORDER BY a.name"));
    query.addBindValue(Lifecycle::visibleCutoff(m_config));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    QList<MetricAttribution> attributions;
    while (Database::nextRow(query)) {
        MetricAttribution attribution;
        attribution.id = query.value(0).toLongLong();
        attribution.datasetGroupId = query.value(1).toLongLong();
        attribution.name = query.value(2).toString();
        attribution.arn = query.value(3).toString();
        attribution.datasetGroupArn = query.value(4).toString();
        attribution.metricsOutputConfig =
            QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object();
        attribution.createdMs = query.value(6).toLongLong();
        const Lifecycle state = Lifecycle::at(attribution.createdMs, query.value(8).toLongLong(), m_config);
        attribution.status = state.status;
        attribution.lastUpdatedMs = std::max(state.lastUpdatedMs, query.value(7).toLongLong());
        attributions.append(attribution);
    }
    QSqlQuery metrics = m_database.prepare(
        QStringLiteral("SELECT id, metric_name, event_type, expression, added_ms FROM attribution_metric"
                       " WHERE metric_attribution_id = ? ORDER BY position"));
    for (MetricAttribution& attribution : attributions) {
        metrics.addBindValue(attribution.id);
        Database::execute(metrics);
        while (Database::nextRow(metrics)) {
            AttributionMetric metric;
            metric.id = metrics.value(0).toLongLong();
            metric.metricName = metrics.value(1).toString();
            metric.eventType = metrics.value(2).toString();
            metric.expressionText = metrics.value(3).toString();
            metric.expression =
                MetricExpression::parse(metric.expressionText, nullptr).value_or(MetricExpression());
            metric.addedMs = metrics.value(4).toLongLong();
            attribution.metrics.append(metric);
        }
    }
    return attributions;
}

} // namespace footfall
