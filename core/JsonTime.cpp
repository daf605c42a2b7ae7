#include "JsonTime.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace footfall::JsonTime {

QJsonValue fromMs(qint64 ms)
{
    return double(ms) / 1000.0;
}

QString toCliText(double epochSeconds)
{
    const qint64 ms = qint64(std::llround(epochSeconds * 1000.0));
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz000+00:00"));
}

QString msToCliText(qint64 epochMs)
{
    return toCliText(double(epochMs) / 1000.0);
}

QString isoSeconds(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

} // namespace footfall::JsonTime
