#pragma once

#include "ApiOperation.h"

#include <QJsonObject>

namespace footfall {

class Workspace;

// The command line's own file commands, beside the AWS operations: `footfall import interactions
// | users | items` and `footfall export interactions`. Described as operations so that flags,
// help and errors work exactly as for the AWS ones.
class FileCommands
{
public:
    static const QList<ApiOperation>& operations();

    // Runs one command and returns what it prints as JSON; throws ServiceError.
    static QJsonObject run(Workspace& workspace, const ApiOperation& operation, const QJsonObject& input);
};

} // namespace footfall
