#pragma once

#include "Solution.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <utility>

namespace footfall {

class Database;

struct TrainingOutcome
{
    QString failureReason; // empty when trained
    qint64 interactions = 0;
    qint64 users = 0;
    qint64 items = 0;
};

// What training computed, not yet stored: the outcome and the model's rows.
struct TrainedModel
{
    TrainingOutcome outcome;
    QHash<QString, double> chosen; // per item
    QHash<QString, qint64> shown;  // per item
    // Per item its nearest items, heaviest first, at most ModelTrainer::kMaxNeighbours.
    QHash<QString, QList<std::pair<double, QString>>> neighbours;
};

// Trains a solution version from its dataset group's interactions in two steps: compute() reads
// one snapshot of the data and builds the model in memory without taking the write lock, so
// PutEvents and imports go on while a model trains; store() writes it inside the caller's
// (short) write transaction. The training data follows AWS's rules: events not used for training (a reused
// eventId) are left out, the solution's event-type and event-value filters apply, and the minimums (1000
// interactions, 25 users with at least 2) are checked as the readiness page counts them. A FULL training
// joins a session's anonymous events to the user it was later linked to; an UPDATE keeps them apart. The
// model: per item how often it was chosen and how often shown in explicit impressions, and per item the items
// chosen near it by the same user (for SIMS, User-Personalization and Personalized-Ranking).
class ModelTrainer
{
public:
    static constexpr int kNeighbourWindow = 10; // items this close in a user's sequence count as together
    static constexpr int kMaxNeighbours = 50;   // kept per item

    // Called now and then with the number of events read so far and of the events to read.
    using Progress = std::function<void(qint64 eventsRead, qint64 eventsTotal)>;

    // Reads in a read transaction of its own when the caller has none open.
    static TrainedModel compute(Database& database, const Solution& solution, bool joinLinkedSessions,
                                const Progress& progress = {});
    static void store(Database& database, qint64 versionId, const TrainedModel& model);
};

} // namespace footfall
