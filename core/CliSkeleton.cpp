#include "CliSkeleton.h"

#include "ApiOperation.h"
#include "ServiceShapes.h"

#include <QJsonArray>
#include <QStringList>

namespace footfall {

namespace {

class SkeletonGenerator
{
public:
    SkeletonGenerator(CliSkeleton::Strings strings, const QString& timestamp)
        : m_strings(strings)
        , m_timestamp(timestamp)
    {}

    QJsonValue generate(const QString& shape, const QString& name)
    {
        m_stack << shape;
        const QJsonValue value = generateTop(shape, name);
        m_stack.removeLast();
        return value;
    }

private:
    QJsonValue generateTop(const QString& shape, const QString& name)
    {
        const ServiceShapes& shapes = ServiceShapes::instance();
        if (shapes.isStructure(shape)) {
            QJsonObject object;
            if (m_stack.count(shape) > 1)
                return object;
            for (const QString& member : shapes.members(shape))
                object.insert(member, generate(shapes.memberShape(shape, member), member));
            return object;
        }
        if (shapes.isMap(shape))
            return QJsonObject{{QStringLiteral("KeyName"), generate(shapes.elementShape(shape), {})}};
        if (shapes.isList(shape)) {
            const QString element = shapes.elementShape(shape);
            // The element's name is its shape's, without the service.
            const QString elementName = m_strings == CliSkeleton::Strings::MemberNames
                                            ? element.mid(element.indexOf(QLatin1Char('.')) + 1)
                                            : QString();
            return QJsonArray{generate(element, elementName)};
        }
        const QString type = shapes.scalarType(shape);
        if (type == QLatin1String("string")) {
            if (m_strings == CliSkeleton::Strings::MemberNames)
                return name;
            const QStringList values = shapes.enumValues(shape);
            return values.isEmpty() ? QString() : values.first();
        }
        if (type == QLatin1String("integer") || type == QLatin1String("long") ||
            type == QLatin1String("float") || type == QLatin1String("double"))
            return 0;
        if (type == QLatin1String("boolean"))
            return true;
        if (type == QLatin1String("timestamp"))
            return m_timestamp;
        return QJsonValue::Null; // a blob: botocore leaves it None
    }

    CliSkeleton::Strings m_strings;
    QString m_timestamp;
    QStringList m_stack;
};

} // namespace

QJsonValue CliSkeleton::forShape(const QString& shape, Strings strings, const QString& timestamp)
{
    return SkeletonGenerator(strings, timestamp).generate(shape, {});
}

QJsonObject CliSkeleton::forMembers(const ApiOperation& operation)
{
    QJsonObject skeleton;
    for (const ApiMember& member : operation.members) {
        switch (member.type) {
        case ApiType::String:
            skeleton.insert(member.name, QString());
            break;
        case ApiType::Integer:
            skeleton.insert(member.name, 0);
            break;
        case ApiType::Boolean:
            skeleton.insert(member.name, true);
            break;
        case ApiType::Structure:
            skeleton.insert(member.name, QJsonObject());
            break;
        case ApiType::List:
            skeleton.insert(member.name, QJsonArray());
            break;
        }
    }
    return skeleton;
}

} // namespace footfall
