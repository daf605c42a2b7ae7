#include "JmesPathLexer.h"

#include "JmesPathError.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace footfall {

namespace {

using Type = JmesPathToken::Type;

// One JSON value of any type (QJsonDocument reads only objects and arrays at the top).
bool parseJsonValue(const QString& text, QJsonValue& value)
{
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return false;
    value = document.array().first();
    return true;
}

// Qt's JSON reader lets some invalid escapes through; JMESPath's quoted identifiers are strict.
bool hasJsonEscapesOnly(const QString& content)
{
    for (qsizetype i = 0; i < content.size(); ++i) {
        if (content.at(i) != QLatin1Char('\\'))
            continue;
        if (++i >= content.size())
            return false;
        const QChar escaped = content.at(i);
        if (escaped == QLatin1Char('u')) {
            bool ok = false;
            content.mid(i + 1, 4).toUInt(&ok, 16);
            if (!ok || i + 4 >= content.size())
                return false;
            i += 4;
        } else if (!QStringLiteral("\"\\/bfnrt").contains(escaped)) {
            return false;
        }
    }
    return true;
}

QString withoutLeadingSpace(const QString& text)
{
    qsizetype start = 0;
    while (start < text.size() && text.at(start).isSpace())
        ++start;
    return text.mid(start);
}

bool isIdentifierStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

} // namespace

JmesPathLexer::JmesPathLexer(const QString& expression)
    : m_expression(expression)
{}

JmesPathToken JmesPathLexer::token(JmesPathToken::Type type, qsizetype start) const
{
    JmesPathToken result;
    result.type = type;
    result.position = start;
    result.text = m_expression.mid(start, m_position - start);
    return result;
}

QList<JmesPathToken> JmesPathLexer::tokens()
{
    QList<JmesPathToken> result;
    // Single characters that are a token by themselves.
    static const QList<QPair<QChar, Type>> singles = {
        {QLatin1Char('.'), Type::Dot},        {QLatin1Char('*'), Type::Star},
        {QLatin1Char(','), Type::Comma},      {QLatin1Char(':'), Type::Colon},
        {QLatin1Char('@'), Type::Current},    {QLatin1Char('('), Type::LeftParen},
        {QLatin1Char(')'), Type::RightParen}, {QLatin1Char('{'), Type::LeftBrace},
        {QLatin1Char('}'), Type::RightBrace}, {QLatin1Char(']'), Type::RightBracket}};
    while (m_position < m_expression.size()) {
        const QChar c = m_expression.at(m_position);
        const qsizetype start = m_position;
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
            c == QLatin1Char('\r')) {
            ++m_position;
            continue;
        }
        bool single = false;
        for (const auto& [character, type] : singles) {
            if (c == character) {
                ++m_position;
                result << token(type, start);
                single = true;
                break;
            }
        }
        if (single)
            continue;
        // A character that may start a two-character token.
        auto pair = [&](QChar second, Type both, Type alone) {
            ++m_position;
            if (next(second)) {
                ++m_position;
                return token(both, start);
            }
            return token(alone, start);
        };
        if (c == QLatin1Char('[')) {
            ++m_position;
            if (next(QLatin1Char(']'))) {
                ++m_position;
                result << token(Type::Flatten, start);
            } else if (next(QLatin1Char('?'))) {
                ++m_position;
                result << token(Type::Filter, start);
            } else {
                result << token(Type::LeftBracket, start);
            }
        } else if (c == QLatin1Char('|')) {
            result << pair(QLatin1Char('|'), Type::Or, Type::Pipe);
        } else if (c == QLatin1Char('&')) {
            result << pair(QLatin1Char('&'), Type::And, Type::Reference);
        } else if (c == QLatin1Char('!')) {
            result << pair(QLatin1Char('='), Type::NotEqual, Type::Not);
        } else if (c == QLatin1Char('<')) {
            result << pair(QLatin1Char('='), Type::LessOrEqual, Type::Less);
        } else if (c == QLatin1Char('>')) {
            result << pair(QLatin1Char('='), Type::GreaterOrEqual, Type::Greater);
        } else if (c == QLatin1Char('=')) {
            ++m_position;
            if (!next(QLatin1Char('=')))
                throw JmesPathError(JmesPathError::Kind::Lexer, QStringLiteral("Unknown token '='"), start);
            ++m_position;
            result << token(Type::Equal, start);
        } else if (c == QLatin1Char('"')) {
            result << quotedIdentifier();
        } else if (c == QLatin1Char('\'')) {
            result << rawString();
        } else if (c == QLatin1Char('`')) {
            result << jsonLiteral();
        } else if (c == QLatin1Char('-') || isDigit(c)) {
            result << number();
        } else if (isIdentifierStart(c)) {
            result << identifier();
        } else {
            throw JmesPathError(JmesPathError::Kind::Lexer, QStringLiteral("Unknown token '%1'").arg(c),
                                start);
        }
    }
    JmesPathToken end;
    end.type = Type::End;
    end.position = m_expression.size();
    result << end;
    return result;
}

