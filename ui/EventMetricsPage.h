#pragma once

#include "EventMetricsReport.h"
#include "ResourcePage.h"

#include <QFutureWatcher>

class QChartView;
class QLabel;
class QStandardItemModel;
class QTableView;
class QTimer;
class QToolButton;

namespace footfall {

class ReportRangeBar;

// An event tracker's metrics as CloudWatch shows them: PutEvents calls and 4xx errors, latency,
// and events recorded by type, per window, with the table under the charts; CSV and JSON export.
class EventMetricsPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit EventMetricsPage(QWidget* parent = nullptr);
    ~EventMetricsPage() override;
    Q_DISABLE_COPY_MOVE(EventMetricsPage)

    const EventMetricsReport& report() const { return m_report; }
    QString exportTo(const QString& format, const QString& path);

signals:
    void computed();

protected:
    bool load() override;

private:
    void compute();
    void showReport(const EventMetricsReport& report, const QString& error);
    void askAndExport(const QString& format);

    QString m_trackerArn;
    quint64 m_generation = 0;
    EventMetricsReport m_report;
    ReportRangeBar* m_rangeBar;
    QToolButton* m_exportButton;
    QLabel* m_status;
    QChartView* m_requestsView;
    QChartView* m_latencyView;
    QChartView* m_typesView;
    QTableView* m_table;
    QStandardItemModel* m_model;
    QTimer* m_refreshTimer;
    struct Result
    {
        EventMetricsReport report;
        QString error;
        quint64 generation = 0;
    };
    QFutureWatcher<Result> m_watcher;
};

} // namespace footfall
