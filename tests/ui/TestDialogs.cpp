#include "AvroSchema.h"
#include "CreateSchemaDialog.h"
#include "CreateSolutionDialog.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EndpointDialog.h"
#include "EventComposerDialog.h"
#include "EventTrackerService.h"
#include "HintLabel.h"
#include "ImportDialog.h"
#include "LocalEndpoint.h"
#include "MainWindow.h"
#include "NavigationModel.h"
#include "Recipe.h"
#include "RecordingService.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "SolutionService.h"
#include "TestWorkspace.h"
#include "Workspace.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {
const QString kGroupArn = QString::fromLatin1(TestWorkspace::kGroupArn);
const QString kTrackerArn = QString::fromLatin1(TestWorkspace::kTrackerArn);
// On its box: a check box is as wide as its form's column, and only its box and text take clicks.
void clickCheckBox(QCheckBox* box)
{
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(6, box->height() / 2));
}
} // namespace

// The console's dialogs as a person meets them: where the focus is, what they say, and that
// nothing they show moves what one is about to click.
class TestDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void everyDialogOpensInItsFirstField_data();
    void everyDialogOpensInItsFirstField();
    void typingANameTypesIntoTheName();
    void emptyFieldSaysItIsEmpty_data();
    void emptyFieldSaysItIsEmpty();
    void emptyNameHintInTheDialog();
    void endpointErrorIsShortWithItsDetailsBehindAButton();
    void endpointStartsOnlyWhenTheFormAllowsIt();
    void endpointSnippetsAreShownWhole();
    void importCountsReadAsOneMessage();
    void newSolutionNameIsUnused();
    void deletingASchemaInUseSaysSoBeforeAsking();
    void composerKeepsItsFieldsAndButtonsInPlace();
    void composerBodyIsIndented();
    void schemaErrorGivesLineAndColumnAndMarksThePlace();
    void requestLogElidesLongErrors();
    void datasetFieldsTableFillsItsPage();

private:
    QDialog* openByAction(const char* action, const QString& dialogName);
    void saveScreenshot(QWidget* widget, const QString& name);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestWorkspace> m_seed;
    std::unique_ptr<MainWindow> m_window;
};

void TestDialogs::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("FootfallTests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestDialogs::init()
{
    QSettings().clear();
    m_seed = std::make_unique<TestWorkspace>();
    m_seed->createShop();
    ServiceConfig config;
    config.provisioningMs = 0;
    m_window = std::make_unique<MainWindow>(config);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openDatabase(m_seed->path()));
    m_window->selectArn(kGroupArn);
}

void TestDialogs::cleanup()
{
    // Some tests leave the endpoint running: the window stops it as it closes (under the sanitizers,
    // a use of the half-destroyed window would show here).
    m_window.reset();
    m_seed.reset();
}

QDialog* TestDialogs::openByAction(const char* action, const QString& dialogName)
{
    auto* trigger = m_window->findChild<QAction*>(QLatin1String(action));
    if (!trigger || !trigger->isEnabled())
        return nullptr;
    trigger->trigger();
    QDialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        return (dialog = m_window->findChild<QDialog*>(dialogName)) != nullptr && dialog->isVisible();
    });
    return shown ? dialog : nullptr;
}

