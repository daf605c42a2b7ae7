#include "CreateEventTrackerDialog.h"

#include "DatasetGroupComboBox.h"
#include "DatasetGroupService.h"
#include "EventTrackerService.h"
#include "FieldRule.h"
#include "HintLabel.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace footfall {

CreateEventTrackerDialog::CreateEventTrackerDialog(Workspace& workspace, const QString& datasetGroupArn,
                                                   QWidget* parent)
    : ResourceDialog(workspace, tr("Create event tracker"), parent)
    , m_groupCombo(new DatasetGroupComboBox(this))
    , m_groupHint(new HintLabel(QStringLiteral("groupHint"), this))
    , m_nameEdit(new QLineEdit(this))
    , m_nameHint(new HintLabel(QStringLiteral("nameHint"), this))
{
    setObjectName(QStringLiteral("createEventTrackerDialog"));
    m_groupCombo->load(workspace, datasetGroupArn, [&workspace](const DatasetGroup& group) {
        const auto tracker = workspace.eventTrackers().findForGroup(group.id);
        return tracker ? tr("%1 (has tracker %2)").arg(group.name, tracker->name) : group.name;
    });
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Event tracker name"));
    m_nameEdit->setToolTip(tr("1-63 letters, digits, '-' or '_', starting with a letter or digit"));

    form()->addRow(tr("Dataset &group:"), m_groupCombo);
    form()->addRow(QString(), m_groupHint);
    form()->addRow(tr("&Name:"), m_nameEdit);
    form()->addRow(QString(), m_nameHint);
    suggestName();
    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, [this] {
        suggestName();
        revalidate();
    });
    connect(m_nameEdit, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_nameEdit, &QLineEdit::textChanged, this, &CreateEventTrackerDialog::revalidate);
    finishLayout();
    setFormWidth(560);
}

void CreateEventTrackerDialog::suggestName()
{
    if (m_nameEdited || m_groupCombo->currentIndex() < 0)
        return;
    const QString groupArn = m_groupCombo->currentData().toString();
    m_nameEdit->setText(groupArn.section(QLatin1Char('/'), -1).left(55) + QStringLiteral("-tracker"));
}

bool CreateEventTrackerDialog::validate()
{
    const QString groupArn = m_groupCombo->currentData().toString();
    if (groupArn.isEmpty()) {
        m_groupHint->setProblem(tr("Create a dataset group first: every event tracker belongs to one."));
        return false;
    }
    if (!m_nameHint->setProblem(
            FieldRule::resourceName().check(QStringLiteral("name"), m_nameEdit->text()))) {
        m_groupHint->setProblem(std::nullopt);
        return false;
    }
    try {
        workspace().eventTrackers().validate(m_nameEdit->text(), groupArn);
    } catch (const ServiceError& error) {
        // Name problems belong beside the name; everything else is about the chosen group.
        return showProblemIn({m_groupHint, m_nameHint},
                             error.parameter() == QLatin1String("name") ? m_nameHint : m_groupHint,
                             error.message());
    }
    m_groupHint->setProblem(std::nullopt);
    return true;
}

QString CreateEventTrackerDialog::submit()
{
    return workspace().eventTrackers().create(m_nameEdit->text(), m_groupCombo->currentData().toString()).arn;
}

} // namespace footfall
