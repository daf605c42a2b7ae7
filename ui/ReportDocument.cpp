#include "ReportDocument.h"

#include "AttributionReport.h"
#include "JsonTime.h"
#include "ReportCharts.h"
#include "ReportTable.h"
#include "ServiceError.h"

#include <QChart>
#include <QChartView>
#include <QFontMetrics>
#include <QImage>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace footfall::ReportDocument {

namespace {

constexpr int kWidth = 1200; // logical width of the PNG and SVG pages
constexpr int kHeaderHeight = 130;
constexpr int kChartHeight = 340;

QStringList headerLines(const AttributionReport& report)
{
    QStringList lines;
    lines << QObject::tr("Dataset group: %1 (%2)").arg(report.datasetGroupName, report.datasetGroupArn);
    if (!report.metricAttributionArn.isEmpty())
        lines << QObject::tr("Metric attribution: %1 (%2)")
                     .arg(report.metricAttributionName, report.metricAttributionArn);
    lines << QObject::tr("Range: %1 to %2, in %3 windows")
                 .arg(JsonTime::isoSeconds(report.fromSeconds), JsonTime::isoSeconds(report.toSeconds),
                      AttributionReport::bucketName(report.bucketSeconds));
    lines << QObject::tr("Generated: %1 by Footfall").arg(JsonTime::isoSeconds(report.generatedMs / 1000));
    return lines;
}

// Draws the title block in [0, width) from y = 0; returns the height used.
int drawHeader(QPainter& painter, const AttributionReport& report, int width)
{
    QFont title = painter.font();
    title.setPixelSize(24);
    title.setBold(true);
    painter.setFont(title);
    painter.setPen(Qt::black);
    painter.drawText(QRect(0, 0, width, 34), Qt::AlignLeft | Qt::AlignVCenter,
                     QObject::tr("Attribution report"));
    QFont body = painter.font();
    body.setPixelSize(14);
    body.setBold(false);
    painter.setFont(body);
    int y = 40;
    const QFontMetrics metrics = painter.fontMetrics();
    for (const QString& line : headerLines(report)) {
        // Long ARNs wrap at their separators on a narrow page rather than run off it.
        for (const QString& part : ReportTable::wrap(line, metrics, width)) {
            painter.drawText(QRect(0, y, width, metrics.lineSpacing()), Qt::AlignLeft | Qt::AlignVCenter,
                             part);
            y += metrics.lineSpacing();
        }
        y += 3;
    }
    return y + 6;
}

// Draws a chart built at `size` scaled into `target`.
void drawChart(QPainter& painter, std::unique_ptr<QChart> chart, const QRectF& target, const QSize& size)
{
    chart->setBackgroundRoundness(0);
    QChartView view(chart.release());
    view.setRenderHint(QPainter::Antialiasing);
    view.setFrameShape(QFrame::NoFrame);
    view.resize(size);
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.show(); // lays the chart out; never on screen
    view.render(&painter, target, QRect(QPoint(), size));
}

int pageHeight(const AttributionReport& report)
{
    return kHeaderHeight + int(std::max<qsizetype>(1, report.metrics.size())) * (kChartHeight + 20);
}

// The title block and, per metric, its totals beside its time series.
void drawCharts(QPainter& painter, const AttributionReport& report, int width, int top)
{
    int y = top;
    if (report.isEmpty()) {
        QFont body = painter.font();
        body.setPixelSize(16);
        painter.setFont(body);
        painter.drawText(QRect(0, y, width, 60), Qt::AlignLeft | Qt::TextWordWrap,
                         QObject::tr("Nothing to show: %1").arg(report.emptyReason));
        return;
    }
    const int totalsWidth = width * 2 / 5;
    for (const AttributionMetric& metric : report.metrics) {
        drawChart(painter, ReportCharts::sourceTotals(report, metric.metricName),
                  QRectF(0, y, totalsWidth - 10, kChartHeight), QSize(totalsWidth - 10, kChartHeight));
        drawChart(painter, ReportCharts::sourceTimeSeries(report, metric.metricName),
                  QRectF(totalsWidth, y, width - totalsWidth, kChartHeight),
                  QSize(width - totalsWidth, kChartHeight));
        y += kChartHeight + 20;
    }
}

void writeImage(const AttributionReport& report, QIODevice& output)
{
    QImage image(kWidth + 40, pageHeight(report) + 40, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(20, 20);
    drawCharts(painter, report, kWidth, drawHeader(painter, report, kWidth));
    painter.end();
    if (!image.save(&output, "PNG"))
        throw ServiceError::invalidInput(QObject::tr("Cannot write the PNG image"), QStringLiteral("output"));
}

void writeSvg(const AttributionReport& report, QIODevice& output)
{
    QSvgGenerator svg;
    svg.setOutputDevice(&output);
    svg.setSize(QSize(kWidth + 40, pageHeight(report) + 40));
    svg.setViewBox(QRect(0, 0, kWidth + 40, pageHeight(report) + 40));
    svg.setTitle(QObject::tr("Attribution report: %1").arg(report.datasetGroupName));
    svg.setDescription(headerLines(report).join(QLatin1Char('\n')));
    QPainter painter(&svg);
    painter.fillRect(QRect(0, 0, kWidth + 40, pageHeight(report) + 40), Qt::white);
    painter.translate(20, 20);
    drawCharts(painter, report, kWidth, drawHeader(painter, report, kWidth));
}

void writePdf(const AttributionReport& report, QIODevice& output)
{
    QPdfWriter pdf(&output);
    pdf.setTitle(QObject::tr("Attribution report: %1").arg(report.datasetGroupName));
    pdf.setCreator(QStringLiteral("Footfall"));
    pdf.setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15)));
    pdf.setResolution(96);
    QPainter painter(&pdf);
    const QRect page = pdf.pageLayout().paintRectPixels(pdf.resolution());
    const int width = page.width();
    // The first page: the title block and the charts, scaled to the page width, a metric per band.
    int y = drawHeader(painter, report, width);
    const qreal scale = qreal(width) / kWidth;
    if (report.isEmpty()) {
        drawCharts(painter, report, width, y);
    } else {
        for (const AttributionMetric& metric : report.metrics) {
            const int band = int(kChartHeight * scale);
            if (y + band > page.height()) {
                pdf.newPage();
                y = 0;
            }
            const int totalsWidth = kWidth * 2 / 5;
            drawChart(painter, ReportCharts::sourceTotals(report, metric.metricName),
                      QRectF(0, y, (totalsWidth - 10) * scale, band), QSize(totalsWidth - 10, kChartHeight));
            drawChart(painter, ReportCharts::sourceTimeSeries(report, metric.metricName),
                      QRectF(totalsWidth * scale, y, (kWidth - totalsWidth) * scale, band),
                      QSize(kWidth - totalsWidth, kChartHeight));
            y += band + 12;
        }
    }

    // Then the numbers: totals per source, and every row of the table, each table with its header
    // again on every page it continues on.
    QFont heading = painter.font();
    heading.setPixelSize(15);
    heading.setBold(true);
    QFont body = painter.font();
    body.setPixelSize(11);
    body.setBold(false);
    const ReportTable::NewPage newPage = [&pdf] {
        pdf.newPage();
        return 0;
    };
    const auto drawHeading = [&](const QString& text, int space) {
        if (y + space + 60 > page.height())
            y = newPage();
        else
            y += space;
        painter.setFont(heading);
        painter.drawText(QRect(0, y, width, 22), Qt::AlignLeft | Qt::AlignVCenter, text);
        y += 26;
    };
    const QLocale locale;
    if (!report.isEmpty()) {
        const auto right = Qt::AlignRight;
        ReportTable totals({{QObject::tr("Metric"), Qt::AlignLeft, true},
                            {QObject::tr("Source"), Qt::AlignLeft, true},
                            {QObject::tr("Value"), right},
                            {QObject::tr("Events"), right}});
        for (const AttributionSourceTotal& total : report.totals)
            totals.addRow({total.metricName, total.source, AttributionReport::formatValue(total.value),
                           locale.toString(total.samples)});
        drawHeading(QObject::tr("Totals by source"), 10);
        y = totals.draw(painter, body, y, width, page.height(), newPage);

        ReportTable windows({{QObject::tr("Metric"), Qt::AlignLeft, true},
                             {QObject::tr("Window start (UTC)")},
                             {QObject::tr("Source"), Qt::AlignLeft, true},
                             {QObject::tr("Value"), right},
                             {QObject::tr("Events"), right}});
        for (const AttributionReportRow& row : report.rows)
            windows.addRow({row.metricName, JsonTime::isoSeconds(row.windowStart), row.source,
                            AttributionReport::formatValue(row.value), locale.toString(row.samples)});
        drawHeading(QObject::tr("Every window"), 14);
        y = windows.draw(painter, body, y, width, page.height(), newPage);
    }
    painter.end();
}

} // namespace

void write(const AttributionReport& report, const QString& format, QIODevice& output)
{
    const QString kind = format.toLower();
    if (kind == QLatin1String("png"))
        writeImage(report, output);
    else if (kind == QLatin1String("svg"))
        writeSvg(report, output);
    else if (kind == QLatin1String("pdf"))
        writePdf(report, output);
    else
        throw ServiceError::invalidInput(QObject::tr("Cannot draw a report as %1").arg(format),
                                         QStringLiteral("format"));
}

} // namespace footfall::ReportDocument
