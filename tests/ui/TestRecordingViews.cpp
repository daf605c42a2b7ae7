#include "DatabaseFiles.h"
#include "DialogAnswers.h"
#include "EndpointDialog.h"
#include "EventComposerDialog.h"
#include "EventTableModel.h"
#include "EventTrackerService.h"
#include "HintLabel.h"
#include "ImportDialog.h"
#include "LocalEndpoint.h"
#include "MainWindow.h"
#include "NavigationModel.h"
#include "RecordingService.h"
#include "RequestLogService.h"
#include "ServiceError.h"
#include "TestWorkspace.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QHostAddress>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace footfall;
using footfall::test::answerFileDialog;
using footfall::test::answerMessageBox;
using footfall::test::TestWorkspace;

namespace {
const QString kGroupArn = QString::fromLatin1(TestWorkspace::kGroupArn);
const QString kTrackerArn = QString::fromLatin1(footfall::test::TestWorkspace::kTrackerArn);

// With FOOTFALL_SCREENSHOT_DIR set, saves what `widget` shows as <name>.png there, to be looked at.
void saveScreenshot(QWidget* widget, const char* name)
{
    if (const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR"); !folder.isEmpty())
        QVERIFY(
            widget->grab().save(folder + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png")));
}
} // namespace

// The composer, the events page, the request log and readiness, driven through the real widgets.
class TestRecordingViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void composeSendAndSeeTheEvent();
    void eventsRunInOneOrderAndThePagerSaysWhere();
    void copySelectAllAndFindOnTheEventsPage();
    void invalidFieldDisablesSend_data();
    void invalidFieldDisablesSend();
    void unknownPropertyKeyIsExplained();
    void requestLogShowsRejectedRequest();
    void requestLogRetentionIsSetOnThePage();
    void readinessUpdatesAfterRecording();
    void importWithBadRowsShowsEachRow();
    void savedRowReportHasEveryRow();
    void importRefusesTheDatabase();
    void cancelledImportStoresNothing();
    void localEndpointServesWhileTheWindowShowsIt();
    void localEndpointCanRequireSignatures();
    void localEndpointBeyondLoopbackNeedsConsent();
    void localEndpointNamesWebPageOrigins();
    void screenshots();

private:
    EventComposerDialog* openComposer();
    void recordDirectly(const QString& userId, const QString& itemId, qint64 sentAt);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestWorkspace> m_seed;
    std::unique_ptr<MainWindow> m_window;
};

void TestRecordingViews::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("FootfallTests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestRecordingViews::init()
{
    m_seed = std::make_unique<TestWorkspace>();
    m_seed->createShop();
    ServiceConfig config;
    config.provisioningMs = 0;
    m_window = std::make_unique<MainWindow>(config);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openDatabase(m_seed->path()));
}

void TestRecordingViews::cleanup()
{
    m_window.reset();
    m_seed.reset();
}

EventComposerDialog* TestRecordingViews::openComposer()
{
    m_window->selectArn(kTrackerArn);
    auto* page = m_window->findChild<QWidget*>(QStringLiteral("eventTrackerPage"));
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("composeEventsButton")), Qt::LeftButton);
    EventComposerDialog* composer = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        return (composer = m_window->findChild<EventComposerDialog*>()) != nullptr && composer->isVisible();
    });
    return shown ? composer : nullptr;
}

void TestRecordingViews::recordDirectly(const QString& userId, const QString& itemId, qint64 sentAt)
{
    const QString trackingId = m_window->workspace()->eventTrackers().describe(kTrackerArn).trackingId;
    m_window->workspace()->recording().putEvents(
        {{QStringLiteral("trackingId"), trackingId},
         {QStringLiteral("userId"), userId},
         {QStringLiteral("sessionId"), QString(QStringLiteral("s-") + userId)},
         {QStringLiteral("eventList"),
          QJsonArray{QJsonObject{{QStringLiteral("eventType"), QStringLiteral("click")},
                                 {QStringLiteral("sentAt"), double(sentAt)},
                                 {QStringLiteral("itemId"), itemId}}}}},
        {QStringLiteral("cli"), {}, {}, {}});
}

