#include "NumberText.h"

#include <QLocale>

#include <cmath>

namespace footfall {

QString NumberText::shortest(double value)
{
    if (value == 0.0)
        return QStringLiteral("0"); // -0 as well
    const double magnitude = std::fabs(value);
    const bool ordinary = magnitude >= 1e-6 && magnitude < 1e16;
    return QString::number(value, ordinary ? 'f' : 'g', QLocale::FloatingPointShortest);
}

QString NumberText::shortestFloat(double value)
{
    QString text = shortest(value);
    if (std::isfinite(value) && !text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')))
        text += QStringLiteral(".0");
    return text;
}

} // namespace footfall
