#pragma once

#include <QJsonValue>
#include <QString>

namespace footfall {

// One token of a JMESPath expression, as JmesPathLexer reads it.
struct JmesPathToken
{
    enum class Type
    {
        UnquotedIdentifier,
        QuotedIdentifier,
        Number,
        Literal, // `json` and 'raw string' both; `value` holds the JSON value
        Dot,
        Star,
        Flatten, // []
        Filter,  // [?
        LeftBracket,
        RightBracket,
        LeftBrace,
        RightBrace,
        LeftParen,
        RightParen,
        Comma,
        Colon,
        Pipe,
        Or,
        And,
        Not,
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Current,   // @
        Reference, // &
        End
    };

    Type type = Type::End;
    QString text;     // identifiers: the name; otherwise the source text
    QJsonValue value; // literals: the value; numbers: the integer
    qsizetype position = 0;

    // How strongly the token binds as an infix operator (0: it does not).
    int bindingPower() const;
    // A short name for messages: "identifier", "']'", "end of expression".
    QString describe() const;
};

} // namespace footfall
