#pragma once

#include "JmesPathToken.h"

#include <QList>
#include <QString>

namespace footfall {

// Splits a JMESPath expression into tokens; throws JmesPathError(Lexer) on a character or a
// literal it cannot read. The last token is always End.
class JmesPathLexer
{
public:
    explicit JmesPathLexer(const QString& expression);
    Q_DISABLE_COPY_MOVE(JmesPathLexer)

    QList<JmesPathToken> tokens();

private:
    JmesPathToken quotedIdentifier();
    JmesPathToken rawString();
    JmesPathToken jsonLiteral();
    JmesPathToken number();
    JmesPathToken identifier();
    // The text up to the closing `delimiter` (a backslash escapes the next character); the
    // position is left after the delimiter.
    QString delimited(QChar delimiter);
    JmesPathToken token(JmesPathToken::Type type, qsizetype start) const;
    bool next(QChar c) const { return m_position < m_expression.size() && m_expression.at(m_position) == c; }

    const QString m_expression;
    qsizetype m_position = 0;
};

} // namespace footfall
