#include "CommandLine.h"
#include "Database.h"
#include "MainWindow.h"
#include "ServeCommand.h"
#include "ServiceConfig.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Footfall"));
    QCoreApplication::setApplicationName(QStringLiteral("Footfall"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FOOTFALL_VERSION));

    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (!footfall::CommandLine::startsConsole(arguments)) {
        QCoreApplication application(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        footfall::CommandLine commandLine(out, err);
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
