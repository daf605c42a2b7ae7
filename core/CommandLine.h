#pragma once

#include "CliPaginator.h"
#include "JmesPath.h"
#include "ReportCommands.h"
#include "ServiceConfig.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <optional>

namespace footfall {

struct ApiOperation;
class Workspace;

// Footfall's command line, mirroring the AWS CLI: `footfall [--db FILE] personalize
// create-event-tracker --name T --dataset-group-arn A` prints the AWS response as JSON. Exit codes
// are the AWS CLI's: 0 success, 252 usage error, 254 service error; 255 when the database cannot
// be opened or another failure stops the command.
class CommandLine
{
public:
    enum ExitCode
    {
        Success = 0,
        UsageError = 252,
        ServiceFailure = 254,
        OtherFailure = 255
    };

    struct GlobalOptions
    {
        QString databasePath; // empty: the default database
        QString region;
        std::optional<QString> query; // --query before the command
        QString output;               // --output before the command (json, text or table)
        QStringList commandArguments;
        bool help = false;
        bool version = false;
        bool debug = false;      // --debug before the command
        bool noPaginate = false; // --no-paginate before the command
        QString error;
    };

    CommandLine(QTextStream& out, QTextStream& err);
    Q_DISABLE_COPY_MOVE(CommandLine)

    // `arguments` excludes the program name.
    int run(const QStringList& arguments);

    // A command that lives outside core (the endpoint's `serve`): it gets the global options and
    // the arguments after its name, and returns the exit code.
    using ExtraCommand = std::function<int(const GlobalOptions& global, const QStringList& arguments)>;
    void addCommand(const QString& name, const QString& summary, ExtraCommand command);

    // Lets `report attribution` write png, svg and pdf.
    void setChartRenderer(ReportCommands::ChartRenderer renderer) { m_chartRenderer = std::move(renderer); }

    static QString databasePathOf(const GlobalOptions& global);
    static ServiceConfig configOf(const GlobalOptions& global);

    static GlobalOptions parseGlobalOptions(const QStringList& arguments);
    // True when the arguments name no command (or only --db): the console should start.
    static bool startsConsole(const QStringList& arguments);

private:
    int runOperation(const GlobalOptions& global, const ApiOperation& operation,
                     const QStringList& arguments);
    int runDataPlaneOperation(Workspace& workspace, const ApiOperation& operation, const QJsonObject& input);
    int runFileCommand(Workspace& workspace, const ApiOperation& operation, const QJsonObject& input);
    // A List operation's pages, printed as the AWS CLI prints them: with json and table output the
    // pages' lists as one, then NextToken; with text output each page by itself, --query applied
    // to each, then NextToken.
    void printList(const ApiOperation& operation, const CliPaginator& paginator,
                   const CliPaginator::Invoke& invoke);
    // Prints an operation's result as --output and --query ask (JSON by default).
    void printResult(const ApiOperation& operation, const QJsonValue& result);
    // Reads --query and --output (after the operation or before the command); false after printing
    // a usage error.
    bool takeQuery(const QString& expression);
    bool takeOutputFormat(const QString& format);
    // Runs `body`; a ServiceError is printed as the AWS CLI prints it ("An error occurred (<type>)
    // when calling <what>: <message>") and gives 254, a StorageError gives 255.
    int reportingErrors(const QString& what, const std::function<void()>& body);
    // --debug: a line on stderr of what went in or came out, with the time since the command began.
    void debug(const QString& what, const QString& detail);
    // The same for a request or response, as compact JSON (written only when --debug is on).
    void debugJson(const QString& what, const QJsonValue& value);
    // A value the CLI cannot use, as the AWS CLI words it: the message alone, without the usage
    // lines (exit 252 unless given).
    int parameterError(const QString& message, int exitCode = UsageError);
    int usageError(const QString& message);
    void printTopLevelHelp();
    QString extraCommandsHelp() const;
    void printGroupHelp(const QString& group);
    void printBashCompletion();
    void printOperationHelp(const ApiOperation& operation);

    QTextStream& m_out;
    QTextStream& m_err;
    std::optional<JmesPath> m_query;
    bool m_debug = false;
    QElapsedTimer m_debugClock;
    QString m_outputFormat;
    struct Extra
    {
        QString summary;
        ExtraCommand command;
    };
    QMap<QString, Extra> m_extraCommands;
    ReportCommands::ChartRenderer m_chartRenderer;
};

} // namespace footfall
