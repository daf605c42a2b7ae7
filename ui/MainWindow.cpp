#include "MainWindow.h"

#include "AttributionReportPage.h"
#include "CampaignPage.h"
#include "CampaignService.h"
#include "CreateCampaignDialog.h"
#include "CreateDatasetDialog.h"
#include "CreateDatasetGroupDialog.h"
#include "CreateEventTrackerDialog.h"
#include "CreateMetricAttributionDialog.h"
#include "CreateRecommenderDialog.h"
#include "CreateSchemaDialog.h"
#include "CreateSolutionDialog.h"
#include "DatabaseOpenError.h"
#include "DatasetExporter.h"
#include "DatasetGroupPage.h"
#include "DatasetGroupService.h"
#include "DatasetPage.h"
#include "DatasetService.h"
#include "DialogFocus.h"
#include "EndpointDialog.h"
#include "EventComposerDialog.h"
#include "EventMetricsPage.h"
#include "EventTrackerPage.h"
#include "EventTrackerService.h"
#include "EventsPage.h"
#include "ImportDialog.h"
#include "LocalEndpoint.h"
#include "MetricAttributionService.h"
#include "NavigationModel.h"
#include "OpenDatabaseRegistry.h"
#include "OutputFile.h"
#include "Plural.h"
#include "ReadinessPage.h"
#include "RecommendationsPreviewDialog.h"
#include "RecommenderPage.h"
#include "RecommenderService.h"
#include "RequestLogPage.h"
#include "SampleWorkspace.h"
#include "SchemaPage.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "SolutionPage.h"
#include "SolutionService.h"
#include "TrainingScheduler.h"
#include "UserGuideDialog.h"
#include "WelcomePage.h"
#include "Workspace.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMutex>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QScreen>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <atomic>
#include <memory>

namespace footfall {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kNavigationWidthKey = QStringLiteral("mainWindow/navigationWidth");
const QString kRecentFilesKey = QStringLiteral("recentFiles");

// The resource type an ARN names: "event-tracker" for arn:aws:personalize:r:a:event-tracker/x.
QString resourceTypeOf(const QString& arn)
{
    return arn.section(QLatin1Char(':'), 5).section(QLatin1Char('/'), 0, 0);
}

QAction* makeAction(QObject* parent, const QString& objectName, const QString& text,
                    const QKeySequence& shortcut, const QString& toolTip, const QString& iconName = {})
{
    auto* action = new QAction(text, parent);
    action->setObjectName(objectName);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    action->setToolTip(toolTip);
    action->setStatusTip(toolTip);
    if (!iconName.isEmpty()) {
        const QString bundled = QStringLiteral(":/footfall/icons/%1.svg").arg(iconName);
        action->setIcon(QFile::exists(bundled) ? QIcon(bundled) : QIcon::fromTheme(iconName));
    }
    return action;
}

// The platform theme's keys for `standard` and, where it has none or others, `fallback` too: some
// themes (qt6ct, a bare X11 session) bind nothing to Quit.
void setShortcuts(QAction* action, QKeySequence::StandardKey standard, const QKeySequence& fallback)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(standard);
    if (!keys.contains(fallback))
        keys.prepend(fallback);
    action->setShortcuts(keys);
}

QString tsvCell(QString text)
{
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.remove(QLatin1Char('\r'));
    return text;
}

} // namespace

MainWindow::MainWindow(const ServiceConfig& config, QWidget* parent)
    : QMainWindow(parent)
    , m_config(config)
    , m_navigationModel(new NavigationModel(this))
    , m_navigationView(new QTreeView(this))
    , m_splitter(new QSplitter(this))
    , m_pages(new QStackedWidget(this))
    , m_datasetGroupPage(new DatasetGroupPage(this))
    , m_datasetPage(new DatasetPage(this))
    , m_eventTrackerPage(new EventTrackerPage(this))
    , m_schemaPage(new SchemaPage(this))
    , m_eventsPage(new EventsPage(this))
    , m_requestLogPage(new RequestLogPage(this))
    , m_readinessPage(new ReadinessPage(this))
    , m_attributionPage(new AttributionReportPage(this))
    , m_eventMetricsPage(new EventMetricsPage(this))
    , m_solutionPage(new SolutionPage(this))
    , m_campaignPage(new CampaignPage(this))
    , m_recommenderPage(new RecommenderPage(this))
    , m_endpoint(new LocalEndpoint(this))
    , m_endpointLabel(new QLabel(this))
    , m_databaseLabel(new QLabel(this))
    , m_alsoOpenBar(new QLabel(this))
    , m_transientRefreshTimer(new QTimer(this))
    , m_externalChangeTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Footfall"));
    createActions();
    createMenus();

    m_navigationView->setObjectName(QStringLiteral("navigationTree"));
    m_navigationView->setModel(m_navigationModel);
    m_navigationView->setHeaderHidden(true);
    m_navigationView->setAccessibleName(tr("Resources"));
    // Long names keep their start and their end ("Campaign: sample-…-campaign-2"): two that begin
    // alike can be told apart; the tooltip has the whole label.
    m_navigationView->setTextElideMode(Qt::ElideMiddle);
    m_navigationView->setMinimumWidth(
        m_navigationView->fontMetrics().horizontalAdvance(QStringLiteral("Attribution report")) +
        m_navigationView->indentation() * 2 + m_navigationView->iconSize().width() + 24);
    m_navigationView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_navigationView->addActions(
        {m_createDatasetAction, m_createEventTrackerAction, m_deleteAction, m_refreshAction});
    m_welcomePage = new WelcomePage({m_sampleAction, m_createDatasetGroupAction, m_createSchemaAction,
                                     m_createDatasetAction, m_createEventTrackerAction, m_openDatabaseAction},
                                    this);
    m_pages->addWidget(m_welcomePage);
    for (ResourcePage* page : resourcePages())
        m_pages->addWidget(page);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_splitter->addWidget(m_navigationView);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({280, 720});
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_navigationWidthChosen = true; });
    // Above the panes, a non-modal bar that says when another window has the same file open.
    m_alsoOpenBar->setObjectName(QStringLiteral("alsoOpenBar"));
    m_alsoOpenBar->setWordWrap(true);
    m_alsoOpenBar->setVisible(false);
    m_alsoOpenBar->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4d6; color: #5c4400; border: 1px solid #f0d48a; "
                       "border-radius: 4px; padding: 6px; margin: 4px; }"));
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_alsoOpenBar);
    centralLayout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_endpointLabel->setObjectName(QStringLiteral("endpointLabel"));
    m_endpointLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_endpointLabel);
    statusBar()->addPermanentWidget(m_databaseLabel);
    connect(m_endpoint, &LocalEndpoint::started, this, [this](const QString& url) {
        m_eventTrackerPage->setEndpointUrl(url);
        updateEndpointStatus();
    });
    connect(m_endpoint, &LocalEndpoint::stopped, this, [this] {
        m_eventTrackerPage->setEndpointUrl(QString());
        updateEndpointStatus();
    });
    connect(m_endpoint, &LocalEndpoint::requestCountChanged, this, &MainWindow::updateEndpointStatus);
    connect(m_endpoint, &LocalEndpoint::storageProblem, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Local endpoint: %1").arg(message));
    });
    updateEndpointStatus();

    for (ResourcePage* page : resourcePages()) {
        connect(page, &ResourcePage::deleteRequested, this, &MainWindow::deleteResource);
        connect(page, &ResourcePage::statusMessage, this,
                [this](const QString& message) { statusBar()->showMessage(message, 5000); });
        connect(page, &ResourcePage::databaseChanged, this, &MainWindow::pollForExternalChanges);
    }
    connect(m_datasetGroupPage, &DatasetGroupPage::createDatasetRequested, this, &MainWindow::createDataset);
    connect(m_datasetGroupPage, &DatasetGroupPage::createEventTrackerRequested, this,
            &MainWindow::createEventTracker);
    connect(m_datasetGroupPage, &DatasetGroupPage::openRequested, this, &MainWindow::selectArn);
    connect(m_eventTrackerPage, &EventTrackerPage::composeRequested, this, &MainWindow::openEventComposer);
    connect(m_datasetGroupPage, &DatasetGroupPage::importRequested, this, &MainWindow::openImportDialog);
    connect(m_attributionPage, &AttributionReportPage::createAttributionRequested, this,
            &MainWindow::createMetricAttribution);
    connect(m_solutionPage, &SolutionPage::createCampaignRequested, this, &MainWindow::createCampaign);
    connect(m_campaignPage, &CampaignPage::previewRequested, this, &MainWindow::openRecommendationsPreview);
    connect(m_recommenderPage, &RecommenderPage::previewRequested, this,
            &MainWindow::openRecommendationsPreview);
    connect(m_attributionPage, &AttributionReportPage::datasetGroupChosen, this,
            [this](const QString& groupArn) {
                selectGroupView(groupArn, int(NavigationModel::NodeKind::Attribution));
            });
    connect(m_navigationView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::showSelectedPage);

    // Statuses move from CREATE PENDING to ACTIVE with time; show that without a click.
    m_transientRefreshTimer->setSingleShot(true);
    connect(m_transientRefreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    // Another process (the command line, an endpoint) may write to the same file.
    m_externalChangeTimer->setInterval(1000);
    connect(m_externalChangeTimer, &QTimer::timeout, this, &MainWindow::pollForExternalChanges);

    restoreSettings();
    updateRecentFilesMenu();
    refresh();
}

