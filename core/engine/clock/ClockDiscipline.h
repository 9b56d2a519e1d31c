// Turns combined source estimates into the engine's time: the local clock's correction line,
// slewed or stepped into place, and the reference state that `tracking` shows and the server
// serves.
//
// Estimates arrive on the raw clock's scale (source time minus raw time, the raw clock's
// frequency error against the sources), so an update simply replaces the correction line by
// the new estimate; the statistics never see their own corrections, and there is no feedback
// loop to keep stable.
//
// Without a ClockDriver the served time is the LocalClock's (the virtual clock). With one, the
// LocalClock holds only the correction line, the target, and the driver steers its clock onto
// it: the line's frequency, the offset between the clock and the line slewed (at chrony's
// corrtimeratio pace) or stepped, and the sync status. Served time is then the steered
// clock's reading, which the driver maps to and from raw time.
#pragma once

#include "clock/ClockDriver.h"
#include "clock/LocalClock.h"
#include "report/EngineSnapshot.h"
#include "sources/TrackingEstimate.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace s1 {

struct DisciplineConfig
{
    // `makestep THRESHOLD LIMIT`: corrections above threshold (s) are stepped during the first
    // LIMIT updates (every update when LIMIT is negative).
    std::optional<double> makestepThreshold;
    int makestepLimit = 0;
    double maxSlewRatePpm = 83333.333; // chrony's default `maxslewrate`
    double maxUpdateSkewPpm = 1000;    // chrony's default `maxupdateskew`
    // The drift file's frequency: positive = the raw clock runs fast (ppm).
    std::optional<double> initialFrequencyPpm;
    // The drift file's skew (ppm). Without one the frequency we start with is not trusted at
    // all (chrony starts with a skew of 1 s/s) and the first estimate replaces it.
    std::optional<double> initialSkewPpm;
    // chrony's `corrtimeratio` (default 3): with a clock driver, an offset as large as its
    // standard deviation is slewed away in about this many halves of the update interval.
    // Larger values keep the clock's frequency steadier at the price of slower corrections.
    double correctionTimeRatio = 3.0;
};

// One update from source selection and combining, on the raw scale at instant `raw`: the
// combined estimate (offset: source time minus raw time; frequency: the raw clock is fast by
// this much) and what the selected source adds.
struct ClockUpdate : TrackingEstimate
{
    // The frequency is a first guess from two samples (SourceStatistics::twoSampleFrequency):
    // applied like any estimate, but not kept as the prior the next estimate is weighed
    // against, since that estimate's regression contains the same two samples.
    bool provisionalFrequency = false;
    double selectedFrequency = 0; // relative: the selected source's own estimate
    int sourceStratum = 0;
    std::uint32_t referenceId = 0;
    std::string referenceName;
    LeapIndicator leap = LeapIndicator::None;
};

class ClockDiscipline
{
public:
    // chrony's skew for a frequency nothing is known about (1 s/s), and the least skew a
    // frequency keeps (chrony's MIN_SKEW).
    static constexpr double kUntrustedSkew = 1.0;
    static constexpr double kMinSkew = 1e-12;

    // RFC 5905's worst-case frequency tolerance of a clock that is not disciplined
    // further, used to grow the root dispersion with time since the last update.
    static constexpr double kMaxClockError = 1e-6; // s/s
    // The largest frequency correction the clock is given, either way (chrony's default
    // `maxdrift`, 500000 ppm). Estimates from hostile or broken sources can be any size; an
    // unbounded one made the clock's correction overflow int64 nanoseconds within seconds.
    static constexpr double kMaxFrequency = 0.5; // s/s
    // Weight of a new squared offset in the long-term RMS offset.
    static constexpr double kRmsOffsetWeight = 0.125;

    // The correction rate (s^2) handed to the driver when there is no update interval yet:
    // the first correction goes as fast as maxslewrate allows, as chrony's does.
    static constexpr double kFirstCorrectionRate = 1e-12;

