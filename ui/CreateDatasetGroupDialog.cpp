#include "CreateDatasetGroupDialog.h"

#include "DatasetGroupService.h"
#include "FieldRule.h"
#include "HintLabel.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace footfall {

CreateDatasetGroupDialog::CreateDatasetGroupDialog(Workspace& workspace, QWidget* parent)
    : ResourceDialog(workspace, tr("Create dataset group"), parent)
    , m_nameEdit(new QLineEdit(this))
    , m_nameHint(new HintLabel(QStringLiteral("nameHint"), this))
    , m_domainCombo(new QComboBox(this))
{
    setObjectName(QStringLiteral("createDatasetGroupDialog"));
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setPlaceholderText(tr("e.g. movie-store"));
    m_nameEdit->setMaxLength(FieldRule::resourceName().maxLength() + 10);
    m_nameEdit->setAccessibleName(tr("Dataset group name"));
    m_nameEdit->setToolTip(tr("1-63 letters, digits, '-' or '_', starting with a letter or digit"));
    m_domainCombo->setObjectName(QStringLiteral("domainCombo"));
    m_domainCombo->setAccessibleName(tr("Domain"));
    m_domainCombo->addItem(tr("Custom (your own recipes and campaigns)"), QString());
    m_domainCombo->addItem(tr("ECOMMERCE (recommenders for retail)"), QStringLiteral("ECOMMERCE"));
    m_domainCombo->addItem(tr("VIDEO_ON_DEMAND (recommenders for media)"), QStringLiteral("VIDEO_ON_DEMAND"));

    form()->addRow(tr("&Name:"), m_nameEdit);
    form()->addRow(QString(), m_nameHint);
    form()->addRow(tr("&Domain:"), m_domainCombo);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &CreateDatasetGroupDialog::revalidate);
    finishLayout();
    setFormWidth(520);
}

bool CreateDatasetGroupDialog::validate()
{
    try {
        workspace().datasetGroups().validate(
            {m_nameEdit->text(), m_domainCombo->currentData().toString(), {}, {}, {}});
    } catch (const ServiceError& error) {
        // Before anything is typed, OK is simply off; the hint appears once there is a name to judge.
        m_nameHint->setProblem(m_nameEdit->text().isEmpty() ? std::nullopt
                                                            : std::optional<QString>(error.message()));
        return false;
    }
    m_nameHint->setProblem(std::nullopt);
    return true;
}

QString CreateDatasetGroupDialog::submit()
{
    return workspace()
        .datasetGroups()
        .create({m_nameEdit->text(), m_domainCombo->currentData().toString(), {}, {}, {}})
        .arn;
}

} // namespace footfall
