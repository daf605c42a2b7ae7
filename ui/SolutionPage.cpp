#include "SolutionPage.h"

#include "DetailsForm.h"
#include "Lifecycle.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "TrainingProgressBar.h"
#include "TrainingScheduler.h"
#include "Workspace.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace footfall {

namespace {
enum Column
{
    VersionColumn,
    ModeColumn,
    StatusColumn,
    InteractionsColumn,
    UsersColumn,
    ItemsColumn,
    NoteColumn,
    ColumnCount
};
} // namespace

SolutionPage::SolutionPage(QWidget* parent)
    : ResourcePage(QStringLiteral("solutionPage"), parent)
    , m_versions(new QTableWidget(0, ColumnCount, this))
    , m_trainingBar(new TrainingProgressBar(this))
    , m_trainButton(new QPushButton(tr("Train &New Version"), this))
    , m_updateButton(new QPushButton(tr("Train &Update"), this))
    , m_campaignButton(new QPushButton(tr("Create &Campaign…"), this))
    , m_deleteButton(new QPushButton(tr("&Delete Solution…"), this))
{
    auto* details = new DetailsForm;
    m_nameLabel = details->addDetail(tr("Name:"), QStringLiteral("nameValue"));
    m_arnLabel = details->addDetail(tr("ARN:"), QStringLiteral("arnValue"));
    m_statusLabel = details->addDetail(tr("Status:"), QStringLiteral("statusValue"));
    m_recipeLabel = details->addDetail(tr("Recipe:"), QStringLiteral("recipeValue"));
    m_filtersLabel = details->addDetail(tr("Training filters:"), QStringLiteral("filtersValue"));
    m_createdLabel = details->addDetail(tr("Created:"), QStringLiteral("createdValue"));
    pageLayout()->addLayout(details);

    m_versions->setObjectName(QStringLiteral("versionsTable"));
    m_versions->setAccessibleName(tr("Solution versions"));
    m_versions->setHorizontalHeaderLabels(
        {tr("Version"), tr("Mode"), tr("Status"), tr("Interactions"), tr("Users"), tr("Items"), tr("Note")});
    m_versions->horizontalHeader()->setStretchLastSection(true);
    m_versions->verticalHeader()->hide();
    m_versions->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_versions->setSelectionMode(QAbstractItemView::SingleSelection);
    m_versions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    pageLayout()->addWidget(m_versions, 1);

    pageLayout()->addWidget(m_trainingBar);

    m_trainButton->setObjectName(QStringLiteral("trainButton"));
    m_trainButton->setToolTip(tr("Train a FULL version on the dataset group's interactions"));
    m_updateButton->setObjectName(QStringLiteral("updateButton"));
    m_updateButton->setToolTip(
        tr("User-Personalization: an UPDATE version that takes in new items and events"));
    m_campaignButton->setObjectName(QStringLiteral("createCampaignButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteSolutionButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_trainButton);
    buttons->addWidget(m_updateButton);
    buttons->addWidget(m_campaignButton);
    buttons->addStretch(1);
    buttons->addWidget(m_deleteButton);
    pageLayout()->addLayout(buttons);

    connect(m_trainButton, &QPushButton::clicked, this, [this] { train(QStringLiteral("FULL")); });
    connect(m_updateButton, &QPushButton::clicked, this, [this] { train(QStringLiteral("UPDATE")); });
    connect(m_campaignButton, &QPushButton::clicked, this,
            [this] { emit createCampaignRequested(campaignVersionArn()); });
    connect(m_deleteButton, &QPushButton::clicked, this, [this] { emit deleteRequested(arn()); });
    connect(m_versions, &QTableWidget::itemSelectionChanged, this, &SolutionPage::updateCampaignButton);
}

SolutionPage::~SolutionPage() = default;

void SolutionPage::watchScheduler()
{
    TrainingScheduler* scheduler = workspace() ? workspace()->trainingScheduler() : nullptr;
    if (!scheduler || scheduler == m_watched)
        return;
    m_watched = scheduler;
    // Both come from the worker thread; `this` as the context queues them to the UI thread.
    connect(scheduler, &TrainingScheduler::trainingProgress, this,
            [this](const QString& versionArn, qint64 read, qint64 total) {
                if (versionArn == m_trainingArn && m_progress)
                    m_progress(read, total);
            });
    connect(scheduler, &TrainingScheduler::trainingStarted, this, [this](const QString& versionArn) {
        if (versionArn == m_trainingArn)
            showResource(arn()); // CREATE IN_PROGRESS
    });
    connect(scheduler, &TrainingScheduler::trainingFinished, this,
            [this](const QString& versionArn, const QString& failureReason) {
                if (versionArn == m_trainingArn)
                    finishTraining(failureReason);
            });
    // Another database was opened, or the window is closing: what it trained is no longer this page's.
    connect(scheduler, &QObject::destroyed, this, [this] {
        m_trainingArn.clear();
        m_progress = {};
        m_trainingBar->stop();
    });
}

void SolutionPage::finishTraining(const QString& error)
{
    m_trainingArn.clear();
    m_progress = {};
    m_trainingBar->stop();
    showResource(arn());
    emit statusMessage(error.isEmpty() ? tr("Training finished") : tr("Cannot train: %1").arg(error));
    emit trainingFinished(error);
    emit databaseChanged();
}

QString SolutionPage::selectedVersionArn() const
{
    const QList<QTableWidgetItem*> selected = m_versions->selectedItems();
    if (selected.isEmpty())
        return {};
    const QTableWidgetItem* version = m_versions->item(selected.first()->row(), VersionColumn);
    return version && version->data(Qt::UserRole + 1).toBool() ? version->data(Qt::UserRole).toString()
                                                               : QString();
}

QString SolutionPage::campaignVersionArn() const
{
    if (!m_versions->selectedItems().isEmpty())
        return selectedVersionArn();
    // Nothing selected: the newest version that can serve.
    for (int row = m_versions->rowCount() - 1; row >= 0; --row) {
        const QTableWidgetItem* version = m_versions->item(row, VersionColumn);
        if (version && version->data(Qt::UserRole + 1).toBool())
            return version->data(Qt::UserRole).toString();
    }
    return {};
}

void SolutionPage::updateCampaignButton()
{
    const QString version = campaignVersionArn();
    m_campaignButton->setEnabled(!version.isEmpty());
    m_campaignButton->setToolTip(
        version.isEmpty() ? (m_versions->selectedItems().isEmpty()
                                 ? tr("A campaign deploys an ACTIVE solution version; train one first")
                                 : tr("The selected version is not ACTIVE: it cannot be deployed"))
                          : tr("Deploy %1 in a new campaign").arg(version.section(QLatin1Char('/'), -1)));
}

bool SolutionPage::load()
{
    const auto solutions = workspace()->solutions().list();
    const auto found = std::find_if(solutions.begin(), solutions.end(),
                                    [this](const Solution& solution) { return solution.arn == arn(); });
    if (found == solutions.end())
        return false;
    const Solution& solution = *found;
    setHeading(tr("Solution %1").arg(solution.name));
    m_nameLabel->setText(solution.name);
    m_arnLabel->setText(solution.arn);
    m_statusLabel->setText(noteStatus(solution.status));
    m_recipeLabel->setText(solution.recipeArn);
    QStringList filters;
    if (!solution.eventType.isEmpty())
        filters << tr("only %1 events").arg(solution.eventType);
    if (solution.eventValueThreshold)
        filters << tr("event value at least %1").arg(*solution.eventValueThreshold);
    m_filtersLabel->setText(filters.isEmpty() ? tr("none: every event except reused eventIds")
                                              : filters.join(tr(", ")));
    m_createdLabel->setText(formatTime(solution.createdMs));

    const QString selected = selectedVersionArn();
    const QList<SolutionVersion> versions = workspace()->solutions().listVersions(solution.arn);
    const QLocale locale;
    m_versions->setRowCount(int(versions.size()));
    for (int row = 0; row < versions.size(); ++row) {
        const SolutionVersion& version = versions.at(row);
        auto* name = new QTableWidgetItem(version.arn.section(QLatin1Char('/'), -1));
        name->setData(Qt::UserRole, version.arn);
        name->setData(Qt::UserRole + 1, version.status == Lifecycle::activeStatus());
        name->setToolTip(version.arn);
        const QStringList cells = {version.trainingMode,
                                   noteStatus(version.status),
                                   locale.toString(version.interactions),
                                   locale.toString(version.users),
                                   locale.toString(version.items),
                                   version.failureReason.isEmpty()
                                       ? tr("trained in %1 ms; model updated %2")
                                             .arg(version.trainingMs)
                                             .arg(formatTime(version.modelUpdatedMs))
                                       : version.failureReason};
        m_versions->setItem(row, VersionColumn, name);
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            if (column + 1 >= InteractionsColumn && column + 1 <= ItemsColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_versions->setItem(row, column + 1, item);
        }
        if (version.arn == selected)
            m_versions->selectRow(row);
    }
    m_versions->resizeColumnsToContents();
    const bool training = isTraining();
    m_trainButton->setEnabled(!training && solution.status == Lifecycle::activeStatus());
    m_updateButton->setEnabled(!training && solution.recipe == Recipe::UserPersonalization &&
                               !versions.isEmpty());
    updateCampaignButton();
    return true;
}

void SolutionPage::train(const QString& trainingMode)
{
    if (isTraining() || !workspace())
        return;
    watchScheduler();
    SolutionVersion version;
    // Returns at once, CREATE PENDING: the window's scheduler trains it.
    const QString failure =
        failureOf([&] { version = workspace()->solutions().createVersion(arn(), trainingMode); });
    if (!failure.isEmpty()) {
        emit statusMessage(tr("Cannot train: %1").arg(failure));
        emit trainingFinished(failure);
        return;
    }
    showResource(arn());
    if (!workspace()->trainingScheduler()) {
        // Trained in the call (no scheduler): already finished.
        emit trainingFinished(version.failureReason);
        return;
    }
    m_trainingArn = version.arn;
    m_progress = m_trainingBar->start();
    m_trainButton->setEnabled(false);
    m_updateButton->setEnabled(false);
}

} // namespace footfall
