#pragma once

#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace footfall {

struct AttributionReport;
struct EventMetricsReport;

// The charts of the report views and of the exported report files, built from the same plain data
// the tables show. The console adds interaction (makeInteractive); exports draw them as they are.
namespace ReportCharts {

// One bar per source: its total of `metricName` over the report's range.
std::unique_ptr<QChart> sourceTotals(const AttributionReport& report, const QString& metricName);
// One line per source: `metricName` per window over time.
std::unique_ptr<QChart> sourceTimeSeries(const AttributionReport& report, const QString& metricName);

// PutEventsRequests and PutEvents4xxErrors per window.
std::unique_ptr<QChart> requests(const EventMetricsReport& report);
// PutEventLatency average and maximum per window.
std::unique_ptr<QChart> latency(const EventMetricsReport& report);
// Recorded events per window, one line per event type.
std::unique_ptr<QChart> eventTypes(const EventMetricsReport& report);

// Clicking a legend entry hides or shows its series; hovering a point or bar shows its exact value.
void makeInteractive(QChart* chart);
// Puts `chart` in `view`, interactive and in a theme that suits the view's palette, replacing the old one.
void showIn(QChartView* view, std::unique_ptr<QChart> chart);

} // namespace ReportCharts

} // namespace footfall
