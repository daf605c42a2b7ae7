#include "BotocoreJson.h"

#include "CliJsonWriter.h"
#include "PutEventsValidator.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>
#include <functional>

namespace footfall::BotocoreJson {

namespace {

QString quoted(const QString& text)
{
    return CliJsonWriter::quoted(text, CliJsonWriter::NonAscii::Escaped);
}

QString number(double value, bool isFloat)
{
    if (!isFloat && value == std::floor(value) && std::fabs(value) < 9e15)
        return QString::number(qint64(value));
    // Python's repr: the shortest text that reads back as the same double, always with a point.
    QString text = QString::number(value, 'g', QLocale::FloatingPointShortest);
    if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) &&
        !text.contains(QLatin1String("inf")) && !text.contains(QLatin1String("nan")))
        text += QStringLiteral(".0");
    return text;
}

QString dumpValue(const QJsonValue& value, bool isFloat = false);

QString dumpOrdered(const QJsonObject& object, const QStringList& order,
                    const std::function<QString(const QString&, const QJsonValue&)>& member)
{
    QStringList parts;
    QStringList keys = order;
    for (const QString& key : object.keys()) {
        if (!keys.contains(key))
            keys << key;
    }
    for (const QString& key : keys) {
        if (object.contains(key))
            parts << quoted(key) + QStringLiteral(": ") + member(key, object.value(key));
    }
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString dumpValue(const QJsonValue& value, bool isFloat)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return number(value.toDouble(), isFloat);
    case QJsonValue::String:
        return quoted(value.toString());
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue& item : value.toArray())
            parts << dumpValue(item);
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case QJsonValue::Object:
        return dumpOrdered(value.toObject(), {}, [](const QString&, const QJsonValue& member) -> QString {
            return dumpValue(member);
        });
    }
    return QStringLiteral("null");
}

QString dumpEvent(const QJsonValue& value)
{
    if (!value.isObject())
        return dumpValue(value);
    static const QStringList order = {QStringLiteral("eventId"),          QStringLiteral("eventType"),
                                      QStringLiteral("eventValue"),       QStringLiteral("itemId"),
                                      QStringLiteral("properties"),       QStringLiteral("sentAt"),
                                      QStringLiteral("recommendationId"), QStringLiteral("impression"),
                                      QStringLiteral("metricAttribution")};
    return dumpOrdered(value.toObject(), order, [](const QString& key, const QJsonValue& member) -> QString {
        if (key == QLatin1String("sentAt")) {
            if (const auto ms = PutEventsValidator::parseSentAt(member))
                return QString::number(qint64(std::floor(double(*ms) / 1000.0)));
        }
        return dumpValue(member, key == QLatin1String("eventValue"));
    });
}

} // namespace

QString dumps(const QJsonValue& value)
{
    return dumpValue(value);
}

QString putEventsBody(const QJsonObject& request)
{
    static const QStringList order = {QStringLiteral("trackingId"), QStringLiteral("userId"),
                                      QStringLiteral("sessionId"), QStringLiteral("eventList")};
    return dumpOrdered(request, order, [](const QString& key, const QJsonValue& member) -> QString {
        if (key == QLatin1String("eventList") && member.isArray()) {
            QStringList events;
            for (const QJsonValue& event : member.toArray())
                events << dumpEvent(event);
            return QLatin1Char('[') + events.join(QStringLiteral(", ")) + QLatin1Char(']');
        }
        return dumpValue(member);
    });
}

} // namespace footfall::BotocoreJson
