#include "PropertyMapper.h"

#include "JsonInput.h"
#include "ServiceError.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace footfall {

namespace {

QString normalized(const QString& key)
{
    QString result = key.toLower();
    result.remove(QLatin1Char('_'));
    return result;
}

const QStringList& refusedInteractionKeys()
{
    static const QStringList keys = {QStringLiteral("userId"),           QStringLiteral("sessionId"),
                                     QStringLiteral("eventType"),        QStringLiteral("timestamp"),
                                     QStringLiteral("recommendationId"), QStringLiteral("impression")};
    return keys;
}

QString jsonText(const QJsonValue& value)
{
    if (value.isString())
        return QStringLiteral("\"%1\"").arg(value.toString());
    if (value.isObject() || value.isArray()) {
        return QString::fromUtf8(value.isObject()
                                     ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                     : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    if (value.isNull())
        return QStringLiteral("null");
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::number(value.toDouble(), 'g', 17);
}

} // namespace

PropertyMapper::PropertyMapper(const AvroSchema& schema, DatasetType type)
    : m_type(type)
{
    QStringList skipped = AvroSchema::requiredFieldNames(type);
    if (type == DatasetType::Interactions)
        skipped = AvroSchema::reservedFieldNames(type);
    for (const SchemaField& field : schema.fields()) {
        if (skipped.contains(field.name))
            continue;
        m_byNormalizedKey.insert(normalized(field.name), int(m_keys.size()));
        m_keys.append({camelCase(field.name), field});
    }
}

QString PropertyMapper::camelCase(const QString& column)
{
    QString result;
    bool upperNext = false;
    for (const QChar c : column) {
        if (c == QLatin1Char('_')) {
            upperNext = !result.isEmpty();
            continue;
        }
        result += upperNext ? c.toUpper() : c.toLower();
        upperNext = false;
    }
    return result;
}

QList<QPair<QString, SchemaField>> PropertyMapper::keys() const
{
    return m_keys;
}

std::optional<SchemaField> PropertyMapper::fieldForKey(const QString& key) const
{
    const auto found = m_byNormalizedKey.constFind(normalized(key));
    if (found == m_byNormalizedKey.constEnd())
        return std::nullopt;
    return m_keys.at(*found).second;
}

std::optional<QJsonValue> PropertyMapper::coerce(const SchemaField& field, const QJsonValue& value)
{
    if (value.isNull())
        return field.nullable ? std::optional<QJsonValue>(QJsonValue::Null) : std::nullopt;
    const QString& type = field.type;
    if (type == QLatin1String("string")) {
        if (value.isString())
            return value;
        return std::nullopt;
    }
    if (type == QLatin1String("boolean")) {
        if (value.isBool())
            return value;
        if (value.isString() &&
            (value.toString() == QLatin1String("true") || value.toString() == QLatin1String("false")))
            return QJsonValue(value.toString() == QLatin1String("true"));
        return std::nullopt;
    }
    double number = 0;
    if (value.isDouble()) {
        number = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        number = value.toString().trimmed().toDouble(&ok);
        if (!ok || value.toString().trimmed().isEmpty())
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(number))
        return std::nullopt;
    if (type == QLatin1String("int") || type == QLatin1String("long")) {
        if (number != std::floor(number))
            return std::nullopt;
        const double limit = type == QLatin1String("int") ? 2147483648.0 : 9223372036854775808.0;
        if (number >= limit || number < -limit)
            return std::nullopt;
        return QJsonValue(qint64(number));
    }
    return QJsonValue(number);
}

PropertyMapper::Mapped PropertyMapper::map(const QString& path, const QString& propertiesText) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(propertiesText.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString reason =
            parseError.error != QJsonParseError::NoError
                ? QStringLiteral("%1 at character %2").arg(parseError.errorString()).arg(parseError.offset)
                : QStringLiteral("it must be a JSON object such as {\"numRatings\": 3}");
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter %1: Error parsing properties json: %2")
                .arg(path, reason),
            path);
    }
    Mapped mapped;
    const QJsonObject object = document.object();
    JsonInput::rejectInvalidText(object, path);
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString& key = it.key();
        const QString keyPath = path + QLatin1Char('.') + key;
        if (m_type == DatasetType::Interactions) {
            for (const QString& refused : refusedInteractionKeys()) {
                if (key.compare(refused, Qt::CaseInsensitive) == 0) {
                    throw ServiceError::invalidInput(
                        QStringLiteral(
                            "Invalid value for parameter %1: the key \"%2\" is not allowed in properties "
                            "(userId, sessionId, eventType, timestamp, recommendationId and impression "
                            "are fields of the request or the event itself)")
                            .arg(path, key),
                        path);
                }
            }
            if (key.compare(QLatin1String("itemId"), Qt::CaseInsensitive) == 0) {
                if (!it.value().isString() || it.value().toString().isEmpty() ||
                    it.value().toString().size() > 256) {
                    throw ServiceError::invalidInput(
                        QStringLiteral(
                            "Invalid value for parameter %1: %2 is not an item ID (a string of 1-256 "
                            "characters)")
                            .arg(keyPath, jsonText(it.value())),
                        path);
                }
                mapped.legacyItemId = it.value().toString();
                continue;
            }
            if (key.compare(QLatin1String("eventValue"), Qt::CaseInsensitive) == 0) {
                const auto number = coerce(
                    {QStringLiteral("EVENT_VALUE"), QStringLiteral("float"), false, false}, it.value());
                if (!number) {
                    throw ServiceError::invalidInput(
                        QStringLiteral("Invalid value for parameter %1: %2 is not a number")
                            .arg(keyPath, jsonText(it.value())),
                        path);
                }
                mapped.legacyEventValue = number->toDouble();
                continue;
            }
        }
        const auto field = fieldForKey(key);
        if (!field) {
            QStringList known;
            for (const auto& entry : m_keys)
                known << QStringLiteral("%1 (%2)").arg(entry.first, entry.second.name);
            const QString typeName = DatasetTypes::name(m_type);
            throw ServiceError::invalidInput(
                known.isEmpty()
                    ? QStringLiteral(
                          "Invalid value for parameter %1: unknown key \"%2\"; the %3 schema has no "
                          "metadata columns, so properties must be empty")
                          .arg(path, key, typeName)
                    : QStringLiteral(
                          "Invalid value for parameter %1: unknown key \"%2\"; the %3 schema's columns "
                          "are: %4")
                          .arg(path, key, typeName, known.join(QStringLiteral(", "))),
                path);
        }
        const auto value = coerce(*field, it.value());
        if (!value) {
            throw ServiceError::invalidInput(
                QStringLiteral("Invalid value for parameter %1: %2 is not a valid %3%4 (column %5)")
                    .arg(keyPath, jsonText(it.value()), field->type,
                         field->nullable ? QStringLiteral(" or null") : QString(), field->name),
                path);
        }
        if (field->categorical && value->isString() && value->toString().size() > 1000) {
            throw ServiceError::invalidInput(
                QStringLiteral(
                    "Invalid length for parameter %1, value: %2, valid max length: 1000 (categorical values)")
                    .arg(keyPath)
                    .arg(value->toString().size()),
                path);
        }
        mapped.columns.insert(field->name, *value);
    }
    return mapped;
}

} // namespace footfall
