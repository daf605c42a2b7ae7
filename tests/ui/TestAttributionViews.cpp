#include "AttributionReportModel.h"
#include "AttributionReportPage.h"
#include "CampaignPage.h"
#include "CampaignService.h"
#include "CreateCampaignDialog.h"
#include "CreateMetricAttributionDialog.h"
#include "CreateRecommenderDialog.h"
#include "CreateSolutionDialog.h"
#include "DatabaseFiles.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "DialogAnswers.h"
#include "EventMetricsPage.h"
#include "EventTrackerService.h"
#include "HintLabel.h"
#include "InteractionQuery.h"
#include "MainWindow.h"
#include "MetricAttributionService.h"
#include "NavigationModel.h"
#include "RecommendationsPreviewDialog.h"
#include "RecommenderPage.h"
#include "RecordingService.h"
#include "ReportService.h"
#include "SchemaService.h"
#include "SolutionPage.h"
#include "SolutionService.h"
#include "TestWorkspace.h"
#include "TrainingProgressBar.h"
#include "TrainingScheduler.h"
#include "Workspace.h"

#include <QAbstractBarSeries>
#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QSvgRenderer>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <QToolTip>
#include <QTreeView>
#include <QValueAxis>

#include <thread>

using namespace footfall;
using footfall::test::answerFileDialog;
using footfall::test::answerMessageBox;
using footfall::test::TestWorkspace;

namespace {

const QString kGroupArn = QString::fromLatin1(TestWorkspace::kGroupArn);
const QString kTrackerArn = QString::fromLatin1(TestWorkspace::kTrackerArn);

QJsonObject metric(const QString& type, const QString& name, const QString& expression)
{
    return {{QStringLiteral("eventType"), type},
            {QStringLiteral("metricName"), name},
            {QStringLiteral("expression"), expression}};
}

// With FOOTFALL_SCREENSHOT_DIR set, saves what `widget` shows as <name>.png there, to be looked at.
void saveScreenshot(QWidget* widget, const char* name)
{
    if (const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR"); !folder.isEmpty())
        QVERIFY(
            widget->grab().save(folder + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png")));
}

void chooseBucket(QWidget* page, int seconds)
{
    auto* combo = page->findChild<QComboBox*>(QStringLiteral("bucketCombo"));
    combo->setCurrentIndex(combo->findData(seconds));
}

// Where `value` of `series` is drawn in `view`'s viewport.
QPoint viewportPointOf(QChartView* view, const QPointF& value, QAbstractSeries* series)
{
    QChart* chart = view->chart();
    return view->mapFromScene(chart->mapToScene(chart->mapToPosition(value, series)));
}

QValueAxis* valueAxisOf(QChart* chart)
{
    for (QAbstractAxis* axis : chart->axes()) {
        if (auto* values = qobject_cast<QValueAxis*>(axis))
            return values;
    }
    return nullptr;
}

QLineSeries* lineNamed(QChart* chart, const QString& name)
{
    for (QAbstractSeries* series : chart->series()) {
        if (series->name() == name)
            return qobject_cast<QLineSeries*>(series);
    }
    return nullptr;
}

QJsonObject withoutGeneratedAt(const QByteArray& json)
{
    QJsonObject report =
        QJsonDocument::fromJson(json).object().value(QStringLiteral("attributionReport")).toObject();
    report.remove(QStringLiteral("generatedAt"));
    return report;
}

} // namespace

// The metric attribution dialog, the attribution report and the event metrics page, driven
// through the real widgets.
class TestAttributionViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void createAttributionThroughItsDialog();
    void reportSwitchesMetricBucketAndSeries();
    void exportsEqualTheCommandLine();
    void fittedBucketFollowsTheRange();
    void hoverShowsExactValues();
    void legendRescalesAndSourcesKeepTheirColour();
    void singleWindowDrawsAPoint();
    void longSourcesAreElidedInTheMiddle();
    void emptyReportSaysWhy();
    void reportFollowsNewEvents();
    void eventMetricsPage();
    void choosingAnotherGroupShowsItsReport();
    void previewRecordsClicksAttributedToTheCampaign();
    void previewRanksAGivenList();
    void sampleWorkspaceOpensOnItsReport();
    void trainAndDeployThroughTheConsole();
    void recommenderThroughTheConsole();
    void trainingProgressBarCountsEvents();
    void statusesFollowWithoutAClick();
    void screenshots();

private:
    void record(const QString& type, qint64 sentAt, const QString& source, double value = 0);
    // Thirty users (userPrefix + 0..29) with 34 watches each, in three groups of four items: enough
    // to train.
    void recordHistory(const QString& trackingId, const QString& userPrefix = QStringLiteral("u"));
    void createAttribution();
    AttributionReportPage* openReport();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestWorkspace> m_seed;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_now = 0; // a window start an hour ago
};

void TestAttributionViews::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("FootfallTests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestAttributionViews::init()
{
    m_seed = std::make_unique<TestWorkspace>();
    m_seed->createShop();
    ServiceConfig config;
    config.provisioningMs = 0;
    m_window = std::make_unique<MainWindow>(config);
    m_window->resize(1280, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openDatabase(m_seed->path()));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_now = now - now % 3600 - 3600;
}

void TestAttributionViews::cleanup()
{
    m_window.reset();
    m_seed.reset();
}

void TestAttributionViews::record(const QString& type, qint64 sentAt, const QString& source, double value)
{
    QJsonObject event{{QStringLiteral("eventType"), type},
                      {QStringLiteral("sentAt"), double(sentAt)},
                      {QStringLiteral("itemId"), QStringLiteral("i1")}};
    if (value != 0)
        event.insert(QStringLiteral("eventValue"), value);
    if (!source.isEmpty())
        event.insert(QStringLiteral("metricAttribution"),
                     QJsonObject{{QStringLiteral("eventAttributionSource"), source}});
    Workspace* workspace = m_window->workspace();
    workspace->recording().putEvents(
        {{QStringLiteral("trackingId"), workspace->eventTrackers().describe(kTrackerArn).trackingId},
         {QStringLiteral("userId"), QStringLiteral("u1")},
         {QStringLiteral("sessionId"), QStringLiteral("s1")},
         {QStringLiteral("eventList"), QJsonArray{event}}},
        {QStringLiteral("console"), {}, {}, {}});
}

void TestAttributionViews::recordHistory(const QString& trackingId, const QString& userPrefix)
{
    Workspace* workspace = m_window->workspace();
    for (int user = 0; user < 30; ++user) {
        const QString userId = userPrefix + QString::number(user);
        QJsonArray events;
        for (int i = 0; i < 34; ++i) {
            events.append(QJsonObject{
                {QStringLiteral("eventType"), QStringLiteral("watch")},
                {QStringLiteral("sentAt"), double(m_now - 86400 + user * 100 + i)},
                {QStringLiteral("itemId"), QStringLiteral("item-%1").arg((user % 3) * 4 + i % 4)}});
            if (events.size() == 10 || i == 33) {
                workspace->recording().putEvents(
                    {{QStringLiteral("trackingId"), trackingId},
                     {QStringLiteral("userId"), userId},
                     {QStringLiteral("sessionId"), QString(QStringLiteral("s-") + userId)},
                     {QStringLiteral("eventList"), events}},
                    {QStringLiteral("cli"), {}, {}, {}});
                events = QJsonArray();
            }
        }
    }
}

void TestAttributionViews::createAttribution()
{
    m_window->workspace()->metricAttributions().create(
        {QStringLiteral("shop-metrics"), kGroupArn,
         QJsonArray{
             metric(QStringLiteral("click"), QStringLiteral("CLICKS"), QStringLiteral("SAMPLECOUNT()")),
             metric(QStringLiteral("buy"), QStringLiteral("BUY_VALUE"),
                    QStringLiteral("SUM(Interactions.EVENT_VALUE)"))},
         QJsonObject{{QStringLiteral("roleArn"), QStringLiteral("arn:aws:iam::000000000000:role/metrics")}}});
    const QStringList sources = {QStringLiteral("email"), QStringLiteral("home carousel"), QString()};
    for (int i = 0; i < 24; ++i)
        record(QStringLiteral("click"), m_now + i * 300, sources.at(i % 3));
    for (int i = 0; i < 6; ++i)
        record(QStringLiteral("buy"), m_now + i * 600 + 7, sources.at(i % 2), 10.0 + i);
}

AttributionReportPage* TestAttributionViews::openReport()
{
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Attribution));
    auto* page = m_window->findChild<AttributionReportPage*>();
    const bool computed = page && QTest::qWaitFor([page] {
                              return page->findChild<QLabel*>(QStringLiteral("reportStatus"))
                                  ->text()
                                  .contains(QStringLiteral("Computed"));
                          });
    return computed ? page : nullptr;
}

void TestAttributionViews::createAttributionThroughItsDialog()
{
    m_window->selectArn(kGroupArn);
    m_window->findChild<QAction*>(QStringLiteral("actionCreateMetricAttribution"))->trigger();
    CreateMetricAttributionDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<CreateMetricAttributionDialog*>()) != nullptr &&
                dialog->isVisible());
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("metricsTable"));
    auto* hint = dialog->findChild<HintLabel*>(QStringLiteral("metricsHint"));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("click"));
    QVERIFY(dialog->okButton()->isEnabled());

    table->item(0, 2)->setText(QStringLiteral("COUNT()"));
    QVERIFY(!dialog->okButton()->isEnabled());
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->text(),
             QStringLiteral("Invalid value for parameter metrics[0].expression: \"COUNT()\" is not a metric "
                            "expression; use SAMPLECOUNT(), SUM(Interactions.<numeric column>) or "
                            "SUM(Items.<numeric column>)"));
    table->item(0, 2)->setText(QStringLiteral("SAMPLECOUNT()"));
    QVERIFY(dialog->okButton()->isEnabled());

    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addMetricButton")), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 2);
    table->item(1, 0)->setText(QStringLiteral("buy"));
    table->item(1, 1)->setText(QStringLiteral("REVENUE"));
    table->item(1, 2)->setText(QStringLiteral("SUM(Items.PRICE)"));
    QVERIFY(!dialog->okButton()->isEnabled());
    QVERIFY(hint->text().contains(QStringLiteral("needs the Items dataset of dataset group shop")));
    table->item(1, 2)->setText(QStringLiteral("SUM(Interactions.EVENT_VALUE)"));
    QVERIFY(dialog->okButton()->isEnabled());
    QCOMPARE(m_seed->count("metric_attribution"), 0);

    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible() || !m_window->findChild<CreateMetricAttributionDialog*>());
    const auto created = m_window->workspace()->metricAttributions().findForGroup(
        m_window->workspace()->datasetGroups().describe(kGroupArn).id);
    QVERIFY(created);
    QCOMPARE(created->name, QStringLiteral("shop-metrics"));
    QCOMPARE(created->metrics.size(), 2);
    QCOMPARE(created->metrics.at(1).expressionText, QStringLiteral("SUM(Interactions.EVENT_VALUE)"));
    auto* pages = m_window->findChild<QWidget*>(QStringLiteral("pages"));
    QTRY_COMPARE(qobject_cast<QStackedWidget*>(pages)->currentWidget()->objectName(),
                 QStringLiteral("attributionReportPage"));
}