QString JmesPathLexer::delimited(QChar delimiter)
{
    const qsizetype start = m_position;
    ++m_position; // the opening delimiter
    QString text;
    while (true) {
        if (m_position >= m_expression.size()) {
            throw JmesPathError(JmesPathError::Kind::Lexer,
                                QStringLiteral("Unclosed %1 delimiter").arg(delimiter), start);
        }
        const QChar c = m_expression.at(m_position);
        if (c == delimiter)
            break;
        if (c == QLatin1Char('\\') && m_position + 1 < m_expression.size()) {
            text += c;
            ++m_position;
        }
        text += m_expression.at(m_position);
        ++m_position;
    }
    ++m_position; // the closing delimiter
    return text;
}

JmesPathToken JmesPathLexer::quotedIdentifier()
{
    const qsizetype start = m_position;
    const QString content = delimited(QLatin1Char('"'));
    QJsonValue value;
    if (!hasJsonEscapesOnly(content) ||
        !parseJsonValue(QLatin1Char('"') + content + QLatin1Char('"'), value) || !value.isString()) {
        throw JmesPathError(JmesPathError::Kind::Lexer,
                            QStringLiteral("Invalid quoted identifier \"%1\"").arg(content), start);
    }
    JmesPathToken result = token(Type::QuotedIdentifier, start);
    result.text = value.toString();
    return result;
}

JmesPathToken JmesPathLexer::rawString()
{
    const qsizetype start = m_position;
    QString content = delimited(QLatin1Char('\''));
    content.replace(QLatin1String("\\'"), QLatin1String("'"));
    JmesPathToken result = token(Type::Literal, start);
    result.value = content;
    return result;
}

JmesPathToken JmesPathLexer::jsonLiteral()
{
    const qsizetype start = m_position;
    QString content = delimited(QLatin1Char('`'));
    content.replace(QLatin1String("\\`"), QLatin1String("`"));
    JmesPathToken result = token(Type::Literal, start);
    // Older JMESPath read `foo` (not valid JSON) as the string "foo"; the AWS CLI still does.
    if (!parseJsonValue(content, result.value) &&
        !parseJsonValue(QLatin1Char('"') + withoutLeadingSpace(content) + QLatin1Char('"'), result.value)) {
        throw JmesPathError(JmesPathError::Kind::Lexer, QStringLiteral("Bad token %1").arg(result.text),
                            start);
    }
    return result;
}

JmesPathToken JmesPathLexer::number()
{
    const qsizetype start = m_position;
    if (m_expression.at(m_position) == QLatin1Char('-')) {
        ++m_position;
        if (m_position >= m_expression.size() || !isDigit(m_expression.at(m_position)))
            throw JmesPathError(JmesPathError::Kind::Lexer, QStringLiteral("Unknown token '-'"), start);
    }
    while (m_position < m_expression.size() && isDigit(m_expression.at(m_position)))
        ++m_position;
    JmesPathToken result = token(Type::Number, start);
    bool ok = false;
    const qlonglong number = result.text.toLongLong(&ok);
    if (!ok)
        throw JmesPathError(JmesPathError::Kind::Lexer,
                            QStringLiteral("Number too large: %1").arg(result.text), start);
    result.value = double(number);
    return result;
}

JmesPathToken JmesPathLexer::identifier()
{
    const qsizetype start = m_position;
    while (m_position < m_expression.size() &&
           (isIdentifierStart(m_expression.at(m_position)) || isDigit(m_expression.at(m_position))))
        ++m_position;
    return token(Type::UnquotedIdentifier, start);
}

} // namespace footfall
