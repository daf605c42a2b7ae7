#include "RequestLogCommands.h"

#include "RequestLogService.h"
#include "Workspace.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

#include <limits>
#include <optional>

namespace footfall {

namespace {

const QString kService = QStringLiteral("request-log");
constexpr int kRefusalMinutesShown = 20;

// ISO 8601 (UTC unless it says otherwise) or epoch seconds.
std::optional<qint64> parseTime(const QString& text)
{
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (isNumber)
        return qint64(seconds * 1000);
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc());
    return time.toMSecsSinceEpoch();
}

RequestLogSettings settingsFrom(const QJsonObject& input, RequestLogSettings settings)
{
    if (input.contains(QLatin1String("retentionDays")))
        settings.retentionDays = input.value(QLatin1String("retentionDays")).toInt();
    if (input.contains(QLatin1String("maxSizeMib")))
        settings.maxSizeMib = input.value(QLatin1String("maxSizeMib")).toInt();
    return settings;
}

// Out-of-range numbers must not wrap into valid ones on their way to int.
bool fitsInt(const QJsonObject& input, const char* key)
{
    const double value = input.value(QLatin1String(key)).toDouble();
    return value >= std::numeric_limits<int>::min() && value <= std::numeric_limits<int>::max();
}

QJsonObject describe(Workspace& workspace)
{
    RequestLogService& log = workspace.requestLog();
    const RequestLogSettings settings = log.settings();
    const RequestLogUsage usage = log.usage();
    QJsonArray refusals;
    for (const RequestRefusalCount& count : log.refusals(kRefusalMinutesShown)) {
        refusals.append(QJsonObject{{QStringLiteral("minuteDateTime"), double(count.minuteMs / 1000)},
                                    {QStringLiteral("reason"), count.reason},
                                    {QStringLiteral("count"), double(count.count)}});
    }
    QJsonObject output{{QStringLiteral("retentionDays"), settings.retentionDays},
                       {QStringLiteral("maxSizeMib"), settings.maxSizeMib},
                       {QStringLiteral("rows"), double(usage.rows)},
                       {QStringLiteral("storedBytes"), double(usage.bytes)},
                       {QStringLiteral("refusedBeforeAuthentication"), refusals}};
    if (usage.oldestMs > 0)
        output.insert(QStringLiteral("oldestReceivedDateTime"), double(usage.oldestMs / 1000));
    return output;
}

} // namespace

const QList<ApiOperation>& RequestLogCommands::operations()
{
    static const QList<ApiOperation> all = {
        {kService,
         QStringLiteral("Configure"),
         QStringLiteral("Sets how long (days) and up to what size (MiB) the request log keeps requests."),
         {{QStringLiteral("retentionDays"), ApiType::Integer, false,
           QStringLiteral("Requests older than this many days are removed (1-3650; default 7).")},
          {QStringLiteral("maxSizeMib"), ApiType::Integer, false,
           QStringLiteral("The oldest requests are removed while the log holds more than this many MiB "
                          "(1-1048576; default 256), measured as the bytes of each row's text.")}}},
        {kService,
         QStringLiteral("Describe"),
         QStringLiteral("The retention policy, the rows and bytes held, and the refusal counts."),
         {}},
        {kService,
         QStringLiteral("Purge"),
         QStringLiteral("Removes requests received before a time, or all of them."),
         {{QStringLiteral("before"), ApiType::String, false,
           QStringLiteral("Remove requests received before this time (ISO 8601, UTC unless an offset is "
                          "given, or epoch seconds).")},
          {QStringLiteral("all"), ApiType::Boolean, false, QStringLiteral("Remove every request.")}}},
    };
    return all;
}

QString RequestLogCommands::usageProblem(const ApiOperation& operation, const QJsonObject& input)
{
    if (operation.name == QLatin1String("Configure")) {
        if (input.isEmpty())
            return QStringLiteral(
                "at least one of the arguments --retention-days --max-size-mib is required");
        for (const char* key : {"retentionDays", "maxSizeMib"}) {
            if (input.contains(QLatin1String(key)) && !fitsInt(input, key))
                return QStringLiteral("argument %1: value out of range")
                    .arg(QStringLiteral("--") + ApiOperation::toKebabCase(QLatin1String(key)));
        }
        const QString problem = RequestLogService::problemWith(settingsFrom(input, {}));
        return problem.isEmpty() ? QString() : QStringLiteral("argument: %1").arg(problem);
    }
    if (operation.name == QLatin1String("Purge")) {
        const bool before = input.contains(QLatin1String("before"));
        const bool all = input.contains(QLatin1String("all"));
        if (before == all)
            return QStringLiteral("exactly one of the arguments --before --all is required");
        if (before && !parseTime(input.value(QLatin1String("before")).toString())) {
            return QStringLiteral("argument --before: invalid time: '%1' (ISO 8601 or epoch seconds)")
                .arg(input.value(QLatin1String("before")).toString());
        }
    }
    return {};
}

QJsonObject RequestLogCommands::run(Workspace& workspace, const ApiOperation& operation,
                                    const QJsonObject& input)
{
    RequestLogService& log = workspace.requestLog();
    if (operation.name == QLatin1String("Configure")) {
        log.configure(settingsFrom(input, log.settings()));
        log.applyRetention();
        return describe(workspace);
    }
    if (operation.name == QLatin1String("Purge")) {
        const qint64 beforeMs = input.contains(QLatin1String("all"))
                                    ? std::numeric_limits<qint64>::max()
                                    : *parseTime(input.value(QLatin1String("before")).toString());
        const RequestLogTrim trim = log.purge(beforeMs);
        return {{QStringLiteral("removedRows"), double(trim.removed)},
                {QStringLiteral("keptWithoutBody"), double(trim.bodiesRemoved)},
                {QStringLiteral("refusalMinutesRemoved"), double(trim.refusalMinutesRemoved)}};
    }
    return describe(workspace);
}

} // namespace footfall
