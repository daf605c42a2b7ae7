#include "CliJsonWriter.h"

#include "ServiceShapes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QSet>

#include <cmath>

namespace footfall {

QString CliJsonWriter::indented(const QJsonValue& value)
{
    return indented(value, {}, false);
}

QString CliJsonWriter::indented(const QJsonValue& value, const QString& shape, bool guess,
                                const QList<QStringList>& hashKeyOrders)
{
    QString out;
    const Context context{shape, hashKeyOrders};
    write(value, 0, guess ? QString() : shape, guess ? &context : nullptr, out);
    return out + QLatin1Char('\n');
}

std::optional<QStringList> CliJsonWriter::hashOrder(const QStringList& keys,
                                                    const QList<QStringList>& hashKeyOrders)
{
    const QSet<QString> present(keys.begin(), keys.end());
    for (const QStringList& order : hashKeyOrders) {
        if (QSet<QString>(order.begin(), order.end()) != present)
            continue;
        QStringList ordered; // a key written twice counts once, where it first appears
        for (const QString& key : order) {
            if (!ordered.contains(key))
                ordered << key;
        }
        return ordered;
    }
    return std::nullopt;
}

QStringList CliJsonWriter::guessedOrder(const QJsonObject& object, const QString& rootShape,
                                        const QList<QStringList>& hashKeyOrders)
{
    const QStringList keys = object.keys();
    if (const std::optional<QStringList> order = hashOrder(keys, hashKeyOrders))
        return *order;
    const ServiceShapes& shapes = ServiceShapes::instance();
    return shapes.ordered(shapes.structureWith(rootShape, keys), keys);
}

QString CliJsonWriter::number(double value)
{
    // Footfall keeps every number as a double; the service's whole numbers are Python ints.
    if (value == std::floor(value) && std::fabs(value) < 9e15)
        return QString::number(qint64(value));
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    if (std::isnan(value))
        return QStringLiteral("NaN");
    QString text = QString::number(value, 'g', QLocale::FloatingPointShortest);
    if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')))
        text += QStringLiteral(".0");
    return text;
}

QString CliJsonWriter::quoted(const QString& text, NonAscii nonAscii)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        case '\b':
            out += QStringLiteral("\\b");
            break;
        case '\f':
            out += QStringLiteral("\\f");
            break;
        default:
            if (c.unicode() < 0x20 || (nonAscii == NonAscii::Escaped && c.unicode() > 0x7e))
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

void CliJsonWriter::write(const QJsonValue& value, int depth, const QString& shape, const Context* guess,
                          QString& out)
{
    const ServiceShapes& shapes = ServiceShapes::instance();
    const QString inner(4 * (depth + 1), QLatin1Char(' '));
    const QString outer(4 * depth, QLatin1Char(' '));
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += QStringLiteral("{}");
            return;
        }
        QString structure = shape;
        QStringList keys = object.keys();
        bool written = false; // a multi-select hash's keys, in the order the query wrote them
        if (structure.isEmpty() && guess) {
            if (const std::optional<QStringList> order = hashOrder(keys, guess->hashKeyOrders)) {
                keys = *order;
                written = true;
            } else {
                structure = shapes.structureWith(guess->guessRoot, keys);
            }
        }
        const bool map = shapes.isMap(structure);
        if (!written && !map)
            keys = shapes.ordered(structure, keys);
        out += QStringLiteral("{\n");
        for (const QString& key : keys) {
            if (key != keys.first())
                out += QStringLiteral(",\n");
            out += inner + quoted(key) + QStringLiteral(": ");
            const QString inside = map ? shapes.elementShape(structure) : shapes.memberShape(structure, key);
            write(object.value(key), depth + 1, inside, inside.isEmpty() ? guess : nullptr, out);
        }
        out += QLatin1Char('\n') + outer + QLatin1Char('}');
        return;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += QStringLiteral("[]");
            return;
        }
        out += QStringLiteral("[\n");
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += QStringLiteral(",\n");
            out += inner;
            const QString element = shapes.elementShape(shape);
            write(array.at(i), depth + 1, element, element.isEmpty() ? guess : nullptr, out);
        }
        out += QLatin1Char('\n') + outer + QLatin1Char(']');
        return;
    }
    case QJsonValue::String:
        out += quoted(value.toString());
        return;
    case QJsonValue::Double: {
        const double written = value.toDouble();
        out += number(written);
        // A model's float or double is a Python float, which prints a whole number as 2.0 (number()
        // writes one without a point when it is below 9e15).
        const QString type = shapes.scalarType(shape);
        if ((type == QLatin1String("double") || type == QLatin1String("float")) &&
            written == std::floor(written) && std::fabs(written) < 9e15)
            out += QStringLiteral(".0");
        return;
    }
    case QJsonValue::Bool:
        out += value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return;
    default:
        out += QStringLiteral("null");
    }
}

} // namespace footfall
