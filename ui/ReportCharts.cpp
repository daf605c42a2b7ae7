#include "ReportCharts.h"

#include "AttributionReport.h"
#include "AttributionSource.h"
#include "EventMetricsReport.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetricsF>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMap>
#include <QSet>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace footfall::ReportCharts {

namespace {

// Properties the charts carry for fitting and hovering.
constexpr char kFullName[] = "fullName";         // on a series: its whole name
constexpr char kCategories[] = "fullCategories"; // on a category axis: its whole labels
constexpr char kBucket[] = "bucketSeconds";      // on a time axis
constexpr char kFirstWindow[] = "firstWindow";   // on a time axis: epoch seconds
constexpr char kLastWindow[] = "lastWindow";     // on a time axis: epoch seconds

// Distinguishable on light and dark backgrounds, and none of them the grey of no source.
QColor colourAt(int index)
{
    static const QList<QColor> palette = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};
    return palette.at(std::max(0, index) % palette.size());
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

QString fullNameOf(const QAbstractSeries* series)
{
    const QString full = series->property(kFullName).toString();
    return full.isEmpty() ? series->name() : full;
}

QString shortSource(const QString& source)
{
    // Campaign and recommender ARNs are long; their name is enough on a chart (the table and the
    // tooltips carry the whole ARN).
    return source.startsWith(QLatin1String("arn:")) ? source.section(QLatin1Char('/'), -1) : source;
}

// Every label elided in the middle to `width` pixels; a label that would then read like another is
// left whole, so that no two read alike.
QStringList elided(const QStringList& labels, const QFont& font, qreal width)
{
    const QFontMetricsF metrics(font);
    QStringList result;
    for (const QString& label : labels)
        result << metrics.elidedText(label, Qt::ElideMiddle, width);
    for (int i = 0; i < result.size(); ++i) {
        if (result.count(result.at(i)) > 1) {
            const QString twin = result.at(i);
            for (int j = 0; j < result.size(); ++j) {
                if (result.at(j) == twin)
                    result[j] = labels.at(j);
            }
        }
    }
    return result;
}

// The value axis from 0 to a little above the largest value of the visible series.
void fitValueAxis(QChart* chart)
{
    double max = 0;
    for (const QAbstractSeries* series : chart->series()) {
        if (!series->isVisible())
            continue;
        if (const auto* line = qobject_cast<const QLineSeries*>(series)) {
            for (const QPointF& point : line->points())
                max = std::max(max, point.y());
        } else if (const auto* bars = qobject_cast<const QAbstractBarSeries*>(series)) {
            for (const QBarSet* set : bars->barSets()) {
                for (int i = 0; i < set->count(); ++i)
                    max = std::max(max, set->at(i));
            }
        }
    }
    for (QAbstractAxis* axis : chart->axes()) {
        auto* values = qobject_cast<QValueAxis*>(axis);
        if (!values)
            continue;
        values->setRange(0, max > 0 ? max * 1.05 : 1.0);
        values->applyNiceNumbers();
        values->setLabelFormat(max >= 10 || max == 0 ? QStringLiteral("%.0f") : QStringLiteral("%.2g"));
    }
}

// Elides the category and legend labels to what the chart's width gives them.
void fitLabels(QChart* chart)
{
    const qreal width = chart->size().width();
    if (width <= 0)
        return;
    for (QAbstractAxis* axis : chart->axes(Qt::Vertical)) {
        auto* categories = qobject_cast<QBarCategoryAxis*>(axis);
        if (!categories)
            continue;
        // The chart's layout gives the labels beside the bars two fifths of its width, less its margins.
        const QStringList fitted = elided(categories->property(kCategories).toStringList(),
                                          categories->labelsFont(), std::max(60.0, (width - 40) * 0.4 - 12));
        if (fitted != categories->categories())
            categories->setCategories(fitted);
    }
    QLegend* legend = chart->legend();
    const QList<QLegendMarker*> markers = legend->markers();
    if (!legend->isVisible() || markers.isEmpty())
        return;
    const QFontMetricsF metrics(legend->font());
    // One row under the plot when every label fits its equal share of it (the legend cuts a
    // longer label at its end), or the share still reads; else a column beside the plot, which the
    // layout gives at most two fifths of the width.
    qreal widest = 0;
    for (QLegendMarker* marker : markers)
        widest = std::max(widest, metrics.horizontalAdvance(marker->series()->name()));
    const qreal share = (width - 30) / qreal(markers.size()) - metrics.height() - 16;
    const bool row = widest <= share || share >= 80;
    if (legend->alignment() != (row ? Qt::AlignBottom : Qt::AlignRight))
        legend->setAlignment(row ? Qt::AlignBottom : Qt::AlignRight);
    const qreal cap = row ? share : (width - 40) * 0.32 - metrics.height() - 12;
    for (QLegendMarker* marker : markers) {
        const QString label =
            metrics.elidedText(marker->series()->name(), Qt::ElideMiddle, std::max(40.0, cap));
        if (marker->label() != label)
            marker->setLabel(label);
    }
}

QString timeFormat(qint64 stepSeconds, qint64 spanSeconds)
{
    if (stepSeconds % 86400 == 0)
        return QStringLiteral("MMM d");
    return spanSeconds > 36 * 3600 ? QStringLiteral("d MMM HH:mm") : QStringLiteral("HH:mm");
}

// Ticks on window boundaries, a whole number of windows apart, as many as `width` pixels hold
// whole labels of; the axis runs on to the last tick.
void fitTimeTicks(QChart* chart, qreal width)
{
    for (QAbstractAxis* axis : chart->axes(Qt::Horizontal)) {
        auto* time = qobject_cast<QDateTimeAxis*>(axis);
        if (!time)
            continue;
        const qint64 bucket = time->property(kBucket).toLongLong();
        qint64 first = time->property(kFirstWindow).toLongLong();
        const qint64 last = time->property(kLastWindow).toLongLong();
        if (bucket <= 0)
            continue;
        qint64 windows = (last - first) / bucket;
        if (windows < 1) {
            // A single window stands in the middle, with a window either side of it.
            first -= bucket;
            windows = 2;
        }
        const QFontMetricsF metrics(time->labelsFont());
        const QDateTime widest(QDate(2026, 12, 28), QTime(23, 45));
        struct Ticks
        {
            qint64 first;
            qint64 windows;
            qint64 step; // windows per tick
            QString format;
        };
        const auto ticksOf = [&](qint64 step) {
            Ticks ticks{first, windows, step, timeFormat(step * bucket, windows * bucket)};
            if (ticks.format == QLatin1String("MMM d") && first % 86400 != 0) {
                // Dates label midnights: the axis starts on the day the first window is in.
                const qint64 day = first - ((first % 86400) + 86400) % 86400;
                ticks.windows += (first - day) / bucket;
                ticks.first = day;
            }
            return ticks;
        };
        const auto fits = [&](const Ticks& ticks) {
            const qreal label = metrics.horizontalAdvance(widest.toString(ticks.format)) + metrics.height();
            return qreal((ticks.windows + ticks.step - 1) / ticks.step) * label <= width;
        };
        // The shortest round step, a whole number of windows, whose labels fit; else one interval.
        static const QList<qint64> steps = {900,        1800,       3600,        2 * 3600,   3 * 3600,
                                            6 * 3600,   12 * 3600,  86400,       2 * 86400,  3 * 86400,
                                            4 * 86400,  5 * 86400,  7 * 86400,   14 * 86400, 28 * 86400,
                                            56 * 86400, 91 * 86400, 182 * 86400, 364 * 86400};
        Ticks chosen = ticksOf(windows);
        for (const qint64 step : steps) {
            if (step < bucket || step % bucket != 0 || step / bucket > windows)
                continue;
            const Ticks candidate = ticksOf(step / bucket);
            if (fits(candidate)) {
                chosen = candidate;
                break;
            }
        }
        // A round step that runs the axis on by more than a quarter gives way to the shortest step
        // that fits (whole days where the labels are dates).
        const auto waste = [](const Ticks& ticks) {
            return (ticks.windows + ticks.step - 1) / ticks.step * ticks.step - ticks.windows;
        };
        if (waste(chosen) * 4 > windows) {
            for (qint64 step = 1; step < chosen.step; ++step) {
                const Ticks candidate = ticksOf(step);
                if (candidate.format == QLatin1String("MMM d") && (step * bucket) % 86400 != 0)
                    continue;
                if (fits(candidate)) {
                    if (waste(candidate) < waste(chosen))
                        chosen = candidate;
                    break;
                }
            }
        }
        first = chosen.first;
        windows = chosen.windows;
        const qint64 stepWindows = chosen.step;
        const QString format = chosen.format;
        const qint64 intervals = std::max<qint64>(1, (windows + stepWindows - 1) / stepWindows);
        const QDateTime min = QDateTime::fromMSecsSinceEpoch(qint64(axisMs(first)));
        const QDateTime max =
            QDateTime::fromMSecsSinceEpoch(qint64(axisMs(first + intervals * stepWindows * bucket)));
        if (time->format() != format)
            time->setFormat(format);
        // The tick count first: a new range lays the axis out at once (an export draws right away).
        if (time->tickCount() != int(intervals) + 1)
            time->setTickCount(int(intervals) + 1);
        if (time->min() != min || time->max() != max)
            time->setRange(min, max);
    }
}

std::unique_ptr<QChart> newChart(const QString& title)
{
    auto chart = std::make_unique<QChart>();
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(6, 6, 6, 6));
    QChart* raw = chart.get();
    QObject::connect(raw, &QChart::geometryChanged, raw, [raw] { fitLabels(raw); });
    QObject::connect(raw, &QChart::plotAreaChanged, raw,
                     [raw](const QRectF& plot) { fitTimeTicks(raw, plot.width()); });
    return chart;
}

