#pragma once

#include "ResourceDialog.h"

class QComboBox;
class QLineEdit;

namespace footfall {

class HintLabel;

class CreateDatasetGroupDialog final : public ResourceDialog
{
    Q_OBJECT

public:
    explicit CreateDatasetGroupDialog(Workspace& workspace, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CreateDatasetGroupDialog)

protected:
    bool validate() override;
    QString submit() override;

private:
    QLineEdit* m_nameEdit;
    HintLabel* m_nameHint;
    QComboBox* m_domainCombo;
};

} // namespace footfall
