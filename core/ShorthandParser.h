#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace footfall {

// The AWS CLI's shorthand syntax for structure and list parameters: `key=value,key2=a,b`,
// `key=[a,b]`, `key={inner=1}`, quoted values with \' or \" inside. The syntax alone gives text,
// lists and objects; with a model shape, text becomes the integers, numbers and booleans the shape
// declares and a single value becomes a list where it declares one, as the AWS CLI converts them.
class ShorthandParser
{
public:
    explicit ShorthandParser(const QString& text);

    // Throws ShorthandError with the AWS CLI's words ("Expected: '=', received: 'EOF' for input: …").
    QJsonObject parse();
    // `value` converted to `shape` (a ServiceShapes name); throws ShorthandError for text that is
    // not the number the shape declares.
    static QJsonValue withModelTypes(const QJsonValue& value, const QString& shape);

private:
    QJsonObject parameter();
    QString key();
    QJsonValue values();
    QJsonValue csvValue();
    QJsonValue explicitList();
    QJsonValue explicitValue();
    QJsonObject hashLiteral();
    QString firstValue();
    QString secondValue();
    QString unquotedValue(bool second, bool required);
    QString quotedValue();
    void expect(QChar expected, bool consumeWhitespace = false);
    void consumeWhitespace();
    bool atEnd() const { return m_index >= m_text.size(); }
    QChar current() const { return atEnd() ? QChar() : m_text.at(m_index); }
    [[noreturn]] void syntaxError(const QString& expected, const QString& actual) const;
    QString location(qsizetype index) const;

    QString m_text;
    qsizetype m_index = 0;
};

} // namespace footfall