void TestDialogs::saveScreenshot(QWidget* widget, const QString& name)
{
    const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QTest::qWait(50); // the layout settles (a wrapped label learns its height)
    if (!folder.isEmpty())
        QVERIFY(widget->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestDialogs::everyDialogOpensInItsFirstField_data()
{
    QTest::addColumn<QByteArray>("action");
    QTest::addColumn<QString>("dialog");
    QTest::addColumn<QString>("firstField");
    const auto row = [](const char* action, const char* dialog, const char* field) {
        QTest::newRow(dialog) << QByteArray(action) << QString::fromLatin1(dialog)
                              << QString::fromLatin1(field);
    };
    row("actionCreateDatasetGroup", "createDatasetGroupDialog", "nameEdit");
    row("actionCreateSchema", "createSchemaDialog", "nameEdit");
    row("actionCreateDataset", "createDatasetDialog", "datasetGroupCombo");
    row("actionCreateEventTracker", "createEventTrackerDialog", "datasetGroupCombo");
    row("actionCreateMetricAttribution", "createMetricAttributionDialog", "datasetGroupCombo");
    row("actionCreateSolution", "createSolutionDialog", "datasetGroupCombo");
    row("actionCreateCampaign", "createCampaignDialog", "versionCombo");
    row("actionCreateRecommender", "createRecommenderDialog", "datasetGroupCombo");
    row("actionImport", "importDialog", "datasetGroupCombo");
    row("actionEventComposer", "eventComposerDialog", "trackerCombo");
    row("actionLocalEndpoint", "endpointDialog", "portSpin");
    row("actionRecommendationsPreview", "recommendationsPreviewDialog", "campaignCombo");
}

// Qt gives the focus to the first widget made, and the create dialogs' base makes its buttons
// first: the focus was on Cancel, and Space closed the dialog.
void TestDialogs::everyDialogOpensInItsFirstField()
{
    QFETCH(QByteArray, action);
    QFETCH(QString, dialog);
    QFETCH(QString, firstField);
    QDialog* shown = openByAction(action.constData(), dialog);
    QVERIFY2(shown, action.constData());
    QVERIFY(QTest::qWaitForWindowActive(shown));
    auto* field = shown->findChild<QWidget*>(firstField);
    QVERIFY(field);
    QTRY_VERIFY2(field->hasFocus(),
                 qPrintable(QApplication::focusWidget() ? QApplication::focusWidget()->objectName()
                                                        : QStringLiteral("nothing")));
    QVERIFY(!qobject_cast<QAbstractButton*>(QApplication::focusWidget()));

    // Space goes to the field, not to a button that would close the dialog.
    if (qobject_cast<QLineEdit*>(QApplication::focusWidget()) || qobject_cast<QAbstractSpinBox*>(field)) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QTest::qWait(50);
        QVERIFY(shown->isVisible());
    }
    // Tab walks the fields in the order they are shown, the buttons last.
    QList<QWidget*> order;
    QWidget* next = field;
    for (int i = 0; i < 40 && !order.contains(next); ++i) {
        order << next;
        next = next->nextInFocusChain();
        while (next != field && (!(next->focusPolicy() & Qt::TabFocus) || !next->isVisibleTo(shown) ||
                                 !next->isEnabled() || next->focusProxy()))
            next = next->nextInFocusChain();
    }
    int lastField = -1;
    int firstButton = int(order.size());
    for (int i = 0; i < order.size(); ++i) {
        const bool dialogButton =
            order.at(i)->parentWidget() && order.at(i)->parentWidget()->inherits("QDialogButtonBox");
        if (dialogButton)
            firstButton = std::min(firstButton, i);
        else
            lastField = i;
    }
    QVERIFY2(lastField < firstButton, qPrintable(dialog));
    const QRect screenArea = shown->screen()->availableGeometry();
    QVERIFY2(shown->frameGeometry().height() <= screenArea.height(), qPrintable(dialog));
    QVERIFY2(shown->frameGeometry().width() <= screenArea.width(), qPrintable(dialog));
    saveScreenshot(shown, QStringLiteral("focus-") + dialog);
    shown->reject();
}

void TestDialogs::typingANameTypesIntoTheName()
{
    QDialog* dialog = openByAction("actionCreateDatasetGroup", QStringLiteral("createDatasetGroupDialog"));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    QTRY_VERIFY(dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->hasFocus());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("cinema"));
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(), QStringLiteral("cinema"));
    auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("okButton"));
    QVERIFY(ok->isEnabled());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_VERIFY(!dialog->isVisible());
    QVERIFY(m_window->workspace()->datasetGroups().findByArn(kGroupArn.section(QLatin1Char('/'), 0, -2) +
                                                             QStringLiteral("/cinema")));
}

