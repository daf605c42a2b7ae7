#include "SampleCommand.h"

#include "CommandLine.h"
#include "SampleWorkspace.h"
#include "ServiceError.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace footfall::SampleCommand {

namespace {

bool isTerminal(const QTextStream& stream)
{
    const auto* file = qobject_cast<const QFile*>(stream.device());
    if (!file || file->handle() < 0)
        return false;
#ifdef Q_OS_WIN
    return _isatty(file->handle()) != 0;
#else
    return isatty(file->handle()) != 0;
#endif
}

// On a terminal, one line that is rewritten as the build goes; elsewhere (a pipe, a log) nothing.
SampleWorkspace::ProgressReport progressOn(QTextStream& err)
{
    if (!isTerminal(err))
        return {};
    auto shown = std::make_shared<QElapsedTimer>();
    auto width = std::make_shared<int>(0);
    return [&err, shown, width](const SampleProgress& progress) {
        const bool last = progress.done >= progress.total;
        if (shown->isValid() && !shown->hasExpired(100) && !last)
            return true;
        shown->start();
        const int percent = progress.total > 0 ? int(qint64(progress.done) * 100 / progress.total) : 0;
        // Kept to one line of a narrow terminal: a wrapped line could not be rewritten.
        QString line = QStringLiteral("%1% %2").arg(percent, 3).arg(progress.step).left(78);
        const int length = int(line.size());
        line = line.leftJustified(std::max(*width, length));
        *width = length;
        err << '\r' << line;
        if (last)
            err << '\n';
        err.flush();
        return true;
    };
}

} // namespace

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
        const SampleSummary summary = SampleWorkspace::build(output, config, options, progressOn(err));
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
