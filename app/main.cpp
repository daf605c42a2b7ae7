#include "CommandLine.h"
#include "Database.h"
#include "MainWindow.h"
#include "ReportDocument.h"
#include "ServeCommand.h"
#include "ServiceConfig.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QTextStream>

#include <cstdio>
#include <memory>

namespace {
// Drawing offscreen makes Qt say things that are true but of no use to someone writing a report.
void quietOffscreenMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")) ||
        message.startsWith(QLatin1String("This plugin does not support")))
        return;
    fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Footfall"));
    QCoreApplication::setApplicationName(QStringLiteral("Footfall"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FOOTFALL_VERSION));

    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (!footfall::CommandLine::startsConsole(arguments)) {
        // Reports drawn as PNG, SVG or PDF need Qt's widgets, though never a screen.
        const bool draws = footfall::CommandLine::parseGlobalOptions(arguments).commandArguments.value(0) ==
                           QLatin1String("report");
        if (draws && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        if (draws)
            qInstallMessageHandler(quietOffscreenMessages);
        const std::unique_ptr<QCoreApplication> application =
            draws ? std::make_unique<QApplication>(argc, argv)
                  : std::make_unique<QCoreApplication>(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        footfall::CommandLine commandLine(out, err);
        if (draws)
            commandLine.setChartRenderer(&footfall::ReportDocument::write);
        commandLine.addCommand(
            QStringLiteral("serve"),
            QStringLiteral("the AWS-compatible local endpoint for boto3 and the AWS CLI"),
            [&out, &err](const footfall::CommandLine::GlobalOptions& global, const QStringList& rest) {
                return footfall::ServeCommand::run(footfall::CommandLine::databasePathOf(global),
                                                   footfall::CommandLine::configOf(global), rest, out, err);
            });
        return commandLine.run(arguments);
    }

    QApplication application(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/footfall/icons/footfall.svg")));
    QApplication::setDesktopFileName(QStringLiteral("footfall"));
    const auto global = footfall::CommandLine::parseGlobalOptions(arguments);
    footfall::ServiceConfig config = footfall::ServiceConfig::fromEnvironment();
    if (!global.region.isEmpty())
        config.region = global.region;
    footfall::MainWindow window(config);
    window.show();
    window.openStartupDatabase(global.databasePath);
    return QApplication::exec();
}
