#pragma once

#include "ServiceConfig.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAbstractItemView;
class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTimer;
class QTreeView;

namespace footfall {

class AttributionReportPage;
class RecommenderPage;

class CampaignPage;

class DatasetGroupPage;
class EventMetricsPage;
class EndpointDialog;
class LocalEndpoint;
class EventComposerDialog;
class EventsPage;
class ReadinessPage;
class RequestLogPage;
class DatasetPage;
class EventTrackerPage;
class NavigationModel;
class OpenDatabaseRegistry;
class ResourcePage;
class SchemaPage;
class SolutionPage;
class TrainingScheduler;
class UserGuideDialog;

class WelcomePage;
class Workspace;

// The console: a navigation tree of the open database's resources beside the page of what is
// selected; File, Personalize and Help menus; the database file in the status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const ServiceConfig& config, QWidget* parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    // Opens (or creates) a database; on failure shows why and keeps the current one.
    bool openDatabase(const QString& path);
    // Opens `path`, or the default database when it is empty.
    void openStartupDatabase(const QString& path);
    Workspace* workspace() const { return m_workspace.get(); }
    void selectArn(const QString& arn);
    // Selects a dataset group's Events, Request log, Readiness or Attribution view.
    void selectGroupView(const QString& datasetGroupArn, int nodeKind);
    // The selected resource's ARN; empty for folders and views.
    QString selectedArn() const;
    void openEventComposer(const QString& trackerArn = {});
    void openImportDialog(const QString& datasetGroupArn = {});
    void openEndpointDialog();
    void openRecommendationsPreview(const QString& campaignArn = {});
    // Builds a sample workspace at `path` off the UI thread, with progress and Cancel, then opens it.
    void createSampleWorkspace(const QString& path);
    LocalEndpoint& localEndpoint() { return *m_endpoint; }
    // Asks for a file, then writes the group's Interactions dataset to it off the UI thread.
    void exportInteractions(const QString& datasetGroupArn = {});
    // Writes without asking; for tests and scripts. Returns false and shows why on failure.
    bool exportInteractionsTo(const QString& datasetGroupArn, const QString& path);

    static constexpr int kMaxRecentFiles = 8;

    // The selected rows of `view` as tab-separated text, their column headings first.
    static QString selectedRowsAsTsv(const QAbstractItemView& view);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QList<ResourcePage*> resourcePages() const;
    void createActions();
    void createMenus();
    void restoreSettings();
    // Keeps the whole window on the screen it opens on (a geometry saved at another scale or on a
    // larger screen may not fit).
    void clampToScreen();
    // The navigation pane's width: the one the person chose last, or one that fits its labels.
    void applyNavigationWidth();
    int navigationWidthFittingLabels() const;
    ResourcePage* currentResourcePage() const;
    void copySelection();
    void selectAllInFocus();
    void focusFindField();
    void showKeyboardShortcuts();
    void showUserGuide();
    // F6 and Shift+F6: the focus goes from the navigation tree to the page and back.
    void focusOtherPane();
    void refresh();
    void pollForExternalChanges();
    void showSelectedPage();
    void updateActions();
    void updateRecentFilesMenu();
    void updateEndpointStatus();
    // Says so when another Footfall window has the same database file open.
    void updateAlsoOpenBar();
    void rememberRecentFile(const QString& path);

    void newDatabase();
    void openDatabaseFromDialog();
    void createDatasetGroup();
    void createSchema();
    void createDataset(const QString& datasetGroupArn);
    void createEventTracker(const QString& datasetGroupArn);
    void createMetricAttribution(const QString& datasetGroupArn);
    void createSolution(const QString& datasetGroupArn);
    void createCampaign(const QString& solutionVersionArn);
    void createRecommender(const QString& datasetGroupArn);
    void deleteResource(const QString& arn);
    void deleteSelected();
    void showAbout();
    void showError(const QString& title, const QString& message);
    QString selectedDatasetGroupArn() const;

    ServiceConfig m_config;
    std::unique_ptr<Workspace> m_workspace;
    // Trains the console's solution versions and recommenders and updates models automatically, for
    // m_workspace's file; goes (stopping what runs) before it.
    std::unique_ptr<TrainingScheduler> m_training;
    std::unique_ptr<OpenDatabaseRegistry> m_openRegistry; // this window's registration for m_workspace's file
    bool m_fileLostShown = false;
    bool m_navigationWidthApplied = false;
    bool m_navigationWidthChosen = false; // dragged by the person, or restored from the settings
    qint64 m_lastDataVersion = 0;

    NavigationModel* m_navigationModel;
    QTreeView* m_navigationView;
    QSplitter* m_splitter;
    QStackedWidget* m_pages;
    WelcomePage* m_welcomePage = nullptr;
    DatasetGroupPage* m_datasetGroupPage;
    DatasetPage* m_datasetPage;
    EventTrackerPage* m_eventTrackerPage;
    SchemaPage* m_schemaPage;
    EventsPage* m_eventsPage;
    RequestLogPage* m_requestLogPage;
    ReadinessPage* m_readinessPage;
    AttributionReportPage* m_attributionPage;
    EventMetricsPage* m_eventMetricsPage;
    SolutionPage* m_solutionPage;
    CampaignPage* m_campaignPage;
    RecommenderPage* m_recommenderPage;
    QPointer<EventComposerDialog> m_composer;
    QPointer<EndpointDialog> m_endpointDialog;
    QPointer<UserGuideDialog> m_userGuide;
    LocalEndpoint* m_endpoint;
    QLabel* m_endpointLabel;
    QLabel* m_databaseLabel;
    QLabel* m_alsoOpenBar;
    QTimer* m_transientRefreshTimer;
    static constexpr int kFirstTransientRefreshMs = 250;
    static constexpr int kMaxTransientRefreshMs = 1000;
    int m_transientRefreshMs = kFirstTransientRefreshMs;
    QTimer* m_externalChangeTimer;

    QAction* m_newDatabaseAction = nullptr;
    QAction* m_openDatabaseAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_createDatasetGroupAction = nullptr;
    QAction* m_createSchemaAction = nullptr;
    QAction* m_createDatasetAction = nullptr;
    QAction* m_createEventTrackerAction = nullptr;
    QAction* m_createMetricAttributionAction = nullptr;
    QAction* m_attributionReportAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_shortcutsAction = nullptr;
    QAction* m_userGuideAction = nullptr;
    QAction* m_nextPaneAction = nullptr;
    QAction* m_previousPaneAction = nullptr;
    QAction* m_copyAction = nullptr;
    QAction* m_selectAllAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_composerAction = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_endpointAction = nullptr;
    QAction* m_previewAction = nullptr;
    QAction* m_sampleAction = nullptr;
    QAction* m_createSolutionAction = nullptr;
    QAction* m_createCampaignAction = nullptr;
    QAction* m_createRecommenderAction = nullptr;
    QAction* m_exportAction = nullptr;
    QMenu* m_recentFilesMenu = nullptr;
};

} // namespace footfall
