#pragma once

#include "CorsPolicy.h"
#include "ServiceConfig.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace footfall {

class EndpointServer;
class TrainingScheduler;
class Workspace;

// The local endpoint for the console: the server runs on a thread of its own with its own
// connection to the database, so clients are served while the window stays responsive; training that
// its clients ask for runs on a TrainingScheduler of its own.
class LocalEndpoint final : public QObject
{
    Q_OBJECT

public:
    explicit LocalEndpoint(QObject* parent = nullptr);
    ~LocalEndpoint() override;
    Q_DISABLE_COPY_MOVE(LocalEndpoint)

    // Starts serving `databasePath`; started() or failed() follows.
    // With `accessKeys` (access key id -> secret), requests must be signed with SigV4 by one of them.
    // An address other than loopback without access keys fails unless `allowUnsigned` says the
    // user chose to let other machines in without credentials. Web pages from `corsOrigins` may
    // call it; with none named, any page may on loopback and none beyond (CorsPolicy::forAddress()).
    void start(const QString& databasePath, const ServiceConfig& config, const QHostAddress& address,
               quint16 port, const QHash<QString, QString>& accessKeys = {}, bool allowUnsigned = false,
               const QStringList& corsOrigins = {});
    // Stops and waits until the server and its connection are gone.
    void stop();

    bool isRunning() const { return !m_url.isEmpty(); }
    QString url() const { return m_url; }
    qint64 requestCount() const { return m_requestCount; }
    bool requiresSignature() const { return m_requiresSignature; }
    // Which web pages may call the running endpoint.
    const CorsPolicy& corsPolicy() const { return m_corsPolicy; }
    // Running on an address other machines can reach, and serving them without a signature.
    bool servesUnsignedToNetwork() const
    {
        return isRunning() && !m_requiresSignature && !m_address.isLoopback();
    }

signals:
    void started(const QString& url);
    void failed(const QString& message);
    void stopped();
    void requestCountChanged(qint64 count);
    // A request failed because of the storage: the disk is full, or the file stayed locked.
    void storageProblem(const QString& message);

private:
    QThread* m_thread = nullptr;
    QObject* m_context = nullptr; // lives in m_thread; what runs there is invoked on it
    // Owned and used on m_thread only.
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<TrainingScheduler> m_training; // CreateSolutionVersion's training, model updates
    std::unique_ptr<EndpointServer> m_server;
    QString m_url;
    QHostAddress m_address;
    bool m_requiresSignature = false;
    CorsPolicy m_corsPolicy;
    std::atomic<qint64> m_requestCount{0};
};

} // namespace footfall
