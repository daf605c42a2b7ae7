#include "FileCommands.h"

#include "DatasetExporter.h"
#include "DatasetGroupService.h"
#include "DatasetImporter.h"
#include "DatasetService.h"
#include "JsonInput.h"
#include "OutputFile.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QJsonArray>

namespace footfall {

using JsonInput::text;

namespace {

const QString kImport = QStringLiteral("import");
const QString kExport = QStringLiteral("export");

QList<ApiMember> importMembers(const QString& what)
{
    return {
        {QStringLiteral("datasetGroupArn"), ApiType::String, true,
         QStringLiteral("The dataset group whose %1 dataset receives the rows.").arg(what)},
        {QStringLiteral("file"), ApiType::String, true,
         QStringLiteral("A CSV file with a header row of schema columns (any order).")},
        {QStringLiteral("mode"), ApiType::String, false,
         QStringLiteral("INCREMENTAL (default) appends; FULL replaces the earlier bulk-imported rows.")},
        {QStringLiteral("report"), ApiType::String, false,
         QStringLiteral("Write every row that was not accepted (line, status, reason) to this CSV file.")}};
}

} // namespace

const QList<ApiOperation>& FileCommands::operations()
{
    static const QList<ApiOperation> all = {
        {kImport, QStringLiteral("Interactions"),
         QStringLiteral("Imports interactions from CSV, each row checked as PutEvents checks an event."),
         importMembers(QStringLiteral("Interactions"))},
        {kImport, QStringLiteral("Users"), QStringLiteral("Imports users from CSV into the Users dataset."),
         importMembers(QStringLiteral("Users"))},
        {kImport, QStringLiteral("Items"), QStringLiteral("Imports items from CSV into the Items dataset."),
         importMembers(QStringLiteral("Items"))},
        {kExport,
         QStringLiteral("Interactions"),
         QStringLiteral("Writes the Interactions dataset in the bulk-import CSV layout (or JSON)."),
         {{QStringLiteral("datasetGroupArn"), ApiType::String, true,
           QStringLiteral("The dataset group to export.")},
          {QStringLiteral("outfile"), ApiType::String, true,
           QStringLiteral("The file to write, or - for standard output.")},
          {QStringLiteral("format"), ApiType::String, false, QStringLiteral("csv (default) or json.")}}},
    };
    return all;
}

QJsonObject FileCommands::run(Workspace& workspace, const ApiOperation& operation, const QJsonObject& input)
{
    // Before anything is looked up or opened: none of the files named may be the database's.
    for (const char* parameter : {"outfile", "file", "report"})
        OutputFile::checkAllowed(text(input, parameter), workspace.path(), QLatin1String(parameter));
    const DatasetGroup group = workspace.datasetGroups().require(text(input, "datasetGroupArn"));
    if (operation.service == kExport) {
        const QString format =
            text(input, "format").isEmpty() ? QStringLiteral("csv") : text(input, "format").toLower();
        if (format != QLatin1String("csv") && format != QLatin1String("json")) {
            throw ServiceError::invalidInput(
                QStringLiteral("Invalid value for parameter format, value: \"%1\", valid values: csv, json")
                    .arg(format),
                QStringLiteral("format"));
        }
        OutputFile output(text(input, "outfile"), workspace.path(), QStringLiteral("outfile"));
        const qint64 rows = DatasetExporter(workspace).exportInteractions(
            group.arn, output.open(),
            format == QLatin1String("json") ? ExportFormat::Json : ExportFormat::Csv);
        output.commit();
        if (OutputFile::isStandardOutput(output.path()))
            return {}; // standard output carries the rows alone
        return {{QStringLiteral("rows"), double(rows)}, {QStringLiteral("output"), output.path()}};
    }

    const QString modeText =
        text(input, "mode").isEmpty() ? QStringLiteral("INCREMENTAL") : text(input, "mode").toUpper();
    if (modeText != QLatin1String("FULL") && modeText != QLatin1String("INCREMENTAL")) {
        throw ServiceError::invalidInput(
            QStringLiteral("Invalid value for parameter mode, value: \"%1\", valid values: FULL, INCREMENTAL")
                .arg(text(input, "mode")),
            QStringLiteral("mode"));
    }
    const auto type = DatasetTypes::fromString(operation.name);
    const auto dataset = workspace.datasets().findForGroup(group.id, *type);
    if (!dataset) {
        throw ServiceError::notFound(
            QStringLiteral("Dataset group %1 has no %2 dataset").arg(group.name, operation.name),
            QStringLiteral("datasetGroupArn"));
    }
    std::unique_ptr<OutputFile> report;
    if (!text(input, "report").isEmpty()) {
        report =
            std::make_unique<OutputFile>(text(input, "report"), workspace.path(), QStringLiteral("report"));
        report->open();
    }
    const ImportReport result = DatasetImporter(workspace).importFile(
        dataset->arn, text(input, "file"),
        modeText == QLatin1String("FULL") ? ImportMode::Full : ImportMode::Incremental, {},
        report ? &report->device() : nullptr);
    if (report) {
        try {
            report->commit();
        } catch (const ServiceError& error) {
            throw ServiceError::invalidInput(
                QStringLiteral("The import was stored (%1), but its report was not: %2")
                    .arg(result.summary(), error.message()),
                QStringLiteral("report"));
        }
    }
    QJsonObject output{{QStringLiteral("datasetArn"), dataset->arn},
                       {QStringLiteral("mode"), modeText},
                       {QStringLiteral("rows"), double(result.rows)},
                       {QStringLiteral("accepted"), double(result.accepted)},
                       {QStringLiteral("rejected"), double(result.rejected)},
                       {QStringLiteral("duplicates"), double(result.duplicates)},
                       {QStringLiteral("replaced"), double(result.replaced)}};
    if (!result.notes.isEmpty())
        output.insert(QStringLiteral("notes"), QJsonArray::fromStringList(result.notes));
    QJsonArray problems;
    for (int i = 0; i < std::min<int>(20, int(result.problems.size())); ++i) {
        const ImportRowProblem& problem = result.problems.at(i);
        problems.append(QJsonObject{{QStringLiteral("line"), double(problem.line)},
                                    {QStringLiteral("status"), problem.status},
                                    {QStringLiteral("reason"), problem.reason}});
    }
    if (!problems.isEmpty())
        output.insert(QStringLiteral("firstProblems"), problems);
    return output;
}

} // namespace footfall
