#pragma once

#include "Clock.h"
#include "RecordingService.h"
#include "ServiceConfig.h"
#include "Workspace.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <memory>

namespace footfall::test {

// A workspace on a fresh database file in a temporary folder, with a clock the test drives.
// Resources are ACTIVE at once unless a provisioning time is given.
class TestWorkspace
{
public:
    // `bulkImportRows`: ServiceConfig::bulkImportRows, when a test needs the bulk import path.
    explicit TestWorkspace(qint64 provisioningMs = 0, qint64 bulkImportRows = 0);
    Q_DISABLE_COPY_MOVE(TestWorkspace)

    Workspace& operator*() { return *m_workspace; }
    Workspace* operator->() { return m_workspace.get(); }
    Workspace* get() { return m_workspace.get(); }
    ManualClock& clock() { return m_clock; }
    const ServiceConfig& config() const { return m_config; }
    QString path() const;
    QString dir() const { return m_dir.path(); }

    // Counts the rows of one of Footfall's tables.
    int count(const char* table);

    static const char* kGroupArn;
    static const char* kTrackerArn; // the tracker createShop() makes
    static QString interactionsSchema();
    // A dataset group "shop" with an Interactions dataset made from the events template.
    void createShop(bool withTracker = true);
    // The shop's Items dataset, from the retail template (PRICE, CATEGORY_L1, CREATION_TIMESTAMP).
    QString createShopItems();
    QString trackingId();
    // PutEvents through the shop's tracker, from the console channel.
    PutEventsResult putEvents(const QJsonArray& events, const QString& userId = QStringLiteral("u1"),
                              const QString& sessionId = QStringLiteral("s1"));
    void putItem(const QString& itemId, double price);
    static QString schemaTemplate(const char* id);

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    ServiceConfig m_config;
    std::unique_ptr<Workspace> m_workspace;
};

} // namespace footfall::test
