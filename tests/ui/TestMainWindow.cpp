#include "CreateDatasetDialog.h"
#include "CreateDatasetGroupDialog.h"
#include "CreateEventTrackerDialog.h"
#include "CreateSchemaDialog.h"
#include "Database.h"
#include "DatabaseFiles.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "HintLabel.h"
#include "MainWindow.h"
#include "NavigationModel.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "TestWorkspace.h"
#include "TransactionGuard.h"
#include "UserGuideDialog.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

#include <cstdio>

using namespace footfall;
using footfall::test::TestWorkspace;

namespace {
// With FOOTFALL_SCREENSHOT_DIR set, saves what `widget` shows as <name>.png there, to be looked at.
void saveScreenshot(QWidget* widget, const char* name)
{
    if (const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR"); !folder.isEmpty())
        QVERIFY(
            widget->grab().save(folder + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png")));
}

const QString kGroupArn = QString::fromLatin1(TestWorkspace::kGroupArn);
const QString kTrackerArn = QString::fromLatin1(footfall::test::TestWorkspace::kTrackerArn);
} // namespace

// Drives the console as a person would: menus, dialogs, buttons, found by objectName.
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void createDatasetGroupThroughDialog();
    void invalidNameKeepsOkDisabled_data();
    void invalidNameKeepsOkDisabled();
    void createSchemaDatasetAndTracker();
    void secondTrackerIsRefusedInDialog();
    void copyPutsTrackingIdOnClipboard();
    void deleteAsksAndRemoves();
    void openingBadFileShowsWhyAndKeepsWorkspace();
    void exportRefusesTheDatabase();
    void replacedFileIsSaidAndNoMoreWritten();
    void recentFilesAreRemembered();
    void statusChangesWithoutAClick();
    void newDatabaseOpensOnTheWelcomePage();
    void shortcutsAreSetUnderEveryTheme();
    void keyboardShortcutsAndAboutAreListed();
    void shortcutsListEveryKey();
    void userGuideOpensWithF1_data();
    void userGuideOpensWithF1();
    void userGuideLinksAndKeysAreReal();
    void aboutNamesTheBuildQtAndDatabase();
    void secondWindowOnTheSameFileIsToldSo();
    void geometryIsClampedToTheScreen();
    void navigationPaneFitsAndKeepsItsWidth();
    void screenshot();

private:
    void triggerAction(const char* name);
    template <typename Dialog> Dialog* waitForDialog();
    QMessageBox* waitForMessageBox(const char* name);
    QString pathIn(const QString& name) const { return m_dir->filePath(name); }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    ServiceConfig m_config;
};

void TestMainWindow::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("FootfallTests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_config.provisioningMs = 0;
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_window = std::make_unique<MainWindow>(m_config);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openDatabase(pathIn(QStringLiteral("console.db"))));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

void TestMainWindow::triggerAction(const char* name)
{
    auto* action = m_window->findChild<QAction*>(QLatin1String(name));
    QVERIFY2(action, name);
    QVERIFY2(action->isEnabled(), name);
    action->trigger();
}

template <typename Dialog> Dialog* TestMainWindow::waitForDialog()
{
    Dialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] { return (dialog = m_window->findChild<Dialog*>()) != nullptr && dialog->isVisible(); });
    return shown ? dialog : nullptr;
}

QMessageBox* TestMainWindow::waitForMessageBox(const char* name)
{
    QMessageBox* box = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        return (box = m_window->findChild<QMessageBox*>(QLatin1String(name))) != nullptr && box->isVisible();
    });
    return shown ? box : nullptr;
}

void TestMainWindow::createDatasetGroupThroughDialog()
{
    triggerAction("actionCreateDatasetGroup");
    auto* dialog = waitForDialog<CreateDatasetGroupDialog>();
    QVERIFY(dialog);
    auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("okButton"));
    QVERIFY(!ok->isEnabled());
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    QTest::keyClicks(name, QStringLiteral("shop"));
    auto* domain = dialog->findChild<QComboBox*>(QStringLiteral("domainCombo"));
    domain->setCurrentIndex(domain->findData(QStringLiteral("ECOMMERCE")));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<CreateDatasetGroupDialog*>() == nullptr);

    QCOMPARE(m_window->workspace()->datasetGroups().describe(kGroupArn).domain, QStringLiteral("ECOMMERCE"));
    QCOMPARE(m_window->selectedArn(), kGroupArn);
    auto* pages = m_window->findChild<QStackedWidget*>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("datasetGroupPage"));
    auto* heading = pages->currentWidget()->findChild<QLabel*>(QStringLiteral("pageHeading"));
    QCOMPARE(heading->text(), QStringLiteral("Dataset group shop"));
}

