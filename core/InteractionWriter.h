#pragma once

#include "Interaction.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace footfall {

// Writes interactions into an open transaction on one connection, applying AWS's rules: an event
// with the same sentAt and identical content as a stored one is kept once (the arrival is counted
// as a duplicate); a reused eventId is stored but not used for training; an event with both a
// sessionId and a userId links that session to the user. Prepared statements are reused.
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
    };

    explicit InteractionWriter(const QSqlDatabase& connection);
    Q_DISABLE_COPY_MOVE(InteractionWriter)

    Written write(const Interaction& interaction, qint64 requestId, qint64 nowMs);

private:
    QSqlQuery prepared(const QString& sql);

    QSqlDatabase m_connection;
    QSqlQuery m_findDuplicate;
    QSqlQuery m_countDuplicate;
    QSqlQuery m_recordDuplicate;
    QSqlQuery m_findEventId;
    QSqlQuery m_insert;
    QSqlQuery m_link;
    QString m_lastLinked; // request, group and session of the last link written
};

} // namespace footfall
