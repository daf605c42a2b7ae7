#pragma once

#include <QtGlobal>

namespace footfall {

// Adds doubles as the decimals they were written as: each value counts as its shortest decimal
// form (24.95, not 24.949999999999999289...), and the sum is kept exactly, as an integer count of
// units of 10^-scale. value() is the double nearest to that exact sum, so 30 × 24.95 + 58 × 0.99
// is 805.92, where adding the doubles gives 805.9200000000008. Event values, item prices and
// latencies have short decimal forms; a sum that does not fit in 36 digits (values of very
// different magnitudes, or NaN and infinities) falls back to a compensated double sum.
class DecimalSum
{
public:
    // 128 bits: 38 decimal digits, of which the sum keeps at most 36.
    __extension__ typedef __int128 Units;

    // Adds `value` `times` times (negative: subtracts it).
    void add(double value, qint64 times = 1);
    // The double nearest to the sum; 0 for an empty sum.
    double value() const;
    // Whether value() is the rounded exact decimal sum (false after the fallback).
    bool isExact() const { return !m_inexact; }

private:
    Units m_units = 0; // the sum is m_units × 10^-m_scale
    int m_scale = 0;
    bool m_inexact = false;
    // Neumaier's compensated sum of the same values, for when the exact one overflowed.
    double m_sum = 0.0;
    double m_compensation = 0.0;
};

} // namespace footfall
