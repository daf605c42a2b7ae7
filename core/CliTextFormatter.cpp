#include "CliTextFormatter.h"

#include "CliJsonWriter.h"

#include <QJsonArray>
#include <QJsonObject>

#include <set>

namespace footfall {

namespace {

bool isScalar(const QJsonValue& value)
{
    return !value.isArray() && !value.isObject();
}

} // namespace

QString CliTextFormatter::format(const QJsonValue& value)
{
    QString out;
    formatValue(value, {}, std::nullopt, out);
    return out;
}

QString CliTextFormatter::scalarText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return CliJsonWriter::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Array:
    case QJsonValue::Object:
        return CliJsonWriter::indented(value).trimmed();
    default:
        return QStringLiteral("None");
    }
}

void CliTextFormatter::formatValue(const QJsonValue& value, const QString& identifier,
                                   const std::optional<QStringList>& scalarKeys, QString& out)
{
    if (value.isObject())
        formatObject(value.toObject(), identifier, scalarKeys, out);
    else if (value.isArray())
        formatList(value.toArray(), identifier, out);
    else
        out += scalarText(value) + QLatin1Char('\n');
}

void CliTextFormatter::formatList(const QJsonArray& list, const QString& identifier, QString& out)
{
    if (list.isEmpty())
        return;
    const bool hasObjects =
        std::any_of(list.begin(), list.end(), [](const QJsonValue& v) { return v.isObject(); });
    if (hasObjects) {
        // Objects in one list share their columns: every scalar key any of them has.
        std::set<QString> keys;
        for (const QJsonValue& element : list) {
            const QJsonObject object = element.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (isScalar(it.value()))
                    keys.insert(it.key());
            }
        }
        const QStringList columns(keys.begin(), keys.end());
        for (const QJsonValue& element : list)
            formatValue(element, identifier, columns, out);
        return;
    }
    const bool hasLists =
        std::any_of(list.begin(), list.end(), [](const QJsonValue& v) { return v.isArray(); });
    QList<QJsonValue> scalars;
    QList<QJsonValue> lists;
    for (const QJsonValue& element : list)
        (isScalar(element) ? scalars : lists) << element;
    if (!scalars.isEmpty() || !hasLists)
        formatScalarList(scalars, identifier, out);
    for (const QJsonValue& inner : lists)
        formatValue(inner, identifier, std::nullopt, out);
}

void CliTextFormatter::formatObject(const QJsonObject& object, const QString& identifier,
                                    const std::optional<QStringList>& scalarKeys, QString& out)
{
    QStringList line;
    QList<QPair<QString, QJsonValue>> nested;
    if (!scalarKeys) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (isScalar(it.value()))
                line << scalarText(it.value());
            else
                nested.append({it.key(), it.value()});
        }
    } else {
        for (const QString& key : *scalarKeys)
            line << (object.contains(key) ? scalarText(object.value(key)) : QString());
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!scalarKeys->contains(it.key()))
                nested.append({it.key(), it.value()});
        }
    }
    if (!line.isEmpty()) {
        if (!identifier.isEmpty())
            line.prepend(identifier.toUpper());
        out += line.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    for (const auto& [key, value] : nested)
        formatValue(value, key, std::nullopt, out);
}

void CliTextFormatter::formatScalarList(const QList<QJsonValue>& scalars, const QString& identifier,
                                        QString& out)
{
    if (!identifier.isEmpty()) {
        for (const QJsonValue& scalar : scalars)
            out += identifier.toUpper() + QLatin1Char('\t') + scalarText(scalar) + QLatin1Char('\n');
        return;
    }
    QStringList texts;
    for (const QJsonValue& scalar : scalars)
        texts << scalarText(scalar);
    out += texts.join(QLatin1Char('\t')) + QLatin1Char('\n');
}

} // namespace footfall
