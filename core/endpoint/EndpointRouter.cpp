#include "EndpointRouter.h"

#include "ControlPlane.h"
#include "DataPlane.h"
#include "RecommendationService.h"
#include "RequestLogService.h"
#include "RuntimePlane.h"
#include "ServiceError.h"
#include "SignatureVerifier.h"
#include "Workspace.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace footfall {

namespace {

const QByteArray kRestJson = "application/json";
const QByteArray kAwsJson = "application/x-amz-json-1.1";

EndpointReply reply(int status, const QByteArray& contentType, const QByteArray& body)
{
    EndpointReply result;
    result.status = status;
    result.body = body;
    result.headers = {{"Content-Type", contentType},
                      {"x-amzn-RequestId", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()}};
    return result;
}

EndpointReply error(int status, const QByteArray& contentType, const QString& type, const QString& message)
{
    EndpointReply result = reply(
        status, contentType,
        QJsonDocument(QJsonObject{{QStringLiteral("__type"), type}, {QStringLiteral("message"), message}})
            .toJson(QJsonDocument::Compact));
    result.headers.append({"x-amzn-ErrorType", type.toLatin1()});
    return result;
}

// The status the service model gives each error: data-plane errors are modelled with their own
// codes; the control plane answers 400 for every one of them.
int statusOf(const ServiceError& serviceError, bool dataPlane)
{
    if (!dataPlane)
        return 400;
    switch (serviceError.code()) {
    case ErrorCode::ResourceNotFound:
        return 404;
    case ErrorCode::ResourceInUse:
        return 409;
    default:
        return 400;
    }
}

// Storage failures are answered so that the SDKs retry, in words that name no file and quote no SQL.
EndpointReply storageFailure(const QByteArray& contentType, const StorageError& storageError)
{
    qWarning("footfall endpoint: a request failed: %s", storageError.what());
    EndpointReply result;
    switch (storageError.kind()) {
    case StorageError::Kind::Busy:
        result = error(503, contentType, QStringLiteral("ServiceUnavailableException"),
                       QStringLiteral("The Footfall database is busy: another program held its write lock "
                                      "for longer than the endpoint waits. Try again."));
        result.storageProblem =
            QStringLiteral("A request was refused (503): another program held the database's write lock "
                           "for longer than the endpoint waits.");
        break;
    case StorageError::Kind::DiskFull:
        result = error(503, contentType, QStringLiteral("ServiceUnavailableException"),
                       QStringLiteral("The disk holding the Footfall database is full. Try again once "
                                      "space is freed."));
        result.storageProblem = QStringLiteral("The disk holding the Footfall database is full: requests are "
                                               "refused (503) until space is freed.");
        break;
    case StorageError::Kind::FileLost:
        // Its message names no path: it says what happened to the file and that writes are refused.
        result =
            error(503, contentType, QStringLiteral("ServiceUnavailableException"), storageError.message());
        result.storageProblem = storageError.message();
        break;
    case StorageError::Kind::Other:
        result = EndpointRouter::internalFailure(contentType);
        result.storageProblem = QStringLiteral("A request failed (500): %1").arg(storageError.message());
        break;
    }
    result.storageFailed = true;
    return result;
}

QString normalizedPath(const QString& requestPath)
{
    QString path = requestPath;
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

QString dataPlaneOperation(const QString& path)
{
    if (path.endsWith(QLatin1String("/events")))
        return QStringLiteral("PutEvents");
    if (path.endsWith(QLatin1String("/users")))
        return QStringLiteral("PutUsers");
    if (path.endsWith(QLatin1String("/items")))
        return QStringLiteral("PutItems");
    if (path.endsWith(QLatin1String("/recommendations")))
        return QStringLiteral("GetRecommendations");
    if (path.endsWith(QLatin1String("/personalize-ranking")))
        return QStringLiteral("GetPersonalizedRanking");
    return {};
}

// What an answer to `request` is sent as: rest-json for the data plane, JSON 1.1 for the control plane.
QByteArray contentTypeOf(const EndpointRequest& request)
{
    return dataPlaneOperation(normalizedPath(request.path)).isEmpty() ? kAwsJson : kRestJson;
}

} // namespace

QByteArray EndpointRequest::header(const QByteArray& lowerCaseName) const
{
    for (const auto& [name, value] : headers) {
        if (name.toLower() == lowerCaseName)
            return value;
    }
    return {};
}

EndpointRouter::EndpointRouter(Workspace& workspace)
    : m_workspace(workspace)
{}

EndpointRouter::~EndpointRouter() = default;

void EndpointRouter::requireSignature(const QHash<QString, QString>& secretsByAccessKeyId)
{
    m_verifier =
        std::make_unique<SignatureVerifier>(secretsByAccessKeyId, m_workspace.config().effectiveClock());
}

QString EndpointRouter::accessKeyId(const QByteArray& authorization)
{
    const int start = authorization.indexOf("Credential=");
    if (start < 0)
        return {};
    const int from = start + 11;
    const int slash = authorization.indexOf('/', from);
    return QString::fromLatin1(authorization.mid(from, slash < 0 ? -1 : slash - from));
}

EndpointReply EndpointRouter::internalFailure(const QByteArray& contentType)
{
    return error(500, contentType, QStringLiteral("InternalFailure"),
                 QStringLiteral("Footfall could not complete the request; the endpoint's log says why. "
                                "Try again."));
}

EndpointWork EndpointRouter::workOf(const EndpointRequest& request)
{
    if (request.method == "OPTIONS")
        return EndpointWork::Read;
    const QString operation = dataPlaneOperation(normalizedPath(request.path));
    if (operation == QLatin1String("GetRecommendations") ||
        operation == QLatin1String("GetPersonalizedRanking"))
        return EndpointWork::Read;
    if (!operation.isEmpty())
        return EndpointWork::GroupedWrite;
    const QByteArray target = request.header("x-amz-target");
    if (target.startsWith("AmazonPersonalize.Describe") || target.startsWith("AmazonPersonalize.List"))
        return EndpointWork::Read;
    return EndpointWork::Write;
}

void EndpointRouter::setDeferredWrites(DeferredWriteSink sink)
{
    m_deferredWrites = std::move(sink);
    if (!m_deferredWrites) {
        m_workspace.recommendations().setIssuedSink({});
        return;
    }
    m_workspace.recommendations().setIssuedSink([this](const RecommendationRegistry::Issued& issued) {
        store([issued](Workspace& workspace) { workspace.recommendations().recordIssued(issued); });
    });
}

void EndpointRouter::store(DeferredWrite write)
{
    if (m_deferredWrites)
        m_deferredWrites(std::move(write));
    else
        write(m_workspace);
}

void EndpointRouter::applyRetention()
{
    try {
        m_workspace.requestLog().applyRetention();
    } catch (const std::exception& failure) {
        qWarning("footfall endpoint: the request log's retention could not be applied: %s", failure.what());
    }
}

namespace {

RequestLogEntry rejectedEntry(const Workspace& workspace, const QString& operation,
                              const EndpointRequest& request, const QString& type, const QString& message)
{
    RequestLogEntry entry;
    entry.receivedMs = workspace.config().nowMs();
    entry.channel = QStringLiteral("endpoint");
    entry.operation = operation;
    entry.outcome = QStringLiteral("rejected");
    entry.errorType = type;
    entry.errorMessage = message;
    entry.userAgent = QString::fromUtf8(request.header("user-agent"));
    entry.accessKeyId = EndpointRouter::accessKeyId(request.header("authorization"));
    return entry;
}

} // namespace

void EndpointRouter::logRejected(const QString& operation, const EndpointRequest& request,
                                 const QString& type, const QString& message)
{
    RequestLogEntry entry = rejectedEntry(m_workspace, operation, request, type, message);
    entry.body = QString::fromUtf8(request.body.left(RequestLogService::kMaxBodyBytes));
    entry.bodyTruncated = request.body.size() > RequestLogService::kMaxBodyBytes;
    store([entry](Workspace& workspace) { workspace.requestLog().appendAlone(entry); });
}

void EndpointRouter::logRefused(const QString& operation, const EndpointRequest& request, const QString& type,
                                const QString& message)
{
    store([entry = rejectedEntry(m_workspace, operation, request, type, message)](Workspace& workspace) {
        workspace.requestLog().recordRefusal(entry);
    });
}

EndpointReply EndpointRouter::handle(const EndpointRequest& request)
{
    EndpointReply result = answer(request);
    result.headers.append(m_cors.replyHeaders(request.header("origin")));
    return result;
}

EndpointReply EndpointRouter::answer(const EndpointRequest& request)
{
    const QString dataOperation = dataPlaneOperation(normalizedPath(request.path));
    const QByteArray contentType = dataOperation.isEmpty() ? kAwsJson : kRestJson;
    // Every failure ends here as a reply: an exception must not reach Qt's event loop.
    try {
        return route(request, dataOperation);
    } catch (const StorageError& storageError) {
        return storageFailure(contentType, storageError);
    } catch (const ServiceError& serviceError) {
        return error(statusOf(serviceError, !dataOperation.isEmpty()), contentType, serviceError.typeName(),
                     serviceError.message());
    } catch (const std::exception& failure) {
        qWarning("footfall endpoint: a request failed: %s", failure.what());
        EndpointReply result = internalFailure(contentType);
        result.storageFailed = true;
        return result;
    } catch (...) {
        qWarning("footfall endpoint: a request failed");
        EndpointReply result = internalFailure(contentType);
        result.storageFailed = true;
        return result;
    }
}

EndpointReply EndpointRouter::failure(const EndpointRequest& request, const StorageError& error) const
{
    const QByteArray contentType = contentTypeOf(request);
    EndpointReply result = storageFailure(contentType, error);
    result.headers.append(m_cors.replyHeaders(request.header("origin")));
    return result;
}

EndpointReply EndpointRouter::unavailable(const EndpointRequest& request, const QString& message) const
{
    const QByteArray contentType = contentTypeOf(request);
    EndpointReply result = error(503, contentType, QStringLiteral("ServiceUnavailableException"), message);
    result.headers.append(m_cors.replyHeaders(request.header("origin")));
    return result;
}

EndpointReply EndpointRouter::route(const EndpointRequest& request, const QString& dataOperation)
{
    const QByteArray target = request.header("x-amz-target");
    const QByteArray contentType = dataOperation.isEmpty() ? kAwsJson : kRestJson;

    // Browsers sign no preflight, so origins are checked, and preflights answered, before signatures.
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty() && !m_cors.allows(origin)) {
        const QString message =
            QStringLiteral(
                "Origin %1 may not call this endpoint; `footfall serve --cors-origin %1` allows it")
                .arg(QString::fromLatin1(origin));
        if (request.method != "OPTIONS") // a refused preflight stores nothing
            logRefused(dataOperation.isEmpty() ? QString::fromLatin1(target.mid(18)) : dataOperation, request,
                       QStringLiteral("AccessDeniedException"), message);
        return error(403, contentType, QStringLiteral("AccessDeniedException"), message);
    }
    if (request.method == "OPTIONS") {
        EndpointReply preflight;
        preflight.status = 204;
        preflight.headers = CorsPolicy::preflightHeaders();
        return preflight;
    }
    if (request.method != "POST") {
        const QString message = QStringLiteral("No operation answers %1 %2; the SDKs send POST")
                                    .arg(QString::fromLatin1(request.method), request.path);
        logRefused(dataOperation.isEmpty() ? QStringLiteral("Unknown") : dataOperation, request,
                   QStringLiteral("UnknownOperationException"), message);
        return error(404, contentType, QStringLiteral("UnknownOperationException"), message);
    }
    if (request.body.size() > kMaxBodyBytes) {
        const QString message = QStringLiteral("The request body is %1 bytes; at most %2 are accepted")
                                    .arg(request.body.size())
                                    .arg(kMaxBodyBytes);
        if (!dataOperation.isEmpty())
            logRefused(dataOperation, request, QStringLiteral("RequestEntityTooLargeException"), message);
        return error(413, contentType, QStringLiteral("RequestEntityTooLargeException"), message);
    }
    if (m_verifier) {
        if (const auto failure = m_verifier->verify(request)) {
            logRefused(dataOperation.isEmpty() ? QString::fromLatin1(target.mid(18)) : dataOperation, request,
                       failure->type, failure->message);
            return error(403, contentType, failure->type, failure->message);
        }
    }
    if (!dataOperation.isEmpty())
        return dataPlane(dataOperation, request);
    if (target.startsWith("AmazonPersonalize."))
        return controlPlane(QString::fromLatin1(target.mid(18)), request);
    const QString message =
        target.isEmpty()
            ? QStringLiteral("POST %1 names no operation: the data plane takes …/events, …/users "
                             "and …/items, the control plane an X-Amz-Target header")
                  .arg(request.path)
            : QStringLiteral("Unknown X-Amz-Target %1").arg(QString::fromLatin1(target));
    logRefused(QStringLiteral("Unknown"), request, QStringLiteral("UnknownOperationException"), message);
    return error(404, kAwsJson, QStringLiteral("UnknownOperationException"), message);
}

