#pragma once

#include "CorsPolicy.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace footfall {

class SignatureVerifier;
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
};

} // namespace footfall
