// The engine's only way to act on a clock. Hosts pass an implementation: the kernel clock
// (clock_adjtime) when the process may and should set the time, or none at all when the
// engine runs its virtual clock (like `chronyd -x`) and only serves its own corrected time.
#pragma once

#include "ntp/NtpPacket.h"
#include "time/Timestamps.h"

#include <optional>

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

    // A slew that runs over time: a driver that slews by running the clock at a corrected
    // frequency for a while (KernelClockDriver, as chrony does on Linux) cannot end the slew
    // by itself, because the sans-I/O engine owns every timer. Drivers that apply slew() at
    // once keep these defaults.

    // Seconds of earlier slew() offsets the clock has not gained yet at raw time `raw`
    // (positive: still behind). Served time during a slew is raw + pendingSlew(raw).
    virtual double pendingSlew(RealTime /*raw*/) const { return 0; }
    // Raw time at which handleTimeout() must be called to end or re-plan a running slew.
    virtual std::optional<RealTime> nextWakeup() const { return std::nullopt; }
    virtual void handleTimeout() {}
};

} // namespace s1
