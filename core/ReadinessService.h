#pragma once

#include "Readiness.h"

namespace footfall {

class Database;

class ReadinessService
{
public:
    explicit ReadinessService(Database& database);
    Q_DISABLE_COPY_MOVE(ReadinessService)

    Readiness compute(qint64 datasetGroupId, const ReadinessFilter& filter = {});

private:
    Database& m_database;
};

} // namespace footfall
