#include "ReportCommands.h"

#include "AttributionReport.h"
#include "JsonInput.h"
#include "OutputFile.h"
#include "ReportService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QDateTime>
#include <QTimeZone>

namespace footfall {

using JsonInput::text;

namespace {

const QString kReport = QStringLiteral("report");

QList<ApiMember> rangeMembers()
{
    return {{QStringLiteral("from"), ApiType::String, false,
             QStringLiteral("Start (epoch seconds or ISO 8601, UTC); default: when counting began.")},
            {QStringLiteral("to"), ApiType::String, false,
             QStringLiteral("End, exclusive (epoch seconds or ISO 8601, UTC); default: now.")},
            {QStringLiteral("bucket"), ApiType::String, false,
             QStringLiteral(
                 "15m, 1h, 6h or 1d; default: the smallest that cuts the range into at most 200 windows.")}};
}

int bucketOf(const QJsonObject& input)
{
    if (text(input, "bucket").isEmpty())
        return 0; // fitted to the range
    const auto bucket = AttributionReport::parseBucket(text(input, "bucket"));
    if (!bucket) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter bucket, value: \"%1\", valid values: 15m, 1h, 6h, 1d")
                .arg(text(input, "bucket")),
            QStringLiteral("bucket"));
    }
    return *bucket;
}

QString formatOf(const QJsonObject& input, const QStringList& allowed)
{
    const QString format = text(input, "format").toLower();
    if (!allowed.contains(format)) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter format, value: \"%1\", valid "
                           "values: %2")
                .arg(text(input, "format"), allowed.join(QStringLiteral(", "))),
            QStringLiteral("format"));
    }
    return format;
}

void writeFile(Workspace& workspace, const QString& path, const std::function<void(QIODevice&)>& write)
{
    OutputFile output(path, workspace.path(), QStringLiteral("outfile"));
    write(output.open());
    output.commit();
}

} // namespace

const QList<ApiOperation>& ReportCommands::operations()
{
    static const QList<ApiOperation> all = {
        {kReport, QStringLiteral("Attribution"),
         QStringLiteral("Writes a dataset group's attribution report: values per metric, source and window."),
         QList<ApiMember>{{QStringLiteral("datasetGroupArn"), ApiType::String, true,
                           QStringLiteral("The dataset group whose metric attribution to report.")},
                          {QStringLiteral("metric"), ApiType::String, false,
                           QStringLiteral("Only this metric (its metricName); default: every metric.")}} +
             rangeMembers() +
             QList<ApiMember>{
                 {QStringLiteral("format"), ApiType::String, true,
                  QStringLiteral(
                      "csv (the layout AWS writes to S3), json, png, svg or pdf (a report with charts).")},
                 {QStringLiteral("outfile"), ApiType::String, true,
                  QStringLiteral("The file to write, or - for standard output.")}}},
        {kReport,
         QStringLiteral("Rebuild"),
         QStringLiteral(
             "Recomputes a dataset group's attribution windows and sources from its stored events."),
         {{QStringLiteral("datasetGroupArn"), ApiType::String, true, QStringLiteral("The dataset group.")}}},
        {kReport, QStringLiteral("EventMetrics"),
         QStringLiteral(
             "Writes an event tracker's metrics: PutEvents requests, 4xx errors, latency, events by type."),
         QList<ApiMember>{{QStringLiteral("eventTrackerArn"), ApiType::String, true,
                           QStringLiteral("The event tracker.")}} +
             rangeMembers() +
             QList<ApiMember>{
                 {QStringLiteral("format"), ApiType::String, true, QStringLiteral("csv or json.")},
                 {QStringLiteral("outfile"), ApiType::String, true,
                  QStringLiteral("The file to write, or - for standard output.")}}},
    };
    return all;
}

qint64 ReportCommands::parseTime(const QString& value, const QString& parameter)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return 0;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok && seconds > 0)
        return seconds;
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(trimmed, Qt::ISODate);
    if (time.isValid() && time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc());
    if (!time.isValid()) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter %1, value: \"%2\": use epoch seconds or ISO 8601 "
                           "(2026-11-29T10:00:00Z)")
                .arg(parameter, value),
            parameter);
    }
    return time.toSecsSinceEpoch();
}

QJsonObject ReportCommands::run(Workspace& workspace, const ApiOperation& operation, const QJsonObject& input,
                                const ChartRenderer& renderer)
{
    ReportService& reports = workspace.reports();
    if (operation.name == QLatin1String("Rebuild")) {
        const qint64 windows = reports.rebuild(text(input, "datasetGroupArn"));
        return {{QStringLiteral("datasetGroupArn"), text(input, "datasetGroupArn")},
                {QStringLiteral("windows"), double(windows)}};
    }
    const int bucket = bucketOf(input);
    const qint64 from = parseTime(text(input, "from"), QStringLiteral("from"));
    const qint64 to = parseTime(text(input, "to"), QStringLiteral("to"));
    const QString path = text(input, "outfile");
    OutputFile::checkAllowed(path, workspace.path(), QStringLiteral("outfile"));

    if (operation.name == QLatin1String("EventMetrics")) {
        const QString format = formatOf(input, {QStringLiteral("csv"), QStringLiteral("json")});
        const EventMetricsReport report =
            reports.eventMetrics(text(input, "eventTrackerArn"), from, to, bucket);
        writeFile(workspace, path, [&](QIODevice& output) {
            output.write(format == QLatin1String("csv") ? report.toCsv() : report.toJson());
        });
        if (OutputFile::isStandardOutput(path))
            return {}; // standard output carries the report alone
        return {{QStringLiteral("output"), path},
                {QStringLiteral("windows"), double(report.windows.size())},
                {QStringLiteral("requests"), double(report.totalRequests())},
                {QStringLiteral("errors4xx"), double(report.totalErrors())}};
    }

    const QString format =
        formatOf(input, {QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("png"),
                         QStringLiteral("svg"), QStringLiteral("pdf")});
    const bool chart = format != QLatin1String("csv") && format != QLatin1String("json");
    if (chart && !renderer) {
        throw ServiceError::invalidInput(
            QStringLiteral("This footfall cannot draw charts, so it writes only csv and json"),
            QStringLiteral("format"));
    }
    const AttributionReport report =
        reports.attribution({text(input, "datasetGroupArn"), text(input, "metric"), from, to, bucket});
    writeFile(workspace, path, [&](QIODevice& output) {
        if (chart)
            renderer(report, format, output);
        else
            output.write(format == QLatin1String("csv") ? report.toCsv() : report.toJson());
    });
    if (OutputFile::isStandardOutput(path))
        return {};
    QJsonObject result{{QStringLiteral("output"), path},
                       {QStringLiteral("rows"), double(report.rows.size())},
                       {QStringLiteral("sources"), double(report.sources().size())}};
    if (!report.emptyReason.isEmpty())
        result.insert(QStringLiteral("note"), report.emptyReason);
    return result;
}

} // namespace footfall
