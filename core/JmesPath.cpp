#include "JmesPath.h"

#include "JmesPathEvaluator.h"
#include "JmesPathParser.h"

#include <functional>

namespace footfall {

JmesPath::JmesPath(const QString& expression, std::shared_ptr<const JmesPathNode> root)
    : m_expression(expression)
    , m_root(std::move(root))
{}

JmesPath JmesPath::compile(const QString& expression)
{
    return JmesPath(expression, JmesPathParser(expression).parse());
}

QJsonValue JmesPath::search(const QJsonValue& value, const JmesPathFunctions::MemberOrder& memberOrder) const
{
    return JmesPathEvaluator(memberOrder).evaluate(*m_root, value);
}

QList<QStringList> JmesPath::hashKeyOrders() const
{
    QList<QStringList> orders;
    std::function<void(const JmesPathNode&)> visit = [&](const JmesPathNode& node) {
        if (node.kind == JmesPathNode::Kind::MultiSelectHash)
            orders << node.keys;
        for (const auto& child : node.children)
            visit(*child);
    };
    visit(*m_root);
    return orders;
}

} // namespace footfall
