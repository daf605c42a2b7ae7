#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableView;
class QVBoxLayout;

namespace footfall {

class Workspace;

// Base of the pages beside the navigation tree: a heading, and the resource it shows by ARN.
class ResourcePage : public QWidget
{
    Q_OBJECT

public:
    Q_DISABLE_COPY_MOVE(ResourcePage)

    void setWorkspace(Workspace* workspace) { m_workspace = workspace; }
    QString arn() const { return m_arn; }
    // Shows the resource, reading it afresh; also called to refresh after changes.
    void showResource(const QString& arn);
    // True when the page shows a status that will still change by itself (CREATE PENDING, a version
    // being trained, …): the window then reads it again shortly, until every status is final.
    bool showsChangingStatus() const { return m_showsChangingStatus; }
    // Where Edit ▸ Find (Ctrl+F) puts the focus: the page's filter or search field; null when it has none.
    QWidget* findField() const { return m_findField; }

    static QString formatTime(qint64 ms);

signals:
    void deleteRequested(const QString& arn);
    void statusMessage(const QString& message);
    // The page changed the database through a connection of its own (a worker thread's): the
    // window refreshes what it shows at once instead of at its next poll.
    void databaseChanged();

protected:
    ResourcePage(const QString& objectName, QWidget* parent);

    // Fills the page for m_arn; returns false when the resource no longer exists.
    virtual bool load() = 0;

    Workspace* workspace() const { return m_workspace; }
    QVBoxLayout* pageLayout() const { return m_layout; }
    void setHeading(const QString& text);
    void setFindField(QWidget* field) { m_findField = field; }
    // Called from load() for each status the page shows; returns it.
    const QString& noteStatus(const QString& status);
    // The list-and-detail body of the events and request-log pages: a table of single-line rows,
    // one selectable at a time, above a read-only monospaced detail pane.
    void addTableWithDetail(QTableView* table, QPlainTextEdit* detail);

private:
    Workspace* m_workspace = nullptr;
    QString m_arn;
    bool m_showsChangingStatus = false;
    QWidget* m_findField = nullptr;
    QVBoxLayout* m_layout;
    QLabel* m_heading;
};

} // namespace footfall
