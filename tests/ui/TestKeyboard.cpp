#include "DatasetGroupService.h"
#include "EventTrackerService.h"
#include "MainWindow.h"
#include "NavigationModel.h"
#include "RecommenderService.h"
#include "SampleWorkspace.h"
#include "ServiceConfig.h"
#include "Workspace.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <memory>

using namespace footfall;

namespace {

QWidget* focused()
{
    return QApplication::focusWidget();
}

// A key pressed on whatever has the focus, as a person without a mouse would.
void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* target = focused();
    QVERIFY2(target, "nothing has the focus");
    QTest::keyClick(target, key, modifiers);
}

void type(const QString& text)
{
    QWidget* target = focused();
    QVERIFY2(target, "nothing has the focus");
    QTest::keyClicks(target, text);
}

// With FOOTFALL_SCREENSHOT_DIR set, saves what `widget` shows as keys-<name>.png there.
void saveScreenshot(QWidget* widget, const QString& name)
{
    if (const QString folder = qEnvironmentVariable("FOOTFALL_SCREENSHOT_DIR"); !folder.isEmpty())
        QVERIFY(widget->grab().save(folder + QStringLiteral("/keys-") + name + QStringLiteral(".png")));
}

QString describe(const QWidget* widget)
{
    if (!widget)
        return QStringLiteral("nothing");
    QString name = widget->objectName();
    if (name.isEmpty()) {
        if (const auto* button = qobject_cast<const QAbstractButton*>(widget))
            name = QLatin1Char('"') + button->text() + QLatin1Char('"');
    }
    return QStringLiteral("%1(%2)").arg(QString::fromLatin1(widget->metaObject()->className()), name);
}

QString describe(const QList<QWidget*>& widgets)
{
    QStringList names;
    for (const QWidget* widget : widgets)
        names << describe(widget);
    return names.join(QStringLiteral(", "));
}

// The control a focused part belongs to: a combo box's line edit is the combo box.
QWidget* controlOf(QWidget* widget)
{
    for (QWidget* parent = widget ? widget->parentWidget() : nullptr; parent;
         parent = parent->parentWidget()) {
        if (qobject_cast<QComboBox*>(parent) || qobject_cast<QAbstractSpinBox*>(parent))
            return parent;
        if (parent->isWindow())
            break;
    }
    return widget;
}

bool takesTab(const QWidget* widget, const QWidget* top)
{
    return (widget->focusPolicy() & Qt::TabFocus) && widget->isEnabled() && widget->isVisibleTo(top) &&
           !widget->focusProxy();
}

void collect(QWidget* widget, const QWidget* top, QList<QWidget*>& out);

// Items of a layout as they are shown: forms and grids by row, then column; boxes in their direction.
QList<QLayoutItem*> itemsInReadingOrder(const QLayout* layout)
{
    QList<QLayoutItem*> items;
    QList<std::pair<std::pair<int, int>, QLayoutItem*>> placed;
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem* item = layout->itemAt(i);
        if (const auto* grid = qobject_cast<const QGridLayout*>(layout)) {
            int row = 0, column = 0, rowSpan = 0, columnSpan = 0;
            grid->getItemPosition(i, &row, &column, &rowSpan, &columnSpan);
            placed.append({{row, column}, item});
        } else if (const auto* form = qobject_cast<const QFormLayout*>(layout)) {
            int row = 0;
            QFormLayout::ItemRole role = QFormLayout::LabelRole;
            form->getItemPosition(i, &row, &role);
            placed.append({{row, role == QFormLayout::LabelRole   ? 0
                                 : role == QFormLayout::FieldRole ? 1
                                                                  : 0},
                           item});
        } else {
            items.append(item);
        }
    }
    if (!placed.isEmpty()) {
        std::stable_sort(placed.begin(), placed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& entry : placed)
            items.append(entry.second);
    }
    if (const auto* box = qobject_cast<const QBoxLayout*>(layout)) {
        if (box->direction() == QBoxLayout::RightToLeft || box->direction() == QBoxLayout::BottomToTop)
            std::reverse(items.begin(), items.end());
    }
    return items;
}

