#include "RequestLogService.h"

#include "Database.h"
#include "Migrations.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "SqliteStatement.h"
#include "TransactionGuard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

#include <limits>

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

const QString kColumns = QStringLiteral(
    "id, received_ms, channel, operation, dataset_group_id, tracker_arn, tracking_id, outcome, error_type, "
    "error_message, warnings, event_count, recorded_count, duplicate_count, body, body_truncated, "
    "user_agent, "
    "access_key_id");

const QString kRetentionDaysKey = QStringLiteral("request_log.retention_days");
const QString kMaxSizeMibKey = QStringLiteral("request_log.max_size_mib");
// Every row with an id up to this one has been trimmed already (deleted, or kept without body).
const QString kTrimmedIdKey = QStringLiteral("request_log.trimmed_id");
constexpr qint64 kDayMs = 24 * 3600 * 1000;
constexpr qint64 kMinuteMs = 60 * 1000;

// Interactions and their duplicates refer to the request they came in; such a row loses its body
// and user agent, but stays.
const QString kReferencedRow =
    QStringLiteral("(outcome <> 'rejected' AND operation IN ('PutEvents', 'ImportInteractions'))");

// At most `limit` UTF-16 units, without cutting a surrogate pair in half.
QString capped(const QString& text, int limit)
{
    if (text.size() <= limit)
        return text;
    QString result = text.left(limit);
    if (result.back().isHighSurrogate())
        result.chop(1);
    return result;
}

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
    entry.bodyTruncated = query.value(15).toInt() == 1;
    entry.bodyRemoved = query.value(15).toInt() == 2;
    entry.userAgent = query.value(16).toString();
    entry.accessKeyId = query.value(17).toString();
    return entry;
}

} // namespace

RequestLogService::RequestLogService(Database& database, const ServiceConfig& config)
    : m_database(database)
    , m_config(config)
{
    try {
        applyRetention();
    } catch (const std::exception& error) {
        qWarning("footfall: the request log's retention could not be applied: %s", error.what());
    }
}

RequestLogService::~RequestLogService() = default;

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
        m_insert = std::make_unique<SqliteStatement>(
            m_database.connection(),
            QStringLiteral(
                "INSERT INTO request_log (received_ms, channel, operation, dataset_group_id, tracker_arn, "
                "tracking_id, outcome,"
                " error_type, error_message, warnings, event_count, recorded_count, duplicate_count, body, "
                "body_truncated,"
                " user_agent, access_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    }
    SqliteStatement& insert = *m_insert;
    insert.add(entry.receivedMs).add(entry.channel).add(entry.operation);
    if (entry.datasetGroupId > 0)
        insert.add(entry.datasetGroupId);
    else
        insert.addNull();
    insert.addNullable(entry.trackerArn).addNullable(entry.trackingId).add(entry.outcome);
    insert.addNullable(entry.errorType).addNullable(entry.errorMessage);
    insert.addNullable(warningsToJson(entry.warnings));
    insert.add(entry.eventCount).add(entry.recordedCount).add(entry.duplicateCount);
    insert.addNullableUtf8(body).add(truncated ? 1 : 0);
    insert.addNullable(capped(entry.userAgent, kMaxUserAgentChars));
    insert.addNullable(capped(entry.accessKeyId, kMaxAccessKeyIdChars));
    insert.run();
    return insert.lastInsertId();
}

qint64 RequestLogService::appendAlone(const RequestLogEntry& entry)
{
    TransactionGuard transaction(m_database);
    const qint64 id = append(entry);
    transaction.commit();
    noteAppendAlone();
    return id;
}

void RequestLogService::noteAppendAlone()
{
    if (++m_appendsSinceRetention < kRetentionEveryAppends)
        return;
    m_appendsSinceRetention = 0;
    // The request is stored; a retention that fails now is tried again later.
    try {
        applyRetention();
    } catch (const StorageError& error) {
        qWarning("footfall: the request log's retention could not be applied: %s", error.what());
    }
}

bool RequestLogService::recordRefusal(RequestLogEntry entry)
{
    TransactionGuard transaction(m_database);
    QSqlQuery count = m_database.prepare(
        QStringLiteral("INSERT INTO request_refusal (minute_ms, reason, count) VALUES (?, ?, 1)"
                       " ON CONFLICT (minute_ms, reason) DO UPDATE SET count = count + 1 RETURNING count"));
    count.addBindValue(entry.receivedMs - entry.receivedMs % kMinuteMs);
    count.addBindValue(entry.errorType);
    Database::execute(count);
    const bool store = Database::nextRow(count) && count.value(0).toLongLong() <= kRefusalRowsPerMinute;
    count.finish();
    if (store) {
        entry.body.clear();
        entry.bodyTruncated = false;
        append(entry);
    }
    transaction.commit();
    noteAppendAlone();
    return store;
}

QList<RequestRefusalCount> RequestLogService::refusals(int limit)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "SELECT minute_ms, reason, count FROM request_refusal ORDER BY minute_ms DESC, reason LIMIT ?"));
    query.addBindValue(limit);
    Database::execute(query);
    QList<RequestRefusalCount> counts;
    while (Database::nextRow(query))
        counts.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toLongLong()});
    return counts;
}

