#include "CampaignPage.h"

#include "CampaignService.h"
#include "DetailsForm.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "Workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace footfall {

CampaignPage::CampaignPage(QWidget* parent)
    : ResourcePage(QStringLiteral("campaignPage"), parent)
    , m_updateButton(new QPushButton(tr("&Update Now"), this))
{
    auto* details = new DetailsForm;
    m_nameLabel = details->addDetail(tr("Name:"), QStringLiteral("nameValue"));
    m_arnLabel = details->addDetail(tr("ARN:"), QStringLiteral("arnValue"));
    m_statusLabel = details->addDetail(tr("Status:"), QStringLiteral("statusValue"));
    m_versionLabel = details->addDetail(tr("Solution version:"), QStringLiteral("versionValue"));
    m_recipeLabel = details->addDetail(tr("Recipe:"), QStringLiteral("recipeValue"));
    m_modelLabel = details->addDetail(tr("Model updated:"), QStringLiteral("modelValue"));
    m_createdLabel = details->addDetail(tr("Created:"), QStringLiteral("createdValue"));
    pageLayout()->addLayout(details);
    auto* explanation =
        new QLabel(tr("Events recorded for items the model knows change User-Personalization and "
                      "Personalized-Ranking answers at once. New items join a User-Personalization model at "
                      "its automatic update, two hours after the last, or now with Update Now; SIMS and "
                      "Popularity-Count need a new solution version."),
                   this);
    explanation->setWordWrap(true);
    pageLayout()->addWidget(explanation);
    pageLayout()->addStretch(1);

    auto* preview = new QPushButton(tr("Pre&view Recommendations…"), this);
    preview->setObjectName(QStringLiteral("previewButton"));
    m_updateButton->setObjectName(QStringLiteral("updateNowButton"));
    auto* remove = new QPushButton(tr("&Delete Campaign…"), this);
    remove->setObjectName(QStringLiteral("deleteCampaignButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(preview);
    buttons->addWidget(m_updateButton);
    buttons->addStretch(1);
    buttons->addWidget(remove);
    pageLayout()->addLayout(buttons);
    connect(preview, &QPushButton::clicked, this, [this] { emit previewRequested(arn()); });
    connect(m_updateButton, &QPushButton::clicked, this, &CampaignPage::updateNow);
    connect(remove, &QPushButton::clicked, this, [this] { emit deleteRequested(arn()); });
}

bool CampaignPage::load()
{
    const auto campaign = workspace()->campaigns().findByArn(arn());
    if (!campaign)
        return false;
    setHeading(tr("Campaign %1").arg(campaign->name));
    m_nameLabel->setText(campaign->name);
    m_arnLabel->setText(campaign->arn);
    m_statusLabel->setText(noteStatus(campaign->status));
    m_versionLabel->setText(campaign->solutionVersionArn);
    m_recipeLabel->setText(Recipes::arn(campaign->recipe));
    const auto version = workspace()->solutions().findVersion(campaign->solutionVersionArn);
    m_modelLabel->setText(version ? formatTime(version->modelUpdatedMs) : QString());
    m_createdLabel->setText(formatTime(campaign->createdMs));
    m_updateButton->setEnabled(campaign->recipe == Recipe::UserPersonalization);
    return true;
}

void CampaignPage::updateNow()
{
    try {
        if (workspace()->campaigns().updateNow(arn()))
            emit statusMessage(
                tr("The campaign's model took in the events and items recorded since its last update"));
        showResource(arn());
    } catch (const ServiceError& error) {
        QMessageBox::warning(this, tr("Update now"), error.message());
    }
}

} // namespace footfall