void collectLayout(const QLayout* layout, const QWidget* top, QList<QWidget*>& out)
{
    for (QLayoutItem* item : itemsInReadingOrder(layout)) {
        if (QWidget* widget = item->widget())
            collect(widget, top, out);
        else if (const QLayout* inner = item->layout())
            collectLayout(inner, top, out);
    }
}

// What Tab should visit inside `widget`, in the order it is laid out (the test's own reading of
// the layouts, not the one the console uses to set the order).
void collect(QWidget* widget, const QWidget* top, QList<QWidget*>& out)
{
    if (!widget->isVisibleTo(top))
        return;
    if (takesTab(widget, top)) {
        out.append(widget);
        if (!qobject_cast<QGroupBox*>(widget))
            return; // a compound control (a combo box, a table) orders its own parts
    }
    if (auto* tabs = qobject_cast<QTabWidget*>(widget)) {
        if (takesTab(tabs->tabBar(), top))
            out.append(tabs->tabBar());
        if (tabs->currentWidget())
            collect(tabs->currentWidget(), top, out);
        return;
    }
    if (auto* stack = qobject_cast<QStackedWidget*>(widget)) {
        if (stack->currentWidget())
            collect(stack->currentWidget(), top, out);
        return;
    }
    if (auto* splitter = qobject_cast<QSplitter*>(widget)) {
        for (int i = 0; i < splitter->count(); ++i)
            collect(splitter->widget(i), top, out);
        return;
    }
    if (auto* scroll = qobject_cast<QScrollArea*>(widget)) {
        if (scroll->widget())
            collect(scroll->widget(), top, out);
        return;
    }
    if (widget->layout()) {
        collectLayout(widget->layout(), top, out);
        return;
    }
    for (QWidget* child : widget->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
        collect(child, top, out);
}

QList<QWidget*> layoutOrder(QWidget* top)
{
    QList<QWidget*> widgets;
    if (top->layout())
        collectLayout(top->layout(), top, widgets);
    return widgets;
}

// Presses Tab from `start` until the focus comes back to it; the controls it went through, once each.
QList<QWidget*> tabCycle(QWidget* start, Qt::Key key = Qt::Key_Tab, int limit = 120)
{
    QList<QWidget*> visited;
    start->setFocus(Qt::TabFocusReason);
    QWidget* current = controlOf(focused());
    for (int i = 0; i < limit; ++i) {
        if (visited.isEmpty() || visited.last() != current)
            visited.append(current);
        if (!focused())
            break;
        QTest::keyClick(focused(), key);
        current = controlOf(focused());
        // Back where it began, after going elsewhere (a text browser's Tab first walks its links).
        if (current == visited.first() && visited.size() > 1)
            return visited;
    }
    visited.append(nullptr); // never came back: a trap, or more than `limit` stops
    return visited;
}

// Every control Tab reaches has a name for a screen reader: its own, its label's, or its text.
QStringList unnamedControls(const QList<QWidget*>& controls)
{
    QStringList unnamed;
    for (QWidget* control : controls) {
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(control);
        const QString name = accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
        if (name.isEmpty())
            unnamed << describe(control);
    }
    return unnamed;
}

QChar mnemonicOf(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

// Each Alt+letter of `top` (and of `taken`, the menu bar's) leads to one place, and a label's leads
// somewhere.
QStringList mnemonicProblems(QWidget* top, QHash<QChar, QString> taken = {})
{
    QStringList problems;
    const auto note = [&](QChar letter, const QString& where) {
        if (letter.isNull())
            return;
        if (taken.contains(letter))
            problems << QStringLiteral("Alt+%1: %2 and %3").arg(letter, taken.value(letter), where);
        else
            taken.insert(letter, where);
    };
    for (QWidget* widget : top->findChildren<QWidget*>()) {
        if (!widget->isVisibleTo(top))
            continue;
        if (auto* label = qobject_cast<QLabel*>(widget); label && label->textFormat() != Qt::RichText) {
            const QChar letter = mnemonicOf(label->text());
            if (letter.isNull())
                continue;
            if (!label->buddy())
                problems << QStringLiteral("%1 \"%2\" has no buddy").arg(describe(label), label->text());
            note(letter, QStringLiteral("label \"%1\"").arg(label->text()));
        } else if (auto* button = qobject_cast<QAbstractButton*>(widget)) {
            note(mnemonicOf(button->text()), QStringLiteral("button \"%1\"").arg(button->text()));
        } else if (auto* group = qobject_cast<QGroupBox*>(widget)) {
            note(mnemonicOf(group->title()), QStringLiteral("group \"%1\"").arg(group->title()));
        } else if (auto* tabs = qobject_cast<QTabBar*>(widget)) {
            for (int i = 0; i < tabs->count(); ++i)
                note(mnemonicOf(tabs->tabText(i)), QStringLiteral("tab \"%1\"").arg(tabs->tabText(i)));
        }
    }
    return problems;
}

} // namespace

// The console without a mouse: the README's quick start by keys alone, and for every page and
// dialog, Tab through its controls in the order they are laid out, a name for each, and Alt+letter
// keys that each lead to one place.
class TestKeyboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void quickStartByKeysAlone();
    void f6MovesBetweenTheTreeAndThePage();
    void everyPage_data();
    void everyPage();
    void everyDialog_data();
    void everyDialog();
    void menusByAltAndTheirLetters();

private:
    void openWindow(const QString& path);
    // Presses Tab until `objectName` has the focus; false if it never does.
    bool tabTo(const QString& objectName);
    QDialog* waitForDialog(const QString& objectName);
    QTreeView* tree() const { return m_window->findChild<QTreeView*>(QStringLiteral("navigationTree")); }
    // Down (or Up) in the tree until the current node is of `kind`.
    bool arrowToNode(NavigationModel::NodeKind kind);
    QHash<QChar, QString> menuMnemonics() const;
    // Once a dialog has closed, the focus is back in the window where it was.
    bool backInTheWindow();

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_sampleDir;
    QString m_samplePath;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    ServiceConfig m_config;
};

