#include "PutEventsValidator.h"

#include "AvroSchema.h"
#include "FieldRule.h"
#include "JsonInput.h"
#include "PropertyMapper.h"
#include "ServiceError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimeZone>
#include <QUuid>

#include <cmath>

namespace footfall {

namespace {

const FieldRule& stringType()
{
    static const FieldRule rule(1, 256);
    return rule;
}

const FieldRule& propertiesRule()
{
    static const FieldRule rule(1, 1024);
    return rule;
}

const FieldRule& recommendationIdRule()
{
    static const FieldRule rule(1, 40);
    return rule;
}

const FieldRule& attributionSourceRule()
{
    static const FieldRule rule(0, 1024, QStringLiteral("^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$"),
                                QStringLiteral("printable ASCII with at least one non-space character"));
    return rule;
}

[[noreturn]] void fail(const QString& message, const QString& path)
{
    throw ServiceError::invalidInput(message, path);
}

void checkListLength(const QString& path, int size, int min, int max)
{
    if (size < min)
        fail(QStringLiteral("Invalid length for parameter %1, value: %2, valid min length: %3")
                 .arg(path)
                 .arg(size)
                 .arg(min),
             path);
    if (size > max)
        fail(QStringLiteral("Invalid length for parameter %1, value: %2, valid max length: %3")
                 .arg(path)
                 .arg(size)
                 .arg(max),
             path);
}

QString isoText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

Interaction checkEvent(const QJsonValue& value, const QString& path, qint64 nowMs,
                       QList<RequestWarning>& warnings)
{
    if (!value.isObject())
        fail(JsonInput::typeError(path, value, QStringLiteral("object")), path);
    const QJsonObject event = value.toObject();
    JsonInput::rejectUnknown(event,
                             {QStringLiteral("eventId"), QStringLiteral("eventType"),
                              QStringLiteral("eventValue"), QStringLiteral("itemId"),
                              QStringLiteral("properties"), QStringLiteral("sentAt"),
                              QStringLiteral("recommendationId"), QStringLiteral("impression"),
                              QStringLiteral("metricAttribution")},
                             path);
    JsonInput::requireMembers(event, {QStringLiteral("eventType"), QStringLiteral("sentAt")}, path);

    Interaction interaction;
    const auto member = [&](const char* key) -> QString {
        return path + QLatin1Char('.') + QLatin1String(key);
    };
    if (const auto eventId =
            JsonInput::string(event, QStringLiteral("eventId"), member("eventId"), stringType())) {
        interaction.eventId = *eventId;
        interaction.eventIdGiven = true;
    } else {
        interaction.eventId = PutEventsValidator::generateEventId();
    }
    interaction.eventType =
        *JsonInput::string(event, QStringLiteral("eventType"), member("eventType"), stringType());
    interaction.itemId = JsonInput::string(event, QStringLiteral("itemId"), member("itemId"), stringType())
                             .value_or(QString());

    const QJsonValue sentAt = event.value(QStringLiteral("sentAt"));
    const auto sentAtMs = PutEventsValidator::parseSentAt(sentAt);
    if (!sentAtMs) {
        fail(QStringLiteral(
                 "Invalid type for parameter %1, value: %2, valid types: number (epoch seconds) or ISO 8601 "
                 "string (2024-01-02T03:04:05Z)")
                 .arg(member("sentAt"), JsonInput::describe(sentAt)),
             member("sentAt"));
    }
    interaction.sentAtMs = *sentAtMs;
    warnings += PutEventsValidator::sentAtWarnings(member("sentAt"), *sentAtMs, nowMs);

    if (event.contains(QStringLiteral("eventValue"))) {
        const QJsonValue eventValue = event.value(QStringLiteral("eventValue"));
        if (!eventValue.isDouble() || !std::isfinite(eventValue.toDouble()))
            fail(JsonInput::typeError(member("eventValue"), eventValue, QStringLiteral("float")),
                 member("eventValue"));
        interaction.eventValue = eventValue.toDouble();
    }
    JsonInput::string(event, QStringLiteral("properties"), member("properties"), propertiesRule());
    interaction.recommendationId = JsonInput::string(event, QStringLiteral("recommendationId"),
                                                     member("recommendationId"), recommendationIdRule())
                                       .value_or(QString());

    if (event.contains(QStringLiteral("impression"))) {
        const QJsonValue impression = event.value(QStringLiteral("impression"));
        if (!impression.isArray())
            fail(JsonInput::typeError(member("impression"), impression, QStringLiteral("list")),
                 member("impression"));
        const QJsonArray items = impression.toArray();
        checkListLength(member("impression"), int(items.size()), 1, PutEventsValidator::kMaxImpressions);
        for (int i = 0; i < items.size(); ++i) {
            const QString itemPath = QStringLiteral("%1[%2]").arg(member("impression")).arg(i);
            if (!items.at(i).isString())
                fail(JsonInput::typeError(itemPath, items.at(i), QStringLiteral("string")),
                     member("impression"));
            stringType().enforce(itemPath, items.at(i).toString());
            interaction.impression << items.at(i).toString();
        }
    }

    if (event.contains(QStringLiteral("metricAttribution"))) {
        const QString attributionPath = member("metricAttribution");
        const QJsonValue attribution = event.value(QStringLiteral("metricAttribution"));
        if (!attribution.isObject())
            fail(JsonInput::typeError(attributionPath, attribution, QStringLiteral("object")),
                 attributionPath);
        const QJsonObject object = attribution.toObject();
        JsonInput::rejectUnknown(object, {QStringLiteral("eventAttributionSource")}, attributionPath);
        JsonInput::requireMembers(object, {QStringLiteral("eventAttributionSource")}, attributionPath);
        interaction.attributionSource = *JsonInput::string(
            object, QStringLiteral("eventAttributionSource"),
            attributionPath + QStringLiteral(".eventAttributionSource"), attributionSourceRule());
    }

    // Serialise only when the event could be near the limit: a character takes at most 6 bytes in JSON.
    qsizetype bound = 256;
    for (auto it = event.begin(); it != event.end(); ++it) {
        bound += it.key().size() + 8;
        if (it.value().isString())
            bound += it.value().toString().size() * 6;
        else if (it.value().isArray() || it.value().isObject())
            bound += 40000; // lists and objects: measure them
    }
    const qsizetype bytes = bound > PutEventsValidator::kMaxEventBytes
                                ? QJsonDocument(event).toJson(QJsonDocument::Compact).size()
                                : 0;
    if (bytes > PutEventsValidator::kMaxEventBytes) {
        fail(QStringLiteral(
                 "Invalid length for parameter %1, value: %2 bytes, valid max length: %3 bytes (the size of "
                 "one event)")
                 .arg(path)
                 .arg(bytes)
                 .arg(PutEventsValidator::kMaxEventBytes),
             path);
    }
    return interaction;
}

} // namespace

QString PutEventsValidator::generateEventId()
{
    // A version 4 UUID from the fast, system-seeded generator: QUuid::createUuid() asks the kernel
    // for entropy on every call, which showed in the PutEvents profile.
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(bytes.data()), 4);
    bytes[6] = char((uchar(bytes[6]) & 0x0F) | 0x40);
    bytes[8] = char((uchar(bytes[8]) & 0x3F) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

std::optional<qint64> PutEventsValidator::parseSentAt(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double seconds = value.toDouble();
        if (!std::isfinite(seconds) || std::fabs(seconds) > 1e15)
            return std::nullopt;
        return qint64(std::llround(seconds * 1000.0));
    }
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        bool isNumber = false;
        const double seconds = text.toDouble(&isNumber);
        if (isNumber)
            return parseSentAt(QJsonValue(seconds));
        QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid())
            return std::nullopt;
        if (time.timeSpec() == Qt::LocalTime)
            time.setTimeZone(QTimeZone::utc()); // no offset given: UTC, as botocore assumes
        return time.toMSecsSinceEpoch();
    }
    return std::nullopt;
}

