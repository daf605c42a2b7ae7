#pragma once

#include "ResourcePage.h"

class QLabel;

namespace footfall {

class SchemaFieldsTable;

class DatasetPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit DatasetPage(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(DatasetPage)

protected:
    bool load() override;

private:
    QLabel* m_nameLabel;
    QLabel* m_arnLabel;
    QLabel* m_typeLabel;
    QLabel* m_statusLabel;
    QLabel* m_schemaLabel;
    QLabel* m_createdLabel;
    SchemaFieldsTable* m_fields;
};

} // namespace footfall
