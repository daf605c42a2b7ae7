#pragma once

#include "ConnectionLimits.h"
#include "CorsPolicy.h"

#include <QElapsedTimer>
#include <QTcpServer>

class QTimer;

namespace footfall {

// Hands out ConnectionGuard sockets, which enforce the body limit, the timeouts and HTTP/1.1
// framing before QtHttpServer's parser sees a byte (QtHttpServer itself only sees a request after
// its whole body). At most `limits.maxConnections` are open at once: the next one is answered 503
// ServiceUnavailableException with Connection: close and closed. Accepting pauses, rather than
// spin, while too many of those refusals are still being written, and for a moment when accept()
// fails (out of file descriptors), then resumes: Qt alone would stop accepting for good.
class BodyLimitTcpServer final : public QTcpServer
{
    Q_OBJECT

public:
    BodyLimitTcpServer(const ConnectionLimits& limits, const CorsPolicy& cors, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(BodyLimitTcpServer)

    // Refusals being written at once, at most; then accepting pauses until one is done.
    static constexpr int kMaxRefusing = 64;
    // Descriptors kept free below the open-file limit: the refusals, the database files, Qt's own.
    static constexpr int kReservedDescriptors = 128;
    static constexpr int kAcceptRetryMs = 500;
    static constexpr int kAcceptWarningEveryMs = 60 * 1000;

    // Raises this process's soft limit on open files to its hard limit (`serve` does it when it
    // starts); returns the soft limit in force, or -1 when unknown.
    static qint64 raiseOpenFileLimit();
    // `requested`, lowered so that the connections, the refusals and the process's own files stay
    // below the soft limit on open files.
    static int effectiveMaxConnections(int requested);

    int maxConnections() const { return m_maxConnections; }
    int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void refuseConnection(qintptr socketDescriptor);
    void updateAccepting();

    const ConnectionLimits m_limits;
    const CorsPolicy m_cors;
    const int m_maxConnections;
    int m_open = 0;
    int m_refusing = 0;
    bool m_acceptFailed = false;
    QElapsedTimer m_acceptWarned; // the last warning that accept() failed
    QTimer* m_acceptRetry;
};

} // namespace footfall