void TestDialogs::emptyFieldSaysItIsEmpty_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("shown");
    QTest::newRow("empty name") << QStringLiteral(
                                       "Invalid length for parameter name, value: 0, valid min length: 1")
                                << QStringLiteral("name is empty.");
    QTest::newRow("empty path") << QStringLiteral(
                                       "Invalid length for parameter eventList[0].sessionId, value: 0, valid "
                                       "min length: 1")
                                << QStringLiteral("eventList[0].sessionId is empty.");
    QTest::newRow("empty, longer minimum")
        << QStringLiteral("Invalid length for parameter roleArn, value: 0, valid min length: 20")
        << QStringLiteral("roleArn is empty; it needs at least 20 characters.");
    QTest::newRow("too short, not empty")
        << QStringLiteral("Invalid length for parameter roleArn, value: 3, valid min length: 20")
        << QStringLiteral("Invalid length for parameter roleArn, value: 3, valid min length: 20");
    QTest::newRow("too long")
        << QStringLiteral("Invalid length for parameter name, value: 64, valid max length: 63")
        << QStringLiteral("Invalid length for parameter name, value: 64, valid max length: 63");
}

void TestDialogs::emptyFieldSaysItIsEmpty()
{
    QFETCH(QString, problem);
    QFETCH(QString, shown);
    QCOMPARE(HintLabel::readable(problem), shown);
}

void TestDialogs::emptyNameHintInTheDialog()
{
    QDialog* dialog = openByAction("actionCreateEventTracker", QStringLiteral("createEventTrackerDialog"));
    QVERIFY(dialog);
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    name->selectAll();
    QTest::keyClick(name, Qt::Key_Delete);
    auto* hint = dialog->findChild<HintLabel*>(QStringLiteral("nameHint"));
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->text(), QStringLiteral("name is empty."));
    QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("okButton"))->isEnabled());
}

void TestDialogs::endpointErrorIsShortWithItsDetailsBehindAButton()
{
    auto* dialog =
        qobject_cast<EndpointDialog*>(openByAction("actionLocalEndpoint", QStringLiteral("endpointDialog")));
    QVERIFY(dialog);
    // What a database that cannot be opened can say: a line, then a long report.
    QString message = QStringLiteral("The database cannot be opened: its integrity check failed.");
    for (int line = 0; line < 200; ++line)
        message += QStringLiteral("\n*** in database main *** Page %1: btreeInitPage() returns error code 11")
                       .arg(line + 3);
    emit m_window->localEndpoint().failed(message);
    auto* status = dialog->findChild<QLabel*>(QStringLiteral("endpointStatus"));
    QTRY_COMPARE(status->text(),
                 QStringLiteral("Not started: The database cannot be opened: its integrity check failed."));
    auto* details = dialog->findChild<QPushButton*>(QStringLiteral("showDetailsButton"));
    auto* detailText = dialog->findChild<QPlainTextEdit*>(QStringLiteral("endpointErrorDetails"));
    QVERIFY(details->isVisible());
    QVERIFY(!detailText->isVisible());
    const int screenHeight = dialog->screen()->availableGeometry().height();
    QVERIFY2(dialog->frameGeometry().height() <= screenHeight, qPrintable(QString::number(dialog->height())));
    const int width = dialog->width();
    QTest::mouseClick(details, Qt::LeftButton);
    QVERIFY(detailText->isVisible());
    QCOMPARE(dialog->width(), width);
    QCOMPARE(detailText->toPlainText(), message);
    QCOMPARE(details->text(), QStringLiteral("Hide &details"));
    QTest::qWait(50);
    QVERIFY2(dialog->frameGeometry().height() <= screenHeight, qPrintable(QString::number(dialog->height())));
    saveScreenshot(dialog, QStringLiteral("endpoint-error-details"));

    // A one-line error has nothing behind it.
    emit m_window->localEndpoint().failed(QStringLiteral("Cannot listen on 127.0.0.1:8; is another program "
                                                         "using the port?"));
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("Not started: Cannot listen")));
    QVERIFY(!details->isVisible());
    QVERIFY(!detailText->isVisible());
}

