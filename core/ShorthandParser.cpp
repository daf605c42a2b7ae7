#include "ShorthandParser.h"

#include "ServiceShapes.h"
#include "ShorthandError.h"

#include <QJsonArray>

namespace footfall {

namespace {

bool isPythonWhitespace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
           c == QLatin1Char('\r') || c == QLatin1Char('\v') || c == QLatin1Char('\f');
}

bool inRanges(char16_t c, std::initializer_list<std::pair<char16_t, char16_t>> ranges)
{
    for (const auto& [from, to] : ranges) {
        if (c >= from && c <= to)
            return true;
    }
    return false;
}

// The character classes of the AWS CLI's shorthand regexes: a value starts with none of
// whitespace " ' , = [ {; the first value of a key goes on with anything but " ' , ] };
// a further comma-separated value with anything but " ' , =.
bool startsWord(QChar c)
{
    return inRanges(
        c.unicode(),
        {{0x21, 0x21}, {0x23, 0x26}, {0x28, 0x2B}, {0x2D, 0x3C}, {0x3E, 0x5A}, {0x5C, 0x7A}, {0x7C, 0xFFFF}});
}

bool followsFirst(QChar c)
{
    return c.isSpace() ||
           inRanges(c.unicode(),
                    {{0x21, 0x21}, {0x23, 0x26}, {0x28, 0x2B}, {0x2D, 0x5C}, {0x5E, 0x7C}, {0x7E, 0xFFFF}});
}

bool followsSecond(QChar c)
{
    return c.isSpace() ||
           inRanges(c.unicode(), {{0x21, 0x21}, {0x23, 0x26}, {0x28, 0x2B}, {0x2D, 0x3C}, {0x3E, 0xFFFF}});
}

bool isKeyCharacter(QChar c)
{
    return (c.unicode() < 0x80 && c.isLetterOrNumber()) || QStringLiteral("-_.#/:").contains(c);
}

// Python's rstrip() of the whitespace it knows.
QString rightTrimmed(QString text)
{
    while (!text.isEmpty() && text.back().isSpace())
        text.chop(1);
    return text;
}

} // namespace

ShorthandParser::ShorthandParser(const QString& text)
    : m_text(text)
{}

QJsonObject ShorthandParser::parse()
{
    m_index = 0;
    return parameter();
}

QJsonObject ShorthandParser::parameter()
{
    QJsonObject parameters;
    QString name = key();
    expect(QLatin1Char('='), true);
    parameters.insert(name, values());
    qsizetype lastIndex = m_index;
    while (!atEnd()) {
        expect(QLatin1Char(','), true);
        name = key();
        expect(QLatin1Char('='), true);
        const QJsonValue value = values();
        if (parameters.contains(name)) {
            throw ShorthandError(
                QStringLiteral("Second instance of key \"%1\" encountered for input:\n%2\nThis is "
                               "often because there is a preceding \",\" instead of a space.")
                    .arg(name, location(lastIndex + 1)));
        }
        parameters.insert(name, value);
        lastIndex = m_index;
    }
    return parameters;
}

QString ShorthandParser::key()
{
    const qsizetype start = m_index;
    while (!atEnd() && isKeyCharacter(current()))
        ++m_index;
    return m_text.mid(start, m_index - start);
}

QJsonValue ShorthandParser::values()
{
    if (atEnd())
        return QString();
    if (current() == QLatin1Char('['))
        return explicitList();
    if (current() == QLatin1Char('{'))
        return hashLiteral();
    return csvValue();
}

QJsonValue ShorthandParser::csvValue()
{
    const QString first = firstValue();
    consumeWhitespace();
    if (atEnd() || current() != QLatin1Char(','))
        return first;
    expect(QLatin1Char(','), true);
    QJsonArray list{first};
    while (true) {
        try {
            const QString next = secondValue();
            consumeWhitespace();
            if (atEnd()) {
                list.append(next);
                break;
            }
            expect(QLatin1Char(','), true);
            list.append(next);
        } catch (const ShorthandError&) {
            if (atEnd())
                throw;
            // Not another value but the next key: back to the comma before it.
            while (m_index > 0 && m_text.at(m_index) != QLatin1Char(','))
                --m_index;
            break;
        }
    }
    if (list.size() == 1)
        return first;
    return list;
}

QJsonValue ShorthandParser::explicitList()
{
    expect(QLatin1Char('['), true);
    QJsonArray list;
    while (current() != QLatin1Char(']')) {
        list.append(explicitValue());
        consumeWhitespace();
        if (current() != QLatin1Char(']')) {
            expect(QLatin1Char(','));
            consumeWhitespace();
        }
    }
    expect(QLatin1Char(']'));
    return list;
}

QJsonValue ShorthandParser::explicitValue()
{
    if (current() == QLatin1Char('['))
        return explicitList();
    if (current() == QLatin1Char('{'))
        return hashLiteral();
    return firstValue();
}

QJsonObject ShorthandParser::hashLiteral()
{
    expect(QLatin1Char('{'), true);
    QJsonObject object;
    while (current() != QLatin1Char('}')) {
        const QString name = key();
        expect(QLatin1Char('='), true);
        const QJsonValue value = explicitValue();
        consumeWhitespace();
        if (current() != QLatin1Char('}')) {
            expect(QLatin1Char(','));
            consumeWhitespace();
        }
        object.insert(name, value);
    }
    expect(QLatin1Char('}'));
    return object;
}

QString ShorthandParser::firstValue()
{
    if (current() == QLatin1Char('\'') || current() == QLatin1Char('"'))
        return quotedValue();
    return unquotedValue(false, false);
}

