#include "ConnectionGuard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <cstring>
#include <utility>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace footfall {

namespace {

constexpr qsizetype kMaxChunkLineBytes = 4096;

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

QByteArray withoutLineEnd(QByteArray line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

bool isDigits(const QByteArray& text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isHexDigits(const QByteArray& text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

// Comma-separated tokens of a header value, trimmed and in lower case.
QList<QByteArray> tokens(const QByteArray& value)
{
    QList<QByteArray> result;
    for (const QByteArray& token : value.split(',')) {
        const QByteArray trimmed = token.trimmed().toLower();
        if (!trimmed.isEmpty())
            result.append(trimmed);
    }
    return result;
}

void shutDownSending(QTcpSocket& socket)
{
#ifdef Q_OS_UNIX
    if (socket.socketDescriptor() != -1)
        ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
#else
    socket.disconnectFromHost();
#endif
}

} // namespace

ConnectionGuard::ConnectionGuard(const ConnectionLimits& limits, const CorsPolicy& cors, QObject* parent)
    : QTcpSocket(parent)
    , m_limits(limits)
    , m_cors(cors)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ConnectionGuard::onDeadline);
    // Connected before the HTTP server connects its own slot, so this runs first on every readyRead
    // and sees the bytes the server is about to read.
    connect(this, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    arm(Deadline::Idle);
}

void ConnectionGuard::followServer()
{
    // The server reads all it is given, except what follows a request it has just read whole (it
    // comes back for that later): those bytes have been seen already.
    connect(this, &QTcpSocket::readyRead, this, [this] { m_seenUnread = m_refused ? 0 : bytesAvailable(); });
}

QByteArray ConnectionGuard::requestDispatched()
{
    ++m_repliesOwed;
    if (m_deadline == Deadline::Idle)
        arm(Deadline::None);
    return m_targets.isEmpty() ? QByteArray() : m_targets.dequeue();
}

void ConnectionGuard::replyWritten()
{
    if (m_repliesOwed > 0)
        --m_repliesOwed;
    if (m_repliesOwed > 0)
        return;
    if (m_refused) {
        if (!m_refusal.isEmpty())
            refuseAndLinger(*this, std::exchange(m_refusal, {}));
        return;
    }
    if (m_phase == Phase::Idle)
        arm(Deadline::Idle);
}

QByteArray ConnectionGuard::errorResponse(int status, const QByteArray& reason, const QString& type,
                                          const QString& message, const CorsPolicy::Headers& corsHeaders)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("__type"), type}, {QStringLiteral("message"), message}})
            .toJson(QJsonDocument::Compact);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                          "\r\nContent-Type: application/json\r\nx-amzn-ErrorType: " + type.toLatin1() +
                          "\r\n";
    for (const auto& [name, value] : corsHeaders)
        response += name + ": " + value + "\r\n";
    response += "Connection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return response;
}

void ConnectionGuard::refuseAndLinger(QTcpSocket& socket, const QByteArray& response)
{
    socket.write(response);
    socket.flush();
    if (socket.bytesToWrite() == 0) {
        shutDownSending(socket);
    } else {
        connect(&socket, &QIODevice::bytesWritten, &socket, [&socket] {
            if (socket.bytesToWrite() == 0)
                shutDownSending(socket);
        });
    }
    QTimer::singleShot(kLingerMs, &socket, [&socket] { socket.abort(); });
}

void ConnectionGuard::onReadyRead()
{
    if (m_refused) {
        drop();
        return;
    }
    const qint64 available = bytesAvailable();
    m_seenUnread = std::min(m_seenUnread, available);
    if (available > m_seenUnread) {
        const QByteArray unread = peek(available);
        observe(unread.constData() + m_seenUnread, unread.size() - m_seenUnread);
    }
    m_seenUnread = m_refused ? 0 : available;
}

