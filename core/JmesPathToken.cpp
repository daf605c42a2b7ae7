#include "JmesPathToken.h"

namespace footfall {

int JmesPathToken::bindingPower() const
{
    switch (type) {
    case Type::Pipe:
        return 1;
    case Type::Or:
        return 2;
    case Type::And:
        return 3;
    case Type::Equal:
    case Type::NotEqual:
    case Type::Less:
    case Type::LessOrEqual:
    case Type::Greater:
    case Type::GreaterOrEqual:
        return 5;
    case Type::Flatten:
        return 9;
    case Type::Star:
        return 20;
    case Type::Filter:
        return 21;
    case Type::Dot:
        return 40;
    case Type::Not:
        return 45;
    case Type::LeftBrace:
        return 50;
    case Type::LeftBracket:
        return 55;
    case Type::LeftParen:
        return 60;
    default:
        return 0;
    }
}

QString JmesPathToken::describe() const
{
    switch (type) {
    case Type::UnquotedIdentifier:
    case Type::QuotedIdentifier:
        return QStringLiteral("identifier \"%1\"").arg(text);
    case Type::Number:
        return QStringLiteral("number %1").arg(text);
    case Type::Literal:
        return QStringLiteral("literal %1").arg(text);
    case Type::End:
        return QStringLiteral("end of expression");
    default:
        return QStringLiteral("'%1'").arg(text);
    }
}

} // namespace footfall
