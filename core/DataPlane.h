#pragma once

#include "ApiOperation.h"
#include "PutEventsValidator.h"
#include "RequestLogEntry.h"

#include <QJsonObject>

namespace footfall {

class Workspace;

struct DataPlaneReply
{
    QJsonObject output; // {} for every Put operation, as on AWS
    QList<RequestWarning> warnings;
};

// The Amazon Personalize Events data plane (service "personalize-events", rest-json):
// PutEvents, PutUsers and PutItems with the service model's JSON shapes. The command line, the
// console's composer and the endpoint all come through here.
class DataPlane
{
public:
    explicit DataPlane(Workspace& workspace);
    Q_DISABLE_COPY_MOVE(DataPlane)

    static const QList<ApiOperation>& operations();
    static const ApiOperation* find(const QString& operationName);

    // Throws ServiceError; rejected requests are in the request log before it is thrown.
    DataPlaneReply invoke(const QString& operationName, const QJsonObject& input,
                          const RequestContext& context);

private:
    Workspace& m_workspace;
};

} // namespace footfall
