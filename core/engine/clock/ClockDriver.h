// The engine's only way to act on a clock. Hosts pass an implementation: the kernel clock
// (clock_adjtime) when the process may and should set the time, or none at all when the
// engine runs its virtual clock (like `chronyd -x`) and only serves its own corrected time.
//
// With a driver, the host's clock readings are readings of the steered clock. The engine keeps
// its statistics on the raw scale, the clock without the driver's corrections, and converts
// with rawTime() and clockTime(): a driver knows every adjustment it made.
#pragma once

#include "ntp/NtpPacket.h"
#include "time/Timestamps.h"

#include <optional>
#include <string>

namespace s1 {

struct ClockSyncStatus
{
    bool synchronised = false;
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    double maxError = 0;       // s
    double estimatedError = 0; // s
    // TAI - UTC (s) for the kernel's CLOCK_TAI; 0 leaves the kernel's value alone.
    int taiOffset = 0;
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
    // The same, removed in about correctionRate / |offset| seconds (chrony's correction rate,
    // s^2); drivers without a notion of pace ignore it.
    virtual void slew(double offset, double correctionRate)
    {
        (void)correctionRate;
        slew(offset);
    }
    // Jumps the clock forward by `offset` seconds (negative: backwards).
    virtual void step(double offset) = 0;
    virtual void setSyncStatus(const ClockSyncStatus &status) = 0;
    // The frequency correction in force (ppm), as setFrequencyPpm() takes it; when the driver
    // took over a clock, what the clock ran at before.
    virtual double frequencyPpm() const = 0;

    // The raw reading (the clock as it would read without this driver's frequency changes,
    // slews and steps) at clock reading `clock`, and the inverse.
    virtual RealTime rawTime(RealTime clock) const = 0;
    virtual RealTime clockTime(RealTime raw) const = 0;
    // Why the last operation failed; empty when it succeeded.
    virtual const std::string &lastError() const = 0;

    // A slew that runs over time: a driver that slews by running the clock at a corrected
    // frequency for a while (KernelClockDriver, as chrony does on Linux) cannot end the slew
    // by itself, because the sans-I/O engine owns every timer. Drivers that apply slew() at
    // once keep these defaults.

    // Seconds of earlier slew() offsets the clock has not gained yet at clock reading `clock`
    // (positive: still behind).
    virtual double pendingSlew(RealTime /*clock*/) const { return 0; }
    // Clock reading at which handleTimeout() must be called to end or re-plan a running slew.
    virtual std::optional<RealTime> nextWakeup() const { return std::nullopt; }
    virtual void handleTimeout() { }

    // Whether the clock inserts or deletes a leap second by itself at the UTC midnight that
    // setSyncStatus() announced (`leapsecmode system`: the Linux kernel does).
    virtual bool appliesLeapSeconds() const { return false; }
    // After that midnight: if the clock did (the clock read `clockBefore` when it went back,
    // `seconds` = 1, an inserted second, or forward, -1), the driver counts that as one of its
    // own steps, so that raw time goes on without the jump, and returns true; false when the
    // clock shows no sign of having done it.
    virtual bool leapSecondApplied(RealTime clockBefore, int seconds)
    {
        (void)clockBefore;
        (void)seconds;
        return false;
    }

    // Someone else stepped the clock by `offset` s (the host saw the system clock jump against
    // CLOCK_BOOTTIME, ExternalStepDetector); it read about `clockBefore` right before. The
    // driver counts the step in its map as if it were its own, so that raw time goes on without
    // the jump; the clock is then `offset` off the line the engine steers it onto, which the
    // next update corrects (stepped under makestep's rules, else slewed). False when the
    // driver cannot.
    virtual bool externalStep(RealTime clockBefore, double offset)
    {
        (void)clockBefore;
        (void)offset;
        return false;
    }
    // The steps the driver made itself since it opened, in total (s): its step() calls and the
    // leap seconds the kernel applied for it, not externalStep()s. What a host subtracts before
    // it calls a jump of the clock external.
    virtual double ownSteps() const { return 0; }
};

} // namespace s1