MainWindow::~MainWindow()
{
    // The endpoint is a child, deleted once this window is half torn down: it is stopped here,
    // while the window is whole, and without its signals, which would reach freed members.
    m_endpoint->disconnect(this);
    m_endpoint->stop();
}

QList<ResourcePage*> MainWindow::resourcePages() const
{
    return {m_datasetGroupPage, m_datasetPage,    m_eventTrackerPage, m_schemaPage,
            m_eventsPage,       m_requestLogPage, m_readinessPage,    m_attributionPage,
            m_eventMetricsPage, m_solutionPage,   m_campaignPage,     m_recommenderPage};
}

void MainWindow::createActions()
{
    m_newDatabaseAction =
        makeAction(this, QStringLiteral("actionNewDatabase"), tr("&New Database…"), QKeySequence::New,
                   tr("Create a new Footfall database file"), QStringLiteral("document-new"));
    m_openDatabaseAction =
        makeAction(this, QStringLiteral("actionOpenDatabase"), tr("&Open Database…"), QKeySequence::Open,
                   tr("Open a Footfall database file"), QStringLiteral("document-open"));
    setShortcuts(m_newDatabaseAction, QKeySequence::New, QKeySequence(Qt::CTRL | Qt::Key_N));
    setShortcuts(m_openDatabaseAction, QKeySequence::Open, QKeySequence(Qt::CTRL | Qt::Key_O));
    m_sampleAction =
        makeAction(this, QStringLiteral("actionNewSampleWorkspace"), tr("New &Sample Workspace…"), {},
                   tr("A new database with a movie catalogue, a trained campaign and two weeks of "
                      "traffic from several sources, to explore every page"),
                   QStringLiteral("document-new"));
    connect(m_sampleAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("New Sample Workspace"), QDir::home().filePath(QStringLiteral("footfall-sample.db")),
            tr("Footfall databases (*.db *.sqlite);;All files (*)"));
        if (!path.isEmpty())
            createSampleWorkspace(path);
    });
    m_quitAction = makeAction(this, QStringLiteral("actionQuit"), tr("&Quit"), {}, tr("Quit Footfall"),
                              QStringLiteral("application-exit"));
    setShortcuts(m_quitAction, QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_copyAction = makeAction(this, QStringLiteral("actionCopy"), tr("&Copy"), {},
                              tr("Copy the selected rows as tab-separated text, or the selected text"),
                              QStringLiteral("edit-copy"));
    setShortcuts(m_copyAction, QKeySequence::Copy, QKeySequence(Qt::CTRL | Qt::Key_C));
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copySelection);
    m_selectAllAction =
        makeAction(this, QStringLiteral("actionSelectAll"), tr("Select &All"), {},
                   tr("Select every row of the table, or all the text"), QStringLiteral("edit-select-all"));
    setShortcuts(m_selectAllAction, QKeySequence::SelectAll, QKeySequence(Qt::CTRL | Qt::Key_A));
    connect(m_selectAllAction, &QAction::triggered, this, &MainWindow::selectAllInFocus);
    m_findAction = makeAction(this, QStringLiteral("actionFind"), tr("&Find…"), {},
                              tr("Put the cursor in the page's filter"), QStringLiteral("edit-find"));
    setShortcuts(m_findAction, QKeySequence::Find, QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(m_findAction, &QAction::triggered, this, &MainWindow::focusFindField);
    m_shortcutsAction = makeAction(this, QStringLiteral("actionKeyboardShortcuts"), tr("&Keyboard Shortcuts"),
                                   {}, tr("Every key: the menu commands, moving around, the dialogs"));
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showKeyboardShortcuts);
    m_userGuideAction = makeAction(this, QStringLiteral("actionUserGuide"), tr("&User Guide"), {},
                                   tr("The quick start, the pages, the command line and the local endpoint"),
                                   QStringLiteral("help-contents"));
    setShortcuts(m_userGuideAction, QKeySequence::HelpContents, QKeySequence(Qt::Key_F1));
    connect(m_userGuideAction, &QAction::triggered, this, &MainWindow::showUserGuide);
    // Not in a menu: they act on the window, as in other desktop tools.
    m_nextPaneAction =
        makeAction(this, QStringLiteral("actionNextPane"), tr("Next pane: the navigation tree, the page"),
                   QKeySequence(Qt::Key_F6), tr("Move the focus between the navigation tree and the page"));
    m_previousPaneAction = makeAction(this, QStringLiteral("actionPreviousPane"), tr("Previous pane"),
                                      QKeySequence(Qt::SHIFT | Qt::Key_F6),
                                      tr("Move the focus between the page and the navigation tree"));
    for (QAction* action : {m_nextPaneAction, m_previousPaneAction}) {
        connect(action, &QAction::triggered, this, &MainWindow::focusOtherPane);
        addAction(action);
    }
    m_createDatasetGroupAction =
        makeAction(this, QStringLiteral("actionCreateDatasetGroup"), tr("New Dataset &Group…"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), tr("Create a dataset group"),
                   QStringLiteral("dataset-group"));
    m_createSchemaAction = makeAction(this, QStringLiteral("actionCreateSchema"), tr("New &Schema…"),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                                      tr("Create a schema from Avro JSON"), QStringLiteral("schema"));
    m_createDatasetAction = makeAction(this, QStringLiteral("actionCreateDataset"), tr("New &Dataset…"),
                                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                                       tr("Create a dataset in a dataset group"), QStringLiteral("dataset"));
    m_createEventTrackerAction =
        makeAction(this, QStringLiteral("actionCreateEventTracker"), tr("New Event &Tracker…"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                   tr("Create the event tracker of a dataset group"), QStringLiteral("event-tracker"));
    m_createMetricAttributionAction =
        makeAction(this, QStringLiteral("actionCreateMetricAttribution"), tr("New &Metric Attribution…"), {},
                   tr("Count a dataset group's events by source"), QStringLiteral("attribution"));
    m_attributionReportAction =
        makeAction(this, QStringLiteral("actionAttributionReport"), tr("&Attribution Report"),
                   QKeySequence(Qt::CTRL | Qt::Key_R),
                   tr("Show the selected dataset group's attribution report"), QStringLiteral("attribution"));
    m_createSolutionAction =
        makeAction(this, QStringLiteral("actionCreateSolution"), tr("New So&lution…"), {},
                   tr("A recipe and training filters for a dataset group"), QStringLiteral("solution"));
    connect(m_createSolutionAction, &QAction::triggered, this,
            [this] { createSolution(selectedDatasetGroupArn()); });
    m_createCampaignAction =
        makeAction(this, QStringLiteral("actionCreateCampaign"), tr("New &Campaign…"), {},
                   tr("Deploy a trained solution version"), QStringLiteral("campaign"));
    connect(m_createCampaignAction, &QAction::triggered, this, [this] { createCampaign({}); });
    m_createRecommenderAction =
        makeAction(this, QStringLiteral("actionCreateRecommender"), tr("New Recomme&nder…"), {},
                   tr("A domain dataset group's recommender (Recommended for you, Top picks for you)"),
                   QStringLiteral("campaign"));
    connect(m_createRecommenderAction, &QAction::triggered, this,
            [this] { createRecommender(selectedDatasetGroupArn()); });
    m_deleteAction = makeAction(this, QStringLiteral("actionDelete"), tr("D&elete…"), QKeySequence::Delete,
                                tr("Delete the selected resource"), QStringLiteral("edit-delete"));
    m_refreshAction = makeAction(this, QStringLiteral("actionRefresh"), tr("&Refresh"), QKeySequence::Refresh,
                                 tr("Read the database again"), QStringLiteral("view-refresh"));
    setShortcuts(m_deleteAction, QKeySequence::Delete, QKeySequence(Qt::Key_Delete));
    setShortcuts(m_refreshAction, QKeySequence::Refresh, QKeySequence(Qt::Key_F5));
    // Some themes also bind Ctrl+R to Refresh: it is the attribution report's, and a key bound twice
    // does nothing.
    QList<QKeySequence> refreshKeys = m_refreshAction->shortcuts();
    refreshKeys.removeAll(m_attributionReportAction->shortcut());
    m_refreshAction->setShortcuts(refreshKeys);
    m_composerAction = makeAction(this, QStringLiteral("actionEventComposer"), tr("&Event Composer…"),
                                  QKeySequence(Qt::CTRL | Qt::Key_E),
                                  tr("Compose and send PutEvents requests"), QStringLiteral("event-tracker"));
    connect(m_composerAction, &QAction::triggered, this, [this] { openEventComposer(); });
    m_endpointAction = makeAction(this, QStringLiteral("actionLocalEndpoint"), tr("Local E&ndpoint…"), {},
                                  tr("Serve this database to boto3 and the AWS CLI on a local port"),
                                  QStringLiteral("network-server"));
    connect(m_endpointAction, &QAction::triggered, this, &MainWindow::openEndpointDialog);
    m_previewAction = makeAction(
        this, QStringLiteral("actionRecommendationsPreview"), tr("&Recommendations Preview…"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
        tr("Ask a campaign for recommendations and record clicks on them"), QStringLiteral("attribution"));
    connect(m_previewAction, &QAction::triggered, this, [this] { openRecommendationsPreview(); });
    m_importAction = makeAction(
        this, QStringLiteral("actionImport"), tr("&Import CSV…"), QKeySequence(Qt::CTRL | Qt::Key_I),
        tr("Import interactions, users or items from a CSV file"), QStringLiteral("document-import"));
    connect(m_importAction, &QAction::triggered, this, [this] { openImportDialog(); });
    m_exportAction = makeAction(this, QStringLiteral("actionExportInteractions"), tr("&Export Interactions…"),
                                {}, tr("Write the selected dataset group's interactions as CSV or JSON"),
                                QStringLiteral("document-export"));
    connect(m_exportAction, &QAction::triggered, this, [this] { exportInteractions(); });
    m_aboutAction =
        makeAction(this, QStringLiteral("actionAbout"), tr("&About Footfall"), {}, tr("About Footfall"));

    connect(m_newDatabaseAction, &QAction::triggered, this, &MainWindow::newDatabase);
    connect(m_openDatabaseAction, &QAction::triggered, this, &MainWindow::openDatabaseFromDialog);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_createDatasetGroupAction, &QAction::triggered, this, &MainWindow::createDatasetGroup);
    connect(m_createSchemaAction, &QAction::triggered, this, &MainWindow::createSchema);
    connect(m_createDatasetAction, &QAction::triggered, this,
            [this] { createDataset(selectedDatasetGroupArn()); });
    connect(m_createEventTrackerAction, &QAction::triggered, this,
            [this] { createEventTracker(selectedDatasetGroupArn()); });
    connect(m_createMetricAttributionAction, &QAction::triggered, this,
            [this] { createMetricAttribution(selectedDatasetGroupArn()); });
    connect(m_attributionReportAction, &QAction::triggered, this, [this] {
        QString group = selectedDatasetGroupArn();
        if (group.isEmpty() && m_workspace) {
            const auto groups = m_workspace->datasetGroups().list();
            if (!groups.isEmpty())
                group = groups.first().arn;
        }
        selectGroupView(group, int(NavigationModel::NodeKind::Attribution));
    });
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("menuFile"));
    fileMenu->addAction(m_newDatabaseAction);
    fileMenu->addAction(m_openDatabaseAction);
    fileMenu->addAction(m_sampleAction);
    m_recentFilesMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentFilesMenu->setObjectName(QStringLiteral("menuRecentFiles"));
    fileMenu->addSeparator();
    fileMenu->addAction(m_importAction);
    fileMenu->addAction(m_exportAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->setObjectName(QStringLiteral("menuEdit"));
    editMenu->addAction(m_copyAction);
    editMenu->addAction(m_selectAllAction);
    editMenu->addSeparator();
    editMenu->addAction(m_findAction);

    QMenu* personalizeMenu = menuBar()->addMenu(tr("&Personalize"));
    personalizeMenu->setObjectName(QStringLiteral("menuPersonalize"));
    personalizeMenu->addAction(m_createDatasetGroupAction);
    personalizeMenu->addAction(m_createSchemaAction);
    personalizeMenu->addAction(m_createDatasetAction);
    personalizeMenu->addAction(m_createEventTrackerAction);
    personalizeMenu->addAction(m_createMetricAttributionAction);
    personalizeMenu->addAction(m_createSolutionAction);
    personalizeMenu->addAction(m_createCampaignAction);
    personalizeMenu->addAction(m_createRecommenderAction);
    personalizeMenu->addSeparator();
    personalizeMenu->addAction(m_attributionReportAction);
    personalizeMenu->addSeparator();
    personalizeMenu->addAction(m_deleteAction);
    personalizeMenu->addAction(m_refreshAction);

    QMenu* toolsMenu = menuBar()->addMenu(tr("&Tools"));
    toolsMenu->setObjectName(QStringLiteral("menuTools"));
    toolsMenu->addAction(m_composerAction);
    toolsMenu->addAction(m_endpointAction);
    toolsMenu->addAction(m_previewAction);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("menuHelp"));
    helpMenu->addAction(m_userGuideAction);
    helpMenu->addAction(m_shortcutsAction);
    helpMenu->addSeparator();
    helpMenu->addAction(m_aboutAction);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1100, 720);
    restoreState(settings.value(kStateKey).toByteArray());
    clampToScreen();
    m_navigationWidthChosen = settings.value(kNavigationWidthKey).toInt() > 0;
}

