#pragma once

#include "ModelTrainer.h"
#include "ResourcePage.h"

#include <QPointer>

class QLabel;
class QPushButton;
class QTableWidget;

namespace footfall {

class TrainingProgressBar;
class TrainingScheduler;

// A solution: its recipe and training filters, its versions (status, training mode, the data they
// were trained on, why one failed), and training a new version off the UI thread (on the window's
// TrainingScheduler, which the local endpoint's clients share the rules of).
class SolutionPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit SolutionPage(QWidget* parent = nullptr);
    ~SolutionPage() override;
    Q_DISABLE_COPY_MOVE(SolutionPage)

    // Asks for a new version (FULL or UPDATE), trained by the window's TrainingScheduler on its worker;
    // trainingFinished() follows.
    void train(const QString& trainingMode);
    bool isTraining() const { return !m_trainingArn.isEmpty(); }

signals:
    void createCampaignRequested(const QString& solutionVersionArn);
    void trainingFinished(const QString& error);

protected:
    bool load() override;

private:
    QString selectedVersionArn() const;
    // What Create Campaign deploys: the selected version, or with none selected the newest ACTIVE one.
    QString campaignVersionArn() const;
    void updateCampaignButton();
    // Follows the workspace's scheduler for the version this page asked for.
    void watchScheduler();
    void finishTraining(const QString& error);

    QLabel* m_nameLabel;
    QLabel* m_arnLabel;
    QLabel* m_statusLabel;
    QLabel* m_recipeLabel;
    QLabel* m_filtersLabel;
    QLabel* m_createdLabel;
    QTableWidget* m_versions;
    TrainingProgressBar* m_trainingBar;
    QPushButton* m_trainButton;
    QPushButton* m_updateButton;
    QPushButton* m_campaignButton;
    QPushButton* m_deleteButton;
    QPointer<TrainingScheduler> m_watched;
    QString m_trainingArn; // the version being trained for this page
    ModelTrainer::Progress m_progress;
};

} // namespace footfall
