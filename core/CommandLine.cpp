#include "CommandLine.h"

#include "CliCompletion.h"
#include "CliJsonWriter.h"
#include "CliParameterParser.h"
#include "CliSkeleton.h"
#include "CliTableFormatter.h"
#include "CliTextFormatter.h"
#include "ControlPlane.h"
#include "DataPlane.h"
#include "DatabaseFiles.h"
#include "DatabaseOpenError.h"
#include "EventsCommands.h"
#include "FileCommands.h"
#include "JmesPathError.h"
#include "JsonTime.h"
#include "ParamValidator.h"
#include "ReadinessCommand.h"
#include "ReportCommands.h"
#include "RequestLogCommands.h"
#include "RuntimePlane.h"
#include "SampleCommand.h"
#include "ServiceConfig.h"
#include "ServiceError.h"
#include "ServiceShapes.h"
#include "Workspace.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <functional>
#include <optional>

namespace footfall {

namespace {

// A subcommand's summary in a list of subcommands: its first sentence; its help has all of it.
QString firstSentence(const QString& summary)
{
    const qsizetype end = summary.indexOf(QLatin1String(". "));
    return end < 0 ? summary : summary.left(end + 1);
}

// `text` in lines of at most `width` characters, each after `indent`.
QString wrapped(const QString& text, const QString& indent, int width = 72)
{
    QString lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines += indent + line + QLatin1Char('\n');
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    return lines + indent + line;
}

const QString kPersonalizeGroup = QStringLiteral("personalize");
const QString kEventsGroup = QStringLiteral("personalize-events");
const QString kRuntimeGroup = QStringLiteral("personalize-runtime");
const QString kReportGroup = QStringLiteral("report");
const QString kRequestLogGroup = QStringLiteral("request-log");
const QString kRecordedEventsGroup = QStringLiteral("events");
// A command without subcommands: `footfall readiness --dataset-group-arn …`.
const QString kReadinessCommand = QStringLiteral("readiness");
const QStringList kGroups = {
    kPersonalizeGroup,        kEventsGroup, kRuntimeGroup,    QStringLiteral("import"),
    QStringLiteral("export"), kReportGroup, kRequestLogGroup, kRecordedEventsGroup,
    kReadinessCommand};

QList<const ApiOperation*> operationsOf(const QString& group)
{
    QList<const ApiOperation*> found;
    for (const QList<ApiOperation>* catalog :
         {&ControlPlane::operations(), &DataPlane::operations(), &RuntimePlane::operations(),
          &FileCommands::operations(), &ReportCommands::operations(), &RequestLogCommands::operations(),
          &EventsCommands::operations()}) {
        for (const ApiOperation& operation : *catalog) {
            if (operation.service == group)
                found << &operation;
        }
    }
    return found;
}

const QStringList kOutputFormats = {QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("table")};

// The AWS CLI's words for an expression it cannot compile: jmespath's message, the expression and
// a caret under the offending column.
QString queryProblem(const QString& expression, const JmesPathError& error)
{
    const QString caret = QString(qMax<qsizetype>(error.position(), 0), QLatin1Char(' ')) + QLatin1Char('^');
    QString detail;
    switch (error.kind()) {
    case JmesPathError::Kind::Lexer:
        detail =
            QStringLiteral("Bad jmespath expression: %1:\n%2\n%3").arg(error.message(), expression, caret);
        break;
    case JmesPathError::Kind::Parse:
        detail = error.message() == QLatin1String("Incomplete expression")
                     ? QStringLiteral("Invalid jmespath expression: Incomplete expression:\n\"%1\"\n %2")
                           .arg(expression, caret)
                     : QStringLiteral("%1: Parse error at column %2, for expression:\n\"%3\"\n %4")
                           .arg(error.message())
                           .arg(error.position())
                           .arg(expression, caret);
        break;
    default:
        detail = error.message();
    }
    return QStringLiteral("Bad value for --query %1: %2").arg(expression, detail);
}

bool isHelpWord(const QString& argument)
{
    return argument == QLatin1String("help") || argument == QLatin1String("--help") ||
           argument == QLatin1String("-h");
}

// The AWS CLI prints timestamps as ISO 8601; the services hand them out as epoch seconds.
QJsonValue forDisplay(const QJsonValue& value, const QString& key = {})
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = forDisplay(it.value(), it.key());
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = forDisplay(*it);
        return array;
    }
    if (value.isDouble() && key.endsWith(QLatin1String("DateTime")))
        return JsonTime::toCliText(value.toDouble());
    return value;
}

