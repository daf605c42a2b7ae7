#include "ServiceConfig.h"

#include "Clock.h"

#include <QtGlobal>

namespace footfall {

const Clock& ServiceConfig::effectiveClock() const
{
    return clock ? *clock : Clock::system();
}

qint64 ServiceConfig::nowMs() const
{
    return effectiveClock().nowMs();
}

ServiceConfig ServiceConfig::fromEnvironment()
{
    ServiceConfig config;
    const QString region = qEnvironmentVariable("FOOTFALL_REGION");
    if (!region.isEmpty())
        config.region = region;
    const QString account = qEnvironmentVariable("FOOTFALL_ACCOUNT_ID");
    if (!account.isEmpty())
        config.accountId = account;
    bool ok = false;
    const qint64 provisioning = qEnvironmentVariable("FOOTFALL_PROVISIONING_MS").toLongLong(&ok);
    if (ok && provisioning >= 0)
        config.provisioningMs = provisioning;
    const qint64 updateCheck = qEnvironmentVariable("FOOTFALL_UPDATE_CHECK_MS").toLongLong(&ok);
    if (ok && updateCheck > 0)
        config.automaticUpdateCheckMs = updateCheck;
    return config;
}

} // namespace footfall