void TestRecordingViews::composeSendAndSeeTheEvent()
{
    EventComposerDialog* composer = openComposer();
    QVERIFY(composer);
    QTest::keyClicks(composer->findChild<QLineEdit*>(QStringLiteral("userIdEdit")), QStringLiteral("alice"));
    QTest::keyClicks(composer->findChild<QLineEdit*>(QStringLiteral("itemIdEdit")), QStringLiteral("i42"));
    QTest::keyClicks(composer->findChild<QLineEdit*>(QStringLiteral("attributionSourceEdit")),
                     QStringLiteral("email"));
    const QString preview =
        composer->findChild<QPlainTextEdit*>(QStringLiteral("jsonPreview"))->toPlainText();
    QVERIFY2(preview.contains(QStringLiteral("\"userId\": \"alice\"")), qPrintable(preview));
    QVERIFY2(preview.contains(QStringLiteral("\"metricAttribution\": {\n        \"eventAttributionSource\": "
                                             "\"email\"\n      }")),
             qPrintable(preview));
    auto* send = composer->findChild<QPushButton*>(QStringLiteral("sendButton"));
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    auto* banner = composer->findChild<QLabel*>(QStringLiteral("resultBanner"));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("recorded 1 event")), qPrintable(banner->text()));

    // Sending the same request again is kept once, and the banner says so.
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_VERIFY(banner->text().contains(QStringLiteral("1 kept once as duplicate")));
    composer->close();

    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Events));
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("eventsTable"));
    QTRY_VERIFY(table->isVisible());
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, EventTableModel::Item).data().toString(), QStringLiteral("i42"));
    QCOMPARE(table->model()->index(0, EventTableModel::Source).data().toString(), QStringLiteral("email"));
    QCOMPARE(table->model()->index(0, EventTableModel::State).data().toString(),
             QStringLiteral("+1 duplicate"));
    table->selectRow(0);
    const QString detail = m_window->findChild<QPlainTextEdit*>(QStringLiteral("eventDetail"))->toPlainText();
    QVERIFY2(detail.contains(QStringLiteral("Training: used.")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("1 later identical arrival")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("via console")) ||
                 detail.contains(QStringLiteral("(console, accepted)")),
             qPrintable(detail));
    auto* pageLabel = m_window->findChild<QLabel*>(QStringLiteral("pageLabel"));
    QTRY_COMPARE(pageLabel->text(), QStringLiteral("Events 1–1 of 1 · newest recorded first"));
}

void TestRecordingViews::eventsRunInOneOrderAndThePagerSaysWhere()
{
    // Recorded in this order, sent at times that do not follow it (imports and late senders do that).
    constexpr int kEvents = 450;
    for (int i = 0; i < kEvents; ++i)
        recordDirectly(QStringLiteral("user%1").arg(i % 7), QStringLiteral("item%1").arg(i),
                       1795890000 + (i * 7919) % 100000);
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Events));
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("eventsTable"));
    auto* pageLabel = m_window->findChild<QLabel*>(QStringLiteral("pageLabel"));
    auto* detail = m_window->findChild<QPlainTextEdit*>(QStringLiteral("eventDetail"));
    QTRY_VERIFY(table->isVisible());
    QTRY_COMPARE(pageLabel->text(), QStringLiteral("Events 1–200 of 450 · newest recorded first"));
    QCOMPARE(table->model()->rowCount(), 200);
    // Newest recorded first, and the header says so on the column that holds the order; none sorts.
    QCOMPARE(table->model()->index(0, EventTableModel::Item).data().toString(), QStringLiteral("item449"));
    QCOMPARE(table->model()->index(199, EventTableModel::Item).data().toString(), QStringLiteral("item250"));
    QCOMPARE(table->model()->headerData(EventTableModel::Recorded, Qt::Horizontal).toString(),
             QStringLiteral("Recorded (UTC), newest first"));
    QVERIFY(!table->horizontalHeader()->sectionsClickable());
    QVERIFY(table->model()
                ->headerData(EventTableModel::SentAt, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("Columns do not sort")));

    // The detail pane follows the selection, and is cleared when the page changes under it.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(table->model()->index(2, EventTableModel::Item)).center());
    QVERIFY2(detail->toPlainText().contains(QStringLiteral("item447")), qPrintable(detail->toPlainText()));
    QTest::keyClick(table, Qt::Key_Down);
    QVERIFY2(detail->toPlainText().contains(QStringLiteral("item446")), qPrintable(detail->toPlainText()));
    saveScreenshot(m_window.get(), "events-page-selected");
    QTest::mouseClick(m_window->findChild<QPushButton*>(QStringLiteral("olderButton")), Qt::LeftButton);
    QTRY_COMPARE(pageLabel->text(), QStringLiteral("Events 201–400 of 450 · newest recorded first"));
    QCOMPARE(detail->toPlainText(), QString());
    QCOMPARE(table->model()->index(0, EventTableModel::Item).data().toString(), QStringLiteral("item249"));
    QTest::mouseClick(m_window->findChild<QPushButton*>(QStringLiteral("oldestButton")), Qt::LeftButton);
    // The oldest page is the oldest 200, still newest first.
    QTRY_COMPARE(pageLabel->text(), QStringLiteral("Events 251–450 of 450 · newest recorded first"));
    QCOMPARE(table->model()->index(0, EventTableModel::Item).data().toString(), QStringLiteral("item199"));
    QCOMPARE(table->model()->index(199, EventTableModel::Item).data().toString(), QStringLiteral("item0"));
    QTest::mouseClick(m_window->findChild<QPushButton*>(QStringLiteral("newerButton")), Qt::LeftButton);
    QTRY_COMPARE(pageLabel->text(), QStringLiteral("Events 51–250 of 450 · newest recorded first"));
    QCOMPARE(table->model()->index(0, EventTableModel::Item).data().toString(), QStringLiteral("item399"));

    // Filtering starts from the newest matching event and clears the detail.
    table->selectRow(0);
    QVERIFY(!detail->toPlainText().isEmpty());
    QTest::keyClicks(m_window->findChild<QLineEdit*>(QStringLiteral("userFilter")), QStringLiteral("user3"));
    QTRY_COMPARE(pageLabel->text(), QStringLiteral("Matching events 1–64 of 64 · newest recorded first"));
    QCOMPARE(detail->toPlainText(), QString());
    saveScreenshot(m_window.get(), "events-page-filtered");
}

