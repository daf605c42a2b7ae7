#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace footfall {

struct ApiOperation;

// --generate-cli-skeleton: a request or response of an operation's shape filled with placeholders,
// as botocore's ArgumentGenerator fills it: "" (or the first enum value), 0, 0.0, true,
// "1970-01-01T00:00:00", lists of one element, maps with one "KeyName", and a structure that
// contains itself again as {}. A response skeleton puts each member's name in its strings.
class CliSkeleton
{
public:
    CliSkeleton() = delete;

    enum class Strings
    {
        Placeholders,
        MemberNames
    };
    // `shape` is a ServiceShapes name. Timestamps are `timestamp`: botocore's datetime, which the
    // AWS CLI prints as isoformat() in JSON and as str() in text and tables.
    static QJsonValue forShape(const QString& shape, Strings strings,
                               const QString& timestamp = QStringLiteral("1970-01-01T00:00:00"));
    // For Footfall's own commands, which the botocore models do not have: from the catalog's members.
    static QJsonObject forMembers(const ApiOperation& operation);
};

} // namespace footfall
