#pragma once

#include "ServiceConfig.h"
#include "Workspace.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

// The main() of every benchmark executable: Qt's application object, then Google Benchmark.
#define FOOTFALL_BENCHMARK_MAIN()                                                                            \
    int main(int argc, char** argv)                                                                          \
    {                                                                                                        \
        QCoreApplication application(argc, argv);                                                            \
        benchmark::Initialize(&argc, argv);                                                                  \
        benchmark::RunSpecifiedBenchmarks();                                                                 \
        benchmark::Shutdown();                                                                               \
        return 0;                                                                                            \
    }

namespace footfall::bench {

// A workspace file with the "shop" group, its Interactions dataset (events template) and a tracker.
struct ShopWorkspace
{
    std::unique_ptr<Workspace> workspace;
    QString trackingId;
    QString groupArn;
};

ShopWorkspace createShop(const QString& path, const ServiceConfig& config);
// A PutEvents request of 10 events for user `user`, sentAt values from `firstSentAt` on.
QJsonObject putEventsRequest(const QString& trackingId, int user, qint64 firstSentAt);
// The body of a PutEvents request exactly as tests/bench/wrk/put_events.lua builds it for a wrk thread
// whose sequence number is `sequence` (advanced by `events`): the same bytes, so that a baseline
// through core sends what endpoint_load.py sends over HTTP.
QByteArray loadRequestBody(const QString& trackingId, int events, qint64& sequence, double baseSentAt,
                           int threadIndex = 0);
// The User-Agent header the wrk scripts send.
QByteArray loadRequestUserAgent();
// The process's peak resident memory, in MiB.
double peakResidentMiB();

} // namespace footfall::bench
