#include "ServiceShapes.h"

#include <QSet>

#include <algorithm>

namespace footfall {

namespace {

const char* const kShapes =
#include "ServiceShapes.inc"
    ;

} // namespace

const ServiceShapes& ServiceShapes::instance()
{
    static const ServiceShapes shapes;
    return shapes;
}

ServiceShapes::ServiceShapes()
{
    const QStringList lines = QString::fromLatin1(kShapes).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        const QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.size() < 2)
            continue;
        const QString& kind = words.at(0);
        if ((kind == QLatin1String("op") || kind == QLatin1String("in")) && words.size() == 4) {
            (kind == QLatin1String("op") ? m_operations : m_inputs)
                .insert(words.at(1) + QLatin1Char(' ') + words.at(2),
                        words.at(1) + QLatin1Char('.') + words.at(3));
        } else if (kind == QLatin1String("scalar") && words.size() == 3) {
            m_scalarTypes.insert(words.at(1), words.at(2));
        } else if (kind == QLatin1String("required")) {
            m_required.insert(words.at(1), words.mid(2));
        } else if (kind == QLatin1String("enum")) {
            m_enums.insert(words.at(1), words.mid(2));
        } else if (kind == QLatin1String("min") && words.size() == 3) {
            m_minimums.insert(words.at(1), words.at(2).toDouble());
        } else if (kind == QLatin1String("struct")) {
            QStringList& members = m_members[words.at(1)];
            QHash<QString, QString>& shapes = m_memberShapes[words.at(1)];
            for (qsizetype i = 2; i < words.size(); ++i) {
                const qsizetype colon = words.at(i).indexOf(QLatin1Char(':'));
                members << words.at(i).left(colon);
                if (colon + 1 < words.at(i).size())
                    shapes.insert(words.at(i).left(colon), words.at(i).mid(colon + 1));
            }
        } else if ((kind == QLatin1String("list") || kind == QLatin1String("map")) && words.size() == 3) {
            m_elements.insert(words.at(1), words.at(2));
            if (kind == QLatin1String("map"))
                m_maps.insert(words.at(1), true);
        }
    }
}

QString ServiceShapes::outputShape(const QString& service, const QString& operation) const
{
    return m_operations.value(service + QLatin1Char(' ') + operation);
}

QString ServiceShapes::inputShape(const QString& service, const QString& operation) const
{
    return m_inputs.value(service + QLatin1Char(' ') + operation);
}

std::optional<double> ServiceShapes::minimum(const QString& shape) const
{
    const auto found = m_minimums.constFind(shape);
    if (found == m_minimums.constEnd())
        return std::nullopt;
    return *found;
}

QStringList ServiceShapes::ordered(const QString& shape, QStringList keys) const
{
    const QStringList declared = m_members.value(shape);
    std::stable_sort(keys.begin(), keys.end(), [&](const QString& left, const QString& right) {
        const qsizetype l = declared.indexOf(left);
        const qsizetype r = declared.indexOf(right);
        if (l >= 0 && r >= 0)
            return l < r;
        if (l >= 0 || r >= 0)
            return l >= 0;
        // The AWS CLI's paginator appends its NextToken after the list it merged.
        if ((left == QLatin1String("NextToken")) != (right == QLatin1String("NextToken")))
            return right == QLatin1String("NextToken");
        return left < right;
    });
    return keys;
}

QString ServiceShapes::memberShape(const QString& shape, const QString& member) const
{
    return m_memberShapes.value(shape).value(member);
}

QString ServiceShapes::structureWith(const QString& root, const QStringList& keys) const
{
    QStringList queue{root};
    QSet<QString> seen{root};
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const QString& shape = queue.at(i);
        if (isStructure(shape)) {
            const QStringList& members = m_members[shape];
            if (std::all_of(keys.begin(), keys.end(),
                            [&](const QString& key) { return members.contains(key); }))
                return shape;
        }
        QStringList next;
        if (const auto found = m_memberShapes.constFind(shape); found != m_memberShapes.constEnd()) {
            for (const QString& member : m_members.value(shape)) {
                if (found->contains(member))
                    next << found->value(member);
            }
        }
        if (m_elements.contains(shape))
            next << m_elements.value(shape);
        for (const QString& candidate : next) {
            if (!seen.contains(candidate)) {
                seen.insert(candidate);
                queue << candidate;
            }
        }
    }
    return {};
}

} // namespace footfall
