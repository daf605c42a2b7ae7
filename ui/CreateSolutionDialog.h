#pragma once

#include "ResourceDialog.h"
#include "SolutionService.h"

class QComboBox;
class QLineEdit;

namespace footfall {

class DatasetGroupComboBox;
class HintLabel;

// Creates a solution: dataset group, name, recipe and the optional training filters.
class CreateSolutionDialog final : public ResourceDialog
{
    Q_OBJECT

public:
    CreateSolutionDialog(Workspace& workspace, const QString& datasetGroupArn, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CreateSolutionDialog)

protected:
    bool validate() override;
    QString submit() override;

private:
    CreateSolutionInput input() const;

    DatasetGroupComboBox* m_groupCombo;
    HintLabel* m_groupHint;
    QLineEdit* m_nameEdit;
    HintLabel* m_nameHint;
    QComboBox* m_recipeCombo;
    QLineEdit* m_eventTypeEdit;
    QLineEdit* m_thresholdEdit;
    HintLabel* m_filterHint;
};

} // namespace footfall
