#pragma once

#include <QJsonValue>
#include <QString>

namespace footfall {

// Timestamps as the AWS JSON protocols carry them: epoch seconds, with a fraction.
namespace JsonTime {
QJsonValue fromMs(qint64 ms);
// ISO 8601 in UTC with microseconds and offset, as the AWS CLI prints timestamps.
QString toCliText(double epochSeconds);
} // namespace JsonTime

} // namespace footfall
