#pragma once

#include "ServiceConfig.h"
#include "Workspace.h"

#include <QJsonObject>
#include <QString>

#include <memory>

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
