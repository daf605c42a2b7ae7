#include "RecommenderPage.h"

#include "DetailsForm.h"
#include "Lifecycle.h"
#include "Plural.h"
#include "RecommenderService.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "TrainingProgressBar.h"
#include "TrainingScheduler.h"
#include "Workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace footfall {

RecommenderPage::RecommenderPage(QWidget* parent)
    : ResourcePage(QStringLiteral("recommenderPage"), parent)
    , m_previewButton(new QPushButton(tr("Pre&view Recommendations…"), this))
    , m_updateButton(new QPushButton(tr("&Update Now"), this))
    , m_trainingBar(new TrainingProgressBar(this))
{
    auto* details = new DetailsForm;
    m_nameLabel = details->addDetail(tr("Name:"), QStringLiteral("nameValue"));
    m_arnLabel = details->addDetail(tr("ARN:"), QStringLiteral("arnValue"));
    m_statusLabel = details->addDetail(tr("Status:"), QStringLiteral("statusValue"));
    m_recipeLabel = details->addDetail(tr("Use case:"), QStringLiteral("recipeValue"));
    m_groupLabel = details->addDetail(tr("Dataset group:"), QStringLiteral("datasetGroupValue"));
    m_modelLabel = details->addDetail(tr("Model:"), QStringLiteral("modelValue"));
    m_createdLabel = details->addDetail(tr("Created:"), QStringLiteral("createdValue"));
    m_modelLabel->setWordWrap(true);
    pageLayout()->addLayout(details);
    pageLayout()->addWidget(m_trainingBar);
    pageLayout()->addStretch(1);
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_updateButton->setObjectName(QStringLiteral("updateNowButton"));
    auto* remove = new QPushButton(tr("&Delete Recommender…"), this);
    remove->setObjectName(QStringLiteral("deleteRecommenderButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_updateButton);
    buttons->addStretch(1);
    buttons->addWidget(remove);
    pageLayout()->addLayout(buttons);
    connect(m_previewButton, &QPushButton::clicked, this, [this] { emit previewRequested(arn()); });
    connect(remove, &QPushButton::clicked, this, [this] { emit deleteRequested(arn()); });
    connect(m_updateButton, &QPushButton::clicked, this, [this] {
        try {
            if (workspace()->solutions().updateModel(m_versionArn, true))
                emit statusMessage(tr(
                    "The recommender's model took in the events and items recorded since its last update"));
            showResource(arn());
        } catch (const ServiceError& error) {
            QMessageBox::warning(this, tr("Update now"), error.message());
        }
    });
}

RecommenderPage::~RecommenderPage() = default;

void RecommenderPage::watchScheduler()
{
    TrainingScheduler* scheduler = workspace() ? workspace()->trainingScheduler() : nullptr;
    if (!scheduler || scheduler == m_watched)
        return;
    m_watched = scheduler;
    // From the worker thread, queued to this one.
    connect(scheduler, &TrainingScheduler::trainingStarted, this, [this](const QString& versionArn) {
        if (versionArn == m_versionArn)
            showResource(arn());
    });
    connect(scheduler, &TrainingScheduler::trainingProgress, this,
            [this](const QString& versionArn, qint64 read, qint64 total) {
                if (versionArn == m_versionArn && m_progress)
                    m_progress(read, total);
            });
    connect(scheduler, &TrainingScheduler::trainingFinished, this,
            [this](const QString& versionArn, const QString& failureReason) {
                if (versionArn != m_versionArn || !m_progress)
                    return;
                m_progress = {};
                m_trainingBar->stop();
                emit statusMessage(failureReason.isEmpty() ? tr("The recommender is trained")
                                                           : tr("Cannot train: %1").arg(failureReason));
                showResource(arn());
                emit databaseChanged();
            });
    connect(scheduler, &QObject::destroyed, this, [this] {
        m_progress = {};
        m_trainingBar->stop();
    });
}

bool RecommenderPage::load()
{
    const std::optional<Recommender> recommender = workspace()->recommenders().findByArn(arn());
    if (!recommender)
        return false;
    const Recommender& found = *recommender;
    setHeading(tr("Recommender %1").arg(found.name));
    m_nameLabel->setText(found.name);
    m_arnLabel->setText(found.arn);
    m_statusLabel->setText(noteStatus(found.status));
    m_recipeLabel->setText(found.recipeArn);
    m_groupLabel->setText(found.datasetGroupArn);
    m_versionArn = found.solutionVersionArn;
    const auto version = workspace()->solutions().findVersion(found.solutionVersionArn);
    m_modelLabel->setText(
        !found.failureReason.isEmpty() ? tr("could not be trained: %1").arg(found.failureReason)
        : version
            ? tr("trained on %1 of %2; updated %3")
                  .arg(plural(version->interactions, tr("interaction"), tr("interactions")),
                       plural(version->users, tr("user"), tr("users")), formatTime(version->modelUpdatedMs))
            : QString());
    m_createdLabel->setText(formatTime(found.createdMs));
    const bool serving = found.status == Lifecycle::activeStatus();
    m_previewButton->setEnabled(serving);
    m_updateButton->setEnabled(serving);
    // Its model is trained by the window's scheduler (created CREATE PENDING); the bar follows it.
    const bool training = found.status == QLatin1String("CREATE PENDING") ||
                          found.status == QLatin1String("CREATE IN_PROGRESS");
    if (training && !m_progress && version && version->status != Lifecycle::activeStatus() &&
        version->failureReason.isEmpty()) {
        watchScheduler();
        m_progress = m_trainingBar->start();
    } else if (!training && m_progress) {
        m_progress = {};
        m_trainingBar->stop();
    }
    return true;
}

} // namespace footfall
