#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace footfall {

// The output shapes of the AWS operations Footfall serves, as the botocore models declare them:
// which members each structure has, in the model's order. The AWS CLI prints an object's members
// in that order, so Footfall's command line does too. Shape names carry their service
// ("personalize.DatasetGroupSummary"). Generated data: ServiceShapes.inc.
class ServiceShapes
{
public:
    static const ServiceShapes& instance();

    // Empty for an operation the models do not have (Footfall's own commands).
    QString outputShape(const QString& service, const QString& operation) const;
    bool isStructure(const QString& shape) const { return m_members.contains(shape); }
    bool isMap(const QString& shape) const { return m_maps.contains(shape); }
    // `keys` in the structure's member order, any the structure does not declare after them, sorted.
    QStringList ordered(const QString& shape, QStringList keys) const;
    // The shape of a member's value, of a list's elements or of a map's values; empty for scalars.
    QString memberShape(const QString& shape, const QString& member) const;
    QString elementShape(const QString& shape) const { return m_elements.value(shape); }
    // The first structure reachable from `root` (breadth first) that declares every one of `keys`:
    // where an object in a --query result most likely came from. Empty when none does.
    QString structureWith(const QString& root, const QStringList& keys) const;

private:
    ServiceShapes();

    QHash<QString, QString> m_operations;  // "service Operation" -> shape
    QHash<QString, QStringList> m_members; // structure -> member names in order
    QHash<QString, QHash<QString, QString>> m_memberShapes;
    QHash<QString, QString> m_elements; // list or map -> element shape
    QHash<QString, bool> m_maps;
};

} // namespace footfall
