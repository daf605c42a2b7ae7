#pragma once

#include "ResourcePage.h"

#include <QList>

#include <functional>
#include <utility>

QT_BEGIN_NAMESPACE
class QChartView;
class QIODevice;
class QLabel;
class QTableView;
class QTimer;
class QToolButton;
QT_END_NAMESPACE

namespace footfall {

class ReportRangeBar;

// Base of the report views (attribution report, event metrics): a range and bucket bar, an Export
// menu that asks for a file and writes it, a status line, and a recompute shortly after the last
// change when new events arrive.
class ReportPage : public ResourcePage
{
    Q_OBJECT

public:
    Q_DISABLE_COPY_MOVE(ReportPage)

    // Writes the report on screen as `format` to `path`; returns the error, or an empty string.
    virtual QString exportTo(const QString& format, const QString& path) = 0;

protected:
    ReportPage(const QString& objectName, QWidget* parent);

    // Computes the report on a worker thread and shows it when done.
    virtual void compute() = 0;
    // The file name the Export dialog proposes.
    virtual QString exportFileName(const QString& format) const = 0;

    ReportRangeBar* rangeBar() const { return m_rangeBar; }
    QToolButton* exportButton() const { return m_exportButton; }
    QLabel* statusLabel() const { return m_status; }
    // The Export menu: one action per (format, label), named export<Format>Action.
    void setExportFormats(const QList<std::pair<QString, QString>>& formats);
    void scheduleCompute();
    void cancelScheduledCompute();
    // Writes through an OutputFile (a regular file all of it or nothing; never the open database);
    // returns what went wrong, or nothing. `write` may throw ServiceError.
    QString writeFile(const QString& path, const std::function<void(QIODevice&)>& write) const;
    static QChartView* makeChartView(const QString& objectName, const QString& accessibleName,
                                     QWidget* parent);
    static void setUpTable(QTableView* table, const QString& objectName);

private:
    void askAndExport(const QString& format);

    ReportRangeBar* m_rangeBar;
    QToolButton* m_exportButton;
    QLabel* m_status;
    QTimer* m_computeTimer;
};

} // namespace footfall
