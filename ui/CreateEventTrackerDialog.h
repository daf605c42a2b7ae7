#pragma once

#include "ResourceDialog.h"

class QComboBox;
class QLineEdit;

namespace footfall {

class DatasetGroupComboBox;
class HintLabel;

// Groups that already have a tracker stay in the list, marked, and choosing one says why OK is off.
class CreateEventTrackerDialog final : public ResourceDialog
{
    Q_OBJECT

public:
    CreateEventTrackerDialog(Workspace& workspace, const QString& datasetGroupArn, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CreateEventTrackerDialog)

protected:
    bool validate() override;
    QString submit() override;

private:
    void suggestName();

    DatasetGroupComboBox* m_groupCombo;
    HintLabel* m_groupHint;
    QLineEdit* m_nameEdit;
    HintLabel* m_nameHint;
    bool m_nameEdited = false;
};

} // namespace footfall