// The AWS CLI's paging flags of every List operation (an operation with a nextToken).
const QList<ApiMember>& pagingFlags()
{
    static const QList<ApiMember> flags = {
        {QStringLiteral("startingToken"), ApiType::String, false,
         QStringLiteral("Where to go on: the NextToken a previous command printed.")},
        {QStringLiteral("pageSize"), ApiType::Integer, false,
         QStringLiteral("How many items each request asks for (its maxResults); every page is still "
                        "printed.")},
        {QStringLiteral("maxItems"), ApiType::Integer, false,
         QStringLiteral("At most this many items in all; when more are left, NextToken (for "
                        "--starting-token) says where the list goes on.")}};
    return flags;
}

bool isPaged(const ApiOperation& operation)
{
    return operation.member(QStringLiteral("nextToken")) != nullptr;
}

} // namespace

CommandLine::CommandLine(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{
    addCommand(QStringLiteral("sample"),
               QStringLiteral("a new database with a sample dataset group to explore"),
               [this](const GlobalOptions& global, const QStringList& arguments) {
                   return SampleCommand::run(configOf(global), arguments, m_out, m_err);
               });
}

CommandLine::GlobalOptions CommandLine::parseGlobalOptions(const QStringList& arguments)
{
    GlobalOptions options;
    int i = 0;
    for (; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--db") || argument == QLatin1String("--region") ||
            argument == QLatin1String("--query") || argument == QLatin1String("--output")) {
            if (i + 1 >= arguments.size()) {
                options.error = QStringLiteral("argument %1: expected one argument").arg(argument);
                return options;
            }
            const QString value = arguments.at(++i);
            if (argument == QLatin1String("--db"))
                options.databasePath = value;
            else if (argument == QLatin1String("--region"))
                options.region = value;
            else if (argument == QLatin1String("--query"))
                options.query = value;
            else
                options.output = value;
        } else if (argument.startsWith(QLatin1String("--query="))) {
            options.query = argument.mid(8);
        } else if (argument.startsWith(QLatin1String("--output="))) {
            options.output = argument.mid(9);
        } else if (argument.startsWith(QLatin1String("--db="))) {
            options.databasePath = argument.mid(5);
        } else if (argument.startsWith(QLatin1String("--region="))) {
            options.region = argument.mid(9);
        } else if (argument == QLatin1String("--help") || argument == QLatin1String("-h")) {
            options.help = true;
        } else if (argument == QLatin1String("--version")) {
            options.version = true;
        } else if (argument == QLatin1String("--debug")) {
            options.debug = true;
        } else if (argument == QLatin1String("--no-paginate")) {
            options.noPaginate = true;
        } else {
            break;
        }
    }
    options.commandArguments = arguments.mid(i);
    return options;
}

bool CommandLine::startsConsole(const QStringList& arguments)
{
    const GlobalOptions options = parseGlobalOptions(arguments);
    return options.error.isEmpty() && !options.help && !options.version && options.commandArguments.isEmpty();
}

int CommandLine::run(const QStringList& arguments)
{
    const GlobalOptions global = parseGlobalOptions(arguments);
    if (!global.error.isEmpty())
        return usageError(global.error);
    if (global.version) {
        m_out << QStringLiteral("footfall %1\n").arg(QStringLiteral(FOOTFALL_VERSION));
        return Success;
    }
    QStringList rest = global.commandArguments;
    // `footfall help <command> <subcommand>` reads as `footfall <command> <subcommand> --help`.
    if (rest.size() > 1 && rest.first() == QLatin1String("help"))
        rest = rest.mid(1) << QStringLiteral("--help");
    if (global.help || rest.isEmpty() || isHelpWord(rest.first())) {
        printTopLevelHelp();
        return global.help || (!rest.isEmpty()) ? int(Success) : int(UsageError);
    }
    const QString group = rest.first();
    if (group == QLatin1String("completion")) {
        if (rest.size() != 2 || rest.at(1) != QLatin1String("bash"))
            return usageError(QStringLiteral("argument shell: Invalid choice, valid choices are:\n\nbash"));
        printBashCompletion();
        return Success;
    }
    if (const auto extra = m_extraCommands.constFind(group); extra != m_extraCommands.constEnd())
        return extra->command(global, rest.mid(1));
    if (!kGroups.contains(group)) {
        return usageError(QStringLiteral("argument command: Invalid choice '%1', valid choices are: %2")
                              .arg(group, (kGroups + m_extraCommands.keys()).join(QStringLiteral(", "))));
    }
    if (group == kReadinessCommand)
        return runOperation(global, ReadinessCommand::operation(), rest.mid(1));
    if (rest.size() < 2 || isHelpWord(rest.at(1))) {
        printGroupHelp(group);
        return rest.size() < 2 ? int(UsageError) : int(Success);
    }
    for (const ApiOperation* operation : operationsOf(group)) {
        if (operation->cliName() == rest.at(1))
            return runOperation(global, *operation, rest.mid(2));
    }
    QStringList names;
    for (const ApiOperation* operation : operationsOf(group))
        names << operation->cliName();
    return usageError(QStringLiteral("argument operation: Invalid choice '%1', valid choices are:\n\n  %2")
                          .arg(rest.at(1), names.join(QStringLiteral("\n  "))));
}

