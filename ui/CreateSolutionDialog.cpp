#include "CreateSolutionDialog.h"

#include "DatasetGroupComboBox.h"
#include "DatasetGroupService.h"
#include "FieldRule.h"
#include "HintLabel.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLineEdit>

namespace footfall {

CreateSolutionDialog::CreateSolutionDialog(Workspace& workspace, const QString& datasetGroupArn,
                                           QWidget* parent)
    : ResourceDialog(workspace, tr("Create solution"), parent)
    , m_groupCombo(new DatasetGroupComboBox(this))
    , m_groupHint(new HintLabel(QStringLiteral("groupHint"), this))
    , m_nameEdit(new QLineEdit(this))
    , m_nameHint(new HintLabel(QStringLiteral("nameHint"), this))
    , m_recipeCombo(new QComboBox(this))
    , m_eventTypeEdit(new QLineEdit(this))
    , m_thresholdEdit(new QLineEdit(this))
    , m_filterHint(new HintLabel(QStringLiteral("filterHint"), this))
{
    setObjectName(QStringLiteral("createSolutionDialog"));
    m_groupCombo->load(workspace, datasetGroupArn);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Solution name"));
    m_recipeCombo->setObjectName(QStringLiteral("recipeCombo"));
    m_recipeCombo->addItem(tr("User-Personalization: from each user's history, reacting to new events"),
                           Recipes::arn(Recipe::UserPersonalization));
    m_recipeCombo->addItem(tr("SIMS: items chosen together with a given item"), Recipes::arn(Recipe::Sims));
    m_recipeCombo->addItem(tr("Popularity-Count: the most chosen items"),
                           Recipes::arn(Recipe::PopularityCount));
    m_recipeCombo->addItem(tr("Personalized-Ranking: re-rank a given list for a user"),
                           Recipes::arn(Recipe::PersonalizedRanking));
    m_eventTypeEdit->setObjectName(QStringLiteral("eventTypeEdit"));
    m_eventTypeEdit->setPlaceholderText(tr("every type"));
    m_thresholdEdit->setObjectName(QStringLiteral("thresholdEdit"));
    m_thresholdEdit->setPlaceholderText(tr("no minimum event value"));
    if (const auto group = workspace.datasetGroups().findByArn(m_groupCombo->currentArn())) {
        QStringList taken;
        for (const Solution& solution : workspace.solutions().list())
            taken << solution.name;
        m_nameEdit->setText(unusedName(group->name.left(50) + QStringLiteral("-personal"), taken));
    }

    form()->addRow(tr("Dataset &group:"), m_groupCombo);
    form()->addRow(QString(), m_groupHint);
    form()->addRow(tr("&Name:"), m_nameEdit);
    form()->addRow(QString(), m_nameHint);
    form()->addRow(tr("&Recipe:"), m_recipeCombo);
    form()->addRow(tr("Train on event &type:"), m_eventTypeEdit);
    form()->addRow(tr("Minimum event &value:"), m_thresholdEdit);
    form()->addRow(QString(), m_filterHint);
    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, &CreateSolutionDialog::revalidate);
    for (QLineEdit* edit : {m_nameEdit, m_eventTypeEdit, m_thresholdEdit})
        connect(edit, &QLineEdit::textChanged, this, &CreateSolutionDialog::revalidate);
    finishLayout();
    setFormWidth(620);
}

CreateSolutionInput CreateSolutionDialog::input() const
{
    CreateSolutionInput result{m_nameEdit->text(),
                               m_groupCombo->currentArn(),
                               m_recipeCombo->currentData().toString(),
                               m_eventTypeEdit->text().trimmed(),
                               {}};
    if (!m_thresholdEdit->text().trimmed().isEmpty())
        result.solutionConfig =
            QJsonObject{{QStringLiteral("eventValueThreshold"), m_thresholdEdit->text().trimmed()}};
    return result;
}

bool CreateSolutionDialog::validate()
{
    const auto show = [this](HintLabel* target, const std::optional<QString>& problem) {
        return showProblemIn({m_groupHint, m_nameHint, m_filterHint}, target, problem);
    };
    if (m_groupCombo->currentArn().isEmpty())
        return show(m_groupHint, tr("Create a dataset group first: a solution trains on its interactions."));
    try {
        workspace().solutions().validate(input());
    } catch (const ServiceError& error) {
        const QString parameter = error.parameter();
        return show(parameter == QLatin1String("name")                      ? m_nameHint
                    : parameter.startsWith(QLatin1String("solutionConfig")) ? m_filterHint
                    : parameter == QLatin1String("eventType")               ? m_filterHint
                                                                            : m_groupHint,
                    error.message());
    }
    return show(nullptr, std::nullopt);
}

QString CreateSolutionDialog::submit()
{
    return workspace().solutions().create(input()).arn;
}

} // namespace footfall