EndpointReply EndpointRouter::dataPlane(const QString& operation, const EndpointRequest& request)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString message = parseError.error != QJsonParseError::NoError
                                    ? QStringLiteral("The request body is not valid JSON: %1 at character %2")
                                          .arg(parseError.errorString())
                                          .arg(parseError.offset)
                                    : QStringLiteral("The request body must be a JSON object");
        logRejected(operation, request, QStringLiteral("SerializationException"), message);
        return error(400, kRestJson, QStringLiteral("SerializationException"), message);
    }
    try {
        if (RuntimePlane::find(operation)) {
            const QJsonObject output = m_workspace.runtimePlane().invoke(operation, document.object());
            return reply(200, kRestJson, QJsonDocument(output).toJson(QJsonDocument::Compact));
        }
        const DataPlaneReply result = m_workspace.dataPlane().invoke(
            operation, document.object(),
            {QStringLiteral("endpoint"), QString::fromUtf8(request.body),
             QString::fromUtf8(request.header("user-agent")), accessKeyId(request.header("authorization"))});
        return reply(200, kRestJson, QJsonDocument(result.output).toJson(QJsonDocument::Compact));
    } catch (const ServiceError& serviceError) {
        return error(statusOf(serviceError, true), kRestJson, serviceError.typeName(),
                     serviceError.message());
    }
}

