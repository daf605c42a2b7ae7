#include "EventsCommands.h"

#include "AttributionSource.h"
#include "DatasetGroupService.h"
#include "InteractionQuery.h"
#include "JsonInput.h"
#include "JsonTime.h"
#include "KeysetToken.h"
#include "PutEventsValidator.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QJsonArray>

namespace footfall {

using JsonInput::text;

namespace {

const QString kService = QStringLiteral("events");
const QString kTokenKind = QStringLiteral("events");
const QStringList kOrders = {QStringLiteral("newest"), QStringLiteral("oldest")};

// sentAt bounds as the events page reads them: epoch seconds or ISO 8601 (UTC unless it says).
std::optional<qint64> timeOf(const QJsonObject& input, const char* key)
{
    if (!input.contains(QLatin1String(key)))
        return qint64(0);
    return PutEventsValidator::parseSentAt(QJsonValue(text(input, key).trimmed()));
}

QString impressionKind(EffectiveImpressions::Kind kind)
{
    switch (kind) {
    case EffectiveImpressions::Kind::Explicit:
        return QStringLiteral("explicit");
    case EffectiveImpressions::Kind::Implicit:
        return QStringLiteral("implicit");
    case EffectiveImpressions::Kind::Unresolved:
        return QStringLiteral("unresolved");
    case EffectiveImpressions::Kind::None:
        break;
    }
    return QStringLiteral("none");
}

// Where the event's attribution source came from, as the events page's detail explains it.
QString sourceOrigin(const InteractionRow& row)
{
    if (!row.interaction.attributionSource.isEmpty())
        return QStringLiteral("eventAttributionSource");
    if (row.source != AttributionSource::undefinedLabel())
        return QStringLiteral("recommendationId");
    return QStringLiteral("none");
}

QJsonObject eventJson(InteractionQuery& query, const InteractionRow& row)
{
    const Interaction& event = row.interaction;
    QJsonObject json{{QStringLiteral("eventId"), event.eventId},
                     {QStringLiteral("eventIdGiven"), event.eventIdGiven},
                     {QStringLiteral("eventType"), event.eventType},
                     {QStringLiteral("sentAt"), JsonTime::msToCliText(event.sentAtMs)},
                     {QStringLiteral("origin"), event.origin == Interaction::Origin::Event
                                                    ? QStringLiteral("event")
                                                    : QStringLiteral("import")},
                     {QStringLiteral("anonymous"), event.isAnonymous()}};
    if (!event.userId.isEmpty())
        json.insert(QStringLiteral("userId"), event.userId);
    if (!event.sessionId.isEmpty())
        json.insert(QStringLiteral("sessionId"), event.sessionId);
    if (!row.linkedUserId.isEmpty())
        json.insert(QStringLiteral("linkedUserId"), row.linkedUserId);
    if (!event.itemId.isEmpty())
        json.insert(QStringLiteral("itemId"), event.itemId);
    if (event.eventValue)
        json.insert(QStringLiteral("eventValue"), *event.eventValue);
    if (!event.properties.isEmpty())
        json.insert(QStringLiteral("properties"), event.properties);
    if (!event.recommendationId.isEmpty())
        json.insert(QStringLiteral("recommendationId"), event.recommendationId);
    if (!event.impression.isEmpty())
        json.insert(QStringLiteral("impression"), QJsonArray::fromStringList(event.impression));
    if (!event.attributionSource.isEmpty())
        json.insert(QStringLiteral("eventAttributionSource"), event.attributionSource);
    json.insert(QStringLiteral("source"), row.source);
    json.insert(QStringLiteral("sourceFrom"), sourceOrigin(row));
    const EffectiveImpressions impressions = query.effectiveImpressions(event);
    json.insert(QStringLiteral("effectiveImpressions"),
                QJsonObject{{QStringLiteral("kind"), impressionKind(impressions.kind)},
                            {QStringLiteral("items"), QJsonArray::fromStringList(impressions.items)}});
    json.insert(QStringLiteral("notForTraining"), row.notForTraining);
    QJsonArray duplicates;
    if (row.duplicateCount > 0) {
        for (const DuplicateArrival& arrival : query.duplicateArrivals(event.id)) {
            duplicates.append(
                QJsonObject{{QStringLiteral("requestId"), double(arrival.requestId)},
                            {QStringLiteral("receivedAt"), JsonTime::msToCliText(arrival.receivedMs)}});
        }
    }
    json.insert(QStringLiteral("duplicateArrivals"), duplicates);
    if (row.requestId > 0)
        json.insert(QStringLiteral("requestId"), double(row.requestId));
    json.insert(QStringLiteral("recordedAt"), JsonTime::msToCliText(row.recordedMs));
    return json;
}

} // namespace

const QList<ApiOperation>& EventsCommands::operations()
{
    const auto optional = [](const QString& name, const QString& help, ApiType type = ApiType::String) {
        return ApiMember{name, type, false, help};
    };
    static const QList<ApiOperation> all = {
        {kService, QStringLiteral("List"),
         QStringLiteral(
             "The events a dataset group recorded, newest first (or oldest first), with the events "
             "page's filters and how each event was stored: its attribution source, effective "
             "impressions, whether training uses it, and the identical arrivals it absorbed. "
             "Every page is printed unless --max-items, --max-results or --no-paginate says otherwise."),
         QList<ApiMember>{
             {QStringLiteral("datasetGroupArn"), ApiType::String, true,
              QStringLiteral("The dataset group whose events are listed.")},
             optional(QStringLiteral("userId"), QStringLiteral("Only events of this user.")),
             optional(QStringLiteral("sessionId"), QStringLiteral("Only events of this session.")),
             optional(QStringLiteral("itemId"), QStringLiteral("Only events of this item.")),
             optional(QStringLiteral("eventType"), QStringLiteral("Only events of this type.")),
             optional(
                 QStringLiteral("source"),
                 QStringLiteral("Only events attributed to this source (SOURCE_NAME_UNDEFINED: to none).")),
             optional(QStringLiteral("fromTime"),
                      QStringLiteral("Only events sent at or after this time (ISO 8601, UTC unless an offset "
                                     "is given, or epoch seconds).")),
             optional(QStringLiteral("toTime"), QStringLiteral("Only events sent before this time.")),
             optional(
                 QStringLiteral("text"),
                 QStringLiteral("Only events with this text in their event ID, user, session, item, type "
                                "or properties.")),
             optional(QStringLiteral("order"),
                      QStringLiteral("newest (the default) or oldest: by arrival, the order the events page "
                                     "shows."))} +
             KeysetToken::pagingMembers(QStringLiteral("events"))},
    };
    return all;
}

QString EventsCommands::usageProblem(const ApiOperation&, const QJsonObject& input)
{
    for (const char* key : {"fromTime", "toTime"}) {
        if (!timeOf(input, key)) {
            return QStringLiteral("argument --%1: invalid time: '%2' (ISO 8601 or epoch seconds)")
                .arg(ApiOperation::toKebabCase(QLatin1String(key)), text(input, key));
        }
    }
    if (input.contains(QLatin1String("order")) && !kOrders.contains(text(input, "order"))) {
        return QStringLiteral("argument --order: Invalid choice '%1', valid choices are: %2")
            .arg(text(input, "order"), kOrders.join(QStringLiteral(", ")));
    }
    return {};
}

QJsonObject EventsCommands::run(Workspace& workspace, const ApiOperation&, const QJsonObject& input)
{
    const DatasetGroup group = workspace.datasetGroups().require(text(input, "datasetGroupArn"));
    const KeysetToken::Page page = KeysetToken::pageOf(kTokenKind, input);
    InteractionFilter filter;
    filter.userId = text(input, "userId");
    filter.sessionId = text(input, "sessionId");
    filter.itemId = text(input, "itemId");
    filter.eventType = text(input, "eventType");
    filter.source = text(input, "source");
    filter.fromMs = timeOf(input, "fromTime").value_or(0);
    filter.toMs = timeOf(input, "toTime").value_or(0);
    filter.text = text(input, "text");
    const bool oldestFirst = text(input, "order") == QLatin1String("oldest");

    InteractionQuery& query = workspace.interactions();
    // One row more than the page tells whether another page follows.
    QList<InteractionRow> rows = oldestFirst ? query.oldest(group.id, filter, page.limit + 1, page.position)
                                             : query.newest(group.id, filter, page.limit + 1, page.position);
    const bool more = KeysetToken::cutToPage(rows, page.limit);
    QJsonArray events;
    for (const InteractionRow& row : rows)
        events.append(eventJson(query, row));
    QJsonObject output{{QStringLiteral("events"), events}};
    if (more)
        output.insert(QStringLiteral("nextToken"),
                      KeysetToken::encode(kTokenKind, input, rows.last().interaction.id));
    return output;
}

} // namespace footfall
