#include "JmesPathNode.h"

namespace footfall {

JmesPathNode::JmesPathNode(Kind nodeKind)
    : kind(nodeKind)
{}

std::unique_ptr<JmesPathNode> JmesPathNode::make(Kind kind, std::unique_ptr<JmesPathNode> left,
                                                 std::unique_ptr<JmesPathNode> right)
{
    auto node = std::make_unique<JmesPathNode>(kind);
    if (left)
        node->children.push_back(std::move(left));
    if (right)
        node->children.push_back(std::move(right));
    return node;
}

} // namespace footfall
