// The 64-bit NTP timestamp and 32-bit short format of RFC 5905 section 6.
#pragma once

#include "time/Timestamps.h"

#include <cstdint>

namespace s1 {

// Seconds from the NTP prime epoch (1900-01-01) to the Unix epoch (1970-01-01).
constexpr std::int64_t kNtpToUnixEpochSeconds = 2'208'988'800;

// A 64-bit NTP timestamp as it is on the wire: 32 bits of seconds (modulo one era of 2^32 s,
// 136 years) and 32 bits of binary fraction. The all-zero value means "not known" on the wire.
class NtpTimestamp
{
public:
    constexpr NtpTimestamp() = default;
    constexpr NtpTimestamp(std::uint32_t seconds, std::uint32_t fraction)
        : m_seconds(seconds)
        , m_fraction(fraction)
    { }

    static constexpr NtpTimestamp fromRaw(std::uint64_t raw)
    {
        return NtpTimestamp(static_cast<std::uint32_t>(raw >> 32), static_cast<std::uint32_t>(raw));
    }

    // Converts an instant to its on-wire form (the era is dropped), rounding to the nearest
    // fraction unit (2^-32 s, about 233 ps).
    static NtpTimestamp fromRealTime(RealTime t);

    // Converts back to an instant, choosing the era that puts the result closest to `pivot`
    // (any instant known to be within 68 years of the true one, e.g. the local clock). This is
    // what makes timestamps after the 2036 era rollover work.
    RealTime toRealTime(RealTime pivot) const;

    constexpr std::uint32_t seconds() const { return m_seconds; }
    constexpr std::uint32_t fraction() const { return m_fraction; }
    constexpr std::uint64_t raw() const { return (static_cast<std::uint64_t>(m_seconds) << 32) | m_fraction; }
    constexpr bool isZero() const { return m_seconds == 0 && m_fraction == 0; }

    friend constexpr bool operator==(NtpTimestamp, NtpTimestamp) = default;

private:
    std::uint32_t m_seconds = 0;
    std::uint32_t m_fraction = 0;
};

// The 32-bit short format (16.16 fixed point seconds) used for root delay and dispersion.
class NtpShort
{
public:
    constexpr NtpShort() = default;
    static constexpr NtpShort fromRaw(std::uint32_t raw)
    {
        NtpShort s;
        s.m_raw = raw;
        return s;
    }

    // Negative values clamp to zero and values past the format's range to its maximum,
    // rounding up so that an error bound is never understated.
    static NtpShort fromSeconds(double seconds);
    double toSeconds() const;

    constexpr std::uint32_t raw() const { return m_raw; }
    friend constexpr bool operator==(NtpShort, NtpShort) = default;

private:
    std::uint32_t m_raw = 0;
};

} // namespace s1
