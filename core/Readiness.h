#pragma once

#include <QStringList>

#include <optional>

namespace footfall {

// Training filters, as a solution's event-type and event-value settings apply them.
struct ReadinessFilter
{
    QStringList eventTypes;              // empty: every type
    std::optional<double> minEventValue; // keep events whose value is at least this
};

// How close a dataset group's interactions are to what training needs (1000 interactions and
// 25 users with at least 2 each), and what was left out of those counts and why.
struct Readiness
{
    static constexpr int kMinInteractions = 1000;
    static constexpr int kMinUsersWithTwo = 25;

    qint64 interactions = 0; // counted toward training
    qint64 usersWithTwoOrMore = 0;
    qint64 users = 0;
    qint64 anonymousPending = 0;    // sessionId-only events whose session is not linked to a user yet
    qint64 anonymousLinked = 0;     // counted: their session was later linked to a user
    qint64 notForTraining = 0;      // their eventId had been used before
    qint64 filteredOut = 0;         // left out by the event-type or event-value filter
    qint64 duplicatesCollapsed = 0; // arrivals kept once because an identical event was stored

    bool isReady() const
    {
        return interactions >= kMinInteractions && usersWithTwoOrMore >= kMinUsersWithTwo;
    }
};

} // namespace footfall