int CommandLine::runOperation(const GlobalOptions& global, const ApiOperation& operation,
                              const QStringList& arguments)
{
    m_query.reset();
    m_debug = global.debug;
    m_debugClock.start();
    m_outputFormat = qEnvironmentVariable("AWS_DEFAULT_OUTPUT", QStringLiteral("json"));
    if (global.query && !takeQuery(*global.query))
        return UsageError;
    if (!global.output.isEmpty() && !takeOutputFormat(global.output))
        return UsageError;
    // Footfall's file commands named their file --output before --outfile; that spelling still works.
    const bool writesFile = operation.member(QStringLiteral("outfile")) != nullptr;
    const ServiceShapes& shapes = ServiceShapes::instance();
    const QString inputShape = shapes.inputShape(operation.service, operation.name);
    const CliParameterParser parameters(databasePathOf(global));
    QJsonObject input;
    QJsonObject paging; // --starting-token, --page-size and --max-items
    bool noPaginate = global.noPaginate;
    QStringList unknown;
    std::optional<QString> cliInputJson;
    QString skeleton; // --generate-cli-skeleton's input or output
    for (int i = 0; i < arguments.size(); ++i) {
        QString flag = arguments.at(i);
        if (isHelpWord(flag)) {
            printOperationHelp(operation);
            return Success;
        }
        QString text;
        bool hasInlineValue = false;
        if (const int equals = flag.indexOf(QLatin1Char('='));
            flag.startsWith(QLatin1String("--")) && equals > 0) {
            text = flag.mid(equals + 1);
            flag = flag.left(equals);
            hasInlineValue = true;
        }
        if (flag == QLatin1String("--query") || flag == QLatin1String("--output")) {
            if (!hasInlineValue) {
                if (i + 1 >= arguments.size())
                    return usageError(QStringLiteral("argument %1: expected one argument").arg(flag));
                text = arguments.at(++i);
                hasInlineValue = true;
            }
            if (flag == QLatin1String("--output") && writesFile && !kOutputFormats.contains(text)) {
                m_err << QStringLiteral("footfall: --output for the file is deprecated; use --outfile %1\n")
                             .arg(text);
                flag = QStringLiteral("--outfile");
            } else {
                if (!(flag == QLatin1String("--query") ? takeQuery(text) : takeOutputFormat(text)))
                    return UsageError;
                continue;
            }
        }
        if (flag == QLatin1String("--debug")) {
            m_debug = true;
            continue;
        }
        if (flag == QLatin1String("--cli-input-json")) {
            if (!hasInlineValue) {
                if (i + 1 >= arguments.size())
                    return usageError(QStringLiteral("argument %1: expected one argument").arg(flag));
                text = arguments.at(++i);
            }
            cliInputJson = text;
            continue;
        }
        if (flag == QLatin1String("--generate-cli-skeleton")) {
            // An optional value, as argparse's nargs='?': the next word unless it is a flag.
            skeleton = QStringLiteral("input");
            if (hasInlineValue)
                skeleton = text;
            else if (i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(QLatin1Char('-')))
                skeleton = arguments.at(++i);
            if (skeleton == QLatin1String("yaml-input")) {
                return usageError(
                    QStringLiteral("argument %1: yaml-input is not available: footfall reads no "
                                   "YAML; use input, which --cli-input-json reads")
                        .arg(flag));
            }
            if (skeleton != QLatin1String("input") && skeleton != QLatin1String("output")) {
                return usageError(
                    QStringLiteral("argument %1: Invalid choice, valid choices are:\n\ninput | output")
                        .arg(flag));
            }
            continue;
        }
        if (flag == QLatin1String("--no-paginate") && !hasInlineValue) {
            noPaginate = true;
            continue;
        }
        const ApiMember* member = nullptr;
        for (const ApiMember& candidate : operation.members) {
            if (candidate.cliFlag() == flag)
                member = &candidate;
        }
        bool pagingFlag = false;
        for (const ApiMember& candidate : isPaged(operation) ? pagingFlags() : QList<ApiMember>()) {
            if (!member && candidate.cliFlag() == flag) {
                member = &candidate;
                pagingFlag = true;
            }
        }
        if (!member) {
            unknown << arguments.at(i);
            continue;
        }
        QStringList words;
        if (hasInlineValue)
            words << text;
        // A list takes every word up to the next flag (`--event-types click buy`), as argparse's
        // nargs='*'; anything else one word.
        const bool takesWords = member->type == ApiType::List;
        while (member->type != ApiType::Boolean && (words.isEmpty() || takesWords) &&
               i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(QLatin1String("--")))
            words << arguments.at(++i);
        if (words.isEmpty() && member->type != ApiType::Boolean && !takesWords)
            return usageError(QStringLiteral("argument %1: expected one argument").arg(flag));
        const CliParameterParser::Parsed parsed = parameters.member(
            *member, pagingFlag ? QString() : shapes.memberShape(inputShape, member->name), words);
        if (!parsed.error.isEmpty())
            return parameterError(parsed.error);
        (pagingFlag ? paging : input).insert(member->name, parsed.value);
    }
    if (!unknown.isEmpty())
        return usageError(QStringLiteral("Unknown options: %1").arg(unknown.join(QStringLiteral(", "))));
    if (skeleton == QLatin1String("input")) {
        // Nothing else is read, checked or opened: the skeleton is what a request could hold.
        if (inputShape.isEmpty()) {
            QStringList order;
            for (const ApiMember& member : operation.members)
                order << member.name;
            m_out << CliJsonWriter::indented(CliSkeleton::forMembers(operation), {}, true, {order});
        } else {
            m_out << CliJsonWriter::indented(
                CliSkeleton::forShape(inputShape, CliSkeleton::Strings::Placeholders), inputShape, false);
        }
        return Success;
    }
    if (cliInputJson) {
        const CliParameterParser::Parsed loaded = parameters.cliInputJson(*cliInputJson);
        if (!loaded.error.isEmpty())
            return parameterError(loaded.error);
        // The command line's own flags win over the file's.
        const QJsonObject fromFile = loaded.value.toObject();
        for (auto it = fromFile.begin(); it != fromFile.end(); ++it) {
            if (!input.contains(it.key()))
                input.insert(it.key(), it.value());
        }
    } else {
        QStringList missing;
        for (const ApiMember& member : operation.members) {
            if (member.required && !input.contains(member.name))
                missing << member.cliFlag();
        }
        if (!missing.isEmpty()) {
            return usageError(QStringLiteral("the following arguments are required: %1")
                                  .arg(missing.join(QStringLiteral(", "))));
        }
    }
    CliPaginator::Flags flags;
    flags.noPaginate = noPaginate;
    if (paging.contains(QLatin1String("maxItems")))
        flags.maxItems = qint64(paging.value(QLatin1String("maxItems")).toDouble());
    if (paging.contains(QLatin1String("pageSize")))
        flags.pageSize = qint64(paging.value(QLatin1String("pageSize")).toDouble());
    if (paging.contains(QLatin1String("startingToken")))
        flags.startingToken = paging.value(QLatin1String("startingToken")).toString();
    const CliPaginator paginator(operation, input, flags);
    switch (paginator.problem().kind) {
    case CliPaginator::Problem::Kind::None:
        break;
    case CliPaginator::Problem::Kind::Usage:
        return usageError(paginator.problem().message);
    case CliPaginator::Problem::Kind::Parameter:
        return parameterError(paginator.problem().message);
    case CliPaginator::Problem::Kind::Failure:
        return parameterError(paginator.problem().message, OtherFailure);
    }

    // What the AWS CLI checks before it sends (the first request: with the members a starting token
    // brought and the page size); Footfall's own commands have only their catalog.
    const QJsonObject& request = paginator.firstRequest();
    QStringList invalid;
    if (!inputShape.isEmpty()) {
        invalid = ParamValidator::problems(request, inputShape);
    } else if (cliInputJson || flags.startingToken) {
        try {
            operation.validateShape(request);
        } catch (const ServiceError& error) {
            invalid << error.message();
        }
    }
    if (!invalid.isEmpty())
        return parameterError(QStringLiteral("Parameter validation failed:\n") +
                              invalid.join(QLatin1Char('\n')));

    const QString problem =
        operation.service == kRequestLogGroup       ? RequestLogCommands::usageProblem(operation, input)
        : operation.service == kRecordedEventsGroup ? EventsCommands::usageProblem(operation, input)
        : operation.service == kReadinessCommand    ? ReadinessCommand::usageProblem(input)
                                                    : QString();
    if (!problem.isEmpty())
        return usageError(problem);

    if (!kOutputFormats.contains(m_outputFormat)) {
        m_err << QStringLiteral("\nUnknown output type: %1\n").arg(m_outputFormat);
        return OtherFailure;
    }

    if (skeleton == QLatin1String("output")) {
        const QString outputShape = shapes.outputShape(operation.service, operation.name);
        if (outputShape.isEmpty()) {
            return usageError(QStringLiteral("argument --generate-cli-skeleton: output is not available for "
                                             "footfall's own commands, which have no AWS output model"));
        }
        const bool json = m_outputFormat == QLatin1String("json");
        // Through reportingErrors: a --query can fail on the skeleton as on any response.
        return reportingErrors(QStringLiteral("the %1 operation").arg(operation.name), [&] {
            printResult(operation, CliSkeleton::forShape(outputShape, CliSkeleton::Strings::MemberNames,
                                                         json ? QStringLiteral("1970-01-01T00:00:00")
                                                              : QStringLiteral("1970-01-01 00:00:00")));
        });
    }

    debug(QStringLiteral("command"),
          QStringLiteral("%1 %2 (%3.%4)")
              .arg(operation.service, operation.cliName(), operation.service, operation.name));
    if (!isPaged(operation)) // a list's requests, one a page, are written as they go
        debugJson(QStringLiteral("request"), input);
    std::unique_ptr<Workspace> workspace;
    try {
        debug(QStringLiteral("database"), databasePathOf(global));
        workspace = Workspace::open(databasePathOf(global), configOf(global));
        debug(QStringLiteral("database"), QStringLiteral("open"));
    } catch (const DatabaseOpenError& error) {
        m_err << QStringLiteral("footfall: %1\n").arg(error.message());
        return OtherFailure;
    }

    if (operation.service == kEventsGroup)
        return runDataPlaneOperation(*workspace, operation, input);
    if (operation.service == kRuntimeGroup) {
        return reportingErrors(QStringLiteral("the %1 operation").arg(operation.name), [&] {
            printResult(operation, workspace->runtimePlane().invoke(operation.name, input));
        });
    }
    if (operation.service == kReportGroup) {
        return reportingErrors(QStringLiteral("the report %1 command").arg(operation.cliName()), [&] {
            printResult(operation, ReportCommands::run(*workspace, operation, input, m_chartRenderer));
        });
    }
    if (operation.service == kRequestLogGroup) {
        return reportingErrors(QStringLiteral("the request-log %1 command").arg(operation.cliName()), [&] {
            if (operation.name != QLatin1String("List")) {
                printResult(operation, forDisplay(RequestLogCommands::run(*workspace, operation, input)));
                return;
            }
            printList(operation, paginator, [&](const QJsonObject& page) {
                return RequestLogCommands::run(*workspace, operation, page);
            });
        });
    }
    if (operation.service == kRecordedEventsGroup) {
        return reportingErrors(QStringLiteral("the events %1 command").arg(operation.cliName()), [&] {
            printList(operation, paginator, [&](const QJsonObject& page) {
                return EventsCommands::run(*workspace, operation, page);
            });
        });
    }
    if (operation.service == kReadinessCommand) {
        return reportingErrors(QStringLiteral("the readiness command"),
                               [&] { printResult(operation, ReadinessCommand::run(*workspace, input)); });
    }
    if (operation.service != kPersonalizeGroup)
        return runFileCommand(*workspace, operation, input);

    return reportingErrors(QStringLiteral("the %1 operation").arg(operation.name), [&] {
        const auto invoke = [&](const QJsonObject& page) {
            return workspace->controlPlane().invoke(operation.name, page);
        };
        if (isPaged(operation))
            printList(operation, paginator, invoke);
        else
            printResult(operation, forDisplay(invoke(input)));
    });
}

