#pragma once

#include "RecommendationService.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace footfall {

class Workspace;

// The loop Amazon Personalize's page on recording events is about, on one screen: ask a campaign
// for recommendations for a user (or an anonymous session), see the list with its scores and its
// recommendationId, click an item to record that event (carrying the recommendationId, and a source
// if given), and see the next list change.
class RecommendationsPreviewDialog final : public QDialog
{
    Q_OBJECT

public:
    RecommendationsPreviewDialog(Workspace& workspace, const QString& campaignArn, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(RecommendationsPreviewDialog)

    const RecommendationList& shown() const { return m_shown; }

signals:
    void eventRecorded();

private:
    void loadCampaigns(const QString& campaignArn);
    void updateInputs();
    void loadEventTypes();
    qint64 servedGroupId() const;
    void getRecommendations();
    void recordSelected();
    void showProblem(const QString& problem);
    // The item IDs typed to be ranked.
    QStringList inputList() const;

    Workspace& m_workspace;
    RecommendationList m_shown;
    QComboBox* m_campaignCombo;
    QLineEdit* m_userEdit;
    QCheckBox* m_anonymousCheck;
    QLineEdit* m_itemEdit;
    QLineEdit* m_inputListEdit; // Personalized-Ranking: the items to rank
    QSpinBox* m_countSpin;
    QPushButton* m_getButton;
    QLabel* m_recommendationIdLabel;
    QTableWidget* m_results;
    QComboBox* m_eventTypeCombo; // the served dataset group's event types; any other may be typed
    QLineEdit* m_sourceEdit;
    QPushButton* m_recordButton;
    QLabel* m_status;
};

} // namespace footfall
