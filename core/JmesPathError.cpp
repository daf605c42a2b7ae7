#include "JmesPathError.h"

namespace footfall {

JmesPathError::JmesPathError(Kind kind, const QString& message, qsizetype position)
    : std::runtime_error(message.toStdString())
    , m_kind(kind)
    , m_message(message)
    , m_position(position)
{}

QString JmesPathError::kindName() const
{
    switch (m_kind) {
    case Kind::Lexer:
        return QStringLiteral("lexer");
    case Kind::Parse:
        return QStringLiteral("parse");
    case Kind::InvalidType:
        return QStringLiteral("invalid-type");
    case Kind::InvalidValue:
        return QStringLiteral("invalid-value");
    case Kind::UnknownFunction:
        return QStringLiteral("unknown-function");
    case Kind::InvalidArity:
        return QStringLiteral("invalid-arity");
    }
    return {};
}

} // namespace footfall
