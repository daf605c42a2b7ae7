#include "ServeCommand.h"

#include "BodyLimitTcpServer.h"
#include "ConnectionLimits.h"
#include "CorsPolicy.h"
#include "DatabaseOpenError.h"
#include "EndpointServer.h"
#include "QuitOnSignal.h"
#include "SignatureVerifier.h"
#include "TrainingScheduler.h"
#include "Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>

namespace footfall::ServeCommand {

QString help()
{
    return QStringLiteral(
        "NAME\n       serve -\n\nDESCRIPTION\n"
        "       Serves the AWS-compatible local endpoint: point boto3 (endpoint_url=) or the AWS CLI\n"
        "       (--endpoint-url) at it. Data plane: POST /events, /users, /items; control plane: POST /\n"
        "       with X-Amz-Target: AmazonPersonalize.<Operation>.\n\n"
        "       CreateSolutionVersion and CreateRecommender answer at once (CREATE PENDING)\n"
        "       and train on a worker thread (CREATE IN_PROGRESS, then ACTIVE or CREATE\n"
        "       FAILED); User-Personalization models get their two-hourly automatic update\n"
        "       from a timer (FOOTFALL_UPDATE_CHECK_MS, default 60000, says how often it\n"
        "       looks), never inside a GetRecommendations. SIGINT or SIGTERM stops the\n"
        "       server: training still running ends CREATE FAILED (\"Training was\n"
        "       interrupted when the process that ran it stopped\"), as it does when the\n"
        "       file is next opened after the server was killed.\n\n"
        "SYNOPSIS\n       serve\n          [--port <value>]\n          [--listen <value>]\n"
        "          [--require-signature]\n          [--access-key <ID:SECRET>]\n"
        "          [--allow-unsigned]\n          [--cors-origin <value>]\n"
        "          [--max-connections <value>]\n          [--header-timeout <value>]\n"
        "          [--body-timeout <value>]\n          [--idle-timeout <value>]\n"
        "          [--synchronous <value>]\n\n"
        "OPTIONS\n       --port (integer)\n          The TCP port (default 8751; 0 picks a free one).\n\n"
        "       --listen (string)\n"
        "          The address to listen on (default 127.0.0.1, loopback only).\n"
        "          Any other address (0.0.0.0, a network interface's address) lets\n"
        "          other machines reach the endpoint, so it needs --require-signature\n"
        "          or --allow-unsigned.\n\n"
        "       --require-signature\n"
        "          Refuse (403) requests that are not signed with AWS Signature\n"
        "          Version 4 by one of the configured access keys, checked as AWS\n"
        "          checks them: X-Amz-Date within 15 minutes of this machine's clock,\n"
        "          credential scope <X-Amz-Date's day>/<region>/personalize, host and\n"
        "          x-amz-date signed. Unsigned requests are accepted otherwise.\n\n"
        "       --access-key (string)\n          ID:SECRET of an access key to accept; repeatable. "
        "FOOTFALL_ACCESS_KEYS\n          takes ID:SECRET,ID:SECRET as well.\n\n"
        "       --allow-unsigned\n"
        "          Serve a --listen address other than loopback without\n"
        "          --require-signature: anyone who can reach the port can then read\n"
        "          and change the database, without credentials. A warning on stderr\n"
        "          says so.\n\n"
        "       --cors-origin (string)\n"
        "          A web page origin (scheme://host[:port], such as\n"
        "          https://shop.example.com) whose pages may call the endpoint from a\n"
        "          browser (CORS); repeatable, * for any. Without it, pages from any\n"
        "          origin may on a loopback --listen address, and none beyond\n"
        "          loopback. A preflight (OPTIONS) from another origin gets 403.\n\n"
        "       --max-connections (integer)\n"
        "          How many connections may be open at once (default 512, lowered to\n"
        "          stay below the open-file limit, which serve raises to its hard\n"
        "          limit). One more is answered 503 ServiceUnavailableException and\n"
        "          closed.\n\n"
        "       --header-timeout (integer)\n"
        "          Seconds a client has from a request's first byte to the end of its\n"
        "          headers (default 10); then it gets 408 RequestTimeoutException and\n"
        "          the connection is closed.\n\n"
        "       --body-timeout (integer)\n"
        "          Seconds a client has from the end of the headers to the end of the\n"
        "          body, announced by Content-Length or chunked (default 30); then 408.\n\n"
        "       --idle-timeout (integer)\n"
        "          Seconds a keep-alive connection may stay silent between requests\n"
        "          (default 60); then it is closed. A connection waiting for its reply\n"
        "          is never timed out.\n\n"
        "       --synchronous (string)\n"
        "          FULL (the default) or NORMAL. With FULL, every commit is synced\n"
        "          to disk before its requests are answered, so an acknowledged\n"
        "          event survives a power cut as well as a killed server; PutEvents\n"
        "          are committed in groups, so one sync serves many requests. With\n"
        "          NORMAL the disk is synced only at checkpoints: faster, and still\n"
        "          safe when the server is killed, but a power cut or an operating\n"
        "          system crash may lose the last acknowledged events.\n\n");
}

int run(const QString& databasePath, const ServiceConfig& config, const QStringList& arguments,
        QTextStream& out, QTextStream& err)
{
    quint16 port = kDefaultPort;
    QString listen = QStringLiteral("127.0.0.1");
    bool requireSignature = false;
    bool allowUnsigned = false;
    QStringList corsOrigins;
    DatabaseOptions options = EndpointServer::databaseOptions();
    ConnectionLimits limits;
    QHash<QString, QString> keys = SignatureVerifier::parseKeys(qEnvironmentVariable("FOOTFALL_ACCESS_KEYS"));
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--help") || argument == QLatin1String("help")) {
            out << help();
            return 0;
        }
        if (argument == QLatin1String("--require-signature")) {
            requireSignature = true;
            continue;
        }
        if (argument == QLatin1String("--allow-unsigned")) {
            allowUnsigned = true;
            continue;
        }
        if (argument == QLatin1String("--cors-origin") && i + 1 < arguments.size()) {
            const QString value = arguments.at(++i);
            if (CorsPolicy::normalizedOrigin(value).isEmpty()) {
                err << QStringLiteral("\nusage: footfall [--db FILE] serve [--cors-origin ORIGIN]\n"
                                      "footfall: error: argument --cors-origin: not an origin "
                                      "(scheme://host[:port], or *): '%1'\n")
                           .arg(value);
                return 252;
            }
            corsOrigins.append(value);
            continue;
        }
        if (argument == QLatin1String("--synchronous") && i + 1 < arguments.size()) {
            const QString value = arguments.at(++i).toUpper();
            if (value != QLatin1String("FULL") && value != QLatin1String("NORMAL")) {
                err << QStringLiteral("\nusage: footfall [--db FILE] serve [--synchronous FULL|NORMAL]\n"
                                      "footfall: error: argument --synchronous: invalid choice: '%1' "
                                      "(choose from 'FULL', 'NORMAL')\n")
                           .arg(arguments.at(i));
                return 252;
            }
            options.durability = value == QLatin1String("FULL") ? DatabaseOptions::Durability::Full
                                                                : DatabaseOptions::Durability::Normal;
            continue;
        }
        if ((argument == QLatin1String("--max-connections") ||
             argument == QLatin1String("--header-timeout") || argument == QLatin1String("--body-timeout") ||
             argument == QLatin1String("--idle-timeout")) &&
            i + 1 < arguments.size()) {
            const QString value = arguments.at(++i);
            const bool connections = argument == QLatin1String("--max-connections");
            bool ok = false;
            const int number = value.toInt(&ok);
            const int most = connections ? 1000000 : 86400;
            if (!ok || number < 1 || number > most) {
                err << QStringLiteral("\nusage: footfall [--db FILE] serve [%1 %2]\n"
                                      "footfall: error: argument %1: not a whole number from 1 to %3: '%4'\n")
                           .arg(argument, connections ? QStringLiteral("N") : QStringLiteral("SECONDS"))
                           .arg(most)
                           .arg(value);
                return 252;
            }
            if (connections)
                limits.maxConnections = number;
            else if (argument == QLatin1String("--header-timeout"))
                limits.headerTimeoutMs = number * 1000;
            else if (argument == QLatin1String("--body-timeout"))
                limits.bodyTimeoutMs = number * 1000;
            else
                limits.idleTimeoutMs = number * 1000;
            continue;
        }
        if (argument == QLatin1String("--access-key") && i + 1 < arguments.size()) {
            keys.insert(SignatureVerifier::parseKeys(arguments.at(++i)));
            continue;
        }
        if ((argument == QLatin1String("--port") || argument == QLatin1String("--listen")) &&
            i + 1 < arguments.size()) {
            const QString value = arguments.at(++i);
            if (argument == QLatin1String("--listen")) {
                listen = value;
                continue;
            }
            bool ok = false;
            const uint number = value.toUInt(&ok);
            if (!ok || number > 65535) {
                err << QStringLiteral("\nusage: footfall [--db FILE] serve [--port PORT] [--listen ADDRESS]\n"
                                      "footfall: error: argument --port: invalid int value: '%1'\n")
                           .arg(value);
                return 252;
            }
            port = quint16(number);
            continue;
        }
        err << QStringLiteral("\nusage: footfall [--db FILE] serve [--port PORT] [--listen ADDRESS]\n"
                              "footfall: error: Unknown options: %1\n")
                   .arg(argument);
        return 252;
    }
    if (requireSignature && keys.isEmpty()) {
        err << QStringLiteral(
            "\nusage: footfall [--db FILE] serve --require-signature --access-key ID:SECRET\n"
            "footfall: error: --require-signature needs at least one --access-key ID:SECRET (or "
            "FOOTFALL_ACCESS_KEYS)\n");
        return 252;
    }
    const QHostAddress address(listen);
    if (address.isNull()) {
        err << QStringLiteral("footfall: error: argument --listen: not an IP address: '%1'\n").arg(listen);
        return 252;
    }
    if (!address.isLoopback() && !requireSignature && !allowUnsigned) {
        err << QStringLiteral("\nusage: footfall [--db FILE] serve --listen ADDRESS (--require-signature "
                              "--access-key ID:SECRET | --allow-unsigned)\n"
                              "footfall: error: argument --listen: %1 is not a loopback address, so other "
                              "machines could read and change this database without credentials; add "
                              "--require-signature --access-key ID:SECRET, or --allow-unsigned to serve them "
                              "unauthenticated anyway\n")
                   .arg(listen);
        return 252;
    }

    // Each connection is a descriptor: room for the cap, and for refusing beyond it without EMFILE.
    const qint64 openFiles = BodyLimitTcpServer::raiseOpenFileLimit();
    const int maxConnections = BodyLimitTcpServer::effectiveMaxConnections(limits.maxConnections);
    if (maxConnections < limits.maxConnections)
        err << QStringLiteral("warning: at most %1 connections at once, not %2: this process may open %3 "
                              "files (ulimit -n)\n")
                   .arg(maxConnections)
                   .arg(limits.maxConnections)
                   .arg(openFiles);

    std::unique_ptr<Workspace> workspace;
    try {
        workspace = Workspace::open(databasePath, config, options);
    } catch (const DatabaseOpenError& error) {
        err << QStringLiteral("footfall: %1\n").arg(error.message());
        return 255;
    }
    // Training and automatic model updates run here, on a worker of their own, never in a request.
    TrainingScheduler training(workspace->path(), config, options);
    workspace->setTrainingScheduler(&training);
    training.startAutomaticUpdates();
    EndpointServer server(*workspace);
    if (requireSignature)
        server.requireSignature(keys);
    const quint16 bound = server.listenLimited(
        address, port, CorsPolicy::forAddress(address.isLoopback(), corsOrigins), limits);
    if (bound == 0) {
        err << QStringLiteral("footfall: cannot listen on %1:%2 (is another program using the port?)\n")
                   .arg(listen)
                   .arg(port);
        return 255;
    }
    if (!address.isLoopback()) {
        err << (requireSignature
                    ? QStringLiteral(
                          "warning: listening on %1 port %2: other machines can reach this endpoint; only "
                          "requests signed by a configured access key are served, over plain HTTP "
                          "(not encrypted)\n")
                    : QStringLiteral("warning: listening on %1 without --require-signature: any machine that "
                                     "can reach port %2 can read and change this database, without "
                                     "credentials\n"))
                   .arg(listen)
                   .arg(bound);
    }
    const QString host =
        address.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(listen) : listen;
    out << QStringLiteral("Footfall endpoint listening on http://%1:%2 (database %3)\n")
               .arg(host)
               .arg(bound)
               .arg(QDir::toNativeSeparators(workspace->path()));
    // Both before the event loop: nothing else flushes them while the server runs.
    out.flush();
    err.flush();
    const QuitOnSignal quitOnSignal;
    const int code = QCoreApplication::exec();
    // Interrupted training ends CREATE FAILED now rather than when the file is next opened.
    training.shutdown();
    workspace->setTrainingScheduler(nullptr);
    return code;
}

} // namespace footfall::ServeCommand
