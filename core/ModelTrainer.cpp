#include "ModelTrainer.h"

#include "Database.h"
#include "ReadTransaction.h"
#include "ReadinessService.h"
#include "SqliteStatement.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace footfall {

namespace {

constexpr qint64 kProgressEvents = 20000;

} // namespace

TrainedModel ModelTrainer::compute(Database& database, const Solution& solution, bool joinLinkedSessions,
                                   const Progress& progress)
{
    // One snapshot for the readiness count and the events, without the write lock.
    const ReadTransaction snapshot(database);
    TrainedModel model;
    TrainingOutcome& outcome = model.outcome;
    ReadinessFilter filter;
    if (!solution.eventType.isEmpty())
        filter.eventTypes = {solution.eventType};
    filter.minEventValue = solution.eventValueThreshold;
    const Readiness readiness = ReadinessService(database).compute(solution.datasetGroupId, filter);
    if (!readiness.isReady()) {
        outcome.failureReason =
            QStringLiteral("Not enough data to train: %1 %2 and %3 %4 with at least 2 of them "
                           "(after the solution's filters); Amazon Personalize needs at least %5 and %6")
                .arg(readiness.interactions)
                .arg(readiness.interactions == 1 ? QStringLiteral("interaction")
                                                 : QStringLiteral("interactions"))
                .arg(readiness.usersWithTwoOrMore)
                .arg(readiness.usersWithTwoOrMore == 1 ? QStringLiteral("user") : QStringLiteral("users"))
                .arg(Readiness::kMinInteractions)
                .arg(Readiness::kMinUsersWithTwo);
        return model;
    }

    QString conditions;
    QVariantList values{solution.datasetGroupId};
    if (!solution.eventType.isEmpty()) {
        conditions += QStringLiteral(" AND i.event_type = ?");
        values << solution.eventType;
    }
    if (solution.eventValueThreshold) {
        conditions += QStringLiteral(" AND i.event_value >= ?");
        values << *solution.eventValueThreshold;
    }
    qint64 total = 0;
    if (progress) {
        // The same events as below, counted first so that progress can say "n of total".
        QSqlQuery count = database.prepare(
            QStringLiteral("SELECT count(*) FROM interaction i WHERE i.dataset_group_id = ? AND "
                           "i.not_for_training = 0 AND i.item_id IS NOT NULL%1")
                .arg(conditions));
        for (const QVariant& value : values)
            count.addBindValue(value);
        Database::execute(count);
        total = Database::nextRow(count) ? count.value(0).toLongLong() : 0;
    }
    // Who did it: the user; for an anonymous event the user its session was linked to (FULL only),
    // else the session itself.
    QSqlQuery events = database.prepare(
        QStringLiteral(
            "SELECT COALESCE(i.user_id, %1 'session:' || i.session_id) AS who, i.item_id, i.impression"
            " FROM interaction i LEFT JOIN session_link l ON l.dataset_group_id = i.dataset_group_id"
            " AND l.session_id = i.session_id AND i.user_id IS NULL"
            " WHERE i.dataset_group_id = ? AND i.not_for_training = 0 AND i.item_id IS NOT NULL%2"
            " ORDER BY who, i.sent_at_ms, i.id")
            .arg(joinLinkedSessions ? QStringLiteral("l.user_id,") : QString(), conditions));
    for (const QVariant& value : values)
        events.addBindValue(value);
    Database::execute(events);

    QHash<QString, double>& chosen = model.chosen;
    QHash<QString, qint64>& shown = model.shown;
    QHash<QString, QHash<QString, double>> pairs;
    QString currentWho;
    QStringList sequence;
    const auto closeSequence = [&] {
        for (int i = 0; i < sequence.size(); ++i) {
            for (int j = std::max(0, i - kNeighbourWindow); j < i; ++j) {
                if (sequence.at(i) == sequence.at(j))
                    continue;
                // Nearer in the sequence counts more.
                const double weight = 1.0 / double(i - j);
                pairs[sequence.at(i)][sequence.at(j)] += weight;
                pairs[sequence.at(j)][sequence.at(i)] += weight;
            }
        }
        sequence.clear();
    };
    while (Database::nextRow(events)) {
        const QString who = events.value(0).toString();
        if (who != currentWho) {
            closeSequence();
            currentWho = who;
            ++outcome.users;
        }
        const QString item = events.value(1).toString();
        sequence << item;
        chosen[item] += 1.0;
        ++outcome.interactions;
        if (progress && outcome.interactions % kProgressEvents == 0)
            progress(outcome.interactions, total);
        const QString impression = events.value(2).toString();
        if (!impression.isEmpty()) {
            for (const QJsonValue& shownItem : QJsonDocument::fromJson(impression.toUtf8()).array())
                ++shown[shownItem.toString()];
        }
    }
    closeSequence();
    outcome.items = chosen.size();

    for (auto it = pairs.begin(); it != pairs.end(); ++it) {
        QList<std::pair<double, QString>> neighbours;
        neighbours.reserve(it.value().size());
        for (auto other = it.value().begin(); other != it.value().end(); ++other)
            neighbours.append({other.value(), other.key()});
        std::sort(neighbours.begin(), neighbours.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        if (neighbours.size() > kMaxNeighbours)
            neighbours.resize(kMaxNeighbours);
        model.neighbours.insert(it.key(), neighbours);
    }
    if (progress)
        progress(outcome.interactions, total);
    return model;
}

void ModelTrainer::store(Database& database, qint64 versionId, const TrainedModel& model)
{
    SqliteStatement item(database.connection(), QStringLiteral("INSERT INTO model_item (version_id, item_id, "
                                                               "chosen, shown) VALUES (?, ?, ?, ?)"));
    for (auto it = model.chosen.begin(); it != model.chosen.end(); ++it)
        item.add(versionId).add(it.key()).add(it.value()).add(model.shown.value(it.key())).run();
    SqliteStatement pair(database.connection(), QStringLiteral("INSERT INTO model_pair (version_id, item_id, "
                                                               "other_item_id, weight) VALUES (?, ?, ?, ?)"));
    for (auto it = model.neighbours.begin(); it != model.neighbours.end(); ++it) {
        for (const auto& [weight, other] : it.value())
            pair.add(versionId).add(it.key()).add(other).add(weight).run();
    }
}

} // namespace footfall