void MainWindow::clampToScreen()
{
    if (isMaximized() || isFullScreen())
        return;
    QScreen* screen = QGuiApplication::screenAt(geometry().center());
    if (!screen)
        screen = this->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    // The frame is not known before the window is shown: leave room for a title bar and borders.
    const QSize frame = isVisible() ? frameGeometry().size() - geometry().size() : QSize(16, 40);
    const QSize room = available.size() - frame;
    const QSize size = geometry().size().boundedTo(room).expandedTo(minimumSize());
    if (size != geometry().size())
        resize(size);
    QRect placed = frameGeometry();
    placed.setSize(size + frame);
    if (!available.contains(placed)) {
        placed.moveLeft(std::clamp(placed.left(), available.left(),
                                   std::max(available.left(), available.right() - placed.width() + 1)));
        placed.moveTop(std::clamp(placed.top(), available.top(),
                                  std::max(available.top(), available.bottom() - placed.height() + 1)));
        move(placed.topLeft());
    }
}

int MainWindow::navigationWidthFittingLabels() const
{
    // The widest label of the expanded tree, its indentation and icon included, and the frame.
    const QAbstractItemView* view = m_navigationView; // QTreeView hides the public override
    return view->sizeHintForColumn(0) + 2 * m_navigationView->frameWidth() +
           m_navigationView->verticalScrollBar()->sizeHint().width();
}