void TestAttributionViews::reportSwitchesMetricBucketAndSeries()
{
    createAttribution();
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    auto* table = page->findChild<QTableView*>(QStringLiteral("reportTable"));
    auto* metricCombo = page->findChild<QComboBox*>(QStringLiteral("metricCombo"));
    QCOMPARE(metricCombo->currentText(), QStringLiteral("CLICKS"));
    QTRY_VERIFY(table->model()->rowCount() > 0);
    QVERIFY(!page->findChild<QLabel*>(QStringLiteral("emptyStateLabel"))->isVisible());
    // 24 clicks, 5 minutes apart, from three sources: 8 each.
    double total = 0;
    for (const AttributionSourceTotal& sourceTotal : page->report().totals)
        total += sourceTotal.value;
    QCOMPARE(total, 24.0);
    QCOMPARE(page->report().totals.size(), 3);

    metricCombo->setCurrentIndex(1);
    QTRY_COMPARE(page->report().metrics.first().metricName, QStringLiteral("BUY_VALUE"));
    for (int row = 0; row < table->model()->rowCount(); ++row)
        QCOMPARE(table->model()->index(row, AttributionReportModel::Metric).data().toString(),
                 QStringLiteral("BUY_VALUE"));

    auto* bucketCombo = page->findChild<QComboBox*>(QStringLiteral("bucketCombo"));
    const int fifteenMinuteRows = table->model()->rowCount();
    bucketCombo->setCurrentIndex(bucketCombo->findData(3600));
    QTRY_COMPARE(page->report().bucketSeconds, 3600);
    QVERIFY(table->model()->rowCount() < fifteenMinuteRows);
    for (const AttributionReportRow& row : page->report().rows)
        QCOMPARE(row.windowStart % 3600, 0);

    auto* seriesView = page->findChild<QChartView*>(QStringLiteral("timeSeriesChartView"));
    QChart* chart = seriesView->chart();
    QCOMPARE(chart->series().size(), 2); // BUY_VALUE came from two sources
    QLegendMarker* marker = chart->legend()->markers().first();
    QAbstractSeries* series = marker->series();
    QVERIFY(series->isVisible());
    emit marker->clicked();
    QVERIFY(!series->isVisible());
    QVERIFY(marker->isVisible());
    emit marker->clicked();
    QVERIFY(series->isVisible());
    auto* totalsView = page->findChild<QChartView*>(QStringLiteral("totalsChartView"));
    QVERIFY(!totalsView->chart()->series().isEmpty());
}

