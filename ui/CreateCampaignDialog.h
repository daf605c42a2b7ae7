#pragma once

#include "ResourceDialog.h"

class QComboBox;
class QLineEdit;

namespace footfall {

class HintLabel;

// Deploys an ACTIVE solution version as a campaign.
class CreateCampaignDialog final : public ResourceDialog
{
    Q_OBJECT

public:
    CreateCampaignDialog(Workspace& workspace, const QString& solutionVersionArn, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CreateCampaignDialog)

protected:
    bool validate() override;
    QString submit() override;

private:
    QComboBox* m_versionCombo;
    HintLabel* m_versionHint;
    QLineEdit* m_nameEdit;
    HintLabel* m_nameHint;
};

} // namespace footfall
