#pragma once

#include "ResourcePage.h"

#include <QFutureWatcher>

class QLabel;
class QPushButton;
class QTableWidget;

namespace footfall {

class TrainingProgressBar;

// A solution: its recipe and training filters, its versions (status, training mode, the data they
// were trained on, why one failed), and training a new version off the UI thread.
class SolutionPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit SolutionPage(QWidget* parent = nullptr);
    ~SolutionPage() override;
    Q_DISABLE_COPY_MOVE(SolutionPage)

    // Trains a new version (FULL or UPDATE) on a worker thread; trainingFinished() follows.
    void train(const QString& trainingMode);
    bool isTraining() const { return m_watcher.isRunning(); }

signals:
    void createCampaignRequested(const QString& solutionVersionArn);
    void trainingFinished(const QString& error);

protected:
    bool load() override;

private:
    QString selectedVersionArn() const;

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
    QFutureWatcher<QString> m_watcher;
};

} // namespace footfall
