#pragma once

#include "JmesPathNode.h"
#include "JmesPathToken.h"

#include <QList>
#include <QString>

#include <memory>

namespace footfall {

// A top-down operator precedence parser for JMESPath: tokens in, a tree of JmesPathNode out.
// Throws JmesPathError (Lexer or Parse) with the position of the offending token.
class JmesPathParser
{
public:
    explicit JmesPathParser(const QString& expression);
    Q_DISABLE_COPY_MOVE(JmesPathParser)

    std::unique_ptr<JmesPathNode> parse();

private:
    using Node = std::unique_ptr<JmesPathNode>;
    using Type = JmesPathToken::Type;

    Node expression(int bindingPower);
    Node prefix(const JmesPathToken& token);
    Node infix(const JmesPathToken& token, Node left);
    Node indexExpression(qsizetype position);
    Node projectIfSlice(Node left, Node right);
    Node projectionRight(int bindingPower);
    Node dotRight(int bindingPower);
    Node multiSelectList(qsizetype position);
    Node multiSelectHash(qsizetype position);
    Node functionCall(Node name, qsizetype position);

    const JmesPathToken& current() const { return m_tokens.at(m_index); }
    const JmesPathToken& lookahead(int offset) const;
    void advance();
    void expect(Type type);
    [[noreturn]] void fail(const JmesPathToken& token, const QString& expected) const;

    const QString m_expression;
    QList<JmesPathToken> m_tokens;
    qsizetype m_index = 0;
    int m_depth = 0; // expression() calls open, for the nesting limit
};

} // namespace footfall
