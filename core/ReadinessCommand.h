#pragma once

#include "ApiOperation.h"

#include <QJsonObject>

namespace footfall {

class Workspace;

// `footfall readiness`: the readiness panel as a command. How close a dataset group is to what
// training needs, under a solution's event-type and event-value filters, and what was not counted.
class ReadinessCommand
{
public:
    static const ApiOperation& operation();

    // What is wrong with the flags (a usage error: nothing is opened), or empty.
    static QString usageProblem(const QJsonObject& input);
    // Throws ServiceError (unknown group) or StorageError.
    static QJsonObject run(Workspace& workspace, const QJsonObject& input);
};

} // namespace footfall
