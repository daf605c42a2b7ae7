#pragma once

#include "DatasetType.h"

#include <QTableWidget>

#include <optional>

namespace footfall {

class AvroSchema;

// The fields of a schema: name, type, nullable, categorical, and their role for the dataset type.
class SchemaFieldsTable final : public QTableWidget
{
    Q_OBJECT

public:
    explicit SchemaFieldsTable(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(SchemaFieldsTable)

    void setSchema(const AvroSchema& schema, std::optional<DatasetType> type);
};

} // namespace footfall
