#pragma once

#include <QColor>
#include <QPointF>
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
// Every chart fits its labels to its size as it is laid out: category and legend labels elided in
// the middle, time ticks on whole windows, as many as have room.
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

// The one colour of `source` in every chart and export of the report's group: by its place in
// the group's sources (AttributionReport::placeOf), grey for SOURCE_NAME_UNDEFINED.
QColor sourceColour(const AttributionReport& report, const QString& source);

// Clicking a legend entry hides or shows its series and rescales the value axis to what is shown;
// hovering a legend entry shows its whole name.
void makeInteractive(QChart* chart);
// The exact values at `position` (in the chart's coordinates): of the window nearest to it on a
// time chart, of the bar (or its label) on a bar chart; empty away from any.
QString valuesAt(QChart* chart, const QPointF& position);
// Puts `chart` in `view`, interactive and in a theme that suits the view's palette, replacing the old one.
void showIn(QChartView* view, std::unique_ptr<QChart> chart);

} // namespace ReportCharts

} // namespace footfall
