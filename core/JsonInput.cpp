#include "JsonInput.h"

#include "FieldRule.h"
#include "ServiceError.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace footfall::JsonInput {

QString childPath(const QString& parent, const QString& key)
{
    return parent.isEmpty() || parent == QLatin1String("input") ? key : parent + QLatin1Char('.') + key;
}

QString describe(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isNull())
        return QStringLiteral("null");
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::number(value.toDouble(), 'g', 17);
}

QString typeError(const QString& path, const QJsonValue& value, const QString& validType)
{
    return QStringLiteral("Invalid type for parameter %1, value: %2, valid type: %3")
        .arg(path, describe(value), validType);
}

QString textProblem(const QString& text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.unicode() == 0)
            return QStringLiteral("it has a NUL character (\\u0000) at character %1").arg(i + 1);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate()) {
            return QStringLiteral("it has an unpaired surrogate (\\u%1) at character %2, which is not "
                                  "Unicode text")
                .arg(c.unicode(), 4, 16, QLatin1Char('0'))
                .arg(i + 1);
        }
    }
    return {};
}

namespace {

[[noreturn]] void failText(const QString& path, const QString& problem)
{
    throw ServiceError::invalidInput(QStringLiteral("Invalid value for parameter %1: %2").arg(path, problem),
                                     path);
}

} // namespace

void rejectInvalidText(const QJsonValue& value, const QString& where)
{
    if (value.isString()) {
        const QString problem = textProblem(value.toString());
        if (!problem.isEmpty())
            failText(where, problem);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            rejectInvalidText(array.at(i), QStringLiteral("%1[%2]").arg(where).arg(i));
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString path = childPath(where, it.key());
            const QString keyProblem = textProblem(it.key());
            if (!keyProblem.isEmpty())
                failText(path, QStringLiteral("the member name: ") + keyProblem);
            rejectInvalidText(it.value(), path);
        }
    }
}

void rejectUnknown(const QJsonObject& object, const QStringList& allowed, const QString& where)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key())) {
            throw ServiceError::invalidInput(
                QStringLiteral("Unknown parameter in %1: \"%2\", must be one of: %3")
                    .arg(where, it.key(), allowed.join(QStringLiteral(", "))),
                childPath(where, it.key()));
        }
    }
}

void requireMembers(const QJsonObject& object, const QStringList& required, const QString& where)
{
    for (const QString& key : required) {
        if (!object.contains(key)) {
            throw ServiceError::invalidInput(
                QStringLiteral("Missing required parameter in %1: \"%2\"").arg(where, key),
                childPath(where, key));
        }
    }
}

std::optional<QString> string(const QJsonObject& object, const QString& key, const QString& path,
                              const FieldRule& rule)
{
    const auto found = object.constFind(key);
    if (found == object.constEnd())
        return std::nullopt;
    if (!found->isString())
        throw ServiceError::invalidInput(typeError(path, *found, QStringLiteral("string")), path);
    rule.enforce(path, found->toString());
    return found->toString();
}

} // namespace footfall::JsonInput
