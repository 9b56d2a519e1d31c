// The engine's only way to act on a clock. Hosts pass an implementation: the kernel clock
// (clock_adjtime) when the process may and should set the time, or none at all when the
// engine runs its virtual clock (like `chronyd -x`) and only serves its own corrected time.
#pragma once

#include "ntp/NtpPacket.h"

namespace s1 {

struct ClockSyncStatus
{
    bool synchronised = false;
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    double maxError = 0;       // s
    double estimatedError = 0; // s
};

class ClockDriver
{
public:
    virtual ~ClockDriver() = default;

    // Frequency correction of the clock, relative to its uncorrected oscillator (ppm; positive
    // makes the clock run faster).
    virtual void setFrequencyPpm(double ppm) = 0;
    // Starts a gradual correction removing `offset` seconds (positive: the clock is behind
    // and must gain `offset`).
    virtual void slew(double offset) = 0;
    // Jumps the clock forward by `offset` seconds (negative: backwards).
    virtual void step(double offset) = 0;
    virtual void setSyncStatus(const ClockSyncStatus &status) = 0;
};

} // namespace s1
