#pragma once

#include "ServiceConfig.h"
#include "Workspace.h"

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
// The process's peak resident memory, in MiB.
double peakResidentMiB();

} // namespace footfall::bench
