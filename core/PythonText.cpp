#include "PythonText.h"

#include "CliJsonWriter.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace footfall {

bool PythonText::isInt(const QJsonValue& value)
{
    const double number = value.toDouble();
    return value.isDouble() && number == std::floor(number) && std::fabs(number) < 9e15;
}

QString PythonText::str(const QJsonValue& value)
{
    return value.isString() ? value.toString() : repr(value);
}

namespace {

QString stringRepr(const QString& text)
{
    const QChar quote = text.contains(QLatin1Char('\'')) && !text.contains(QLatin1Char('"'))
                            ? QLatin1Char('"')
                            : QLatin1Char('\'');
    QString out = quote;
    for (const QChar c : text) {
        if (c == quote || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + c;
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + quote;
}

} // namespace

QString PythonText::repr(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return stringRepr(value.toString());
    case QJsonValue::Double:
        return CliJsonWriter::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue& item : value.toArray())
            items << repr(item);
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        QStringList items;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            items << stringRepr(it.key()) + QStringLiteral(": ") + repr(it.value());
        return QLatin1Char('{') + items.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    default:
        return QStringLiteral("None");
    }
}

QString PythonText::typeName(const QJsonValue& value)
{
    return QStringLiteral("<class '%1'>").arg(className(value));
}

QString PythonText::className(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return QStringLiteral("str");
    case QJsonValue::Double:
        return isInt(value) ? QStringLiteral("int") : QStringLiteral("float");
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Array:
        return QStringLiteral("list");
    case QJsonValue::Object:
        return QStringLiteral("dict");
    default:
        return QStringLiteral("NoneType");
    }
}

QString PythonText::list(const QStringList& items)
{
    QStringList quoted;
    for (const QString& item : items)
        quoted << stringRepr(item);
    return QLatin1Char('[') + quoted.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace footfall
