// Turns combined source estimates into the engine's time: the local clock's correction line,
// slewed or stepped into place, and the reference state that `tracking` shows and the server
// serves.
//
// Estimates arrive on the raw clock's scale (source time minus raw time, the raw clock's
// frequency error against the sources), so an update simply replaces the correction line by
// the new estimate; the statistics never see their own corrections, and there is no feedback
// loop to keep stable.
#pragma once

#include "clock/LocalClock.h"
#include "engine/EngineSnapshot.h"

#include <cstdint>
#include <optional>
#include <string>

namespace s1 {

struct DisciplineConfig
{
    // `makestep THRESHOLD LIMIT`: corrections above threshold (s) are stepped during the first
    // LIMIT updates (every update when LIMIT is negative).
    std::optional<double> makestepThreshold;
    int makestepLimit = 0;
    double maxSlewRatePpm = 83333.333;   // chrony's default `maxslewrate`
    double maxUpdateSkewPpm = 1000;      // chrony's default `maxupdateskew`
    // The drift file's frequency: positive = the raw clock runs fast (ppm).
    std::optional<double> initialFrequencyPpm;
};

// One update from source selection and combining, on the raw scale at instant `raw`.
struct ClockUpdate
{
    double offset = 0;          // s: source time minus raw time
    double offsetSd = 0;        // s
    double frequency = 0;       // relative: the raw clock is fast by this much
    double skew = 0;            // relative error bound of frequency
    double selectedFrequency = 0; // relative: the selected source's own estimate
    double rootDelay = 0;       // s, to the reference
    double rootDispersion = 0;  // s
    int sourceStratum = 0;
    std::uint32_t referenceId = 0;
    std::string referenceName;
    LeapIndicator leap = LeapIndicator::None;
};

class ClockDiscipline
{
public:
    // RFC 5905's worst-case frequency tolerance of a clock that is not disciplined
    // further, used to grow the root dispersion with time since the last update.
    static constexpr double kMaxClockError = 1e-6; // s/s
    // Weight of a new squared offset in the long-term RMS offset.
    static constexpr double kRmsOffsetWeight = 0.125;

    ClockDiscipline(DisciplineConfig config, RealTime startRaw);

    // Returns the offset stepped (s), or 0 when the change was slewed.
    double update(RealTime raw, const ClockUpdate &update);
    const LocalClock &clock() const { return m_clock; }
    bool synchronised() const { return m_updates > 0; }
    int updates() const { return m_updates; }

    // Reference state and tracking figures at raw time `raw`; only meaningful once synchronised.
    ReferenceSnapshot reference(RealTime raw) const;

private:
    DisciplineConfig m_config;
    LocalClock m_clock;
    int m_updates = 0;
    std::optional<RealTime> m_lastUpdateRaw;
    double m_updateInterval = 0;
    double m_lastOffset = 0;
    double m_meanSquareOffset = 0;
    double m_frequency = 0; // relative, raw clock fast
    ClockUpdate m_last;
};

} // namespace s1
