#pragma once

#include "AttributionRollup.h"
#include "AttributionSourceLedger.h"
#include "Interaction.h"
#include "RecommendationRegistry.h"
#include "SqliteStatement.h"

#include <QSqlDatabase>

namespace footfall {

// Writes interactions into an open transaction on one connection, applying AWS's rules: an event
// with the same sentAt and identical content as a stored one is kept once (the arrival is counted
// as a duplicate); a reused eventId is stored but not used for training; an event with both a
// sessionId and a userId links that session to the user. Each stored event gets its attribution
// source (AttributionSource::resolve), which must not exceed the group's limit of sources, and is
// counted into the metric attribution's rollups in the same transaction. Prepared statements are reused.
class InteractionWriter
{
public:
    enum class Outcome
    {
        Recorded,
        NotForTraining,
        Duplicate
    };
    struct Written
    {
        Outcome outcome = Outcome::Recorded;
        qint64 interactionId = 0;
        QString resolvedSource; // empty: SOURCE_NAME_UNDEFINED
    };

    explicit InteractionWriter(const QSqlDatabase& connection);
    Q_DISABLE_COPY_MOVE(InteractionWriter)

    // Throws ServiceError when the event would add a source beyond the group's limit; nothing of
    // the event is stored then.
    // `contentHash`: interaction.contentHash() when the caller has it already (computed otherwise).
    // `batchKey`: the AttributionRollup batch the event is part of, when wider than its request.
    Written write(const Interaction& interaction, qint64 requestId, qint64 nowMs,
                  const QString& contentHash = {}, qint64 batchKey = 0);

    AttributionRollup& rollup() { return m_rollup; }

private:
    SqliteStatement m_findDuplicate;
    SqliteStatement m_countDuplicate;
    SqliteStatement m_recordDuplicate;
    SqliteStatement m_findEventId;
    SqliteStatement m_insert;
    SqliteStatement m_link;
    QString m_lastLinked; // request, group and session of the last link written
    RecommendationRegistry m_registry;
    AttributionSourceLedger m_sources;
    AttributionRollup m_rollup;
};

} // namespace footfall