QString ShorthandParser::secondValue()
{
    if (current() == QLatin1Char('\'') || current() == QLatin1Char('"'))
        return quotedValue();
    return unquotedValue(true, true);
}

QString ShorthandParser::unquotedValue(bool second, bool required)
{
    const qsizetype start = m_index;
    const auto escapedComma = [&] {
        return m_index + 1 < m_text.size() && m_text.at(m_index) == QLatin1Char('\\') &&
               m_text.at(m_index + 1) == QLatin1Char(',');
    };
    if (escapedComma())
        m_index += 2;
    else if (!atEnd() && startsWord(current()))
        ++m_index;
    if (m_index == start) {
        if (required)
            syntaxError(QStringLiteral("<second>"), QStringLiteral("<none>"));
        return {};
    }
    while (!atEnd()) {
        if (escapedComma())
            m_index += 2;
        else if (second ? followsSecond(current()) : followsFirst(current()))
            ++m_index;
        else
            break;
    }
    return rightTrimmed(
        m_text.mid(start, m_index - start).replace(QStringLiteral("\\,"), QStringLiteral(",")));
}

QString ShorthandParser::quotedValue()
{
    const QChar quote = current();
    const qsizetype start = m_index;
    qsizetype i = m_index + 1;
    qsizetype lastEscapedQuote = -1; // the quote of the last \' (or \"), where the regex backtracks to
    while (i < m_text.size()) {
        if (m_text.at(i) == QLatin1Char('\\') && i + 1 < m_text.size() &&
            (m_text.at(i + 1) == QLatin1Char('\\') || m_text.at(i + 1) == quote)) {
            if (m_text.at(i + 1) == quote)
                lastEscapedQuote = i + 1;
            i += 2;
        } else if (m_text.at(i) == quote) {
            break;
        } else {
            ++i;
        }
    }
    // No closing quote: Python's regex gives back its last escaped quote, which then closes.
    if (i >= m_text.size() && lastEscapedQuote >= 0)
        i = lastEscapedQuote;
    if (i >= m_text.size()) {
        syntaxError(quote == QLatin1Char('"') ? QStringLiteral("<double quoted>")
                                              : QStringLiteral("<singled quoted>"),
                    QStringLiteral("<none>"));
    }
    m_index = i + 1;
    QString inside = m_text.mid(start + 1, i - start - 1);
    inside.replace(QStringLiteral("\\") + quote, QString(quote));
    inside.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
    return inside;
}

void ShorthandParser::expect(QChar expected, bool whitespace)
{
    if (whitespace)
        consumeWhitespace();
    if (atEnd())
        syntaxError(QString(expected), QStringLiteral("EOF"));
    if (current() != expected)
        syntaxError(QString(expected), QString(current()));
    ++m_index;
    if (whitespace)
        consumeWhitespace();
}

void ShorthandParser::consumeWhitespace()
{
    while (!atEnd() && isPythonWhitespace(current()))
        ++m_index;
}

void ShorthandParser::syntaxError(const QString& expected, const QString& actual) const
{
    throw ShorthandError(QStringLiteral("Expected: '%1', received: '%2' for input:\n%3")
                             .arg(expected, actual, location(m_index)));
}

QString ShorthandParser::location(qsizetype index) const
{
    QString consumed = m_text;
    QString remaining;
    qsizetype spaces = index;
    const qsizetype lastNewline = m_text.left(index).lastIndexOf(QLatin1Char('\n'));
    if (lastNewline >= 0)
        spaces = index - lastNewline - 1;
    const qsizetype nextNewline = m_text.indexOf(QLatin1Char('\n'), index);
    if (nextNewline >= 0) {
        consumed = m_text.left(nextNewline);
        remaining = m_text.mid(nextNewline);
    }
    return consumed + QLatin1Char('\n') + QString(spaces, QLatin1Char(' ')) + QLatin1Char('^') + remaining;
}

QJsonValue ShorthandParser::withModelTypes(const QJsonValue& value, const QString& shape)
{
    const ServiceShapes& shapes = ServiceShapes::instance();
    if (shapes.isStructure(shape)) {
        if (!value.isObject())
            return value;
        QJsonObject object = value.toObject();
        for (const QString& member : shapes.members(shape)) {
            if (object.contains(member))
                object.insert(member,
                              withModelTypes(object.value(member), shapes.memberShape(shape, member)));
        }
        return object;
    }
    if (shapes.isMap(shape)) {
        if (!value.isObject())
            return value;
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = withModelTypes(it.value(), shapes.elementShape(shape));
        return object;
    }
    if (shapes.isList(shape)) {
        // A single value where the model wants a list is a list of one.
        QJsonArray list = value.isArray() ? value.toArray() : QJsonArray{value};
        for (auto it = list.begin(); it != list.end(); ++it)
            *it = withModelTypes(*it, shapes.elementShape(shape));
        return list;
    }
    if (!value.isString())
        return value;
    const QString text = value.toString();
    const QString type = shapes.scalarType(shape);
    if (type == QLatin1String("integer") || type == QLatin1String("long")) {
        bool ok = false;
        const qint64 number = text.trimmed().toLongLong(&ok);
        if (!ok)
            throw ShorthandError(QStringLiteral("invalid literal for int() with base 10: '%1'").arg(text));
        return double(number);
    }
    if (type == QLatin1String("float") || type == QLatin1String("double")) {
        bool ok = false;
        const double number = text.trimmed().toDouble(&ok);
        if (!ok)
            throw ShorthandError(QStringLiteral("could not convert string to float: '%1'").arg(text));
        return number;
    }
    if (type == QLatin1String("boolean")) {
        if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return true;
        if (text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return false;
    }
    return value;
}

} // namespace footfall
