// The engine's own notion of time over the host's raw clock.
//
// Everything the engine measures and serves is on this "cooked" scale: raw system clock
// reading + offset + frequency correction since the last update. With clock control off this is
// the virtual clock of `chronyd -x`: the system clock is never touched, the corrections live
// here. With clock control on, the corrections are handed to the ClockDriver and this mapping
// holds only what the kernel has not applied yet.
#pragma once

#include "time/Timestamps.h"

namespace s1 {

class LocalClock
{
public:
    LocalClock() = default;

    // raw + offset(raw); exact to the nanosecond for the unadjusted clock.
    RealTime cook(RealTime raw) const;
    // The raw reading at which cooked time is `cooked` (inverse of cook, to the nanosecond for
    // any frequency correction a clock can have).
    RealTime uncook(RealTime cooked) const;
    // Seconds to add to a raw reading to get cooked time at `raw`.
    double correctionAt(RealTime raw) const;

    // Adds `offset` seconds to the correction from `raw` on.
    void applyStep(RealTime raw, double offset);
    // Sets the frequency correction (relative, e.g. 1e-6 = 1 ppm fast) from `raw` on,
    // keeping the correction continuous at `raw`.
    void setFrequency(RealTime raw, double relative);
    double frequency() const { return m_frequency; }

private:
    RealTime m_referenceRaw{};
    double m_offsetAtReference = 0; // s
    double m_frequency = 0;         // relative (s/s)
};

} // namespace s1