void TestKeyboard::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("FootfallTests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_config.provisioningMs = 0;
    // Every kind of page has something to show: a trained campaign, reports, events.
    m_samplePath = m_sampleDir.filePath(QStringLiteral("sample.db"));
    SampleOptions options;
    options.days = 2;
    options.users = SampleWorkspace::kMinUsers;
    SampleWorkspace::build(m_samplePath, m_config, options);
    // And a domain group's recommender, for its page (without data it fails, and says why).
    const auto workspace = Workspace::open(m_samplePath, m_config);
    const QString videos =
        workspace->datasetGroups()
            .create({QStringLiteral("videos"), QStringLiteral("VIDEO_ON_DEMAND"), {}, {}, {}})
            .arn;
    workspace->recommenders().create(QStringLiteral("top-picks"), videos,
                                     RecommenderService::recipeFor(QStringLiteral("VIDEO_ON_DEMAND")));
}

void TestKeyboard::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestKeyboard::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void TestKeyboard::openWindow(const QString& path)
{
    m_window = std::make_unique<MainWindow>(m_config);
    m_window->resize(1100, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openDatabase(path));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_VERIFY(focused() != nullptr);
}

bool TestKeyboard::tabTo(const QString& objectName)
{
    for (int i = 0; i < 60; ++i) {
        if (focused() && controlOf(focused())->objectName() == objectName)
            return true;
        QTest::keyClick(focused(), Qt::Key_Tab);
    }
    return false;
}

QDialog* TestKeyboard::waitForDialog(const QString& objectName)
{
    QDialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = m_window->findChild<QDialog*>(objectName);
        return dialog && dialog->isVisible() && QApplication::activeWindow() == dialog && focused() &&
               dialog->isAncestorOf(focused());
    });
    return shown ? dialog : nullptr;
}