void TestMainWindow::invalidNameKeepsOkDisabled_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("hint");
    QTest::newRow("leading hyphen")
        << QStringLiteral("-shop")
        << QStringLiteral("Invalid value for parameter name, value: \"-shop\", valid pattern: "
                          "^[a-zA-Z0-9][a-zA-Z0-9\\-_]*$ (a letter or digit first, then "
                          "letters, digits, '-' or '_')");
    QTest::newRow("too long") << QString(64, QLatin1Char('x'))
                              << QStringLiteral(
                                     "Invalid length for parameter name, value: 64, valid max length: 63");
    QTest::newRow("taken") << QStringLiteral("existing")
                           << QStringLiteral(
                                  "A dataset group named existing already exists: "
                                  "arn:aws:personalize:us-east-1:000000000000:dataset-group/existing");
}

void TestMainWindow::invalidNameKeepsOkDisabled()
{
    QFETCH(QString, typed);
    QFETCH(QString, hint);
    m_window->workspace()->datasetGroups().create({QStringLiteral("existing"), {}, {}, {}, {}});
    triggerAction("actionCreateDatasetGroup");
    auto* dialog = waitForDialog<CreateDatasetGroupDialog>();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit")), typed);
    auto* hintLabel = dialog->findChild<HintLabel*>(QStringLiteral("nameHint"));
    QVERIFY(hintLabel->isVisible());
    QCOMPARE(hintLabel->text(), hint);
    auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("okButton"));
    QVERIFY(!ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(m_window->findChild<CreateDatasetGroupDialog*>() == nullptr);
    QCOMPARE(m_window->workspace()->datasetGroups().list().size(), 1);
}

void TestMainWindow::createSchemaDatasetAndTracker()
{
    m_window->workspace()->datasetGroups().create({QStringLiteral("shop"), {}, {}, {}, {}});

    triggerAction("actionCreateSchema");
    auto* schemaDialog = waitForDialog<CreateSchemaDialog>();
    QVERIFY(schemaDialog);
    QTest::keyClicks(schemaDialog->findChild<QLineEdit*>(QStringLiteral("nameEdit")),
                     QStringLiteral("shop-interactions"));
    auto* editor = schemaDialog->findChild<QPlainTextEdit*>(QStringLiteral("schemaEdit"));
    const QString templateText = editor->toPlainText();
    QVERIFY(templateText.contains(QStringLiteral("EVENT_ATTRIBUTION_SOURCE")));
    auto* ok = schemaDialog->findChild<QPushButton*>(QStringLiteral("okButton"));
    QVERIFY(ok->isEnabled());
    editor->setPlainText(
        QString(templateText).replace(QStringLiteral("\"long\""), QStringLiteral("\"string\"")));
    auto* schemaHint = schemaDialog->findChild<HintLabel*>(QStringLiteral("schemaHint"));
    QVERIFY(schemaHint->isVisible());
    QCOMPARE(schemaHint->text(),
             QStringLiteral("Invalid schema: field TIMESTAMP must be of type long, not string"));
    QVERIFY(!ok->isEnabled());
    editor->setPlainText(templateText);
    QVERIFY(!schemaHint->isVisible());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<CreateSchemaDialog*>() == nullptr);
    QCOMPARE(m_window->workspace()->schemas().list().size(), 1);

    m_window->selectArn(kGroupArn);
    triggerAction("actionCreateDataset");
    auto* datasetDialog = waitForDialog<CreateDatasetDialog>();
    QVERIFY(datasetDialog);
    QCOMPARE(
        datasetDialog->findChild<QComboBox*>(QStringLiteral("datasetGroupCombo"))->currentData().toString(),
        kGroupArn);
    QCOMPARE(datasetDialog->findChild<QComboBox*>(QStringLiteral("schemaCombo"))->currentText(),
             QStringLiteral("shop-interactions"));
    QCOMPARE(datasetDialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(),
             QStringLiteral("shop-interactions"));
    auto* typeCombo = datasetDialog->findChild<QComboBox*>(QStringLiteral("datasetTypeCombo"));
    typeCombo->setCurrentText(QStringLiteral("Users"));
    auto* datasetSchemaHint = datasetDialog->findChild<HintLabel*>(QStringLiteral("schemaHint"));
    QVERIFY(datasetSchemaHint->isVisible());
    QCOMPARE(
        datasetSchemaHint->text(),
        QStringLiteral("Invalid schema: the record is named \"Interactions\" but the dataset type is Users"));
    typeCombo->setCurrentText(QStringLiteral("Interactions"));
    auto* datasetOk = datasetDialog->findChild<QPushButton*>(QStringLiteral("okButton"));
    QVERIFY(datasetOk->isEnabled());
    QTest::mouseClick(datasetOk, Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<CreateDatasetDialog*>() == nullptr);
    QCOMPARE(m_window->selectedArn(),
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset/shop/INTERACTIONS"));

    m_window->selectArn(kGroupArn);
    auto* groupPage = m_window->findChild<QWidget*>(QStringLiteral("datasetGroupPage"));
    QTest::mouseClick(groupPage->findChild<QPushButton*>(QStringLiteral("createTrackerButton")),
                      Qt::LeftButton);
    auto* trackerDialog = waitForDialog<CreateEventTrackerDialog>();
    QVERIFY(trackerDialog);
    QCOMPARE(trackerDialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(),
             QStringLiteral("shop-tracker"));
    QTest::mouseClick(trackerDialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<CreateEventTrackerDialog*>() == nullptr);

    QCOMPARE(m_window->selectedArn(), kTrackerArn);
    auto* trackerPage = m_window->findChild<QWidget*>(QStringLiteral("eventTrackerPage"));
    QVERIFY(trackerPage->isVisible());
    const QString trackingId = m_window->workspace()->eventTrackers().describe(kTrackerArn).trackingId;
    QCOMPARE(trackerPage->findChild<QLineEdit*>(QStringLiteral("trackingIdEdit"))->text(), trackingId);
    QVERIFY(trackerPage->findChild<QPlainTextEdit*>(QStringLiteral("boto3Snippet"))
                ->toPlainText()
                .contains(trackingId));
    QVERIFY(trackerPage->findChild<QPlainTextEdit*>(QStringLiteral("awsCliSnippet"))
                ->toPlainText()
                .contains(trackingId));
    QVERIFY(trackerPage->findChild<QPlainTextEdit*>(QStringLiteral("javaSnippet"))
                ->toPlainText()
                .contains(trackingId));
    QVERIFY(!groupPage->findChild<QPushButton*>(QStringLiteral("createTrackerButton"))->isEnabled() ||
            !groupPage->isVisible());
}

