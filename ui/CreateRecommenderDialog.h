#pragma once

#include "ResourceDialog.h"

class QLabel;
class QLineEdit;

namespace footfall {

class DatasetGroupComboBox;
class HintLabel;

// Creates (and trains) the recommender of a domain dataset group, with the domain's use case.
class CreateRecommenderDialog final : public ResourceDialog
{
    Q_OBJECT

public:
    CreateRecommenderDialog(Workspace& workspace, const QString& datasetGroupArn, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CreateRecommenderDialog)

protected:
    bool validate() override;
    QString submit() override;

private:
    QString recipe(); // the use case of the chosen group's domain

    DatasetGroupComboBox* m_groupCombo;
    HintLabel* m_groupHint;
    QLineEdit* m_nameEdit;
    HintLabel* m_nameHint;
    QLabel* m_recipeLabel;
};

} // namespace footfall