bool TestKeyboard::arrowToNode(NavigationModel::NodeKind kind)
{
    QTest::keyClick(focused(), Qt::Key_Home);
    for (int i = 0; i < 60; ++i) {
        if (NavigationModel::NodeKind(tree()->currentIndex().data(NavigationModel::KindRole).toInt()) == kind)
            return true;
        QTest::keyClick(focused(), Qt::Key_Down);
    }
    return false;
}

bool TestKeyboard::backInTheWindow()
{
    // A desktop's window manager activates the window a dialog belonged to; offscreen, nothing does.
    QTest::qWait(20);
    if (!QApplication::activeWindow())
        m_window->activateWindow();
    return QTest::qWaitFor([&] { return focused() && m_window->isAncestorOf(focused()); });
}

QHash<QChar, QString> TestKeyboard::menuMnemonics() const
{
    QHash<QChar, QString> taken;
    for (const QAction* action : m_window->menuBar()->actions())
        taken.insert(mnemonicOf(action->text()), QStringLiteral("menu \"%1\"").arg(action->text()));
    return taken;
}

void TestKeyboard::quickStartByKeysAlone()
{
    openWindow(m_dir->filePath(QStringLiteral("shop.db")));

    // 1. New Dataset Group: the name, then Enter.
    press(Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
    QDialog* dialog = waitForDialog(QStringLiteral("createDatasetGroupDialog"));
    QVERIFY(dialog);
    QCOMPARE(focused()->objectName(), QStringLiteral("nameEdit"));
    type(QStringLiteral("shop"));
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->findChild<QDialog*>(QStringLiteral("createDatasetGroupDialog")));
    const QString group = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/shop");
    QVERIFY(m_window->workspace()->datasetGroups().findByArn(group));

    // 2. New Schema: its name, then the template chosen with the arrow keys.
    QVERIFY(backInTheWindow());
    press(Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    dialog = waitForDialog(QStringLiteral("createSchemaDialog"));
    QVERIFY(dialog);
    type(QStringLiteral("shop-interactions"));
    QVERIFY(tabTo(QStringLiteral("templateCombo")));
    auto* templates = qobject_cast<QComboBox*>(controlOf(focused()));
    QVERIFY(templates);
    press(Qt::Key_Home);
    for (int i = 0;
         i < 10 && templates->currentText() != QLatin1String("Interactions: events with attribution"); ++i)
        press(Qt::Key_Down);
    QCOMPARE(templates->currentText(), QStringLiteral("Interactions: events with attribution"));
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->findChild<QDialog*>(QStringLiteral("createSchemaDialog")));

    // 3. New Dataset: the group is the one selected, the type Interactions, the schema the new one.
    QVERIFY(backInTheWindow());
    press(Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    dialog = waitForDialog(QStringLiteral("createDatasetDialog"));
    QVERIFY(dialog);
    auto* datasetType = dialog->findChild<QComboBox*>(QStringLiteral("datasetTypeCombo"));
    QVERIFY(datasetType);
    QCOMPARE(datasetType->currentText(), QStringLiteral("Interactions"));
    QCOMPARE(dialog->findChild<QComboBox*>(QStringLiteral("schemaCombo"))->currentText(),
             QStringLiteral("shop-interactions"));
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->findChild<QDialog*>(QStringLiteral("createDatasetDialog")));

    // 4. New Event Tracker.
    QVERIFY(backInTheWindow());
    press(Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    dialog = waitForDialog(QStringLiteral("createEventTrackerDialog"));
    QVERIFY(dialog);
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->findChild<QDialog*>(QStringLiteral("createEventTrackerDialog")));
    QCOMPARE(m_window->workspace()->eventTrackers().list().size(), 1);

    // 5. The composer: a user, an event type and an item, then Ctrl+Return sends.
    QVERIFY(backInTheWindow());
    press(Qt::Key_E, Qt::ControlModifier);
    dialog = waitForDialog(QStringLiteral("eventComposerDialog"));
    QVERIFY(dialog);
    QVERIFY(tabTo(QStringLiteral("userIdEdit")));
    type(QStringLiteral("u1"));
    QVERIFY(tabTo(QStringLiteral("eventTypeEdit")));
    type(QStringLiteral("click"));
    QVERIFY(tabTo(QStringLiteral("itemIdEdit")));
    type(QStringLiteral("movie-42"));
    press(Qt::Key_Return, Qt::ControlModifier);
    auto* result = dialog->findChild<QLabel*>(QStringLiteral("resultBanner"));
    QTRY_VERIFY2(result->isVisible() && result->text().contains(QStringLiteral("recorded")),
                 qPrintable(result->text()));
    press(Qt::Key_Escape);
    QTRY_VERIFY(!m_window->findChild<QDialog*>(QStringLiteral("eventComposerDialog")));

    // 6. F6 to the tree, the arrow keys to Events, F6 to its table: the event is there.
    QVERIFY(backInTheWindow());
    if (focused() != tree())
        press(Qt::Key_F6);
    QCOMPARE(focused(), tree());
    QVERIFY(arrowToNode(NavigationModel::NodeKind::Events));
    auto* pages = m_window->findChild<QStackedWidget*>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("eventsPage"));
    press(Qt::Key_F6);
    QVERIFY2(pages->currentWidget()->isAncestorOf(focused()), qPrintable(describe(focused())));
    QVERIFY(tabTo(QStringLiteral("eventsTable")));
    auto* table = qobject_cast<QTableView*>(focused());
    QVERIFY(table);
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QStringList cells;
    for (int column = 0; column < table->model()->columnCount(); ++column)
        cells << table->model()->index(0, column).data().toString();
    QVERIFY2(cells.contains(QStringLiteral("click")) && cells.contains(QStringLiteral("movie-42")),
             qPrintable(cells.join(QStringLiteral(" | "))));
}

