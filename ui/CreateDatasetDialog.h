#pragma once

#include "ResourceDialog.h"

class QComboBox;
class QLineEdit;

namespace footfall {

class DatasetGroupComboBox;
class HintLabel;

class CreateDatasetDialog final : public ResourceDialog
{
    Q_OBJECT

public:
    CreateDatasetDialog(Workspace& workspace, const QString& datasetGroupArn, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CreateDatasetDialog)

protected:
    bool validate() override;
    QString submit() override;

private:
    void selectFittingSchema();
    void suggestName();

    DatasetGroupComboBox* m_groupCombo;
    HintLabel* m_groupHint;
    QComboBox* m_typeCombo;
    HintLabel* m_typeHint;
    QComboBox* m_schemaCombo;
    HintLabel* m_schemaHint;
    QLineEdit* m_nameEdit;
    HintLabel* m_nameHint;
    bool m_nameEdited = false;
};

} // namespace footfall
