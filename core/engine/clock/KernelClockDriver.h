// ClockDriver for the Linux system clock (CLOCK_REALTIME), modelled on chrony's sys_linux,
// sys_timex and sys_generic drivers.
//
// Frequency: the kernel's ADJ_FREQUENCY accepts only +-500 ppm, so, as chrony does, the
// frequency is split between the tick length (timex.tick, microseconds per 1/USER_HZ s, so
// one tick unit is USER_HZ ppm) and the fine frequency; the tick may move 10 % from nominal,
// which gives +-100000 ppm.
//
// Slewing: as chrony does on Linux, the driver slews by itself rather than with the kernel
// PLL (ADJ_OFFSET) or adjtime() (ADJ_OFFSET_SINGLESHOT), which are switched off: it runs the
// clock at base frequency + a correction for a computed duration. The kernel PLL would filter
// the offset with its own time constant and fight the engine's frequency estimate; with the
// frequency slew the driver knows at every instant how much of the offset has been gained
// (pendingSlew), so the engine can serve exactly corrected time during the slew, and the
// correction rate is under our control (maxslewrate). The price is a timer: the engine must
// call handleTimeout() at nextWakeup() to end or re-plan the slew.
//
// Every adjustment is made through KernelClockApi. A refused call (EPERM without
// CAP_SYS_TIME, EINVAL) never aborts: the driver leaves its model matching what the kernel
// still runs and reports the failure in lastError().
//
// The driver reads CLOCK_REALTIME itself right before changing the frequency, because the
// slew's accounting must start when the kernel frequency actually changed, not at the
// engine's earlier reading. The same readings mark, in a ClockCorrectionHistory, where each
// frequency change and step happened, so that rawTime() takes every correction back out of a
// system clock reading: the raw scale is the clock at kernel frequency 0 without steps.
// Not thread-safe; the engine is single-threaded.
#pragma once

#include "clock/ClockCorrectionHistory.h"
#include "clock/ClockDriver.h"
#include "clock/KernelClockApi.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <optional>
#include <string>

namespace s1 {

class KernelClockDriver final : public ClockDriver
{
public:
    // chrony's maxslewrate default (1/12 s/s): the largest correction rate of a slew.
    static constexpr double kDefaultMaxSlewRatePpm = 1e6 / 12.0;
    // chrony's correction rate (corrtimeratio * 0.5 * offset SD * update interval, in s^2)
    // for corrtimeratio 3, a 100 us offset SD and a 64 s update interval. A slew of `offset`
    // takes about rate / |offset| seconds: 1 ms in 10 s, 10 us in 16 min.
    static constexpr double kDefaultCorrectionRate = 3.0 * 0.5 * 100e-6 * 64.0; // s^2
    // Limits of one slew leg (chrony's MIN_SLEW_TIMEOUT, MAX_SLEW_TIMEOUT).
    static constexpr double kMinSlewDuration = 1.0; // s
    static constexpr double kMaxSlewDuration = 1e4; // s
    // Offsets below this are not worth a frequency change (chrony's MIN_OFFSET_CORRECTION).
    static constexpr double kMinOffsetCorrection = 1e-9; // s
    // The kernel's unsynchronised error (NTP_PHASE_LIMIT, 16 s): maxerror at or beyond it
    // means unsynchronised.
    static constexpr double kMaxSyncError = 16.0; // s
    // The kernel lets ADJ_TICK move the tick by a tenth of nominal (sys_adjtimex: +-10 %).
    static constexpr long kMaxTickBiasDivisor = 10;

    struct Options
    {
        double maxSlewRatePpm = kDefaultMaxSlewRatePpm;
        // Used by slew(offset); slew(offset, rate) overrides it.
        double correctionRate = kDefaultCorrectionRate; // s^2
        // Clear STA_UNSYNC when synchronised. The kernel then copies the system time to the
        // RTC every 11 minutes, which is chrony's `rtcsync`; without it the clock is always
        // reported unsynchronised to the kernel.
        bool rtcSync = true;
    };

    explicit KernelClockDriver(KernelClockApi &api);
    KernelClockDriver(KernelClockApi &api, Options options);
    // Calls shutdown(); `api` must outlive the driver.
    ~KernelClockDriver() override;
    KernelClockDriver(const KernelClockDriver &) = delete;
    KernelClockDriver &operator=(const KernelClockDriver &) = delete;

