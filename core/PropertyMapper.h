#pragma once

#include "AvroSchema.h"

#include <QHash>
#include <QJsonObject>

#include <optional>

namespace footfall {

// Maps the `properties` JSON string of an event, user or item onto the schema's metadata columns.
// Keys are the columns' camelCase names (NUM_RATINGS <-> numRatings); values must fit the column's
// Avro type, where a numeric string such as "4" counts for a numeric column, as the AWS CLI examples
// send it. Errors name the parameter path and what is wrong.
class PropertyMapper
{
public:
    PropertyMapper(const AvroSchema& schema, DatasetType type);

    struct Mapped
    {
        QJsonObject columns; // COLUMN_NAME -> typed value
        // Interactions only: the older style that sent itemId and eventValue inside properties.
        std::optional<QString> legacyItemId;
        std::optional<double> legacyEventValue;
    };

    Mapped map(const QString& path, const QString& propertiesText) const;

    // The property keys this schema accepts, with their columns, in schema order.
    QList<QPair<QString, SchemaField>> keys() const;
    std::optional<SchemaField> fieldForKey(const QString& key) const;

    static QString camelCase(const QString& column);
    // The value converted to the column's type, or nullopt if it does not fit.
    static std::optional<QJsonValue> coerce(const SchemaField& field, const QJsonValue& value);

private:
    DatasetType m_type;
    QList<QPair<QString, SchemaField>> m_keys;
    QHash<QString, int> m_byNormalizedKey;
};

} // namespace footfall