void TestAttributionViews::exportsEqualTheCommandLine()
{
    createAttribution();
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    page->findChild<QComboBox*>(QStringLiteral("metricCombo"))->setCurrentIndex(1);
    chooseBucket(page, 3600);
    page->findChild<QComboBox*>(QStringLiteral("rangeCombo"))->setCurrentIndex(5); // custom
    auto* from = page->findChild<QDateTimeEdit*>(QStringLiteral("fromEdit"));
    auto* to = page->findChild<QDateTimeEdit*>(QStringLiteral("toEdit"));
    QVERIFY(from->isVisible());
    from->setDateTime(QDateTime::fromSecsSinceEpoch(m_now - 3600, QTimeZone::utc()));
    to->setDateTime(QDateTime::fromSecsSinceEpoch(m_now + 3 * 3600, QTimeZone::utc()));
    QTRY_COMPARE(page->report().fromSeconds, m_now - 3600);
    QTRY_COMPARE(page->report().toSeconds, m_now + 3 * 3600);
    QTRY_COMPARE(page->report().bucketSeconds, 3600);
    QVERIFY(!page->report().rows.isEmpty());

    const QString folder = m_seed->dir();
    for (const QString& format : {QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("png"),
                                  QStringLiteral("svg"), QStringLiteral("pdf")}) {
        const QString path = folder + QStringLiteral("/console.") + format;
        answerFileDialog(path);
        page->findChild<QAction*>(
                QStringLiteral("export%1Action").arg(format.at(0).toUpper() + format.mid(1)))
            ->trigger();
        QTRY_VERIFY(QFile::exists(path));
    }

    QProcess cli;
    const QString cliCsv = folder + QStringLiteral("/cli.csv");
    const QString cliJson = folder + QStringLiteral("/cli.json");
    for (const auto& [format, output] :
         {std::pair{QStringLiteral("csv"), cliCsv}, std::pair{QStringLiteral("json"), cliJson}}) {
        cli.start(QStringLiteral(FOOTFALL_BINARY),
                  {QStringLiteral("--db"), m_seed->path(), QStringLiteral("report"),
                   QStringLiteral("attribution"), QStringLiteral("--dataset-group-arn"), kGroupArn,
                   QStringLiteral("--metric"), QStringLiteral("BUY_VALUE"), QStringLiteral("--from"),
                   QString::number(m_now - 3600), QStringLiteral("--to"), QString::number(m_now + 3 * 3600),
                   QStringLiteral("--bucket"), QStringLiteral("1h"), QStringLiteral("--format"), format,
                   QStringLiteral("--outfile"), output});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
    }
    const auto read = [](const QString& path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    QCOMPARE(read(folder + QStringLiteral("/console.csv")), read(cliCsv));
    QVERIFY(read(cliCsv).startsWith(
        "METRIC_NAME,EVENT_TYPE,VALUE,MATH_FUNCTION,EVENT_ATTRIBUTION_SOURCE,TIMESTAMP\nBUY_VALUE,BUY,"));
    QCOMPARE(withoutGeneratedAt(read(folder + QStringLiteral("/console.json"))),
             withoutGeneratedAt(read(cliJson)));

    const QImage image(folder + QStringLiteral("/console.png"));
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 1200 && image.height() >= 400);
    QSvgRenderer svg(folder + QStringLiteral("/console.svg"));
    QVERIFY(svg.isValid());
    QVERIFY(svg.defaultSize().width() >= 1200);
    const QByteArray pdf = read(folder + QStringLiteral("/console.pdf"));
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY2(pdf.size() > 10000, qPrintable(QString::number(pdf.size())));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
}

void TestAttributionViews::fittedBucketFollowsTheRange()
{
    createAttribution();
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    auto* bucket = page->findChild<QComboBox*>(QStringLiteral("bucketCombo"));
    auto* range = page->findChild<QComboBox*>(QStringLiteral("rangeCombo"));
    // By default the bucket fits the range: two hours of clicks since counting began, 15 minutes.
    QCOMPARE(bucket->currentData().toInt(), 0);
    QCOMPARE(page->report().bucketSeconds, 900);
    QCOMPARE(bucket->currentText(), QStringLiteral("Fit to range (15 minutes)"));
    const auto windows = [page] {
        const AttributionReport& report = page->report();
        return (report.toSeconds - report.fromSeconds + report.bucketSeconds - 1) / report.bucketSeconds;
    };
    const QList<std::pair<int, int>> presets = {{3, 21600}, {4, 21600}, {2, 3600}, {1, 900}};
    for (const auto& [preset, seconds] : presets) {
        range->setCurrentIndex(preset);
        QTRY_COMPARE(page->report().bucketSeconds, seconds);
        QVERIFY2(windows() >= 20 && windows() <= 200, qPrintable(QString::number(windows())));
        QCOMPARE(page->report().fromSeconds % seconds, 0);
    }
    QCOMPARE(bucket->currentText(), QStringLiteral("Fit to range (15 minutes)"));
    // A bucket chosen is kept when the range changes.
    chooseBucket(page, 3600);
    QTRY_COMPARE(page->report().bucketSeconds, 3600);
    range->setCurrentIndex(4);
    QTRY_VERIFY(page->report().toSeconds - page->report().fromSeconds >= 30 * 86400);
    QCOMPARE(page->report().bucketSeconds, 3600);
    QCOMPARE(bucket->currentText(), QStringLiteral("1 hour"));
}

void TestAttributionViews::hoverShowsExactValues()
{
    createAttribution();
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    page->findChild<QComboBox*>(QStringLiteral("metricCombo"))->setCurrentIndex(1); // BUY_VALUE
    QTRY_COMPARE(page->report().metrics.first().metricName, QStringLiteral("BUY_VALUE"));
    auto* view = page->findChild<QChartView*>(QStringLiteral("timeSeriesChartView"));
    QTRY_VERIFY(lineNamed(view->chart(), QStringLiteral("home carousel")));
    QLineSeries* home = lineNamed(view->chart(), QStringLiteral("home carousel"));
    // The window with the 15.0 bought from the home carousel.
    QPointF largest;
    for (const QPointF& point : home->points()) {
        if (point.y() > largest.y())
            largest = point;
    }
    QCOMPARE(largest.y(), 15.0);
    QTest::mouseMove(view->viewport(), viewportPointOf(view, largest, home) + QPoint(2, -3));
    QTRY_VERIFY(QToolTip::isVisible());
    const QString window = QDateTime::fromSecsSinceEpoch(m_now + 2700, QTimeZone::utc())
                               .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    QTRY_COMPARE(QToolTip::text(), window + QStringLiteral("\nhome carousel: 15\nemail: 0"));
    // Away from the plot, the tooltip goes.
    QTest::mouseMove(view->viewport(), QPoint(2, 2));
    QTRY_VERIFY(!QToolTip::isVisible());

    // A bar, and its label, show the source and its total.
    auto* totals = page->findChild<QChartView*>(QStringLiteral("totalsChartView"));
    auto* bars = qobject_cast<QAbstractBarSeries*>(totals->chart()->series().first());
    QVERIFY(bars);
    int homeIndex = -1;
    for (int i = 0; i < bars->count(); ++i) {
        if (bars->barSets().at(i)->label() == QStringLiteral("home carousel"))
            homeIndex = i;
    }
    QVERIFY(homeIndex >= 0);
    const QPoint bar = viewportPointOf(totals, QPointF(1.0, homeIndex), bars);
    QTest::mouseMove(totals->viewport(), bar);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("home carousel: 39"));
    QTest::mouseMove(totals->viewport(), QPoint(8, bar.y()));
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("home carousel: 39"));
}

