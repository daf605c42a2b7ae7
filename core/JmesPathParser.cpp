#include "JmesPathParser.h"

#include "JmesPathError.h"
#include "JmesPathFunctions.h"
#include "JmesPathLexer.h"

#include <QScopeGuard>

namespace footfall {

namespace {

// Below this binding power a token ends the right-hand side of a projection.
constexpr int kProjectionStop = 10;

} // namespace

JmesPathParser::JmesPathParser(const QString& expression)
    : m_expression(expression)
{}

std::unique_ptr<JmesPathNode> JmesPathParser::parse()
{
    m_tokens = JmesPathLexer(m_expression).tokens();
    m_index = 0;
    Node result = expression(0);
    if (current().type != Type::End) {
        throw JmesPathError(JmesPathError::Kind::Parse,
                            QStringLiteral("Unexpected token: %1").arg(current().text), current().position);
    }
    return result;
}

const JmesPathToken& JmesPathParser::lookahead(int offset) const
{
    return m_tokens.at(qMin(m_index + offset, m_tokens.size() - 1));
}

void JmesPathParser::advance()
{
    if (m_index < m_tokens.size() - 1)
        ++m_index;
}

void JmesPathParser::expect(Type type)
{
    if (current().type != type) {
        static const QHash<Type, QString> spelled = {
            {Type::RightBracket, QStringLiteral("']'")}, {Type::RightParen, QStringLiteral("')'")},
            {Type::RightBrace, QStringLiteral("'}'")},   {Type::Colon, QStringLiteral("':'")},
            {Type::Number, QStringLiteral("a number")},  {Type::Star, QStringLiteral("'*'")}};
        fail(current(), spelled.value(type, QStringLiteral("another token")));
    }
    advance();
}

void JmesPathParser::fail(const JmesPathToken& token, const QString& expected) const
{
    if (token.type == Type::End)
        throw JmesPathError(JmesPathError::Kind::Parse, QStringLiteral("Incomplete expression"),
                            token.position);
    throw JmesPathError(JmesPathError::Kind::Parse,
                        QStringLiteral("Expecting %1, got %2").arg(expected, token.describe()),
                        token.position);
}

JmesPathParser::Node JmesPathParser::expression(int bindingPower)
{
    // Each nesting ("((", "[[", "!!") recurses here before any node is made.
    if (m_depth >= JmesPathNode::kMaxHeight) {
        throw JmesPathError(JmesPathError::Kind::Parse,
                            QStringLiteral("Expression nested too deeply (more than %1 levels)")
                                .arg(JmesPathNode::kMaxHeight),
                            current().position);
    }
    ++m_depth;
    const auto leave = qScopeGuard([this] { --m_depth; });
    const JmesPathToken first = current();
    advance();
    Node left = prefix(first);
    while (bindingPower < current().bindingPower()) {
        const JmesPathToken token = current();
        advance();
        left = infix(token, std::move(left));
    }
    return left;
}

JmesPathParser::Node JmesPathParser::prefix(const JmesPathToken& token)
{
    using Kind = JmesPathNode::Kind;
    Node node;
    switch (token.type) {
    case Type::UnquotedIdentifier:
    case Type::QuotedIdentifier:
        if (token.type == Type::QuotedIdentifier && current().type == Type::LeftParen) {
            throw JmesPathError(JmesPathError::Kind::Parse,
                                QStringLiteral("Quoted identifier not allowed for function names"),
                                current().position);
        }
        node = JmesPathNode::make(Kind::Field);
        node->name = token.text;
        break;
    case Type::Literal:
        node = JmesPathNode::make(Kind::Literal);
        node->value = token.value;
        break;
    case Type::Current:
        node = JmesPathNode::make(Kind::Current);
        break;
    case Type::Star:
        node = JmesPathNode::make(Kind::ValueProjection, JmesPathNode::make(Kind::Current),
                                  projectionRight(token.bindingPower()));
        break;
    case Type::Flatten:
        node = JmesPathNode::make(Kind::Projection,
                                  JmesPathNode::make(Kind::Flatten, JmesPathNode::make(Kind::Current)),
                                  projectionRight(token.bindingPower()));
        break;
    case Type::Filter:
        return infix(token, JmesPathNode::make(Kind::Current));
    case Type::LeftBracket:
        if (current().type == Type::Number || current().type == Type::Colon)
            return projectIfSlice(JmesPathNode::make(Kind::Current), indexExpression(token.position));
        if (current().type == Type::Star && lookahead(1).type == Type::RightBracket) {
            advance();
            advance();
            JmesPathToken star;
            star.type = Type::Star;
            node = JmesPathNode::make(Kind::Projection, JmesPathNode::make(Kind::Current),
                                      projectionRight(star.bindingPower()));
            break;
        }
        return multiSelectList(token.position);
    case Type::LeftBrace:
        return multiSelectHash(token.position);
    case Type::LeftParen:
        node = expression(0);
        expect(Type::RightParen);
        return node;
    case Type::Not:
        node = JmesPathNode::make(Kind::Not, expression(token.bindingPower()));
        break;
    case Type::Reference:
        node = JmesPathNode::make(Kind::ExpressionReference, expression(0));
        break;
    default:
        fail(token, QStringLiteral("an expression"));
    }
    node->position = token.position;
    return node;
}

JmesPathParser::Node JmesPathParser::infix(const JmesPathToken& token, Node left)
{
    using Kind = JmesPathNode::Kind;
    Node node;
    switch (token.type) {
    case Type::Dot:
        if (current().type == Type::Star) {
            const int power = token.bindingPower();
            advance();
            node = JmesPathNode::make(Kind::ValueProjection, std::move(left), projectionRight(power));
        } else {
            node = JmesPathNode::make(Kind::Subexpression, std::move(left), dotRight(token.bindingPower()));
        }
        break;
    case Type::Pipe:
        node = JmesPathNode::make(Kind::Pipe, std::move(left), expression(token.bindingPower()));
        break;
    case Type::Or:
        node = JmesPathNode::make(Kind::Or, std::move(left), expression(token.bindingPower()));
        break;
    case Type::And:
        node = JmesPathNode::make(Kind::And, std::move(left), expression(token.bindingPower()));
        break;
    case Type::LeftParen:
        return functionCall(std::move(left), token.position);
    case Type::Filter: {
        Node condition = expression(0);
        expect(Type::RightBracket);
        Node right = current().type == Type::Flatten ? JmesPathNode::make(Kind::Current)
                                                     : projectionRight(token.bindingPower());
        node = JmesPathNode::make(Kind::FilterProjection, std::move(left), std::move(right));
        node->adopt(std::move(condition));
        break;
    }
    case Type::Flatten:
        node = JmesPathNode::make(Kind::Projection, JmesPathNode::make(Kind::Flatten, std::move(left)),
                                  projectionRight(token.bindingPower()));
        break;
    case Type::Equal:
    case Type::NotEqual:
    case Type::Less:
    case Type::LessOrEqual:
    case Type::Greater:
    case Type::GreaterOrEqual: {
        node = JmesPathNode::make(Kind::Comparator, std::move(left), expression(token.bindingPower()));
        using Comparator = JmesPathNode::ComparatorType;
        static const QHash<Type, Comparator> comparators = {
            {Type::Equal, Comparator::Equal},     {Type::NotEqual, Comparator::NotEqual},
            {Type::Less, Comparator::Less},       {Type::LessOrEqual, Comparator::LessOrEqual},
            {Type::Greater, Comparator::Greater}, {Type::GreaterOrEqual, Comparator::GreaterOrEqual}};
        node->comparator = comparators.value(token.type);
        break;
    }
    case Type::LeftBracket:
        if (current().type == Type::Number || current().type == Type::Colon)
            return projectIfSlice(std::move(left), indexExpression(token.position));
        expect(Type::Star);
        expect(Type::RightBracket);
        {
            JmesPathToken star;
            star.type = Type::Star;
            node =
                JmesPathNode::make(Kind::Projection, std::move(left), projectionRight(star.bindingPower()));
        }
        break;
    default:
        fail(token, QStringLiteral("an operator"));
    }
    node->position = token.position;
    return node;
}

// After '[': an index "n]" or a slice "start:stop:step]".
JmesPathParser::Node JmesPathParser::indexExpression(qsizetype position)
{
    using Kind = JmesPathNode::Kind;
    if (current().type != Type::Colon && lookahead(1).type != Type::Colon) {
        Node index = JmesPathNode::make(Kind::Index);
        index->value = current().value;
        index->position = position;
        expect(Type::Number);
        expect(Type::RightBracket);
        return index;
    }
    Node slice = JmesPathNode::make(Kind::Slice);
    slice->position = position;
    std::optional<qint64>* parts[] = {&slice->sliceStart, &slice->sliceStop, &slice->sliceStep};
    int part = 0;
    while (current().type != Type::RightBracket) {
        if (current().type == Type::Colon) {
            if (++part > 2)
                fail(current(), QStringLiteral("']'"));
        } else if (current().type == Type::Number) {
            if (parts[part]->has_value())
                fail(current(), QStringLiteral("':' or ']'"));
            *parts[part] = JmesPathNode::integerOf(current().value.toDouble());
        } else {
            fail(current(), QStringLiteral("a number, ':' or ']'"));
        }
        advance();
    }
    advance();
    return slice;
}

JmesPathParser::Node JmesPathParser::projectIfSlice(Node left, Node right)
{
    using Kind = JmesPathNode::Kind;
    const bool slice = right->kind == Kind::Slice;
    Node indexed = JmesPathNode::make(Kind::IndexExpression, std::move(left), std::move(right));
    if (!slice)
        return indexed;
    JmesPathToken star;
    star.type = Type::Star;
    return JmesPathNode::make(Kind::Projection, std::move(indexed), projectionRight(star.bindingPower()));
}

JmesPathParser::Node JmesPathParser::projectionRight(int bindingPower)
{
    if (current().bindingPower() < kProjectionStop)
        return JmesPathNode::make(JmesPathNode::Kind::Current);
    if (current().type == Type::LeftBracket || current().type == Type::Filter)
        return expression(bindingPower);
    if (current().type == Type::Dot) {
        advance();
        return dotRight(bindingPower);
    }
    fail(current(), QStringLiteral("'.', '[' or '[?'"));
}

JmesPathParser::Node JmesPathParser::dotRight(int bindingPower)
{
    const JmesPathToken token = current();
    switch (token.type) {
    case Type::UnquotedIdentifier:
    case Type::QuotedIdentifier:
    case Type::Star:
        return expression(bindingPower);
    case Type::LeftBracket:
        advance();
        return multiSelectList(token.position);
    case Type::LeftBrace:
        advance();
        return multiSelectHash(token.position);
    default:
        fail(token, QStringLiteral("an identifier, '*', '[' or '{'"));
    }
}

// After '[': "expression, expression, ...]".
JmesPathParser::Node JmesPathParser::multiSelectList(qsizetype position)
{
    Node list = JmesPathNode::make(JmesPathNode::Kind::MultiSelectList);
    list->position = position;
    while (true) {
        list->adopt(expression(0));
        if (current().type == Type::RightBracket)
            break;
        if (current().type != Type::Comma)
            fail(current(), QStringLiteral("',' or ']'"));
        advance();
    }
    advance();
    return list;
}

// After '{': "key: expression, ...}".
JmesPathParser::Node JmesPathParser::multiSelectHash(qsizetype position)
{
    Node hash = JmesPathNode::make(JmesPathNode::Kind::MultiSelectHash);
    hash->position = position;
    while (true) {
        const JmesPathToken key = current();
        if (key.type != Type::UnquotedIdentifier && key.type != Type::QuotedIdentifier)
            fail(key, QStringLiteral("an identifier"));
        advance();
        expect(Type::Colon);
        hash->keys << key.text;
        hash->adopt(expression(0));
        if (current().type == Type::RightBrace)
            break;
        if (current().type != Type::Comma)
            fail(current(), QStringLiteral("',' or '}'"));
        advance();
    }
    advance();
    return hash;
}

// After "name(": "argument, ...)".
JmesPathParser::Node JmesPathParser::functionCall(Node name, qsizetype position)
{
    if (name->kind != JmesPathNode::Kind::Field)
        throw JmesPathError(JmesPathError::Kind::Parse, QStringLiteral("Invalid function name"), position);
    Node call = JmesPathNode::make(JmesPathNode::Kind::Function);
    call->name = name->name;
    call->position = name->position;
    while (current().type != Type::RightParen) {
        call->adopt(expression(0));
        if (current().type == Type::Comma) {
            advance();
            if (current().type == Type::RightParen)
                fail(current(), QStringLiteral("an expression"));
        } else if (current().type != Type::RightParen) {
            fail(current(), QStringLiteral("',' or ')'"));
        }
    }
    try {
        JmesPathFunctions::checkCall(call->name, qsizetype(call->children.size()));
    } catch (const JmesPathError& error) {
        throw JmesPathError(error.kind(), error.message(), call->position);
    }
    advance();
    return call;
}

} // namespace footfall
