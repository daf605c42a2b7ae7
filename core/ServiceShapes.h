#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace footfall {

// The input and output shapes of the AWS operations Footfall serves, as the botocore models declare
// them: which members each structure has, in the model's order (the AWS CLI prints an object's
// members in that order, so Footfall's command line does too), which are required, each scalar's
// type and the minimums and enum values botocore checks or offers. Shape names carry their service
// ("personalize.DatasetGroupSummary"). Generated data: ServiceShapes.inc.
class ServiceShapes
{
public:
    static const ServiceShapes& instance();

    // Empty for an operation the models do not have (Footfall's own commands).
    QString outputShape(const QString& service, const QString& operation) const;
    QString inputShape(const QString& service, const QString& operation) const;
    bool isStructure(const QString& shape) const { return m_members.contains(shape); }
    bool isMap(const QString& shape) const { return m_maps.contains(shape); }
    bool isList(const QString& shape) const { return m_elements.contains(shape) && !isMap(shape); }
    // The model's type of a scalar shape ("string", "integer", "long", "float", "double",
    // "boolean", "timestamp", "blob"); empty for structures, lists and maps.
    QString scalarType(const QString& shape) const { return m_scalarTypes.value(shape); }
    QStringList members(const QString& shape) const { return m_members.value(shape); }
    QStringList requiredMembers(const QString& shape) const { return m_required.value(shape); }
    QStringList enumValues(const QString& shape) const { return m_enums.value(shape); }
    // The model's `min`: a string's or list's least length, a number's least value.
    std::optional<double> minimum(const QString& shape) const;
    // `keys` in the structure's member order, any the structure does not declare after them, sorted.
    QStringList ordered(const QString& shape, QStringList keys) const;
    // The shape of a member's value, of a list's elements or of a map's values.
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
    QHash<QString, QString> m_inputs; // "service Operation" -> shape
    QHash<QString, QString> m_scalarTypes;
    QHash<QString, QStringList> m_required;
    QHash<QString, QStringList> m_enums;
    QHash<QString, double> m_minimums;
};

} // namespace footfall
