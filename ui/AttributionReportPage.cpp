#include "AttributionReportPage.h"

#include "AttributionReportModel.h"
#include "DatasetGroupComboBox.h"
#include "DatasetGroupService.h"
#include "JsonTime.h"
#include "MetricAttributionService.h"
#include "ReportCharts.h"
#include "ReportDocument.h"
#include "ReportRangeBar.h"
#include "ReportService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QtConcurrent>

namespace footfall {

AttributionReportPage::AttributionReportPage(QWidget* parent)
    : ReportPage(QStringLiteral("attributionReportPage"), parent)
    , m_groupCombo(new DatasetGroupComboBox(this))
    , m_summary(new QLabel(this))
    , m_createButton(new QPushButton(tr("Create metric attribution…"), this))
    , m_deleteButton(new QPushButton(tr("Delete metric attribution"), this))
    , m_metricCombo(new QComboBox(this))
    , m_rebuildButton(new QPushButton(tr("Recount"), this))
    , m_emptyState(new QLabel(this))
    , m_totalsView(makeChartView(QStringLiteral("totalsChartView"), tr("Totals by source"), this))
    , m_seriesView(
          makeChartView(QStringLiteral("timeSeriesChartView"), tr("Values over time by source"), this))
    , m_table(new QTableView(this))
    , m_body(new QSplitter(Qt::Vertical, this))
    , m_model(new AttributionReportModel(this))
{
    m_groupCombo->setObjectName(QStringLiteral("groupCombo"));
    m_groupCombo->setAccessibleName(tr("Dataset group"));
    m_groupCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_summary->setObjectName(QStringLiteral("attributionSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_createButton->setObjectName(QStringLiteral("createAttributionButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteAttributionButton"));
    m_metricCombo->setObjectName(QStringLiteral("metricCombo"));
    m_metricCombo->setAccessibleName(tr("Metric"));
    m_metricCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_rebuildButton->setObjectName(QStringLiteral("rebuildButton"));
    m_rebuildButton->setToolTip(
        tr("Recount every window from the stored events (the windows are kept up to date "
           "as events arrive; this is for peace of mind)"));
    m_emptyState->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyState->setWordWrap(true);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setMinimumHeight(120);
    QFont emptyFont = m_emptyState->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.15);
    m_emptyState->setFont(emptyFont);

    setExportFormats({{QStringLiteral("csv"), tr("CSV (the layout AWS writes to S3)…")},
                      {QStringLiteral("json"), tr("JSON…")},
                      {QStringLiteral("png"), tr("PNG image…")},
                      {QStringLiteral("svg"), tr("SVG image…")},
                      {QStringLiteral("pdf"), tr("PDF report…")}});

    auto* attributionRow = new QHBoxLayout;
    attributionRow->addWidget(m_summary, 1);
    attributionRow->addWidget(m_createButton);
    attributionRow->addWidget(m_deleteButton);
    auto* controls = new QHBoxLayout;
    auto* groupLabel = new QLabel(tr("&Dataset group:"), this);
    groupLabel->setBuddy(m_groupCombo);
    controls->addWidget(groupLabel);
    controls->addWidget(m_groupCombo);
    controls->addSpacing(12);
    auto* metricLabel = new QLabel(tr("&Metric:"), this);
    metricLabel->setBuddy(m_metricCombo);
    controls->addWidget(metricLabel);
    controls->addWidget(m_metricCombo);
    controls->addStretch(1);
    controls->addWidget(m_rebuildButton);
    controls->addWidget(exportButton());
    // The range on a row of its own: in one row the controls would make the window wider than a
    // 1024-pixel screen.
    auto* range = new QHBoxLayout;
    range->addWidget(rangeBar());
    range->addStretch(1);

    auto* charts = new QSplitter(Qt::Horizontal, this);
    charts->setObjectName(QStringLiteral("chartSplitter"));
    charts->addWidget(m_totalsView);
    charts->addWidget(m_seriesView);
    charts->setSizes({1000, 1300});
    setUpTable(m_table, QStringLiteral("reportTable"));
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Report rows"));
    m_table->horizontalHeader()->setSectionResizeMode(AttributionReportModel::Source, QHeaderView::Stretch);
    m_body->setObjectName(QStringLiteral("reportSplitter"));
    m_body->addWidget(charts);
    m_body->addWidget(m_table);
    m_body->setSizes({1200, 700}); // proportions: the charts first

    pageLayout()->addLayout(attributionRow);
    pageLayout()->addLayout(controls);
    pageLayout()->addLayout(range);
    pageLayout()->addWidget(statusLabel());
    // Alone on an empty report, the explanation takes the room the charts would, centred in it.
    pageLayout()->addWidget(m_emptyState, 1);
    pageLayout()->addWidget(m_body, 1);

    connect(m_metricCombo, &QComboBox::currentIndexChanged, this, &AttributionReportPage::compute);
    connect(m_groupCombo, &QComboBox::activated, this, [this] {
        if (m_groupCombo->currentArn() != arn())
            emit datasetGroupChosen(m_groupCombo->currentArn());
    });
    connect(m_createButton, &QPushButton::clicked, this, [this] { emit createAttributionRequested(arn()); });
    connect(m_deleteButton, &QPushButton::clicked, this, &AttributionReportPage::deleteAttribution);
    connect(m_rebuildButton, &QPushButton::clicked, this, &AttributionReportPage::rebuild);
}

const AttributionReport& AttributionReportPage::report() const
{
    return m_model->report();
}

bool AttributionReportPage::load()
{
    const auto group = workspace()->datasetGroups().findByArn(arn());
    if (!group)
        return false;
    setHeading(tr("Attribution report of %1").arg(group->name));
    {
        const QSignalBlocker blocker(m_groupCombo);
        m_groupCombo->load(*workspace(), group->arn);
    }
    const bool sameGroup = group->id == m_groupId;
    m_groupId = group->id;
    const auto attribution = workspace()->metricAttributions().findForGroup(group->id);
    const QString attributionArn = attribution ? attribution->arn : QString();
    m_createButton->setVisible(!attribution);
    m_deleteButton->setVisible(attribution.has_value());
    if (attribution) {
        QStringList metrics;
        for (const AttributionMetric& metric : attribution->metrics)
            metrics
                << tr("%1 = %2 of %3 events").arg(metric.metricName, metric.expressionText, metric.eventType);
        m_summary->setText(
            tr("Metric attribution %1, %2, counting events recorded since %3: %4")
                .arg(attribution->name, noteStatus(attribution->status), formatTime(attribution->createdMs),
                     metrics.isEmpty() ? tr("no metrics") : metrics.join(QStringLiteral("; "))));
    } else {
        m_summary->setText(tr("No metric attribution yet."));
    }

    // Keep the chosen metric across refreshes; list the attribution's metrics afresh.
    const QString chosen = m_metricCombo->currentData().toString();
    QStringList names;
    if (attribution) {
        for (const AttributionMetric& metric : attribution->metrics)
            names << metric.metricName;
    }
    QStringList listed;
    for (int i = 0; i < m_metricCombo->count(); ++i)
        listed << m_metricCombo->itemData(i).toString();
    if (listed != names) {
        const QSignalBlocker blocker(m_metricCombo);
        m_metricCombo->clear();
        for (const QString& name : names)
            m_metricCombo->addItem(name, name);
        const int index = m_metricCombo->findData(chosen);
        m_metricCombo->setCurrentIndex(index >= 0 ? index : 0);
    }
    m_metricCombo->setEnabled(!names.isEmpty());

    if (sameGroup && attributionArn == m_attributionArn) {
        scheduleCompute(); // new events: recompute once they stop arriving for a moment
    } else {
        m_attributionArn = attributionArn;
        compute();
    }
    return true;
}

void AttributionReportPage::compute()
{
    if (!workspace() || m_groupId == 0)
        return;
    cancelScheduledCompute();
    AttributionReportRequest request;
    request.datasetGroupArn = arn();
    request.metricName = m_metricCombo->currentData().toString();
    request.bucketSeconds = rangeBar()->bucketSeconds();
    request.fromSeconds = rangeBar()->fromSeconds(workspace()->config().nowMs());
    request.toSeconds = rangeBar()->toSeconds();
    const QString path = workspace()->path();
    const ServiceConfig config = workspace()->config();
    statusLabel()->setText(tr("Computing…"));
    exportButton()->setEnabled(false);
    m_computation.run(
        [path, config, request] { return ReportService::attributionFrom(path, config, request); });
}

void AttributionReportPage::showReport(const AttributionReport& report, const QString& error)
{
    m_model->setReport(report, m_metricCombo->currentData().toString());
    exportButton()->setEnabled(error.isEmpty());
    if (error.isEmpty())
        rangeBar()->showFittedBucket(report.bucketSeconds);
    if (!error.isEmpty()) {
        statusLabel()->setText(tr("Cannot compute the report: %1").arg(error));
    } else {
        const QStringList sources = report.sources();
        statusLabel()->setText(tr("%1 to %2 (UTC), %3 windows: %4 rows from %5 sources. Computed at %6.")
                                   .arg(JsonTime::isoSeconds(report.fromSeconds),
                                        JsonTime::isoSeconds(report.toSeconds),
                                        AttributionReport::bucketName(report.bucketSeconds))
                                   .arg(report.rows.size())
                                   .arg(sources.size())
                                   .arg(formatTime(report.generatedMs)));
    }
    m_emptyState->setText(report.isEmpty() ? report.emptyReason : QString());
    m_emptyState->setVisible(report.isEmpty() && error.isEmpty());
    m_rebuildButton->setEnabled(!m_attributionArn.isEmpty());
    showCharts();
    emit computed();
}

void AttributionReportPage::showCharts()
{
    const AttributionReport& current = m_model->report();
    const QString metric = m_metricCombo->currentData().toString();
    ReportCharts::showIn(m_totalsView, ReportCharts::sourceTotals(current, metric));
    ReportCharts::showIn(m_seriesView, ReportCharts::sourceTimeSeries(current, metric));
    m_body->setVisible(!current.isEmpty());
    m_table->resizeColumnsToContents();
}

QString AttributionReportPage::exportTo(const QString& format, const QString& path)
{
    return writeFile(path, [this, &format](QIODevice& file) {
        if (format == QLatin1String("csv"))
            file.write(report().toCsv());
        else if (format == QLatin1String("json"))
            file.write(report().toJson());
        else
            ReportDocument::write(report(), format, file);
    });
}

QString AttributionReportPage::exportFileName(const QString& format) const
{
    const QString metric = m_metricCombo->currentData().toString();
    return QStringLiteral("attribution-%1%2.%3")
        .arg(arn().section(QLatin1Char('/'), -1),
             metric.isEmpty() ? QString() : QLatin1Char('-') + metric.toLower(), format);
}

void AttributionReportPage::deleteAttribution()
{
    if (m_attributionArn.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Delete metric attribution"),
                                              tr("Delete the metric attribution of this dataset group? Its "
                                                 "counted windows go with it; the events stay."));
    if (answer != QMessageBox::Yes)
        return;
    try {
        workspace()->metricAttributions().remove(m_attributionArn);
        emit statusMessage(tr("Deleted the metric attribution"));
    } catch (const ServiceError& error) {
        QMessageBox::warning(this, tr("Delete metric attribution"), error.message());
    }
}

void AttributionReportPage::rebuild()
{
    m_rebuildButton->setEnabled(false);
    statusLabel()->setText(tr("Recounting the windows from the stored events…"));
    const QString path = workspace()->path();
    const ServiceConfig config = workspace()->config();
    const QString groupArn = arn();
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        const QString error = watcher->result();
        watcher->deleteLater();
        m_rebuildButton->setEnabled(true);
        if (!error.isEmpty())
            statusLabel()->setText(tr("Cannot recount: %1").arg(error));
        compute();
    });
    watcher->setFuture(QtConcurrent::run([path, config, groupArn] {
        return failureOf([&] { Workspace::open(path, config)->reports().rebuild(groupArn); });
    }));
}

} // namespace footfall
