#pragma once

#include <QString>

namespace footfall {

class Clock;

// Settings every service shares: where ARNs say they live, how long provisioning takes, and the clock.
struct ServiceConfig
{
    QString region = QStringLiteral("us-east-1");
    QString accountId = QStringLiteral("000000000000");
    // How long a new resource stays CREATE PENDING / CREATE IN_PROGRESS (half each) before it is
    // ACTIVE, and how long a deleted one stays DELETE PENDING before it is gone.
    qint64 provisioningMs = 1000;
    // An interactions import expected to bring at least this many rows, and at least as many as
    // the file already holds, rebuilds the readers' indexes at its end instead of growing them row
    // by row. Tests lower it to reach that path with small files.
    qint64 bulkImportRows = 100000;
    // How often a long-running process (serve, the console) looks for User-Personalization models whose
    // two-hourly automatic update is due (TrainingScheduler). Tests shorten it.
    qint64 automaticUpdateCheckMs = 60000;
    const Clock* clock = nullptr;

    const Clock& effectiveClock() const;
    qint64 nowMs() const;

    // Reads FOOTFALL_REGION, FOOTFALL_ACCOUNT_ID, FOOTFALL_PROVISIONING_MS and FOOTFALL_UPDATE_CHECK_MS over
    // the defaults.
    static ServiceConfig fromEnvironment();
};

} // namespace footfall