RequestLogSettings RequestLogService::settings() const
{
    RequestLogSettings settings;
    settings.retentionDays =
        m_database.metaValue(kRetentionDaysKey, QString::number(settings.retentionDays)).toInt();
    settings.maxSizeMib = m_database.metaValue(kMaxSizeMibKey, QString::number(settings.maxSizeMib)).toInt();
    return settings;
}

QString RequestLogService::problemWith(const RequestLogSettings& settings)
{
    if (settings.retentionDays < 1 || settings.retentionDays > RequestLogSettings::kMaxRetentionDays) {
        return QStringLiteral("Invalid value for parameter retentionDays, value: %1, valid range: 1-%2")
            .arg(settings.retentionDays)
            .arg(RequestLogSettings::kMaxRetentionDays);
    }
    if (settings.maxSizeMib < 1 || settings.maxSizeMib > RequestLogSettings::kMaxSizeMib) {
        return QStringLiteral("Invalid value for parameter maxSizeMib, value: %1, valid range: 1-%2")
            .arg(settings.maxSizeMib)
            .arg(RequestLogSettings::kMaxSizeMib);
    }
    return {};
}

void RequestLogService::configure(const RequestLogSettings& settings)
{
    if (const QString problem = problemWith(settings); !problem.isEmpty())
        throw ServiceError::invalidInput(problem);
    TransactionGuard transaction(m_database);
    m_database.setMetaValue(kRetentionDaysKey, QString::number(settings.retentionDays));
    m_database.setMetaValue(kMaxSizeMibKey, QString::number(settings.maxSizeMib));
    transaction.commit();
}

RequestLogUsage RequestLogService::usage() const
{
    RequestLogUsage usage;
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT u.rows, u.bytes, (SELECT received_ms FROM request_log ORDER BY id LIMIT 1)"
                       " FROM request_log_usage u WHERE u.id = 1"));
    Database::execute(query);
    if (Database::nextRow(query)) {
        usage.rows = query.value(0).toLongLong();
        usage.bytes = query.value(1).toLongLong();
        usage.oldestMs = query.value(2).toLongLong();
    }
    return usage;
}

RequestLogTrim RequestLogService::applyRetention()
{
    const RequestLogSettings current = settings();
    return trim(m_config.nowMs() - qint64(current.retentionDays) * kDayMs,
                qint64(current.maxSizeMib) * 1024 * 1024);
}

RequestLogTrim RequestLogService::purge(qint64 beforeMs)
{
    return trim(beforeMs, std::numeric_limits<qint64>::max());
}

