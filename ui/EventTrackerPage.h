#pragma once

#include "ResourcePage.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace footfall {

// An event tracker: its details, the tracking ID with a Copy button, and PutEvents code
// snippets (boto3, AWS CLI, Java) that use it.
class EventTrackerPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit EventTrackerPage(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(EventTrackerPage)

    // The endpoint the snippets should send to; empty means AWS itself.
    void setEndpointUrl(const QString& url);

signals:
    void composeRequested(const QString& trackerArn);

protected:
    bool load() override;

private:
    void copyTrackingId();
    void copySnippet();

    QLabel* m_nameLabel;
    QLabel* m_arnLabel;
    QLabel* m_statusLabel;
    QLabel* m_groupLabel;
    QLabel* m_createdLabel;
    QLineEdit* m_trackingIdEdit;
    QPushButton* m_copyButton;
    QTabWidget* m_snippetTabs;
    QPlainTextEdit* m_boto3Edit;
    QPlainTextEdit* m_cliEdit;
    QPlainTextEdit* m_javaEdit;
    QPushButton* m_deleteButton;
    QString m_endpointUrl;
};

} // namespace footfall