void MainWindow::applyNavigationWidth()
{
    const int total = m_splitter->width();
    if (total <= 0)
        return;
    const int saved = QSettings().value(kNavigationWidthKey).toInt();
    const int wanted = saved > 0 ? saved : navigationWidthFittingLabels();
    // Never so narrow that its labels are stumps, never more than half the window.
    const int width = std::clamp(wanted, m_navigationView->minimumWidth(),
                                 std::max(m_navigationView->minimumWidth(), total * 2 / 5));
    m_splitter->setSizes({width, std::max(1, total - width - m_splitter->handleWidth())});
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_navigationWidthApplied) {
        m_navigationWidthApplied = true;
        applyNavigationWidth();
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    if (m_navigationWidthChosen)
        settings.setValue(kNavigationWidthKey, m_splitter->sizes().value(0));
    event->accept();
}

bool MainWindow::openDatabase(const QString& path)
{
    std::unique_ptr<Workspace> opened;
    try {
        opened = Workspace::open(path, m_config);
    } catch (const DatabaseOpenError& error) {
        showError(tr("Cannot open database"), error.message());
        return false;
    }
    if (m_composer)
        m_composer->close();
    if (m_endpoint->isRunning()) {
        m_endpoint->stop();
        statusBar()->showMessage(tr("The local endpoint was stopped: it served the previous database."),
                                 8000);
    }
    // Training for the previous file stops (what did not finish ends CREATE FAILED) before it closes.
    m_training.reset();
    m_workspace = std::move(opened);
    m_openRegistry.reset(); // the previous file's registration goes first: it may be this same file
    m_openRegistry = std::make_unique<OpenDatabaseRegistry>(m_workspace->path());
    updateAlsoOpenBar();
    m_training = std::make_unique<TrainingScheduler>(m_workspace->path(), m_config);
    m_workspace->setTrainingScheduler(m_training.get());
    // What a worker commits, through its own connection, shows at once rather than at the next poll.
    connect(m_training.get(), &TrainingScheduler::trainingStarted, this, &MainWindow::pollForExternalChanges);
    connect(m_training.get(), &TrainingScheduler::trainingFinished, this,
            &MainWindow::pollForExternalChanges);
    connect(m_training.get(), &TrainingScheduler::modelUpdated, this, &MainWindow::pollForExternalChanges);
    m_training->startAutomaticUpdates();
    m_fileLostShown = false;
    m_lastDataVersion = m_workspace->database().dataVersion();
    connect(m_workspace.get(), &Workspace::changed, this, &MainWindow::refresh);
    for (ResourcePage* page : resourcePages())
        page->setWorkspace(m_workspace.get());
    const QString nativePath = QDir::toNativeSeparators(m_workspace->path());
    m_databaseLabel->setText(tr("Database: %1").arg(nativePath));
    setWindowTitle(tr("%1 — Footfall").arg(QFileInfo(nativePath).fileName()));
    setWindowFilePath(nativePath);
    rememberRecentFile(m_workspace->path());
    m_externalChangeTimer->start();
    refresh();
    if (!m_navigationWidthChosen && m_navigationWidthApplied)
        applyNavigationWidth(); // to fit this database's labels
    // A new or empty database opens on the welcome page and its New Sample Workspace…, not on a list.
    bool empty = false;
    failureOf([&] { empty = m_workspace->datasetGroups().list().isEmpty(); });
    if (empty || !m_navigationView->currentIndex().isValid())
        m_navigationView->setCurrentIndex(
            m_navigationModel->indexOfKey(NavigationModel::keyOf(NavigationModel::NodeKind::Welcome, {})));
    return true;
}

void MainWindow::openStartupDatabase(const QString& path)
{
    openDatabase(path.isEmpty() ? Database::defaultPath() : path);
}

void MainWindow::refresh()
{
    const QString current = m_navigationView->currentIndex().data(NavigationModel::KeyRole).toString();
    try {
        m_navigationModel->rebuild(m_workspace.get());
    } catch (const StorageError& error) {
        showError(tr("Cannot read the database"), error.message());
    }
    m_navigationView->expandAll();
    const QModelIndex index = m_navigationModel->indexOfKey(current);
    if (index.isValid())
        m_navigationView->setCurrentIndex(index);
    showSelectedPage();
}

void MainWindow::pollForExternalChanges()
{
    if (!m_workspace)
        return;
    updateAlsoOpenBar();
    if (!m_fileLostShown) {
        const QString lost = m_workspace->database().fileLostMessage();
        if (!lost.isEmpty()) {
            m_fileLostShown = true;
            m_databaseLabel->setText(
                tr("Database: %1 (gone: no more writes)").arg(QDir::toNativeSeparators(m_workspace->path())));
            showError(tr("The database file is gone"), lost);
        }
    }
    const qint64 version = m_workspace->database().dataVersion();
    if (version != m_lastDataVersion) {
        m_lastDataVersion = version;
        refresh();
    }
}

