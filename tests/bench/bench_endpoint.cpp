// PutEvents requests of 10 events over keep-alive HTTP connections on loopback, against the same
// requests sent through core directly, in the same run. Reports requests per second and the p50
// and p99 latency of the HTTP requests.
//
// BM_LoadRequestsThroughCore/<events> and BM_LoadRequestsThroughRouter/<events> are the in-process
// baselines of tests/bench/endpoint_load.py (wrk against `footfall serve`): the bytes its wrk script
// sends, through RecordingService (JSON parsed, as the endpoint does) and through EndpointRouter (all
// of the endpoint but the socket and the HTTP parsing). That script runs them with
// --benchmark_filter=LoadRequests --benchmark_min_time=<seconds>.
#include "BenchSupport.h"
#include "EndpointRouter.h"
#include "LocalEndpoint.h"
#include "RecordingService.h"
#include "TransactionGuard.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <benchmark/benchmark.h>
#include <optional>
#include <thread>

using namespace footfall;

namespace {

constexpr int kConnections = 4;
constexpr qint64 kSecondsPerRun = 6;

// Sends requests on one keep-alive connection until the deadline; returns each request's latency in µs.
QList<qint64> runConnection(const QString& host, quint16 port, const QString& trackingId, int connection,
                            qint64 deadlineMs, std::atomic<bool>& failed, qint64& sendingNs)
{
    QList<qint64> latencies;
    QTcpSocket socket;
    socket.connectToHost(host, port);
    if (!socket.waitForConnected(5000)) {
        failed = true;
        return latencies;
    }
    // Like wrk, the load generator prepares its requests beforehand, so that it does not compete
    // with the server for the CPU while measuring.
    QList<QByteArray> requests;
    qint64 sentAt = 1700000000 + qint64(connection) * 100000000;
    for (int i = 0; i < 8000; ++i) {
        const QByteArray body =
            QJsonDocument(bench::putEventsRequest(trackingId, connection * 100000 + i, sentAt))
                .toJson(QJsonDocument::Compact);
        sentAt += 10;
        requests.append("POST /events HTTP/1.1\r\nHost: " + host.toLatin1() + ':' + QByteArray::number(port) +
                        "\r\nContent-Type: application/json\r\nContent-Length: " +
                        QByteArray::number(body.size()) + "\r\nConnection: keep-alive\r\n\r\n" + body);
    }
    QElapsedTimer clock;
    clock.start();
    int next = 0;
    while (clock.elapsed() < deadlineMs && next < requests.size()) {
        const QByteArray& request = requests.at(next++);
        const qint64 started = clock.nsecsElapsed();
        socket.write(request);
        QByteArray response;
        qint64 expected = -1;
        while (expected < 0 || response.size() < expected) {
            if (!socket.waitForReadyRead(10000)) {
                failed = true;
                return latencies;
            }
            response += socket.readAll();
            const int headerEnd = response.indexOf("\r\n\r\n");
            if (expected < 0 && headerEnd >= 0) {
                const int lengthAt = response.toLower().indexOf("content-length:");
                const qint64 length =
                    response.mid(lengthAt + 15, response.indexOf("\r\n", lengthAt) - lengthAt - 15)
                        .trimmed()
                        .toLongLong();
                expected = headerEnd + 4 + length;
            }
        }
        if (!response.startsWith("HTTP/1.1 200")) {
            failed = true;
            return latencies;
        }
        latencies.append((clock.nsecsElapsed() - started) / 1000);
    }
    sendingNs = clock.nsecsElapsed();
    return latencies;
}

} // namespace

static void BM_PutEventsOverHttp(benchmark::State& state)
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.provisioningMs = 0;
    const QString path = dir.filePath(QStringLiteral("endpoint.db"));
    QString trackingId;
    {
        bench::ShopWorkspace shop = bench::createShop(path, config);
        trackingId = shop.trackingId;
    }
    LocalEndpoint endpoint;
    QEventLoop loop;
    QObject::connect(&endpoint, &LocalEndpoint::started, &loop, &QEventLoop::quit);
    QObject::connect(&endpoint, &LocalEndpoint::failed, &loop, &QEventLoop::quit);
    endpoint.start(path, config, QHostAddress::LocalHost, 0);
    loop.exec();
    if (!endpoint.isRunning()) {
        state.SkipWithError("the endpoint did not start");
        return;
    }
    const QUrl url(endpoint.url());
    for (auto _ : state) {
        std::atomic<bool> failed{false};
        std::vector<QList<qint64>> results(kConnections);
        std::vector<qint64> durations(kConnections, 0);
        std::vector<std::thread> clients;
        for (int i = 0; i < kConnections; ++i) {
            clients.emplace_back([&, i] {
                results[size_t(i)] = runConnection(url.host(), quint16(url.port()), trackingId, i,
                                                   kSecondsPerRun * 1000, failed, durations[size_t(i)]);
            });
        }
        for (std::thread& client : clients)
            client.join();
        const double seconds = double(*std::max_element(durations.begin(), durations.end())) / 1e9;
        QList<qint64> all;
        for (const QList<qint64>& latencies : results)
            all += latencies;
        std::sort(all.begin(), all.end());
        if (failed || all.isEmpty()) {
            state.SkipWithError("a request failed");
            break;
        }
        state.SetIterationTime(seconds);
        state.counters["requests_per_second"] = double(all.size()) / seconds;
        state.counters["p50_ms"] = double(all.at(all.size() / 2)) / 1000.0;
        state.counters["p99_ms"] =
            double(all.at(std::min<qsizetype>(all.size() - 1, all.size() * 99 / 100))) / 1000.0;
        state.counters["requests"] = double(all.size());
    }
    endpoint.stop();
}

