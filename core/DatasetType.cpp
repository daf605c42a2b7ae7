#include "DatasetType.h"

namespace footfall::DatasetTypes {

std::optional<DatasetType> fromString(const QString& text)
{
    for (DatasetType type : {DatasetType::Interactions, DatasetType::Items, DatasetType::Users}) {
        if (text.compare(name(type), Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

QString name(DatasetType type)
{
    switch (type) {
    case DatasetType::Interactions:
        return QStringLiteral("Interactions");
    case DatasetType::Items:
        return QStringLiteral("Items");
    case DatasetType::Users:
        return QStringLiteral("Users");
    }
    return {};
}

QString arnSuffix(DatasetType type)
{
    return name(type).toUpper();
}

QStringList allNames()
{
    return {name(DatasetType::Interactions), name(DatasetType::Items), name(DatasetType::Users)};
}

} // namespace footfall::DatasetTypes