void TestMainWindow::secondTrackerIsRefusedInDialog()
{
    TestWorkspace seed;
    seed.createShop();
    QVERIFY(m_window->openDatabase(seed.path()));
    m_window->selectArn(kGroupArn);
    triggerAction("actionCreateEventTracker");
    auto* dialog = waitForDialog<CreateEventTrackerDialog>();
    QVERIFY(dialog);
    auto* groups = dialog->findChild<QComboBox*>(QStringLiteral("datasetGroupCombo"));
    QCOMPARE(groups->currentText(), QStringLiteral("shop (has tracker shop-tracker)"));
    auto* hint = dialog->findChild<HintLabel*>(QStringLiteral("groupHint"));
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->text(),
             QStringLiteral("Dataset group shop already has the event tracker shop-tracker (%1). A dataset "
                            "group can have only one event tracker")
                 .arg(kTrackerArn));
    QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("okButton"))->isEnabled());
    dialog->reject();
    QCOMPARE(m_window->workspace()->eventTrackers().list().size(), 1);
}

void TestMainWindow::copyPutsTrackingIdOnClipboard()
{
    TestWorkspace seed;
    seed.createShop();
    QVERIFY(m_window->openDatabase(seed.path()));
    m_window->selectArn(kTrackerArn);
    auto* page = m_window->findChild<QWidget*>(QStringLiteral("eventTrackerPage"));
    QTRY_VERIFY(page->isVisible());
    QApplication::clipboard()->clear();
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("copyTrackingIdButton")), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), seed->eventTrackers().describe(kTrackerArn).trackingId);
}

void TestMainWindow::deleteAsksAndRemoves()
{
    TestWorkspace seed;
    seed.createShop();
    QVERIFY(m_window->openDatabase(seed.path()));
    m_window->selectArn(kTrackerArn);
    auto* page = m_window->findChild<QWidget*>(QStringLiteral("eventTrackerPage"));
    auto* deleteButton = page->findChild<QPushButton*>(QStringLiteral("deleteTrackerButton"));

    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QMessageBox* box = waitForMessageBox("confirmDeleteBox");
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("shop-tracker")));
    QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<QMessageBox*>(QStringLiteral("confirmDeleteBox")) == nullptr);
    QCOMPARE(m_window->workspace()->eventTrackers().list().size(), 1);

    QTest::mouseClick(deleteButton, Qt::LeftButton);
    box = waitForMessageBox("confirmDeleteBox");
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(m_window->workspace()->eventTrackers().list().size(), 0);
    QVERIFY(!m_window->findChild<NavigationModel*>()->indexOfArn(kTrackerArn).isValid());
    QCOMPARE(m_window->workspace()->datasets().list().size(), 1);
}

