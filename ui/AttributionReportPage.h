#pragma once

#include "AttributionReport.h"
#include "LatestComputation.h"
#include "ReportPage.h"

class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

namespace footfall {

class AttributionReportModel;
class DatasetGroupComboBox;

// A dataset group's attribution report: for the chosen metric, time range and bucket, a bar chart
// of each source's total, a line per source over time, and the table of the same report under
// them; exports to CSV, JSON, PNG, SVG and PDF. Computed on a worker thread; recomputed, a moment
// after the last change, when new events arrive.
class AttributionReportPage final : public ReportPage
{
    Q_OBJECT

public:
    explicit AttributionReportPage(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(AttributionReportPage)

    // The report on screen; valid after computed().
    const AttributionReport& report() const;
    // `format`: csv, json, png, svg or pdf.
    QString exportTo(const QString& format, const QString& path) override;

signals:
    void computed();
    void createAttributionRequested(const QString& datasetGroupArn);
    // The person chose another dataset group in the page's own chooser.
    void datasetGroupChosen(const QString& datasetGroupArn);

protected:
    bool load() override;
    void compute() override;
    QString exportFileName(const QString& format) const override;

private:
    void showReport(const AttributionReport& report, const QString& error);
    void showCharts();
    void deleteAttribution();
    void rebuild();

    qint64 m_groupId = 0;
    QString m_attributionArn;
    DatasetGroupComboBox* m_groupCombo;
    QLabel* m_summary;
    QPushButton* m_createButton;
    QPushButton* m_deleteButton;
    QComboBox* m_metricCombo;
    QPushButton* m_rebuildButton;
    QLabel* m_emptyState;
    QChartView* m_totalsView;
    QChartView* m_seriesView;
    QTableView* m_table;
    QSplitter* m_body; // the charts over the table
    AttributionReportModel* m_model;
    // Last: destroyed first, it waits for a computation still running.
    LatestComputation<AttributionReport> m_computation{
        this, [this](const AttributionReport& report, const QString& error) { showReport(report, error); }};
};

} // namespace footfall