QList<RequestWarning> PutEventsValidator::sentAtWarnings(const QString& path, qint64 sentAtMs, qint64 nowMs)
{
    constexpr qint64 kYear2000Ms = 946684800000;
    constexpr qint64 kDayMs = 86400000;
    const qint64 seconds = sentAtMs / 1000;
    if (sentAtMs > 100000000000000) { // after the year 5138: a value in milliseconds, read as seconds
        return {{path, QStringLiteral("sentAt %1 looks like milliseconds; PutEvents takes epoch seconds (as "
                                      "milliseconds it would be %2)")
                           .arg(seconds)
                           .arg(isoText(seconds))}};
    }
    if (sentAtMs > nowMs + kDayMs) {
        return {{path, QStringLiteral("sentAt %1 (%2) is %3 days in the future")
                           .arg(seconds)
                           .arg(isoText(sentAtMs))
                           .arg(double(sentAtMs - nowMs) / kDayMs, 0, 'f', 1)}};
    }
    if (sentAtMs < kYear2000Ms) {
        return {
            {path, QStringLiteral("sentAt %1 (%2) is before the year 2000; is it in the right unit (epoch "
                                  "seconds)?")
                       .arg(seconds)
                       .arg(isoText(sentAtMs))}};
    }
    return {};
}

