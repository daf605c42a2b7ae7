#include "RuntimePlane.h"

#include "JsonInput.h"
#include "RecommendationService.h"
#include "ServiceError.h"
#include "Workspace.h"

namespace footfall {

namespace {
const QString kService = QStringLiteral("personalize-runtime");
} // namespace

const QList<ApiOperation>& RuntimePlane::operations()
{
    static const QList<ApiOperation> all = {
        {kService,
         QStringLiteral("GetRecommendations"),
         QStringLiteral(
             "Recommends items for a user (or items like an item, for SIMS) from a campaign or recommender."),
         {{QStringLiteral("campaignArn"), ApiType::String, false, QStringLiteral("The campaign's ARN.")},
          {QStringLiteral("recommenderArn"), ApiType::String, false,
           QStringLiteral("A recommender's ARN, instead of a campaign's.")},
          {QStringLiteral("userId"), ApiType::String, false,
           QStringLiteral("The user; a sessionId works for an anonymous user.")},
          {QStringLiteral("itemId"), ApiType::String, false,
           QStringLiteral("The item, for a SIMS campaign.")},
          {QStringLiteral("numResults"), ApiType::Integer, false,
           QStringLiteral("How many items (default 25, at most 500).")}}},
        {kService,
         QStringLiteral("GetPersonalizedRanking"),
         QStringLiteral("Re-ranks a list of items for a user."),
         {{QStringLiteral("campaignArn"), ApiType::String, true, QStringLiteral("The campaign's ARN.")},
          {QStringLiteral("inputList"), ApiType::List, true,
           QStringLiteral("A JSON list of up to 500 item IDs.")},
          {QStringLiteral("userId"), ApiType::String, true, QStringLiteral("The user.")}}},
    };
    return all;
}

const ApiOperation* RuntimePlane::find(const QString& operationName)
{
    for (const ApiOperation& operation : operations()) {
        if (operation.name == operationName)
            return &operation;
    }
    return nullptr;
}

RuntimePlane::RuntimePlane(Workspace& workspace)
    : m_workspace(workspace)
{}

QJsonObject RuntimePlane::invoke(const QString& operationName, const QJsonObject& input)
{
    JsonInput::rejectInvalidText(input, QStringLiteral("input"));
    if (operationName == QLatin1String("GetRecommendations"))
        return m_workspace.recommendations().getRecommendations(input).toJson(QStringLiteral("itemList"));
    if (operationName == QLatin1String("GetPersonalizedRanking"))
        return m_workspace.recommendations().getPersonalizedRanking(input).toJson(
            QStringLiteral("personalizedRanking"));
    throw ServiceError::invalidInput(QStringLiteral("Unknown operation %1").arg(operationName));
}

} // namespace footfall
