#include "MetadataRecordService.h"

#include "AttributionRollup.h"
#include "Database.h"
#include "DatasetService.h"
#include "FieldRule.h"
#include "JsonInput.h"
#include "Lifecycle.h"
#include "PropertyMapper.h"
#include "RecordingService.h"
#include "RequestLogService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "TransactionGuard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace footfall {

namespace {

struct Shape
{
    QString operation; // PutUsers
    QString listKey;   // users
    QString idKey;     // userId
    QString table;     // user_record
    QString idColumn;  // user_id
    int maxProperties;
};

Shape shapeOf(DatasetType type)
{
    if (type == DatasetType::Users) {
        return {QStringLiteral("PutUsers"), QStringLiteral("users"),
                QStringLiteral("userId"),   QStringLiteral("user_record"),
                QStringLiteral("user_id"),  MetadataRecordService::kMaxUserPropertiesLength};
    }
    return {QStringLiteral("PutItems"), QStringLiteral("items"),
            QStringLiteral("itemId"),   QStringLiteral("item_record"),
            QStringLiteral("item_id"),  MetadataRecordService::kMaxItemPropertiesLength};
}

} // namespace

MetadataRecordService::MetadataRecordService(Database& database, const ServiceConfig& config,
                                             DatasetService& datasets, RecordingService& recording,
                                             RequestLogService& requestLog)
    : m_database(database)
    , m_config(config)
    , m_datasets(datasets)
    , m_recording(recording)
    , m_requestLog(requestLog)
{}

int MetadataRecordService::putUsers(const QJsonObject& request, const RequestContext& context)
{
    return put(DatasetType::Users, request, context);
}

int MetadataRecordService::putItems(const QJsonObject& request, const RequestContext& context)
{
    return put(DatasetType::Items, request, context);
}

