#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <functional>

namespace footfall {

class JmesPathNode;

// JMESPath's built-in functions (abs ... values): each checks its arity and argument types as the
// specification says, and throws JmesPathError (UnknownFunction, InvalidArity, InvalidType) when
// a call breaks them.
class JmesPathFunctions
{
public:
    // An evaluated argument: a value, or an expression reference (&expr) still to be applied.
    struct Argument
    {
        QJsonValue value;
        const JmesPathNode* reference = nullptr;
    };
    // Applies an expression reference to a value.
    using Apply = std::function<QJsonValue(const JmesPathNode& expression, const QJsonValue& value)>;
    // An object's keys in the order its caller knows them (for the AWS CLI: the service model's);
    // empty: QJsonObject's sorted order.
    using MemberOrder = std::function<QStringList(const QJsonObject& object)>;
    struct Context
    {
        Apply apply;
        MemberOrder memberOrder;

        QStringList keysOf(const QJsonObject& object) const;
    };

    JmesPathFunctions() = delete;

    static QJsonValue call(const QString& name, const QList<Argument>& arguments, const Context& context);
    static QStringList names();
    // Throws UnknownFunction or InvalidArity unless `name` is a function that takes `count`
    // arguments: what can be known about a call before evaluating it.
    static void checkCall(const QString& name, qsizetype count);

    // JMESPath's name for the type of a value: "number", "string", "boolean", "array", "object", "null".
    static QString typeOf(const QJsonValue& value);
    // Python's compact JSON (separators "," and ":", non-ASCII escaped), as to_string writes it.
    static QString compactJson(const QJsonValue& value);
    // Orders strings by code point, as JMESPath (and Python) do.
    static int compareStrings(const QString& left, const QString& right);
};

} // namespace footfall
