#pragma once

#include "ApiOperation.h"

#include <QJsonObject>

namespace footfall {

class Workspace;

// `footfall events list`: the events page as a command. The page's filters, its order and its detail
// fields (duplicates, not-for-training, anonymous or linked, effective impressions), paged with
// maxResults and nextToken like an AWS List operation.
class EventsCommands
{
public:
    static const QList<ApiOperation>& operations();

    // What is wrong with the flags (a usage error: nothing is opened), or empty.
    static QString usageProblem(const ApiOperation& operation, const QJsonObject& input);
    // One page of events as JSON; throws ServiceError (unknown group, bad token) or StorageError.
    static QJsonObject run(Workspace& workspace, const ApiOperation& operation, const QJsonObject& input);
};

} // namespace footfall