void TestKeyboard::f6MovesBetweenTheTreeAndThePage()
{
    openWindow(m_samplePath);
    tree()->setFocus();
    QVERIFY(arrowToNode(NavigationModel::NodeKind::EventTracker));
    auto* pages = m_window->findChild<QStackedWidget*>(QStringLiteral("pages"));
    press(Qt::Key_F6);
    QVERIFY2(pages->currentWidget()->isAncestorOf(focused()), qPrintable(describe(focused())));
    press(Qt::Key_F6);
    QCOMPARE(focused(), tree());
    press(Qt::Key_F6, Qt::ShiftModifier);
    QVERIFY2(pages->currentWidget()->isAncestorOf(focused()), qPrintable(describe(focused())));
    press(Qt::Key_F6, Qt::ShiftModifier);
    QCOMPARE(focused(), tree());
}

void TestKeyboard::everyPage_data()
{
    QTest::addColumn<int>("kind");
    const auto row = [](const char* name, NavigationModel::NodeKind kind) {
        QTest::newRow(name) << int(kind);
    };
    row("welcome", NavigationModel::NodeKind::Welcome);
    row("dataset group", NavigationModel::NodeKind::DatasetGroup);
    row("dataset", NavigationModel::NodeKind::Dataset);
    row("event tracker", NavigationModel::NodeKind::EventTracker);
    row("event metrics", NavigationModel::NodeKind::EventMetrics);
    row("events", NavigationModel::NodeKind::Events);
    row("request log", NavigationModel::NodeKind::RequestLog);
    row("readiness", NavigationModel::NodeKind::Readiness);
    row("attribution", NavigationModel::NodeKind::Attribution);
    row("schema", NavigationModel::NodeKind::Schema);
    row("solution", NavigationModel::NodeKind::Solution);
    row("campaign", NavigationModel::NodeKind::Campaign);
    row("recommender", NavigationModel::NodeKind::Recommender);
}

