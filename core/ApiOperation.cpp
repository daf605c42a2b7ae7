#include "ApiOperation.h"

#include "JsonInput.h"
#include "ServiceError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace footfall {

namespace {

QString typeName(ApiType type)
{
    switch (type) {
    case ApiType::String:
        return QStringLiteral("string");
    case ApiType::Integer:
        return QStringLiteral("integer");
    case ApiType::Boolean:
        return QStringLiteral("boolean");
    case ApiType::Structure:
        return QStringLiteral("object");
    case ApiType::List:
        return QStringLiteral("list");
    }
    return {};
}

bool hasType(const QJsonValue& value, ApiType type)
{
    switch (type) {
    case ApiType::String:
        return value.isString();
    case ApiType::Integer:
        return value.isDouble() && value.toDouble() == double(qint64(value.toDouble()));
    case ApiType::Boolean:
        return value.isBool();
    case ApiType::Structure:
        return value.isObject();
    case ApiType::List:
        return value.isArray();
    }
    return false;
}

} // namespace

QString ApiOperation::toKebabCase(const QString& camelCase)
{
    QString result;
    for (int i = 0; i < camelCase.size(); ++i) {
        const QChar c = camelCase.at(i);
        if (c.isUpper()) {
            const bool startsWord = i > 0 && (camelCase.at(i - 1).isLower() ||
                                              (i + 1 < camelCase.size() && camelCase.at(i + 1).isLower()));
            if (startsWord)
                result += QLatin1Char('-');
            result += c.toLower();
        } else {
            result += c;
        }
    }
    return result;
}

QString ApiMember::cliFlag() const
{
    return QStringLiteral("--") + ApiOperation::toKebabCase(name);
}

QString ApiOperation::cliName() const
{
    return toKebabCase(name);
}

const ApiMember* ApiOperation::member(const QString& memberName) const
{
    for (const ApiMember& candidate : members) {
        if (candidate.name == memberName)
            return &candidate;
    }
    return nullptr;
}

void ApiOperation::validateShape(const QJsonObject& input) const
{
    for (auto it = input.begin(); it != input.end(); ++it) {
        const ApiMember* declared = member(it.key());
        if (!declared) {
            QStringList names;
            for (const ApiMember& candidate : members)
                names << candidate.name;
            throw ServiceError::invalidInput(
                QStringLiteral("Unknown parameter in input: \"%1\", must be one of: %2")
                    .arg(it.key(), names.join(QStringLiteral(", "))));
        }
        if (!hasType(it.value(), declared->type)) {
            throw ServiceError::invalidInput(
                QStringLiteral("Invalid type for parameter %1, value: %2, valid type: %3")
                    .arg(it.key(), JsonInput::describe(it.value()), typeName(declared->type)));
        }
    }
    for (const ApiMember& candidate : members) {
        if (candidate.required && !input.contains(candidate.name)) {
            throw ServiceError::invalidInput(
                QStringLiteral("Missing required parameter in input: \"%1\"").arg(candidate.name));
        }
    }
}

} // namespace footfall
