#include "ReportCharts.h"

#include "AttributionReport.h"
#include "EventMetricsReport.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMap>
#include <QTimeZone>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace footfall::ReportCharts {

namespace {

// Distinguishable on light and dark backgrounds; a source keeps its colour in every chart.
QColor colourAt(int index)
{
    static const QList<QColor> palette = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                          QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                                          QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                          QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
                                          QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};
    return palette.at(index % palette.size());
}

// QDateTimeAxis shows local time; reports are in UTC, so points are placed where local time reads as UTC.
qreal axisMs(qint64 utcSeconds)
{
    const int offset = QDateTime::fromSecsSinceEpoch(utcSeconds).offsetFromUtc();
    return qreal((utcSeconds - offset) * 1000);
}

QString valueText(double value)
{
    return QLocale().toString(value, 'g', 12);
}

std::unique_ptr<QChart> newChart(const QString& title)
{
    auto chart = std::make_unique<QChart>();
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(6, 6, 6, 6));
    return chart;
}

QString shortSource(const QString& source)
{
    // Campaign and recommender ARNs are long; their name is enough on a chart (the table and the
    // tooltips carry the whole ARN).
    const QString label =
        source.startsWith(QLatin1String("arn:")) ? source.section(QLatin1Char('/'), -1) : source;
    return label.size() > 24 ? label.left(23) + QStringLiteral("…") : label;
}

// Time axis and value axis for lines over [from, to).
void addTimeAxes(QChart* chart, qint64 fromSeconds, qint64 toSeconds, int bucketSeconds, double maxValue,
                 const QString& valueTitle)
{
    auto* time = new QDateTimeAxis;
    time->setTitleText(QObject::tr("Window start (UTC)"));
    // Short labels that fit five ticks; the status line and the table carry the full dates.
    const qint64 span = toSeconds - fromSeconds;
    time->setFormat(bucketSeconds >= 86400 || span > 3 * 86400 ? QStringLiteral("MMM d")
                    : span > 36 * 3600                         ? QStringLiteral("d MMM HH:mm")
                                                               : QStringLiteral("HH:mm"));
    time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(axisMs(fromSeconds))),
                   QDateTime::fromMSecsSinceEpoch(
                       qint64(axisMs(std::max(fromSeconds + bucketSeconds, toSeconds - bucketSeconds)))));
    // Ticks on whole windows: as many intervals as divide the windows evenly, at most eight.
    const int intervals = int(std::max<qint64>(1, (span - bucketSeconds) / bucketSeconds));
    int ticks = 1;
    for (int candidate = std::min(intervals, 8); candidate >= 1; --candidate) {
        if (intervals % candidate == 0) {
            ticks = candidate;
            break;
        }
    }
    time->setTickCount((ticks < 3 && intervals > 8 ? 4 : ticks) + 1);
    auto* values = new QValueAxis;
    values->setTitleText(valueTitle);
    values->setRange(0, maxValue > 0 ? maxValue * 1.05 : 1.0);
    values->applyNiceNumbers();
    values->setLabelFormat(maxValue >= 10 || maxValue == 0 ? QStringLiteral("%.0f") : QStringLiteral("%.2g"));
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(values, Qt::AlignLeft);
    for (QAbstractSeries* series : chart->series()) {
        series->attachAxis(time);
        series->attachAxis(values);
    }
}

// A line of `values` (window start -> value) over the whole range, windows without a value at 0,
// so that a quiet window reads as zero rather than as a slope between its neighbours.
QLineSeries* lineOver(const QMap<qint64, double>& values, qint64 fromSeconds, qint64 toSeconds,
                      int bucketSeconds)
{
    auto* series = new QLineSeries;
    const qint64 windows = (toSeconds - fromSeconds) / bucketSeconds;
    if (windows > 0 && windows <= 20000) {
        const qint64 first = fromSeconds - ((fromSeconds % bucketSeconds) + bucketSeconds) % bucketSeconds;
        for (qint64 window = first; window < toSeconds; window += bucketSeconds)
            series->append(axisMs(window), values.value(window, 0.0));
    } else {
        for (auto it = values.begin(); it != values.end(); ++it)
            series->append(axisMs(it.key()), it.value());
    }
    series->setPointsVisible(series->count() <= 48);
    return series;
}

double maxOf(const QMap<qint64, double>& values)
{
    double max = 0;
    for (double value : values)
        max = std::max(max, value);
    return max;
}

} // namespace