void TestRecordingViews::copySelectAllAndFindOnTheEventsPage()
{
    for (int i = 0; i < 5; ++i)
        recordDirectly(QStringLiteral("user%1").arg(i), QStringLiteral("item%1").arg(i), 1795890000 + i);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Events));
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("eventsTable"));
    QTRY_COMPARE(table->model()->rowCount(), 5);
    table->setFocus();
    QTRY_VERIFY(table->hasFocus());
    QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 5);
    QApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6); // the headings, then the five rows
    QVERIFY2(lines.first().startsWith(
                 QStringLiteral("Recorded (UTC), newest first\tSent at (UTC)\tEvent type\tUser")),
             qPrintable(lines.first()));
    QCOMPARE(lines.at(1).split(QLatin1Char('\t')).value(EventTableModel::Item), QStringLiteral("item4"));
    QCOMPARE(lines.at(5).split(QLatin1Char('\t')).value(EventTableModel::User), QStringLiteral("user0"));
    // Ctrl+F puts the cursor in the page's search field.
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(m_window->findChild<QLineEdit*>(QStringLiteral("textFilter"))->hasFocus());
}

void TestRecordingViews::invalidFieldDisablesSend_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<QString>("expected");
    QTest::newRow("recommendation ID 41")
        << QStringLiteral("recommendationIdEdit") << QString(41, QLatin1Char('r'))
        << QStringLiteral("recommendationIdHint")
        << QStringLiteral("Invalid length for parameter eventList[0].recommendationId, "
                          "value: 41, valid max length: 40");
    QTest::newRow("blank source") << QStringLiteral("attributionSourceEdit") << QStringLiteral("   ")
                                  << QStringLiteral("attributionSourceHint")
                                  << QStringLiteral(
                                         "Invalid value for parameter eventList[0].metricAttribution."
                                         "eventAttributionSource, value: \"   \", valid pattern: "
                                         "^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$ (printable ASCII with "
                                         "at least one non-space character)");
    QTest::newRow("value not a number")
        << QStringLiteral("eventValueEdit") << QStringLiteral("lots") << QStringLiteral("eventValueHint")
        << QStringLiteral("Invalid type for parameter eventList[0].eventValue, value: "
                          "lots, valid type: float");
    QTest::newRow("empty session") << QStringLiteral("sessionIdEdit") << QString()
                                   << QStringLiteral("sessionIdHint")
                                   << QStringLiteral("sessionId is empty.");
}

void TestRecordingViews::invalidFieldDisablesSend()
{
    QFETCH(QString, field);
    QFETCH(QString, typed);
    QFETCH(QString, hint);
    QFETCH(QString, expected);
    EventComposerDialog* composer = openComposer();
    QVERIFY(composer);
    auto* edit = composer->findChild<QLineEdit*>(field);
    edit->clear();
    QTest::keyClicks(edit, typed);
    auto* hintLabel = composer->findChild<HintLabel*>(hint);
    QVERIFY(hintLabel->isVisible());
    QCOMPARE(hintLabel->text(), expected);
    QVERIFY(!composer->findChild<QPushButton*>(QStringLiteral("sendButton"))->isEnabled());
    QCOMPARE(m_seed->count("interaction"), 0);
}

void TestRecordingViews::unknownPropertyKeyIsExplained()
{
    EventComposerDialog* composer = openComposer();
    QVERIFY(composer);
    QTest::mouseClick(composer->findChild<QPushButton*>(QStringLiteral("addPropertyButton")), Qt::LeftButton);
    auto* key = composer->findChild<QComboBox*>(QStringLiteral("propertyKeyCombo"));
    QVERIFY(key);
    key->setCurrentText(QStringLiteral("colour"));
    auto* hint = composer->findChild<HintLabel*>(QStringLiteral("propertiesHint"));
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->text(),
             QStringLiteral("Invalid value for parameter eventList[0].properties: unknown key \"colour\"; "
                            "the Interactions schema has no metadata columns, so properties must be empty"));
    QVERIFY(!composer->findChild<QPushButton*>(QStringLiteral("sendButton"))->isEnabled());
    QVERIFY(composer->findChild<QPlainTextEdit*>(QStringLiteral("jsonPreview"))
                ->toPlainText()
                .contains(QStringLiteral("\"properties\": \"{\\\"colour\\\": \\\"\\\"}\"")));
}

