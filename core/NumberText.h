#pragma once

#include <QString>

namespace footfall {

// How exports write a number: the shortest text that reads back as exactly the same double
// ("805.92", never "805.920000000001"), without an exponent for ordinary magnitudes (1e-6 up to
// 1e16). Every export of a report value (CSV, the PDF's tables, tooltips) goes through here.
class NumberText
{
public:
    NumberText() = delete;

    // 805.92, 12, 0.000001, 1.5e+20, -0 as 0.
    static QString shortest(double value);
    // The same with ".0" on a whole number (12.0), as the S3 report files write their floats.
    static QString shortestFloat(double value);
};

} // namespace footfall
