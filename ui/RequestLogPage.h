#pragma once

#include "RequestLogEntry.h"
#include "ResourcePage.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace footfall {

// Every request that reached a dataset group, accepted or rejected, newest first, with its error
// or warnings; selecting one shows the request body. Below: the requests refused before
// authentication, counted per minute, and the log's retention policy, which can be changed here.
class RequestLogPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit RequestLogPage(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(RequestLogPage)

    static constexpr int kPageSize = 200;
    static constexpr int kProblemColumn = 7; // "Error or warnings", the last
    static constexpr int kRefusalMinutesShown = 10;

protected:
    bool load() override;

private:
    void reload();
    void loadMore();
    void append(const QList<RequestLogEntry>& entries);
    void showDetail();
    void showRetention();
    void applyRetentionSettings();

    qint64 m_groupId = 0;
    QList<RequestLogEntry> m_entries;
    QComboBox* m_outcomeFilter;
    QComboBox* m_channelFilter;
    QLineEdit* m_textFilter;
    QTableWidget* m_table;
    QPlainTextEdit* m_detail;
    QPushButton* m_moreButton;
    QTimer* m_filterTimer;
    QLabel* m_refusals;
    QSpinBox* m_retentionDays;
    QSpinBox* m_maxSizeMib;
    QPushButton* m_applyRetention;
    QLabel* m_usage;
};

} // namespace footfall