void TestAttributionViews::legendRescalesAndSourcesKeepTheirColour()
{
    createAttribution();
    record(QStringLiteral("buy"), m_now + 60, QStringLiteral("big spender"), 200);
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    auto* metricCombo = page->findChild<QComboBox*>(QStringLiteral("metricCombo"));
    auto* view = page->findChild<QChartView*>(QStringLiteral("timeSeriesChartView"));
    auto* totals = page->findChild<QChartView*>(QStringLiteral("totalsChartView"));
    // Each source's colour: of its line, of its bar, for both metrics.
    QMap<QString, QColor> colours;
    const auto checkColours = [&](QChart* lines, QChart* barChart) {
        for (QAbstractSeries* series : lines->series()) {
            const QColor colour = qobject_cast<QLineSeries*>(series)->pen().color();
            const QString source = series->name();
            if (colours.contains(source))
                QCOMPARE(colour, colours.value(source));
            colours.insert(source, colour);
        }
        for (QBarSet* set : qobject_cast<QAbstractBarSeries*>(barChart->series().first())->barSets())
            QCOMPARE(set->color(), colours.value(set->label()));
    };
    QTRY_VERIFY(lineNamed(view->chart(), QStringLiteral("email")));
    checkColours(view->chart(), totals->chart());
    metricCombo->setCurrentIndex(1);
    QTRY_VERIFY(lineNamed(view->chart(), QStringLiteral("big spender")));
    checkColours(view->chart(), totals->chart());
    QCOMPARE(colours.size(), 4);
    QCOMPARE(colours.value(QStringLiteral("SOURCE_NAME_UNDEFINED")), QColor(0x9e, 0x9e, 0x9e));
    QCOMPARE(QSet<QRgb>({colours.value(QStringLiteral("email")).rgb(),
                         colours.value(QStringLiteral("home carousel")).rgb(),
                         colours.value(QStringLiteral("big spender")).rgb(),
                         colours.value(QStringLiteral("SOURCE_NAME_UNDEFINED")).rgb()})
                 .size(),
             4);

    // Hiding the big spender from the legend scales the axis to the rest.
    QValueAxis* values = valueAxisOf(view->chart());
    QVERIFY(values->max() >= 200);
    QLegendMarker* marker = nullptr;
    for (QLegendMarker* candidate : view->chart()->legend()->markers()) {
        if (candidate->series()->name() == QStringLiteral("big spender"))
            marker = candidate;
    }
    QVERIFY(marker);
    emit marker->clicked();
    QVERIFY(!marker->series()->isVisible());
    QVERIFY2(values->max() >= 15 && values->max() <= 20, qPrintable(QString::number(values->max())));
    emit marker->clicked();
    QVERIFY(values->max() >= 200);
}

void TestAttributionViews::singleWindowDrawsAPoint()
{
    createAttribution();
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    page->findChild<QComboBox*>(QStringLiteral("rangeCombo"))->setCurrentIndex(5); // custom
    chooseBucket(page, 3600);
    page->findChild<QDateTimeEdit*>(QStringLiteral("fromEdit"))
        ->setDateTime(QDateTime::fromSecsSinceEpoch(m_now, QTimeZone::utc()));
    page->findChild<QDateTimeEdit*>(QStringLiteral("toEdit"))
        ->setDateTime(QDateTime::fromSecsSinceEpoch(m_now + 3600, QTimeZone::utc()));
    QTRY_COMPARE(page->report().toSeconds, m_now + 3600);
    QTRY_COMPARE(page->report().bucketSeconds, 3600);
    auto* view = page->findChild<QChartView*>(QStringLiteral("timeSeriesChartView"));
    QLineSeries* email = lineNamed(view->chart(), QStringLiteral("email"));
    QVERIFY(email);
    QCOMPARE(email->count(), 1);
    QVERIFY(email->pointsVisible());
    // The point stands inside the plot, on a window tick with a window either side.
    auto* time = qobject_cast<QDateTimeAxis*>(view->chart()->axes(Qt::Horizontal).first());
    QVERIFY(time);
    const qreal x = email->at(0).x();
    QVERIFY(time->min().toMSecsSinceEpoch() < x && x < time->max().toMSecsSinceEpoch());
    QCOMPARE(time->max().toMSecsSinceEpoch() - time->min().toMSecsSinceEpoch(), 2 * 3600 * 1000);
    QCOMPARE(time->tickCount(), 3);
    const QPoint drawn = viewportPointOf(view, email->at(0), email);
    QVERIFY(view->viewport()->rect().contains(drawn));
    saveScreenshot(page, "report-single-window");
}

void TestAttributionViews::longSourcesAreElidedInTheMiddle()
{
    createAttribution();
    const QString campaign = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:campaign/"
                                            "shop-summer-recommendations-for-returning-visitors");
    for (int i = 0; i < 3; ++i)
        record(QStringLiteral("click"), m_now + 30 + i, campaign);
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    QTRY_VERIFY(page->report().sources().contains(campaign));
    m_window->resize(1024, 700);
    auto* totals = page->findChild<QChartView*>(QStringLiteral("totalsChartView"));
    auto* axis = qobject_cast<QBarCategoryAxis*>(totals->chart()->axes(Qt::Vertical).first());
    QVERIFY(axis);
    // The campaign's name, its start and its end, within the chart.
    QString label;
    QTRY_VERIFY2((label = axis->categories().filter(QStringLiteral("…")).value(0))
                     .startsWith(QStringLiteral("shop-s")),
                 qPrintable(axis->categories().join(QLatin1Char('|'))));
    QVERIFY2(label.endsWith(QStringLiteral("itors")), qPrintable(label));
    QVERIFY(QFontMetrics(axis->labelsFont()).horizontalAdvance(label) < totals->width() / 2);
    QVERIFY(axis->categories().contains(QStringLiteral("email")));
    // The legend of the lines elides it too; hovering its label shows the whole ARN.
    auto* series = page->findChild<QChartView*>(QStringLiteral("timeSeriesChartView"));
    const auto legend = [series] {
        QStringList labels;
        for (QLegendMarker* marker : series->chart()->legend()->markers())
            labels << marker->label();
        return labels;
    };
    QTRY_VERIFY2(legend().contains(QStringLiteral("email")) &&
                     legend().contains(QStringLiteral("home carousel")),
                 qPrintable(legend().join(QLatin1Char('|'))));
    QVERIFY2(!legend().filter(QStringLiteral("…")).isEmpty(), qPrintable(legend().join(QLatin1Char('|'))));
    const QPoint bar = viewportPointOf(totals, QPointF(0, axis->categories().indexOf(label)),
                                       totals->chart()->series().first());
    QTest::mouseMove(totals->viewport(), QPoint(10, bar.y()));
    QTRY_COMPARE(QToolTip::text(), campaign + QStringLiteral(": 3"));
    saveScreenshot(m_window.get(), "report-long-source-1024");
}

void TestAttributionViews::emptyReportSaysWhy()
{
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    auto* empty = page->findChild<QLabel*>(QStringLiteral("emptyStateLabel"));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(empty->text().startsWith(QStringLiteral("Dataset group shop has no metric attribution.")));
    QVERIFY(page->findChild<QPushButton*>(QStringLiteral("createAttributionButton"))->isVisible());
    QVERIFY(!page->findChild<QTableView*>(QStringLiteral("reportTable"))->isVisible());
    // The explanation takes the room of the charts, centred in it; the controls stay at the top.
    QVERIFY(empty->alignment() & Qt::AlignHCenter);
    QVERIFY(empty->alignment() & Qt::AlignVCenter);
    QTRY_VERIFY2(empty->height() > page->height() / 2, qPrintable(QString::number(empty->height())));
    QVERIFY(page->findChild<QComboBox*>(QStringLiteral("rangeCombo"))->geometry().bottom() <
            page->height() / 3);
    saveScreenshot(page, "report-empty");
}

void TestAttributionViews::reportFollowsNewEvents()
{
    createAttribution();
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    QTRY_COMPARE(page->report().rows.isEmpty(), false);
    const int before = int(page->report().rows.size());
    const auto clicks = [page] {
        double total = 0;
        for (const AttributionSourceTotal& sourceTotal : page->report().totals)
            total += sourceTotal.value;
        return total;
    };
    QCOMPARE(clicks(), 24.0);
    // Another process records (as the command line or the endpoint would): the window notices the
    // change, and the report follows once the events stop arriving for a moment.
    ServiceConfig config;
    config.provisioningMs = 0;
    const auto other = Workspace::open(m_seed->path(), config);
    for (int i = 0; i < 3; ++i) {
        other->recording().putEvents(
            {{QStringLiteral("trackingId"), other->eventTrackers().describe(kTrackerArn).trackingId},
             {QStringLiteral("sessionId"), QStringLiteral("s9")},
             {QStringLiteral("eventList"),
              QJsonArray{QJsonObject{{QStringLiteral("eventType"), QStringLiteral("click")},
                                     {QStringLiteral("sentAt"), double(m_now + 7200 + i)},
                                     {QStringLiteral("itemId"), QStringLiteral("i2")}}}}},
            {QStringLiteral("cli"), {}, {}, {}});
    }
    QTRY_COMPARE_WITH_TIMEOUT(clicks(), 27.0, 10000);
    QVERIFY(page->report().rows.size() > before);
}

