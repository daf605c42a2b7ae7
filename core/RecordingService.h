#pragma once

#include "AvroSchema.h"
#include "Dataset.h"
#include "EventTracker.h"
#include "InteractionWriter.h"
#include "PutEventsValidator.h"
#include "RequestLogEntry.h"

#include <QHash>
#include <QSqlQuery>

#include <memory>

namespace footfall {

class Database;
class DatasetGroupService;
class DatasetService;
class EventTrackerService;
class RequestLogService;
class SchemaService;
class TrackerMetrics;
struct ServiceConfig;

struct PutEventsResult
{
    qint64 requestId = 0;
    int recorded = 0;       // stored, including those not used for training
    int duplicates = 0;     // kept once: an identical event with the same sentAt was already stored
    int notForTraining = 0; // stored, but their eventId was used before
    QList<RequestWarning> warnings;
    QList<InteractionWriter::Written> events; // in request order
};

// Where events sent with one tracking ID go.
struct RecordingTarget
{
    EventTracker tracker;
    Dataset interactions;
    AvroSchema schema;
};

// PutEvents: one request is one transaction, all of its events recorded or none. Every request,
// accepted or rejected, goes into the request log.
class RecordingService
{
public:
    RecordingService(Database& database, const ServiceConfig& config, EventTrackerService& trackers,
                     DatasetService& datasets, SchemaService& schemas, RequestLogService& requestLog);
    ~RecordingService();
    Q_DISABLE_COPY_MOVE(RecordingService)

    // Throws ServiceError (after logging the rejection).
    PutEventsResult putEvents(const QJsonObject& request, const RequestContext& context);
    // Every check putEvents() makes, storing nothing; returns what would be recorded and the warnings.
    ValidatedPutEvents validate(const QJsonObject& request);
    // The tracker, Interactions dataset and schema behind a tracking ID; throws ServiceError.
    RecordingTarget resolveTarget(const QString& trackingId);
    AvroSchema schemaOf(const Dataset& dataset);
    // Forgets what the writer remembers of rows written since the last commit: called when a
    // transaction holding many requests was rolled back, whose row ids the next ones reuse.
    void forgetUncommitted();
    // The endpoint's writer opens a group once its transaction has begun, and ends it when the
    // transaction is over. The requests of a group (PutEvents, PutUsers, PutItems, each in a savepoint)
    // change no tracker, dataset or metric attribution, and nothing else writes while the
    // transaction is open, so they look those up once for the whole group.
    void beginGroup();
    void endGroup();

private:
    RecordingTarget findTarget(const QString& trackingId);
    bool inGroup() const;
    ValidatedPutEvents validateWithTarget(const QJsonObject& request, RecordingTarget* target);
    TrackerMetrics& trackerMetrics();

    Database& m_database;
    const ServiceConfig& m_config;
    EventTrackerService& m_trackers;
    DatasetService& m_datasets;
    SchemaService& m_schemas;
    RequestLogService& m_requestLog;
    std::unique_ptr<InteractionWriter> m_writer;
    std::unique_ptr<TrackerMetrics> m_trackerMetrics;
    std::optional<QSqlQuery> m_targetQuery;   // resolveTarget()'s statement, prepared once
    QHash<QString, AvroSchema> m_schemaCache; // schemas are immutable, so they can be kept by ARN
    // The targets found in the open group, by tracking ID.
    QHash<QString, RecordingTarget> m_targetCache;
    quint64 m_groupSerial = 0; // the group's transaction (Database::transactionSerial()); 0: none
};

} // namespace footfall
