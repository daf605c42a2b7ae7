#pragma once

#include "JmesPathFunctions.h"

#include <QJsonValue>

namespace footfall {

class JmesPathNode;

// Applies a parsed JMESPath expression to a JSON value, as the specification defines each kind of
// node. Throws JmesPathError for a function call that breaks its signature or a slice step of 0.
class JmesPathEvaluator
{
public:
    // `memberOrder`: the order in which to visit an object's members (value projections, keys(),
    // values()); by default QJsonObject's sorted order.
    explicit JmesPathEvaluator(JmesPathFunctions::MemberOrder memberOrder = {});
    Q_DISABLE_COPY_MOVE(JmesPathEvaluator)

    QJsonValue evaluate(const JmesPathNode& node, const QJsonValue& value) const;
    // JMESPath's truth: false, null, "", [] and {} are false; everything else is true.
    static bool isTruthy(const QJsonValue& value);

private:
    static QJsonValue slice(const JmesPathNode& node, const QJsonArray& array);
    QJsonValue compare(const JmesPathNode& node, const QJsonValue& value) const;
    QJsonValue callFunction(const JmesPathNode& node, const QJsonValue& value) const;

    JmesPathFunctions::Context m_context;
};

} // namespace footfall
