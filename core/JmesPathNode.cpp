#include "JmesPathNode.h"

#include "JmesPathError.h"

#include <algorithm>

namespace footfall {

JmesPathNode::JmesPathNode(Kind nodeKind)
    : kind(nodeKind)
{}

std::unique_ptr<JmesPathNode> JmesPathNode::make(Kind kind, std::unique_ptr<JmesPathNode> left,
                                                 std::unique_ptr<JmesPathNode> right)
{
    auto node = std::make_unique<JmesPathNode>(kind);
    if (left)
        node->adopt(std::move(left));
    if (right)
        node->adopt(std::move(right));
    return node;
}

void JmesPathNode::adopt(std::unique_ptr<JmesPathNode> child)
{
    if (child->height + 1 > kMaxHeight) {
        throw JmesPathError(
            JmesPathError::Kind::Parse,
            QStringLiteral("Expression nested too deeply (more than %1 levels)").arg(kMaxHeight),
            child->position);
    }
    height = std::max(height, child->height + 1);
    children.push_back(std::move(child));
}

} // namespace footfall
