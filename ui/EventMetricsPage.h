#pragma once

#include "EventMetricsReport.h"
#include "ReportPage.h"

#include <QFutureWatcher>

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
    ~EventMetricsPage() override;
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
    quint64 m_generation = 0;
    EventMetricsReport m_report;
    QChartView* m_requestsView;
    QChartView* m_latencyView;
    QChartView* m_typesView;
    QTableView* m_table;
    QStandardItemModel* m_model;
    struct Result
    {
        EventMetricsReport report;
        QString error;
        quint64 generation = 0;
    };
    QFutureWatcher<Result> m_watcher;
};

} // namespace footfall