int MetadataRecordService::put(DatasetType type, const QJsonObject& request, const RequestContext& context)
{
    const Shape shape = shapeOf(type);
    RequestLogEntry entry = RequestLogEntry::received(context, shape.operation, m_config.nowMs(), request);
    entry.eventCount = int(request.value(shape.listKey).toArray().size());
    try {
        TransactionGuard transaction(m_database);
        const QString input = QStringLiteral("input");
        JsonInput::rejectUnknown(request, {QStringLiteral("datasetArn"), shape.listKey}, input);
        JsonInput::requireMembers(request, {QStringLiteral("datasetArn"), shape.listKey}, input);
        const QString datasetArn = *JsonInput::string(request, QStringLiteral("datasetArn"),
                                                      QStringLiteral("datasetArn"), FieldRule::arn());
        const QJsonValue listValue = request.value(shape.listKey);
        if (!listValue.isArray())
            throw ServiceError::invalidInput(
                JsonInput::typeError(shape.listKey, listValue, QStringLiteral("list")), shape.listKey);
        const QJsonArray records = listValue.toArray();
        if (records.isEmpty() || records.size() > 10) {
            throw ServiceError::invalidInput(
                QStringLiteral("Invalid length for parameter %1, value: %2, valid %3 length: %4")
                    .arg(shape.listKey)
                    .arg(records.size())
                    .arg(records.isEmpty() ? QStringLiteral("min") : QStringLiteral("max"))
                    .arg(records.isEmpty() ? 1 : 10),
                shape.listKey);
        }

        // The shape of every record first, as AWS checks input before it looks up resources.
        const FieldRule idRule(1, 256);
        const FieldRule propertiesRule(1, shape.maxProperties);
        QList<MetadataRecord> parsed;
        QList<std::optional<QString>> propertyTexts;
        for (int i = 0; i < records.size(); ++i) {
            const QString path = QStringLiteral("%1[%2]").arg(shape.listKey).arg(i);
            if (!records.at(i).isObject())
                throw ServiceError::invalidInput(
                    JsonInput::typeError(path, records.at(i), QStringLiteral("object")), path);
            const QJsonObject record = records.at(i).toObject();
            JsonInput::rejectUnknown(record, {shape.idKey, QStringLiteral("properties")}, path);
            JsonInput::requireMembers(record, {shape.idKey}, path);
            MetadataRecord metadata;
            metadata.id =
                *JsonInput::string(record, shape.idKey, path + QLatin1Char('.') + shape.idKey, idRule);
            propertyTexts.append(JsonInput::string(record, QStringLiteral("properties"),
                                                   path + QStringLiteral(".properties"), propertiesRule));
            parsed.append(metadata);
        }

        const Dataset dataset = m_datasets.require(datasetArn);
        entry.datasetGroupId = dataset.datasetGroupId;
        if (dataset.type != type) {
            const auto withArticle = [](DatasetType datasetType) -> QString {
                return datasetType == DatasetType::Users
                           ? QStringLiteral("a Users")
                           : QStringLiteral("an ") + DatasetTypes::name(datasetType);
            };
            throw ServiceError::invalidInput(
                QStringLiteral("Dataset %1 is %2 dataset; %3 writes to %4 dataset")
                    .arg(dataset.arn, withArticle(dataset.type), shape.operation, withArticle(type)),
                QStringLiteral("datasetArn"));
        }
        if (dataset.status != Lifecycle::activeStatus()) {
            throw ServiceError(ErrorCode::ResourceInUse,
                               QStringLiteral("Dataset %1 is %2; it accepts records once it is ACTIVE")
                                   .arg(dataset.arn, dataset.status),
                               QStringLiteral("datasetArn"));
        }
        const PropertyMapper mapper(m_recording.schemaOf(dataset), type);
        for (int i = 0; i < parsed.size(); ++i) {
            if (propertyTexts.at(i)) {
                parsed[i].properties = mapper
                                           .map(QStringLiteral("%1[%2].properties").arg(shape.listKey).arg(i),
                                                *propertyTexts.at(i))
                                           .columns;
            }
        }

        entry.outcome = QStringLiteral("accepted");
        entry.recordedCount = int(parsed.size());
        m_requestLog.append(entry);
        QSqlQuery upsert = m_database.prepare(
            QStringLiteral("INSERT INTO %1 (dataset_id, %2, properties, updated_ms) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (dataset_id, %2) DO UPDATE SET properties = excluded.properties, "
                           "updated_ms = excluded.updated_ms")
                .arg(shape.table, shape.idColumn));
        // SUM(Items.*) metrics follow an item's value: read it before it changes.
        std::optional<AttributionRollup> rollup;
        std::optional<QSqlQuery> previous;
        if (type == DatasetType::Items) {
            rollup.emplace(m_database.connection());
            previous = m_database.prepare(
                QStringLiteral("SELECT properties FROM item_record WHERE dataset_id = ? AND item_id = ?"));
        }
        for (const MetadataRecord& record : parsed) {
            QJsonObject before;
            if (previous) {
                previous->addBindValue(dataset.id);
                previous->addBindValue(record.id);
                Database::execute(*previous);
                if (Database::nextRow(*previous))
                    before = QJsonDocument::fromJson(previous->value(0).toString().toUtf8()).object();
                previous->finish();
            }
            upsert.addBindValue(dataset.id);
            upsert.addBindValue(record.id);
            upsert.addBindValue(record.properties.isEmpty()
                                    ? QVariant()
                                    : QVariant(QString::fromUtf8(
                                          QJsonDocument(record.properties).toJson(QJsonDocument::Compact))));
            upsert.addBindValue(entry.receivedMs);
            Database::execute(upsert);
            if (rollup)
                rollup->itemChanged(dataset.datasetGroupId, record.id, before, record.properties);
        }
        transaction.commit();
        return int(parsed.size());
    } catch (const ServiceError& error) {
        entry.outcome = QStringLiteral("rejected");
        entry.errorType = error.typeName();
        entry.errorMessage = error.message();
        entry.recordedCount = 0;
        m_requestLog.appendAlone(entry);
        throw;
    }
}

std::optional<MetadataRecord> MetadataRecordService::find(DatasetType type, qint64 datasetId,
                                                          const QString& id)
{
    const Shape shape = shapeOf(type);
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT properties, updated_ms FROM %1 WHERE dataset_id = ? AND %2 = ?")
            .arg(shape.table, shape.idColumn));
    query.addBindValue(datasetId);
    query.addBindValue(id);
    Database::execute(query);
    if (!Database::nextRow(query))
        return std::nullopt;
    return MetadataRecord{id, QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object(),
                          query.value(1).toLongLong()};
}

std::optional<MetadataRecord> MetadataRecordService::findItem(qint64 datasetId, const QString& itemId)
{
    return find(DatasetType::Items, datasetId, itemId);
}

std::optional<MetadataRecord> MetadataRecordService::findUser(qint64 datasetId, const QString& userId)
{
    return find(DatasetType::Users, datasetId, userId);
}

qint64 MetadataRecordService::countRecords(qint64 datasetId, DatasetType type)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT count(*) FROM %1 WHERE dataset_id = ?").arg(shapeOf(type).table));
    query.addBindValue(datasetId);
    Database::execute(query);
    return Database::nextRow(query) ? query.value(0).toLongLong() : 0;
}

} // namespace footfall
