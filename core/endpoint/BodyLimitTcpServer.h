#pragma once

#include "CorsPolicy.h"

#include <QTcpServer>

namespace footfall {

// Hands out sockets that watch the HTTP byte stream as it is read: when a request's headers
// announce a body larger than the limit, the socket answers 413 with an AWS-style error body and
// closes, before the body is read, with the CORS headers `cors` gives the request's Origin.
// QtHttpServer itself only sees requests after their whole body.
class BodyLimitTcpServer final : public QTcpServer
{
    Q_OBJECT

public:
    BodyLimitTcpServer(qint64 maxBodyBytes, const CorsPolicy& cors, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(BodyLimitTcpServer)

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    qint64 m_maxBodyBytes;
    CorsPolicy m_cors;
};

} // namespace footfall