void TestAttributionViews::eventMetricsPage()
{
    record(QStringLiteral("click"), m_now, {});
    record(QStringLiteral("buy"), m_now + 1, {}, 3);
    m_window->selectGroupView(kTrackerArn, int(NavigationModel::NodeKind::EventMetrics));
    auto* page = m_window->findChild<EventMetricsPage*>();
    QVERIFY(page);
    QTRY_COMPARE(page->report().totalRequests(), 2);
    QCOMPARE(page->report().eventTypeNames(), (QStringList{QStringLiteral("buy"), QStringLiteral("click")}));
    auto* table = page->findChild<QTableView*>(QStringLiteral("metricsTable"));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("2"));
    QVERIFY(!page->findChild<QChartView*>(QStringLiteral("requestsChartView"))->chart()->series().isEmpty());
    // At the window's first size the table shows more than a handful of windows.
    m_window->resize(1100, 720);
    QTRY_VERIFY2(table->viewport()->height() >= 6 * table->verticalHeader()->defaultSectionSize(),
                 qPrintable(QString::number(table->viewport()->height())));
    saveScreenshot(m_window.get(), "event-metrics-default-size");

    const QString path = m_seed->dir() + QStringLiteral("/metrics.csv");
    answerFileDialog(path);
    page->findChild<QAction*>(QStringLiteral("exportCsvAction"))->trigger();
    QTRY_VERIFY(QFile::exists(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), page->report().toCsv());

    // The database is no place for an export: refused with the reason, and left alone.
    const QString database = m_window->workspace()->path();
    const QFileInfo before(database);
    QString refusal;
    answerFileDialog(database);
    answerMessageBox(&refusal);
    page->findChild<QAction*>(QStringLiteral("exportCsvAction"))->trigger();
    QCOMPARE(refusal, DatabaseFiles::refusal(database));
    QCOMPARE(QFileInfo(database).size(), before.size());
    QCOMPARE(QFileInfo(database).lastModified(), before.lastModified());
    QCOMPARE(m_window->workspace()->eventTrackers().describe(kTrackerArn).arn, kTrackerArn);
}

