#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

namespace footfall {

// One node of a parsed JMESPath expression. The meaning of `children` depends on the kind:
// binary kinds (Subexpression, IndexExpression, Pipe, Or, And, Comparator) have left and right;
// projections have left (what is projected) and right (what is applied to each element), and a
// filter projection has its condition third.
class JmesPathNode
{
public:
    enum class Kind
    {
        Field,           // name
        Current,         // @ (and the implicit left side of a leading projection)
        Literal,         // value
        Index,           // value: the integer index
        Slice,           // sliceStart, sliceStop, sliceStep
        Subexpression,   // left.right
        IndexExpression, // left[index]
        Projection,      // left[*].right, left[].right, left[slice].right
        ValueProjection, // left.*.right
        FilterProjection,
        Flatten, // child[]
        MultiSelectList,
        MultiSelectHash, // keys name the children
        Comparator,      // comparator
        Or,
        And,
        Not,
        Pipe,
        Function, // name, children are the arguments
        ExpressionReference
    };

    enum class ComparatorType
    {
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual
    };

    explicit JmesPathNode(Kind kind);
    Q_DISABLE_COPY_MOVE(JmesPathNode)

    static std::unique_ptr<JmesPathNode> make(Kind kind, std::unique_ptr<JmesPathNode> left = {},
                                              std::unique_ptr<JmesPathNode> right = {});

    const JmesPathNode& child(size_t index) const { return *children.at(index); }
    // Appends a child. Throws JmesPathError (Parse) once the tree would be more than kMaxHeight
    // nodes tall: evaluating, printing and freeing a tree all recurse through it.
    void adopt(std::unique_ptr<JmesPathNode> child);

    static constexpr int kMaxHeight = 256;
    // An index or slice bound as written, held within ±2^52: every list is shorter, so the result is
    // the same, and stepping through a list cannot overflow.
    static qint64 integerOf(double written)
    {
        constexpr double kLimit = 4503599627370496.0; // 2^52
        return qint64(std::clamp(written, -kLimit, kLimit));
    }

    Kind kind;
    QString name;
    QJsonValue value;
    std::optional<qint64> sliceStart;
    std::optional<qint64> sliceStop;
    std::optional<qint64> sliceStep;
    ComparatorType comparator = ComparatorType::Equal;
    QStringList keys;
    std::vector<std::unique_ptr<JmesPathNode>> children;
    qsizetype position = 0; // of the token that made the node, for messages
    int height = 1;         // this node and its tallest child's height
};

} // namespace footfall
