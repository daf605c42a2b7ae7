#include "CreateMetricAttributionDialog.h"

#include "AvroSchema.h"
#include "DatasetGroupComboBox.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "FieldRule.h"
#include "HintLabel.h"
#include "InteractionQuery.h"
#include "SchemaService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace footfall {

CreateMetricAttributionDialog::CreateMetricAttributionDialog(Workspace& workspace,
                                                             const QString& datasetGroupArn, QWidget* parent)
    : ResourceDialog(workspace, tr("Create metric attribution"), parent)
    , m_groupCombo(new DatasetGroupComboBox(this))
    , m_groupHint(new HintLabel(QStringLiteral("groupHint"), this))
    , m_nameEdit(new QLineEdit(this))
    , m_nameHint(new HintLabel(QStringLiteral("nameHint"), this))
    , m_metricsTable(new QTableWidget(0, 3, this))
    , m_addButton(new QPushButton(tr("&Add metric"), this))
    , m_removeButton(new QPushButton(tr("&Remove metric"), this))
    , m_metricsHint(new HintLabel(QStringLiteral("metricsHint"), this))
    , m_roleEdit(new QLineEdit(this))
    , m_s3Edit(new QLineEdit(this))
    , m_outputHint(new HintLabel(QStringLiteral("outputHint"), this))
{
    setObjectName(QStringLiteral("createMetricAttributionDialog"));
    m_groupCombo->load(workspace, datasetGroupArn, [&workspace](const DatasetGroup& group) {
        const auto attribution = workspace.metricAttributions().findForGroup(group.id);
        return attribution ? tr("%1 (has metric attribution %2)").arg(group.name, attribution->name)
                           : group.name;
    });
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Metric attribution name"));
    m_metricsTable->setObjectName(QStringLiteral("metricsTable"));
    m_metricsTable->setAccessibleName(tr("Metrics"));
    m_metricsTable->setHorizontalHeaderLabels({tr("Event type"), tr("Metric name"), tr("Expression")});
    m_metricsTable->horizontalHeader()->setStretchLastSection(true);
    m_metricsTable->verticalHeader()->hide();
    m_metricsTable->setMinimumHeight(150);
    m_metricsTable->setToolTip(
        tr("Up to 10 metrics. Expression: SAMPLECOUNT() counts the events of the type; "
           "SUM(Interactions.COLUMN) adds a numeric column of the events; "
           "SUM(Items.COLUMN) adds a numeric column of their items"));
    m_addButton->setObjectName(QStringLiteral("addMetricButton"));
    m_removeButton->setObjectName(QStringLiteral("removeMetricButton"));
    m_roleEdit->setObjectName(QStringLiteral("roleArnEdit"));
    m_roleEdit->setAccessibleName(tr("Role ARN"));
    m_roleEdit->setText(QStringLiteral("arn:aws:iam::%1:role/PersonalizeMetricAttribution")
                            .arg(workspace.config().accountId));
    m_roleEdit->setToolTip(tr("Stored as AWS stores it; Footfall sends nothing anywhere"));
    m_s3Edit->setObjectName(QStringLiteral("s3PathEdit"));
    m_s3Edit->setAccessibleName(tr("S3 path"));
    m_s3Edit->setPlaceholderText(tr("optional, e.g. s3://bucket/attribution/"));

    auto* metricButtons = new QHBoxLayout;
    metricButtons->addWidget(m_addButton);
    metricButtons->addWidget(m_removeButton);
    metricButtons->addStretch(1);
    auto* metrics = new QVBoxLayout;
    metrics->setContentsMargins(0, 0, 0, 0);
    metrics->addWidget(m_metricsTable);
    metrics->addLayout(metricButtons);
    form()->addRow(tr("Dataset &group:"), m_groupCombo);
    form()->addRow(QString(), m_groupHint);
    form()->addRow(tr("&Name:"), m_nameEdit);
    form()->addRow(QString(), m_nameHint);
    form()->addRow(tr("Metrics:"), metrics);
    form()->addRow(QString(), m_metricsHint);
    form()->addRow(tr("Ro&le ARN:"), m_roleEdit);
    form()->addRow(tr("&S3 path:"), m_s3Edit);
    form()->addRow(QString(), m_outputHint);

    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, [this] {
        suggestName();
        revalidate();
    });
    connect(m_nameEdit, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    for (QLineEdit* edit : {m_nameEdit, m_roleEdit, m_s3Edit})
        connect(edit, &QLineEdit::textChanged, this, &CreateMetricAttributionDialog::revalidate);
    connect(m_metricsTable, &QTableWidget::itemChanged, this, &CreateMetricAttributionDialog::revalidate);
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        addMetric(QString(), QString(), QStringLiteral("SAMPLECOUNT()"));
        m_metricsTable->setCurrentCell(m_metricsTable->rowCount() - 1, 0);
        m_metricsTable->editItem(m_metricsTable->currentItem());
    });
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        const int row = m_metricsTable->currentRow();
        m_metricsTable->removeRow(row >= 0 ? row : m_metricsTable->rowCount() - 1);
        revalidate();
    });

    // Start with a metric that counts the group's first event type, so OK can work at once.
    QString firstType = QStringLiteral("click");
    if (const auto group = workspace.datasetGroups().findByArn(m_groupCombo->currentData().toString())) {
        const QStringList types = workspace.interactions().eventTypes(group->id);
        if (!types.isEmpty() && !types.first().isEmpty())
            firstType = types.first();
    }
    addMetric(firstType, firstType.toUpper() + QStringLiteral("_COUNT"), QStringLiteral("SAMPLECOUNT()"));
    suggestName();
    finishLayout();
    setFormWidth(680);
}