    // `driver` null: the virtual clock. Otherwise the driver's clock is steered and served;
    // without a drift file it keeps the frequency the clock already runs at. The driver must
    // outlive the discipline.
    ClockDiscipline(DisciplineConfig config, RealTime startRaw, ClockDriver *driver = nullptr);

    // Returns the offset stepped (s), or 0 when the change was slewed.
    double update(RealTime raw, const ClockUpdate &update);
    // The correction line (and, with the virtual clock, its slew).
    const LocalClock &clock() const { return m_clock; }
    bool steersClock() const { return m_driver != nullptr; }

    // Served time at raw time `raw`: the virtual clock's, or the steered clock's reading.
    RealTime cook(RealTime raw) const;
    // The raw time at which served time is `served`.
    RealTime uncook(RealTime served) const;
    // Seconds from raw to served time at `raw`.
    double correctionAt(RealTime raw) const;
    // The frequency correction of the line (relative; the negative of the raw clock's error).
    double frequency() const { return m_clock.frequency(); }
    // chronyc's `makestep` command: the correction still being slewed is applied at once.
    // Returns the step (s, positive: served time jumped forward); 0 when nothing was pending.
    double makeStep(RealTime raw);
    // The driver's own timer (see ClockDriver::nextWakeup()).
    void driverTimeout();
    // With a driver, after it counted an external step of its clock (ClockDriver::externalStep):
    // steers the clock back onto the line at once instead of at the next update, stepped when
    // makestep would step an update's correction of that size now, else slewed as fast as
    // maxslewrate allows. Returns the step (s); 0 when slewed, or when there is no line yet.
    double correctExternalStep(RealTime raw);

    // A leap second: the clock's time moves by `offset` s (-1 for an inserted second) at once,
    // or slewed at maxslewrate.
    void leapStep(RealTime raw, double offset);
    void leapSlew(RealTime raw, double offset);
    // `leapsecmode system`: the leap the clock driver is to announce to the kernel (+1, -1 or 0)
    // and TAI - UTC for the kernel's CLOCK_TAI (s, 0: not known or not to be set now), told to
    // the kernel now and with every update.
    void setSystemLeap(RealTime raw, int seconds, int taiOffset = 0);
    // After the leap: whether the kernel applied it (the clock read `clockBefore` when it
    // jumped); the driver then counts it as its own step.
    bool systemLeapApplied(RealTime clockBefore, int seconds);
    // What the driver refused since the last call, each distinct message once.
    std::vector<std::string> takeDriverErrors() { return std::exchange(m_driverErrors, {}); }
    bool synchronised() const { return m_updates > 0; }
    int updates() const { return m_updates; }

    // Reference state and tracking figures at raw time `raw`; only meaningful once synchronised.
    ReferenceSnapshot reference(RealTime raw) const;

private:
    // `fast`: at the first-correction rate, whatever the offset's SD.
    void steer(RealTime raw, double change, bool step, bool fast);
    // Keeps the driver's error, if its last operation failed.
    void checkDriver();
    // Tells the driver the error bounds and the leap status.
    void pushSyncStatus(RealTime raw);

    DisciplineConfig m_config;
    ClockDriver *m_driver = nullptr;
    LocalClock m_clock;
    std::vector<std::string> m_driverErrors;
    std::set<std::string> m_reportedDriverErrors;
    int m_updates = 0;
    int m_systemLeap = 0; // the leap second the kernel is told about (system mode)
    int m_systemTaiOffset = 0; // s, TAI - UTC the kernel is told (system mode); 0: left alone
    std::optional<RealTime> m_lastUpdateRaw;
    double m_updateInterval = 0;
    double m_lastOffset = 0;
    double m_meanSquareOffset = 0;
    double m_frequency = 0; // relative, raw clock fast
    // How far m_frequency may be off (relative): weighs each new estimate against it.
    double m_frequencySkew = kUntrustedSkew;
    ClockUpdate m_last;
};

} // namespace s1
