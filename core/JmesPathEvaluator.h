#pragma once

#include <QJsonValue>

namespace footfall {

class JmesPathNode;

// Applies a parsed JMESPath expression to a JSON value, as the specification defines each kind of
// node. Throws JmesPathError for a function call that breaks its signature or a slice step of 0.
class JmesPathEvaluator
{
public:
    JmesPathEvaluator() = delete;

    static QJsonValue evaluate(const JmesPathNode& node, const QJsonValue& value);
    // JMESPath's truth: false, null, "", [] and {} are false; everything else is true.
    static bool isTruthy(const QJsonValue& value);

private:
    static QJsonValue slice(const JmesPathNode& node, const QJsonArray& array);
    static QJsonValue compare(const JmesPathNode& node, const QJsonValue& value);
    static QJsonValue callFunction(const JmesPathNode& node, const QJsonValue& value);
};

} // namespace footfall