void CreateMetricAttributionDialog::addMetric(const QString& eventType, const QString& metricName,
                                              const QString& expression)
{
    QSignalBlocker blocker(m_metricsTable);
    const int row = m_metricsTable->rowCount();
    m_metricsTable->insertRow(row);
    m_metricsTable->setItem(row, 0, new QTableWidgetItem(eventType));
    m_metricsTable->setItem(row, 1, new QTableWidgetItem(metricName));
    m_metricsTable->setItem(row, 2, new QTableWidgetItem(expression));
    m_metricsTable->resizeColumnToContents(0);
    m_metricsTable->resizeColumnToContents(1);
    blocker.unblock();
    revalidate();
}

void CreateMetricAttributionDialog::suggestName()
{
    if (m_nameEdited || m_groupCombo->currentIndex() < 0)
        return;
    m_nameEdit->setText(m_groupCombo->currentData().toString().section(QLatin1Char('/'), -1).left(55) +
                        QStringLiteral("-metrics"));
}

CreateMetricAttributionInput CreateMetricAttributionDialog::input() const
{
    CreateMetricAttributionInput result;
    result.name = m_nameEdit->text();
    result.datasetGroupArn = m_groupCombo->currentData().toString();
    QJsonArray metrics;
    for (int row = 0; row < m_metricsTable->rowCount(); ++row) {
        const auto text = [this, row](int column) {
            const QTableWidgetItem* item = m_metricsTable->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        metrics.append(QJsonObject{{QStringLiteral("eventType"), text(0)},
                                   {QStringLiteral("metricName"), text(1)},
                                   {QStringLiteral("expression"), text(2)}});
    }
    result.metrics = metrics;
    QJsonObject output{{QStringLiteral("roleArn"), m_roleEdit->text().trimmed()}};
    if (!m_s3Edit->text().trimmed().isEmpty())
        output.insert(QStringLiteral("s3DataDestination"),
                      QJsonObject{{QStringLiteral("path"), m_s3Edit->text().trimmed()}});
    result.metricsOutputConfig = output;
    return result;
}

bool CreateMetricAttributionDialog::validate()
{
    m_removeButton->setEnabled(m_metricsTable->rowCount() > 0);
    m_addButton->setEnabled(m_metricsTable->rowCount() < MetricAttributionService::kMaxMetrics);
    HintLabel* hints[] = {m_groupHint, m_nameHint, m_metricsHint, m_outputHint};
    const auto show = [&](HintLabel* target, const std::optional<QString>& problem) {
        for (HintLabel* hint : hints)
            hint->setProblem(hint == target ? problem : std::nullopt);
        return !problem;
    };
    const CreateMetricAttributionInput current = input();
    if (current.datasetGroupArn.isEmpty())
        return show(m_groupHint, tr("Create a dataset group first: a metric attribution belongs to one."));
    if (const auto problem = FieldRule::resourceName().check(QStringLiteral("name"), current.name))
        return show(m_nameHint, problem);
    if (m_metricsTable->rowCount() == 0)
        return show(m_metricsHint, tr("Add at least one metric."));
    try {
        workspace().metricAttributions().validate(current);
    } catch (const ServiceError& error) {
        const QString parameter = error.parameter();
        HintLabel* target = parameter == QLatin1String("name")                           ? m_nameHint
                            : parameter.startsWith(QLatin1String("metrics["))            ? m_metricsHint
                            : parameter == QLatin1String("metrics")                      ? m_metricsHint
                            : parameter.startsWith(QLatin1String("metricsOutputConfig")) ? m_outputHint
                                                                                         : m_groupHint;
        return show(target, error.message());
    }
    return show(nullptr, std::nullopt);
}

QString CreateMetricAttributionDialog::submit()
{
    return workspace().metricAttributions().create(input()).arn;
}

} // namespace footfall