void TestMainWindow::openingBadFileShowsWhyAndKeepsWorkspace()
{
    const QString before = m_window->workspace()->path();
    const QString bad = pathIn(QStringLiteral("notes.txt"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("plain text");
    file.close();
    QVERIFY(!m_window->openDatabase(bad));
    QMessageBox* box = waitForMessageBox("errorBox");
    QVERIFY(box);
    QCOMPARE(box->text(),
             QStringLiteral("%1 is not a Footfall database: it is not an SQLite file. It was left untouched.")
                 .arg(bad));
    box->accept();
    QCOMPARE(m_window->workspace()->path(), before);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("plain text"));
}

void TestMainWindow::exportRefusesTheDatabase()
{
    const QString database = m_window->workspace()->path();
    m_window->workspace()->datasetGroups().create({QStringLiteral("shop"), {}, {}, {}, {}});
    const QFileInfo before(database);
    for (const QString& path : QStringList{database, database + QStringLiteral("-shm")}) {
        QVERIFY(!m_window->exportInteractionsTo(kGroupArn, path));
        QMessageBox* box = waitForMessageBox("errorBox");
        QVERIFY(box);
        QCOMPARE(box->text(), DatabaseFiles::refusal(path));
        box->accept();
        QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("errorBox")));
    }
    QCOMPARE(QFileInfo(database).size(), before.size());
    QCOMPARE(QFileInfo(database).lastModified(), before.lastModified());
    QCOMPARE(m_window->workspace()->datasetGroups().describe(kGroupArn).name, QStringLiteral("shop"));
}

// Another file is moved over the open database: the console says so within its poll, without a
// click, and writes nothing more.
void TestMainWindow::replacedFileIsSaidAndNoMoreWritten()
{
    const QString path = m_window->workspace()->path();
    const QString other = pathIn(QStringLiteral("other.db"));
    {
        const auto otherDatabase = Database::open(other);
    }
    QCOMPARE(::rename(QFile::encodeName(other).constData(), QFile::encodeName(path).constData()), 0);
    QMessageBox* box = waitForMessageBox("errorBox");
    QVERIFY(box);
    QCOMPARE(box->windowTitle(), QStringLiteral("The database file is gone"));
    QVERIFY2(
        box->text().startsWith(QStringLiteral("The Footfall database file was replaced by another file")),
        qPrintable(box->text()));
    box->accept();
    QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("databaseLabel"))
                ->text()
                .contains(QStringLiteral("gone")));
    try {
        TransactionGuard transaction(m_window->workspace()->database());
        QFAIL("began writing to a file that is no longer at its path");
    } catch (const StorageError& error) {
        QVERIFY(error.message().contains(QStringLiteral("accepts no more writes")));
    }
}

void TestMainWindow::recentFilesAreRemembered()
{
    const QString second = pathIn(QStringLiteral("second.db"));
    QVERIFY(m_window->openDatabase(second));
    auto* menu = m_window->findChild<QMenu*>(QStringLiteral("menuRecentFiles"));
    QVERIFY(menu);
    const QList<QAction*> entries = menu->actions();
    QCOMPARE(entries.size(), 2);
    QVERIFY(entries.at(0)->text().endsWith(QStringLiteral("second.db")));
    QVERIFY(entries.at(1)->text().endsWith(QStringLiteral("console.db")));
    entries.at(1)->trigger();
    QVERIFY(m_window->workspace()->path().endsWith(QStringLiteral("console.db")));
    auto* label = m_window->findChild<QLabel*>(QStringLiteral("databaseLabel"));
    QVERIFY(label->text().endsWith(QStringLiteral("console.db")));
}

void TestMainWindow::statusChangesWithoutAClick()
{
    ServiceConfig slow;
    slow.provisioningMs = 400;
    m_window = std::make_unique<MainWindow>(slow);
    m_window->show();
    QVERIFY(m_window->openDatabase(pathIn(QStringLiteral("slow.db"))));
    const DatasetGroup group =
        m_window->workspace()->datasetGroups().create({QStringLiteral("shop"), {}, {}, {}, {}});
    auto* model = m_window->findChild<NavigationModel*>();
    QTRY_VERIFY(model->indexOfArn(group.arn).isValid());
    QVERIFY(model->indexOfArn(group.arn).data().toString().startsWith(QStringLiteral("shop (CREATE")));
    QTRY_COMPARE(model->indexOfArn(group.arn).data().toString(), QStringLiteral("shop"));
}