void ConnectionGuard::observe(const char* data, qsizetype size)
{
    qsizetype offset = 0;
    while (offset < size && !m_refused) {
        switch (m_phase) {
        case Phase::Idle:
            // Line ends and blanks before a request line are skipped, as QtHttpServer skips them.
            if (data[offset] == '\r' || data[offset] == '\n' || isBlank(data[offset])) {
                ++offset;
                continue;
            }
            m_phase = Phase::Head;
            arm(Deadline::Header);
            continue;
        case Phase::Head:
        case Phase::ChunkSize:
        case Phase::Trailer: {
            const auto* newline =
                static_cast<const char*>(std::memchr(data + offset, '\n', size_t(size - offset)));
            const qsizetype end = newline ? newline - data + 1 : size;
            QByteArray& text = m_phase == Phase::Head ? m_head : m_line;
            text.append(data + offset, end - offset);
            offset = end;
            if (m_phase == Phase::Head) {
                // QtHttpServer ends headers at CRLF CRLF, and at LF LF and the mixes of the two.
                if (newline && (m_head.endsWith("\n\n") || m_head.endsWith("\n\r\n")))
                    headEnded();
                else if (m_head.size() > ConnectionLimits::kMaxHeaderBytes)
                    refuse(431, "Request Header Fields Too Large",
                           QStringLiteral("RequestHeaderFieldsTooLargeException"),
                           QStringLiteral("The request line and headers are over %1 bytes")
                               .arg(ConnectionLimits::kMaxHeaderBytes));
            } else if (newline && !m_line.endsWith("\r\n")) {
                // QtHttpServer reads chunk lines up to CRLF only: it would lose its place.
                refuse(400, "Bad Request", QStringLiteral("BadRequestException"),
                       QStringLiteral("A chunk line does not end with CRLF"));
            } else if (newline) {
                if (m_phase == Phase::ChunkSize) {
                    chunkSizeEnded();
                } else if (withoutLineEnd(std::exchange(m_line, {})).isEmpty()) {
                    requestEnded();
                } else {
                    refuse(400, "Bad Request", QStringLiteral("BadRequestException"),
                           QStringLiteral("Trailer fields after a chunked body are not supported"));
                }
            } else if (m_line.size() > kMaxChunkLineBytes) {
                refuse(400, "Bad Request", QStringLiteral("BadRequestException"),
                       QStringLiteral("A chunk-size line is over %1 bytes").arg(kMaxChunkLineBytes));
            }
            continue;
        }
        case Phase::FixedBody:
        case Phase::ChunkData: {
            const qint64 step = std::min<qint64>(m_bodyLeft, size - offset);
            m_bodyLeft -= step;
            offset += step;
            if (m_bodyLeft > 0)
                continue;
            if (m_phase == Phase::FixedBody)
                requestEnded();
            else
                m_phase = Phase::ChunkDataEnd;
            continue;
        }
        case Phase::ChunkDataEnd: {
            const char c = data[offset++];
            if (c == '\n' && !m_line.isEmpty()) {
                m_line.clear();
                m_phase = Phase::ChunkSize;
            } else if (c == '\r' && m_line.isEmpty()) {
                m_line.append(c);
            } else {
                refuse(400, "Bad Request", QStringLiteral("BadRequestException"),
                       QStringLiteral("A chunk is not followed by CRLF where its chunk size says it ends"));
            }
            continue;
        }
        }
    }
}

void ConnectionGuard::headEnded()
{
    const QList<QByteArray> lines = std::exchange(m_head, {}).split('\n');
    QList<QByteArray> requestLine;
    for (const QByteArray& part : withoutLineEnd(lines.first()).split(' ')) {
        if (!part.isEmpty())
            requestLine.append(part);
    }
    bool malformed = false;
    bool hasLength = false;
    bool lengthsDiffer = false;
    QByteArray length;
    QByteArray transferEncoding;
    QByteArray connection;
    QByteArray upgrade;
    m_origin.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = withoutLineEnd(lines.at(i));
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (isBlank(line.front()) || colon <= 0) {
            malformed = true; // obsolete line folding, or no name
            continue;
        }
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            lengthsDiffer = lengthsDiffer || (hasLength && value != length);
            hasLength = true;
            length = value;
        } else if (name == "transfer-encoding" || name == "connection" || name == "upgrade") {
            QByteArray& combined = name == "transfer-encoding"
                                       ? transferEncoding
                                       : (name == "connection" ? connection : upgrade);
            combined += (combined.isEmpty() ? "" : ", ") + value;
        } else if (name == "origin" && m_origin.isEmpty()) {
            m_origin = value;
        }
    }

    const QString badRequest = QStringLiteral("BadRequestException");
    if (requestLine.size() != 3)
        return refuse(400, "Bad Request", badRequest,
                      QStringLiteral("The request line is not <method> <target> HTTP/1.1"));
    const QByteArray& version = requestLine.at(2);
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        if (version.startsWith("HTTP/"))
            return refuse(
                505, "HTTP Version Not Supported", QStringLiteral("HttpVersionNotSupportedException"),
                QStringLiteral("%1 is not supported: send HTTP/1.1").arg(QString::fromLatin1(version)));
        return refuse(400, "Bad Request", badRequest,
                      QStringLiteral("The request line is not <method> <target> HTTP/1.1"));
    }
    if (malformed)
        return refuse(400, "Bad Request", badRequest, QStringLiteral("A header line is not <name>: <value>"));
    const bool chunked = !transferEncoding.isEmpty();
    if (chunked && tokens(transferEncoding) != QList<QByteArray>{"chunked"})
        return refuse(501, "Not Implemented", QStringLiteral("NotImplementedException"),
                      QStringLiteral("Transfer-Encoding %1 is not supported: send the body with a "
                                     "Content-Length or chunked")
                          .arg(QString::fromLatin1(transferEncoding)));
    if (chunked && hasLength)
        return refuse(400, "Bad Request", badRequest,
                      QStringLiteral("A request may not carry both Content-Length and Transfer-Encoding"));
    qint64 bodyBytes = 0;
    if (hasLength) {
        if (lengthsDiffer || !isDigits(length))
            return refuse(400, "Bad Request", badRequest,
                          QStringLiteral("Content-Length is not one number of bytes"));
        bool fits = false;
        bodyBytes = length.toLongLong(&fits);
        if (!fits || bodyBytes > m_limits.maxBodyBytes)
            return refuse(413, "Payload Too Large", QStringLiteral("RequestEntityTooLargeException"),
                          QStringLiteral("The request body is %1 bytes; at most %2 are accepted")
                              .arg(QString::fromLatin1(length))
                              .arg(m_limits.maxBodyBytes));
    }
    // QtHttpServer hands a WebSocket handshake to the handler and then to missingHandler(): two
    // replies. Other upgrades (h2c) are answered as plain HTTP/1.1, which the client must accept.
    if (tokens(connection).contains("upgrade") && upgrade.toLower().contains("websocket"))
        return refuse(501, "Not Implemented", QStringLiteral("NotImplementedException"),
                      QStringLiteral("This endpoint does not speak WebSocket; send HTTP/1.1 requests"));

    m_targets.enqueue(requestLine.at(1));
    if (chunked) {
        m_phase = Phase::ChunkSize;
        m_chunkedTotal = 0;
        m_line.clear();
        arm(Deadline::Body);
    } else if (bodyBytes > 0) {
        m_phase = Phase::FixedBody;
        m_bodyLeft = bodyBytes;
        arm(Deadline::Body);
    } else {
        requestEnded();
    }
}

