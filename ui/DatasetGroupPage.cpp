#include "DatasetGroupPage.h"

#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "DetailsForm.h"
#include "EventTrackerService.h"
#include "Lifecycle.h"
#include "Workspace.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace footfall {

DatasetGroupPage::DatasetGroupPage(QWidget* parent)
    : ResourcePage(QStringLiteral("datasetGroupPage"), parent)
    , m_nextStepLabel(new QLabel(this))
    , m_members(new QTreeWidget(this))
    , m_createDatasetButton(new QPushButton(tr("Create &Dataset…"), this))
    , m_createTrackerButton(new QPushButton(tr("Create Event T&racker…"), this))
    , m_deleteButton(new QPushButton(tr("De&lete Dataset Group…"), this))
{
    auto* details = new DetailsForm;
    m_nameLabel = details->addDetail(tr("Name:"), QStringLiteral("nameValue"));
    m_arnLabel = details->addDetail(tr("ARN:"), QStringLiteral("arnValue"));
    m_domainLabel = details->addDetail(tr("Domain:"), QStringLiteral("domainValue"));
    m_statusLabel = details->addDetail(tr("Status:"), QStringLiteral("statusValue"));
    m_createdLabel = details->addDetail(tr("Created:"), QStringLiteral("createdValue"));
    pageLayout()->addLayout(details);

    m_nextStepLabel->setObjectName(QStringLiteral("nextStepLabel"));
    m_nextStepLabel->setWordWrap(true);
    pageLayout()->addWidget(m_nextStepLabel);

    m_members->setObjectName(QStringLiteral("membersTree"));
    m_members->setHeaderLabels({tr("Resource"), tr("Name"), tr("Status"), tr("ARN")});
    m_members->setRootIsDecorated(false);
    m_members->setAccessibleName(tr("Datasets and event tracker"));
    m_members->header()->setStretchLastSection(true);
    pageLayout()->addWidget(m_members, 1);

    m_createDatasetButton->setObjectName(QStringLiteral("createDatasetButton"));
    m_createTrackerButton->setObjectName(QStringLiteral("createTrackerButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteDatasetGroupButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_createDatasetButton);
    buttons->addWidget(m_createTrackerButton);
    auto* importButton = new QPushButton(tr("&Import CSV…"), this);
    importButton->setObjectName(QStringLiteral("importButton"));
    connect(importButton, &QPushButton::clicked, this, [this] { emit importRequested(arn()); });
    buttons->addWidget(importButton);
    buttons->addStretch(1);
    buttons->addWidget(m_deleteButton);
    pageLayout()->addLayout(buttons);

    connect(m_createDatasetButton, &QPushButton::clicked, this,
            [this] { emit createDatasetRequested(arn()); });
    connect(m_createTrackerButton, &QPushButton::clicked, this,
            [this] { emit createEventTrackerRequested(arn()); });
    connect(m_deleteButton, &QPushButton::clicked, this, [this] { emit deleteRequested(arn()); });
    connect(m_members, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { emit openRequested(item->text(3)); });
}

bool DatasetGroupPage::load()
{
    const auto group = workspace()->datasetGroups().findByArn(arn());
    if (!group)
        return false;
    setHeading(tr("Dataset group %1").arg(group->name));
    m_nameLabel->setText(group->name);
    m_arnLabel->setText(group->arn);
    m_domainLabel->setText(group->isDomain() ? group->domain : tr("Custom"));
    m_statusLabel->setText(noteStatus(group->status));
    m_createdLabel->setText(formatTime(group->createdMs));

    m_members->clear();
    bool hasInteractions = false;
    for (const Dataset& dataset : workspace()->datasets().list(group->arn)) {
        hasInteractions = hasInteractions || dataset.type == DatasetType::Interactions;
        m_members->addTopLevelItem(
            new QTreeWidgetItem({tr("%1 dataset").arg(DatasetTypes::name(dataset.type)), dataset.name,
                                 noteStatus(dataset.status), dataset.arn}));
    }
    const auto tracker = workspace()->eventTrackers().findForGroup(group->id);
    if (tracker)
        m_members->addTopLevelItem(new QTreeWidgetItem(
            {tr("Event tracker"), tracker->name, noteStatus(tracker->status), tracker->arn}));
    for (int column = 0; column < 3; ++column)
        m_members->resizeColumnToContents(column);

    if (!hasInteractions)
        m_nextStepLabel->setText(
            tr("Next: create an Interactions dataset, so that recorded events have a place to go."));
    else if (!tracker)
        m_nextStepLabel->setText(
            tr("Next: create an event tracker; its tracking ID is what PutEvents calls send."));
    else
        m_nextStepLabel->setText(tr("Ready: send events with the tracking ID of %1.").arg(tracker->name));
    m_createTrackerButton->setEnabled(!tracker);
    m_createTrackerButton->setToolTip(tracker ? tr("A dataset group has only one event tracker") : QString());
    m_deleteButton->setEnabled(group->status != Lifecycle::deletePendingStatus());
    return true;
}

} // namespace footfall
