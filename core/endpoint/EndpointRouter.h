#pragma once

#include "CorsPolicy.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <memory>

namespace footfall {

class SignatureVerifier;
class StorageError;
class Workspace;

// One HTTP request as the endpoint sees it; header names are lower case.
struct EndpointRequest
{
    QByteArray method;
    QString path;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& lowerCaseName) const;
};

struct EndpointReply
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Set when the storage failed (disk full, locked past the wait): what the person running the
    // endpoint should know. Never sent to the client.
    QString storageProblem;
    // The storage failed while answering (the request was not stored): a writer that holds many
    // requests in one transaction gives up the whole transaction then.
    bool storageFailed = false;
};

// How the endpoint serves a request: on a reader connection, in the writer's group commit with the
// requests around it, or by the writer alone in its own transactions.
enum class EndpointWork
{
    Read,
    GroupedWrite,
    Write
};

// Turns AWS SDK requests into Footfall operations and their results into what the SDKs expect:
// the data plane (rest-json: POST …/events, …/users, …/items) and the control plane (JSON 1.1:
// POST … with X-Amz-Target: AmazonPersonalize.<Operation>) on one port, with or without a path
// prefix. Errors carry the model's status code, a body {"__type", "message"} and the header
// x-amzn-ErrorType, so the AWS CLI prints "An error occurred (<Exception>) …" and boto3 raises the
// named exception. Bad input never gets a 5xx, which would make clients retry and duplicate events.
// A failure of the storage does, so that the SDKs retry: 503 ServiceUnavailableException when the
// database stayed locked or its disk is full, 500 InternalFailure otherwise; the reply never carries
// SQLite's text or a path (those go to the endpoint's log, stderr). handle() throws nothing.
class EndpointRouter
{
public:
    explicit EndpointRouter(Workspace& workspace);
    ~EndpointRouter();
    Q_DISABLE_COPY_MOVE(EndpointRouter)

    static constexpr int kMaxBodyBytes = 1024 * 1024;

    EndpointReply handle(const EndpointRequest& request);
    // Decided from the path and X-Amz-Target alone, before anything is read from the database:
    // PutEvents, PutUsers and PutItems are grouped; GetRecommendations, GetPersonalizedRanking,
    // Describe* and List* are reads; preflights too (they store nothing); everything else is a write.
    static EndpointWork workOf(const EndpointRequest& request);

    // A write a router on a read-only connection cannot do itself (a request-log row, a refusal, an
    // issued recommendation list): handed to the sink, which runs it on the writer's workspace.
    using DeferredWrite = std::function<void(Workspace&)>;
    using DeferredWriteSink = std::function<void(DeferredWrite)>;
    void setDeferredWrites(DeferredWriteSink sink);
    // 503 ServiceUnavailableException with `message`, as handle() would answer `request` (its content
    // type, the CORS headers): for a request the endpoint could not get stored (SDKs retry it).
    EndpointReply unavailable(const EndpointRequest& request, const QString& message) const;
    // What handle() answers `request` when the storage fails with `error` (503 or 500).
    EndpointReply failure(const EndpointRequest& request, const StorageError& error) const;
    // 500 InternalFailure, for a failure that says nothing more.
    static EndpointReply internalFailure(const QByteArray& contentType = "application/x-amz-json-1.1");

    // Which web pages may call; until set, none. OPTIONS (a browser's preflight, never signed) is
    // answered 204 for an allowed Origin and 403 otherwise, and stores nothing; any other request
    // whose Origin is not allowed is refused with 403 AccessDeniedException.
    void setCorsPolicy(const CorsPolicy& policy) { m_cors = policy; }

    // With keys, every request must carry a valid SigV4 signature by one of them (else 403).
    void requireSignature(const QHash<QString, QString>& secretsByAccessKeyId);

    // The access key id of a SigV4 Authorization header, or empty.
    static QString accessKeyId(const QByteArray& authorization);

    // Applies the request log's retention policy; failures are logged, never thrown.
    void applyRetention();

private:
    // handle() without the CORS headers every reply carries.
    EndpointReply answer(const EndpointRequest& request);
    // Runs `write` now, or hands it to the deferred-write sink.
    void store(DeferredWrite write);
    EndpointReply route(const EndpointRequest& request, const QString& dataOperation);
    EndpointReply dataPlane(const QString& operation, const EndpointRequest& request);
    EndpointReply controlPlane(const QString& operation, const EndpointRequest& request);
    void logRejected(const QString& operation, const EndpointRequest& request, const QString& type,
                     const QString& message);
    // A request refused before it was authenticated or routed: counted, not stored with its body.
    void logRefused(const QString& operation, const EndpointRequest& request, const QString& type,
                    const QString& message);

    Workspace& m_workspace;
    std::unique_ptr<SignatureVerifier> m_verifier;
    CorsPolicy m_cors;
    DeferredWriteSink m_deferredWrites;
};

} // namespace footfall
