#pragma once

#include "Solution.h"

#include <QString>

namespace footfall {

class Database;

struct TrainingOutcome
{
    QString failureReason; // empty when trained
    qint64 interactions = 0;
    qint64 users = 0;
    qint64 items = 0;
};

// Trains a solution version from its dataset group's interactions, inside the caller's transaction.
// The training data follows AWS's rules: events not used for training (a reused eventId) are left
// out, the solution's event-type and event-value filters apply, and the minimums (1000 interactions,
// 25 users with at least 2) are checked as the readiness page counts them. A FULL training joins a
// session's anonymous events to the user it was later linked to; an UPDATE keeps them apart.
// The model: per item how often it was chosen and how often shown in explicit impressions, and per
// item the items chosen near it by the same user (for SIMS, User-Personalization and
// Personalized-Ranking).
class ModelTrainer
{
public:
    static constexpr int kNeighbourWindow = 10; // items this close in a user's sequence count as together
    static constexpr int kMaxNeighbours = 50;   // kept per item

    static TrainingOutcome train(Database& database, const Solution& solution, qint64 versionId,
                                 bool joinLinkedSessions);
};

} // namespace footfall
