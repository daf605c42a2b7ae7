#include "EventMetricsPage.h"

#include "EventTrackerService.h"
#include "JsonTime.h"
#include "ReportCharts.h"
#include "ReportRangeBar.h"
#include "ReportService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>

namespace footfall {

EventMetricsPage::EventMetricsPage(QWidget* parent)
    : ReportPage(QStringLiteral("eventMetricsPage"), parent)
    , m_requestsView(makeChartView(QStringLiteral("requestsChartView"), tr("PutEvents calls"), this))
    , m_latencyView(makeChartView(QStringLiteral("latencyChartView"), tr("PutEvents latency"), this))
    , m_typesView(makeChartView(QStringLiteral("eventTypesChartView"), tr("Events by type"), this))
    , m_table(new QTableView(this))
    , m_model(new QStandardItemModel(this))
{
    rangeBar()->setPreset(1); // the last 24 hours: a tracker may be years old
    setExportFormats({{QStringLiteral("csv"), tr("CSV…")}, {QStringLiteral("json"), tr("JSON…")}});
    setUpTable(m_table, QStringLiteral("metricsTable"));
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Metrics per window"));
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(rangeBar());
    controls->addStretch(1);
    controls->addWidget(exportButton());
    auto* charts = new QWidget(this);
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    // One row of charts: two would leave the table five rows at the window's first size, or make the
    // window taller than a 700-pixel screen.
    grid->addWidget(m_requestsView, 0, 0);
    grid->addWidget(m_latencyView, 0, 1);
    grid->addWidget(m_typesView, 0, 2);
    auto* body = new QSplitter(Qt::Vertical, this);
    body->addWidget(charts);
    body->addWidget(m_table);
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              6 * m_table->verticalHeader()->defaultSectionSize() +
                              2 * m_table->frameWidth());
    body->setChildrenCollapsible(false);
    body->setSizes({1000, 1000});
    pageLayout()->addLayout(controls);
    pageLayout()->addWidget(statusLabel());
    pageLayout()->addWidget(body, 1);
}

bool EventMetricsPage::load()
{
    const auto tracker = workspace()->eventTrackers().findByArn(arn());
    if (!tracker)
        return false;
    setHeading(tr("Event metrics of %1").arg(tracker->name));
    if (tracker->arn == m_trackerArn) {
        scheduleCompute();
    } else {
        m_trackerArn = tracker->arn;
        compute();
    }
    return true;
}

void EventMetricsPage::compute()
{
    if (!workspace() || m_trackerArn.isEmpty())
        return;
    cancelScheduledCompute();
    const QString path = workspace()->path();
    const ServiceConfig config = workspace()->config();
    const QString trackerArn = m_trackerArn;
    const qint64 from = rangeBar()->fromSeconds(config.nowMs());
    const qint64 to = rangeBar()->toSeconds();
    const int bucket = rangeBar()->bucketSeconds();
    statusLabel()->setText(tr("Computing…"));
    m_computation.run(
        [=] { return ReportService::eventMetricsFrom(path, config, trackerArn, from, to, bucket); });
}

void EventMetricsPage::showReport(const EventMetricsReport& report, const QString& error)
{
    m_report = report;
    const QLocale locale;
    if (error.isEmpty())
        rangeBar()->showFittedBucket(report.bucketSeconds);
    if (!error.isEmpty())
        statusLabel()->setText(tr("Cannot compute the metrics: %1").arg(error));
    else
        statusLabel()->setText(
            tr("%1 to %2 (UTC): %3 successful PutEvents calls, %4 answered with a 4xx error.")
                .arg(JsonTime::isoSeconds(report.fromSeconds), JsonTime::isoSeconds(report.toSeconds),
                     locale.toString(report.totalRequests()), locale.toString(report.totalErrors())));
    ReportCharts::showIn(m_requestsView, ReportCharts::requests(report));
    ReportCharts::showIn(m_latencyView, ReportCharts::latency(report));
    ReportCharts::showIn(m_typesView, ReportCharts::eventTypes(report));

    m_model->clear();
    const QStringList types = report.eventTypeNames();
    QStringList headers = {tr("Window start (UTC)"), QStringLiteral("PutEventsRequests"),
                           QStringLiteral("PutEvents4xxErrors"), tr("Latency avg (ms)"),
                           tr("Latency max (ms)")};
    for (const QString& type : types)
        headers << tr("Events: %1").arg(type);
    m_model->setHorizontalHeaderLabels(headers);
    QMap<qint64, QMap<QString, qint64>> eventsByWindow;
    for (const EventTypeCount& count : report.eventTypes)
        eventsByWindow[count.windowStart][count.eventType] += count.events;
    QMap<qint64, EventMetricsWindow> windows;
    for (const EventMetricsWindow& window : report.windows)
        windows.insert(window.windowStart, window);
    QList<qint64> starts = windows.keys();
    for (qint64 start : eventsByWindow.keys()) {
        if (!windows.contains(start))
            starts << start;
    }
    std::sort(starts.begin(), starts.end());
    for (qint64 start : starts) {
        const EventMetricsWindow window = windows.value(start);
        QList<QStandardItem*> row = {
            new QStandardItem(JsonTime::isoSeconds(start)),
            new QStandardItem(locale.toString(window.requests)),
            new QStandardItem(locale.toString(window.errors4xx)),
            new QStandardItem(window.requests ? locale.toString(window.latencyAverageMs, 'f', 2) : QString()),
            new QStandardItem(window.requests ? locale.toString(window.latencyMaximumMs, 'f', 2)
                                              : QString())};
        for (const QString& type : types)
            row << new QStandardItem(locale.toString(eventsByWindow.value(start).value(type)));
        for (int i = 1; i < row.size(); ++i)
            row.at(i)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    emit computed();
}

QString EventMetricsPage::exportTo(const QString& format, const QString& path)
{
    return writeFile(path, [this, &format](QIODevice& file) {
        file.write(format == QLatin1String("json") ? m_report.toJson() : m_report.toCsv());
    });
}

QString EventMetricsPage::exportFileName(const QString& format) const
{
    return QStringLiteral("event-metrics-%1.%2").arg(m_trackerArn.section(QLatin1Char('/'), -1), format);
}

} // namespace footfall