void CommandLine::printList(const ApiOperation& operation, const CliPaginator& paginator,
                            const CliPaginator::Invoke& invokePage)
{
    const auto invoke = [&](const QJsonObject& request) {
        debugJson(QStringLiteral("request"), request);
        return invokePage(request);
    };
    if (!paginator.paginates()) {
        printResult(operation, forDisplay(invoke(paginator.firstRequest())));
        return;
    }
    const CliPaginator::Pages pages = paginator.run(invoke);
    if (m_outputFormat == QLatin1String("text")) {
        for (const QJsonObject& page : pages.pages)
            printResult(operation, forDisplay(page));
        if (!pages.nextToken.isEmpty()) {
            printResult(operation,
                        QJsonObject{{QStringLiteral("NextToken"),
                                     QJsonObject{{QStringLiteral("NextToken"), pages.nextToken}}}});
        }
        return;
    }
    QJsonArray items;
    for (const QJsonObject& page : pages.pages) {
        for (const QJsonValue& item : page.value(pages.resultKey).toArray())
            items.append(item);
    }
    QJsonObject result{{pages.resultKey, forDisplay(items)}};
    if (!pages.nextToken.isEmpty())
        result.insert(QStringLiteral("NextToken"), pages.nextToken);
    printResult(operation, result);
}