void TestKeyboard::everyPage()
{
    QFETCH(int, kind);
    openWindow(m_samplePath);
    tree()->setFocus();
    // Reached with the arrow keys, the page shows beside the tree.
    QVERIFY(arrowToNode(NavigationModel::NodeKind(kind)));
    auto* pages = m_window->findChild<QStackedWidget*>(QStringLiteral("pages"));
    QWidget* page = pages->currentWidget();
    // Tab from the tree goes through the page's controls as they are laid out, and back to the tree.
    // A page that computes off the UI thread may still show or hide a part as it fills in: the
    // order is read again until the page holds still.
    QList<QWidget*> expected;
    QList<QWidget*> cycle;
    QList<QWidget*> inPage;
    const bool settled = QTest::qWaitFor(
        [&] {
            expected = layoutOrder(page);
            cycle = tabCycle(tree());
            inPage.clear();
            for (QWidget* widget : cycle) {
                if (widget && page->isAncestorOf(widget))
                    inPage << widget;
            }
            return inPage == expected && expected == layoutOrder(page);
        },
        3000);
    Q_UNUSED(settled) // the comparisons below say what differs
    QVERIFY2(!expected.isEmpty(), qPrintable(page->objectName()));
    QVERIFY2(!cycle.contains(nullptr),
             qPrintable(QStringLiteral("Tab never came back to the tree: ") + describe(cycle)));
    QVERIFY2(inPage == expected,
             qPrintable(QStringLiteral("%1\n   Tab: %2\nlayout: %3")
                            .arg(page->objectName(), describe(inPage), describe(expected))));
    QCOMPARE(cycle.first(), tree());
    QCOMPARE(cycle.value(1), expected.first());
    // Shift+Tab goes the other way round.
    QList<QWidget*> backwards;
    for (QWidget* widget : tabCycle(tree(), Qt::Key_Backtab)) {
        if (widget && page->isAncestorOf(widget))
            backwards.prepend(widget);
    }
    QVERIFY2(
        backwards == expected,
        qPrintable(
            QStringLiteral("\nShift+Tab: %1\n   layout: %2").arg(describe(backwards), describe(expected))));

    const QStringList unnamed = unnamedControls(expected);
    QVERIFY2(unnamed.isEmpty(),
             qPrintable(page->objectName() + QStringLiteral(": ") + unnamed.join(QStringLiteral(", "))));
    const QStringList mnemonics = mnemonicProblems(page, menuMnemonics());
    QVERIFY2(mnemonics.isEmpty(),
             qPrintable(page->objectName() + QStringLiteral(": ") + mnemonics.join(QStringLiteral("; "))));
    saveScreenshot(m_window.get(), page->objectName());
    // Tables let Tab go on to the next control; the arrow keys move inside them.
    for (auto* view : page->findChildren<QAbstractItemView*>())
        QVERIFY2(!view->tabKeyNavigation(), qPrintable(describe(view)));
}

void TestKeyboard::everyDialog_data()
{
    QTest::addColumn<QByteArray>("action");
    QTest::addColumn<QString>("dialogName");
    const auto row = [](const char* action, const char* dialog) {
        QTest::newRow(dialog) << QByteArray(action) << QString::fromLatin1(dialog);
    };
    row("actionCreateDatasetGroup", "createDatasetGroupDialog");
    row("actionCreateSchema", "createSchemaDialog");
    row("actionCreateDataset", "createDatasetDialog");
    row("actionCreateEventTracker", "createEventTrackerDialog");
    row("actionCreateMetricAttribution", "createMetricAttributionDialog");
    row("actionCreateSolution", "createSolutionDialog");
    row("actionCreateCampaign", "createCampaignDialog");
    row("actionCreateRecommender", "createRecommenderDialog");
    row("actionImport", "importDialog");
    row("actionEventComposer", "eventComposerDialog");
    row("actionLocalEndpoint", "endpointDialog");
    row("actionRecommendationsPreview", "recommendationsPreviewDialog");
    row("actionUserGuide", "userGuideDialog");
}

