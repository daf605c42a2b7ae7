#pragma once

#include "Interaction.h"

#include <QList>

#include <optional>

namespace footfall {

class Database;

struct InteractionFilter
{
    QString userId;
    QString sessionId;
    QString itemId;
    QString eventType;
    QString source;    // the resolved attribution source; "SOURCE_NAME_UNDEFINED" selects events without one
    qint64 fromMs = 0; // sentAt range; 0: open
    qint64 toMs = 0;
    QString text; // searched in event ID, user, session, item, type and properties

    bool isEmpty() const;
};

// One stored interaction with what the events page shows about it.
struct InteractionRow
{
    Interaction interaction;
    qint64 requestId = 0;
    qint64 recordedMs = 0;
    int duplicateCount = 0;
    bool notForTraining = false;
    QString linkedUserId; // for an anonymous event whose session was linked to a user
    QString source;       // AttributionSource's label: the resolved source or SOURCE_NAME_UNDEFINED
};

// Effective impressions: the explicit list when given, else the list behind the recommendationId.
struct EffectiveImpressions
{
    enum class Kind
    {
        None,
        Explicit,
        Implicit,
        Unresolved
    };
    Kind kind = Kind::None;
    QStringList items;

    // The one place that decides an event's effective impressions. `issuedItems`: the list the
    // registry holds for the event's recommendationId, if it holds one.
    static EffectiveImpressions of(const Interaction& interaction, const QStringList* issuedItems = nullptr);
};

struct DuplicateArrival
{
    qint64 requestId = 0;
    qint64 receivedMs = 0;
};

// Pages through a dataset group's interactions without loading them all: newest or oldest first,
// continuing from a known id (keyset paging), so the first and the last page are both cheap.
class InteractionQuery
{
public:
    explicit InteractionQuery(Database& database);
    Q_DISABLE_COPY_MOVE(InteractionQuery)

    // Up to `limit` rows with an id below `beforeId` (0: from the newest), newest first.
    QList<InteractionRow> newest(qint64 datasetGroupId, const InteractionFilter& filter, int limit,
                                 qint64 beforeId = 0);
    // Up to `limit` rows with an id above `afterId`, oldest first.
    QList<InteractionRow> oldest(qint64 datasetGroupId, const InteractionFilter& filter, int limit,
                                 qint64 afterId = 0);
    // Rows that match; with `newerThanId`, only those recorded after that row (a page's place in the
    // arrival order: rows newer than its first one come before it).
    qint64 count(qint64 datasetGroupId, const InteractionFilter& filter, qint64 newerThanId = 0);
    std::optional<InteractionRow> find(qint64 interactionId);
    QList<DuplicateArrival> duplicateArrivals(qint64 interactionId);
    // Anonymous events of a session recorded before it was linked to a user.
    qint64 anonymousEventsOfSession(qint64 datasetGroupId, const QString& sessionId);
    QStringList eventTypes(qint64 datasetGroupId);
    // The types of the group's newest kEventTypesByUseSample events, the most recorded first: one
    // index range, however many events the group has (the console asks for it as a dialog opens).
    static constexpr int kEventTypesByUseSample = 10000;
    QStringList eventTypesByUse(qint64 datasetGroupId);
    // EffectiveImpressions::of() with the recommendation registry consulted.
    EffectiveImpressions effectiveImpressions(const Interaction& interaction);

private:
    QList<InteractionRow> select(qint64 datasetGroupId, const InteractionFilter& filter, int limit,
                                 qint64 boundId, bool descending);

    Database& m_database;
};

} // namespace footfall
