#pragma once

#include "ModelTrainer.h"
#include "ResourcePage.h"

#include <QPointer>

class QLabel;
class QPushButton;

namespace footfall {

class TrainingProgressBar;
class TrainingScheduler;

// A recommender of a domain dataset group: its use case, status (or why it could not be trained),
// the model it serves; Update Now, the recommendations preview, delete.
class RecommenderPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit RecommenderPage(QWidget* parent = nullptr);
    ~RecommenderPage() override;
    Q_DISABLE_COPY_MOVE(RecommenderPage)

signals:
    void previewRequested(const QString& recommenderArn);

protected:
    bool load() override;

private:
    // Follows the workspace's scheduler while the recommender's model is trained.
    void watchScheduler();

    QLabel* m_nameLabel;
    QLabel* m_arnLabel;
    QLabel* m_statusLabel;
    QLabel* m_recipeLabel;
    QLabel* m_groupLabel;
    QLabel* m_modelLabel;
    QLabel* m_createdLabel;
    QPushButton* m_previewButton;
    QPushButton* m_updateButton;
    TrainingProgressBar* m_trainingBar;
    QString m_versionArn;
    QPointer<TrainingScheduler> m_watched;
    ModelTrainer::Progress m_progress; // while its model (m_versionArn) trains
};

} // namespace footfall
