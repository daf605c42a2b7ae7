#pragma once

#include "ResourcePage.h"

#include <QFutureWatcher>

class QLabel;
class QPushButton;

namespace footfall {

class TrainingProgressBar;

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
    QFutureWatcher<QString> m_training; // a new recommender's model, trained off the UI thread
};

} // namespace footfall
