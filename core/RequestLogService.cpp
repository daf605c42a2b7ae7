#include "RequestLogService.h"

#include "Database.h"
#include "TransactionGuard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

namespace footfall {

namespace {

QString warningsToJson(const QList<RequestWarning>& warnings)
{
    if (warnings.isEmpty())
        return {};
    QJsonArray array;
    for (const RequestWarning& warning : warnings)
        array.append(QJsonObject{{QStringLiteral("path"), warning.path},
                                 {QStringLiteral("message"), warning.message}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<RequestWarning> warningsFromJson(const QString& text)
{
    QList<RequestWarning> warnings;
    for (const QJsonValue& value : QJsonDocument::fromJson(text.toUtf8()).array()) {
        const QJsonObject object = value.toObject();
        warnings.append({object.value(QStringLiteral("path")).toString(),
                         object.value(QStringLiteral("message")).toString()});
    }
    return warnings;
}

QVariant nullIfEmpty(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

const QString kColumns = QStringLiteral(
    "id, received_ms, channel, operation, dataset_group_id, tracker_arn, tracking_id, outcome, error_type, "
    "error_message, warnings, event_count, recorded_count, duplicate_count, body, body_truncated, "
    "user_agent, "
    "access_key_id");

RequestLogEntry readEntry(const QSqlQuery& query)
{
    RequestLogEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.receivedMs = query.value(1).toLongLong();
    entry.channel = query.value(2).toString();
    entry.operation = query.value(3).toString();
    entry.datasetGroupId = query.value(4).toLongLong();
    entry.trackerArn = query.value(5).toString();
    entry.trackingId = query.value(6).toString();
    entry.outcome = query.value(7).toString();
    entry.errorType = query.value(8).toString();
    entry.errorMessage = query.value(9).toString();
    entry.warnings = warningsFromJson(query.value(10).toString());
    entry.eventCount = query.value(11).toInt();
    entry.recordedCount = query.value(12).toInt();
    entry.duplicateCount = query.value(13).toInt();
    entry.body = query.value(14).toString();
    entry.bodyTruncated = query.value(15).toBool();
    entry.userAgent = query.value(16).toString();
    entry.accessKeyId = query.value(17).toString();
    return entry;
}

} // namespace

RequestLogService::RequestLogService(Database& database)
    : m_database(database)
{}

qint64 RequestLogService::append(const RequestLogEntry& entry)
{
    QByteArray body = entry.body.toUtf8();
    bool truncated = entry.bodyTruncated;
    if (body.size() > kMaxBodyBytes) {
        body.truncate(kMaxBodyBytes);
        // Do not cut a UTF-8 sequence in half.
        while (!body.isEmpty() && (uchar(body.back()) & 0xC0) == 0x80)
            body.chop(1);
        if (!body.isEmpty() && (uchar(body.back()) & 0x80))
            body.chop(1);
        truncated = true;
    }
    if (!m_insert) {
        m_insert = m_database.prepare(QStringLiteral(
            "INSERT INTO request_log (received_ms, channel, operation, dataset_group_id, tracker_arn, "
            "tracking_id, outcome,"
            " error_type, error_message, warnings, event_count, recorded_count, duplicate_count, body, "
            "body_truncated,"
            " user_agent, access_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    }
    QSqlQuery& insert = *m_insert;
    insert.addBindValue(entry.receivedMs);
    insert.addBindValue(entry.channel);
    insert.addBindValue(entry.operation);
    insert.addBindValue(entry.datasetGroupId > 0 ? QVariant(entry.datasetGroupId) : QVariant());
    insert.addBindValue(nullIfEmpty(entry.trackerArn));
    insert.addBindValue(nullIfEmpty(entry.trackingId));
    insert.addBindValue(entry.outcome);
    insert.addBindValue(nullIfEmpty(entry.errorType));
    insert.addBindValue(nullIfEmpty(entry.errorMessage));
    insert.addBindValue(nullIfEmpty(warningsToJson(entry.warnings)));
    insert.addBindValue(entry.eventCount);
    insert.addBindValue(entry.recordedCount);
    insert.addBindValue(entry.duplicateCount);
    insert.addBindValue(nullIfEmpty(QString::fromUtf8(body)));
    insert.addBindValue(truncated ? 1 : 0);
    insert.addBindValue(nullIfEmpty(entry.userAgent));
    insert.addBindValue(nullIfEmpty(entry.accessKeyId));
    Database::execute(insert);
    return insert.lastInsertId().toLongLong();
}

qint64 RequestLogService::appendAlone(const RequestLogEntry& entry)
{
    TransactionGuard transaction(m_database);
    const qint64 id = append(entry);
    transaction.commit();
    return id;
}

void RequestLogService::updateCounts(qint64 id, const QString& outcome, int recorded, int duplicates)
{
    QSqlQuery update = m_database.prepare(QStringLiteral(
        "UPDATE request_log SET outcome = ?, recorded_count = ?, duplicate_count = ? WHERE id = ?"));
    update.addBindValue(outcome);
    update.addBindValue(recorded);
    update.addBindValue(duplicates);
    update.addBindValue(id);
    Database::execute(update);
}

QList<RequestLogEntry> RequestLogService::list(const RequestLogFilter& filter, int limit, qint64 beforeId)
{
    QStringList conditions;
    QVariantList values;
    if (filter.datasetGroupId > 0) {
        conditions << QStringLiteral("dataset_group_id = ?");
        values << filter.datasetGroupId;
    }
    if (beforeId > 0) {
        conditions << QStringLiteral("id < ?");
        values << beforeId;
    }
    if (!filter.outcome.isEmpty()) {
        conditions << QStringLiteral("outcome = ?");
        values << filter.outcome;
    }
    if (!filter.channel.isEmpty()) {
        conditions << QStringLiteral("channel = ?");
        values << filter.channel;
    }
    if (!filter.text.isEmpty()) {
        conditions << QStringLiteral(
            "(instr(coalesce(error_message, ''), ?) > 0 OR instr(coalesce(body, ''), ?) > 0"
            " OR instr(coalesce(tracking_id, ''), ?) > 0)");
        values << filter.text << filter.text << filter.text;
    }
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT %1 FROM request_log %2 ORDER BY id DESC LIMIT ?")
            .arg(kColumns, conditions.isEmpty()
                               ? QString()
                               : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "))));
    for (const QVariant& value : values)
        query.addBindValue(value);
    query.addBindValue(limit);
    Database::execute(query);
    QList<RequestLogEntry> entries;
    while (Database::nextRow(query))
        entries.append(readEntry(query));
    return entries;
}

std::optional<RequestLogEntry> RequestLogService::find(qint64 id)
{
    QSqlQuery query =
        m_database.prepare(QStringLiteral("SELECT %1 FROM request_log WHERE id = ?").arg(kColumns));
    query.addBindValue(id);
    Database::execute(query);
    if (!Database::nextRow(query))
        return std::nullopt;
    return readEntry(query);
}

} // namespace footfall
