#pragma once

#include "ResourcePage.h"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace footfall {

class DatasetGroupPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit DatasetGroupPage(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(DatasetGroupPage)

signals:
    void createDatasetRequested(const QString& datasetGroupArn);
    void createEventTrackerRequested(const QString& datasetGroupArn);
    void importRequested(const QString& datasetGroupArn);
    void openRequested(const QString& arn);

protected:
    bool load() override;

private:
    QLabel* m_nameLabel;
    QLabel* m_arnLabel;
    QLabel* m_domainLabel;
    QLabel* m_statusLabel;
    QLabel* m_createdLabel;
    QLabel* m_nextStepLabel;
    QTreeWidget* m_members;
    QPushButton* m_createDatasetButton;
    QPushButton* m_createTrackerButton;
    QPushButton* m_deleteButton;
};

} // namespace footfall
