#pragma once

#include "ApiOperation.h"

#include <QHash>
#include <QJsonObject>

#include <functional>

namespace footfall {

class Workspace;

// The Amazon Personalize control plane (service "personalize", JSON 1.1): every operation by its
// AWS name, taking and returning the JSON shapes of the service model. The command line and the
// endpoint both call invoke(); the console uses the typed services directly.
class ControlPlane
{
public:
    explicit ControlPlane(Workspace& workspace);
    Q_DISABLE_COPY_MOVE(ControlPlane)

    static const QList<ApiOperation>& operations();
    static const ApiOperation* find(const QString& operationName);

    // Throws ServiceError for bad input or unknown resources; an unknown operation name is an
    // InvalidInputException here (the endpoint maps it to UnknownOperationException first).
    QJsonObject invoke(const QString& operationName, const QJsonObject& input);

private:
    using Handler = std::function<QJsonObject(const QJsonObject&)>;
    QHash<QString, Handler> m_handlers;
    Workspace& m_workspace;
};

} // namespace footfall