// Time axis and value axis for lines over [from, to).
void addTimeAxes(QChart* chart, qint64 fromSeconds, qint64 toSeconds, int bucketSeconds,
                 const QString& valueTitle)
{
    auto* time = new QDateTimeAxis;
    time->setTitleText(QObject::tr("Window start (UTC)"));
    const qint64 first = fromSeconds - ((fromSeconds % bucketSeconds) + bucketSeconds) % bucketSeconds;
    const qint64 lastStart =
        toSeconds - 1 - (((toSeconds - 1) % bucketSeconds) + bucketSeconds) % bucketSeconds;
    time->setProperty(kBucket, bucketSeconds);
    time->setProperty(kFirstWindow, first);
    time->setProperty(kLastWindow, std::max(first, lastStart));
    auto* values = new QValueAxis;
    values->setTitleText(valueTitle);
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(values, Qt::AlignLeft);
    for (QAbstractSeries* series : chart->series()) {
        series->attachAxis(time);
        series->attachAxis(values);
    }
    fitValueAxis(chart);
    fitTimeTicks(chart, 500); // until the chart is laid out
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
    series->setPointsVisible(series->count() <= 60);
    return series;
}

void styleLine(QLineSeries* series, const QColor& colour)
{
    QPen pen(colour);
    pen.setWidthF(2.0);
    series->setPen(pen);
    if (series->count() == 1)
        series->setMarkerSize(9.0); // a lone window: a dot to see, not a line
}

} // namespace