void CommandLine::addCommand(const QString& name, const QString& summary, ExtraCommand command)
{
    m_extraCommands.insert(name, {summary, std::move(command)});
}

QString CommandLine::databasePathOf(const GlobalOptions& global)
{
    return global.databasePath.isEmpty() ? Database::defaultPath() : global.databasePath;
}

ServiceConfig CommandLine::configOf(const GlobalOptions& global)
{
    ServiceConfig config = ServiceConfig::fromEnvironment();
    if (!global.region.isEmpty())
        config.region = global.region;
    return config;
}

int CommandLine::runDataPlaneOperation(Workspace& workspace, const ApiOperation& operation,
                                       const QJsonObject& input)
{
    return reportingErrors(QStringLiteral("the %1 operation").arg(operation.name), [&] {
        const DataPlaneReply reply = workspace.dataPlane().invoke(
            operation.name, input,
            {QStringLiteral("cli"),
             QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact)),
             {},
             {}});
        for (const RequestWarning& warning : reply.warnings)
            m_err << QStringLiteral("warning: %1: %2\n").arg(warning.path, warning.message);
        printResult(operation, reply.output);
    });
}

int CommandLine::runFileCommand(Workspace& workspace, const ApiOperation& operation, const QJsonObject& input)
{
    return reportingErrors(QStringLiteral("the %1 %2 command").arg(operation.service, operation.cliName()),
                           [&] { printResult(operation, FileCommands::run(workspace, operation, input)); });
}

