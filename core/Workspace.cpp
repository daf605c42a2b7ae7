#include "Workspace.h"

#include "ControlPlane.h"
#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "SchemaService.h"

namespace footfall {

Workspace::Workspace(std::unique_ptr<Database> database, const ServiceConfig& config)
    : m_database(std::move(database))
    , m_config(config)
    , m_datasetGroups(std::make_unique<DatasetGroupService>(*m_database, m_config))
    , m_schemas(std::make_unique<SchemaService>(*m_database, m_config))
    , m_datasets(std::make_unique<DatasetService>(*m_database, m_config, *m_datasetGroups, *m_schemas))
    , m_eventTrackers(std::make_unique<EventTrackerService>(*m_database, m_config, *m_datasetGroups))
    , m_controlPlane(std::make_unique<ControlPlane>(*this))
{
    connect(m_database.get(), &Database::committed, this, &Workspace::changed);
}

Workspace::~Workspace() = default;

std::unique_ptr<Workspace> Workspace::open(const QString& path, const ServiceConfig& config,
                                           const DatabaseOptions& options)
{
    return std::unique_ptr<Workspace>(new Workspace(Database::open(path, options), config));
}

} // namespace footfall