void TestDialogs::endpointStartsOnlyWhenTheFormAllowsIt()
{
    QDialog* dialog = openByAction("actionLocalEndpoint", QStringLiteral("endpointDialog"));
    QVERIFY(dialog);
    auto* address = dialog->findChild<QComboBox*>(QStringLiteral("addressCombo"));
    auto* signatures = dialog->findChild<QCheckBox*>(QStringLiteral("requireSignatureCheck"));
    auto* allowUnsigned = dialog->findChild<QCheckBox*>(QStringLiteral("allowUnsignedCheck"));
    auto* warning = dialog->findChild<QLabel*>(QStringLiteral("listenWarning"));
    auto* keys = dialog->findChild<QLineEdit*>(QStringLiteral("accessKeysEdit"));
    auto* keysHint = dialog->findChild<HintLabel*>(QStringLiteral("accessKeysHint"));
    auto* origins = dialog->findChild<QLineEdit*>(QStringLiteral("corsOriginsEdit"));
    auto* originsHint = dialog->findChild<HintLabel*>(QStringLiteral("corsOriginsHint"));
    auto* start = dialog->findChild<QPushButton*>(QStringLiteral("startStopButton"));
    QVERIFY(start->isEnabled()); // loopback, unsigned: nothing to consent to

    // Every interface, unsigned: Start waits for the consent, and the danger is told once given.
    address->setCurrentIndex(address->findData(QStringLiteral("0.0.0.0")));
    QVERIFY(!start->isEnabled());
    QCOMPARE(warning->text(), QStringLiteral("To serve other machines, require signatures, or tick “Allow "
                                             "unsigned requests from other machines”."));
    clickCheckBox(allowUnsigned);
    QVERIFY(allowUnsigned->isChecked());
    QVERIFY(start->isEnabled());
    QCOMPARE(warning->text(), QStringLiteral("Other machines on the network could then read and change this "
                                             "database without any credentials."));
    // Its two lines are shown whole: the dialog grows for them.
    QTRY_VERIFY(warning->height() >= warning->heightForWidth(warning->width()));
    saveScreenshot(dialog, QStringLiteral("endpoint-every-interface-unsigned"));

    // Requiring signatures leaves nothing unsigned to allow: the box is cleared, not just greyed.
    clickCheckBox(signatures);
    QVERIFY(!allowUnsigned->isChecked());
    QVERIFY(!allowUnsigned->isEnabled());
    keys->clear();
    QVERIFY(!start->isEnabled());
    QVERIFY(keysHint->isVisible());
    QCOMPARE(keysHint->text(),
             QStringLiteral("Requiring signatures needs at least one access key as ID:SECRET."));
    QTest::keyClicks(keys, QStringLiteral("team:s3cret"));
    QVERIFY(!keysHint->isVisible());
    QVERIFY(start->isEnabled());

    QTest::keyClicks(origins, QStringLiteral("shop.example.com"));
    QVERIFY(!start->isEnabled());
    QCOMPARE(originsHint->text(),
             QStringLiteral("“shop.example.com” is not a web page origin (scheme://host[:port], or *)."));
    origins->clear();
    QVERIFY(start->isEnabled());
    QVERIFY(!originsHint->isVisible());
    saveScreenshot(dialog, QStringLiteral("endpoint-every-interface-signed"));
    address->setCurrentIndex(address->findData(QStringLiteral("127.0.0.1")));
    clickCheckBox(signatures);
}

void TestDialogs::endpointSnippetsAreShownWhole()
{
    QDialog* dialog = openByAction("actionLocalEndpoint", QStringLiteral("endpointDialog"));
    QVERIFY(dialog);
    dialog->findChild<QSpinBox*>(QStringLiteral("portSpin"))->setValue(0);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("startStopButton")), Qt::LeftButton);
    QTRY_VERIFY(m_window->localEndpoint().isRunning());
    auto* usage = dialog->findChild<QPlainTextEdit*>(QStringLiteral("endpointUsage"));
    QTRY_VERIFY(usage->isVisible());
    QTest::qWait(50);
    QVERIFY2(usage->toPlainText().contains(
                 QStringLiteral("endpoint_url='%1')").arg(m_window->localEndpoint().url())),
             qPrintable(usage->toPlainText()));
    // Every line fits: nothing to scroll to, sideways or down.
    QCOMPARE(usage->horizontalScrollBar()->maximum(), 0);
    QCOMPARE(usage->verticalScrollBar()->maximum(), 0);
    for (QTextBlock block = usage->document()->begin(); block.isValid(); block = block.next())
        QVERIFY2(usage->fontMetrics().horizontalAdvance(block.text()) <= usage->viewport()->width(),
                 qPrintable(block.text()));
    const QString notes = dialog->findChild<QLabel*>(QStringLiteral("endpointNotes"))->text();
    QVERIFY2(notes.contains(QStringLiteral("Web pages from any origin may call it (CORS).")),
             qPrintable(notes));
    saveScreenshot(dialog, QStringLiteral("endpoint-running"));
    m_window->localEndpoint().stop();
}

