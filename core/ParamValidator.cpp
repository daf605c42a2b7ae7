#include "ParamValidator.h"

#include "CliJsonWriter.h"
#include "PythonText.h"
#include "ServiceShapes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace footfall {

namespace {

// botocore's parse_to_aware_datetime, for what JSON can hold: epoch numbers and date-time text.
bool isTimestamp(const QJsonValue& value)
{
    if (value.isDouble() || value.isBool())
        return true;
    if (!value.isString())
        return false;
    const QString text = value.toString().trimmed();
    bool number = false;
    text.toDouble(&number);
    return number || QDateTime::fromString(text, Qt::ISODateWithMs).isValid() ||
           QDateTime::fromString(text, Qt::ISODate).isValid() ||
           QDateTime::fromString(text, Qt::RFC2822Date).isValid();
}

class Validation
{
public:
    QStringList problems;

    void validate(const QJsonValue& value, const QString& shape, const QString& name)
    {
        const ServiceShapes& shapes = ServiceShapes::instance();
        if (shapes.isStructure(shape))
            structure(value, shape, name);
        else if (shapes.isMap(shape))
            map(value, shape, name);
        else if (shapes.isList(shape))
            list(value, shape, name);
        else
            scalar(value, shape, shapes.scalarType(shape), name);
    }

private:
    static QString shown(const QString& name)
    {
        if (name.isEmpty())
            return QStringLiteral("input");
        return name.startsWith(QLatin1Char('.')) ? name.mid(1) : name;
    }

    void invalidType(const QJsonValue& value, const QString& name, const QString& validTypes)
    {
        problems << QStringLiteral("Invalid type for parameter %1, value: %2, type: %3, valid types: %4")
                        .arg(shown(name), PythonText::str(value), PythonText::typeName(value), validTypes);
    }

    void lengthAtLeast(qsizetype length, const QString& shape, const QString& name)
    {
        const std::optional<double> minimum = ServiceShapes::instance().minimum(shape);
        if (minimum && double(length) < *minimum) {
            problems << QStringLiteral("Invalid length for parameter %1, value: %2, valid min length: %3")
                            .arg(shown(name))
                            .arg(length)
                            .arg(CliJsonWriter::number(*minimum));
        }
    }

    void valueAtLeast(const QJsonValue& value, const QString& shape, const QString& name)
    {
        const std::optional<double> minimum = ServiceShapes::instance().minimum(shape);
        const double number = value.isBool() ? double(value.toBool()) : value.toDouble();
        if (minimum && number < *minimum) {
            problems << QStringLiteral("Invalid value for parameter %1, value: %2, valid min value: %3")
                            .arg(shown(name), PythonText::str(value), CliJsonWriter::number(*minimum));
        }
    }

    void structure(const QJsonValue& value, const QString& shape, const QString& name)
    {
        if (!value.isObject()) {
            invalidType(value, name, QStringLiteral("<class 'dict'>"));
            return;
        }
        const ServiceShapes& shapes = ServiceShapes::instance();
        const QJsonObject object = value.toObject();
        for (const QString& required : shapes.requiredMembers(shape)) {
            if (!object.contains(required)) {
                problems
                    << QStringLiteral("Missing required parameter in %1: \"%2\"").arg(shown(name), required);
            }
        }
        // botocore goes through the parameters in the order they were given: the command line's
        // are in the model's order, which is also the order here (a QJsonObject keeps none).
        const QStringList members = shapes.members(shape);
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!members.contains(it.key())) {
                problems << QStringLiteral("Unknown parameter in %1: \"%2\", must be one of: %3")
                                .arg(shown(name), it.key(), members.join(QStringLiteral(", ")));
            }
        }
        for (const QString& member : members) {
            if (object.contains(member))
                validate(object.value(member), shapes.memberShape(shape, member),
                         name + QLatin1Char('.') + member);
        }
    }

    void list(const QJsonValue& value, const QString& shape, const QString& name)
    {
        if (!value.isArray()) {
            invalidType(value, name, QStringLiteral("<class 'list'>, <class 'tuple'>"));
            return;
        }
        const QJsonArray array = value.toArray();
        lengthAtLeast(array.size(), shape, name);
        const QString element = ServiceShapes::instance().elementShape(shape);
        for (qsizetype i = 0; i < array.size(); ++i)
            validate(array.at(i), element, QStringLiteral("%1[%2]").arg(name).arg(i));
    }

    void map(const QJsonValue& value, const QString& shape, const QString& name)
    {
        if (!value.isObject()) {
            invalidType(value, name, QStringLiteral("<class 'dict'>"));
            return;
        }
        const QJsonObject object = value.toObject();
        const QString element = ServiceShapes::instance().elementShape(shape);
        for (auto it = object.begin(); it != object.end(); ++it)
            validate(it.value(), element, name + QLatin1Char('.') + it.key());
    }

    void scalar(const QJsonValue& value, const QString& shape, const QString& type, const QString& name)
    {
        if (type == QLatin1String("string")) {
            if (!value.isString())
                invalidType(value, name, QStringLiteral("<class 'str'>"));
            else
                lengthAtLeast(value.toString().toUcs4().size(), shape, name);
        } else if (type == QLatin1String("integer") || type == QLatin1String("long")) {
            // Python's bool is an int.
            if (!PythonText::isInt(value) && !value.isBool())
                invalidType(value, name, QStringLiteral("<class 'int'>"));
            else
                valueAtLeast(value, shape, name);
        } else if (type == QLatin1String("double") || type == QLatin1String("float")) {
            if (!value.isDouble() && !value.isBool())
                invalidType(value, name,
                            QStringLiteral("<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>"));
            else
                valueAtLeast(value, shape, name);
        } else if (type == QLatin1String("boolean")) {
            if (!value.isBool())
                invalidType(value, name, QStringLiteral("<class 'bool'>"));
        } else if (type == QLatin1String("timestamp")) {
            if (!isTimestamp(value))
                invalidType(value, name, QStringLiteral("<class 'datetime.datetime'>, timestamp-string"));
        } else if (type == QLatin1String("blob")) {
            if (!value.isString())
                invalidType(value, name,
                            QStringLiteral("<class 'bytes'>, <class 'bytearray'>, file-like object"));
        }
    }
};

} // namespace

QStringList ParamValidator::problems(const QJsonValue& input, const QString& inputShape)
{
    Validation validation;
    validation.validate(input, inputShape, {});
    return validation.problems;
}

} // namespace footfall