void TestMainWindow::newDatabaseOpensOnTheWelcomePage()
{
    // init() opened a new, empty database: the welcome page shows, with the sample one click away.
    auto* pages = m_window->findChild<QStackedWidget*>(QStringLiteral("pages"));
    QWidget* welcome = m_window->findChild<QWidget*>(QStringLiteral("welcomePage"));
    QCOMPARE(pages->currentWidget(), welcome);
    auto* sample = welcome->findChild<QPushButton*>(QStringLiteral("actionNewSampleWorkspaceButton"));
    QVERIFY(sample && sample->isVisible() && sample->isEnabled());
    auto* tree = m_window->findChild<QTreeView*>(QStringLiteral("navigationTree"));
    QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("Welcome"));
    // Focus on the tree does not move it to the first list.
    tree->setFocus();
    QTest::qWait(50);
    QCOMPARE(pages->currentWidget(), welcome);
    saveScreenshot(m_window.get(), "welcome-new-database");
    // The welcome node stays reachable once there is more in the tree.
    m_window->workspace()->datasetGroups().create({QStringLiteral("shop"), {}, {}, {}, {}});
    triggerAction("actionRefresh");
    m_window->selectArn(kGroupArn);
    QVERIFY(pages->currentWidget() != welcome);
    tree->setCurrentIndex(m_window->findChild<NavigationModel*>()->index(0, 0));
    QCOMPARE(pages->currentWidget(), welcome);
    QVERIFY2(welcome->findChild<QLabel*>(QStringLiteral("workspaceSummary"))
                 ->text()
                 .contains(QStringLiteral("1 dataset group")),
             qPrintable(welcome->findChild<QLabel*>(QStringLiteral("workspaceSummary"))->text()));
}

void TestMainWindow::shortcutsAreSetUnderEveryTheme()
{
    // Set explicitly, not only through QKeySequence's standard keys, which some themes leave empty.
    const QList<QPair<const char*, QKeySequence>> expected = {
        {"actionQuit", QKeySequence(Qt::CTRL | Qt::Key_Q)},
        {"actionCopy", QKeySequence(Qt::CTRL | Qt::Key_C)},
        {"actionSelectAll", QKeySequence(Qt::CTRL | Qt::Key_A)},
        {"actionFind", QKeySequence(Qt::CTRL | Qt::Key_F)},
        {"actionNewDatabase", QKeySequence(Qt::CTRL | Qt::Key_N)},
        {"actionOpenDatabase", QKeySequence(Qt::CTRL | Qt::Key_O)},
        {"actionRefresh", QKeySequence(Qt::Key_F5)}};
    for (const auto& [name, keys] : expected) {
        auto* action = m_window->findChild<QAction*>(QLatin1String(name));
        QVERIFY2(action, name);
        QVERIFY2(action->shortcuts().contains(keys), name);
    }
    auto* edit = m_window->findChild<QMenu*>(QStringLiteral("menuEdit"));
    QVERIFY(edit);
    QStringList names;
    for (const QAction* action : edit->actions())
        names << action->objectName();
    QCOMPARE(names, (QStringList{QStringLiteral("actionCopy"), QStringLiteral("actionSelectAll"), QString(),
                                 QStringLiteral("actionFind")}));
    // Ctrl+Q closes the window.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!m_window->isVisible());
}

void TestMainWindow::keyboardShortcutsAndAboutAreListed()
{
    triggerAction("actionKeyboardShortcuts");
    QMessageBox* box = waitForMessageBox("shortcutsBox");
    QVERIFY(box);
    const QString text = box->text();
    for (const QString& expected :
         {QStringLiteral("Quit</td><td style=\"white-space: nowrap\"><b>%1")
              .arg(QKeySequence(Qt::CTRL | Qt::Key_Q).toString(QKeySequence::NativeText)),
          QStringLiteral("Find…</td><td style=\"white-space: nowrap\"><b>%1")
              .arg(QKeySequence(Qt::CTRL | Qt::Key_F).toString(QKeySequence::NativeText)),
          QStringLiteral("<i>Edit</i>")})
        QVERIFY2(text.contains(expected), qPrintable(text));
    saveScreenshot(box, "keyboard-shortcuts");
    box->accept();
    QMenu* help = m_window->findChild<QMenu*>(QStringLiteral("menuHelp"));
    QCOMPARE(help->actions().at(0)->objectName(), QStringLiteral("actionUserGuide"));
    QCOMPARE(help->actions().at(1)->objectName(), QStringLiteral("actionKeyboardShortcuts"));
}