std::unique_ptr<QChart> sourceTotals(const AttributionReport& report, const QString& metricName)
{
    auto chart = newChart(QObject::tr("%1 by source").arg(metricName));
    QList<AttributionSourceTotal> totals;
    for (const AttributionSourceTotal& total : report.totals) {
        if (total.metricName == metricName)
            totals.append(total);
    }
    const QStringList order = report.sources();
    // Largest at the top: a horizontal bar chart draws its first category at the bottom.
    std::reverse(totals.begin(), totals.end());
    auto* series = new QHorizontalStackedBarSeries;
    QStringList categories;
    double max = 0;
    for (int i = 0; i < totals.size(); ++i) {
        categories << shortSource(totals.at(i).source);
        auto* set = new QBarSet(totals.at(i).source);
        for (int j = 0; j < totals.size(); ++j)
            *set << (i == j ? totals.at(i).value : 0.0);
        set->setColor(colourAt(int(order.indexOf(totals.at(i).source))));
        set->setBorderColor(set->color());
        series->append(set);
        max = std::max(max, totals.at(i).value);
    }
    series->setLabelsVisible(false);
    series->setBarWidth(0.7);
    chart->addSeries(series);
    auto* sources = new QBarCategoryAxis;
    sources->append(categories);
    sources->setTruncateLabels(false);
    auto* values = new QValueAxis;
    values->setRange(0, max > 0 ? max * 1.05 : 1.0);
    values->applyNiceNumbers();
    values->setLabelFormat(max >= 10 || max == 0 ? QStringLiteral("%.0f") : QStringLiteral("%.2g"));
    values->setTitleText(QObject::tr("Total over the range"));
    chart->addAxis(sources, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(sources);
    series->attachAxis(values);
    chart->legend()->setVisible(false);
    return chart;
}

std::unique_ptr<QChart> sourceTimeSeries(const AttributionReport& report, const QString& metricName)
{
    auto chart = newChart(
        QObject::tr("%1 per %2 window").arg(metricName, AttributionReport::bucketName(report.bucketSeconds)));
    const QStringList order = report.sources();
    QMap<QString, QMap<qint64, double>> bySource;
    for (const AttributionReportRow& row : report.rows) {
        if (row.metricName == metricName)
            bySource[row.source][row.windowStart] += row.value;
    }
    double max = 0;
    for (const QString& source : order) {
        if (!bySource.contains(source))
            continue;
        QLineSeries* series =
            lineOver(bySource.value(source), report.fromSeconds, report.toSeconds, report.bucketSeconds);
        series->setName(shortSource(source));
        QPen pen(colourAt(int(order.indexOf(source))));
        pen.setWidthF(2.0);
        series->setPen(pen);
        series->setProperty("fullName", source);
        chart->addSeries(series);
        max = std::max(max, maxOf(bySource.value(source)));
    }
    addTimeAxes(chart.get(), report.fromSeconds, report.toSeconds, report.bucketSeconds, max, metricName);
    return chart;
}

std::unique_ptr<QChart> requests(const EventMetricsReport& report)
{
    auto chart = newChart(QObject::tr("PutEvents calls per %1 window")
                              .arg(AttributionReport::bucketName(report.bucketSeconds)));
    QMap<qint64, double> ok;
    QMap<qint64, double> errors;
    for (const EventMetricsWindow& window : report.windows) {
        ok[window.windowStart] = double(window.requests);
        errors[window.windowStart] = double(window.errors4xx);
    }
    const auto add = [&](const QMap<qint64, double>& values, const QString& name, int colour) {
        QLineSeries* series = lineOver(values, report.fromSeconds, report.toSeconds, report.bucketSeconds);
        series->setName(name);
        QPen pen(colourAt(colour));
        pen.setWidthF(2.0);
        series->setPen(pen);
        chart->addSeries(series);
    };
    add(ok, QStringLiteral("PutEventsRequests"), 0);
    add(errors, QStringLiteral("PutEvents4xxErrors"), 3);
    addTimeAxes(chart.get(), report.fromSeconds, report.toSeconds, report.bucketSeconds,
                std::max(maxOf(ok), maxOf(errors)), QObject::tr("Calls"));
    return chart;
}

std::unique_ptr<QChart> latency(const EventMetricsReport& report)
{
    auto chart = newChart(QObject::tr("PutEventLatency (ms)"));
    QMap<qint64, double> average;
    QMap<qint64, double> maximum;
    for (const EventMetricsWindow& window : report.windows) {
        if (window.requests == 0)
            continue;
        average[window.windowStart] = window.latencyAverageMs;
        maximum[window.windowStart] = window.latencyMaximumMs;
    }
    const auto add = [&](const QMap<qint64, double>& values, const QString& name, int colour) {
        // Latency exists only where there were calls: no zero filling.
        auto* series = new QLineSeries;
        for (auto it = values.begin(); it != values.end(); ++it)
            series->append(axisMs(it.key()), it.value());
        series->setPointsVisible(true);
        series->setName(name);
        QPen pen(colourAt(colour));
        pen.setWidthF(2.0);
        series->setPen(pen);
        chart->addSeries(series);
    };
    add(average, QObject::tr("Average"), 2);
    add(maximum, QObject::tr("Maximum"), 1);
    addTimeAxes(chart.get(), report.fromSeconds, report.toSeconds, report.bucketSeconds, maxOf(maximum),
                QObject::tr("Milliseconds"));
    return chart;
}

std::unique_ptr<QChart> eventTypes(const EventMetricsReport& report)
{
    auto chart = newChart(QObject::tr("Events recorded by type"));
    QMap<QString, QMap<qint64, double>> byType;
    for (const EventTypeCount& count : report.eventTypes)
        byType[count.eventType][count.windowStart] += double(count.events);
    double max = 0;
    int colour = 0;
    for (auto it = byType.begin(); it != byType.end(); ++it) {
        QLineSeries* series =
            lineOver(it.value(), report.fromSeconds, report.toSeconds, report.bucketSeconds);
        series->setName(it.key().isEmpty() ? QObject::tr("(no type)") : it.key());
        QPen pen(colourAt(colour++));
        pen.setWidthF(2.0);
        series->setPen(pen);
        chart->addSeries(series);
        max = std::max(max, maxOf(it.value()));
    }
    addTimeAxes(chart.get(), report.fromSeconds, report.toSeconds, report.bucketSeconds, max,
                QObject::tr("Events"));
    return chart;
}

void makeInteractive(QChart* chart)
{
    for (QLegendMarker* marker : chart->legend()->markers()) {
        QObject::connect(marker, &QLegendMarker::clicked, marker, [marker] {
            QAbstractSeries* series = marker->series();
            series->setVisible(!series->isVisible());
            marker->setVisible(true); // hiding a series hides its marker; keep it to click again
            QColor label = marker->labelBrush().color();
            label.setAlphaF(series->isVisible() ? 1.0 : 0.4);
            marker->setLabelBrush(label);
            QBrush brush = marker->brush();
            QColor fill = brush.color();
            fill.setAlphaF(series->isVisible() ? 1.0 : 0.25);
            brush.setColor(fill);
            marker->setBrush(brush);
        });
    }
    for (QAbstractSeries* abstract : chart->series()) {
        if (auto* line = qobject_cast<QLineSeries*>(abstract)) {
            QObject::connect(line, &QLineSeries::hovered, line, [line](const QPointF& point, bool state) {
                if (!state) {
                    QToolTip::hideText();
                    return;
                }
                // The nearest data point, not the spot on the segment.
                const QList<QPointF> points = line->points();
                if (points.isEmpty())
                    return;
                const auto nearest = std::min_element(
                    points.begin(), points.end(), [&point](const QPointF& a, const QPointF& b) {
                        return std::abs(a.x() - point.x()) < std::abs(b.x() - point.x());
                    });
                const qint64 local = qint64(nearest->x());
                const QDateTime shown = QDateTime::fromMSecsSinceEpoch(local);
                const QString name = line->property("fullName").toString().isEmpty()
                                         ? line->name()
                                         : line->property("fullName").toString();
                QToolTip::showText(QCursor::pos(),
                                   QStringLiteral("%1\n%2: %3")
                                       .arg(name, shown.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
                                            valueText(nearest->y())));
            });
        } else if (auto* bars = qobject_cast<QAbstractBarSeries*>(abstract)) {
            for (QBarSet* set : bars->barSets()) {
                QObject::connect(set, &QBarSet::hovered, set, [set](bool state, int index) {
                    if (!state) {
                        QToolTip::hideText();
                        return;
                    }
                    QToolTip::showText(QCursor::pos(),
                                       QStringLiteral("%1: %2").arg(set->label(), valueText(set->at(index))));
                });
            }
        }
    }
}

void showIn(QChartView* view, std::unique_ptr<QChart> chart)
{
    const bool dark = view->palette().color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    makeInteractive(chart.get());
    QChart* old = view->chart();
    view->setChart(chart.release());
    delete old;
}

} // namespace footfall::ReportCharts
