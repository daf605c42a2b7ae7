#include "CreateCampaignDialog.h"

#include "CampaignService.h"
#include "HintLabel.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace footfall {

CreateCampaignDialog::CreateCampaignDialog(Workspace& workspace, const QString& solutionVersionArn,
                                           QWidget* parent)
    : ResourceDialog(workspace, tr("Create campaign"), parent)
    , m_versionCombo(new QComboBox(this))
    , m_versionHint(new HintLabel(QStringLiteral("versionHint"), this))
    , m_nameEdit(new QLineEdit(this))
    , m_nameHint(new HintLabel(QStringLiteral("nameHint"), this))
{
    setObjectName(QStringLiteral("createCampaignDialog"));
    m_versionCombo->setObjectName(QStringLiteral("versionCombo"));
    m_versionCombo->setAccessibleName(tr("Solution version"));
    for (const SolutionVersion& version : workspace.solutions().listVersions()) {
        m_versionCombo->addItem(
            tr("%1 (%2, %3)")
                .arg(version.arn.section(QLatin1Char('/'), -2), version.trainingMode, version.status),
            version.arn);
    }
    const int selected = m_versionCombo->findData(solutionVersionArn);
    if (selected >= 0)
        m_versionCombo->setCurrentIndex(selected);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Campaign name"));
    QStringList taken;
    for (const Campaign& campaign : workspace.campaigns().list())
        taken << campaign.name;
    m_nameEdit->setText(
        unusedName(m_versionCombo->currentData().toString().section(QLatin1Char('/'), -2, -2).left(54) +
                       QStringLiteral("-campaign"),
                   taken));
    form()->addRow(tr("Solution &version:"), m_versionCombo);
    form()->addRow(QString(), m_versionHint);
    form()->addRow(tr("&Name:"), m_nameEdit);
    form()->addRow(QString(), m_nameHint);
    connect(m_versionCombo, &QComboBox::currentIndexChanged, this, &CreateCampaignDialog::revalidate);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &CreateCampaignDialog::revalidate);
    finishLayout();
    setFormWidth(600);
}

bool CreateCampaignDialog::validate()
{
    if (m_versionCombo->count() == 0) {
        m_versionHint->setProblem(tr("Train a solution version first: a campaign serves one."));
        return false;
    }
    try {
        workspace().campaigns().validate(m_nameEdit->text(), m_versionCombo->currentData().toString());
    } catch (const ServiceError& error) {
        return showProblemIn({m_versionHint, m_nameHint},
                             error.parameter() == QLatin1String("name") ? m_nameHint : m_versionHint,
                             error.message());
    }
    return showProblemIn({m_versionHint, m_nameHint}, nullptr, std::nullopt);
}

QString CreateCampaignDialog::submit()
{
    return workspace().campaigns().create(m_nameEdit->text(), m_versionCombo->currentData().toString()).arn;
}

} // namespace footfall