void TestRecordingViews::requestLogShowsRejectedRequest()
{
    const QString trackingId = m_window->workspace()->eventTrackers().describe(kTrackerArn).trackingId;
    try {
        m_window->workspace()->recording().putEvents(
            {{QStringLiteral("trackingId"), trackingId},
             {QStringLiteral("sessionId"), QStringLiteral("s")},
             {QStringLiteral("eventList"),
              QJsonArray{QJsonObject{{QStringLiteral("eventType"), QStringLiteral("click")}}}}},
            {QStringLiteral("cli"), {}, {}, {}});
        QFAIL("accepted an event without sentAt");
    } catch (const ServiceError&) {
    }
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::RequestLog));
    auto* table = m_window->findChild<QTableWidget*>(QStringLiteral("requestTable"));
    QTRY_VERIFY(table->isVisible());
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("rejected"));
    QCOMPARE(table->item(0, 7)->text(),
             QStringLiteral("InvalidInputException: Missing required parameter in eventList[0]: \"sentAt\""));
    table->selectRow(0);
    const QString detail =
        m_window->findChild<QPlainTextEdit*>(QStringLiteral("requestDetail"))->toPlainText();
    QVERIFY2(detail.contains(QStringLiteral("\"eventType\": \"click\"")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("Error: InvalidInputException")), qPrintable(detail));
}

void TestRecordingViews::requestLogRetentionIsSetOnThePage()
{
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::RequestLog));
    auto* days = m_window->findChild<QSpinBox*>(QStringLiteral("retentionDays"));
    auto* size = m_window->findChild<QSpinBox*>(QStringLiteral("maxSizeMib"));
    QTRY_VERIFY(days->isVisible());
    QCOMPARE(days->value(), 7);
    QCOMPARE(size->value(), 256);
    QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("refusalCounts"))
                ->text()
                .startsWith(QLatin1String("No requests were refused")));
    days->setValue(30);
    size->setValue(64);
    QTest::mouseClick(m_window->findChild<QPushButton*>(QStringLiteral("applyRetention")), Qt::LeftButton);
    const RequestLogSettings stored = m_window->workspace()->requestLog().settings();
    QCOMPARE(stored.retentionDays, 30);
    QCOMPARE(stored.maxSizeMib, 64);
    QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("requestLogUsage"))
                ->text()
                .startsWith(QLatin1String("The log holds")));
}

void TestRecordingViews::readinessUpdatesAfterRecording()
{
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Readiness));
    auto* bar = m_window->findChild<QProgressBar*>(QStringLiteral("interactionsBar"));
    QTRY_VERIFY(bar->isVisible());
    QTRY_COMPARE(bar->text(), QStringLiteral("0 of 1,000"));
    recordDirectly(QStringLiteral("alice"), QStringLiteral("i1"), 1795890000);
    recordDirectly(QStringLiteral("alice"), QStringLiteral("i2"), 1795890001);
    QTRY_COMPARE(bar->text(), QStringLiteral("2 of 1,000"));
    auto* users = m_window->findChild<QProgressBar*>(QStringLiteral("usersBar"));
    QTRY_COMPARE(users->text(), QStringLiteral("1 of 25"));
    auto* verdict = m_window->findChild<QLabel*>(QStringLiteral("readinessVerdict"));
    QCOMPARE(
        verdict->text(),
        QStringLiteral(
            "Not ready yet: needs 998 more interactions and 24 more users with at least 2 interactions."));
}

static QString writeCsv(const QString& folder, const QByteArray& content)
{
    const QString path = folder + QStringLiteral("/import.csv");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the CSV");
    file.write(content);
    return path;
}

static ImportDialog* openImport(MainWindow& window)
{
    window.selectArn(kGroupArn);
    auto* page = window.findChild<QWidget*>(QStringLiteral("datasetGroupPage"));
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("importButton")), Qt::LeftButton);
    ImportDialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] { return (dialog = window.findChild<ImportDialog*>()) != nullptr && dialog->isVisible(); });
    return shown ? dialog : nullptr;
}

// More rows than the table keeps were not accepted: the table shows the first ones and says so,
// the saved row report has every one.
void TestRecordingViews::savedRowReportHasEveryRow()
{
    const int badRows = ImportReport::kMaxKeptProblems + 3;
    QByteArray content = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1704164645,click\n";
    for (int i = 0; i < badRows; ++i)
        content += "u2,i2,day-" + QByteArray::number(i) + ",click\n";
    const QString path = writeCsv(m_seed->dir(), content);
    ImportDialog* dialog = openImport(*m_window);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("fileEdit")), path);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("startButton")), Qt::LeftButton);
    auto* summary = dialog->findChild<QLabel*>(QStringLiteral("importSummary"));
    QTRY_VERIFY_WITH_TIMEOUT(
        summary->text().startsWith(QStringLiteral("%1 rows: 1 accepted, %2 rejected")
                                       .arg(QLocale().toString(badRows + 1), QLocale().toString(badRows))),
        60000);
    QVERIFY2(
        summary->text().contains(QStringLiteral("The table lists the first %1 rows that were not accepted; "
                                                "the saved row report has them all.")
                                     .arg(QLocale().toString(ImportReport::kMaxKeptProblems))),
        qPrintable(summary->text()));
    QCOMPARE(dialog->findChild<QTableWidget*>(QStringLiteral("problemsTable"))->rowCount(),
             ImportReport::kMaxKeptProblems);

    // Saved over the database, it is refused where it was asked for, and the database is left alone.
    const QString database = m_window->workspace()->path();
    const QFileInfo before(database);
    QString refusal;
    answerFileDialog(database);
    answerMessageBox(&refusal);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveReportButton")), Qt::LeftButton);
    QCOMPARE(refusal, DatabaseFiles::refusal(database));
    QCOMPARE(QFileInfo(database).size(), before.size());
    QCOMPARE(QFileInfo(database).lastModified(), before.lastModified());

    const QString reportPath = m_seed->dir() + QStringLiteral("/rows.csv");
    answerFileDialog(reportPath);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveReportButton")), Qt::LeftButton);
    QFile saved(reportPath);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = saved.readAll().split('\n');
    QCOMPARE(lines.size(), badRows + 2); // the header, a line per row, the final newline
    QCOMPARE(lines.first(), QByteArray("line,status,reason"));
    // The last bad row: line badRows + 2 of the file (after the header and the good row).
    QCOMPARE(lines.at(badRows), QByteArray::number(badRows + 2) + ",rejected,\"column TIMESTAMP: \"\"day-" +
                                    QByteArray::number(badRows - 1) + "\"\" is not a long (epoch seconds)\"");
    dialog->findChild<QPushButton*>(QStringLiteral("closeButton"))->click();
}