QColor sourceColour(const AttributionReport& report, const QString& source)
{
    if (source == AttributionSource::undefinedLabel())
        return QColor(0x9e, 0x9e, 0x9e);
    const int place = report.placeOf(source);
    return colourAt(place >= 0 ? place : int(report.sourceOrder.size() + report.sources().indexOf(source)));
}

std::unique_ptr<QChart> sourceTotals(const AttributionReport& report, const QString& metricName)
{
    auto chart = newChart(QObject::tr("%1 by source").arg(metricName));
    QList<AttributionSourceTotal> totals;
    for (const AttributionSourceTotal& total : report.totals) {
        if (total.metricName == metricName)
            totals.append(total);
    }
    // Largest at the top: a horizontal bar chart draws its first category at the bottom.
    std::reverse(totals.begin(), totals.end());
    auto* series = new QHorizontalStackedBarSeries;
    QStringList categories;
    for (int i = 0; i < totals.size(); ++i) {
        categories << shortSource(totals.at(i).source);
        auto* set = new QBarSet(totals.at(i).source);
        for (int j = 0; j < totals.size(); ++j)
            *set << (i == j ? totals.at(i).value : 0.0);
        set->setColor(sourceColour(report, totals.at(i).source));
        set->setBorderColor(set->color());
        series->append(set);
    }
    series->setLabelsVisible(false);
    series->setBarWidth(0.7);
    chart->addSeries(series);
    auto* sources = new QBarCategoryAxis;
    sources->setProperty(kCategories, categories);
    sources->append(elided(categories, sources->labelsFont(), 200));
    sources->setTruncateLabels(false);
    auto* values = new QValueAxis;
    values->setTitleText(QObject::tr("Total over the range"));
    chart->addAxis(sources, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(sources);
    series->attachAxis(values);
    fitValueAxis(chart.get());
    chart->legend()->setVisible(false);
    return chart;
}

std::unique_ptr<QChart> sourceTimeSeries(const AttributionReport& report, const QString& metricName)
{
    auto chart = newChart(
        QObject::tr("%1 per %2 window").arg(metricName, AttributionReport::bucketName(report.bucketSeconds)));
    QMap<QString, QMap<qint64, double>> bySource;
    for (const AttributionReportRow& row : report.rows) {
        if (row.metricName == metricName)
            bySource[row.source][row.windowStart] += row.value;
    }
    for (const QString& source : report.sources()) {
        if (!bySource.contains(source))
            continue;
        QLineSeries* series =
            lineOver(bySource.value(source), report.fromSeconds, report.toSeconds, report.bucketSeconds);
        series->setName(shortSource(source));
        series->setProperty(kFullName, source);
        styleLine(series, sourceColour(report, source));
        chart->addSeries(series);
    }
    addTimeAxes(chart.get(), report.fromSeconds, report.toSeconds, report.bucketSeconds, metricName);
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
        styleLine(series, colourAt(colour));
        chart->addSeries(series);
    };
    // The metric names are the table's headers; the legend has room for short ones.
    add(ok, QObject::tr("Requests"), 0);
    add(errors, QObject::tr("4xx errors"), 3);
    addTimeAxes(chart.get(), report.fromSeconds, report.toSeconds, report.bucketSeconds,
                QObject::tr("Calls"));
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
        styleLine(series, colourAt(colour));
        chart->addSeries(series);
    };
    add(average, QObject::tr("Average"), 2);
    add(maximum, QObject::tr("Maximum"), 1);
    addTimeAxes(chart.get(), report.fromSeconds, report.toSeconds, report.bucketSeconds, QObject::tr("ms"));
    return chart;
}