void MainWindow::showSelectedPage()
{
    const QModelIndex index = m_navigationView->currentIndex();
    const auto kind = NavigationModel::NodeKind(index.data(NavigationModel::KindRole).toInt());
    const QString arn = index.data(NavigationModel::ArnRole).toString();
    ResourcePage* page = nullptr;
    switch (kind) {
    case NavigationModel::NodeKind::DatasetGroup:
        page = m_datasetGroupPage;
        break;
    case NavigationModel::NodeKind::Dataset:
        page = m_datasetPage;
        break;
    case NavigationModel::NodeKind::EventTracker:
        page = m_eventTrackerPage;
        break;
    case NavigationModel::NodeKind::Schema:
        page = m_schemaPage;
        break;
    case NavigationModel::NodeKind::Events:
        page = m_eventsPage;
        break;
    case NavigationModel::NodeKind::RequestLog:
        page = m_requestLogPage;
        break;
    case NavigationModel::NodeKind::Readiness:
        page = m_readinessPage;
        break;
    case NavigationModel::NodeKind::Attribution:
        page = m_attributionPage;
        break;
    case NavigationModel::NodeKind::EventMetrics:
        page = m_eventMetricsPage;
        break;
    case NavigationModel::NodeKind::Solution:
        page = m_solutionPage;
        break;
    case NavigationModel::NodeKind::Campaign:
        page = m_campaignPage;
        break;
    case NavigationModel::NodeKind::Recommender:
        page = m_recommenderPage;
        break;
    case NavigationModel::NodeKind::SchemaFolder:
    case NavigationModel::NodeKind::Welcome:
        break;
    }
    if (page && index.isValid()) {
        page->showResource(arn);
        m_pages->setCurrentWidget(page);
    } else {
        m_welcomePage->showWorkspace(m_workspace.get());
        m_pages->setCurrentWidget(m_welcomePage);
    }
    // A status that moves on with time (CREATE PENDING, a version trained, then provisioned) commits
    // nothing when it does, so no data_version change would show it: read again until it is final.
    // Each read reloads the tree and the page, so a status that stays (a long training) is read
    // less and less often: 250 ms, then twice as long each time, up to a second.
    if (m_navigationModel->hasTransientStatus() || (page && page->showsChangingStatus())) {
        if (!m_transientRefreshTimer->isActive()) {
            m_transientRefreshTimer->start(m_transientRefreshMs);
            m_transientRefreshMs = std::min(m_transientRefreshMs * 2, kMaxTransientRefreshMs);
        }
    } else {
        m_transientRefreshMs = kFirstTransientRefreshMs;
    }
    updateActions();
}

void MainWindow::updateActions()
{
    const bool open = m_workspace != nullptr;
    for (QAction* action :
         {m_createDatasetGroupAction, m_createSchemaAction, m_createDatasetAction, m_createEventTrackerAction,
          m_createMetricAttributionAction, m_attributionReportAction, m_previewAction, m_createSolutionAction,
          m_createCampaignAction, m_createRecommenderAction, m_refreshAction, m_composerAction,
          m_importAction, m_exportAction, m_endpointAction})
        action->setEnabled(open);
    m_deleteAction->setEnabled(open && !selectedArn().isEmpty());
    const ResourcePage* page = currentResourcePage();
    m_findAction->setEnabled(page && page->findField());
}

ResourcePage* MainWindow::currentResourcePage() const
{
    return qobject_cast<ResourcePage*>(m_pages->currentWidget());
}

QString MainWindow::selectedRowsAsTsv(const QAbstractItemView& view)
{
    const QAbstractItemModel* model = view.model();
    if (!model || !view.selectionModel())
        return {};
    // One index per selected row, its first column: in a tree, rows of different parents differ.
    QModelIndexList rows;
    for (const QModelIndex& index : view.selectionModel()->selectedIndexes()) {
        const QModelIndex first = index.siblingAtColumn(0);
        if (!rows.contains(first))
            rows.append(first);
    }
    std::sort(rows.begin(), rows.end(), [&view](const QModelIndex& a, const QModelIndex& b) {
        return view.visualRect(a).top() < view.visualRect(b).top();
    });
    const auto* table = qobject_cast<const QTableView*>(&view);
    QList<int> columns;
    for (int column = 0; column < model->columnCount(); ++column) {
        if (!table || !table->isColumnHidden(column))
            columns.append(column);
    }
    QStringList lines;
    QStringList headings;
    for (int column : columns)
        headings << tsvCell(model->headerData(column, Qt::Horizontal).toString());
    if (columns.size() > 1)
        lines << headings.join(QLatin1Char('\t'));
    for (const QModelIndex& row : rows) {
        QStringList cells;
        for (int column : columns)
            cells << tsvCell(row.siblingAtColumn(column).data().toString());
        lines << cells.join(QLatin1Char('\t'));
    }
    return rows.isEmpty() ? QString() : lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void MainWindow::copySelection()
{
    QWidget* focused = QApplication::focusWidget();
    if (auto* edit = qobject_cast<QLineEdit*>(focused)) {
        edit->copy();
        return;
    }
    if (auto* text = qobject_cast<QPlainTextEdit*>(focused)) {
        text->copy();
        return;
    }
    if (auto* label = qobject_cast<QLabel*>(focused); label && label->hasSelectedText()) {
        QApplication::clipboard()->setText(label->selectedText());
        return;
    }
    for (QWidget* widget = focused; widget; widget = widget->parentWidget()) {
        if (auto* view = qobject_cast<QAbstractItemView*>(widget)) {
            const QString rows = selectedRowsAsTsv(*view);
            if (!rows.isEmpty()) {
                QApplication::clipboard()->setText(rows);
                QSet<QModelIndex> selectedRows;
                for (const QModelIndex& index : view->selectionModel()->selectedIndexes())
                    selectedRows.insert(index.siblingAtColumn(0));
                const int count = int(selectedRows.size());
                statusBar()->showMessage(
                    tr("Copied %1 as tab-separated text").arg(plural(count, tr("row"), tr("rows"))), 5000);
            }
            return;
        }
    }
}

void MainWindow::selectAllInFocus()
{
    QWidget* focused = QApplication::focusWidget();
    if (auto* edit = qobject_cast<QLineEdit*>(focused)) {
        edit->selectAll();
        return;
    }
    if (auto* text = qobject_cast<QPlainTextEdit*>(focused)) {
        text->selectAll();
        return;
    }
    for (QWidget* widget = focused; widget; widget = widget->parentWidget()) {
        if (auto* view = qobject_cast<QAbstractItemView*>(widget)) {
            if (view->selectionMode() == QAbstractItemView::ExtendedSelection ||
                view->selectionMode() == QAbstractItemView::MultiSelection)
                view->selectAll();
            return;
        }
    }
}

void MainWindow::focusFindField()
{
    const ResourcePage* page = currentResourcePage();
    QWidget* field = page ? page->findField() : nullptr;
    if (!field) {
        statusBar()->showMessage(tr("This page has nothing to search"), 3000);
        return;
    }
    field->setFocus(Qt::ShortcutFocusReason);
    if (auto* edit = qobject_cast<QLineEdit*>(field))
        edit->selectAll();
}

void MainWindow::showKeyboardShortcuts()
{
    // Read from the actions themselves, so the list is always the one that works. Each group is a
    // heading and its rows; the groups fill two columns, so that the box fits a small screen.
    const auto row = [](const QString& what, const QString& keys) {
        return QStringLiteral(
                   "<tr><td style=\"white-space: nowrap\">%1</td><td style=\"white-space: nowrap\">"
                   "<b>%2</b></td></tr>")
            .arg(what.toHtmlEscaped(), keys);
    };
    const auto keysOf = [](const QAction* action) {
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText).toHtmlEscaped();
        return keys.join(QStringLiteral(", "));
    };
    QList<QStringList> groups;
    const auto addGroup = [&groups](const QString& title, const QStringList& rows) {
        if (!rows.isEmpty())
            groups.append(QStringList{QStringLiteral("<tr><td colspan=\"2\"><i>%1</i></td></tr>")
                                          .arg(QString(title).remove(QLatin1Char('&')).toHtmlEscaped())} +
                          rows);
    };
    for (QMenu* menu : menuBar()->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly)) {
        QStringList rows;
        for (const QAction* action : menu->actions()) {
            if (!action->isSeparator() && !action->menu() && !action->shortcuts().isEmpty())
                rows << row(action->text().remove(QLatin1Char('&')), keysOf(action));
        }
        addGroup(menu->title(), rows);
    }
    QStringList moving;
    for (const QAction* action : actions()) {
        if (!action->shortcuts().isEmpty())
            moving << row(action->text(), keysOf(action));
    }
    const auto key = [](const QKeySequence& sequence) {
        return sequence.toString(QKeySequence::NativeText).toHtmlEscaped();
    };
    moving << row(tr("Next control, as they are laid out"), key(QKeySequence(Qt::Key_Tab)))
           << row(tr("Previous control"), key(QKeySequence(Qt::SHIFT | Qt::Key_Tab)))
           << row(tr("A menu, or the field of a label"), tr("Alt+its underlined letter").toHtmlEscaped())
           << row(tr("Close a dialog"), key(QKeySequence(Qt::Key_Escape)));
    addGroup(tr("Moving around"), moving);
    addGroup(tr("Event composer"), {row(tr("Send"), key(QKeySequence(Qt::CTRL | Qt::Key_Return)))});
    qsizetype total = 0;
    for (const QStringList& group : groups)
        total += group.size();
    QStringList columns(2);
    qsizetype inFirst = 0;
    for (const QStringList& group : groups) {
        const int column = inFirst < (total + 1) / 2 ? 0 : 1;
        if (column == 0)
            inFirst += group.size();
        if (!columns[column].isEmpty())
            columns[column] += QStringLiteral("<tr><td colspan=\"2\">&nbsp;</td></tr>");
        columns[column] += group.join(QString());
    }
    auto* box = new QMessageBox(
        QMessageBox::NoIcon, tr("Keyboard Shortcuts"),
        tr("<table><tr><td valign=\"top\"><table cellspacing=\"3\">%1</table></td><td width=\"24\"></td>"
           "<td valign=\"top\"><table cellspacing=\"3\">%2</table></td></tr></table>"
           "<p>In every table and list: the arrow keys move, Shift+arrows select several rows.</p>")
            .arg(columns[0], columns[1]),
        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("shortcutsBox"));
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::selectedArn() const
{
    const QModelIndex index = m_navigationView->currentIndex();
    const auto kind = NavigationModel::NodeKind(index.data(NavigationModel::KindRole).toInt());
    return NavigationModel::isResource(kind) ? index.data(NavigationModel::ArnRole).toString() : QString();
}

