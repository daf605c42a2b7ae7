#include "ReadinessCommand.h"

#include "DatasetGroupService.h"
#include "Readiness.h"
#include "ReadinessService.h"
#include "Workspace.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace footfall {

namespace {

std::optional<double> minEventValueOf(const QJsonObject& input)
{
    bool ok = false;
    const double value = input.value(QLatin1String("minEventValue")).toString().trimmed().toDouble(&ok);
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

} // namespace

const ApiOperation& ReadinessCommand::operation()
{
    static const ApiOperation readiness = {
        QStringLiteral("readiness"),
        QStringLiteral("Readiness"),
        QStringLiteral("How close a dataset group's interactions are to what training needs (%1 interactions "
                       "and %2 users with at least 2 each), under a solution's event-type and event-value "
                       "filters, and which events were not counted and why.")
            .arg(Readiness::kMinInteractions)
            .arg(Readiness::kMinUsersWithTwo),
        {{QStringLiteral("datasetGroupArn"), ApiType::String, true, QStringLiteral("The dataset group.")},
         {QStringLiteral("eventTypes"), ApiType::List, false,
          QStringLiteral("Count only these event types, as a solution's eventType setting does: a JSON list "
                         "such as [\"click\",\"purchase\"] (default: every type).")},
         {QStringLiteral("minEventValue"), ApiType::String, false,
          QStringLiteral("Count only events whose eventValue is at least this number, as a solution's "
                         "eventValueThreshold does.")}}};
    return readiness;
}

QString ReadinessCommand::usageProblem(const QJsonObject& input)
{
    if (input.contains(QLatin1String("minEventValue")) && !minEventValueOf(input)) {
        return QStringLiteral("argument --min-event-value: invalid number: '%1'")
            .arg(input.value(QLatin1String("minEventValue")).toString());
    }
    if (input.contains(QLatin1String("eventTypes"))) {
        const QJsonValue types = input.value(QLatin1String("eventTypes"));
        const QJsonArray list = types.toArray();
        const bool allStrings =
            types.isArray() && std::all_of(list.begin(), list.end(), [](const QJsonValue& type) {
                return type.isString() && !type.toString().isEmpty();
            });
        if (!allStrings)
            return QStringLiteral("argument --event-types: expected a JSON list of event type names");
    }
    return {};
}

QJsonObject ReadinessCommand::run(Workspace& workspace, const QJsonObject& input)
{
    const DatasetGroup group =
        workspace.datasetGroups().require(input.value(QLatin1String("datasetGroupArn")).toString());
    ReadinessFilter filter;
    for (const QJsonValue& type : input.value(QLatin1String("eventTypes")).toArray())
        filter.eventTypes << type.toString();
    if (input.contains(QLatin1String("minEventValue")))
        filter.minEventValue = minEventValueOf(input);
    const Readiness readiness = workspace.readiness().compute(group.id, filter);
    const auto count = [](qint64 value) { return QJsonValue(double(value)); };
    return {
        {QStringLiteral("datasetGroupArn"), group.arn},
        {QStringLiteral("ready"), readiness.isReady()},
        {QStringLiteral("interactions"), count(readiness.interactions)},
        {QStringLiteral("interactionsNeeded"), count(Readiness::kMinInteractions)},
        {QStringLiteral("usersWithTwoOrMoreInteractions"), count(readiness.usersWithTwoOrMore)},
        {QStringLiteral("usersWithTwoOrMoreNeeded"), count(Readiness::kMinUsersWithTwo)},
        {QStringLiteral("users"), count(readiness.users)},
        {QStringLiteral("anonymousLinked"), count(readiness.anonymousLinked)},
        {QStringLiteral("notCounted"),
         QJsonObject{{QStringLiteral("anonymousNotLinked"), count(readiness.anonymousPending)},
                     {QStringLiteral("notForTraining"), count(readiness.notForTraining)},
                     {QStringLiteral("filteredOut"), count(readiness.filteredOut)},
                     {QStringLiteral("duplicatesCollapsed"), count(readiness.duplicatesCollapsed)}}},
    };
}

} // namespace footfall
