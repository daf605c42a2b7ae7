#pragma once

#include "ReportCommands.h"
#include "ServiceConfig.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

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
        QStringList commandArguments;
        bool help = false;
        bool version = false;
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
    void printResult(const QJsonObject& result);
    // Runs `body`; a ServiceError is printed as the AWS CLI prints it ("An error occurred (<type>)
    // when calling <what>: <message>") and gives 254, a StorageError gives 255.
    int reportingErrors(const QString& what, const std::function<void()>& body);
    int usageError(const QString& message);
    void printTopLevelHelp();
    QString extraCommandsHelp() const;
    void printGroupHelp(const QString& group);
    void printOperationHelp(const ApiOperation& operation);

    QTextStream& m_out;
    QTextStream& m_err;
    struct Extra
    {
        QString summary;
        ExtraCommand command;
    };
    QMap<QString, Extra> m_extraCommands;
    ReportCommands::ChartRenderer m_chartRenderer;
};

} // namespace footfall