void MainWindow::selectGroupView(const QString& datasetGroupArn, int nodeKind)
{
    const QModelIndex index = m_navigationModel->indexOfKey(
        NavigationModel::keyOf(NavigationModel::NodeKind(nodeKind), datasetGroupArn));
    if (index.isValid())
        m_navigationView->setCurrentIndex(index);
}

void MainWindow::openEventComposer(const QString& trackerArn)
{
    if (!m_workspace)
        return;
    QString tracker = trackerArn;
    if (tracker.isEmpty()) {
        const QModelIndex index = m_navigationView->currentIndex();
        if (NavigationModel::NodeKind(index.data(NavigationModel::KindRole).toInt()) ==
            NavigationModel::NodeKind::EventTracker)
            tracker = index.data(NavigationModel::ArnRole).toString();
    }
    if (m_composer) {
        m_composer->raise();
        m_composer->activateWindow();
        return;
    }
    m_composer = new EventComposerDialog(*m_workspace, tracker, this);
    m_composer->setAttribute(Qt::WA_DeleteOnClose);
    m_composer->show();
}

QString MainWindow::selectedDatasetGroupArn() const
{
    QModelIndex index = m_navigationView->currentIndex();
    while (index.isValid() && NavigationModel::NodeKind(index.data(NavigationModel::KindRole).toInt()) !=
                                  NavigationModel::NodeKind::DatasetGroup)
        index = index.parent();
    return index.data(NavigationModel::ArnRole).toString();
}

void MainWindow::selectArn(const QString& arn)
{
    const QModelIndex index = m_navigationModel->indexOfArn(arn);
    if (index.isValid())
        m_navigationView->setCurrentIndex(index);
}

void MainWindow::openImportDialog(const QString& datasetGroupArn)
{
    if (!m_workspace)
        return;
    auto* dialog =
        new ImportDialog(*m_workspace, m_config,
                         datasetGroupArn.isEmpty() ? selectedDatasetGroupArn() : datasetGroupArn, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, &MainWindow::refresh);
    dialog->open();
}

void MainWindow::openEndpointDialog()
{
    if (!m_workspace)
        return;
    if (!m_endpointDialog) {
        m_endpointDialog = new EndpointDialog(*m_endpoint, this);
        m_endpointDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_endpointDialog, &EndpointDialog::startRequested, this,
                [this](const QString& address, quint16 port, const QHash<QString, QString>& accessKeys,
                       bool allowUnsigned, const QStringList& corsOrigins) {
                    if (m_workspace)
                        m_endpoint->start(m_workspace->path(), m_config, QHostAddress(address), port,
                                          accessKeys, allowUnsigned, corsOrigins);
                });
    }
    m_endpointDialog->show();
    m_endpointDialog->raise();
}

void MainWindow::updateEndpointStatus()
{
    QString text =
        m_endpoint->isRunning()
            ? tr("Endpoint %1 · %2")
                  .arg(m_endpoint->url(), plural(m_endpoint->requestCount(), tr("request"), tr("requests")))
            : tr("Endpoint off");
    if (m_endpoint->servesUnsignedToNetwork())
        text += tr(" · unsigned, open to the network");
    m_endpointLabel->setText(text);
}

void MainWindow::updateAlsoOpenBar()
{
    QStringList pids;
    if (m_openRegistry) {
        for (const qint64 pid : m_openRegistry->otherProcesses())
            pids << QString::number(pid);
    }
    if (pids.isEmpty()) {
        m_alsoOpenBar->setVisible(false);
        return;
    }
    m_alsoOpenBar->setText(
        pids.size() == 1
            ? tr("This database is also open in another Footfall window (pid %1). Both can stay open: "
                 "what one records shows in the other.")
                  .arg(pids.first())
            : tr("This database is also open in %1 other Footfall windows (pids %2). All can stay open: "
                 "what one records shows in the others.")
                  .arg(pids.size())
                  .arg(pids.join(QStringLiteral(", "))));
    m_alsoOpenBar->setVisible(true);
}

