#include "LocalEndpoint.h"

#include "DatabaseOpenError.h"
#include "EndpointServer.h"
#include "TrainingScheduler.h"
#include "Workspace.h"

#include <QThread>

namespace footfall {

LocalEndpoint::LocalEndpoint(QObject* parent)
    : QObject(parent)
{}

LocalEndpoint::~LocalEndpoint()
{
    stop();
}

void LocalEndpoint::start(const QString& databasePath, const ServiceConfig& config,
                          const QHostAddress& address, quint16 port,
                          const QHash<QString, QString>& accessKeys, bool allowUnsigned,
                          const QStringList& corsOrigins)
{
    stop();
    if (!address.isLoopback() && accessKeys.isEmpty() && !allowUnsigned) {
        const QString message =
            tr("%1 is not a loopback address, so other machines could read and change this database "
               "without credentials; require signatures, or allow unsigned requests from other machines.")
                .arg(address.toString());
        QMetaObject::invokeMethod(
            this, [this, message] { emit failed(message); }, Qt::QueuedConnection);
        return;
    }
    m_requestCount = 0;
    m_address = address;
    m_requiresSignature = !accessKeys.isEmpty();
    m_corsPolicy = CorsPolicy::forAddress(address.isLoopback(), corsOrigins);
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("footfall-endpoint"));
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(m_context, [this, databasePath, config, address, port, accessKeys] {
        QString message;
        QString url;
        try {
            m_workspace = Workspace::open(databasePath, config, EndpointServer::databaseOptions());
            m_training =
                std::make_unique<TrainingScheduler>(databasePath, config, EndpointServer::databaseOptions());
            m_workspace->setTrainingScheduler(m_training.get());
            m_training->startAutomaticUpdates();
            m_server = std::make_unique<EndpointServer>(*m_workspace);
            if (!accessKeys.isEmpty())
                m_server->requireSignature(accessKeys);
            connect(m_server.get(), &EndpointServer::requestHandled, this, [this](qint64 count) {
                m_requestCount = count;
                emit requestCountChanged(count);
            });
            connect(m_server.get(), &EndpointServer::storageProblem, this, &LocalEndpoint::storageProblem);
            const quint16 bound = m_server->listenLimited(address, port, m_corsPolicy);
            if (bound == 0) {
                message = tr("Cannot listen on %1:%2; is another program using the port?")
                              .arg(address.toString())
                              .arg(port);
                m_server.reset();
                m_training.reset();
                m_workspace.reset();
            } else {
                const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                                         ? QStringLiteral("[%1]").arg(address.toString())
                                         : address.toString();
                url = QStringLiteral("http://%1:%2").arg(host).arg(bound);
            }
        } catch (const DatabaseOpenError& error) {
            message = error.message();
        } catch (const std::exception& error) {
            m_server.reset();
            m_workspace.reset();
            message = QString::fromUtf8(error.what());
        }
        QMetaObject::invokeMethod(this, [this, url, message] {
            if (url.isEmpty()) {
                stop();
                emit failed(message);
            } else {
                m_url = url;
                emit started(url);
            }
        });
    });
}

void LocalEndpoint::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_server.reset();
            // Stops training and fails what did not finish, before its connection goes.
            m_training.reset();
            m_workspace.reset();
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_context = nullptr;
    const bool wasRunning = !m_url.isEmpty();
    m_url.clear();
    if (wasRunning)
        emit stopped();
}

} // namespace footfall