void TestRecordingViews::importRefusesTheDatabase()
{
    ImportDialog* dialog = openImport(*m_window);
    QVERIFY(dialog);
    const QString database = m_window->workspace()->path();
    for (const QString& path : QStringList{database, database + QStringLiteral("-wal")}) {
        auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("fileEdit"));
        edit->clear();
        QTest::keyClicks(edit, path);
        auto* hint = dialog->findChild<HintLabel*>(QStringLiteral("fileHint"));
        QVERIFY(hint->isVisible());
        QCOMPARE(hint->text(), DatabaseFiles::refusal(path));
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("startButton"))->isEnabled());
    }
    dialog->findChild<QPushButton*>(QStringLiteral("closeButton"))->click();
}

void TestRecordingViews::importWithBadRowsShowsEachRow()
{
    const QString path = writeCsv(m_seed->dir(), "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n"
                                                 "u1,i1,1704164645,click\n"
                                                 "u2,i2,yesterday,click\n"
                                                 "u3,i3,1704164647,buy\n"
                                                 "u3,i3,1704164647,buy\n");
    ImportDialog* dialog = openImport(*m_window);
    QVERIFY(dialog);
    auto* start = dialog->findChild<QPushButton*>(QStringLiteral("startButton"));
    QVERIFY(!start->isEnabled());
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("fileEdit")), path);
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    auto* summary = dialog->findChild<QLabel*>(QStringLiteral("importSummary"));
    QTRY_VERIFY(summary->text().startsWith(QStringLiteral("4 rows: 2 accepted, 1 rejected, 1 duplicate.")));
    auto* problems = dialog->findChild<QTableWidget*>(QStringLiteral("problemsTable"));
    QCOMPARE(problems->rowCount(), 2);
    QCOMPARE(problems->item(0, 0)->text(), QStringLiteral("3"));
    QCOMPARE(problems->item(0, 1)->text(), QStringLiteral("rejected"));
    QCOMPARE(problems->item(0, 2)->text(),
             QStringLiteral("column TIMESTAMP: \"yesterday\" is not a long (epoch seconds)"));
    QCOMPARE(problems->item(1, 1)->text(), QStringLiteral("duplicate"));
    QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("saveReportButton"))->isEnabled());
    QCOMPARE(m_seed->count("interaction"), 2);
    dialog->findChild<QPushButton*>(QStringLiteral("closeButton"))->click();

    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Events));
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("eventsTable"));
    QTRY_COMPARE(table->model()->rowCount(), 2);
    QCOMPARE(table->model()->index(0, EventTableModel::State).data().toString(),
             QStringLiteral("+1 duplicate, imported"));
}

void TestRecordingViews::cancelledImportStoresNothing()
{
    QByteArray content = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n";
    for (int i = 0; i < 60000; ++i)
        content +=
            QStringLiteral("u%1,i%2,%3,click\n").arg(i % 300).arg(i % 900).arg(1704000000 + i).toUtf8();
    const QString path = writeCsv(m_seed->dir(), content);
    ImportDialog* dialog = openImport(*m_window);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("fileEdit")), path);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("startButton")), Qt::LeftButton);
    auto* cancel = dialog->findChild<QPushButton*>(QStringLiteral("cancelImportButton"));
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    auto* summary = dialog->findChild<QLabel*>(QStringLiteral("importSummary"));
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().startsWith(QStringLiteral("Cancelled after ")), 30000);
    QVERIFY2(summary->text().contains(QRegularExpression(QStringLiteral("^Cancelled after [0-9,]+ rows?: "
                                                                        "nothing was stored\\.$"))),
             qPrintable(summary->text()));
    QCOMPARE(m_seed->count("interaction"), 0);
}

