#include "JmesPathEvaluator.h"

#include "JmesPathError.h"
#include "JmesPathNode.h"

#include <QJsonArray>
#include <QJsonObject>

namespace footfall {

JmesPathEvaluator::JmesPathEvaluator(JmesPathFunctions::MemberOrder memberOrder)
{
    m_context.apply = [this](const JmesPathNode& node, const QJsonValue& value) {
        return evaluate(node, value);
    };
    m_context.memberOrder = std::move(memberOrder);
}

bool JmesPathEvaluator::isTruthy(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
        return !value.toArray().isEmpty();
    case QJsonValue::Object:
        return !value.toObject().isEmpty();
    case QJsonValue::Double:
        return true;
    default:
        return false;
    }
}

QJsonValue JmesPathEvaluator::evaluate(const JmesPathNode& node, const QJsonValue& value) const
{
    using Kind = JmesPathNode::Kind;
    switch (node.kind) {
    case Kind::Field: {
        // A missing member is null (QJsonObject answers Undefined).
        const QJsonValue member = value.isObject() ? value.toObject().value(node.name) : QJsonValue();
        return member.isUndefined() ? QJsonValue(QJsonValue::Null) : member;
    }
    case Kind::Current:
        return value;
    case Kind::Literal:
        return node.value;
    case Kind::Index: {
        if (!value.isArray())
            return QJsonValue::Null;
        const QJsonArray array = value.toArray();
        qint64 index = JmesPathNode::integerOf(node.value.toDouble());
        if (index < 0)
            index += array.size();
        return index >= 0 && index < array.size() ? array.at(index) : QJsonValue(QJsonValue::Null);
    }
    case Kind::Slice:
        return value.isArray() ? slice(node, value.toArray()) : QJsonValue(QJsonValue::Null);
    case Kind::Subexpression:
    case Kind::IndexExpression:
    case Kind::Pipe:
        return evaluate(node.child(1), evaluate(node.child(0), value));
    case Kind::Projection:
    case Kind::FilterProjection: {
        const QJsonValue base = evaluate(node.child(0), value);
        if (!base.isArray())
            return QJsonValue::Null;
        QJsonArray collected;
        for (const QJsonValue& element : base.toArray()) {
            if (node.kind == Kind::FilterProjection && !isTruthy(evaluate(node.child(2), element)))
                continue;
            const QJsonValue projected = evaluate(node.child(1), element);
            if (!projected.isNull())
                collected.append(projected);
        }
        return collected;
    }
    case Kind::ValueProjection: {
        const QJsonValue base = evaluate(node.child(0), value);
        if (!base.isObject())
            return QJsonValue::Null;
        QJsonArray collected;
        const QJsonObject object = base.toObject();
        for (const QString& key : m_context.keysOf(object)) {
            const QJsonValue projected = evaluate(node.child(1), object.value(key));
            if (!projected.isNull())
                collected.append(projected);
        }
        return collected;
    }
    case Kind::Flatten: {
        const QJsonValue base = evaluate(node.child(0), value);
        if (!base.isArray())
            return QJsonValue::Null;
        QJsonArray flattened;
        for (const QJsonValue& element : base.toArray()) {
            if (element.isArray()) {
                for (const QJsonValue& inner : element.toArray())
                    flattened.append(inner);
            } else {
                flattened.append(element);
            }
        }
        return flattened;
    }
    case Kind::MultiSelectList: {
        if (value.isNull())
            return QJsonValue::Null;
        QJsonArray selected;
        for (const auto& child : node.children)
            selected.append(evaluate(*child, value));
        return selected;
    }
    case Kind::MultiSelectHash: {
        if (value.isNull())
            return QJsonValue::Null;
        QJsonObject selected;
        for (size_t i = 0; i < node.children.size(); ++i)
            selected.insert(node.keys.at(qsizetype(i)), evaluate(node.child(i), value));
        return selected;
    }
    case Kind::Comparator:
        return compare(node, value);
    case Kind::Or: {
        const QJsonValue left = evaluate(node.child(0), value);
        return isTruthy(left) ? left : evaluate(node.child(1), value);
    }
    case Kind::And: {
        const QJsonValue left = evaluate(node.child(0), value);
        return isTruthy(left) ? evaluate(node.child(1), value) : left;
    }
    case Kind::Not:
        return !isTruthy(evaluate(node.child(0), value));
    case Kind::Function:
        return callFunction(node, value);
    case Kind::ExpressionReference:
        // Only a function's argument can use a reference; anywhere else it has no JSON value.
        return QJsonValue::Null;
    }
    return QJsonValue::Null;
}

QJsonValue JmesPathEvaluator::slice(const JmesPathNode& node, const QJsonArray& array)
{
    const qint64 length = array.size();
    const qint64 step = node.sliceStep.value_or(1);
    if (step == 0)
        throw JmesPathError(JmesPathError::Kind::InvalidValue, QStringLiteral("slice step cannot be zero"),
                            node.position);
    // Python's slice rules: negative bounds count from the end, then clamp to the array.
    auto bound = [&](const std::optional<qint64>& given, qint64 whenAbsent) {
        if (!given)
            return whenAbsent;
        qint64 index = *given;
        if (index < 0) {
            index += length;
            if (index < 0)
                index = step < 0 ? -1 : 0;
        } else if (index >= length) {
            index = step < 0 ? length - 1 : length;
        }
        return index;
    };
    const qint64 start = bound(node.sliceStart, step < 0 ? length - 1 : 0);
    const qint64 stop = bound(node.sliceStop, step < 0 ? -1 : length);
    QJsonArray sliced;
    if (step > 0) {
        for (qint64 i = start; i < stop; i += step)
            sliced.append(array.at(i));
    } else {
        for (qint64 i = start; i > stop; i += step)
            sliced.append(array.at(i));
    }
    return sliced;
}

QJsonValue JmesPathEvaluator::compare(const JmesPathNode& node, const QJsonValue& value) const
{
    using Comparator = JmesPathNode::ComparatorType;
    const QJsonValue left = evaluate(node.child(0), value);
    const QJsonValue right = evaluate(node.child(1), value);
    if (node.comparator == Comparator::Equal)
        return left == right;
    if (node.comparator == Comparator::NotEqual)
        return left != right;
    int order = 0;
    if (left.isDouble() && right.isDouble()) {
        const double l = left.toDouble();
        const double r = right.toDouble();
        order = l < r ? -1 : (l > r ? 1 : 0);
    } else if (left.isString() && right.isString()) {
        order = JmesPathFunctions::compareStrings(left.toString(), right.toString());
    } else {
        return QJsonValue::Null; // ordering is defined for numbers (and strings) only
    }
    switch (node.comparator) {
    case Comparator::Less:
        return order < 0;
    case Comparator::LessOrEqual:
        return order <= 0;
    case Comparator::Greater:
        return order > 0;
    case Comparator::GreaterOrEqual:
        return order >= 0;
    default:
        return QJsonValue::Null;
    }
}

QJsonValue JmesPathEvaluator::callFunction(const JmesPathNode& node, const QJsonValue& value) const
{
    QList<JmesPathFunctions::Argument> arguments;
    for (const auto& child : node.children) {
        if (child->kind == JmesPathNode::Kind::ExpressionReference)
            arguments.append({QJsonValue(), &child->child(0)});
        else
            arguments.append({evaluate(*child, value), nullptr});
    }
    try {
        return JmesPathFunctions::call(node.name, arguments, m_context);
    } catch (const JmesPathError& error) {
        if (error.position() >= 0)
            throw;
        throw JmesPathError(error.kind(), error.message(), node.position);
    }
}

} // namespace footfall
