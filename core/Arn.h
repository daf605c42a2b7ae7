#pragma once

#include <QString>

namespace footfall {

struct ServiceConfig;

// ARNs in AWS's form: arn:aws:personalize:<region>:<account>:<resource-type>/<path>.
namespace Arn {
QString build(const ServiceConfig& config, const QString& resourceType, const QString& path);
} // namespace Arn

} // namespace footfall
