#include "DataPlane.h"

#include "MetadataRecordService.h"
#include "RecordingService.h"
#include "ServiceError.h"
#include "Workspace.h"

namespace footfall {

namespace {
const QString kService = QStringLiteral("personalize-events");
} // namespace

const QList<ApiOperation>& DataPlane::operations()
{
    static const QList<ApiOperation> all = {
        {kService,
         QStringLiteral("PutEvents"),
         QStringLiteral("Records up to 10 events with an event tracker's tracking ID."),
         {{QStringLiteral("trackingId"), ApiType::String, true,
           QStringLiteral("The event tracker's tracking ID.")},
          {QStringLiteral("userId"), ApiType::String, false,
           QStringLiteral("The user; leave it out for anonymous events (they are tied to the session).")},
          {QStringLiteral("sessionId"), ApiType::String, true,
           QStringLiteral("The session the events belong to.")},
          {QStringLiteral("eventList"), ApiType::List, true,
           QStringLiteral(
               "A JSON list of 1-10 events: {\"eventType\", \"sentAt\" (epoch seconds or ISO 8601), "
               "\"itemId\", \"eventValue\", \"eventId\", \"properties\" (a JSON string), \"impression\", "
               "\"recommendationId\", \"metricAttribution\": {\"eventAttributionSource\"}}.")}}},
        {kService,
         QStringLiteral("PutUsers"),
         QStringLiteral("Adds or replaces up to 10 users of a Users dataset."),
         {{QStringLiteral("datasetArn"), ApiType::String, true, QStringLiteral("The Users dataset's ARN.")},
          {QStringLiteral("users"), ApiType::List, true,
           QStringLiteral("A JSON list of 1-10 {\"userId\", \"properties\" (a JSON string)}.")}}},
        {kService,
         QStringLiteral("PutItems"),
         QStringLiteral("Adds or replaces up to 10 items of an Items dataset."),
         {{QStringLiteral("datasetArn"), ApiType::String, true, QStringLiteral("The Items dataset's ARN.")},
          {QStringLiteral("items"), ApiType::List, true,
           QStringLiteral("A JSON list of 1-10 {\"itemId\", \"properties\" (a JSON string)}.")}}},
    };
    return all;
}

const ApiOperation* DataPlane::find(const QString& operationName)
{
    for (const ApiOperation& operation : operations()) {
        if (operation.name == operationName)
            return &operation;
    }
    return nullptr;
}

DataPlane::DataPlane(Workspace& workspace)
    : m_workspace(workspace)
{}

DataPlaneReply DataPlane::invoke(const QString& operationName, const QJsonObject& input,
                                 const RequestContext& context)
{
    DataPlaneReply reply;
    if (operationName == QLatin1String("PutEvents")) {
        reply.warnings = m_workspace.recording().putEvents(input, context).warnings;
    } else if (operationName == QLatin1String("PutUsers")) {
        m_workspace.metadataRecords().putUsers(input, context);
    } else if (operationName == QLatin1String("PutItems")) {
        m_workspace.metadataRecords().putItems(input, context);
    } else {
        throw ServiceError::invalidInput(QStringLiteral("Unknown operation %1").arg(operationName));
    }
    return reply;
}

} // namespace footfall
