#include "BodyLimitTcpServer.h"

#include "ConnectionGuard.h"

#include <QTimer>

#include <algorithm>
#include <limits>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace footfall {

namespace {

qint64 openFileLimit()
{
#ifdef Q_OS_UNIX
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    return limit.rlim_cur == RLIM_INFINITY ? std::numeric_limits<qint64>::max() : qint64(limit.rlim_cur);
#else
    return -1;
#endif
}

void closeDescriptor(qintptr socketDescriptor)
{
#ifdef Q_OS_UNIX
    ::close(int(socketDescriptor));
#else
    Q_UNUSED(socketDescriptor)
#endif
}

} // namespace

BodyLimitTcpServer::BodyLimitTcpServer(const ConnectionLimits& limits, const CorsPolicy& cors,
                                       QObject* parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_cors(cors)
    , m_maxConnections(effectiveMaxConnections(limits.maxConnections))
    , m_acceptRetry(new QTimer(this))
{
    m_acceptRetry->setSingleShot(true);
    m_acceptRetry->setInterval(kAcceptRetryMs);
    connect(m_acceptRetry, &QTimer::timeout, this, [this] {
        m_acceptFailed = false;
        updateAccepting();
    });
    // QTcpServer has paused accepting for good when this comes (EMFILE is not a "temporary" error
    // to Qt): try again in a moment.
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        if (!m_acceptWarned.isValid() || m_acceptWarned.hasExpired(kAcceptWarningEveryMs)) {
            m_acceptWarned.start();
            qWarning("footfall endpoint: cannot accept a connection (%s); trying again in %d ms",
                     qPrintable(errorString()), kAcceptRetryMs);
        }
        m_acceptFailed = true;
        updateAccepting();
        m_acceptRetry->start();
    });
}

qint64 BodyLimitTcpServer::raiseOpenFileLimit()
{
#ifdef Q_OS_UNIX
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit); // may fail (macOS caps it): the old limit stays
    }
#endif
    return openFileLimit();
}

int BodyLimitTcpServer::effectiveMaxConnections(int requested)
{
    const qint64 files = openFileLimit();
    if (files < 0)
        return requested;
    qint64 room = files - kReservedDescriptors;
    if (room < 8)
        room = std::max<qint64>(1, files / 4);
    return int(std::min<qint64>(requested, room));
}

void BodyLimitTcpServer::incomingConnection(qintptr socketDescriptor)
{
    if (m_open >= m_maxConnections) {
        refuseConnection(socketDescriptor);
        return;
    }
    auto* socket = new ConnectionGuard(m_limits, m_cors, this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        closeDescriptor(socketDescriptor);
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    // QtHttpServer takes the socket and connects its readyRead slot while this runs.
    addPendingConnection(socket);
    socket->followServer();
}

void BodyLimitTcpServer::refuseConnection(qintptr socketDescriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        closeDescriptor(socketDescriptor);
        return;
    }
    ++m_refusing;
    connect(socket, &QObject::destroyed, this, [this] {
        --m_refusing;
        updateAccepting();
    });
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->skip(socket->bytesAvailable()); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    ConnectionGuard::refuseAndLinger(
        *socket, ConnectionGuard::errorResponse(
                     503, "Service Unavailable", QStringLiteral("ServiceUnavailableException"),
                     QStringLiteral("The endpoint already has %1 connections open, its limit (footfall serve "
                                    "--max-connections); try again later")
                         .arg(m_maxConnections),
                     m_cors.replyHeaders({})));
    updateAccepting();
}

void BodyLimitTcpServer::updateAccepting()
{
    if (m_acceptFailed || m_refusing >= kMaxRefusing)
        pauseAccepting();
    else
        resumeAccepting();
}

} // namespace footfall
