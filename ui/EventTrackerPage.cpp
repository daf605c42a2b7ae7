#include "EventTrackerPage.h"

#include "DetailsForm.h"
#include "EventTrackerService.h"
#include "Lifecycle.h"
#include "TrackerSnippets.h"
#include "Workspace.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace footfall {

namespace {
QPlainTextEdit* makeSnippetEdit(const QString& objectName, const QString& accessibleName, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}
} // namespace

EventTrackerPage::EventTrackerPage(QWidget* parent)
    : ResourcePage(QStringLiteral("eventTrackerPage"), parent)
    , m_trackingIdEdit(new QLineEdit(this))
    , m_copyButton(new QPushButton(tr("&Copy"), this))
    , m_snippetTabs(new QTabWidget(this))
    , m_boto3Edit(makeSnippetEdit(QStringLiteral("boto3Snippet"), tr("PutEvents code for boto3"), this))
    , m_cliEdit(
          makeSnippetEdit(QStringLiteral("awsCliSnippet"), tr("PutEvents command for the AWS CLI"), this))
    , m_javaEdit(makeSnippetEdit(QStringLiteral("javaSnippet"), tr("PutEvents code for the Java SDK"), this))
    , m_deleteButton(new QPushButton(tr("&Delete Event Tracker…"), this))
{
    auto* details = new DetailsForm;
    m_nameLabel = details->addDetail(tr("Name:"), QStringLiteral("nameValue"));
    m_arnLabel = details->addDetail(tr("ARN:"), QStringLiteral("arnValue"));
    m_statusLabel = details->addDetail(tr("Status:"), QStringLiteral("statusValue"));
    m_groupLabel = details->addDetail(tr("Dataset group:"), QStringLiteral("datasetGroupValue"));
    m_createdLabel = details->addDetail(tr("Created:"), QStringLiteral("createdValue"));

    m_trackingIdEdit->setObjectName(QStringLiteral("trackingIdEdit"));
    m_trackingIdEdit->setReadOnly(true);
    m_trackingIdEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_trackingIdEdit->setAccessibleName(tr("Tracking ID"));
    m_copyButton->setObjectName(QStringLiteral("copyTrackingIdButton"));
    m_copyButton->setToolTip(tr("Copy the tracking ID to the clipboard"));
    m_copyButton->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    auto* trackingRow = new QHBoxLayout;
    trackingRow->addWidget(m_trackingIdEdit, 1);
    trackingRow->addWidget(m_copyButton);
    details->addRow(tr("Tracking ID:"), trackingRow);
    pageLayout()->addLayout(details);

    auto* snippetHeading = new QLabel(tr("Send events with this tracking ID:"), this);
    pageLayout()->addWidget(snippetHeading);
    m_snippetTabs->setObjectName(QStringLiteral("snippetTabs"));
    m_snippetTabs->addTab(m_boto3Edit, tr("Python (boto3)"));
    m_snippetTabs->addTab(m_cliEdit, tr("AWS CLI"));
    m_snippetTabs->addTab(m_javaEdit, tr("Java SDK 2.x"));
    pageLayout()->addWidget(m_snippetTabs, 1);

    auto* buttons = new QHBoxLayout;
    auto* copySnippetButton = new QPushButton(tr("Copy &Snippet"), this);
    copySnippetButton->setObjectName(QStringLiteral("copySnippetButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteTrackerButton"));
    m_deleteButton->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    auto* composeButton = new QPushButton(tr("C&ompose Events…"), this);
    composeButton->setObjectName(QStringLiteral("composeEventsButton"));
    composeButton->setToolTip(tr("Send events with this tracker from the event composer"));
    connect(composeButton, &QPushButton::clicked, this, [this] { emit composeRequested(arn()); });
    buttons->addWidget(composeButton);
    buttons->addWidget(copySnippetButton);
    buttons->addStretch(1);
    buttons->addWidget(m_deleteButton);
    pageLayout()->addLayout(buttons);

    connect(m_copyButton, &QPushButton::clicked, this, &EventTrackerPage::copyTrackingId);
    connect(copySnippetButton, &QPushButton::clicked, this, &EventTrackerPage::copySnippet);
    connect(m_deleteButton, &QPushButton::clicked, this, [this] { emit deleteRequested(arn()); });
}

void EventTrackerPage::setEndpointUrl(const QString& url)
{
    m_endpointUrl = url;
    if (!arn().isEmpty())
        showResource(arn());
}

bool EventTrackerPage::load()
{
    const auto tracker = workspace()->eventTrackers().findByArn(arn());
    if (!tracker)
        return false;
    setHeading(tr("Event tracker %1").arg(tracker->name));
    m_nameLabel->setText(tracker->name);
    m_arnLabel->setText(tracker->arn);
    m_statusLabel->setText(noteStatus(tracker->status));
    m_groupLabel->setText(tracker->datasetGroupArn);
    m_createdLabel->setText(formatTime(tracker->createdMs));
    m_trackingIdEdit->setText(tracker->trackingId);
    m_boto3Edit->setPlainText(TrackerSnippets::boto3(tracker->trackingId, m_endpointUrl));
    m_cliEdit->setPlainText(TrackerSnippets::awsCli(tracker->trackingId, m_endpointUrl));
    m_javaEdit->setPlainText(TrackerSnippets::java(tracker->trackingId, m_endpointUrl));
    m_deleteButton->setEnabled(tracker->status != Lifecycle::deletePendingStatus());
    return true;
}

void EventTrackerPage::copyTrackingId()
{
    QGuiApplication::clipboard()->setText(m_trackingIdEdit->text());
    emit statusMessage(tr("Copied tracking ID %1").arg(m_trackingIdEdit->text()));
}

void EventTrackerPage::copySnippet()
{
    if (auto* edit = qobject_cast<QPlainTextEdit*>(m_snippetTabs->currentWidget())) {
        QGuiApplication::clipboard()->setText(edit->toPlainText());
        emit statusMessage(
            tr("Copied the %1 snippet").arg(m_snippetTabs->tabText(m_snippetTabs->currentIndex())));
    }
}

} // namespace footfall