void TestAttributionViews::choosingAnotherGroupShowsItsReport()
{
    m_window->workspace()->datasetGroups().create({QStringLiteral("movies"), {}, {}, {}, {}});
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    auto* groups = page->findChild<QComboBox*>(QStringLiteral("groupCombo"));
    QCOMPARE(groups->count(), 2);
    QCOMPARE(groups->currentText(), QStringLiteral("shop"));
    const int movies = groups->findText(QStringLiteral("movies"));
    groups->setCurrentIndex(movies);
    emit groups->activated(movies); // as a click on the entry does
    QTRY_COMPARE(page->arn(),
                 QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/movies"));
    QTRY_COMPARE(page->findChild<QComboBox*>(QStringLiteral("groupCombo"))->currentText(),
                 QStringLiteral("movies"));
    QCOMPARE(
        m_window->findChild<QTreeView*>(QStringLiteral("navigationTree"))->currentIndex().data().toString(),
        QStringLiteral("Attribution report"));
}

void TestAttributionViews::previewRecordsClicksAttributedToTheCampaign()
{
    // Thirty users' history (enough to train), a metric attribution, a trained campaign.
    Workspace* workspace = m_window->workspace();
    recordHistory(m_window->workspace()->eventTrackers().describe(kTrackerArn).trackingId);
    createAttribution();
    const Solution solution = workspace->solutions().create(
        {QStringLiteral("personal"), kGroupArn, Recipes::arn(Recipe::UserPersonalization), {}, {}});
    // The window's scheduler trains it on its worker; the call returns at once.
    const SolutionVersion pending = workspace->solutions().createVersion(solution.arn);
    QCOMPARE(pending.status, QStringLiteral("CREATE PENDING"));
    QVERIFY(workspace->trainingScheduler()->waitForIdle(20000));
    const SolutionVersion version = workspace->solutions().describeVersion(pending.arn);
    QCOMPARE(version.status, QStringLiteral("ACTIVE"));
    const QString campaignArn =
        workspace->campaigns().create(QStringLiteral("shop-campaign"), version.arn).arn;

    m_window->findChild<QAction*>(QStringLiteral("actionRecommendationsPreview"))->trigger();
    RecommendationsPreviewDialog* preview = nullptr;
    QTRY_VERIFY((preview = m_window->findChild<RecommendationsPreviewDialog*>()) != nullptr &&
                preview->isVisible());
    auto* get = preview->findChild<QPushButton*>(QStringLiteral("getRecommendationsButton"));
    QVERIFY(!get->isEnabled());
    QTest::keyClicks(preview->findChild<QLineEdit*>(QStringLiteral("userEdit")), QStringLiteral("u4"));
    QVERIFY(get->isEnabled());
    QTest::mouseClick(get, Qt::LeftButton);
    auto* results = preview->findChild<QTableWidget*>(QStringLiteral("resultsTable"));
    QTRY_VERIFY(results->rowCount() > 0);
    const RecommendationList first = preview->shown();
    QVERIFY(preview->findChild<QLabel*>(QStringLiteral("recommendationIdLabel"))
                ->text()
                .contains(first.recommendationId));
    const QString clicked = results->item(0, 1)->text();
    QCOMPARE(clicked, first.items.first().itemId);

    // The event type offers the group's own, the most recorded first.
    auto* eventType = preview->findChild<QComboBox*>(QStringLiteral("eventTypeCombo"));
    QCOMPARE(eventType->currentText(), QStringLiteral("watch"));
    QCOMPARE(eventType->count(), 3);
    eventType->setCurrentIndex(eventType->findText(QStringLiteral("click")));
    results->selectRow(0);
    QTest::mouseClick(preview->findChild<QPushButton*>(QStringLiteral("recordButton")), Qt::LeftButton);
    // The click is stored with the recommendationId, attributed to the campaign, with the list as
    // its implicit impressions; and the next list is a new one without the clicked item.
    QTRY_VERIFY(preview->shown().recommendationId != first.recommendationId);
    QVERIFY(!preview->shown().items.isEmpty());
    QCOMPARE(preview->shown().items.first().itemId == clicked, false);
    const qint64 groupId = workspace->datasetGroups().describe(kGroupArn).id;
    const InteractionRow click = workspace->interactions().newest(groupId, {}, 1).first();
    QCOMPARE(click.interaction.itemId, clicked);
    QCOMPARE(click.interaction.recommendationId, first.recommendationId);
    QCOMPARE(click.source, campaignArn);
    QCOMPARE(workspace->interactions().effectiveImpressions(click.interaction).kind,
             EffectiveImpressions::Kind::Implicit);
    const AttributionReport report =
        workspace->reports().attribution({kGroupArn, QStringLiteral("CLICKS"), 0, 0, 3600});
    bool campaignCounted = false;
    for (const AttributionSourceTotal& total : report.totals)
        campaignCounted = campaignCounted || (total.source == campaignArn && total.value == 1.0);
    QVERIFY(campaignCounted);
    if (const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR"); !folder.isEmpty())
        QVERIFY(preview->grab().save(folder + QStringLiteral("/recommendations-preview.png")));
}

// A Personalized-Ranking campaign ranks the items one types for a user: the same order the
// runtime API gives, with a recommendationId, every given item once.
void TestAttributionViews::previewRanksAGivenList()
{
    Workspace* workspace = m_window->workspace();
    QTRY_COMPARE_WITH_TIMEOUT(workspace->eventTrackers().describe(kTrackerArn).status,
                              QStringLiteral("ACTIVE"), 10000);
    recordHistory(workspace->eventTrackers().describe(kTrackerArn).trackingId);
    const Solution solution = workspace->solutions().create(
        {QStringLiteral("ranking"), kGroupArn, Recipes::arn(Recipe::PersonalizedRanking), {}, {}});
    const QString versionArn = workspace->solutions().createVersion(solution.arn).arn;
    QVERIFY(workspace->trainingScheduler()->waitForIdle(20000));
    const QString campaignArn =
        workspace->campaigns().create(QStringLiteral("ranking-campaign"), versionArn).arn;
    m_window->findChild<QAction*>(QStringLiteral("actionRecommendationsPreview"))->trigger();
    RecommendationsPreviewDialog* preview = nullptr;
    QTRY_VERIFY((preview = m_window->findChild<RecommendationsPreviewDialog*>()) != nullptr &&
                preview->isVisible());
    auto* get = preview->findChild<QPushButton*>(QStringLiteral("getRecommendationsButton"));
    auto* inputList = preview->findChild<QLineEdit*>(QStringLiteral("inputListEdit"));
    QCOMPARE(get->text(), QStringLiteral("&Rank Items"));
    QVERIFY(inputList->isEnabled());
    QVERIFY(!preview->findChild<QLineEdit*>(QStringLiteral("itemEdit"))->isEnabled());
    QVERIFY(!preview->findChild<QSpinBox*>(QStringLiteral("numResultsSpin"))->isEnabled());
    QTest::keyClicks(preview->findChild<QLineEdit*>(QStringLiteral("userEdit")), QStringLiteral("u4"));
    QVERIFY(!get->isEnabled()); // nothing to rank yet
    QTest::keyClicks(inputList, QStringLiteral("item-9, item-1 item-5,,item-2"));
    QVERIFY(get->isEnabled());
    QTest::mouseClick(get, Qt::LeftButton);

    auto* results = preview->findChild<QTableWidget*>(QStringLiteral("resultsTable"));
    QTRY_COMPARE(results->rowCount(), 4);
    const RecommendationList expected = workspace->recommendations().getPersonalizedRanking(
        {{QStringLiteral("campaignArn"), campaignArn},
         {QStringLiteral("userId"), QStringLiteral("u4")},
         {QStringLiteral("inputList"), QJsonArray{QStringLiteral("item-9"), QStringLiteral("item-1"),
                                                  QStringLiteral("item-5"), QStringLiteral("item-2")}}});
    for (int row = 0; row < 4; ++row)
        QCOMPARE(results->item(row, 1)->text(), expected.items.at(row).itemId);
    QCOMPARE(preview->shown().campaignArn, campaignArn);
    QVERIFY(preview->findChild<QLabel*>(QStringLiteral("recommendationIdLabel"))
                ->text()
                .startsWith(QStringLiteral("recommendationId: RID-")));
    // A list over the limit is refused with the API's words, in the dialog.
    inputList->clear();
    QStringList many;
    for (int i = 0; i < RecommendationService::kMaxResults + 1; ++i)
        many << QStringLiteral("x%1").arg(i);
    inputList->setText(many.join(QLatin1Char(',')));
    QTest::mouseClick(get, Qt::LeftButton);
    QCOMPARE(preview->findChild<QLabel*>(QStringLiteral("previewStatus"))->text(),
             QStringLiteral("Invalid length for parameter inputList, value: 501, valid max length: 500"));
    saveScreenshot(preview, "ranking-preview");
}

void TestAttributionViews::sampleWorkspaceOpensOnItsReport()
{
    const QString path = m_seed->dir() + QStringLiteral("/sample.db");
    QVERIFY(m_window->findChild<QAction*>(QStringLiteral("actionNewSampleWorkspace"))->isEnabled());
    m_window->createSampleWorkspace(path);
    // Its progress names the steps it goes through, in words that fit.
    QProgressDialog* progress = nullptr;
    QTRY_VERIFY((progress = m_window->findChild<QProgressDialog*>(QStringLiteral("sampleProgress"))) !=
                    nullptr &&
                progress->isVisible());
    auto* label = progress->findChild<QLabel*>(QStringLiteral("sampleProgressLabel"));
    QVERIFY(label);
    QTRY_VERIFY_WITH_TIMEOUT(
        label->text().startsWith(QStringLiteral("Recording the last 7 days of traffic from every source")),
        120000);
    QVERIFY(progress->maximum() > 0);
    // The longest step moves the bar as it goes, not in one jump at its end.
    const int startOfTraffic = progress->value();
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() > startOfTraffic + progress->maximum() / 20 &&
                                 label->text().startsWith(QStringLiteral("Recording the last 7 days")),
                             120000);
    QVERIFY(progress->value() < progress->maximum());
    // Whole: its lines fit the height it has (once the layout has followed the latest words).
    QTRY_VERIFY(label->heightForWidth(label->width()) <= label->height());
    QVERIFY(label->width() >= label->fontMetrics().horizontalAdvance(label->text()) / 2);
    saveScreenshot(progress, "sample-progress");
    // Building the sample (two weeks of traffic and a trained model) takes a minute and more under
    // the sanitizers: the wait is generous, since only the outcome is checked here.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->workspace()->path(), path, 180000);
    auto* page = m_window->findChild<AttributionReportPage*>();
    QTRY_COMPARE(qobject_cast<QStackedWidget*>(m_window->findChild<QWidget*>(QStringLiteral("pages")))
                     ->currentWidget(),
                 static_cast<QWidget*>(page));
    QTRY_VERIFY(page->report().rows.size() > 0);
    QVERIFY(page->report().sources().contains(
        QStringLiteral("arn:aws:personalize:us-east-1:000000000000:campaign/sample-movies-campaign")));
    QVERIFY(!m_window->findChild<QProgressDialog*>(QStringLiteral("sampleProgress")));
    // Asked for again at the same place, it refuses rather than overwrite.
    QTimer::singleShot(0, [] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
            box->accept();
    });
    m_window->createSampleWorkspace(path);
    QCOMPARE(m_window->workspace()->path(), path);
}