void TestRecordingViews::localEndpointServesWhileTheWindowShowsIt()
{
    auto* action = m_window->findChild<QAction*>(QStringLiteral("actionLocalEndpoint"));
    QVERIFY(action && action->isEnabled());
    action->trigger();
    EndpointDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<EndpointDialog*>()) != nullptr && dialog->isVisible());
    dialog->findChild<QSpinBox*>(QStringLiteral("portSpin"))->setValue(0);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("startStopButton")), Qt::LeftButton);
    auto* status = dialog->findChild<QLabel*>(QStringLiteral("endpointStatus"));
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("Serving http://127.0.0.1:")));
    const QString url = m_window->localEndpoint().url();
    auto* label = m_window->findChild<QLabel*>(QStringLiteral("endpointLabel"));
    QCOMPARE(label->text(), QStringLiteral("Endpoint %1 · 0 requests").arg(url));

    m_window->selectArn(kTrackerArn);
    const QString snippet = m_window->findChild<QWidget*>(QStringLiteral("eventTrackerPage"))
                                ->findChild<QPlainTextEdit*>(QStringLiteral("boto3Snippet"))
                                ->toPlainText();
    QVERIFY2(snippet.contains(QStringLiteral("endpoint_url='%1'").arg(url)), qPrintable(snippet));

    const QString trackingId = m_window->workspace()->eventTrackers().describe(kTrackerArn).trackingId;
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(url + QStringLiteral("/events")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply* reply = network.post(
        request,
        QStringLiteral(R"({"trackingId": "%1", "userId": "u1", "sessionId": "s1", )"
                       R"("eventList": [{"eventType": "click", "sentAt": 1704164645, "itemId": "i7"}]})")
            .arg(trackingId)
            .toUtf8());
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QTRY_COMPARE(label->text(), QStringLiteral("Endpoint %1 · 1 request").arg(url));

    // The window notices the endpoint's commit and shows the event.
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Events));
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("eventsTable"));
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, EventTableModel::Item).data().toString(), QStringLiteral("i7"));

    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("startStopButton")), Qt::LeftButton);
    QTRY_COMPARE(label->text(), QStringLiteral("Endpoint off"));
    QVERIFY(!m_window->localEndpoint().isRunning());
}

void TestRecordingViews::localEndpointCanRequireSignatures()
{
    m_window->findChild<QAction*>(QStringLiteral("actionLocalEndpoint"))->trigger();
    EndpointDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<EndpointDialog*>()) != nullptr && dialog->isVisible());
    dialog->findChild<QSpinBox*>(QStringLiteral("portSpin"))->setValue(0);
    dialog->findChild<QCheckBox*>(QStringLiteral("requireSignatureCheck"))->setChecked(true);
    auto* keys = dialog->findChild<QLineEdit*>(QStringLiteral("accessKeysEdit"));
    keys->clear();
    auto* start = dialog->findChild<QPushButton*>(QStringLiteral("startStopButton"));
    QVERIFY(!start->isEnabled());
    QCOMPARE(dialog->findChild<HintLabel*>(QStringLiteral("accessKeysHint"))->text(),
             QStringLiteral("Requiring signatures needs at least one access key as ID:SECRET."));
    QVERIFY(!m_window->localEndpoint().isRunning());

    QTest::keyClicks(keys, QStringLiteral("team:s3cret"));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(m_window->localEndpoint().isRunning());
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(m_window->localEndpoint().url() + QStringLiteral("/events")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply* reply = network.post(request, QByteArray("{}"));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
    QCOMPARE(reply->rawHeader("x-amzn-ErrorType"), QByteArray("MissingAuthenticationTokenException"));
    reply->deleteLater();
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(!m_window->localEndpoint().isRunning());
    dialog->findChild<QCheckBox*>(QStringLiteral("requireSignatureCheck"))->setChecked(false);
}