void TestMainWindow::shortcutsListEveryKey()
{
    triggerAction("actionKeyboardShortcuts");
    QMessageBox* box = waitForMessageBox("shortcutsBox");
    QVERIFY(box);
    const QString text = box->text();
    // Every key of every action of the window, those of no menu too (F6 moves between the panes).
    int keys = 0;
    for (const QAction* action : m_window->findChildren<QAction*>()) {
        for (const QKeySequence& key : action->shortcuts()) {
            ++keys;
            QVERIFY2(text.contains(QStringLiteral("<b>%1").arg(
                         key.toString(QKeySequence::NativeText).toHtmlEscaped())) ||
                         text.contains(QStringLiteral(", %1").arg(
                             key.toString(QKeySequence::NativeText).toHtmlEscaped())),
                     qPrintable(action->objectName() + QLatin1Char(' ') + key.toString()));
        }
    }
    QVERIFY(keys >= 20);
    for (const QKeySequence& key : {QKeySequence(Qt::Key_F6), QKeySequence(Qt::SHIFT | Qt::Key_F6),
                                    QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::Key_Return)})
        QVERIFY2(text.contains(key.toString(QKeySequence::NativeText)), qPrintable(key.toString()));
    QVERIFY(text.contains(QStringLiteral("<i>Moving around</i>")));
    box->accept();
}

void TestMainWindow::userGuideOpensWithF1_data()
{
    QTest::addColumn<QString>("heading");
    QTest::addColumn<QString>("anchor");
    const auto row = [](const char* heading, const char* anchor) {
        QTest::newRow(heading) << QString::fromLatin1(heading) << QString::fromLatin1(anchor);
    };
    row("Quick start", "quick-start");
    row("The pages", "pages");
    row("Working from the keyboard", "keyboard");
    row("The command-line twin", "cli");
    row("The local endpoint", "endpoint");
    row("Your database file", "files");
}

void TestMainWindow::userGuideOpensWithF1()
{
    QFETCH(QString, heading);
    QFETCH(QString, anchor);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get(), Qt::Key_F1);
    UserGuideDialog* dialog = waitForDialog<UserGuideDialog>();
    QVERIFY(dialog);
    auto* browser = dialog->findChild<QTextBrowser*>(QStringLiteral("guideBrowser"));
    QVERIFY(browser);
    QCOMPARE(browser->documentTitle(), QStringLiteral("Footfall user guide"));
    const QString text = browser->toPlainText();
    QVERIFY2(text.contains(heading + QLatin1Char('\n')), qPrintable(text.left(400)));
    // Its contents link goes to the heading.
    const QString html = browser->toHtml();
    QVERIFY2(html.contains(QStringLiteral("href=\"#")), qPrintable(html.left(400)));
    QCOMPARE(browser->verticalScrollBar()->value(), 0);
    browser->setSource(QUrl(QString::fromLatin1(UserGuideDialog::kGuideUrl) + QLatin1Char('#') + anchor));
    QTRY_VERIFY(browser->verticalScrollBar()->value() > 0);
    // Contents goes back to the top.
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("contentsButton")), Qt::LeftButton);
    QTRY_COMPARE(browser->verticalScrollBar()->value(), 0);
    // Help ▸ User Guide again raises the same guide rather than opening another.
    triggerAction("actionUserGuide");
    QCOMPARE(m_window->findChildren<UserGuideDialog*>().size(), 1);
    if (heading == QLatin1String("Quick start"))
        saveScreenshot(dialog, "user-guide");
    dialog->close();
}

