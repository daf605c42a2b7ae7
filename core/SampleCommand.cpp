#include "SampleCommand.h"

#include "CommandLine.h"
#include "SampleWorkspace.h"
#include "ServiceError.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace footfall::SampleCommand {

QString help()
{
    return QStringLiteral(
        "NAME\n       sample -\n\nDESCRIPTION\n"
        "       Writes a new Footfall database with a sample dataset group to explore: a movie catalogue\n"
        "       with prices, a tracker, a metric attribution, a trained User-Personalization campaign and\n"
        "       simulated traffic from several sources (an email, the campaign's own recommendations, a\n"
        "       partner feed, untagged visits), including anonymous sessions that sign in later.\n\n"
        "SYNOPSIS\n       sample\n          --output <value>\n          [--days <value>]\n          [--users "
        "<value>]\n"
        "          [--seed <value>]\n\n"
        "OPTIONS\n       --output (string) required\n          The new database file.\n\n"
        "       --days (integer)\n          How many days of traffic, up to now (default 14, 2-365).\n\n"
        "       --users (integer)\n          How many users (default 300, at least 30).\n\n"
        "       --seed (integer)\n          The same seed gives the same users, films and events.\n\n");
}

int run(const ServiceConfig& config, const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    SampleOptions options;
    QString output;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& flag = arguments.at(i);
        if (flag == QLatin1String("--help") || flag == QLatin1String("help") || flag == QLatin1String("-h")) {
            out << help();
            return CommandLine::Success;
        }
        if (i + 1 >= arguments.size()) {
            err << QStringLiteral("footfall: %1 needs a value\n").arg(flag);
            return CommandLine::UsageError;
        }
        const QString value = arguments.at(++i);
        bool ok = true;
        if (flag == QLatin1String("--output"))
            output = value;
        else if (flag == QLatin1String("--days"))
            options.days = value.toInt(&ok);
        else if (flag == QLatin1String("--users"))
            options.users = value.toInt(&ok);
        else if (flag == QLatin1String("--seed"))
            options.seed = value.toUInt(&ok);
        else {
            err << QStringLiteral("footfall: Unknown options: %1\n").arg(flag);
            return CommandLine::UsageError;
        }
        if (!ok) {
            err << QStringLiteral("footfall: %1 takes a whole number, not \"%2\"\n").arg(flag, value);
            return CommandLine::UsageError;
        }
    }
    if (output.isEmpty()) {
        err << QStringLiteral("footfall: the following arguments are required: --output\n");
        return CommandLine::UsageError;
    }
    try {
        const SampleSummary summary = SampleWorkspace::build(output, config, options);
        out << QJsonDocument(
                   QJsonObject{{QStringLiteral("output"), output},
                               {QStringLiteral("datasetGroupArn"), summary.datasetGroupArn},
                               {QStringLiteral("eventTrackerArn"), summary.trackerArn},
                               {QStringLiteral("campaignArn"), summary.campaignArn},
                               {QStringLiteral("metricAttributionArn"), summary.metricAttributionArn},
                               {QStringLiteral("events"), double(summary.events)},
                               {QStringLiteral("recommendationLists"), double(summary.recommendationLists)}})
                   .toJson(QJsonDocument::Indented);
        return CommandLine::Success;
    } catch (const ServiceError& error) {
        err << QStringLiteral("\nAn error occurred (%1) when calling the sample command: %2\n")
                   .arg(error.typeName(), error.message());
        return CommandLine::ServiceFailure;
    } catch (const std::exception& error) {
        err << QStringLiteral("footfall: %1\n").arg(QString::fromLocal8Bit(error.what()));
        return CommandLine::OtherFailure;
    }
}

} // namespace footfall::SampleCommand
