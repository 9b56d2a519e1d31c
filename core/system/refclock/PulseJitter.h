// The PPS jitter the GPS view shows: the RMS of the second differences of the edge times,
// which cancel the clock's offset and frequency; for independent jitter of sd s they have an
// RMS of sqrt(6) s.
#pragma once

#include "time/Timestamps.h"

#include <cstdint>
#include <optional>

namespace s1 {

class PulseJitter
{
public:
    static constexpr double kSecondDifferenceFactor = 2.449489742783178; // sqrt(6)
    static constexpr double kWeight = 0.05; // of a new squared difference in the running mean
    // A gap (missed pulses) would look like a huge difference; such triples are skipped.
    static constexpr double kMaxDifference = 0.01; // s

    void add(RealTime edge);
    double jitter() const;

private:
    std::optional<RealTime> m_previous, m_beforePrevious;
    double m_meanSquare = 0;
    std::uint64_t m_count = 0;
};

} // namespace s1