void TestMainWindow::userGuideLinksAndKeysAreReal()
{
    QFile file(QString::fromLatin1(UserGuideDialog::kGuideUrl).mid(3)); // ":/footfall/…"
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(file.readAll());
    // Every contents link has its heading.
    const QRegularExpression link(QStringLiteral("href=\"#([a-z-]+)\""));
    int links = 0;
    for (auto match = link.globalMatch(html); match.hasNext(); ++links) {
        const QString name = match.next().captured(1);
        QVERIFY2(html.contains(QStringLiteral("name=\"%1\"").arg(name)), qPrintable(name));
    }
    QCOMPARE(links, 6);
    // Every key the guide names in brackets is one a menu command has.
    QList<QKeySequence> keys;
    for (const QAction* action : m_window->findChildren<QAction*>())
        keys << action->shortcuts();
    keys << QKeySequence(QStringLiteral("Ctrl+Enter")); // the composer's Send, Ctrl+Return or Enter
    const QRegularExpression named(QStringLiteral("\\(((?:Ctrl|Shift|Alt)\\+[^)]+|F[0-9]+)\\)"));
    int checked = 0;
    for (auto match = named.globalMatch(html); match.hasNext(); ++checked) {
        const QString key = match.next().captured(1);
        QVERIFY2(keys.contains(QKeySequence(key, QKeySequence::PortableText)), qPrintable(key));
    }
    QVERIFY(checked >= 8);
}

void TestMainWindow::aboutNamesTheBuildQtAndDatabase()
{
    QCoreApplication::setApplicationVersion(QStringLiteral("not the build's")); // main() sets it; not read
    triggerAction("actionAbout");
    QMessageBox* box = waitForMessageBox("aboutBox");
    QVERIFY(box);
    const QString text = box->text();
    for (const QString& expected : {QStringLiteral("Footfall %1").arg(QStringLiteral(FOOTFALL_VERSION)),
                                    QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                                    QDir::toNativeSeparators(pathIn(QStringLiteral("console.db")))})
        QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" in ") + text));
    QVERIFY(!text.contains(QStringLiteral("not the build's")));
    saveScreenshot(box, "about");
    box->accept();
    QCoreApplication::setApplicationVersion(QString());
}

void TestMainWindow::secondWindowOnTheSameFileIsToldSo()
{
    QTemporaryDir runtime;
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
    const auto restore = qScopeGuard([] { qunsetenv("XDG_RUNTIME_DIR"); });
    const QString path = pathIn(QStringLiteral("console.db"));
    QVERIFY(m_window->openDatabase(path)); // registered under this runtime folder
    auto* bar = m_window->findChild<QLabel*>(QStringLiteral("alsoOpenBar"));
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());

    // Another console, a real process, on the same file (by another spelling of its path).
    QProcess other;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    other.setProcessEnvironment(environment);
    other.setProcessChannelMode(QProcess::ForwardedChannels);
    other.start(QStringLiteral(FOOTFALL_BINARY),
                {QStringLiteral("--db"), m_dir->path() + QStringLiteral("/./console.db")});
    QVERIFY(other.waitForStarted(30000));
    const auto stop = qScopeGuard([&] {
        other.kill();
        other.waitForFinished(30000);
    });
    const QString told =
        QStringLiteral("This database is also open in another Footfall window (pid %1). Both can "
                       "stay open: what one records shows in the other.")
            .arg(other.processId());
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 60000);
    QCOMPARE(bar->text(), told);
    // The panes are still there and usable: the bar is not a dialog.
    QVERIFY(m_window->findChild<QTreeView*>(QStringLiteral("navigationTree"))->isVisible());
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    saveScreenshot(m_window.get(), "also-open-bar");

    // Another file: nothing to say; back to this one: said at once.
    QVERIFY(m_window->openDatabase(pathIn(QStringLiteral("elsewhere.db"))));
    QVERIFY(!bar->isVisible());
    QVERIFY(m_window->openDatabase(path));
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->text(), told);

    // Killed, it cannot clean up: its lock is seen to be stale and the bar goes.
    other.kill();
    QVERIFY(other.waitForFinished(30000));
    QTRY_VERIFY_WITH_TIMEOUT(!bar->isVisible(), 10000);
    m_window.reset(); // unregisters while the runtime folder is still there
}

void TestMainWindow::geometryIsClampedToTheScreen()
{
    // Whatever page shows, the window fits a 1024×700 screen.
    const QSize smallest = m_window->minimumSizeHint();
    QVERIFY2(smallest.width() <= 1024 && smallest.height() <= 700,
             qPrintable(QStringLiteral("%1x%2").arg(smallest.width()).arg(smallest.height())));
    const QRect available = m_window->screen()->availableGeometry();
    // Saved on a larger screen, or at another scale.
    m_window->setGeometry(available.x() + 300, available.y() + 200, available.width() + 1400,
                          available.height() + 840);
    m_window->close();
    m_window = std::make_unique<MainWindow>(m_config);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY2(available.contains(m_window->frameGeometry()),
             qPrintable(QStringLiteral("%1x%2+%3+%4 on %5x%6")
                            .arg(m_window->frameGeometry().width())
                            .arg(m_window->frameGeometry().height())
                            .arg(m_window->frameGeometry().x())
                            .arg(m_window->frameGeometry().y())
                            .arg(available.width())
                            .arg(available.height())));
}

