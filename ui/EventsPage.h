#pragma once

#include "InteractionQuery.h"
#include "ResourcePage.h"

#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace footfall {

class EventTableModel;

// Every recorded event of a dataset group, a page at a time (never all rows in memory), with
// filters, and a detail pane that explains how the selected event was stored.
class EventsPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit EventsPage(QWidget* parent = nullptr);
    ~EventsPage() override;
    Q_DISABLE_COPY_MOVE(EventsPage)

    static constexpr int kPageSize = 200;

    void showFirstPage();
    void showLastPage();
    void showNextPage();
    void showPreviousPage();

protected:
    bool load() override;

private:
    // What the worker counts for the pager: the matching rows, and those before the page's first one.
    struct PageCount
    {
        qint64 matching = -1;
        qint64 before = -1;
    };

    enum class Anchor
    {
        Newest,
        Oldest,
        Before,
        After
    };

    InteractionFilter currentFilter() const;
    void loadPage(Anchor anchor, qint64 boundId);
    void startCount();
    void showDetail();
    void updatePager();

    qint64 m_groupId = 0;
    QString m_loadedArn;
    Anchor m_anchor = Anchor::Newest;
    qint64 m_boundId = 0;
    bool m_hasOlder = false;
    bool m_hasNewer = false;
    PageCount m_count;

    EventTableModel* m_model;
    QTableView* m_table;
    QPlainTextEdit* m_detail;
    QLineEdit* m_userFilter;
    QLineEdit* m_sessionFilter;
    QLineEdit* m_itemFilter;
    QComboBox* m_typeFilter;
    QLineEdit* m_sourceFilter;
    QLineEdit* m_fromFilter;
    QLineEdit* m_toFilter;
    QLineEdit* m_textFilter;
    QLabel* m_pageLabel;
    QPushButton* m_firstButton;
    QPushButton* m_previousButton;
    QPushButton* m_nextButton;
    QPushButton* m_lastButton;
    QTimer* m_filterTimer;
    QFutureWatcher<PageCount> m_countWatcher;
};

} // namespace footfall
