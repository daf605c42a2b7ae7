#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace footfall {

// The AWS CLI's own check of a request before it sends it (botocore's ParamValidator): against an
// operation's input shape in ServiceShapes, every problem in botocore's order and words
// ("Missing required parameter in input: \"name\"", "Invalid length for parameter name, value: 0,
// valid min length: 1"), values written as Python prints them.
class ParamValidator
{
public:
    ParamValidator() = delete;

    // Empty when `input` passes.
    static QStringList problems(const QJsonValue& input, const QString& inputShape);
};

} // namespace footfall
