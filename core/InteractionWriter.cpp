#include "InteractionWriter.h"

#include "AttributionSource.h"
#include "Database.h"
#include "ServiceError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QVariant>

namespace footfall {

namespace {
QVariant nullIfEmpty(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}
} // namespace

InteractionWriter::InteractionWriter(const QSqlDatabase& connection)
    : m_connection(connection)
    , m_findDuplicate(prepared(QStringLiteral(
          "SELECT id FROM interaction WHERE dataset_group_id = ? AND sent_at_ms = ? AND content_hash = ?")))
    , m_countDuplicate(prepared(
          QStringLiteral("UPDATE interaction SET duplicate_count = duplicate_count + 1 WHERE id = ?")))
    , m_recordDuplicate(prepared(QStringLiteral(
          "INSERT INTO interaction_duplicate (interaction_id, request_id, received_ms) VALUES (?, ?, ?)")))
    , m_findEventId(prepared(QStringLiteral("SELECT 1 FROM interaction WHERE dataset_group_id = ? AND "
                                            "event_id = ? AND event_id_given = 1 LIMIT 1")))
    , m_insert(prepared(QStringLiteral(
          "INSERT OR IGNORE INTO interaction (dataset_group_id, request_id, origin, event_id, "
          "event_id_given, "
          "event_type,"
          " sent_at_ms, user_id, session_id, item_id, event_value, properties, recommendation_id, impression,"
          " attribution_source, resolved_source, content_hash, not_for_training, recorded_ms)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
    , m_link(prepared(
          QStringLiteral("INSERT OR IGNORE INTO session_link (dataset_group_id, session_id, user_id, "
                         "linked_ms, interaction_id) VALUES (?, ?, ?, ?, ?)")))
    , m_registry(connection)
    , m_sources(connection)
    , m_rollup(connection)
{}

QSqlQuery InteractionWriter::prepared(const QString& sql)
{
    return Database::prepareOn(m_connection, sql);
}

InteractionWriter::Written InteractionWriter::write(const Interaction& interaction, qint64 requestId,
                                                    qint64 nowMs)
{
    const QString hash = interaction.contentHash();
    QString producer;
    if (interaction.attributionSource.isEmpty() && !interaction.recommendationId.isEmpty()) {
        if (const auto issued = m_registry.find(interaction.datasetGroupId, interaction.recommendationId))
            producer = issued->producerArn;
    }
    const QString source = AttributionSource::resolve(interaction, producer);
    if (!source.isEmpty())
        m_sources.admit(interaction.datasetGroupId, source, nowMs);
    bool notForTraining = false;
    if (interaction.eventIdGiven) {
        m_findEventId.addBindValue(interaction.datasetGroupId);
        m_findEventId.addBindValue(interaction.eventId);
        Database::execute(m_findEventId);
        notForTraining = m_findEventId.next();
        m_findEventId.finish();
    }

    // The unique index on (group, sentAt, content hash) turns an identical event into "no row
    // inserted"; only then is the stored one looked up.
    m_insert.addBindValue(interaction.datasetGroupId);
    m_insert.addBindValue(requestId > 0 ? QVariant(requestId) : QVariant());
    m_insert.addBindValue(interaction.origin == Interaction::Origin::Event ? QStringLiteral("event")
                                                                           : QStringLiteral("import"));
    m_insert.addBindValue(interaction.eventId);
    m_insert.addBindValue(interaction.eventIdGiven ? 1 : 0);
    // Imports without an EVENT_TYPE column store an empty type; the column is NOT NULL.
    m_insert.addBindValue(interaction.eventType.isNull() ? QStringLiteral("") : interaction.eventType);
    m_insert.addBindValue(interaction.sentAtMs);
    m_insert.addBindValue(nullIfEmpty(interaction.userId));
    m_insert.addBindValue(nullIfEmpty(interaction.sessionId));
    m_insert.addBindValue(nullIfEmpty(interaction.itemId));
    m_insert.addBindValue(interaction.eventValue ? QVariant(*interaction.eventValue) : QVariant());
    m_insert.addBindValue(interaction.properties.isEmpty()
                              ? QVariant()
                              : QVariant(QString::fromUtf8(
                                    QJsonDocument(interaction.properties).toJson(QJsonDocument::Compact))));
    m_insert.addBindValue(nullIfEmpty(interaction.recommendationId));
    m_insert.addBindValue(
        interaction.impression.isEmpty()
            ? QVariant()
            : QVariant(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(interaction.impression))
                                             .toJson(QJsonDocument::Compact))));
    m_insert.addBindValue(nullIfEmpty(interaction.attributionSource));
    m_insert.addBindValue(nullIfEmpty(source));
    m_insert.addBindValue(hash);
    m_insert.addBindValue(notForTraining ? 1 : 0);
    m_insert.addBindValue(nowMs);
    Database::execute(m_insert);

    if (m_insert.numRowsAffected() == 0) {
        m_findDuplicate.addBindValue(interaction.datasetGroupId);
        m_findDuplicate.addBindValue(interaction.sentAtMs);
        m_findDuplicate.addBindValue(hash);
        Database::execute(m_findDuplicate);
        if (!m_findDuplicate.next())
            throw StorageError(QStringLiteral("An interaction was neither stored nor found as a duplicate"));
        const qint64 existing = m_findDuplicate.value(0).toLongLong();
        m_findDuplicate.finish();
        m_countDuplicate.addBindValue(existing);
        Database::execute(m_countDuplicate);
        m_recordDuplicate.addBindValue(existing);
        m_recordDuplicate.addBindValue(requestId > 0 ? QVariant(requestId) : QVariant());
        m_recordDuplicate.addBindValue(nowMs);
        Database::execute(m_recordDuplicate);
        return {Outcome::Duplicate, existing, source};
    }
    const qint64 id = m_insert.lastInsertId().toLongLong();
    m_rollup.count(interaction, source, nowMs, requestId);

    if (!interaction.userId.isEmpty() && !interaction.sessionId.isEmpty()) {
        // The first event that links a session wins; the events of one request share their session,
        // so only its first needs the statement.
        const QString key =
            QStringLiteral("%1/%2/").arg(requestId).arg(interaction.datasetGroupId) + interaction.sessionId;
        if (requestId <= 0 || key != m_lastLinked) {
            m_lastLinked = key;
            m_link.addBindValue(interaction.datasetGroupId);
            m_link.addBindValue(interaction.sessionId);
            m_link.addBindValue(interaction.userId);
            m_link.addBindValue(nowMs);
            m_link.addBindValue(id);
            Database::execute(m_link);
        }
    }
    return {notForTraining ? Outcome::NotForTraining : Outcome::Recorded, id, source};
}

} // namespace footfall
