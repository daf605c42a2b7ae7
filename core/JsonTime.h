#pragma once

#include <QJsonValue>
#include <QString>

namespace footfall {

// Timestamps as the AWS JSON protocols carry them: epoch seconds, with a fraction.
namespace JsonTime {
QJsonValue fromMs(qint64 ms);
// ISO 8601 in UTC with microseconds and offset, as the AWS CLI prints timestamps.
QString toCliText(double epochSeconds);
QString msToCliText(qint64 epochMs);
// 2026-11-29T10:15:00Z: the form reports use.
QString isoSeconds(qint64 epochSeconds);
} // namespace JsonTime

} // namespace footfall
