// Absolute times used across the engine.
//
// The engine never reads a clock: every instant it sees is handed in by a host. Instants are
// int64 nanoseconds on the Unix (POSIX, leap-second-free) scale of the host's CLOCK_REALTIME,
// which is what kernel receive timestamps use. Offsets and intervals that enter arithmetic
// with measured quantities are double seconds.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>

namespace s1 {

using Nanoseconds = std::chrono::nanoseconds;

// A reading of the host's system (raw, not engine-corrected) clock.
using RealTime = std::chrono::sys_time<Nanoseconds>;

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

constexpr double toSeconds(Nanoseconds d)
{
    return static_cast<double>(d.count()) / static_cast<double>(kNanosPerSecond);
}

inline Nanoseconds fromSeconds(double s)
{
    return Nanoseconds(std::llround(s * static_cast<double>(kNanosPerSecond)));
}

constexpr RealTime realTimeFromNanos(std::int64_t ns)
{
    return RealTime(Nanoseconds(ns));
}

constexpr std::int64_t nanosSinceEpoch(RealTime t)
{
    return t.time_since_epoch().count();
}

} // namespace s1