void TestKeyboard::everyDialog()
{
    QFETCH(QByteArray, action);
    QFETCH(QString, dialogName);
    openWindow(m_samplePath);
    tree()->setFocus();
    QVERIFY(arrowToNode(NavigationModel::NodeKind::DatasetGroup));
    auto* trigger = m_window->findChild<QAction*>(QLatin1String(action));
    QVERIFY(trigger && trigger->isEnabled());
    trigger->trigger();
    QDialog* dialog = waitForDialog(dialogName);
    QVERIFY2(dialog, qPrintable(describe(focused())));
    QTest::qWait(100);

    // It opens in its first field, and Tab goes round its controls as they are laid out.
    const QList<QWidget*> expected = layoutOrder(dialog);
    QVERIFY(!expected.isEmpty());
    // Not a button (the button box's OK): the first field, where typing types.
    const auto firstField = std::find_if(expected.begin(), expected.end(), [](QWidget* widget) {
        return !qobject_cast<QAbstractButton*>(widget);
    });
    QVERIFY(firstField != expected.end());
    QCOMPARE(controlOf(focused()), *firstField);
    const QList<QWidget*> cycle = tabCycle(expected.first());
    QVERIFY2(!cycle.contains(nullptr), qPrintable(QStringLiteral("Tab never came back: ") + describe(cycle)));
    QVERIFY2(cycle == expected,
             qPrintable(QStringLiteral("\n   Tab: %1\nlayout: %2").arg(describe(cycle), describe(expected))));
    QList<QWidget*> backwards = tabCycle(expected.first(), Qt::Key_Backtab);
    QVERIFY(!backwards.contains(nullptr));
    std::reverse(backwards.begin() + 1, backwards.end());
    QVERIFY2(
        backwards == expected,
        qPrintable(
            QStringLiteral("\nShift+Tab: %1\n   layout: %2").arg(describe(backwards), describe(expected))));

    const QStringList unnamed = unnamedControls(expected);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    const QStringList mnemonics = mnemonicProblems(dialog);
    QVERIFY2(mnemonics.isEmpty(), qPrintable(mnemonics.join(QStringLiteral("; "))));
    for (auto* view : dialog->findChildren<QAbstractItemView*>()) {
        if (view->isVisibleTo(dialog) && !view->inherits("QComboBoxListView"))
            QVERIFY2(!view->tabKeyNavigation(), qPrintable(describe(view)));
    }
    saveScreenshot(dialog, dialogName);
    // Escape closes it.
    press(Qt::Key_Escape);
    QTRY_VERIFY(!dialog->isVisible() || QApplication::activeWindow() != dialog);
}

void TestKeyboard::menusByAltAndTheirLetters()
{
    openWindow(m_samplePath);
    // In the menu bar and in each menu, a letter leads to one command.
    QStringList problems;
    QHash<QChar, QString> bar;
    for (QAction* menuAction : m_window->menuBar()->actions()) {
        const QChar letter = mnemonicOf(menuAction->text());
        if (letter.isNull() || bar.contains(letter))
            problems << QStringLiteral("menu bar: \"%1\"").arg(menuAction->text());
        bar.insert(letter, menuAction->text());
        QHash<QChar, QString> inMenu;
        for (const QAction* action : menuAction->menu()->actions()) {
            if (action->isSeparator())
                continue;
            const QChar own = mnemonicOf(action->text());
            if (own.isNull() || inMenu.contains(own))
                problems << QStringLiteral("%1: \"%2\" (%3)")
                                .arg(menuAction->text(), action->text(), inMenu.value(own));
            inMenu.insert(own, action->text());
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));

    // Alt+P, then G: New Dataset Group, as a person would open it from the menu.
    press(Qt::Key_P, Qt::AltModifier);
    QTRY_VERIFY(qobject_cast<QMenu*>(QApplication::activePopupWidget()));
    auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
    QCOMPARE(menu->objectName(), QStringLiteral("menuPersonalize"));
    QTest::keyClick(menu, Qt::Key_G);
    QVERIFY(waitForDialog(QStringLiteral("createDatasetGroupDialog")));
    press(Qt::Key_Escape);
    QVERIFY(backInTheWindow());
    // Alt+H, then U: the user guide.
    press(Qt::Key_H, Qt::AltModifier);
    QTRY_VERIFY(qobject_cast<QMenu*>(QApplication::activePopupWidget()));
    QTest::keyClick(QApplication::activePopupWidget(), Qt::Key_U);
    QVERIFY(waitForDialog(QStringLiteral("userGuideDialog")));
}

QTEST_MAIN(TestKeyboard)
#include "TestKeyboard.moc"
