#pragma once

#include <QLocale>
#include <QString>

namespace footfall {

// "1 event", "2 events", "1,024 events": English plurals without a translation catalogue.
inline QString plural(qint64 count, const QString& singular, const QString& pluralForm)
{
    return QStringLiteral("%1 %2").arg(QLocale().toString(count), count == 1 ? singular : pluralForm);
}

} // namespace footfall
