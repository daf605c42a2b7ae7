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
    // The list-and-detail body of the events and request-log pages: a table of single-line rows,
    // one selectable at a time, above a read-only monospaced detail pane.
    void addTableWithDetail(QTableView* table, QPlainTextEdit* detail);

private:
    Workspace* m_workspace = nullptr;
    QString m_arn;
    QVBoxLayout* m_layout;
    QLabel* m_heading;
};

} // namespace footfall