void TestRecordingViews::localEndpointBeyondLoopbackNeedsConsent()
{
    m_window->findChild<QAction*>(QStringLiteral("actionLocalEndpoint"))->trigger();
    EndpointDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<EndpointDialog*>()) != nullptr && dialog->isVisible());
    dialog->findChild<QSpinBox*>(QStringLiteral("portSpin"))->setValue(0);
    auto* signatures = dialog->findChild<QCheckBox*>(QStringLiteral("requireSignatureCheck"));
    auto* allowUnsigned = dialog->findChild<QCheckBox*>(QStringLiteral("allowUnsignedCheck"));
    auto* address = dialog->findChild<QComboBox*>(QStringLiteral("addressCombo"));
    auto* warning = dialog->findChild<QLabel*>(QStringLiteral("listenWarning"));
    auto* status = dialog->findChild<QLabel*>(QStringLiteral("endpointStatus"));
    auto* start = dialog->findChild<QPushButton*>(QStringLiteral("startStopButton"));
    signatures->setChecked(false);
    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    QVERIFY(!allowUnsigned->isVisible());
    QVERIFY(!warning->isVisible());

    address->setCurrentIndex(address->findData(QStringLiteral("0.0.0.0")));
    QVERIFY(allowUnsigned->isVisible() && allowUnsigned->isEnabled());
    QVERIFY(!allowUnsigned->isChecked());
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->text(), QStringLiteral("To serve other machines, require signatures, or tick “Allow "
                                             "unsigned requests from other machines”."));
    QVERIFY(!start->isEnabled());
    QVERIFY(!m_window->localEndpoint().isRunning());

    // The endpoint itself refuses too, whoever asks it.
    QSignalSpy failed(&m_window->localEndpoint(), &LocalEndpoint::failed);
    m_window->localEndpoint().start(m_window->workspace()->path(), m_window->workspace()->config(),
                                    QHostAddress(QStringLiteral("0.0.0.0")), 0);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(),
             QStringLiteral("0.0.0.0 is not a loopback address, so other machines could read and change this "
                            "database without credentials; require signatures, or allow unsigned requests "
                            "from other machines."));
    QVERIFY(!m_window->localEndpoint().isRunning());

    allowUnsigned->setChecked(true);
    QCOMPARE(warning->text(), QStringLiteral("Other machines on the network could then read and change this "
                                             "database without any credentials."));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(m_window->localEndpoint().isRunning());
    QVERIFY(m_window->localEndpoint().servesUnsignedToNetwork());
    QVERIFY2(status->text().startsWith(QStringLiteral("Serving http://0.0.0.0:")),
             qPrintable(status->text()));
    QVERIFY2(status->text().endsWith(QStringLiteral("\nWarning: unsigned requests from other machines are "
                                                    "served; anyone who can reach this port can read and "
                                                    "change this database.")),
             qPrintable(status->text()));
    auto* label = m_window->findChild<QLabel*>(QStringLiteral("endpointLabel"));
    QVERIFY2(label->text().endsWith(QStringLiteral(" · unsigned, open to the network")),
             qPrintable(label->text()));
    // Reached through loopback only.
    const QString port = m_window->localEndpoint().url().section(QLatin1Char(':'), -1);
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-amz-json-1.1"));
    request.setRawHeader("X-Amz-Target", "AmazonPersonalize.ListDatasetGroups");
    QNetworkReply* reply = network.post(request, QByteArray("{}"));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(!m_window->localEndpoint().isRunning());

    // With signatures required, no consent is asked for.
    signatures->setChecked(true);
    QVERIFY(!allowUnsigned->isEnabled());
    QVERIFY(!allowUnsigned->isChecked());
    QCOMPARE(warning->text(), QStringLiteral("Other machines on the network can then send requests to this "
                                             "database; only signed ones are served, over plain HTTP."));
    allowUnsigned->setChecked(false);
    auto* keys = dialog->findChild<QLineEdit*>(QStringLiteral("accessKeysEdit"));
    keys->setText(QStringLiteral("team:s3cret"));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(m_window->localEndpoint().isRunning());
    QVERIFY(!m_window->localEndpoint().servesUnsignedToNetwork());
    QVERIFY2(!status->text().contains(QStringLiteral("Warning")), qPrintable(status->text()));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(!m_window->localEndpoint().isRunning());

    signatures->setChecked(false);
    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    QSettings().setValue(QStringLiteral("endpoint/address"), QStringLiteral("127.0.0.1"));
    QSettings().setValue(QStringLiteral("endpoint/requireSignature"), false);
}

void TestRecordingViews::localEndpointNamesWebPageOrigins()
{
    m_window->findChild<QAction*>(QStringLiteral("actionLocalEndpoint"))->trigger();
    EndpointDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<EndpointDialog*>()) != nullptr && dialog->isVisible());
    dialog->findChild<QSpinBox*>(QStringLiteral("portSpin"))->setValue(0);
    auto* address = dialog->findChild<QComboBox*>(QStringLiteral("addressCombo"));
    auto* origins = dialog->findChild<QLineEdit*>(QStringLiteral("corsOriginsEdit"));
    auto* usage = dialog->findChild<QLabel*>(QStringLiteral("endpointNotes"));
    auto* start = dialog->findChild<QPushButton*>(QStringLiteral("startStopButton"));
    dialog->findChild<QCheckBox*>(QStringLiteral("requireSignatureCheck"))->setChecked(false);

    // On loopback every origin may call: there is nothing to name.
    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    QVERIFY(!origins->isVisible());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(m_window->localEndpoint().isRunning());
    QVERIFY(m_window->localEndpoint().corsPolicy().allowsAnyOrigin());
    QVERIFY2(usage->text().endsWith(QStringLiteral("\nWeb pages from any origin may call it (CORS).")),
             qPrintable(usage->text()));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(!m_window->localEndpoint().isRunning());

    address->setCurrentIndex(address->findData(QStringLiteral("0.0.0.0")));
    QVERIFY(origins->isVisible() && origins->isEnabled());
    dialog->findChild<QCheckBox*>(QStringLiteral("allowUnsignedCheck"))->setChecked(true);
    origins->setText(QStringLiteral("http://127.0.0.1:5173, shop.example.com"));
    QVERIFY(!start->isEnabled());
    QCOMPARE(dialog->findChild<HintLabel*>(QStringLiteral("corsOriginsHint"))->text(),
             QStringLiteral("“shop.example.com” is not a web page origin (scheme://host[:port], or *)."));
    QVERIFY(!m_window->localEndpoint().isRunning());

    origins->setText(QStringLiteral("http://127.0.0.1:5173, HTTPS://Shop.Example.com/"));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(m_window->localEndpoint().isRunning());
    QVERIFY(!origins->isEnabled());
    QCOMPARE(
        m_window->localEndpoint().corsPolicy().origins(),
        QStringList({QStringLiteral("http://127.0.0.1:5173"), QStringLiteral("https://shop.example.com")}));
    QVERIFY2(usage->text().endsWith(QStringLiteral(
                 "\nWeb pages from http://127.0.0.1:5173, https://shop.example.com may call it "
                 "(CORS).")),
             qPrintable(usage->text()));
    // A named origin's preflight is answered; another's is refused. Reached through loopback only.
    const QString port = m_window->localEndpoint().url().section(QLatin1Char(':'), -1);
    QNetworkAccessManager network;
    for (const auto& [origin, expected] : {std::pair<QByteArray, int>{"http://127.0.0.1:5173", 204},
                                           std::pair<QByteArray, int>{"http://127.0.0.1:5174", 403}}) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/events").arg(port)));
        request.setRawHeader("Origin", origin);
        request.setRawHeader("Access-Control-Request-Method", "POST");
        QNetworkReply* reply = network.sendCustomRequest(request, "OPTIONS");
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), expected);
        QCOMPARE(reply->rawHeader("Access-Control-Allow-Origin"), expected == 204 ? origin : QByteArray());
        reply->deleteLater();
    }
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(!m_window->localEndpoint().isRunning());
    QCOMPARE(QSettings().value(QStringLiteral("endpoint/corsOrigins")).toString(),
             QStringLiteral("http://127.0.0.1:5173, HTTPS://Shop.Example.com/"));

    // Beyond loopback with no origin named, no web page may call.
    origins->clear();
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(m_window->localEndpoint().isRunning());
    QVERIFY(!m_window->localEndpoint().corsPolicy().allowsAnyOrigin());
    QVERIFY(m_window->localEndpoint().corsPolicy().origins().isEmpty());
    QVERIFY2(usage->text().endsWith(QStringLiteral("\nNo web page may call it from a browser (CORS).")),
             qPrintable(usage->text()));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(!m_window->localEndpoint().isRunning());

    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    QSettings().setValue(QStringLiteral("endpoint/address"), QStringLiteral("127.0.0.1"));
    QSettings().remove(QStringLiteral("endpoint/corsOrigins"));
}

