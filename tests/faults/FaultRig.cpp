#include "FaultRig.h"

#include "Database.h"
#include "ServeProcess.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace footfall::test {

namespace {

const QString kGroupArn = QStringLiteral("arn:aws:personalize:us-east-1:000000000000:dataset-group/shop");

QProcessEnvironment
footfallEnvironment(QProcessEnvironment environment = QProcessEnvironment::systemEnvironment())
{
    environment.insert(QStringLiteral("FOOTFALL_PROVISIONING_MS"), QStringLiteral("0"));
    return environment;
}

} // namespace

QJsonObject ProcessResult::json() const
{
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

FaultRig::FaultRig(QString databasePath)
    : m_path(std::move(databasePath))
{}

ProcessResult FaultRig::cli(const QStringList& arguments) const
{
    QProcess process;
    process.setProcessEnvironment(footfallEnvironment());
    process.start(QStringLiteral(FOOTFALL_BINARY), QStringList{QStringLiteral("--db"), m_path} + arguments);
    if (!process.waitForFinished(120000))
        qFatal("footfall did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString FaultRig::createShop() const
{
    const QString personalize = QStringLiteral("personalize");
    if (cli({personalize, QStringLiteral("create-dataset-group"), QStringLiteral("--name"),
             QStringLiteral("shop")})
            .exitCode != 0)
        return {};
    if (cli({personalize, QStringLiteral("create-schema"), QStringLiteral("--name"), QStringLiteral("s"),
             QStringLiteral("--schema"),
             QStringLiteral("file://" FOOTFALL_SOURCE_DIR "/resources/schemas/interactions-events.json")})
            .exitCode != 0)
        return {};
    if (cli({personalize, QStringLiteral("create-dataset"), QStringLiteral("--name"), QStringLiteral("d"),
             QStringLiteral("--schema-arn"),
             QStringLiteral("arn:aws:personalize:us-east-1:000000000000:schema/s"),
             QStringLiteral("--dataset-group-arn"), kGroupArn, QStringLiteral("--dataset-type"),
             QStringLiteral("Interactions")})
            .exitCode != 0)
        return {};
    return cli({personalize, QStringLiteral("create-event-tracker"), QStringLiteral("--name"),
                QStringLiteral("t"), QStringLiteral("--dataset-group-arn"), kGroupArn})
        .json()
        .value(QStringLiteral("trackingId"))
        .toString();
}

ProcessResult FaultRig::putEventByCli(const QString& trackingId, const QString& eventId) const
{
    return cli(
        {QStringLiteral("personalize-events"), QStringLiteral("put-events"), QStringLiteral("--tracking-id"),
         trackingId, QStringLiteral("--session-id"), QStringLiteral("cli-session"),
         QStringLiteral("--event-list"),
         QStringLiteral(R"([{"eventId": "%1", "eventType": "click", "itemId": "%1", "sentAt": 1704164645}])")
             .arg(eventId)});
}

QString FaultRig::startServer(QProcess& server, const QStringList& extraArguments,
                              const QProcessEnvironment& environment) const
{
    return startServe(server, QStringLiteral(FOOTFALL_BINARY), m_path, extraArguments, environment);
}

QByteArray FaultRig::putEventsBody(const QString& trackingId, const QString& eventId)
{
    return QStringLiteral(
               R"({"trackingId": "%1", "userId": "u-%2", "sessionId": "s-%2", "eventList": [)"
               R"({"eventId": "%2", "eventType": "click", "sentAt": 1704164645, "itemId": "%2"}]})")
        .arg(trackingId, eventId)
        .toUtf8();
}

int FaultRig::postEvent(const QString& endpoint, const QString& trackingId, const QString& eventId,
                        QByteArray* body)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(endpoint + QStringLiteral("/events")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(60000);
    QNetworkReply* reply = network.post(request, putEventsBody(trackingId, eventId));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (body)
        *body = reply->readAll();
    reply->deleteLater();
    return status;
}

QSet<QString> FaultRig::storedEventIds(const QString& path, bool* ok)
{
    QSet<QString> ids;
    *ok = false;
    const auto reader = Database::openReader(path);
    QSqlQuery query(reader->connection());
    if (!query.exec(QStringLiteral("SELECT event_id FROM interaction")))
        return ids;
    while (query.next())
        ids.insert(query.value(0).toString());
    *ok = !query.lastError().isValid();
    return ids;
}

QString FaultRig::integrity(const QString& path)
{
    const auto reader = Database::openReader(path);
    QSqlQuery query(reader->connection());
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")) || !query.next())
        return query.lastError().text();
    return query.value(0).toString();
}

} // namespace footfall::test