void TestDialogs::importCountsReadAsOneMessage()
{
    const QString path = m_seed->dir() + QStringLiteral("/import.csv");
    {
        QByteArray content = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n";
        for (int i = 0; i < 1200; ++i)
            content +=
                QStringLiteral("u%1,i%2,%3,click\n").arg(i % 30).arg(i % 90).arg(1704000000 + i).toUtf8();
        content += "u1,i1,yesterday,click\n";
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    auto* dialog = qobject_cast<ImportDialog*>(openByAction("actionImport", QStringLiteral("importDialog")));
    QVERIFY(dialog);
    auto* browse = dialog->findChild<QPushButton*>(QStringLiteral("browseButton"));
    QVERIFY(browse->isEnabled());
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("fileEdit")), path);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("startButton")), Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    QVERIFY(!browse->isEnabled()); // no new file while this one is read
    auto* summary = dialog->findChild<QLabel*>(QStringLiteral("importSummary"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning() && !summary->text().startsWith(QStringLiteral("Importing")),
                             30000);
    QVERIFY(browse->isEnabled());
    QCOMPARE(summary->text().section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("1,201 rows: 1,200 accepted, 1 rejected, 0 duplicates."));

    // Cancelled, the counts of what was read and thrown away are not given: one sentence says what happened.
    ImportReport cancelled;
    cancelled.rows = 200004;
    cancelled.accepted = 1999;
    cancelled.replaced = 200001;
    cancelled.cancelled = true;
    QCOMPARE(cancelled.summary(QLocale()),
             QStringLiteral("Cancelled after 200,004 rows: nothing was stored"));
    QCOMPARE(cancelled.summary(), QStringLiteral("Cancelled after 200004 rows: nothing was stored"));
    cancelled.cancelled = false;
    cancelled.rows = 1;
    cancelled.accepted = 1;
    cancelled.replaced = 1;
    QCOMPARE(cancelled.summary(QLocale()),
             QStringLiteral("1 row: 1 accepted, 0 rejected, 0 duplicates, 1 earlier bulk row replaced"));
}

void TestDialogs::newSolutionNameIsUnused()
{
    Workspace* workspace = m_window->workspace();
    workspace->solutions().create(
        {QStringLiteral("shop-personal"), kGroupArn, Recipes::arn(Recipe::UserPersonalization), {}, {}});
    QDialog* dialog = openByAction("actionCreateSolution", QStringLiteral("createSolutionDialog"));
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(),
             QStringLiteral("shop-personal-2"));
    QVERIFY(!dialog->findChild<HintLabel*>(QStringLiteral("nameHint"))->isVisible());
}

void TestDialogs::deletingASchemaInUseSaysSoBeforeAsking()
{
    const QList<DatasetSchema> schemas = m_window->workspace()->schemas().list();
    QVERIFY(!schemas.isEmpty());
    m_window->selectArn(schemas.first().arn);
    auto* remove = m_window->findChild<QAction*>(QStringLiteral("actionDelete"));
    QVERIFY(remove->isEnabled());
    remove->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("errorBox"))) != nullptr &&
                box->isVisible());
    QVERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("confirmDeleteBox")));
    QVERIFY2(box->text().contains(QStringLiteral("is used by the dataset(s)")), qPrintable(box->text()));
    box->accept();
    QVERIFY(m_window->workspace()->schemas().findByArn(schemas.first().arn));
}