bool CommandLine::takeQuery(const QString& expression)
{
    try {
        m_query = JmesPath::compile(expression);
        return true;
    } catch (const JmesPathError& error) {
        m_err << QStringLiteral("\n%1\n").arg(queryProblem(expression, error));
        return false;
    }
}

bool CommandLine::takeOutputFormat(const QString& format)
{
    if (!kOutputFormats.contains(format)) {
        usageError(QStringLiteral("argument --output: Invalid choice, valid choices are:\n\n%1")
                       .arg(kOutputFormats.join(QStringLiteral(" | "))));
        return false;
    }
    m_outputFormat = format;
    return true;
}

void CommandLine::printResult(const ApiOperation& operation, const QJsonValue& result)
{
    // A file command answers nothing when its file went to standard output, which must then carry
    // nothing else.
    const bool fileCommand = operation.service == QLatin1String("import") ||
                             operation.service == QLatin1String("export") ||
                             operation.service == kReportGroup;
    if (fileCommand && result.isObject() && result.toObject().isEmpty())
        return;
    debugJson(QStringLiteral("response"), result);
    const QString shape = ServiceShapes::instance().outputShape(operation.service, operation.name);
    const QList<QStringList> hashKeyOrders = m_query ? m_query->hashKeyOrders() : QList<QStringList>();
    // keys(), values() and `*` see members in the order the AWS CLI holds them: the model's.
    const auto memberOrder = [&](const QJsonObject& object) {
        return CliJsonWriter::guessedOrder(object, shape, hashKeyOrders);
    };
    const QJsonValue shown = m_query ? m_query->search(result, memberOrder) : result;
    if (m_outputFormat == QLatin1String("text"))
        m_out << CliTextFormatter::format(shown);
    else if (m_outputFormat == QLatin1String("table"))
        m_out << CliTableFormatter().format(operation.name, shown);
    else if (!(shown.isObject() && shown.toObject().isEmpty())) // the AWS CLI prints no "{}"
        m_out << CliJsonWriter::indented(shown, shape, m_query.has_value(), hashKeyOrders);
}

int CommandLine::reportingErrors(const QString& what, const std::function<void()>& body)
{
    try {
        body();
        return Success;
    } catch (const ServiceError& error) {
        debug(QStringLiteral("error"), QStringLiteral("%1: %2").arg(error.typeName(), error.message()));
        m_err << QStringLiteral("\nAn error occurred (%1) when calling %2: %3\n")
                     .arg(error.typeName(), what, error.message());
        return ServiceFailure;
    } catch (const StorageError& error) {
        m_err << QStringLiteral("footfall: %1\n").arg(error.message());
        return OtherFailure;
    } catch (const JmesPathError& error) {
        // A --query that compiled but cannot be applied to this result (a function's argument type).
        m_err << QStringLiteral("\n%1\n").arg(error.message());
        return OtherFailure;
    } catch (const std::exception& error) {
        // Anything else the AWS CLI would end on (a paginator's repeated token): its message, 255.
        m_err << QStringLiteral("\n%1\n").arg(QString::fromUtf8(error.what()));
        return OtherFailure;
    }
}

void CommandLine::debug(const QString& what, const QString& detail)
{
    if (m_debug)
        m_err << QStringLiteral("footfall --debug %1 ms: %2: %3\n")
                     .arg(m_debugClock.elapsed())
                     .arg(what, detail);
}

void CommandLine::debugJson(const QString& what, const QJsonValue& value)
{
    if (!m_debug) // the JSON is written only when it is shown
        return;
    debug(what,
          value.isObject() ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
          : value.isArray() ? QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact))
                            : value.toVariant().toString());
}

int CommandLine::parameterError(const QString& message, int exitCode)
{
    m_err << QStringLiteral("\n%1\n").arg(message);
    return exitCode;
}

