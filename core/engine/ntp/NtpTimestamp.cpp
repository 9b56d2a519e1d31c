#include "ntp/NtpTimestamp.h"

#include <cmath>
#include <limits>

namespace s1 {

namespace {

// GCC and Clang both provide a 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
// It is needed because an instant in fraction units (ns * 2^32 / 10^9) overflows 64 bits.
__extension__ typedef __int128 Int128;

constexpr int kFractionBits = 32;
constexpr std::uint64_t kFractionUnitsPerSecond = std::uint64_t{1} << kFractionBits;
constexpr std::uint64_t kNanosPerSecondU = static_cast<std::uint64_t>(kNanosPerSecond);

constexpr int kShortFractionBits = 16;
constexpr double kShortUnitsPerSecond = static_cast<double>(std::uint32_t{1} << kShortFractionBits);
constexpr std::uint32_t kShortMaxRaw = std::numeric_limits<std::uint32_t>::max();

// Both directions round half up; neither can produce an exact tie from ns input (10^9 has the
// odd factor 5^9), so the choice only matters when decoding fractions.
constexpr std::uint64_t nanosToFraction(std::uint64_t subSecondNanos)
{
    return ((subSecondNanos << kFractionBits) + kNanosPerSecondU / 2) / kNanosPerSecondU;
}

constexpr std::uint64_t fractionToNanos(std::uint32_t fraction)
{
    return (static_cast<std::uint64_t>(fraction) * kNanosPerSecondU + kFractionUnitsPerSecond / 2) >> kFractionBits;
}

} // namespace

NtpTimestamp NtpTimestamp::fromRealTime(RealTime t)
{
    const std::int64_t ns = nanosSinceEpoch(t);
    // Floor division, so that instants before 1970 still get a fraction in [0, 1) s.
    std::int64_t unixSeconds = ns / kNanosPerSecond;
    std::int64_t subSecondNanos = ns % kNanosPerSecond;
    if (subSecondNanos < 0) {
        subSecondNanos += kNanosPerSecond;
        --unixSeconds;
    }

    std::uint64_t fraction = nanosToFraction(static_cast<std::uint64_t>(subSecondNanos));
    // Whole nanoseconds never round up to a full second (the largest, 999999999 ns, is 4.3
    // units short of it), but the guard keeps the fraction field honest if that ever changes.
    if (fraction == kFractionUnitsPerSecond) {
        fraction = 0;
        ++unixSeconds;
    }

    // The conversion to uint32 is the modulo-2^32 era drop; C++20 defines it for the negative
    // NTP seconds of instants before 1900 too (int64 ns reach back to 1677).
    const auto ntpSeconds = static_cast<std::uint32_t>(unixSeconds + kNtpToUnixEpochSeconds);
    return NtpTimestamp(ntpSeconds, static_cast<std::uint32_t>(fraction));
}

RealTime NtpTimestamp::toRealTime(RealTime pivot) const
{
    // Put the pivot on the full (era-extended) NTP scale in fraction units. Truncating the
    // sub-unit part is harmless: it only decides which era wins, to within 233 ps of a half era.
    const Int128 pivotUnits = Int128{nanosSinceEpoch(pivot)} * Int128{kFractionUnitsPerSecond} / Int128{kNanosPerSecond}
                              + Int128{kNtpToUnixEpochSeconds} * Int128{kFractionUnitsPerSecond};

    // The wrapped difference between the 64-bit wire value and the pivot's low 64 bits is the
    // signed offset to the nearest instant with this wire value: within [-2^31, 2^31) s, with
    // an exact half-era tie resolved to the earlier era.
    const auto pivotRaw = static_cast<std::uint64_t>(pivotUnits);
    const auto offsetUnits = static_cast<std::int64_t>(raw() - pivotRaw);
    const Int128 fullUnits = pivotUnits + offsetUnits;

    // Arithmetic shift floors, so instants before 1900 (negative here) keep a positive fraction,
    // which is m_fraction by construction.
    const Int128 fullNtpSeconds = fullUnits >> kFractionBits;
    const Int128 unixNanos =
        (fullNtpSeconds - kNtpToUnixEpochSeconds) * kNanosPerSecond + static_cast<Int128>(fractionToNanos(m_fraction));

    // Only pivots within 68 years of the ends of the int64 ns range (years 1677 and 2262) can
    // land outside it; saturate rather than wrap to the other end.
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    if (unixNanos < kMin) {
        return realTimeFromNanos(kMin);
    }
    if (unixNanos > kMax) {
        return realTimeFromNanos(kMax);
    }
    return realTimeFromNanos(static_cast<std::int64_t>(unixNanos));
}

NtpShort NtpShort::fromSeconds(double seconds)
{
    // The negated comparison also catches NaN, which says nothing about the bound.
    if (!(seconds > 0.0)) {
        return fromRaw(0);
    }
    // Scaling by a power of two is exact, so ceil() is the only rounding step.
    const double units = std::ceil(seconds * kShortUnitsPerSecond);
    if (units >= static_cast<double>(kShortMaxRaw)) {
        return fromRaw(kShortMaxRaw);
    }
    return fromRaw(static_cast<std::uint32_t>(units));
}

double NtpShort::toSeconds() const
{
    // Exact: a 32-bit integer over a power of two fits in a double's 53-bit mantissa.
    return static_cast<double>(m_raw) / kShortUnitsPerSecond;
}

} // namespace s1