void TestRecordingViews::screenshots()
{
    const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("set FOOTFALL_SCREENSHOT_DIR to write docs screenshots");
    for (int i = 0; i < 30; ++i)
        recordDirectly(QStringLiteral("user%1").arg(i % 7), QStringLiteral("item%1").arg(i % 5),
                       1795890000 + i * 60);
    EventComposerDialog* composer = openComposer();
    QVERIFY(composer);
    QTest::keyClicks(composer->findChild<QLineEdit*>(QStringLiteral("userIdEdit")), QStringLiteral("alice"));
    QTest::keyClicks(composer->findChild<QLineEdit*>(QStringLiteral("itemIdEdit")),
                     QStringLiteral("item-42"));
    QTest::keyClicks(composer->findChild<QLineEdit*>(QStringLiteral("recommendationIdEdit")),
                     QString(41, QLatin1Char('r')));
    QTest::qWait(100);
    QVERIFY(composer->grab().save(folder + QStringLiteral("/event-composer.png")));
    composer->close();
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Events));
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("eventsTable"));
    table->selectRow(2);
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/events-page.png")));
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::RequestLog));
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/request-log.png")));
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::Readiness));
    QTest::qWait(300);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/readiness.png")));

    const QString path =
        writeCsv(m_seed->dir(), "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1704164645,click\n"
                                "u2,i2,yesterday,click\nu3,i3,1704164647,buy\nu3,i3,1704164647,buy\n");
    ImportDialog* importDialog = openImport(*m_window);
    QVERIFY(importDialog);
    QTest::keyClicks(importDialog->findChild<QLineEdit*>(QStringLiteral("fileEdit")), path);
    QTest::mouseClick(importDialog->findChild<QPushButton*>(QStringLiteral("startButton")), Qt::LeftButton);
    QTRY_VERIFY(!importDialog->isRunning() && !importDialog->report().datasetArn.isEmpty());
    QTest::qWait(100);
    QVERIFY(importDialog->grab().save(folder + QStringLiteral("/import-dialog.png")));
    importDialog->findChild<QPushButton*>(QStringLiteral("closeButton"))->click();

    m_window->findChild<QAction*>(QStringLiteral("actionLocalEndpoint"))->trigger();
    EndpointDialog* endpointDialog = nullptr;
    QTRY_VERIFY((endpointDialog = m_window->findChild<EndpointDialog*>()) != nullptr &&
                endpointDialog->isVisible());
    endpointDialog->findChild<QSpinBox*>(QStringLiteral("portSpin"))->setValue(0);
    QTest::mouseClick(endpointDialog->findChild<QPushButton*>(QStringLiteral("startStopButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(m_window->localEndpoint().isRunning());
    QTest::qWait(100);
    QVERIFY(endpointDialog->grab().save(folder + QStringLiteral("/endpoint-dialog.png")));
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/main-window-endpoint.png")));
    m_window->localEndpoint().stop();
}

QTEST_MAIN(TestRecordingViews)
#include "TestRecordingViews.moc"
