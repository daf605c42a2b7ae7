#include "InteractionQuery.h"

#include "AttributionSource.h"
#include "Database.h"
#include "RecommendationRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace footfall {

namespace {

const QString kColumns = QStringLiteral(
    "i.id, i.dataset_group_id, i.origin, i.event_id, i.event_id_given, i.event_type, i.sent_at_ms, i.user_id,"
    " i.session_id, i.item_id, i.event_value, i.properties, i.recommendation_id, i.impression, "
    "i.attribution_source,"
    " i.request_id, i.recorded_ms, i.duplicate_count, i.not_for_training, l.user_id, i.resolved_source");

const QString kFrom = QStringLiteral(
    " FROM interaction i LEFT JOIN session_link l"
    " ON l.dataset_group_id = i.dataset_group_id AND l.session_id = i.session_id AND i.user_id IS NULL ");

InteractionRow readRow(const QSqlQuery& query)
{
    InteractionRow row;
    Interaction& interaction = row.interaction;
    interaction.id = query.value(0).toLongLong();
    interaction.datasetGroupId = query.value(1).toLongLong();
    interaction.origin = query.value(2).toString() == QLatin1String("import") ? Interaction::Origin::Import
                                                                              : Interaction::Origin::Event;
    interaction.eventId = query.value(3).toString();
    interaction.eventIdGiven = query.value(4).toBool();
    interaction.eventType = query.value(5).toString();
    interaction.sentAtMs = query.value(6).toLongLong();
    interaction.userId = query.value(7).toString();
    interaction.sessionId = query.value(8).toString();
    interaction.itemId = query.value(9).toString();
    if (!query.value(10).isNull())
        interaction.eventValue = query.value(10).toDouble();
    interaction.properties = QJsonDocument::fromJson(query.value(11).toString().toUtf8()).object();
    interaction.recommendationId = query.value(12).toString();
    for (const QJsonValue& item : QJsonDocument::fromJson(query.value(13).toString().toUtf8()).array())
        interaction.impression << item.toString();
    interaction.attributionSource = query.value(14).toString();
    row.requestId = query.value(15).toLongLong();
    row.recordedMs = query.value(16).toLongLong();
    row.duplicateCount = query.value(17).toInt();
    row.notForTraining = query.value(18).toBool();
    row.linkedUserId = query.value(19).toString();
    row.source = AttributionSource::label(query.value(20).toString());
    return row;
}

void addConditions(const InteractionFilter& filter, QStringList& conditions, QVariantList& values)
{
    const auto equals = [&](const char* column, const QString& value) {
        if (value.isEmpty())
            return;
        conditions << QStringLiteral("i.%1 = ?").arg(QLatin1String(column));
        values << value;
    };
    equals("user_id", filter.userId);
    equals("session_id", filter.sessionId);
    equals("item_id", filter.itemId);
    equals("event_type", filter.eventType);
    if (filter.source == AttributionSource::undefinedLabel()) {
        conditions << QStringLiteral("i.resolved_source IS NULL");
    } else {
        equals("resolved_source", filter.source);
    }
    if (filter.fromMs > 0) {
        conditions << QStringLiteral("i.sent_at_ms >= ?");
        values << filter.fromMs;
    }
    if (filter.toMs > 0) {
        conditions << QStringLiteral("i.sent_at_ms < ?");
        values << filter.toMs;
    }
    if (!filter.text.isEmpty()) {
        conditions << QStringLiteral("(instr(i.event_id, ?) > 0 OR instr(coalesce(i.user_id, ''), ?) > 0 OR "
                                     "instr(coalesce(i.session_id, ''), ?) > 0"
                                     " OR instr(coalesce(i.item_id, ''), ?) > 0 OR instr(i.event_type, ?) > "
                                     "0 OR instr(coalesce(i.properties, ''), ?) > 0)");
        for (int i = 0; i < 6; ++i)
            values << filter.text;
    }
}

} // namespace

bool InteractionFilter::isEmpty() const
{
    return userId.isEmpty() && sessionId.isEmpty() && itemId.isEmpty() && eventType.isEmpty() &&
           source.isEmpty() && fromMs == 0 && toMs == 0 && text.isEmpty();
}

EffectiveImpressions EffectiveImpressions::of(const Interaction& interaction, const QStringList* issuedItems)
{
    if (!interaction.impression.isEmpty())
        return {Kind::Explicit, interaction.impression};
    if (!interaction.recommendationId.isEmpty()) {
        if (issuedItems)
            return {Kind::Implicit, *issuedItems};
        return {Kind::Unresolved, {}}; // no recommendation list with this ID was issued here
    }
    return {Kind::None, {}};
}

EffectiveImpressions InteractionQuery::effectiveImpressions(const Interaction& interaction)
{
    if (interaction.impression.isEmpty() && !interaction.recommendationId.isEmpty()) {
        RecommendationRegistry registry(m_database.connection());
        if (const auto issued = registry.find(interaction.datasetGroupId, interaction.recommendationId))
            return EffectiveImpressions::of(interaction, &issued->items);
    }
    return EffectiveImpressions::of(interaction);
}

