#pragma once

#include "DatasetType.h"
#include "RequestLogEntry.h"

#include <QJsonObject>

#include <optional>

namespace footfall {

class Database;
class DatasetService;
class RecordingService;
class RequestLogService;
struct ServiceConfig;

// One row of a Users or Items dataset.
struct MetadataRecord
{
    QString id;             // userId or itemId
    QJsonObject properties; // COLUMN -> value
    qint64 updatedMs = 0;
};

// PutUsers and PutItems: add or replace records of a Users or Items dataset, with each
// `properties` string checked against the dataset's schema. One request is one transaction.
class MetadataRecordService
{
public:
    MetadataRecordService(Database& database, const ServiceConfig& config, DatasetService& datasets,
                          RecordingService& recording, RequestLogService& requestLog);
    Q_DISABLE_COPY_MOVE(MetadataRecordService)

    // Returns how many records were written; throws ServiceError (after logging the rejection).
    int putUsers(const QJsonObject& request, const RequestContext& context);
    int putItems(const QJsonObject& request, const RequestContext& context);

    std::optional<MetadataRecord> findItem(qint64 datasetId, const QString& itemId);
    std::optional<MetadataRecord> findUser(qint64 datasetId, const QString& userId);
    qint64 countRecords(qint64 datasetId, DatasetType type);

    // Largest `properties` string of one record (the current botocore model).
    static constexpr int kMaxUserPropertiesLength = 24000;
    static constexpr int kMaxItemPropertiesLength = 32000;

private:
    int put(DatasetType type, const QJsonObject& request, const RequestContext& context);
    std::optional<MetadataRecord> find(DatasetType type, qint64 datasetId, const QString& id);

    Database& m_database;
    const ServiceConfig& m_config;
    DatasetService& m_datasets;
    RecordingService& m_recording;
    RequestLogService& m_requestLog;
};

} // namespace footfall