    // Takes control of the clock: reads the kernel's current frequency (tick and freq) as the
    // base frequency, so that a restart without a drift file keeps it; cancels any kernel PLL
    // or adjtime() correction, switches the PLL off and marks the clock unsynchronised; starts
    // the raw scale at the clock's current reading. False,
    // with lastError(), when the kernel cannot be read or refuses (no CAP_SYS_TIME); every
    // other call fails until open() succeeds.
    bool open();
    // Ends a running slew by restoring the base frequency (a slew left running would keep
    // moving the clock after exit, as chrony's SYS_Generic_Finalise warns); the offset not yet
    // slewed is dropped. Idempotent.
    void shutdown();
    bool isOpen() const { return m_open; }

    // ClockDriver. Frequencies beyond +-maxFrequencyPpm() are clamped.
    void setFrequencyPpm(double ppm) override;
    void slew(double offset) override;
    // chrony's LCL_AccumulateOffset: slew with a correction rate (s^2) chosen by the caller;
    // the offset is removed in about correctionRate / |offset| seconds, at most maxslewrate.
    void slew(double offset, double correctionRate) override;
    void step(double offset) override;
    bool appliesLeapSeconds() const override { return true; }
    bool leapSecondApplied(RealTime clockBefore, int seconds) override;
    bool externalStep(RealTime clockBefore, double offset) override;
    double ownSteps() const override { return toSeconds(m_ownSteps); }
    // Also sets the kernel's TAI - UTC (ADJ_TAI) to status.taiOffset when it is given.
    void setSyncStatus(const ClockSyncStatus &status) override;
    double pendingSlew(RealTime clock) const override;
    std::optional<RealTime> nextWakeup() const override;
    void handleTimeout() override;
    // Exact while the driver is open; the identity before it ever opened.
    RealTime rawTime(RealTime clock) const override { return m_history.rawTime(clock); }
    RealTime clockTime(RealTime raw) const override { return m_history.systemTime(raw); }

    // The frequency asked for (ppm), without the slew correction.
    double frequencyPpm() const override { return m_baseFrequencyPpm; }
    // What the kernel runs now (ppm): tick and freq, base plus the slew correction.
    double kernelFrequencyPpm() const { return m_kernelFrequencyPpm; }
    double maxFrequencyPpm() const { return m_maxFrequencyPpm; }

    // The failure of the last operation, empty when it succeeded.
    const std::string &lastError() const override { return m_lastError; }
    // errno of that failure, 0 when it succeeded.
    int lastErrno() const { return m_lastErrno; }
    // Failed operations since construction.
    std::uint64_t failureCount() const { return m_failureCount; }

private:
    void beginOperation();
    void fail(const std::string &what, int error);
    bool requireOpen(const char *operation);
    // clock_adjtime; false (recorded) on failure.
    bool adjust(timex &tx, const char *what);
    std::optional<RealTime> readRaw();
    double clampFrequency(double ppm) const;
    // Puts `ppm` into tick + freq; false when the kernel refused (it keeps the old values).
    // `at`: the clock reading the change is recorded at in the history.
    bool setKernelFrequency(double ppm, std::optional<RealTime> at);
    // chrony's update_slew: accounts for the slew done since the last plan and starts the
    // next leg. False when the clock could not be read or the kernel refused the frequency.
    bool replanSlew();
    // A step of the clock by `step`, which read `clockBefore` right before: into the history.
    void recordStep(RealTime clockBefore, Nanoseconds step);
    void takeStatus(const timex &tx);

    KernelClockApi &m_api;
    Options m_options;
    bool m_open = false;

    long m_userHz = 0;
    long m_nominalTick = 0; // us per 1/USER_HZ s
    long m_deltaTick = 0;   // us, tick - nominal
    double m_maxFrequencyPpm = 0;
    int m_status = 0; // writable STA_* bits as the kernel last reported them
    // The kernel's TAI offset when it was last told of a leap second (leapsecmode system).
    std::optional<int> m_taiBeforeLeap;

    double m_baseFrequencyPpm = 0;
    double m_kernelFrequencyPpm = 0;
    // Offset still to slew at m_slewStart (s) and the rate at which it is being gained since
    // (s per raw s): (kernel - base) / (1e6 + kernel), the clock's gain over a clock at base.
    double m_offsetRegister = 0;
    double m_slewRate = 0;
    double m_correctionRate = kDefaultCorrectionRate;
    RealTime m_slewStart{};
    double m_slewDuration = 0; // s of raw time until the next re-plan
    bool m_slewPlanned = false;

    ClockCorrectionHistory m_history;
    Nanoseconds m_ownSteps{0}; // ownSteps()

    std::string m_lastError;
    int m_lastErrno = 0;
    std::uint64_t m_failureCount = 0;
};

} // namespace s1
