#pragma once

#include <QLocale>
#include <QString>

namespace footfall {

// "1 event", "2 events", "1,024 events": English plurals without a translation catalogue.
inline QString plural(qint64 count, const QString& singular, const QString& pluralForm)
{
    return QStringLiteral("%1 %2").arg(QLocale().toString(count), count == 1 ? singular : pluralForm);
}

// The console writes "200,004 rows" under every locale, the C locale (LANG=C.UTF-8) too, which
// would leave the separators out. Call once, after the QApplication is made.
inline void useGroupedNumbers()
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    QLocale::setDefault(locale);
}

} // namespace footfall
