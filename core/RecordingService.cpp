#include "RecordingService.h"

#include "Database.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "Lifecycle.h"
#include "RequestLogService.h"
#include "SchemaService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TrackerMetrics.h"
#include "TransactionGuard.h"

#include <QElapsedTimer>
#include <QJsonDocument>

namespace footfall {

RecordingService::RecordingService(Database& database, const ServiceConfig& config,
                                   EventTrackerService& trackers, DatasetService& datasets,
                                   SchemaService& schemas, RequestLogService& requestLog)
    : m_database(database)
    , m_config(config)
    , m_trackers(trackers)
    , m_datasets(datasets)
    , m_schemas(schemas)
    , m_requestLog(requestLog)
{}

RecordingService::~RecordingService() = default;

TrackerMetrics& RecordingService::trackerMetrics()
{
    if (!m_trackerMetrics)
        m_trackerMetrics = std::make_unique<TrackerMetrics>(m_database.connection());
    return *m_trackerMetrics;
}

AvroSchema RecordingService::schemaOf(const Dataset& dataset)
{
    const auto cached = m_schemaCache.constFind(dataset.schemaArn);
    if (cached != m_schemaCache.constEnd())
        return *cached;
    const AvroSchema schema = AvroSchema::parse(m_schemas.require(dataset.schemaArn).definition);
    m_schemaCache.insert(dataset.schemaArn, schema);
    return schema;
}

RecordingTarget RecordingService::resolveTarget(const QString& trackingId)
{
    if (!inGroup())
        return findTarget(trackingId);
    const auto cached = m_targetCache.constFind(trackingId);
    if (cached != m_targetCache.constEnd())
        return *cached;
    RecordingTarget target = findTarget(trackingId);
    m_targetCache.insert(trackingId, target);
    return target;
}

void RecordingService::beginGroup()
{
    m_targetCache.clear();
    m_groupSerial = m_database.transactionSerial();
}

void RecordingService::endGroup()
{
    m_targetCache.clear();
    m_groupSerial = 0;
}

bool RecordingService::inGroup() const
{
    return m_groupSerial != 0 && m_groupSerial == m_database.transactionSerial() &&
           m_database.transactionDepth() > 1;
}

RecordingTarget RecordingService::findTarget(const QString& trackingId)
{
    // Called for every request: one statement, prepared once, finds the tracker and the group's
    // Interactions dataset together.
    if (!m_targetQuery) {
        m_targetQuery = m_database.prepare(
            QStringLiteral("SELECT ") + EventTrackerService::columns() + QStringLiteral(", ") +
            DatasetService::columns() +
            QStringLiteral(" FROM event_tracker t JOIN dataset_group g ON g.id = t.dataset_group_id"
                           " LEFT JOIN dataset d ON d.dataset_group_id = t.dataset_group_id AND "
                           "d.dataset_type = 'Interactions'"
                           " AND ") +
            Lifecycle::visibleCondition(QStringLiteral("d")) +
            QStringLiteral(" LEFT JOIN schema_def s ON s.id = d.schema_id WHERE t.tracking_id = ? AND ") +
            Lifecycle::visibleCondition(QStringLiteral("t")));
    }
    QSqlQuery& query = *m_targetQuery;
    const qint64 cutoff = Lifecycle::visibleCutoff(m_config);
    query.addBindValue(cutoff);
    query.addBindValue(trackingId);
    query.addBindValue(cutoff);
    Database::execute(query);
    if (!Database::nextRow(query)) {
        query.finish();
        throw ServiceError(
            ErrorCode::ResourceNotFound,
            QStringLiteral("Could not find an event tracker with the tracking ID %1").arg(trackingId),
            QStringLiteral("trackingId"));
    }
    const EventTracker tracker = EventTrackerService::readRow(query, 0, m_config);
    const bool hasDataset = !query.value(8).isNull();
    const Dataset dataset = hasDataset ? DatasetService::readRow(query, 8, m_config) : Dataset{};
    query.finish();
    if (tracker.status != Lifecycle::activeStatus()) {
        throw ServiceError(ErrorCode::ResourceInUse,
                           QStringLiteral("Event tracker %1 is %2; it accepts events once it is ACTIVE")
                               .arg(tracker.name, tracker.status),
                           QStringLiteral("trackingId"));
    }
    const QString groupName = tracker.datasetGroupArn.section(QLatin1Char('/'), -1);
    if (!hasDataset) {
        throw ServiceError(
            ErrorCode::ResourceNotFound,
            QStringLiteral("Dataset group %1 has no Interactions dataset; create one before recording "
                           "events with event tracker %2")
                .arg(groupName, tracker.name),
            QStringLiteral("trackingId"));
    }
    if (dataset.status != Lifecycle::activeStatus()) {
        throw ServiceError(
            ErrorCode::ResourceInUse,
            QStringLiteral("The Interactions dataset of dataset group %1 is %2; it accepts events once "
                           "it is ACTIVE")
                .arg(groupName, dataset.status),
            QStringLiteral("trackingId"));
    }
    return {tracker, dataset, schemaOf(dataset)};
}

ValidatedPutEvents RecordingService::validateWithTarget(const QJsonObject& request, RecordingTarget* target)
{
    ValidatedPutEvents validated = PutEventsValidator::checkRequest(request, m_config.nowMs());
    *target = resolveTarget(validated.trackingId);
    PutEventsValidator::applySchema(validated, request, target->schema);
    for (Interaction& interaction : validated.events)
        interaction.datasetGroupId = target->tracker.datasetGroupId;
    return validated;
}

ValidatedPutEvents RecordingService::validate(const QJsonObject& request)
{
    RecordingTarget target;
    return validateWithTarget(request, &target);
}

void RecordingService::forgetUncommitted()
{
    m_writer.reset();
    m_targetCache.clear();
}

PutEventsResult RecordingService::putEvents(const QJsonObject& request, const RequestContext& context)
{
    QElapsedTimer latency;
    latency.start();
    const qint64 now = m_config.nowMs();
    RequestLogEntry entry = RequestLogEntry::received(context, QStringLiteral("PutEvents"), now, request);
    entry.trackingId = request.value(QStringLiteral("trackingId")).toString();
    entry.eventCount = int(request.value(QStringLiteral("eventList")).toArray().size());
    try {
        TransactionGuard transaction(m_database);
        RecordingTarget target;
        const ValidatedPutEvents validated = validateWithTarget(request, &target);
        entry.datasetGroupId = target.tracker.datasetGroupId;
        entry.trackerArn = target.tracker.arn;
        entry.warnings = validated.warnings;
        entry.outcome = QStringLiteral("accepted");
        entry.recordedCount = int(validated.events.size());

        PutEventsResult result;
        // Within an endpoint group the group's metrics are read once for all its requests.
        const qint64 batchKey = inGroup() ? -qint64(m_groupSerial) : 0;
        result.warnings = validated.warnings;
        result.requestId = m_requestLog.append(entry);
        if (!m_writer)
            m_writer = std::make_unique<InteractionWriter>(m_database.connection());
        QHash<QString, int> eventsByType;
        for (const Interaction& interaction : validated.events) {
            const InteractionWriter::Written written =
                m_writer->write(interaction, result.requestId, now, {}, batchKey);
            result.events.append(written);
            if (written.outcome == InteractionWriter::Outcome::Duplicate) {
                ++result.duplicates;
            } else {
                ++result.recorded;
                ++eventsByType[interaction.eventType];
                if (written.outcome == InteractionWriter::Outcome::NotForTraining)
                    ++result.notForTraining;
            }
        }
        if (result.duplicates > 0) {
            m_requestLog.updateCounts(result.requestId,
                                      RequestLogEntry::outcomeFor(result.recorded, result.duplicates),
                                      result.recorded, result.duplicates);
        }
        trackerMetrics().recordAccepted(target.tracker.arn, now, double(latency.nsecsElapsed()) / 1e6,
                                        eventsByType);
        transaction.commit();
        return result;
    } catch (const ServiceError& error) {
        // File a rejected request under its tracker's group when the tracking ID is known, so that
        // the group's request log shows it.
        if (entry.datasetGroupId == 0 && !entry.trackingId.isEmpty()) {
            if (const auto tracker = m_trackers.findByTrackingId(entry.trackingId)) {
                entry.datasetGroupId = tracker->datasetGroupId;
                entry.trackerArn = tracker->arn;
            }
        }
        entry.outcome = QStringLiteral("rejected");
        entry.errorType = error.typeName();
        entry.errorMessage = error.message();
        TransactionGuard logTransaction(m_database);
        m_requestLog.append(entry);
        if (!entry.trackerArn.isEmpty())
            trackerMetrics().recordRejected(entry.trackerArn, now);
        logTransaction.commit();
        throw;
    }
}

} // namespace footfall
