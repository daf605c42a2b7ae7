#pragma once

#include "ResourceDialog.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace footfall {

class HintLabel;

// Name, domain, a template chooser and an Avro editor that is checked as one types.
class CreateSchemaDialog final : public ResourceDialog
{
    Q_OBJECT

public:
    explicit CreateSchemaDialog(Workspace& workspace, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CreateSchemaDialog)

protected:
    bool validate() override;
    QString submit() override;

private:
    void applyTemplate(int index);
    void describeSchema();
    // Highlights where the definition stops being JSON (the hint says the line and column).
    void markSyntaxError(const QString& definition);

    QLineEdit* m_nameEdit;
    HintLabel* m_nameHint;
    QComboBox* m_domainCombo;
    QComboBox* m_templateCombo;
    QLabel* m_templateDescription;
    QPlainTextEdit* m_schemaEdit;
    HintLabel* m_schemaHint;
    QLabel* m_schemaSummary;
};

} // namespace footfall
