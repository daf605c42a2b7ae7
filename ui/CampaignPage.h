#pragma once

#include "ResourcePage.h"

class QLabel;
class QPushButton;

namespace footfall {

// A campaign: what it serves, its status, when its model was last updated; "Update now" for
// User-Personalization, and the recommendations preview.
class CampaignPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit CampaignPage(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CampaignPage)

signals:
    void previewRequested(const QString& campaignArn);

protected:
    bool load() override;

private:
    void updateNow();

    QLabel* m_nameLabel;
    QLabel* m_arnLabel;
    QLabel* m_statusLabel;
    QLabel* m_versionLabel;
    QLabel* m_recipeLabel;
    QLabel* m_modelLabel;
    QLabel* m_createdLabel;
    QPushButton* m_updateButton;
};

} // namespace footfall
