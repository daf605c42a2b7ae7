#include "InteractionWriter.h"

#include "AttributionSource.h"
#include "ServiceError.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace footfall {

InteractionWriter::InteractionWriter(const QSqlDatabase& connection)
    : m_findDuplicate(
          connection,
          QStringLiteral("SELECT id FROM interaction WHERE dataset_group_id = ? AND sent_at_ms = ? AND "
                         "content_hash = ?"))
    , m_countDuplicate(
          connection,
          QStringLiteral("UPDATE interaction SET duplicate_count = duplicate_count + 1 WHERE id = ?"))
    , m_recordDuplicate(connection, QStringLiteral("INSERT INTO interaction_duplicate (interaction_id, "
                                                   "request_id, received_ms) VALUES (?, ?, ?)"))
    , m_findEventId(connection, QStringLiteral("SELECT 1 FROM interaction WHERE dataset_group_id = ? AND "
                                               "event_id = ? AND event_id_given = 1 LIMIT 1"))
    , m_insert(
          connection,
          QStringLiteral("INSERT OR IGNORE INTO interaction (dataset_group_id, request_id, origin, event_id, "
                         "event_id_given, event_type, sent_at_ms, user_id, session_id, item_id, event_value, "
                         "properties, recommendation_id, impression, attribution_source, resolved_source, "
                         "content_hash, not_for_training, recorded_ms)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
    , m_link(connection, QStringLiteral("INSERT OR IGNORE INTO session_link (dataset_group_id, session_id, "
                                        "user_id, linked_ms, interaction_id) VALUES (?, ?, ?, ?, ?)"))
    , m_registry(connection)
    , m_sources(connection)
    , m_rollup(connection)
{}

InteractionWriter::Written InteractionWriter::write(const Interaction& interaction, qint64 requestId,
                                                    qint64 nowMs, const QString& contentHash, qint64 batchKey)
{
    const QString hash = contentHash.isEmpty() ? interaction.contentHash() : contentHash;
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
        m_findEventId.add(interaction.datasetGroupId).add(interaction.eventId);
        notForTraining = m_findEventId.next();
        m_findEventId.finish();
    }
    const auto addRequest = [requestId](SqliteStatement& statement) {
        if (requestId > 0)
            statement.add(requestId);
        else
            statement.addNull();
    };

    // The unique index on (group, sentAt, content hash) turns an identical event into "no row
    // inserted"; only then is the stored one looked up.
    m_insert.add(interaction.datasetGroupId);
    addRequest(m_insert);
    m_insert.add(interaction.origin == Interaction::Origin::Event ? u"event" : u"import");
    m_insert.add(interaction.eventId);
    m_insert.add(interaction.eventIdGiven ? 1 : 0);
    // Imports without an EVENT_TYPE column store an empty type; the column is NOT NULL.
    m_insert.add(interaction.eventType);
    m_insert.add(interaction.sentAtMs);
    m_insert.addNullable(interaction.userId);
    m_insert.addNullable(interaction.sessionId);
    m_insert.addNullable(interaction.itemId);
    if (interaction.eventValue)
        m_insert.add(*interaction.eventValue);
    else
        m_insert.addNull();
    if (interaction.properties.isEmpty())
        m_insert.addNull();
    else
        m_insert.add(QString::fromUtf8(QJsonDocument(interaction.properties).toJson(QJsonDocument::Compact)));
    m_insert.addNullable(interaction.recommendationId);
    if (interaction.impression.isEmpty())
        m_insert.addNull();
    else
        m_insert.add(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(interaction.impression))
                                           .toJson(QJsonDocument::Compact)));
    m_insert.addNullable(interaction.attributionSource);
    m_insert.addNullable(source);
    m_insert.add(hash);
    m_insert.add(notForTraining ? 1 : 0);
    m_insert.add(nowMs);

    if (m_insert.run() == 0) {
        m_findDuplicate.add(interaction.datasetGroupId).add(interaction.sentAtMs).add(hash);
        if (!m_findDuplicate.next())
            throw StorageError(QStringLiteral("An interaction was neither stored nor found as a duplicate"));
        const qint64 existing = m_findDuplicate.int64At(0);
        m_findDuplicate.finish();
        m_countDuplicate.add(existing).run();
        m_recordDuplicate.add(existing);
        addRequest(m_recordDuplicate);
        m_recordDuplicate.add(nowMs).run();
        return {Outcome::Duplicate, existing, source};
    }
    const qint64 id = m_insert.lastInsertId();
    m_rollup.count(interaction, source, nowMs, batchKey != 0 ? batchKey : requestId);

    if (!interaction.userId.isEmpty() && !interaction.sessionId.isEmpty()) {
        // The first event that links a session wins; the events of one request share their session,
        // so only its first needs the statement.
        const QString key =
            QStringLiteral("%1/%2/").arg(requestId).arg(interaction.datasetGroupId) + interaction.sessionId;
        if (requestId <= 0 || key != m_lastLinked) {
            m_lastLinked = key;
            m_link.add(interaction.datasetGroupId)
                .add(interaction.sessionId)
                .add(interaction.userId)
                .add(nowMs)
                .add(id)
                .run();
        }
    }
    return {notForTraining ? Outcome::NotForTraining : Outcome::Recorded, id, source};
}

} // namespace footfall
