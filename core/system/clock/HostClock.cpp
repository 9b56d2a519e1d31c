#include "clock/HostClock.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace s1 {

namespace {

constexpr int kPrecisionSamples = 100;
constexpr int kMinPrecisionLog2 = -30; // ~1 ns: nothing resolves better
constexpr int kMaxPrecisionLog2 = 0;
// Tries at a CLOCK_BOOTTIME / CLOCK_REALTIME / CLOCK_BOOTTIME triple, and a spread good enough
// to stop trying early (back-to-back readings take well under a microsecond).
constexpr int kStepReadingTries = 3;
constexpr Nanoseconds kGoodStepReadingSpread = std::chrono::microseconds(5);

Nanoseconds readClock(clockid_t id)
{
    timespec ts{};
    clock_gettime(id, &ts);
    return Nanoseconds(static_cast<std::int64_t>(ts.tv_sec) * kNanosPerSecond + ts.tv_nsec);
}

} // namespace

RealTime readRealTimeClock()
{
    return RealTime(readClock(CLOCK_REALTIME));
}

Nanoseconds readMonotonicClock()
{
    return readClock(CLOCK_MONOTONIC);
}

std::optional<ExternalStepDetector::Reading> readClockStepReading()
{
    // Decided once: the first clock that reads.
    static const std::optional<clockid_t> reference = []() -> std::optional<clockid_t> {
        for (const clockid_t id : {CLOCK_BOOTTIME, CLOCK_MONOTONIC}) {
            timespec ts{};
            if (clock_gettime(id, &ts) == 0)
                return id;
        }
        return std::nullopt;
    }();
    if (!reference)
        return std::nullopt;
    ExternalStepDetector::Reading best{};
    for (int i = 0; i < kStepReadingTries; ++i) {
        const Nanoseconds before = readClock(*reference);
        const Nanoseconds real = readClock(CLOCK_REALTIME);
        const Nanoseconds after = readClock(*reference);
        const ExternalStepDetector::Reading reading{RealTime(real), before + (after - before) / 2,
                                                    (after - before) / 2};
        if (i == 0 || reading.spread < best.spread)
            best = reading;
        if (best.spread <= kGoodStepReadingSpread)
            break;
    }
    return best;
}

int measureClockPrecision()
{
    std::int64_t best = kNanosPerSecond;
    for (int i = 0; i < kPrecisionSamples; ++i) {
        const Nanoseconds a = readClock(CLOCK_REALTIME);
        Nanoseconds b = readClock(CLOCK_REALTIME);
        // Bounded: a real clock advances within a few readings; a frozen simulated one may not.
        for (int spin = 0; spin < kPrecisionSamples && b == a; ++spin)
            b = readClock(CLOCK_REALTIME);
        if (b > a)
            best = std::min<std::int64_t>(best, (b - a).count());
    }
    const int log2 = static_cast<int>(std::ceil(std::log2(static_cast<double>(best) / kNanosPerSecond)));
    return std::clamp(log2, kMinPrecisionLog2, kMaxPrecisionLog2);
}

} // namespace s1
