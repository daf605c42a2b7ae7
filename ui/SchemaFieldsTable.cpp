#include "SchemaFieldsTable.h"

#include "AvroSchema.h"

#include <QHeaderView>

namespace footfall {

SchemaFieldsTable::SchemaFieldsTable(QWidget* parent)
    : QTableWidget(parent)
{
    setObjectName(QStringLiteral("schemaFieldsTable"));
    setColumnCount(5);
    setHorizontalHeaderLabels({tr("Field"), tr("Type"), tr("Nullable"), tr("Categorical"), tr("Role")});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    verticalHeader()->setVisible(false);
    // Fitted to their contents, the last column taking the rest: resizing the columns by hand after
    // each schema left the last one at its text's width once the page showed another dataset.
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    setAccessibleName(tr("Schema fields"));
}

void SchemaFieldsTable::setSchema(const AvroSchema& schema, std::optional<DatasetType> type)
{
    const QStringList reserved = type ? AvroSchema::reservedFieldNames(*type) : QStringList();
    const QStringList required = type ? AvroSchema::requiredFieldNames(*type) : QStringList();
    const QList<SchemaField>& fields = schema.fields();
    setRowCount(int(fields.size()));
    for (int row = 0; row < fields.size(); ++row) {
        const SchemaField& field = fields.at(row);
        QString role;
        if (required.contains(field.name))
            role = tr("Required");
        else if (reserved.contains(field.name))
            role = tr("Reserved");
        else if (type)
            role = tr("Metadata");
        const QStringList cells = {field.name, field.type, field.nullable ? tr("yes") : tr("no"),
                                   field.categorical ? tr("yes") : tr("no"), role};
        for (int column = 0; column < cells.size(); ++column)
            setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}

} // namespace footfall
