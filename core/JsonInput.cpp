#include "JsonInput.h"

#include "FieldRule.h"
#include "ServiceError.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace footfall::JsonInput {

QString text(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

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
    return FieldRule::textProblem(text);
}

namespace {

[[noreturn]] void failText(const QString& path, const QString& problem)
{
    throw ServiceError::invalidInput(QStringLiteral("Invalid value for parameter %1: %2").arg(path, problem),
                                     path);
}

bool isPlainText(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() == 0 || c.isSurrogate())
            return false; // a closer look decides: a surrogate may be one of a pair
    }
    return true;
}

// Whether anything in `value` needs a closer look; builds no paths, for the requests (nearly all)
// that have nothing to refuse.
bool mayHaveInvalidText(const QJsonValue& value)
{
    if (value.isString())
        return !isPlainText(value.toString());
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(),
                           [](const QJsonValue& item) { return mayHaveInvalidText(item); });
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!isPlainText(it.key()) || mayHaveInvalidText(it.value()))
                return true;
        }
    }
    return false;
}

void rejectInvalidTextAt(const QJsonValue& value, const QString& where)
{
    if (value.isString()) {
        const QString problem = textProblem(value.toString());
        if (!problem.isEmpty())
            failText(where, problem);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            rejectInvalidTextAt(array.at(i), QStringLiteral("%1[%2]").arg(where).arg(i));
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString path = childPath(where, it.key());
            const QString keyProblem = textProblem(it.key());
            if (!keyProblem.isEmpty())
                failText(path, QStringLiteral("the member name: ") + keyProblem);
            rejectInvalidTextAt(it.value(), path);
        }
    }
}

} // namespace

void rejectInvalidText(const QJsonValue& value, const QString& where)
{
    if (mayHaveInvalidText(value))
        rejectInvalidTextAt(value, where);
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

std::optional<QJsonValue> anyValue(const QByteArray& json)
{
    // Wrapped in a list, which QJsonDocument parses whatever it holds; the newline keeps a
    // trailing line comment-free text from running into the bracket.
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray("[") + json + QByteArray("\n]"), &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return std::nullopt;
    return document.array().first();
}

} // namespace footfall::JsonInput
