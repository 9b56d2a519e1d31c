// A model of the Linux system clock on top of a simulated oscillator, behind KernelClockApi, so
// that the simulator (and tests) can run the engine with a real KernelClockDriver steering a
// clock: no simulated run ever touches the machine's clock.
//
// System time is the oscillator's reading run through every adjustment, as the kernel does
// it: the tick length and the fine frequency scale the clock's rate (one tick unit is USER_HZ
// ppm, freq is ppm in 16.16, clamped to +-500 ppm), ADJ_SETOFFSET and settime() move it at
// once. The rest of clock_adjtime is what chrony's and our driver use: status bits (a step
// sets STA_UNSYNC, as ntp_clear() does), maxerror/esterror with maxerror growing 500 us per
// second until the clock counts as unsynchronised, the adjtime() single-shot offset and the
// PLL offset (accepted, never run: the driver switches the PLL off), EPERM for every change
// when the process lacks CAP_SYS_TIME, and leap seconds: with STA_INS (STA_DEL) set, the clock
// goes back from 00:00:00 to 23:59:59 (forward from 23:59:59 to 00:00:00) at the next UTC
// midnight it reaches, and adjtimex() says TIME_INS/TIME_DEL before and TIME_WAIT after until
// the bit is cleared.
#pragma once

#include "clock/KernelClockApi.h"
#include "sim/SimClock.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>

namespace s1::sim {

class SimKernelClock final : public KernelClockApi
{
public:
    static constexpr long kUserHz = 100;
    static constexpr long kNominalTick = 10'000;       // us per 1/USER_HZ s
    static constexpr double kFreqScale = 65536.0;      // timex.freq: ppm in 16.16
    static constexpr long kMaxFreqScaled = 500L << 16; // MAXFREQ: 500 ppm
    static constexpr long kPhaseLimitUs = 16'000'000;  // NTP_PHASE_LIMIT: 16 s
    static constexpr long kMaxErrorGrowthUs = 500;     // per second (MAXFREQ)
    // Rate segments kept for readings of the past (refclock timestamps, delayed deliveries).
    static constexpr std::size_t kMaxSegments = 1024;

    // `oscillator` ticks the clock; `trueNow` says the simulation's current true time (every
    // call acts then). The clock starts reading what the oscillator reads, at `initialPpm`
    // (a kernel frequency left by an earlier run; split into tick and freq like the kernel).
    SimKernelClock(SimClock &oscillator, std::function<TrueTime()> trueNow, double initialPpm = 0);

    // KernelClockApi.
    int adjtime(timex &tx) override;
    int gettime(timespec &ts) override;
    int settime(const timespec &ts) override;
    long userHz() override { return kUserHz; }

    // The system clock at true time `t` (past readings use the rate in force then).
    RealTime systemAt(TrueTime t) const;
    // The earliest true time, not before now, at which the clock reads `system`, at the rate
    // in force now.
    TrueTime trueTimeOf(RealTime system) const;

    // Another program sets the clock `jump` further (clock_settime: the clock becomes
    // unsynchronised, as for any step); not counted in steps().
    void externalStep(Nanoseconds jump);
    // CLOCK_BOOTTIME now: the clock with every frequency adjustment but none of its steps (its
    // own, external or leap seconds), since the model started at the oscillator's reading.
    Nanoseconds bootTime() const;

    // Model state.
    void setPrivileged(bool privileged) { m_privileged = privileged; }
    double frequencyPpm() const;
    int status() const;
    long maxErrorUs() const;
    long estErrorUs() const { return m_esterror; }
    int steps() const { return m_steps; }
    int taiOffset() const { return m_tai; }
    std::uint64_t frequencyChanges() const { return m_frequencyChanges; }

private:
    struct Segment
    {
        TrueTime trueStart;
        RealTime oscillatorStart;
        RealTime systemStart;
        double ppm = 0;
    };

    TrueTime now() const { return m_trueNow(); }
    const Segment &segmentAt(TrueTime t) const;
    // A new segment from now on: the rate changed, or the clock moved by `jump`.
    void startSegment(Nanoseconds jump);
    void stepped();
    long grownMaxError() const;
    // The reading before a pending leap second is applied (the segments alone).
    RealTime segmentReadingAt(TrueTime t) const;
    // Arms or disarms the leap second after the status bits changed.
    void updateLeapState();
    // The armed leap second happened by now: it becomes a segment of its own.
    void applyDueLeap();

    SimClock &m_oscillator;
    std::function<TrueTime()> m_trueNow;
    std::deque<Segment> m_segments;

    bool m_privileged = true;
    long m_tick = kNominalTick;
    long m_freq = 0;
    int m_status = STA_UNSYNC;
    long m_maxerror = kPhaseLimitUs;
    TrueTime m_maxerrorSetAt{0};
    long m_esterror = kPhaseLimitUs;
    long m_pllOffset = 0;
    long m_singleShotUs = 0;
    int m_steps = 0;
    Nanoseconds m_jumps{0}; // every step of the clock so far, leap seconds included
    std::uint64_t m_frequencyChanges = 0;
    enum class LeapState : std::uint8_t { None, Armed, Done };
    LeapState m_leapState = LeapState::None;
    int m_tai = 0;             // TAI - UTC as the kernel counts it (ADJ_TAI, moved by each leap)
    RealTime m_leapAt{};       // the reading at which the armed leap second happens
    Nanoseconds m_leapJump{0}; // -1 s inserted, +1 s deleted
};

} // namespace s1::sim
