#include "Arn.h"

#include "ServiceConfig.h"

namespace footfall::Arn {

QString build(const ServiceConfig& config, const QString& resourceType, const QString& path)
{
    return QStringLiteral("arn:aws:personalize:%1:%2:%3/%4")
        .arg(config.region, config.accountId, resourceType, path);
}

} // namespace footfall::Arn