ValidatedPutEvents PutEventsValidator::checkRequest(const QJsonObject& request, qint64 nowMs)
{
    const QString input = QStringLiteral("input");
    JsonInput::rejectUnknown(request,
                             {QStringLiteral("trackingId"), QStringLiteral("userId"),
                              QStringLiteral("sessionId"), QStringLiteral("eventList")},
                             input);
    JsonInput::requireMembers(
        request, {QStringLiteral("trackingId"), QStringLiteral("sessionId"), QStringLiteral("eventList")},
        input);
    JsonInput::rejectInvalidText(request, input);
    ValidatedPutEvents validated;
    validated.trackingId =
        *JsonInput::string(request, QStringLiteral("trackingId"), QStringLiteral("trackingId"), stringType());
    validated.sessionId =
        *JsonInput::string(request, QStringLiteral("sessionId"), QStringLiteral("sessionId"), stringType());
    validated.userId =
        JsonInput::string(request, QStringLiteral("userId"), QStringLiteral("userId"), stringType())
            .value_or(QString());

    const QJsonValue eventList = request.value(QStringLiteral("eventList"));
    if (!eventList.isArray())
        fail(JsonInput::typeError(QStringLiteral("eventList"), eventList, QStringLiteral("list")),
             QStringLiteral("eventList"));
    const QJsonArray events = eventList.toArray();
    checkListLength(QStringLiteral("eventList"), int(events.size()), 1, kMaxEvents);
    for (int i = 0; i < events.size(); ++i) {
        Interaction interaction =
            checkEvent(events.at(i), QStringLiteral("eventList[%1]").arg(i), nowMs, validated.warnings);
        interaction.userId = validated.userId;
        interaction.sessionId = validated.sessionId;
        validated.events.append(interaction);
    }
    return validated;
}

void PutEventsValidator::applySchema(ValidatedPutEvents& validated, const QJsonObject& request,
                                     const AvroSchema& schema)
{
    const PropertyMapper mapper(schema, DatasetType::Interactions);
    const QJsonArray events = request.value(QStringLiteral("eventList")).toArray();
    for (int i = 0; i < validated.events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        if (!event.contains(QStringLiteral("properties")))
            continue;
        Interaction& interaction = validated.events[i];
        const QString path = QStringLiteral("eventList[%1]").arg(i);
        const PropertyMapper::Mapped mapped = mapper.map(
            path + QStringLiteral(".properties"), event.value(QStringLiteral("properties")).toString());
        interaction.properties = mapped.columns;
        if (mapped.legacyItemId) {
            if (!interaction.itemId.isEmpty() && interaction.itemId != *mapped.legacyItemId) {
                fail(QStringLiteral(
                         "Invalid value for parameter %1.properties: itemId \"%2\" differs from %1.itemId "
                         "\"%3\"; give it once")
                         .arg(path, *mapped.legacyItemId, interaction.itemId),
                     path + QStringLiteral(".properties"));
            }
            interaction.itemId = *mapped.legacyItemId;
        }
        if (mapped.legacyEventValue) {
            if (interaction.eventValue && *interaction.eventValue != *mapped.legacyEventValue) {
                fail(QStringLiteral("Invalid value for parameter %1.properties: eventValue %2 differs from "
                                    "%1.eventValue %3; give it once")
                         .arg(path)
                         .arg(*mapped.legacyEventValue)
                         .arg(*interaction.eventValue),
                     path + QStringLiteral(".properties"));
            }
            interaction.eventValue = mapped.legacyEventValue;
        }
    }
}

} // namespace footfall