void TestAttributionViews::trainAndDeployThroughTheConsole()
{
    recordHistory(m_window->workspace()->eventTrackers().describe(kTrackerArn).trackingId);
    m_window->selectArn(kGroupArn);
    m_window->findChild<QAction*>(QStringLiteral("actionCreateSolution"))->trigger();
    CreateSolutionDialog* create = nullptr;
    QTRY_VERIFY((create = m_window->findChild<CreateSolutionDialog*>()) != nullptr && create->isVisible());
    auto* name = create->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("shop personal"));
    QVERIFY(!create->okButton()->isEnabled());
    QVERIFY(create->findChild<HintLabel*>(QStringLiteral("nameHint"))->isVisible());
    name->clear();
    QTest::keyClicks(name, QStringLiteral("shop-personal"));
    QTest::keyClicks(create->findChild<QLineEdit*>(QStringLiteral("thresholdEdit")), QStringLiteral("lots"));
    QVERIFY(!create->okButton()->isEnabled());
    QCOMPARE(
        create->findChild<HintLabel*>(QStringLiteral("filterHint"))->text(),
        QStringLiteral(
            "Invalid value for parameter solutionConfig.eventValueThreshold, value: \"lots\": not a number"));
    saveScreenshot(create, "create-solution-refused");
    create->findChild<QLineEdit*>(QStringLiteral("thresholdEdit"))->clear();
    QVERIFY(create->okButton()->isEnabled());
    saveScreenshot(create, "create-solution");
    QTest::mouseClick(create->okButton(), Qt::LeftButton);

    auto* solutionPage = m_window->findChild<SolutionPage*>();
    auto* pages = qobject_cast<QStackedWidget*>(m_window->findChild<QWidget*>(QStringLiteral("pages")));
    QTRY_COMPARE(pages->currentWidget(), static_cast<QWidget*>(solutionPage));
    auto* train = solutionPage->findChild<QPushButton*>(QStringLiteral("trainButton"));
    QTest::mouseClick(train, Qt::LeftButton);
    // The version is there at once, CREATE PENDING, and the window's scheduler trains it on its worker.
    auto* versions = solutionPage->findChild<QTableWidget*>(QStringLiteral("versionsTable"));
    QCOMPARE(versions->rowCount(), 1);
    QVERIFY(solutionPage->isTraining());
    QVERIFY(!train->isEnabled());
    QVERIFY(solutionPage->findChild<QProgressBar*>(QStringLiteral("trainingBar"))->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(versions->item(0, 2)->text(), QStringLiteral("ACTIVE"), 20000);
    QTRY_VERIFY(!solutionPage->isTraining());
    QVERIFY(train->isEnabled());
    QVERIFY(!solutionPage->findChild<QProgressBar*>(QStringLiteral("trainingBar"))->isVisible());
    QCOMPARE(versions->item(0, 3)->text(), QStringLiteral("1,020"));
    versions->selectRow(0);
    QTest::mouseClick(solutionPage->findChild<QPushButton*>(QStringLiteral("createCampaignButton")),
                      Qt::LeftButton);
    CreateCampaignDialog* deploy = nullptr;
    QTRY_VERIFY((deploy = m_window->findChild<CreateCampaignDialog*>()) != nullptr && deploy->isVisible());
    QCOMPARE(deploy->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(),
             QStringLiteral("shop-personal-campaign"));
    QVERIFY(deploy->okButton()->isEnabled());
    saveScreenshot(deploy, "create-campaign");
    QTest::mouseClick(deploy->okButton(), Qt::LeftButton);

    auto* campaignPage = m_window->findChild<CampaignPage*>();
    QTRY_COMPARE(pages->currentWidget(), static_cast<QWidget*>(campaignPage));
    QCOMPARE(campaignPage->findChild<QLabel*>(QStringLiteral("statusValue"))->text(),
             QStringLiteral("ACTIVE"));
    QTest::mouseClick(campaignPage->findChild<QPushButton*>(QStringLiteral("updateNowButton")),
                      Qt::LeftButton);
    saveScreenshot(m_window.get(), "campaign-page");
    QTest::mouseClick(campaignPage->findChild<QPushButton*>(QStringLiteral("previewButton")), Qt::LeftButton);
    RecommendationsPreviewDialog* preview = nullptr;
    QTRY_VERIFY((preview = m_window->findChild<RecommendationsPreviewDialog*>()) != nullptr &&
                preview->isVisible());
    QCOMPARE(preview->findChild<QComboBox*>(QStringLiteral("campaignCombo"))->currentData().toString(),
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:campaign/shop-personal-campaign"));
    if (const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR"); !folder.isEmpty()) {
        preview->close();
        m_window->selectArn(
            QStringLiteral("arn:aws:personalize:us-east-1:000000000000:solution/shop-personal"));
        QTest::qWait(200);
        QVERIFY(m_window->grab().save(folder + QStringLiteral("/solution-page.png")));
    }
}

void TestAttributionViews::recommenderThroughTheConsole()
{
    Workspace* workspace = m_window->workspace();
    const DatasetGroup videos = workspace->datasetGroups().create(
        {QStringLiteral("videos"), QStringLiteral("VIDEO_ON_DEMAND"), {}, {}, {}});
    const DatasetSchema schema =
        workspace->schemas().create(QStringLiteral("videos-interactions"),
                                    TestWorkspace::interactionsSchema(), QStringLiteral("VIDEO_ON_DEMAND"));
    workspace->datasets().create(
        {QStringLiteral("videos-interactions"), schema.arn, videos.arn, QStringLiteral("Interactions"), {}});
    const EventTracker tracker =
        workspace->eventTrackers().create(QStringLiteral("videos-tracker"), videos.arn);
    recordHistory(tracker.trackingId, QStringLiteral("v"));
    m_window->selectArn(kGroupArn);
    m_window->findChild<QAction*>(QStringLiteral("actionCreateRecommender"))->trigger();
    CreateRecommenderDialog* create = nullptr;
    QTRY_VERIFY((create = m_window->findChild<CreateRecommenderDialog*>()) != nullptr && create->isVisible());
    auto* groups = create->findChild<QComboBox*>();
    QCOMPARE(groups->currentData().toString(), kGroupArn);
    QVERIFY(!create->okButton()->isEnabled());
    // The hint wraps at the width it has and takes the height of its lines, no more.
    auto* groupHint = create->findChild<HintLabel*>(QStringLiteral("groupHint"));
    QTRY_COMPARE(groupHint->height(), groupHint->heightForWidth(groupHint->width()));
    QVERIFY(groupHint->width() > 400);
    saveScreenshot(create, "create-recommender-refused");
    QVERIFY(create->findChild<HintLabel*>(QStringLiteral("groupHint"))
                ->text()
                .startsWith(QStringLiteral("Dataset group shop is a custom dataset group")));
    groups->setCurrentIndex(groups->findData(videos.arn));
    QCOMPARE(create->findChild<QLabel*>(QStringLiteral("recipeValue"))->text(),
             QStringLiteral("Top picks for you (arn:aws:personalize:::recipe/aws-vod-top-picks)"));
    QVERIFY(create->okButton()->isEnabled());
    saveScreenshot(create, "create-recommender");
    QTest::mouseClick(create->okButton(), Qt::LeftButton);

    auto* page = m_window->findChild<RecommenderPage*>();
    auto* pages = qobject_cast<QStackedWidget*>(m_window->findChild<QWidget*>(QStringLiteral("pages")));
    QTRY_COMPARE(pages->currentWidget(), static_cast<QWidget*>(page));
    // Created at once; its model trains on a worker thread while the window stays responsive.
    QTRY_COMPARE(page->findChild<QLabel*>(QStringLiteral("statusValue"))->text(), QStringLiteral("ACTIVE"));
    // The tree says so too, at its next read (statuses that are not final are read again and again).
    QTRY_COMPARE(
        m_window->findChild<QTreeView*>(QStringLiteral("navigationTree"))->currentIndex().data().toString(),
        QStringLiteral("Recommender: top-picks"));
    QCOMPARE(page->findChild<QLabel*>(QStringLiteral("modelValue"))->text().left(45),
             QStringLiteral("trained on 1,020 interactions of 30 users; up"));
    saveScreenshot(m_window.get(), "recommender-page");
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("previewButton")), Qt::LeftButton);
    RecommendationsPreviewDialog* preview = nullptr;
    QTRY_VERIFY((preview = m_window->findChild<RecommendationsPreviewDialog*>()) != nullptr &&
                preview->isVisible());
    QCOMPARE(preview->findChild<QComboBox*>(QStringLiteral("campaignCombo"))->currentData().toString(),
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:recommender/top-picks"));
    QTest::keyClicks(preview->findChild<QLineEdit*>(QStringLiteral("userEdit")), QStringLiteral("v1"));
    QTest::mouseClick(preview->findChild<QPushButton*>(QStringLiteral("getRecommendationsButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(preview->findChild<QTableWidget*>(QStringLiteral("resultsTable"))->rowCount() > 0);
    QCOMPARE(preview->shown().campaignArn,
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:recommender/top-picks"));
}

void TestAttributionViews::trainingProgressBarCountsEvents()
{
    TrainingProgressBar bar;
    const ModelTrainer::Progress progress = bar.start();
    QVERIFY(!bar.isHidden());
    QCOMPARE(bar.maximum(), 0); // busy until the events are counted
    QCOMPARE(bar.format(), QStringLiteral("Training: counting the events…"));
    // The worker reports from its own thread.
    std::thread([progress] { progress(25000, 100000); }).join();
    QTRY_COMPARE(bar.value(), 250);
    QCOMPARE(bar.maximum(), 1000);
    QCOMPARE(bar.format(), QStringLiteral("Training: 25,000 of 100,000 events read"));
    progress(100000, 100000);
    QTRY_COMPARE(bar.format(), QStringLiteral("Training: 100,000 events read; storing the model…"));
    bar.stop();
    QVERIFY(bar.isHidden());
}

void TestAttributionViews::statusesFollowWithoutAClick()
{
    // Provisioning takes a while here: a version is trained at once, then CREATE IN_PROGRESS until
    // its provisioning time has passed, a change no commit announces.
    ServiceConfig slow;
    // Long enough that the first look sees the status before it is final, even under the sanitizers.
    slow.provisioningMs = 8000;
    m_window = std::make_unique<MainWindow>(slow);
    m_window->resize(1280, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openDatabase(m_seed->path()));
    Workspace* workspace = m_window->workspace();
    recordHistory(workspace->eventTrackers().describe(kTrackerArn).trackingId);
    const Solution solution = workspace->solutions().create(
        {QStringLiteral("shop-personal"), kGroupArn, Recipes::arn(Recipe::UserPersonalization), {}, {}});
    m_window->selectArn(solution.arn);
    auto* page = m_window->findChild<SolutionPage*>();
    auto* status = page->findChild<QLabel*>(QStringLiteral("statusValue"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("ACTIVE"), 30000);
    auto* train = page->findChild<QPushButton*>(QStringLiteral("trainButton"));
    QTRY_VERIFY(train->isEnabled());
    QTest::mouseClick(train, Qt::LeftButton);
    auto* versions = page->findChild<QTableWidget*>(QStringLiteral("versionsTable"));
    QCOMPARE(versions->rowCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isTraining(), 20000);
    saveScreenshot(m_window.get(), "solution-version-provisioning");
    QTRY_COMPARE_WITH_TIMEOUT(versions->item(0, 2)->text(), QStringLiteral("ACTIVE"), 30000);
    // Create Campaign… deploys the newest ACTIVE version without a row chosen first.
    QVERIFY(versions->selectedItems().isEmpty());
    auto* deploy = page->findChild<QPushButton*>(QStringLiteral("createCampaignButton"));
    QVERIFY(deploy->isEnabled());
    saveScreenshot(m_window.get(), "solution-version-active");
    QTest::mouseClick(deploy, Qt::LeftButton);
    CreateCampaignDialog* create = nullptr;
    QTRY_VERIFY((create = m_window->findChild<CreateCampaignDialog*>()) != nullptr && create->isVisible());
    create->reject();

    // The attribution report follows its metric attribution from CREATE PENDING to ACTIVE.
    workspace->metricAttributions().create(
        {QStringLiteral("shop-metrics"), kGroupArn,
         QJsonArray{
             metric(QStringLiteral("click"), QStringLiteral("CLICKS"), QStringLiteral("SAMPLECOUNT()"))},
         QJsonObject{{QStringLiteral("roleArn"), QStringLiteral("arn:aws:iam::000000000000:role/metrics")}}});
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Attribution));
    auto* summary = m_window->findChild<QLabel*>(QStringLiteral("attributionSummary"));
    QTRY_VERIFY(summary->text().contains(QStringLiteral("CREATE PENDING")) ||
                summary->text().contains(QStringLiteral("CREATE IN_PROGRESS")));
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(QStringLiteral("shop-metrics, ACTIVE,")), 30000);
}

void TestAttributionViews::screenshots()
{
    const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("set FOOTFALL_SCREENSHOT_DIR to write docs screenshots");
    createAttribution();
    for (int i = 0; i < 40; ++i)
        record(
            i % 4 ? QStringLiteral("click") : QStringLiteral("buy"), m_now - 6 * 3600 + i * 611,
            QStringList{QStringLiteral("email"), QStringLiteral("home carousel"), QStringLiteral("partner")}
                .at(i % 3),
            i % 4 ? 0 : 5 + i);
    AttributionReportPage* page = openReport();
    QVERIFY(page);
    // Fitted to the eight hours of clicks, the bucket is 15 minutes; the picture shows hours.
    QTRY_COMPARE(page->report().bucketSeconds, 900);
    chooseBucket(page, 3600);
    QTRY_COMPARE(page->report().bucketSeconds, 3600);
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/attribution-report.png")));
    QVERIFY(page->exportTo(QStringLiteral("png"), folder + QStringLiteral("/attribution-report-export.png"))
                .isEmpty());
    m_window->selectGroupView(kTrackerArn, int(NavigationModel::NodeKind::EventMetrics));
    auto* metrics = m_window->findChild<EventMetricsPage*>();
    QTRY_VERIFY(metrics->report().totalRequests() > 0);
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/event-metrics.png")));
    m_window->selectArn(kGroupArn);
    m_window->findChild<QAction*>(QStringLiteral("actionCreateMetricAttribution"))->trigger();
    CreateMetricAttributionDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<CreateMetricAttributionDialog*>()) != nullptr &&
                dialog->isVisible());
    QTest::qWait(100);
    QVERIFY(dialog->grab().save(folder + QStringLiteral("/create-metric-attribution.png")));
    dialog->reject();

    // The sample workspace, on the report it opens with, its bucket fitted again.
    chooseBucket(page, 0);
    m_window->createSampleWorkspace(m_seed->dir() + QStringLiteral("/sample.db"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->workspace()->path(), m_seed->dir() + QStringLiteral("/sample.db"),
                              60000);
    QTRY_VERIFY(page->report().rows.size() > 0);
    // Two weeks since counting began: 6-hour windows by default.
    QTRY_COMPARE(page->report().bucketSeconds, 21600);
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/sample-workspace.png")));
    // On a small screen, to be looked at.
    m_window->resize(1024, 700);
    QTest::qWait(300);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/sample-workspace-1024.png")));
    m_window->findChild<QComboBox*>(QStringLiteral("metricCombo"))->setCurrentIndex(1);
    QTRY_COMPARE(page->report().metrics.first().metricName, QStringLiteral("PURCHASE_VALUE"));
    QTest::qWait(300);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/sample-workspace-1024-purchases.png")));
    m_window->selectGroupView(
        QStringLiteral("arn:aws:personalize:us-east-1:000000000000:event-tracker/sample-movies-tracker"),
        int(NavigationModel::NodeKind::EventMetrics));
    QTest::qWait(500);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/sample-event-metrics-1024.png")));
}

QTEST_MAIN(TestAttributionViews)
#include "TestAttributionViews.moc"