int CommandLine::usageError(const QString& message)
{
    m_err << QStringLiteral(
                 "\nusage: footfall [--db FILE] [--region REGION] <command> <subcommand> [parameters]\n"
                 "To see help text, you can run:\n\n"
                 "  footfall --help\n"
                 "  footfall <command> --help\n"
                 "  footfall <command> <subcommand> --help\n\n"
                 "footfall: error: %1\n")
                 .arg(message);
    return UsageError;
}

void CommandLine::printTopLevelHelp()
{
    m_out
        << QStringLiteral(
               "Footfall - a local Amazon Personalize event-recording console and command line.\n\n"
               "Usage:\n"
               "  footfall [--db FILE]                         start the console\n"
               "  footfall [--db FILE] [--region REGION] <command> <subcommand> [parameters]\n\n"
               "Global options:\n"
               "  --db FILE          the Footfall database (default: %1)\n"
               "  --region REGION    the region written into new ARNs (default: us-east-1, or "
               "FOOTFALL_REGION)\n"
               "  --query EXPR       a JMESPath expression applied to the output, as the AWS CLI's --query\n"
               "  --output FORMAT    json, text or table (default: AWS_DEFAULT_OUTPUT, else json)\n"
               "  --debug            what the command sent to the service and what came back, on stderr\n"
               "  --no-paginate      one request for a list, printed with the service's nextToken\n"
               "  --help             this help; `footfall <command> --help` lists a command's subcommands\n"
               "  --version          the version\n\n"
               "Commands:\n"
               "  personalize        dataset groups, schemas, datasets and event trackers, as `aws "
               "personalize`\n"
               "  personalize-events put-events, put-users and put-items, as `aws personalize-events`\n"
               "  personalize-runtime get-recommendations and get-personalized-ranking, as `aws "
               "personalize-runtime`\n"
               "  import             interactions | users | items: bulk CSV import with a per-row report\n"
               "  export             interactions: the Interactions dataset as CSV (the import layout) or "
               "JSON\n"
               "  report             attribution | event-metrics | rebuild: reports as CSV, JSON, PNG, SVG "
               "or "
               "PDF\n"
               "  request-log        list | configure | describe | purge: the requests that arrived, "
               "accepted or rejected, and the log's retention and size\n"
               "  events             list: the events a dataset group recorded, as the events page shows "
               "them\n"
               "  readiness          a dataset group's readiness for training, as the readiness panel "
               "shows it\n"
               "  completion bash    the bash completion script (installed by `cmake --install`)\n"
               "  help <command> [<subcommand>]  a command's page, as `<command> <subcommand> --help`\n"
               "%2\n"
               "Output is the AWS response, as the AWS CLI prints it. Exit codes: 0 success, 252 usage "
               "error, "
               "254 service "
               "error\n"
               "(\"An error occurred (<Exception>) when calling the <Operation> operation: <message>\"),\n"
               "255 when the database cannot be opened.\n")
               .arg(Database::defaultPath(), extraCommandsHelp());
}

QString CommandLine::extraCommandsHelp() const
{
    QString text;
    for (auto it = m_extraCommands.constBegin(); it != m_extraCommands.constEnd(); ++it)
        text += QStringLiteral("  %1 %2\n").arg(it.key(), -18).arg(it->summary);
    return text;
}

void CommandLine::printBashCompletion()
{
    const ServiceShapes& shapes = ServiceShapes::instance();
    const auto subcommandOf = [&](const ApiOperation& operation, const QString& name) {
        CliCompletion::Subcommand subcommand{name, {}, {}};
        const QString inputShape = shapes.inputShape(operation.service, operation.name);
        for (const ApiMember& member : operation.members) {
            subcommand.flags << member.cliFlag();
            const QStringList values = shapes.enumValues(shapes.memberShape(inputShape, member.name));
            if (!values.isEmpty())
                subcommand.flagValues.insert(member.cliFlag(), values);
        }
        if (isPaged(operation)) {
            for (const ApiMember& flag : pagingFlags())
                subcommand.flags << flag.cliFlag();
        }
        subcommand.flags << QStringLiteral("--cli-input-json") << QStringLiteral("--generate-cli-skeleton")
                         << QStringLiteral("--query") << QStringLiteral("--output")
                         << QStringLiteral("--debug") << QStringLiteral("--no-paginate")
                         << QStringLiteral("--help");
        return subcommand;
    };
    QList<CliCompletion::Command> commands;
    for (const QString& group : kGroups) {
        CliCompletion::Command command{group, {}};
        if (group == kReadinessCommand) {
            command.subcommands << subcommandOf(ReadinessCommand::operation(), {});
        } else {
            for (const ApiOperation* operation : operationsOf(group))
                command.subcommands << subcommandOf(*operation, operation->cliName());
        }
        commands << command;
    }
    for (auto it = m_extraCommands.constBegin(); it != m_extraCommands.constEnd(); ++it)
        commands << CliCompletion::Command{it.key(),
                                           {CliCompletion::Subcommand{{}, {QStringLiteral("--help")}, {}}}};
    commands << CliCompletion::Command{QStringLiteral("completion"),
                                       {CliCompletion::Subcommand{QStringLiteral("bash"), {}, {}}}};
    m_out << CliCompletion::bashScript(commands, {QStringLiteral("--db"), QStringLiteral("--region"),
                                                  QStringLiteral("--query"), QStringLiteral("--output"),
                                                  QStringLiteral("--debug"), QStringLiteral("--no-paginate"),
                                                  QStringLiteral("--help"), QStringLiteral("--version")});
}

