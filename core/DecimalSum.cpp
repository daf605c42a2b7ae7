#include "DecimalSum.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace footfall {

namespace {

using Units = DecimalSum::Units;

constexpr int kMaxDigits = 36;

constexpr std::array<Units, kMaxDigits + 1> powersOfTen()
{
    std::array<Units, kMaxDigits + 1> powers{};
    Units power = 1;
    for (int i = 0; i <= kMaxDigits; ++i) {
        powers[std::size_t(i)] = power;
        power *= 10;
    }
    return powers;
}

constexpr std::array<Units, kMaxDigits + 1> kPowers = powersOfTen();
constexpr Units kLimit = kPowers[kMaxDigits];

bool fits(Units value)
{
    return value < kLimit && value > -kLimit;
}

// `value` × 10^exponent, or false when it leaves the kept digits.
bool scaled(Units value, int exponent, Units* result)
{
    if (exponent < 0 || exponent > kMaxDigits)
        return false;
    Units product = 0;
    if (__builtin_mul_overflow(value, kPowers[std::size_t(exponent)], &product) || !fits(product))
        return false;
    *result = product;
    return true;
}

// A finite double's shortest decimal form, as coefficient × 10^exponent (24.95: 2495 × 10^-2).
void shortestDecimal(double value, Units* coefficient, int* exponent)
{
    std::array<char, 40> text{};
    const auto written =
        std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::scientific);
    const char* cursor = text.data();
    const bool negative = *cursor == '-';
    if (negative)
        ++cursor;
    Units digits = 0;
    int count = 0;
    for (; cursor < written.ptr && *cursor != 'e'; ++cursor) {
        if (*cursor == '.')
            continue;
        digits = digits * 10 + (*cursor - '0');
        ++count;
    }
    int power = 0;
    if (cursor < written.ptr)
        std::from_chars(cursor + (cursor[1] == '+' ? 2 : 1), written.ptr, power);
    *coefficient = negative ? -digits : digits;
    *exponent = power - (count - 1);
}

} // namespace

void DecimalSum::add(double value, qint64 times)
{
    if (value == 0.0 || times == 0)
        return;
    // The fallback follows every value, so that it is complete whenever it is needed.
    const double term = value * double(times);
    const double total = m_sum + term;
    m_compensation += std::fabs(m_sum) >= std::fabs(term) ? (m_sum - total) + term : (term - total) + m_sum;
    m_sum = total;
    if (m_inexact)
        return;
    if (!std::isfinite(value)) {
        m_inexact = true;
        return;
    }
    Units coefficient = 0;
    int exponent = 0;
    shortestDecimal(value, &coefficient, &exponent);
    Units product = 0;
    if (__builtin_mul_overflow(coefficient, Units(times), &product) || !fits(product)) {
        m_inexact = true;
        return;
    }
    Units units = m_units;
    int scale = m_scale;
    if (exponent < 0 && -exponent > scale) {
        if (!scaled(units, -exponent - scale, &units)) {
            m_inexact = true;
            return;
        }
        scale = -exponent;
    }
    Units aligned = 0;
    if (!scaled(product, scale + exponent, &aligned) || __builtin_add_overflow(units, aligned, &units) ||
        !fits(units)) {
        m_inexact = true;
        return;
    }
    m_units = units;
    m_scale = scale;
}

double DecimalSum::value() const
{
    if (m_inexact) // an infinity leaves a NaN in the compensation
        return std::isfinite(m_sum) ? m_sum + m_compensation : m_sum;
    if (m_units == 0)
        return 0.0;
    // The exact sum as text, "-123456e-4", read back by the correctly rounding from_chars.
    std::array<char, 48> text{};
    char* end = text.data() + text.size();
    char* cursor = end;
    Units rest = m_units < 0 ? -m_units : m_units;
    while (rest > 0) {
        *--cursor = char('0' + int(rest % 10));
        rest /= 10;
    }
    std::array<char, 64> number{};
    std::size_t length = 0;
    if (m_units < 0)
        number[length++] = '-';
    for (const char* digit = cursor; digit < end; ++digit)
        number[length++] = *digit;
    number[length++] = 'e';
    const auto written = std::to_chars(number.data() + length, number.data() + number.size(), -m_scale);
    double result = 0.0;
    std::from_chars(number.data(), written.ptr, result);
    return result;
}

} // namespace footfall