InteractionQuery::InteractionQuery(Database& database)
    : m_database(database)
{}

QList<InteractionRow> InteractionQuery::select(qint64 datasetGroupId, const InteractionFilter& filter,
                                               int limit, qint64 boundId, bool descending)
{
    QStringList conditions{QStringLiteral("i.dataset_group_id = ?")};
    QVariantList values{datasetGroupId};
    if (boundId > 0) {
        conditions << (descending ? QStringLiteral("i.id < ?") : QStringLiteral("i.id > ?"));
        values << boundId;
    }
    addConditions(filter, conditions, values);
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT ") + kColumns + kFrom + QStringLiteral("WHERE ") +
        conditions.join(QStringLiteral(" AND ")) + QStringLiteral(" ORDER BY i.id ") +
        (descending ? QStringLiteral("DESC") : QStringLiteral("ASC")) + QStringLiteral(" LIMIT ?"));
    for (const QVariant& value : values)
        query.addBindValue(value);
    query.addBindValue(limit);
    Database::execute(query);
    QList<InteractionRow> rows;
    while (Database::nextRow(query))
        rows.append(readRow(query));
    return rows;
}

QList<InteractionRow> InteractionQuery::newest(qint64 datasetGroupId, const InteractionFilter& filter,
                                               int limit, qint64 beforeId)
{
    return select(datasetGroupId, filter, limit, beforeId, true);
}

QList<InteractionRow> InteractionQuery::oldest(qint64 datasetGroupId, const InteractionFilter& filter,
                                               int limit, qint64 afterId)
{
    return select(datasetGroupId, filter, limit, afterId, false);
}

qint64 InteractionQuery::count(qint64 datasetGroupId, const InteractionFilter& filter, qint64 newerThanId)
{
    QStringList conditions{QStringLiteral("i.dataset_group_id = ?")};
    QVariantList values{datasetGroupId};
    if (newerThanId > 0) {
        conditions << QStringLiteral("i.id > ?");
        values << newerThanId;
    }
    addConditions(filter, conditions, values);
    QSqlQuery query = m_database.prepare(QStringLiteral("SELECT count(*) FROM interaction i WHERE ") +
                                         conditions.join(QStringLiteral(" AND ")));
    for (const QVariant& value : values)
        query.addBindValue(value);
    Database::execute(query);
    return Database::nextRow(query) ? query.value(0).toLongLong() : 0;
}

std::optional<InteractionRow> InteractionQuery::find(qint64 interactionId)
{
    QSqlQuery query =
        m_database.prepare(QStringLiteral("SELECT ") + kColumns + kFrom + QStringLiteral("WHERE i.id = ?"));
    query.addBindValue(interactionId);
    Database::execute(query);
    if (!Database::nextRow(query))
        return std::nullopt;
    return readRow(query);
}

QList<DuplicateArrival> InteractionQuery::duplicateArrivals(qint64 interactionId)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "SELECT request_id, received_ms FROM interaction_duplicate WHERE interaction_id = ? ORDER BY id"));
    query.addBindValue(interactionId);
    Database::execute(query);
    QList<DuplicateArrival> arrivals;
    while (Database::nextRow(query))
        arrivals.append({query.value(0).toLongLong(), query.value(1).toLongLong()});
    return arrivals;
}

qint64 InteractionQuery::anonymousEventsOfSession(qint64 datasetGroupId, const QString& sessionId)
{
    QSqlQuery query =
        m_database.prepare(QStringLiteral("SELECT count(*) FROM interaction WHERE dataset_group_id = ? AND "
                                          "session_id = ? AND user_id IS NULL"));
    query.addBindValue(datasetGroupId);
    query.addBindValue(sessionId);
    Database::execute(query);
    return Database::nextRow(query) ? query.value(0).toLongLong() : 0;
}

QStringList InteractionQuery::eventTypes(qint64 datasetGroupId)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "SELECT DISTINCT event_type FROM interaction WHERE dataset_group_id = ? ORDER BY event_type"));
    query.addBindValue(datasetGroupId);
    Database::execute(query);
    QStringList types;
    while (Database::nextRow(query))
        types << query.value(0).toString();
    return types;
}

QStringList InteractionQuery::eventTypesByUse(qint64 datasetGroupId)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "SELECT event_type FROM (SELECT event_type FROM interaction INDEXED BY interaction_group"
        " WHERE dataset_group_id = ? ORDER BY id DESC LIMIT ?) GROUP BY event_type"
        " ORDER BY COUNT(*) DESC, event_type"));
    query.addBindValue(datasetGroupId);
    query.addBindValue(kEventTypesByUseSample);
    Database::execute(query);
    QStringList types;
    while (Database::nextRow(query))
        types << query.value(0).toString();
    return types;
}

} // namespace footfall
