#pragma once

#include "DatasetType.h"

#include <QList>
#include <QString>

#include <optional>

namespace footfall {

struct SchemaField
{
    QString name;
    QString type; // the Avro primitive: float, double, int, long, string, boolean or null
    bool nullable = false;
    bool categorical = false;

    bool isNumeric() const;
};

// An Amazon Personalize dataset schema: a flat Avro record. parse() applies the rules every
// schema shares; validateFor() adds the rules of one dataset type. Both throw ServiceError
// (InvalidInputException) whose message says exactly what is wrong.
class AvroSchema
{
public:
    static AvroSchema parse(const QString& text);

    // Where `text` stops being JSON, for an editor to point at; parse() names the same place.
    struct SyntaxError
    {
        QString reason;
        qsizetype index = 0; // into `text`; may be text.size() (it ended too soon)
        int line = 1;
        int column = 1;
    };
    static std::optional<SyntaxError> jsonSyntaxError(const QString& text);

    void validateFor(DatasetType type, const QString& domain = {}) const;

    QString recordName() const { return m_recordName; }
    // The dataset type the record's name announces ("Interactions", "Items", "Users"), if any.
    std::optional<DatasetType> declaredType() const;
    const QList<SchemaField>& fields() const { return m_fields; }
    std::optional<SchemaField> field(const QString& name) const;
    // Fields that are neither required nor reserved for the given dataset type.
    QStringList metadataFieldNames(DatasetType type) const;

    // Required and optional reserved fields together; requiredFieldNames() only the former.
    static QStringList reservedFieldNames(DatasetType type);
    static QStringList requiredFieldNames(DatasetType type);
    static int maxMetadataFields(DatasetType type);

private:
    QString m_recordName;
    QList<SchemaField> m_fields;
};

} // namespace footfall