std::unique_ptr<QChart> eventTypes(const EventMetricsReport& report)
{
    auto chart = newChart(QObject::tr("Events recorded by type"));
    QMap<QString, QMap<qint64, double>> byType;
    for (const EventTypeCount& count : report.eventTypes)
        byType[count.eventType][count.windowStart] += double(count.events);
    int colour = 0;
    for (auto it = byType.begin(); it != byType.end(); ++it) {
        QLineSeries* series =
            lineOver(it.value(), report.fromSeconds, report.toSeconds, report.bucketSeconds);
        series->setName(it.key().isEmpty() ? QObject::tr("(no type)") : it.key());
        styleLine(series, colourAt(colour++));
        chart->addSeries(series);
    }
    addTimeAxes(chart.get(), report.fromSeconds, report.toSeconds, report.bucketSeconds,
                QObject::tr("Events"));
    return chart;
}

void makeInteractive(QChart* chart)
{
    for (QLegendMarker* marker : chart->legend()->markers()) {
        QObject::connect(marker, &QLegendMarker::clicked, marker, [chart, marker] {
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
            fitValueAxis(chart);
        });
        QObject::connect(marker, &QLegendMarker::hovered, marker, [marker](bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), fullNameOf(marker->series()));
            else
                QToolTip::hideText();
        });
    }
}

