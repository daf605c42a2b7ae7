#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace footfall {

enum class DatasetType
{
    Interactions,
    Items,
    Users
};

namespace DatasetTypes {
// Case-insensitive, as AWS accepts "interactions", "INTERACTIONS" and "Interactions".
std::optional<DatasetType> fromString(const QString& text);
QString name(DatasetType type);      // "Interactions"
QString arnSuffix(DatasetType type); // "INTERACTIONS"
QStringList allNames();
} // namespace DatasetTypes

} // namespace footfall