void TestDialogs::composerKeepsItsFieldsAndButtonsInPlace()
{
    auto* composer = qobject_cast<EventComposerDialog*>(
        openByAction("actionEventComposer", QStringLiteral("eventComposerDialog")));
    QVERIFY(composer);
    QTest::qWait(50);
    const QStringList watched = {QStringLiteral("sendButton"),      QStringLiteral("addPropertyButton"),
                                 QStringLiteral("impressionsEdit"), QStringLiteral("attributionSourceEdit"),
                                 QStringLiteral("addEventButton"),  QStringLiteral("userIdEdit")};
    const auto places = [&] {
        QList<QRect> rects;
        for (const QString& name : watched) {
            auto* widget = composer->findChild<QWidget*>(name);
            rects << QRect(widget->mapTo(composer, QPoint(0, 0)), widget->size());
        }
        return rects;
    };
    const QList<QRect> before = places();
    const QSize size = composer->size();
    QTest::keyClicks(composer->findChild<QLineEdit*>(QStringLiteral("recommendationIdEdit")),
                     QString(41, QLatin1Char('r')));
    QVERIFY(composer->findChild<HintLabel*>(QStringLiteral("recommendationIdHint"))->isVisible());
    auto* session = composer->findChild<QLineEdit*>(QStringLiteral("sessionIdEdit"));
    session->clear();
    QVERIFY(composer->findChild<HintLabel*>(QStringLiteral("sessionIdHint"))->isVisible());
    QTest::qWait(50);
    QCOMPARE(composer->size(), size);
    QCOMPARE(places(), before);
    saveScreenshot(composer, QStringLiteral("composer-hints"));

    QTest::keyClicks(session, QStringLiteral("s1"));
    composer->findChild<QLineEdit*>(QStringLiteral("recommendationIdEdit"))->clear();
    QTest::keyClicks(composer->findChild<QLineEdit*>(QStringLiteral("itemIdEdit")), QStringLiteral("i1"));
    QTest::mouseClick(composer->findChild<QPushButton*>(QStringLiteral("sendButton")), Qt::LeftButton);
    auto* banner = composer->findChild<QLabel*>(QStringLiteral("resultBanner"));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("recorded 1 event")), qPrintable(banner->text()));
    QTest::qWait(50);
    QCOMPARE(composer->size(), size);
    QCOMPARE(places(), before);
    saveScreenshot(composer, QStringLiteral("composer-sent"));
}

void TestDialogs::composerBodyIsIndented()
{
    auto* composer = qobject_cast<EventComposerDialog*>(
        openByAction("actionEventComposer", QStringLiteral("eventComposerDialog")));
    QVERIFY(composer);
    QTest::keyClicks(composer->findChild<QLineEdit*>(QStringLiteral("itemIdEdit")),
                     QStringLiteral("i \"7\""));
    const QString shown = composer->findChild<QPlainTextEdit*>(QStringLiteral("jsonPreview"))->toPlainText();
    QVERIFY2(shown.startsWith(QStringLiteral("{\n  \"trackingId\": ")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("\n  \"eventList\": [\n    {\n      \"eventId\"")) ||
                 shown.contains(QStringLiteral("\n  \"eventList\": [\n    {\n      \"eventType\"")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("\"itemId\": \"i \\\"7\\\"\"")), qPrintable(shown));
    QVERIFY(shown.endsWith(QStringLiteral("\n}")));
    // Only the layout differs from what is sent.
    const QJsonDocument parsed = QJsonDocument::fromJson(shown.toUtf8());
    QVERIFY(parsed.isObject());
    QCOMPARE(parsed.object().value(QStringLiteral("trackingId")),
             composer->request().value(QStringLiteral("trackingId")));
    QCOMPARE(QString(shown).remove(QLatin1Char('\n')).simplified().size() > 0, true);
}

