// The engine's alarms: raised and cleared from the engine's own state at each evaluation
// (AlarmInputs), with hysteresis so that they do not flap, and kept as a bounded list of the
// active ones and the most recently cleared. Each alarm says what is wrong and what to do, in
// the words of someone who runs chrony and gpsd. Deterministic: time is what the inputs say.
#pragma once

#include "alarm/Alarm.h"
#include "alarms/AlarmHysteresis.h"
#include "alarms/AlarmInputs.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace s1 {

class AlarmMonitor
{
public:
    // Before this long after the first evaluation, a missing PPS or an unsynchronised clock is
    // start-up, not an alarm: a PPS without `lock` waits for the clock, and a few polls of
    // several sources are needed to agree (iburst syncs in seconds, refclocks take minutes).
    static constexpr Nanoseconds kStartupGrace = std::chrono::minutes(5);
    // A PPS refclock is lost after this many polls in a row without a sample (reach bits), and
    // back after this many with one: one empty poll is a hiccup, not an alarm.
    static constexpr unsigned kPpsLostPolls = 3;
    static constexpr unsigned kPpsRegainedPolls = 2;
    // The receiver's fix and time validity must be gone (or back) this long before the alarm
    // changes: a fix often drops for a second or two under trees or with a passing truck.
    static constexpr Nanoseconds kGpsRaiseDelay = std::chrono::seconds(10);
    static constexpr Nanoseconds kGpsClearDelay = std::chrono::seconds(10);
    // No selectable source for this long before the alarm: the selection passes through "no
    // source" for one update when the selected source changes.
    static constexpr Nanoseconds kNoSelectionDelay = std::chrono::seconds(30);
    // A falseticker is reported at once and forgiven after it agreed again for this long.
    static constexpr Nanoseconds kFalsetickerClearDelay = std::chrono::minutes(2);
    // Events (a step, a stratum change) stay raised this long after the last one, so the window
    // and `stratumctl alarms` show them; new events of the same kind extend the same alarm.
    static constexpr Nanoseconds kEventAlarmDuration = std::chrono::minutes(10);
    // Serial errors are an alarm while the counters grew within this long.
    static constexpr Nanoseconds kSerialErrorWindow = std::chrono::minutes(1);
    // The serial line's load verdict (GpsLinkLoad::overloaded, itself a minute's average and
    // the overflow signs of that minute) must hold this long before the alarm is raised, so
    // that the first partial seconds after start-up or a reconfiguration do not raise it, and
    // be gone this long before it clears.
    static constexpr Nanoseconds kLinkOverloadRaiseDelay = std::chrono::seconds(10);
    static constexpr Nanoseconds kLinkOverloadClearDelay = std::chrono::seconds(10);
    // A time-of-day refclock is out of calibration when its messages' median error against the
    // better source is beyond half their 5-95 % spread and beyond this much: a PPS locked to it
    // only needs it right to 0.4 s, but its samples are only as good as its `offset`.
    static constexpr double kCalibrationTolerance = 0.020; // s
    // The measurement is the median of 10 minutes already; a minute more rules out a blip.
    static constexpr Nanoseconds kCalibrationRaiseDelay = std::chrono::minutes(1);
    static constexpr Nanoseconds kCalibrationClearDelay = std::chrono::minutes(1);

    void update(const AlarmInputs &inputs);
    // The list of the engine this one replaces (a reload): its cleared alarms are kept, its
    // active ones stay active until the first evaluation that does not see their condition
    // clears them, with their ids, so that nothing vanishes and nothing is raised twice.
    void adopt(const std::vector<Alarm> &previous);
    // Active alarms (oldest first), then the most recently cleared (newest first), at most
    // kAlarmListLimit in all.
    std::vector<Alarm> alarms() const;

private:
    struct Description
    {
        AlarmSeverity severity = AlarmSeverity::Warning;
        std::string text;
        std::string fix;
    };
    struct Condition
    {
        AlarmHysteresis hysteresis;
        std::uint64_t activeId = 0; // the raised alarm; 0 while clear
        std::uint64_t seenIn = 0;   // the last evaluation that looked at it
    };
    using Key = std::pair<AlarmKind, std::string>;

    // Feeds `condition` of the alarm `kind` about `subject` through its hysteresis; raises,
    // clears, or refreshes the active alarm's words with `description`.
    void observe(AlarmKind kind, const std::string &subject, bool condition, Nanoseconds raiseAfter,
                 Nanoseconds clearAfter, RealTime now, Description description);
    bool isRaised(AlarmKind kind, const std::string &subject) const;
    void raise(Condition &condition, AlarmKind kind, const std::string &subject, RealTime now, Description description);
    void clear(Condition &condition, RealTime now);

    void checkPps(const AlarmInputs &inputs);
    void checkGps(const AlarmInputs &inputs);
    void checkSerialLink(const AlarmInputs &inputs);
    void checkSelection(const AlarmInputs &inputs);
    void checkSources(const AlarmInputs &inputs);
    void checkEvents(const AlarmInputs &inputs);
    void checkCalibrations(const AlarmInputs &inputs);

    std::map<Key, Condition> m_conditions;
    std::vector<Alarm> m_active; // raise order
    std::deque<Alarm> m_cleared; // newest first, bounded
    std::uint64_t m_nextId = 1;
    std::uint64_t m_evaluation = 0;
    std::optional<RealTime> m_start;
    bool m_everSelected = false;
    std::map<std::string, bool> m_ppsEverDelivered; // by refclock name
    std::optional<int> m_servedStratum;             // while synchronised
    std::optional<RealTime> m_lastStep;
    std::string m_stepText;
    std::string m_stepFix;
    std::optional<RealTime> m_lastStratumChange;
    std::string m_stratumText;
    std::optional<std::uint64_t> m_serialErrors; // checksum errors + overruns last seen
    std::uint64_t m_serialErrorsAtRaise = 0;
    std::optional<RealTime> m_lastSerialError;
    // Per refclock, the words of its last complete calibration measurement: what a raised
    // calibration alarm keeps saying while a new measurement fills its window.
    std::map<std::string, Description> m_calibrationWords;
};

} // namespace s1