void MainWindow::exportInteractions(const QString& datasetGroupArn)
{
    const QString group = datasetGroupArn.isEmpty() ? selectedDatasetGroupArn() : datasetGroupArn;
    if (!m_workspace)
        return;
    if (group.isEmpty()) {
        showError(tr("Export interactions"), tr("Select a dataset group first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Interactions"),
                                                      group.section(QLatin1Char('/'), -1) +
                                                          QStringLiteral("-interactions.csv"),
                                                      tr("CSV in the import layout (*.csv);;JSON (*.json)"));
    if (!path.isEmpty())
        exportInteractionsTo(group, path);
}

bool MainWindow::exportInteractionsTo(const QString& datasetGroupArn, const QString& path)
{
    if (!m_workspace)
        return false;
    const ExportFormat format =
        path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? ExportFormat::Json : ExportFormat::Csv;
    const QString databasePath = m_workspace->path();
    if (const QString refused = failureOf([&] { OutputFile::checkAllowed(path, databasePath, QString()); });
        !refused.isEmpty()) {
        showError(tr("Export interactions"), refused);
        return false;
    }
    const ServiceConfig config = m_config;
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    auto written = std::make_shared<std::atomic<qint64>>(0);
    QProgressDialog progress(tr("Exporting interactions…"), tr("Cancel"), 0, 0, this);
    progress.setObjectName(QStringLiteral("exportProgress"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    QFutureWatcher<QString> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<QString>::finished, &loop, &QEventLoop::quit);
    connect(&progress, &QProgressDialog::canceled, this, [cancelled] { *cancelled = true; });
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&progress, written] {
        progress.setLabelText(tr("Exporting interactions… %1 rows").arg(qint64(*written)));
    });
    ticker.start(200);
    watcher.setFuture(QtConcurrent::run([=]() -> QString {
        try {
            const auto workspace = Workspace::open(databasePath, config);
            OutputFile file(path, databasePath, QString());
            DatasetExporter(*workspace)
                .exportInteractions(datasetGroupArn, file.open(), format, [&](qint64 rows) {
                    *written = rows;
                    return !*cancelled;
                });
            if (*cancelled) {
                file.cancel();
                return tr("Export cancelled; %1 was not written.").arg(path);
            }
            file.commit();
            return {};
        } catch (const ServiceError& error) {
            return error.message();
        } catch (const std::exception& error) {
            return QString::fromUtf8(error.what());
        }
    }));
    loop.exec();
    progress.reset();
    const QString problem = watcher.result();
    if (!problem.isEmpty()) {
        showError(tr("Export interactions"), problem);
        return false;
    }
    statusBar()->showMessage(tr("Exported interactions to %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::newDatabase()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("New Footfall Database"), QDir::homePath(),
                                     tr("Footfall databases (*.db *.sqlite);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QFileInfo::exists(path) && QFileInfo(path).size() > 0) {
        showError(
            tr("Cannot create database"),
            tr("%1 already exists. Footfall does not overwrite files; use File ▸ Open Database to open it.")
                .arg(QDir::toNativeSeparators(path)));
        return;
    }
    openDatabase(path);
}

void MainWindow::createSampleWorkspace(const QString& path)
{
    if (QFileInfo::exists(path)) {
        showError(tr("Cannot create the sample"),
                  tr("%1 already exists. Footfall does not overwrite files; choose a new name.")
                      .arg(QDir::toNativeSeparators(path)));
        return;
    }
    auto* progress = new QProgressDialog(this);
    progress->setObjectName(QStringLiteral("sampleProgress"));
    progress->setWindowTitle(tr("New Sample Workspace"));
    // The step's words change as it goes: a wrapping label as wide as the longest keeps them whole.
    auto* label = new QLabel(progress);
    label->setObjectName(QStringLiteral("sampleProgressLabel"));
    label->setWordWrap(true);
    label->setMinimumWidth(label->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 64);
    label->setMinimumHeight(label->fontMetrics().lineSpacing() * 2);
    label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    progress->setLabel(label);
    progress->setLabelText(tr("Creating the dataset group, its schemas, datasets and event tracker"));
    progress->setCancelButtonText(tr("Cancel"));
    progress->setRange(0, 0); // until the first step says how much there is
    progress->setMinimumDuration(0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    // Written by the worker, read by the dialog's timer.
    struct Shared
    {
        QMutex mutex;
        SampleProgress progress;
    };
    auto shared = std::make_shared<Shared>();
    auto* poll = new QTimer(progress);
    // Cancel hides the dialog; the timer's next setValue() would show it again.
    connect(progress, &QProgressDialog::canceled, this, [cancelled, poll] {
        *cancelled = true;
        poll->stop();
    });
    connect(poll, &QTimer::timeout, progress, [progress, shared] {
        SampleProgress now;
        {
            const QMutexLocker lock(&shared->mutex);
            now = shared->progress;
        }
        if (now.total <= 0)
            return;
        progress->setMaximum(now.total);
        progress->setValue(std::min(now.done, now.total - 1)); // full only once it has opened
        progress->setLabelText(now.step);
    });
    poll->start(100);
    auto* watcher = new QFutureWatcher<QString>(this);
    // The dialog deletes itself when closed (its title bar's X cancels too), perhaps long before the
    // worker is done.
    const QPointer<QProgressDialog> dialog(progress);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, dialog, path, cancelled] {
        const QString error = watcher->result();
        const bool wasCancelled = *cancelled; // closing the progress dialog reports a cancel of its own
        watcher->deleteLater();
        if (dialog)
            dialog->close();
        if (wasCancelled) {
            statusBar()->showMessage(tr("Sample cancelled; nothing was written"), 5000);
            return;
        }
        if (!error.isEmpty()) {
            showError(tr("Cannot create the sample"), error);
            return;
        }
        if (openDatabase(path))
            selectGroupView(QStringLiteral("arn:aws:personalize:%1:%2:dataset-group/sample-movies")
                                .arg(m_config.region, m_config.accountId),
                            int(NavigationModel::NodeKind::Attribution));
    });
    const ServiceConfig config = m_config;
    watcher->setFuture(QtConcurrent::run([path, config, cancelled, shared] {
        return failureOf([&] {
            SampleWorkspace::build(path, config, {}, [cancelled, shared](const SampleProgress& step) {
                const QMutexLocker lock(&shared->mutex);
                shared->progress = step;
                return !*cancelled;
            });
        });
    }));
}

void MainWindow::openDatabaseFromDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Footfall Database"), QDir::homePath(),
                                     tr("Footfall databases (*.db *.sqlite);;All files (*)"));
    if (!path.isEmpty())
        openDatabase(path);
}

void MainWindow::rememberRecentFile(const QString& path)
{
    QSettings settings;
    QStringList files = settings.value(kRecentFilesKey).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    settings.setValue(kRecentFilesKey, files);
    updateRecentFilesMenu();
}

