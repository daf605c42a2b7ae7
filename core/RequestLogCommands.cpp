#include "RequestLogCommands.h"

#include "DatasetGroupService.h"
#include "JsonInput.h"
#include "JsonTime.h"
#include "KeysetToken.h"
#include "PutEventsValidator.h"
#include "RequestLogService.h"
#include "Workspace.h"

#include <QJsonArray>

#include <limits>
#include <optional>

namespace footfall {

using JsonInput::text;

namespace {

const QString kService = QStringLiteral("request-log");
constexpr int kRefusalMinutesShown = 20;

const QString kTokenKind = QStringLiteral("request-log");

// ISO 8601 (UTC unless it says otherwise) or epoch seconds, as PutEvents reads sentAt.
std::optional<qint64> parseTime(const QString& text)
{
    return PutEventsValidator::parseSentAt(QJsonValue(text));
}

QJsonObject requestJson(const RequestLogEntry& entry, const QString& datasetGroupArn)
{
    QJsonObject json{{QStringLiteral("requestId"), double(entry.id)},
                     {QStringLiteral("receivedAt"), JsonTime::msToCliText(entry.receivedMs)},
                     {QStringLiteral("channel"), entry.channel},
                     {QStringLiteral("operation"), entry.operation},
                     {QStringLiteral("outcome"), entry.outcome},
                     {QStringLiteral("eventCount"), entry.eventCount},
                     {QStringLiteral("recordedCount"), entry.recordedCount},
                     {QStringLiteral("duplicateCount"), entry.duplicateCount}};
    const auto insertText = [&json](const char* key, const QString& value) {
        if (!value.isEmpty())
            json.insert(QLatin1String(key), value);
    };
    insertText("datasetGroupArn", datasetGroupArn);
    insertText("trackerArn", entry.trackerArn);
    insertText("trackingId", entry.trackingId);
    insertText("errorType", entry.errorType);
    insertText("errorMessage", entry.errorMessage);
    QJsonArray warnings;
    for (const RequestWarning& warning : entry.warnings)
        warnings.append(QJsonObject{{QStringLiteral("path"), warning.path},
                                    {QStringLiteral("message"), warning.message}});
    json.insert(QStringLiteral("warnings"), warnings);
    insertText("body", entry.body);
    json.insert(QStringLiteral("bodyTruncated"), entry.bodyTruncated);
    json.insert(QStringLiteral("bodyRemoved"), entry.bodyRemoved);
    insertText("userAgent", entry.userAgent);
    insertText("accessKeyId", entry.accessKeyId);
    return json;
}

QJsonObject list(Workspace& workspace, const QJsonObject& input)
{
    RequestLogFilter filter;
    QString groupArn;
    if (input.contains(QLatin1String("datasetGroupArn"))) {
        const DatasetGroup group = workspace.datasetGroups().require(text(input, "datasetGroupArn"));
        filter.datasetGroupId = group.id;
        groupArn = group.arn;
    }
    filter.outcome = text(input, "outcome");
    filter.channel = text(input, "channel");
    filter.text = text(input, "text");
    const KeysetToken::Page page = KeysetToken::pageOf(kTokenKind, input);
    QList<RequestLogEntry> entries = workspace.requestLog().list(filter, page.limit + 1, page.position);
    const bool more = KeysetToken::cutToPage(entries, page.limit);
    QHash<qint64, QString> groupArns;
    QJsonArray requests;
    for (const RequestLogEntry& entry : entries) {
        QString arn = groupArn;
        if (arn.isEmpty() && entry.datasetGroupId > 0) {
            auto known = groupArns.constFind(entry.datasetGroupId);
            if (known == groupArns.constEnd()) {
                const auto group = workspace.datasetGroups().findById(entry.datasetGroupId);
                known = groupArns.insert(entry.datasetGroupId, group ? group->arn : QString());
            }
            arn = *known;
        }
        requests.append(requestJson(entry, arn));
    }
    QJsonObject output{{QStringLiteral("requests"), requests}};
    if (more)
        output.insert(QStringLiteral("nextToken"), KeysetToken::encode(kTokenKind, input, entries.last().id));
    return output;
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
        {kService, QStringLiteral("List"),
         QStringLiteral("The requests the log holds, newest first, accepted and rejected, with their errors, "
                        "warnings and bodies. Every page is printed unless --max-items, --max-results or "
                        "--no-paginate says otherwise."),
         QList<ApiMember>{
             {QStringLiteral("datasetGroupArn"), ApiType::String, false,
              QStringLiteral("Only requests to this dataset group's trackers (default: every request, "
                             "including those that named no known tracker).")},
             {QStringLiteral("outcome"), ApiType::String, false,
              QStringLiteral("Only requests with this outcome: %1.")
                  .arg(RequestLogEntry::outcomes().join(QStringLiteral(", ")))},
             {QStringLiteral("channel"), ApiType::String, false,
              QStringLiteral("Only requests that came this way: %1.")
                  .arg(RequestLogEntry::channels().join(QStringLiteral(", ")))},
             {QStringLiteral("text"), ApiType::String, false,
              QStringLiteral("Only requests with this text in their error, body or tracking ID.")}} +
             KeysetToken::pagingMembers(QStringLiteral("requests"))},
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
    if (operation.name == QLatin1String("List")) {
        const QList<std::pair<const char*, QStringList>> choices = {{"outcome", RequestLogEntry::outcomes()},
                                                                    {"channel", RequestLogEntry::channels()}};
        for (const auto& [key, valid] : choices) {
            if (input.contains(QLatin1String(key)) && !valid.contains(text(input, key))) {
                return QStringLiteral("argument --%1: Invalid choice '%2', valid choices are: %3")
                    .arg(QLatin1String(key), text(input, key), valid.join(QStringLiteral(", ")));
            }
        }
        return {};
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
    if (operation.name == QLatin1String("List"))
        return list(workspace, input);
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
