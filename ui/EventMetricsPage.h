#pragma once

#include "EventMetricsReport.h"
#include "LatestComputation.h"
#include "ReportPage.h"

class QChartView;
class QStandardItemModel;
class QTableView;

namespace footfall {

// An event tracker's metrics as CloudWatch shows them: PutEvents calls and 4xx errors, latency,
// and events recorded by type, per window, with the table under the charts; CSV and JSON export.
class EventMetricsPage final : public ReportPage
{
    Q_OBJECT

public:
    explicit EventMetricsPage(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(EventMetricsPage)

    const EventMetricsReport& report() const { return m_report; }
    QString exportTo(const QString& format, const QString& path) override;

signals:
    void computed();

protected:
    bool load() override;
    void compute() override;
    QString exportFileName(const QString& format) const override;

private:
    void showReport(const EventMetricsReport& report, const QString& error);

    QString m_trackerArn;
    EventMetricsReport m_report;
    QChartView* m_requestsView;
    QChartView* m_latencyView;
    QChartView* m_typesView;
    QTableView* m_table;
    QStandardItemModel* m_model;
    // Last: destroyed first, it waits for a computation still running.
    LatestComputation<EventMetricsReport> m_computation{
        this, [this](const EventMetricsReport& report, const QString& error) { showReport(report, error); }};
};

} // namespace footfall
