#include "BodyLimitTcpServer.h"

#include "CorsPolicy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace footfall {

namespace {

// Follows the requests of one keep-alive connection: headers, then Content-Length bytes of body.
class BodyLimitSocket final : public QTcpSocket
{
public:
    BodyLimitSocket(qint64 maxBodyBytes, const CorsPolicy& cors, QObject* parent)
        : QTcpSocket(parent)
        , m_maxBodyBytes(maxBodyBytes)
        , m_cors(cors)
    {
        // Connected before the HTTP server connects its own slot, so this runs first on every
        // readyRead and sees the bytes the server is about to read (it reads all that is buffered).
        connect(this, &QTcpSocket::readyRead, this, [this] {
            if (m_refused) {
                readAll(); // the connection is closing: drop whatever still arrives
                return;
            }
            const QByteArray fresh = peek(bytesAvailable());
            observe(fresh.constData(), fresh.size());
            if (m_refused)
                readAll(); // keep the refused request away from the HTTP server
        });
    }

private:
    void observe(const char* data, qint64 size)
    {
        qint64 offset = 0;
        while (offset < size && !m_refused) {
            if (m_bodyLeft > 0) {
                const qint64 step = std::min(m_bodyLeft, size - offset);
                m_bodyLeft -= step;
                offset += step;
                continue;
            }
            m_header.append(data + offset, 1);
            ++offset;
            if (!m_header.endsWith("\r\n\r\n")) {
                if (m_header.size() > 64 * 1024)
                    m_header.clear(); // not HTTP we understand: leave it to the server's parser
                continue;
            }
            const qint64 length = headerValue(m_header, "content-length:").toLongLong();
            if (length > m_maxBodyBytes)
                refuse(length, headerValue(m_header, "origin:"));
            else
                m_bodyLeft = length;
            m_header.clear();
        }
    }

    // `name` in lower case, with its colon.
    static QByteArray headerValue(const QByteArray& header, const QByteArray& name)
    {
        for (const QByteArray& line : header.split('\n')) {
            const QByteArray trimmed = line.trimmed();
            if (trimmed.toLower().startsWith(name))
                return trimmed.mid(name.size()).trimmed();
        }
        return {};
    }

    void refuse(qint64 length, const QByteArray& origin)
    {
        m_refused = true;
        const QByteArray body =
            QJsonDocument(
                QJsonObject{{QStringLiteral("__type"), QStringLiteral("RequestEntityTooLargeException")},
                            {QStringLiteral("message"),
                             QStringLiteral("The request body is %1 bytes; at most %2 are accepted")
                                 .arg(length)
                                 .arg(m_maxBodyBytes)}})
                .toJson(QJsonDocument::Compact);
        QByteArray cors;
        for (const auto& [name, value] : m_cors.replyHeaders(origin))
            cors += name + ": " + value + "\r\n";
        write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
              "x-amzn-ErrorType: RequestEntityTooLargeException\r\n" +
              cors + "Connection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
              body);
        disconnectFromHost();
    }

    qint64 m_maxBodyBytes;
    const CorsPolicy m_cors;
    QByteArray m_header;
    qint64 m_bodyLeft = 0;
    bool m_refused = false;
};

} // namespace

BodyLimitTcpServer::BodyLimitTcpServer(qint64 maxBodyBytes, const CorsPolicy& cors, QObject* parent)
    : QTcpServer(parent)
    , m_maxBodyBytes(maxBodyBytes)
    , m_cors(cors)
{}

void BodyLimitTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto* socket = new BodyLimitSocket(m_maxBodyBytes, m_cors, this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    addPendingConnection(socket);
}

} // namespace footfall