QString valuesAt(QChart* chart, const QPointF& position)
{
    const QRectF plot = chart->plotArea();
    QList<QLineSeries*> lines;
    for (QAbstractSeries* series : chart->series()) {
        if (!series->isVisible())
            continue;
        if (auto* line = qobject_cast<QLineSeries*>(series)) {
            if (line->count() > 0)
                lines << line;
        } else if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
            // A bar, or its label to the left of it.
            if (position.y() < plot.top() || position.y() > plot.bottom() || position.x() > plot.right())
                return {};
            const int index = qRound(chart->mapToValue(position, bars).y());
            for (const QBarSet* set : bars->barSets()) {
                if (index >= 0 && index < set->count() && set->at(index) != 0.0)
                    return QStringLiteral("%1: %2").arg(set->label(), valueText(set->at(index)));
            }
            return {};
        }
    }
    if (lines.isEmpty() || !plot.adjusted(-8, -8, 8, 8).contains(position))
        return {};
    // The window nearest the pointer, and each line's value there.
    const qreal x = chart->mapToValue(position, lines.first()).x();
    qreal nearest = lines.first()->at(0).x();
    for (const QLineSeries* line : lines) {
        for (const QPointF& point : line->points()) {
            if (std::abs(point.x() - x) < std::abs(nearest - x))
                nearest = point.x();
        }
    }
    const QDateTime shown = QDateTime::fromMSecsSinceEpoch(qint64(nearest));
    QStringList text = {shown.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))};
    for (const QLineSeries* line : lines) {
        for (const QPointF& point : line->points()) {
            if (point.x() == nearest) {
                text << QStringLiteral("%1: %2").arg(fullNameOf(line), valueText(point.y()));
                break;
            }
        }
    }
    return text.join(QLatin1Char('\n'));
}

void showIn(QChartView* view, std::unique_ptr<QChart> chart)
{
    const bool dark = view->palette().color(QPalette::Window).lightness() < 128;
    // A theme recolours the series; a source keeps its colour whatever the theme.
    QList<QPen> pens;
    QList<QColor> bars;
    for (QAbstractSeries* series : chart->series()) {
        if (auto* line = qobject_cast<QLineSeries*>(series))
            pens << line->pen();
        else if (auto* barSeries = qobject_cast<QAbstractBarSeries*>(series))
            for (QBarSet* set : barSeries->barSets())
                bars << set->color();
    }
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    for (QAbstractSeries* series : chart->series()) {
        if (auto* line = qobject_cast<QLineSeries*>(series); line && !pens.isEmpty()) {
            line->setPen(pens.takeFirst());
        } else if (auto* barSeries = qobject_cast<QAbstractBarSeries*>(series)) {
            for (QBarSet* set : barSeries->barSets()) {
                if (bars.isEmpty())
                    break;
                const QColor colour = bars.takeFirst();
                set->setColor(colour);
                set->setBorderColor(colour);
            }
        }
    }
    makeInteractive(chart.get());
    QChart* old = view->chart();
    view->setChart(chart.release());
    delete old;
}

} // namespace footfall::ReportCharts
