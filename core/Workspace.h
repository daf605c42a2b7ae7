#pragma once

#include "Database.h"
#include "ServiceConfig.h"

#include <QObject>

#include <memory>

namespace footfall {

class ControlPlane;
class DatasetGroupService;
class DatasetService;
class EventTrackerService;
class SchemaService;

// One open Footfall database with the services that work on it. The console, the command line
// and the endpoint each hold one.
class Workspace final : public QObject
{
    Q_OBJECT

public:
    // Throws DatabaseOpenError when the file cannot be used; the file is then left untouched.
    static std::unique_ptr<Workspace> open(const QString& path, const ServiceConfig& config,
                                           const DatabaseOptions& options = {});
    ~Workspace() override;
    Q_DISABLE_COPY_MOVE(Workspace)

    QString path() const { return m_database->path(); }
    Database& database() { return *m_database; }
    const ServiceConfig& config() const { return m_config; }

    DatasetGroupService& datasetGroups() { return *m_datasetGroups; }
    SchemaService& schemas() { return *m_schemas; }
    DatasetService& datasets() { return *m_datasets; }
    EventTrackerService& eventTrackers() { return *m_eventTrackers; }
    ControlPlane& controlPlane() { return *m_controlPlane; }

signals:
    // Emitted after every committed change made through this workspace.
    void changed();

private:
    Workspace(std::unique_ptr<Database> database, const ServiceConfig& config);

    std::unique_ptr<Database> m_database;
    ServiceConfig m_config;
    std::unique_ptr<DatasetGroupService> m_datasetGroups;
    std::unique_ptr<SchemaService> m_schemas;
    std::unique_ptr<DatasetService> m_datasets;
    std::unique_ptr<EventTrackerService> m_eventTrackers;
    std::unique_ptr<ControlPlane> m_controlPlane;
};

} // namespace footfall