void ConnectionGuard::chunkSizeEnded()
{
    QByteArray size = withoutLineEnd(std::exchange(m_line, {}));
    const qsizetype extension = size.indexOf(';');
    if (extension >= 0)
        size.truncate(extension);
    size = size.trimmed();
    if (!isHexDigits(size))
        return refuse(400, "Bad Request", QStringLiteral("BadRequestException"),
                      QStringLiteral("A chunk size is not a hexadecimal number"));
    bool fits = false;
    const qint64 bytes = size.toLongLong(&fits, 16);
    if (fits && bytes == 0) {
        m_phase = Phase::Trailer;
        return;
    }
    if (!fits || bytes > m_limits.maxBodyBytes - m_chunkedTotal)
        return refuse(413, "Payload Too Large", QStringLiteral("RequestEntityTooLargeException"),
                      QStringLiteral("The chunked request body is over %1 bytes; at most %1 are accepted")
                          .arg(m_limits.maxBodyBytes));
    m_chunkedTotal += bytes;
    m_bodyLeft = bytes;
    m_phase = Phase::ChunkData;
}

void ConnectionGuard::requestEnded()
{
    m_phase = Phase::Idle;
    m_bodyLeft = 0;
    m_origin.clear();
    arm(m_repliesOwed == 0 ? Deadline::Idle : Deadline::None);
}

void ConnectionGuard::arm(Deadline deadline)
{
    m_deadline = deadline;
    switch (deadline) {
    case Deadline::None:
        m_timer->stop();
        break;
    case Deadline::Header:
        m_timer->start(m_limits.headerTimeoutMs);
        break;
    case Deadline::Body:
        m_timer->start(m_limits.bodyTimeoutMs);
        break;
    case Deadline::Idle:
        m_timer->start(m_limits.idleTimeoutMs);
        break;
    }
}

void ConnectionGuard::onDeadline()
{
    const auto seconds = [](int ms) { return QString::number(ms / 1000.0); };
    switch (m_deadline) {
    case Deadline::None:
        break;
    case Deadline::Header:
        refuse(408, "Request Timeout", QStringLiteral("RequestTimeoutException"),
               QStringLiteral("The request's headers did not arrive within %1 s")
                   .arg(seconds(m_limits.headerTimeoutMs)));
        break;
    case Deadline::Body:
        refuse(408, "Request Timeout", QStringLiteral("RequestTimeoutException"),
               QStringLiteral("The request body did not arrive within %1 s")
                   .arg(seconds(m_limits.bodyTimeoutMs)));
        break;
    case Deadline::Idle:
        if (m_repliesOwed == 0 && m_phase == Phase::Idle && !m_refused)
            disconnectFromHost();
        break;
    }
}

void ConnectionGuard::refuse(int status, const QByteArray& reason, const QString& type,
                             const QString& message)
{
    if (m_refused)
        return;
    m_refused = true;
    arm(Deadline::None);
    m_refusal = errorResponse(status, reason, type, message, m_cors.replyHeaders(originOfCurrentRequest()));
    drop();
    if (m_repliesOwed == 0)
        refuseAndLinger(*this, std::exchange(m_refusal, {}));
}

void ConnectionGuard::drop()
{
    if (isTransactionStarted())
        commitTransaction();
    skip(bytesAvailable());
    m_seenUnread = 0;
}

QByteArray ConnectionGuard::originOfCurrentRequest() const
{
    if (m_phase != Phase::Head || m_head.isEmpty())
        return m_origin;
    for (const QByteArray& line : m_head.split('\n')) {
        const QByteArray trimmed = withoutLineEnd(line).trimmed();
        if (trimmed.toLower().startsWith("origin:"))
            return trimmed.mid(7).trimmed();
    }
    return {};
}

} // namespace footfall
