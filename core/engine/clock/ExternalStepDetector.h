// Notices that someone else stepped the system clock under the engine (`date -s`, another time
// daemon, a virtual machine's host): chronyd's "Forward/Backward time jump detected", which it
// hands its modules as an unknown step (LCL_NotifyExternalTimeStep).
//
// chronyd can only bound such a jump by how long its select() waited. We compare the system
// clock with a reference that no step moves: the host reads CLOCK_REALTIME between two readings
// of CLOCK_BOOTTIME. The kernel's frequency corrections and slews (adjtimex, ours included) move
// both clocks alike, and a suspend moves both by the time slept, so their difference changes only
// when the real-time clock is set (clock_settime, ADJ_SETOFFSET, a leap second): the step is
// measured to within the readings' spread, not guessed. The steps the engine's own clock driver
// makes are handed in and taken out. Pure arithmetic on readings: tests feed it fake ones.
#pragma once

#include "time/Timestamps.h"

#include <optional>

namespace s1 {

class ExternalStepDetector
{
public:
    // Smallest step reported (s). A step below it stays in the engine's ordinary offset
    // corrections; above it, samples taken across it would disturb the sources' statistics.
    static constexpr double kThreshold = 1e-3;

    // One reading of the two clocks.
    struct Reading
    {
        RealTime realTime;     // CLOCK_REALTIME, as the host hands it to the engine
        Nanoseconds reference; // CLOCK_BOOTTIME at the same moment (the midpoint of two readings)
        Nanoseconds spread;    // half the time between those two readings: the pairing's error
    };

    // Compares `reading` with the first one (or the one after the last step found): the step of
    // the real-time clock not explained by `ownSteps` (s: the steps the engine's driver made,
    // in total, since the detector started), when larger than kThreshold plus both readings'
    // spread; positive: the clock jumped forward. A found step becomes part of the baseline,
    // so it is reported once. `hold`: a step seen now may be the kernel's leap second, which
    // the driver counts as its own only after it (leapsecmode system): nothing is reported and
    // the baseline stays until the hold ends.
    std::optional<double> check(const Reading &reading, double ownSteps, bool hold = false);

    // Steps reported so far (s), in total.
    double externalSteps() const { return m_reported; }

private:
    std::optional<Nanoseconds> m_baseline; // realTime - reference - own steps
    Nanoseconds m_baselineSpread{0};
    double m_reported = 0;
};

} // namespace s1
