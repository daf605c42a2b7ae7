#include "RequestLogEntry.h"

namespace footfall {

QString RequestLogEntry::outcomeFor(int recorded, int duplicates)
{
    if (duplicates == 0)
        return QStringLiteral("accepted");
    return recorded == 0 ? QStringLiteral("duplicate") : QStringLiteral("partly duplicate");
}

} // namespace footfall
