#include "ModelTrainer.h"

#include "Database.h"
#include "ReadinessService.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

#include <algorithm>

namespace footfall {

TrainingOutcome ModelTrainer::train(Database& database, const Solution& solution, qint64 versionId,
                                    bool joinLinkedSessions)
{
    TrainingOutcome outcome;
    ReadinessFilter filter;
    if (!solution.eventType.isEmpty())
        filter.eventTypes = {solution.eventType};
    filter.minEventValue = solution.eventValueThreshold;
    const Readiness readiness = ReadinessService(database).compute(solution.datasetGroupId, filter);
    if (!readiness.isReady()) {
        outcome.failureReason =
            QStringLiteral("Not enough data to train: %1 interactions and %2 users with at least 2 of them "
                           "(after the solution's filters); Amazon Personalize needs at least %3 and %4")
                .arg(readiness.interactions)
                .arg(readiness.usersWithTwoOrMore)
                .arg(Readiness::kMinInteractions)
                .arg(Readiness::kMinUsersWithTwo);
        return outcome;
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

    QHash<QString, double> chosen;
    QHash<QString, qint64> shown;
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
    while (events.next()) {
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
        const QString impression = events.value(2).toString();
        if (!impression.isEmpty()) {
            for (const QJsonValue& shownItem : QJsonDocument::fromJson(impression.toUtf8()).array())
                ++shown[shownItem.toString()];
        }
    }
    closeSequence();
    outcome.items = chosen.size();

    QSqlQuery item = database.prepare(
        QStringLiteral("INSERT INTO model_item (version_id, item_id, chosen, shown) VALUES (?, ?, ?, ?)"));
    for (auto it = chosen.begin(); it != chosen.end(); ++it) {
        item.addBindValue(versionId);
        item.addBindValue(it.key());
        item.addBindValue(it.value());
        item.addBindValue(shown.value(it.key()));
        Database::execute(item);
    }
    QSqlQuery pair = database.prepare(QStringLiteral(
        "INSERT INTO model_pair (version_id, item_id, other_item_id, weight) VALUES (?, ?, ?, ?)"));
    for (auto it = pairs.begin(); it != pairs.end(); ++it) {
        QList<std::pair<double, QString>> neighbours;
        for (auto other = it.value().begin(); other != it.value().end(); ++other)
            neighbours.append({other.value(), other.key()});
        std::sort(neighbours.begin(), neighbours.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        for (int i = 0; i < neighbours.size() && i < kMaxNeighbours; ++i) {
            pair.addBindValue(versionId);
            pair.addBindValue(it.key());
            pair.addBindValue(neighbours.at(i).second);
            pair.addBindValue(neighbours.at(i).first);
            Database::execute(pair);
        }
    }
    return outcome;
}

} // namespace footfall
