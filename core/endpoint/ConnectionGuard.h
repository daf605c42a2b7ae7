#pragma once

#include "ConnectionLimits.h"
#include "CorsPolicy.h"

#include <QByteArray>
#include <QQueue>
#include <QTcpSocket>

class QTimer;

namespace footfall {

// One connection to the endpoint. It follows the HTTP/1.1 framing of the byte stream as it is read,
// before QtHttpServer's parser sees it (a request line, headers, then a Content-Length body or
// chunks), and ends the connection with one AWS-style JSON error, with the CORS headers for the
// request's Origin, for what the endpoint does not take:
// - 413 when a Content-Length, or the running total of a chunked body, passes the body limit:
//   a body is never buffered past it;
// - 408 when the headers, or then the body, do not arrive within their timeouts;
// - 400 for a request line, header or chunk that is not HTTP/1.1, 431 for headers over 64 KiB,
//   505 for a version other than HTTP/1.0 and HTTP/1.1, 501 for a WebSocket upgrade or a
//   Transfer-Encoding other than chunked (QtHttpServer would answer an upgrade twice).
// A connection with no request begun and no reply owed is closed, without a word, after the idle
// timeout. Whatever the client sends after a refusal is dropped, never parsed.
class ConnectionGuard final : public QTcpSocket
{
    Q_OBJECT

public:
    ConnectionGuard(const ConnectionLimits& limits, const CorsPolicy& cors, QObject* parent);
    Q_DISABLE_COPY_MOVE(ConnectionGuard)

    // Connects what must run after QtHttpServer's own readyRead slot; called once, right after the
    // server took the socket from its QTcpServer.
    void followServer();

    // --- Hooks for the HTTP server, called on this socket's thread, one pair per request. ---
    // The next request of this connection goes to be answered. Returns its request target as the
    // client sent it (QUrl reads "//events" as a host, so QHttpServerRequest::url() lost it).
    // Until replyWritten(), the connection is owed a reply and is never timed out.
    QByteArray requestDispatched();
    // The reply to the oldest dispatched request has been written to this socket.
    void replyWritten();
    int repliesOwed() const { return m_repliesOwed; }

    // "HTTP/1.1 <status> <reason>" with {"__type": type, "message": message}, x-amzn-ErrorType,
    // `corsHeaders` and Connection: close.
    static QByteArray errorResponse(int status, const QByteArray& reason, const QString& type,
                                    const QString& message, const CorsPolicy::Headers& corsHeaders);
    // Writes `response` to a socket the endpoint will not read requests from, closes its sending
    // side, drops what still arrives and aborts it after a moment (closing at once while the client
    // is still sending would reset the connection, and the client could lose the response).
    static void refuseAndLinger(QTcpSocket& socket, const QByteArray& response);
    static constexpr int kLingerMs = 2000;

private:
    enum class Phase
    {
        Idle,
        Head,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer
    };
    enum class Deadline
    {
        None,
        Header,
        Body,
        Idle
    };

    void onReadyRead();
    void observe(const char* data, qsizetype size);
    // Headers complete: what follows them, or a refusal.
    void headEnded();
    void chunkSizeEnded();
    void requestEnded();
    void arm(Deadline deadline);
    void onDeadline();
    // Answers with an error and ends the connection; waits for the replies owed first.
    void refuse(int status, const QByteArray& reason, const QString& type, const QString& message);
    // Drops what the HTTP server has not read, including its open read transaction.
    void drop();
    QByteArray originOfCurrentRequest() const;

    const ConnectionLimits m_limits;
    const CorsPolicy m_cors;
    QTimer* m_timer;
    Deadline m_deadline = Deadline::None;
    Phase m_phase = Phase::Idle;
    QByteArray m_head;   // request line and headers, as they arrive
    QByteArray m_line;   // a chunk-size, chunk-end or trailer line, as it arrives
    QByteArray m_origin; // of the request being read
    qint64 m_bodyLeft = 0;
    qint64 m_chunkedTotal = 0;
    // Bytes at the end of the socket's buffer that this guard has seen but the server has not read.
    qint64 m_seenUnread = 0;
    QQueue<QByteArray> m_targets; // of requests read whole and not yet dispatched
    int m_repliesOwed = 0;
    bool m_refused = false;
    QByteArray m_refusal; // written once no reply is owed
};

} // namespace footfall