// The baseline: the same requests, as JSON text, parsed and recorded through core in one thread.
static void BM_SameRequestsThroughCore(benchmark::State& state)
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.provisioningMs = 0;
    bench::ShopWorkspace shop = bench::createShop(dir.filePath(QStringLiteral("core.db")), config);
    qint64 sentAt = 1700000000;
    int user = 0;
    for (auto _ : state) {
        const QByteArray body = QJsonDocument(bench::putEventsRequest(shop.trackingId, user++, sentAt))
                                    .toJson(QJsonDocument::Compact);
        sentAt += 10;
        shop.workspace->recording().putEvents(QJsonDocument::fromJson(body).object(),
                                              {QStringLiteral("bench"), QString::fromUtf8(body), {}, {}});
    }
    state.counters["requests_per_second"] =
        benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

namespace {

// Two months ago, in whole seconds: the wrk script is given a base of the same kind.
double loadBaseSentAt()
{
    return double(QDateTime::currentSecsSinceEpoch() - 60 * 86400);
}

} // namespace

static void BM_LoadRequestsThroughCore(benchmark::State& state)
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.provisioningMs = 0;
    bench::ShopWorkspace shop = bench::createShop(dir.filePath(QStringLiteral("core.db")), config);
    const int events = int(state.range(0));
    const double base = loadBaseSentAt();
    const QString userAgent = QString::fromLatin1(bench::loadRequestUserAgent());
    qint64 sequence = 0;
    for (auto _ : state) {
        const QByteArray body = bench::loadRequestBody(shop.trackingId, events, sequence, base);
        shop.workspace->recording().putEvents(
            QJsonDocument::fromJson(body).object(),
            {QStringLiteral("endpoint"), QString::fromUtf8(body), userAgent, {}});
    }
    state.counters["requests_per_second"] =
        benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["events_per_second"] =
        benchmark::Counter(double(state.iterations() * events), benchmark::Counter::kIsRate);
}

// The wrk script's requests through EndpointRouter: one transaction each (groupRequests 0), or
// groupRequests to a transaction, each in its savepoint, as the endpoint's writer commits a group.
static void loadRequestsThroughRouter(benchmark::State& state, int groupRequests)
{
    QTemporaryDir dir;
    ServiceConfig config;
    config.provisioningMs = 0;
    bench::ShopWorkspace shop = bench::createShop(dir.filePath(QStringLiteral("router.db")), config);
    EndpointRouter router(*shop.workspace);
    const int events = int(state.range(0));
    const double base = loadBaseSentAt();
    EndpointRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/events");
    request.headers = {{"content-type", "application/json"}, {"user-agent", bench::loadRequestUserAgent()}};
    qint64 sequence = 0;
    for (auto _ : state) {
        std::optional<TransactionGuard> group;
        if (groupRequests > 0)
            group.emplace(shop.workspace->database());
        for (int i = 0; i < std::max(1, groupRequests); ++i) {
            request.body = bench::loadRequestBody(shop.trackingId, events, sequence, base);
            if (router.handle(request).status != 200) {
                state.SkipWithError("a request was refused");
                return;
            }
        }
        if (group)
            group->commit();
    }
    const double requests = double(state.iterations() * std::max(1, groupRequests));
    state.counters["requests_per_second"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
    state.counters["events_per_second"] = benchmark::Counter(requests * events, benchmark::Counter::kIsRate);
}

static void BM_LoadRequestsThroughRouter(benchmark::State& state)
{
    loadRequestsThroughRouter(state, 0);
}

// What the endpoint's writer does for a group, without the sockets, the HTTP parsing or the other
// threads: 16 requests to a transaction. Its rate is the ceiling of one writer thread.
static void BM_LoadRequestsThroughRouterInGroups(benchmark::State& state)
{
    loadRequestsThroughRouter(state, 16);
}

BENCHMARK(BM_SameRequestsThroughCore)->MinTime(5.0)->UseRealTime();
BENCHMARK(BM_LoadRequestsThroughCore)->Arg(1)->Arg(10)->UseRealTime();
BENCHMARK(BM_LoadRequestsThroughRouter)->Arg(1)->Arg(10)->UseRealTime();
BENCHMARK(BM_LoadRequestsThroughRouterInGroups)->Arg(1)->Arg(10)->UseRealTime();
BENCHMARK(BM_PutEventsOverHttp)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

FOOTFALL_BENCHMARK_MAIN()
