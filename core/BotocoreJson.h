#pragma once

#include <QJsonObject>
#include <QString>

namespace footfall {

// The request body exactly as botocore (boto3 and the AWS CLI) would send it: Python's json.dumps
// with its default separators and ASCII escaping, members in the service model's order, and sentAt
// as whole epoch seconds (botocore truncates fractions and converts ISO 8601 strings).
namespace BotocoreJson {
QString putEventsBody(const QJsonObject& request);
// Python json.dumps of any value, object members in `QJsonObject`'s (sorted) order.
QString dumps(const QJsonValue& value);
} // namespace BotocoreJson

} // namespace footfall
