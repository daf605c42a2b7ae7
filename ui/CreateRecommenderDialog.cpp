#include "CreateRecommenderDialog.h"

#include "DatasetGroupComboBox.h"
#include "DatasetGroupService.h"
#include "HintLabel.h"
#include "RecommenderService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace footfall {

CreateRecommenderDialog::CreateRecommenderDialog(Workspace& workspace, const QString& datasetGroupArn,
                                                 QWidget* parent)
    : ResourceDialog(workspace, tr("Create recommender"), parent)
    , m_groupCombo(new DatasetGroupComboBox(this))
    , m_groupHint(new HintLabel(QStringLiteral("groupHint"), this))
    , m_nameEdit(new QLineEdit(this))
    , m_nameHint(new HintLabel(QStringLiteral("nameHint"), this))
    , m_recipeLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("createRecommenderDialog"));
    m_groupCombo->load(workspace, datasetGroupArn, [](const DatasetGroup& group) {
        return group.isDomain() ? tr("%1 (%2)").arg(group.name, group.domain)
                                : tr("%1 (custom)").arg(group.name);
    });
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Recommender name"));
    QStringList taken;
    for (const Recommender& recommender : workspace.recommenders().list())
        taken << recommender.name;
    m_nameEdit->setText(unusedName(QStringLiteral("top-picks"), taken));
    m_recipeLabel->setObjectName(QStringLiteral("recipeValue"));
    m_recipeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form()->addRow(tr("Dataset &group:"), m_groupCombo);
    form()->addRow(QString(), m_groupHint);
    form()->addRow(tr("&Name:"), m_nameEdit);
    form()->addRow(QString(), m_nameHint);
    form()->addRow(tr("Use case:"), m_recipeLabel);
    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, &CreateRecommenderDialog::revalidate);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &CreateRecommenderDialog::revalidate);
    finishLayout();
    setFormWidth(600);
}

QString CreateRecommenderDialog::recipe()
{
    const auto group = workspace().datasetGroups().findByArn(m_groupCombo->currentArn());
    return group ? RecommenderService::recipeFor(group->domain) : QString();
}

bool CreateRecommenderDialog::validate()
{
    const QString recipeArn = recipe();
    m_recipeLabel->setText(
        recipeArn.isEmpty() ? tr("none: a custom dataset group has solutions and campaigns")
        : recipeArn.endsWith(QLatin1String("top-picks")) ? tr("Top picks for you (%1)").arg(recipeArn)
                                                         : tr("Recommended for you (%1)").arg(recipeArn));
    try {
        workspace().recommenders().validate(m_nameEdit->text(), m_groupCombo->currentArn(), recipeArn);
    } catch (const ServiceError& error) {
        return showProblemIn({m_groupHint, m_nameHint},
                             error.parameter() == QLatin1String("name") ? m_nameHint : m_groupHint,
                             error.message());
    }
    return showProblemIn({m_groupHint, m_nameHint}, nullptr, std::nullopt);
}

QString CreateRecommenderDialog::submit()
{
    // Returns at once: the window's TrainingScheduler trains its model on a worker thread.
    return workspace().recommenders().create(m_nameEdit->text(), m_groupCombo->currentArn(), recipe()).arn;
}

} // namespace footfall
