#pragma once

#include "ApiOperation.h"

#include <QJsonObject>

namespace footfall {

class Workspace;

// The Amazon Personalize Runtime (service "personalize-runtime", rest-json): GetRecommendations
// (POST /recommendations) and GetPersonalizedRanking (POST /personalize-ranking), for the command
// line and the endpoint.
class RuntimePlane
{
public:
    explicit RuntimePlane(Workspace& workspace);
    Q_DISABLE_COPY_MOVE(RuntimePlane)

    static const QList<ApiOperation>& operations();
    static const ApiOperation* find(const QString& operationName);

    // Throws ServiceError.
    QJsonObject invoke(const QString& operationName, const QJsonObject& input);

private:
    Workspace& m_workspace;
};

} // namespace footfall