void MainWindow::updateRecentFilesMenu()
{
    m_recentFilesMenu->clear();
    const QStringList files = QSettings().value(kRecentFilesKey).toStringList();
    for (int i = 0; i < files.size(); ++i) {
        const QString& path = files.at(i);
        QAction* action = m_recentFilesMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(path)));
        action->setObjectName(QStringLiteral("recentFile%1").arg(i));
        connect(action, &QAction::triggered, this, [this, path] { openDatabase(path); });
    }
    m_recentFilesMenu->setEnabled(!files.isEmpty());
}

template <typename Dialog> static void openResourceDialog(MainWindow* window, Dialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::accepted, window,
                     [window, dialog] { window->selectArn(dialog->createdArn()); });
    dialog->open();
}

void MainWindow::createDatasetGroup()
{
    if (m_workspace)
        openResourceDialog(this, new CreateDatasetGroupDialog(*m_workspace, this));
}

void MainWindow::createSchema()
{
    if (m_workspace)
        openResourceDialog(this, new CreateSchemaDialog(*m_workspace, this));
}

void MainWindow::createDataset(const QString& datasetGroupArn)
{
    if (m_workspace)
        openResourceDialog(this, new CreateDatasetDialog(*m_workspace, datasetGroupArn, this));
}

void MainWindow::createEventTracker(const QString& datasetGroupArn)
{
    if (m_workspace)
        openResourceDialog(this, new CreateEventTrackerDialog(*m_workspace, datasetGroupArn, this));
}

void MainWindow::openRecommendationsPreview(const QString& campaignArn)
{
    if (!m_workspace)
        return;
    auto* dialog = new RecommendationsPreviewDialog(*m_workspace, campaignArn, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::createSolution(const QString& datasetGroupArn)
{
    if (m_workspace)
        openResourceDialog(this, new CreateSolutionDialog(*m_workspace, datasetGroupArn, this));
}

void MainWindow::createRecommender(const QString& datasetGroupArn)
{
    if (m_workspace)
        openResourceDialog(this, new CreateRecommenderDialog(*m_workspace, datasetGroupArn, this));
}

void MainWindow::createCampaign(const QString& solutionVersionArn)
{
    if (m_workspace)
        openResourceDialog(this, new CreateCampaignDialog(*m_workspace, solutionVersionArn, this));
}

void MainWindow::createMetricAttribution(const QString& datasetGroupArn)
{
    if (!m_workspace)
        return;
    auto* dialog = new CreateMetricAttributionDialog(*m_workspace, datasetGroupArn, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The attribution shows on its group's report page.
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto attribution = m_workspace->metricAttributions().findByArn(dialog->createdArn()))
            selectGroupView(attribution->datasetGroupArn, int(NavigationModel::NodeKind::Attribution));
    });
    dialog->open();
}

void MainWindow::deleteSelected()
{
    deleteResource(selectedArn());
}

void MainWindow::deleteResource(const QString& arn)
{
    if (!m_workspace || arn.isEmpty())
        return;
    const QString type = resourceTypeOf(arn);
    QString what;
    QString consequence;
    if (type == QLatin1String("event-tracker")) {
        what = tr("event tracker");
        consequence =
            tr("Its tracking ID stops working at once. Events it recorded stay in the Interactions dataset.");
    } else if (type == QLatin1String("dataset-group")) {
        what = tr("dataset group");
        consequence = tr("A dataset group can only be deleted once its event tracker and datasets are gone.");
    } else if (type == QLatin1String("dataset")) {
        what = tr("dataset");
        consequence = tr("The dataset and its schema link are removed from the dataset group.");
    } else if (type == QLatin1String("schema")) {
        what = tr("schema");
        consequence = tr("A schema can only be deleted while no dataset uses it.");
        // Say that it cannot be deleted before asking whether to.
        if (const QString refusal = failureOf([&] { m_workspace->schemas().checkRemovable(arn); });
            !refusal.isEmpty())
            return showError(tr("Cannot delete"), refusal);
    } else if (type == QLatin1String("solution")) {
        what = tr("solution");
        consequence =
            tr("Its versions and their models go with it; not while a campaign serves one of them.");
    } else if (type == QLatin1String("recommender")) {
        what = tr("recommender");
        consequence = tr("It stops serving recommendations and its model goes with it.");
    } else if (type == QLatin1String("campaign")) {
        what = tr("campaign");
        consequence = tr("It stops serving recommendations. Events that carry its recommendation IDs stay "
                         "attributed to it.");
    } else {
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete %1").arg(what),
                                tr("Delete the %1 %2?").arg(what, arn.section(QLatin1Char('/'), -1)),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("confirmDeleteBox"));
    box->setInformativeText(consequence + QStringLiteral("\n\n") + arn);
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, arn, type](int result) {
        if (result != QMessageBox::Yes || !m_workspace)
            return;
        try {
            if (type == QLatin1String("event-tracker"))
                m_workspace->eventTrackers().remove(arn);
            else if (type == QLatin1String("dataset-group"))
                m_workspace->datasetGroups().remove(arn);
            else if (type == QLatin1String("dataset"))
                m_workspace->datasets().remove(arn);
            else if (type == QLatin1String("solution"))
                m_workspace->solutions().remove(arn);
            else if (type == QLatin1String("campaign"))
                m_workspace->campaigns().remove(arn);
            else if (type == QLatin1String("recommender"))
                m_workspace->recommenders().remove(arn);
            else
                m_workspace->schemas().remove(arn);
            statusBar()->showMessage(tr("Deleted %1").arg(arn), 5000);
        } catch (const ServiceError& error) {
            showError(tr("Cannot delete"), error.message());
        } catch (const StorageError& error) {
            showError(tr("Cannot delete"), error.message());
        }
        refresh();
    });
    box->open();
}

void MainWindow::showUserGuide()
{
    if (!m_userGuide) {
        m_userGuide = new UserGuideDialog(this);
        m_userGuide->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_userGuide->show();
    m_userGuide->raise();
    m_userGuide->activateWindow();
}

void MainWindow::focusOtherPane()
{
    QWidget* focused = QApplication::focusWidget();
    QWidget* page = m_pages->currentWidget();
    if (focused != m_navigationView && !m_navigationView->isAncestorOf(focused)) {
        m_navigationView->setFocus(Qt::ShortcutFocusReason);
        return;
    }
    if (!page || !page->layout())
        return;
    QList<QWidget*> widgets;
    DialogFocus::collectInLayoutOrder(page->layout(), widgets);
    for (QWidget* widget : widgets) {
        if (widget->isEnabled() && widget->isVisibleTo(page)) {
            widget->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
}

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(
        QMessageBox::Information, tr("About Footfall"),
        tr("<h3>Footfall %1</h3><p>Amazon Personalize's event recording on your own machine, kept in one "
           "SQLite file: dataset groups, schemas, datasets and event trackers; events sent with "
           "PutEvents or imported from CSV; metric attributions and their reports; solutions, "
           "campaigns and recommenders that train and serve recommendations; and a local endpoint "
           "that boto3 and the AWS CLI can talk to.</p>"
           "<p>Database: %2<br>Built with Qt %3, running on Qt %4.</p>")
            .arg(QStringLiteral(FOOTFALL_VERSION),
                 m_workspace ? QDir::toNativeSeparators(m_workspace->path()).toHtmlEscaped() : tr("none"),
                 QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())),
        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setTextFormat(Qt::RichText);
    box->setIconPixmap(QIcon(QStringLiteral(":/footfall/icons/footfall.svg")).pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showError(const QString& title, const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace footfall
