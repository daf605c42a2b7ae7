#pragma once

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
};

// Turns AWS SDK requests into Footfall operations and their results into what the SDKs expect:
// the data plane (rest-json: POST …/events, …/users, …/items) and the control plane (JSON 1.1:
// POST … with X-Amz-Target: AmazonPersonalize.<Operation>) on one port, with or without a path
// prefix. Errors carry the model's status code, a body {"__type", "message"} and the header
// x-amzn-ErrorType, so the AWS CLI prints "An error occurred (<Exception>) …" and boto3 raises the
// named exception. Bad input never gets a 5xx, which would make clients retry and duplicate events.
class EndpointRouter
{
public:
    explicit EndpointRouter(Workspace& workspace);
    ~EndpointRouter();
    Q_DISABLE_COPY_MOVE(EndpointRouter)

    static constexpr int kMaxBodyBytes = 1024 * 1024;

    EndpointReply handle(const EndpointRequest& request);

    // With keys, every request must carry a valid SigV4 signature by one of them (else 403).
    void requireSignature(const QHash<QString, QString>& secretsByAccessKeyId);

    // The access key id of a SigV4 Authorization header, or empty.
    static QString accessKeyId(const QByteArray& authorization);

private:
    EndpointReply dataPlane(const QString& operation, const EndpointRequest& request);
    EndpointReply controlPlane(const QString& operation, const EndpointRequest& request);
    void logRejected(const QString& operation, const EndpointRequest& request, const QString& type,
                     const QString& message);

    Workspace& m_workspace;
    std::unique_ptr<SignatureVerifier> m_verifier;
};

} // namespace footfall