void TestMainWindow::navigationPaneFitsAndKeepsItsWidth()
{
    // Two names that differ only at their end stay apart: the tree elides in the middle.
    for (const QString& name : {QStringLiteral("sample-movies-personalised-campaign-north"),
                                QStringLiteral("sample-movies-personalised-campaign-south")})
        m_window->workspace()->datasetGroups().create({name, {}, {}, {}, {}});
    QVERIFY(m_window->openDatabase(m_window->workspace()->path()));
    m_window->resize(1100, 720);
    auto* tree = m_window->findChild<QTreeView*>(QStringLiteral("navigationTree"));
    QCOMPARE(tree->textElideMode(), Qt::ElideMiddle);
    QVERIFY2(tree->width() >= 150, qPrintable(QString::number(tree->width())));
    const QModelIndex north = m_window->findChild<NavigationModel*>()->index(1, 0);
    QVERIFY(north.data(Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("sample-movies-personalised-campaign-north\n")));
    saveScreenshot(m_window.get(), "navigation-pane");

    // Dragged to a width, it keeps it the next time.
    auto* splitter = qobject_cast<QSplitter*>(tree->parentWidget());
    QVERIFY(splitter);
    QSplitterHandle* handle = splitter->handle(1);
    const QPoint grip = handle->rect().center();
    QTest::mousePress(handle, Qt::LeftButton, {}, grip);
    QTest::mouseMove(handle, grip + QPoint(60, 0));
    QTest::mouseRelease(handle, Qt::LeftButton, {}, grip + QPoint(60, 0));
    const int chosen = tree->width();
    m_window->close();
    m_window = std::make_unique<MainWindow>(m_config);
    m_window->resize(1100, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->findChild<QTreeView*>(QStringLiteral("navigationTree"))->width(), chosen);
    // Never narrower than its labels can be read in.
    splitter = qobject_cast<QSplitter*>(
        m_window->findChild<QTreeView*>(QStringLiteral("navigationTree"))->parentWidget());
    splitter->setSizes({20, 1000});
    QVERIFY(m_window->findChild<QTreeView*>(QStringLiteral("navigationTree"))->width() >= 150);
}

void TestMainWindow::screenshot()
{
    const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("set FOOTFALL_SCREENSHOT_DIR to write docs screenshots");
    TestWorkspace seed;
    seed.createShop();
    seed->datasetGroups().create({QStringLiteral("movies"), QStringLiteral("VIDEO_ON_DEMAND"), {}, {}, {}});
    QVERIFY(m_window->openDatabase(seed.path()));
    m_window->resize(1180, 720);
    m_window->selectArn(kTrackerArn);
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(folder + QStringLiteral("/main-window-tracker.png")));

    triggerAction("actionCreateSchema");
    auto* schemaDialog = waitForDialog<CreateSchemaDialog>();
    QVERIFY(schemaDialog);
    QTest::keyClicks(schemaDialog->findChild<QLineEdit*>(QStringLiteral("nameEdit")),
                     QStringLiteral("movies interactions"));
    QTest::qWait(100);
    QVERIFY(schemaDialog->grab().save(folder + QStringLiteral("/create-schema.png")));
    schemaDialog->reject();
    m_window->selectArn(kGroupArn);
    triggerAction("actionCreateEventTracker");
    auto* trackerDialog = waitForDialog<CreateEventTrackerDialog>();
    QVERIFY(trackerDialog);
    QTest::qWait(100);
    QVERIFY(trackerDialog->grab().save(folder + QStringLiteral("/create-tracker.png")));
    trackerDialog->reject();
    triggerAction("actionCreateDataset");
    auto* datasetDialog = waitForDialog<CreateDatasetDialog>();
    QVERIFY(datasetDialog);
    QTest::qWait(100);
    QVERIFY(datasetDialog->grab().save(folder + QStringLiteral("/create-dataset.png")));
    datasetDialog->reject();
    triggerAction("actionCreateDatasetGroup");
    auto* groupDialog = waitForDialog<CreateDatasetGroupDialog>();
    QTest::keyClicks(groupDialog->findChild<QLineEdit*>(QStringLiteral("nameEdit")), QStringLiteral("shop"));
    QTest::qWait(100);
    QVERIFY(groupDialog->grab().save(folder + QStringLiteral("/create-group.png")));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