EndpointReply EndpointRouter::controlPlane(const QString& operation, const EndpointRequest& request)
{
    if (!ControlPlane::find(operation)) {
        logRefused(operation, request, QStringLiteral("UnknownOperationException"),
                   QStringLiteral("Unknown operation %1").arg(operation));
        return error(400, kAwsJson, QStringLiteral("UnknownOperationException"),
                     QStringLiteral("Footfall does not implement AmazonPersonalize.%1").arg(operation));
    }
    QJsonParseError parseError;
    const QByteArray body = request.body.trimmed().isEmpty() ? QByteArray("{}") : request.body;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString message = QStringLiteral("The request body is not a JSON object");
        logRejected(operation, request, QStringLiteral("SerializationException"), message);
        return error(400, kAwsJson, QStringLiteral("SerializationException"), message);
    }
    RequestLogEntry entry;
    entry.receivedMs = m_workspace.config().nowMs();
    entry.channel = QStringLiteral("endpoint");
    entry.operation = operation;
    entry.body = QString::fromUtf8(body);
    entry.userAgent = QString::fromUtf8(request.header("user-agent"));
    entry.accessKeyId = accessKeyId(request.header("authorization"));
    QJsonObject output;
    try {
        output = m_workspace.controlPlane().invoke(operation, document.object());
    } catch (const ServiceError& serviceError) {
        logRejected(operation, request, serviceError.typeName(), serviceError.message());
        return error(statusOf(serviceError, false), kAwsJson, serviceError.typeName(),
                     serviceError.message());
    }
    EndpointReply result = reply(200, kAwsJson, QJsonDocument(output).toJson(QJsonDocument::Compact));
    entry.outcome = QStringLiteral("accepted");
    try {
        store([entry](Workspace& workspace) { workspace.requestLog().appendAlone(entry); });
    } catch (const StorageError& storageError) {
        // The operation is committed: its success stands, only its log entry is missing.
        qWarning("footfall endpoint: a request was not logged: %s", storageError.what());
        result.storageProblem = QStringLiteral("A request was not logged: %1").arg(storageError.message());
    }
    return result;
}

} // namespace footfall