void CommandLine::printGroupHelp(const QString& group)
{
    m_out << QStringLiteral("footfall %1 <subcommand> [parameters]\n\nSubcommands:\n").arg(group);
    for (const ApiOperation* operation : operationsOf(group))
        m_out << QStringLiteral("  %1  %2\n")
                     .arg(operation->cliName(), -28)
                     .arg(firstSentence(operation->summary));
    m_out << QStringLiteral("\n`footfall %1 <subcommand> --help` explains a subcommand's parameters.\n")
                 .arg(group);
}

void CommandLine::printOperationHelp(const ApiOperation& operation)
{
    m_out << QStringLiteral("NAME\n       %1 -\n\nDESCRIPTION\n%2\n\nSYNOPSIS\n       %1\n")
                 .arg(operation.cliName(), wrapped(operation.summary, QStringLiteral("       ")));
    const QList<ApiMember> members =
        operation.members + (isPaged(operation) ? pagingFlags() : QList<ApiMember>());
    for (const ApiMember& member : members) {
        const QString usage =
            member.cliFlag() + (member.type == ApiType::Boolean ? QString() : QStringLiteral(" <value>"));
        m_out << QStringLiteral("          %1\n")
                     .arg(member.required ? usage : QStringLiteral("[%1]").arg(usage));
    }
    m_out << QStringLiteral(
        "          [--cli-input-json <value>]\n          [--generate-cli-skeleton <value>]\n");
    m_out << QStringLiteral("\nOPTIONS\n");
    const ServiceShapes& shapes = ServiceShapes::instance();
    const QString inputShape = shapes.inputShape(operation.service, operation.name);
    for (const ApiMember& member : members) {
        static const char* const typeNames[] = {"string", "integer", "boolean", "structure", "list"};
        const QString shape = shapes.memberShape(inputShape, member.name);
        m_out << QStringLiteral("       %1 (%2)%3\n%4\n")
                     .arg(member.cliFlag(), QLatin1String(typeNames[int(member.type)]),
                          member.required ? QStringLiteral(" required") : QString(),
                          wrapped(member.help, QStringLiteral("          ")));
        if (const QStringList values = shapes.enumValues(shape); !values.isEmpty())
            m_out
                << QStringLiteral("\n          Possible values: %1\n").arg(values.join(QStringLiteral(", ")));
        if (const std::optional<double> minimum = shapes.minimum(shape); minimum && *minimum > 0) {
            const bool length = shapes.scalarType(shape) == QLatin1String("string") || shapes.isList(shape);
            m_out << QStringLiteral("\n          %1 %2\n")
                         .arg(length ? QStringLiteral("At least this long:") : QStringLiteral("At least:"),
                              CliJsonWriter::number(*minimum));
        }
        if (shapes.isStructure(shape) ||
            (shapes.isList(shape) && shapes.isStructure(shapes.elementShape(shape)))) {
            const QString structure = shapes.isStructure(shape) ? shape : shapes.elementShape(shape);
            QStringList keys;
            for (const QString& key : shapes.members(structure))
                keys << key + QStringLiteral("=…");
            m_out << QStringLiteral("\n          Shorthand: %1%2\n")
                         .arg(keys.join(QLatin1Char(',')),
                              shapes.isList(shape) ? QStringLiteral(" …") : QString());
        }
        m_out << QLatin1Char('\n');
    }
    m_out << QStringLiteral(
        "       --cli-input-json (string)\n"
        "          The request as JSON, a string or file://path, in the layout --generate-cli-skeleton\n"
        "          prints. Flags given on the command line win over its members.\n\n"
        "       --generate-cli-skeleton (string)\n"
        "          Prints a skeleton without running the command: input (the default) a request\n"
        "          for --cli-input-json; output a response, after the flags are checked.\n\n");
    if (isPaged(operation)) {
        m_out << wrapped(
                     QStringLiteral("%1 is a paginated operation: every page is printed, unless --max-items "
                                    "stops earlier. --next-token, --max-results or --no-paginate ask "
                                    "for one page, with the service's nextToken.")
                         .arg(operation.cliName()),
                     QStringLiteral("       "))
              << QLatin1Char('\n');
    }
}

} // namespace footfall
