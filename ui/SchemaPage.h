#pragma once

#include "ResourcePage.h"

class QLabel;
class QPlainTextEdit;

namespace footfall {

class SchemaFieldsTable;

class SchemaPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit SchemaPage(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(SchemaPage)

protected:
    bool load() override;

private:
    QLabel* m_arnLabel;
    QLabel* m_domainLabel;
    QLabel* m_createdLabel;
    SchemaFieldsTable* m_fields;
    QPlainTextEdit* m_definition;
};

} // namespace footfall
