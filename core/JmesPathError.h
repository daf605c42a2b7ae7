#pragma once

#include <QString>

#include <stdexcept>

namespace footfall {

// Why a JMESPath expression could not be compiled or evaluated. The kinds are the ones the
// JMESPath specification names; `position` is the character offset in the expression (for lexer
// and parse errors) or -1 when the error arose during evaluation.
class JmesPathError : public std::runtime_error
{
public:
    enum class Kind
    {
        Lexer,
        Parse,
        InvalidType,
        InvalidValue,
        UnknownFunction,
        InvalidArity
    };

    JmesPathError(Kind kind, const QString& message, qsizetype position = -1);

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }
    qsizetype position() const { return m_position; }
    // "lexer", "parse", "invalid-type", ...: the kind as the specification spells it.
    QString kindName() const;

private:
    Kind m_kind;
    QString m_message;
    qsizetype m_position;
};

} // namespace footfall