RequestLogTrim RequestLogService::trim(qint64 beforeMs, qint64 maxBytes)
{
    RequestLogTrim result;
    // A minute's count goes once the whole minute is older than `beforeMs`.
    const qint64 lastMinute =
        beforeMs == std::numeric_limits<qint64>::max() ? beforeMs : beforeMs - kMinuteMs;
    QSqlQuery oldRefusals =
        m_database.prepare(QStringLiteral("SELECT 1 FROM request_refusal WHERE minute_ms <= ? LIMIT 1"));
    oldRefusals.addBindValue(lastMinute);
    Database::execute(oldRefusals);
    if (Database::nextRow(oldRefusals)) {
        oldRefusals.finish();
        TransactionGuard transaction(m_database);
        QSqlQuery remove =
            m_database.prepare(QStringLiteral("DELETE FROM request_refusal WHERE minute_ms <= ?"));
        remove.addBindValue(lastMinute);
        Database::execute(remove);
        result.refusalMinutesRemoved = remove.numRowsAffected();
        transaction.commit();
    }
    // Whether the oldest untrimmed row must go: a look without the write lock, so that a pass with
    // nothing to do writes nothing.
    const auto due = [&] {
        if (usage().bytes > maxBytes)
            return true;
        QSqlQuery oldest = m_database.prepare(
            QStringLiteral("SELECT received_ms FROM request_log WHERE id > ? ORDER BY id LIMIT 1"));
        oldest.addBindValue(m_database.metaValue(kTrimmedIdKey, QStringLiteral("0")).toLongLong());
        Database::execute(oldest);
        return Database::nextRow(oldest) && oldest.value(0).toLongLong() < beforeMs;
    };
    // Rows are taken in the order they arrived (by id), a batch per transaction, so that a writer
    // waiting for the lock waits for one batch at most.
    while (due()) {
        TransactionGuard transaction(m_database);
        const qint64 trimmedId = m_database.metaValue(kTrimmedIdKey, QStringLiteral("0")).toLongLong();
        qint64 excess = usage().bytes - maxBytes;
        QSqlQuery batch = m_database.prepare(
            QStringLiteral("SELECT id, received_ms, %1 FROM request_log r WHERE id > ? ORDER BY id LIMIT ?")
                .arg(Migrations::requestLogRowBytes("r")));
        batch.addBindValue(trimmedId);
        batch.addBindValue(kRetentionBatchRows);
        Database::execute(batch);
        qint64 lastId = 0;
        while (Database::nextRow(batch)) {
            if (excess <= 0 && batch.value(1).toLongLong() >= beforeMs)
                break;
            lastId = batch.value(0).toLongLong();
            excess -= batch.value(2).toLongLong();
        }
        batch.finish();
        if (lastId == 0)
            break;
        QSqlQuery strip = m_database.prepare(
            QStringLiteral("UPDATE request_log SET body = NULL, body_truncated = 2, user_agent = NULL"
                           " WHERE id > ? AND id <= ? AND %1")
                .arg(kReferencedRow));
        strip.addBindValue(trimmedId);
        strip.addBindValue(lastId);
        Database::execute(strip);
        result.bodiesRemoved += strip.numRowsAffected();
        QSqlQuery remove =
            m_database.prepare(QStringLiteral("DELETE FROM request_log WHERE id > ? AND id <= ? AND NOT %1")
                                   .arg(kReferencedRow));
        remove.addBindValue(trimmedId);
        remove.addBindValue(lastId);
        Database::execute(remove);
        result.removed += remove.numRowsAffected();
        m_database.setMetaValue(kTrimmedIdKey, QString::number(lastId));
        transaction.commit();
    }
    return result;
}

void RequestLogService::updateCounts(qint64 id, const QString& outcome, int recorded, int duplicates)
{
    // Prepared once: compiling an UPDATE of request_log costs more than running it (the foreign keys
    // of the tables that refer to it), and every request with a duplicate runs it.
    if (!m_updateCounts) {
        m_updateCounts = m_database.prepare(QStringLiteral(
            "UPDATE request_log SET outcome = ?, recorded_count = ?, duplicate_count = ? WHERE id = ?"));
    }
    QSqlQuery& update = *m_updateCounts;
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