void TestDialogs::schemaErrorGivesLineAndColumnAndMarksThePlace()
{
    auto* dialog = qobject_cast<CreateSchemaDialog*>(
        openByAction("actionCreateSchema", QStringLiteral("createSchemaDialog")));
    QVERIFY(dialog);
    auto* editor = dialog->findChild<QPlainTextEdit*>(QStringLiteral("schemaEdit"));
    const QString broken =
        QStringLiteral("{\n  \"type\": \"record\",\n  \"name\" \"Interactions\",\n  \"fields\": []\n}");
    editor->setPlainText(broken);
    auto* hint = dialog->findChild<HintLabel*>(QStringLiteral("schemaHint"));
    QVERIFY(hint->isVisible());
    const auto syntax = AvroSchema::jsonSyntaxError(broken);
    QVERIFY(syntax);
    QCOMPARE(syntax->line, 3);
    // Qt's parser stops just inside the value that came where the ':' belongs.
    QCOMPARE(broken.section(QLatin1Char('\n'), 2, 2).left(syntax->column - 1),
             QStringLiteral("  \"name\" \""));
    QCOMPARE(hint->text(),
             QStringLiteral("Invalid schema: not valid JSON: missing name separator at line 3, column %1")
                 .arg(syntax->column));
    const QList<QTextEdit::ExtraSelection> marks = editor->extraSelections();
    QVERIFY(!marks.isEmpty());
    QCOMPARE(marks.last().cursor.selectionStart(), int(syntax->index));
    QCOMPARE(marks.last().cursor.selectedText(), QStringLiteral("I"));
    saveScreenshot(dialog, QStringLiteral("schema-syntax-error"));
    editor->setPlainText(TestWorkspace::interactionsSchema());
    QVERIFY(editor->extraSelections().isEmpty());
}

void TestDialogs::requestLogElidesLongErrors()
{
    const QString trackingId = m_window->workspace()->eventTrackers().describe(kTrackerArn).trackingId;
    try {
        m_window->workspace()->recording().putEvents(
            {{QStringLiteral("trackingId"), trackingId},
             {QStringLiteral("sessionId"), QStringLiteral("s")},
             {QStringLiteral("eventList"),
              QJsonArray{QJsonObject{
                  {QStringLiteral("eventType"), QStringLiteral("click")},
                  {QStringLiteral("sentAt"), 1704164645.0},
                  {QStringLiteral("metricAttribution"),
                   QJsonObject{{QStringLiteral("eventAttributionSource"), QStringLiteral("   ")}}}}}}},
            {QStringLiteral("cli"), {}, {}, {}});
        QFAIL("accepted a blank attribution source");
    } catch (const ServiceError&) {
    }
    m_window->selectGroupView(kGroupArn, int(NavigationModel::NodeKind::RequestLog));
    auto* table = m_window->findChild<QTableWidget*>(QStringLiteral("requestTable"));
    QTRY_VERIFY(table->isVisible());
    QTRY_COMPARE(table->rowCount(), 1);
    QTest::qWait(50);
    const QTableWidgetItem* problem = table->item(0, 7);
    QVERIFY(problem->text().startsWith(QStringLiteral("InvalidInputException: Invalid value for parameter")));
    QCOMPARE(problem->toolTip(), problem->text());
    // The column ends at the view's edge, and the text in it ends in "…" rather than at the edge.
    QHeaderView* header = table->horizontalHeader();
    QVERIFY(header->sectionViewportPosition(7) + header->sectionSize(7) <= table->viewport()->width());
    QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
    QCOMPARE(table->textElideMode(), Qt::ElideRight);
    saveScreenshot(m_window.get(), QStringLiteral("request-log"));
}

// The Interactions dataset's page, then the Items one: the same table, refilled, still reaches the
// page's right edge.
void TestDialogs::datasetFieldsTableFillsItsPage()
{
    const QString itemsArn = m_seed->createShopItems();
    m_window->findChild<QAction*>(QStringLiteral("actionRefresh"))->trigger();
    const QList<Dataset> datasets = m_window->workspace()->datasets().list(kGroupArn);
    QCOMPARE(datasets.size(), 2);
    for (const Dataset& dataset : datasets) {
        if (dataset.arn != itemsArn)
            m_window->selectArn(dataset.arn);
    }
    m_window->selectArn(itemsArn);
    auto* page = m_window->findChild<QWidget*>(QStringLiteral("datasetPage"));
    QVERIFY(page);
    auto* table = page->findChild<QTableWidget*>(QStringLiteral("schemaFieldsTable"));
    QTRY_VERIFY(table && table->isVisible());
    QTRY_COMPARE(table->rowCount(), 4);
    QHeaderView* header = table->horizontalHeader();
    const int last = table->columnCount() - 1;
    QTRY_COMPARE(header->sectionViewportPosition(last) + header->sectionSize(last),
                 table->viewport()->width());
    saveScreenshot(m_window.get(), QStringLiteral("items-dataset"));
}

QTEST_MAIN(TestDialogs)
#include "TestDialogs.moc"
