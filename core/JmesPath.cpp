#include "JmesPath.h"

#include "JmesPathEvaluator.h"
#include "JmesPathParser.h"

namespace footfall {

JmesPath::JmesPath(const QString& expression, std::shared_ptr<const JmesPathNode> root)
    : m_expression(expression)
    , m_root(std::move(root))
{}

JmesPath JmesPath::compile(const QString& expression)
{
    return JmesPath(expression, JmesPathParser(expression).parse());
}

QJsonValue JmesPath::search(const QJsonValue& value) const
{
    return JmesPathEvaluator::evaluate(*m_root, value);
}

} // namespace footfall
