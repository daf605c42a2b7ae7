#pragma once

#include "ApiOperation.h"

#include <QJsonObject>

namespace footfall {

class Workspace;

// `footfall request-log configure | describe | purge`: the request log's retention policy, what it
// holds, and removing rows by hand. Described as operations so that flags and help work as for the
// AWS ones.
class RequestLogCommands
{
public:
    static const QList<ApiOperation>& operations();

    // What is wrong with the flags (a usage error: nothing is opened or changed), or empty.
    static QString usageProblem(const ApiOperation& operation, const QJsonObject& input);
    // Runs one command and returns what it prints as JSON; throws ServiceError or StorageError.
    static QJsonObject run(Workspace& workspace, const ApiOperation& operation, const QJsonObject& input);
};

} // namespace footfall
