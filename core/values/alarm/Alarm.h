// An alarm: something about the time service a person should know and may have to fix, raised
// and cleared by the engine's AlarmMonitor from the engine's own state. A plain value, carried
// in the engine snapshot to the window, the control socket, the service log and `alarmcommand`.
#pragma once

#include "time/Timestamps.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace s1 {

enum class AlarmKind : std::uint8_t {
    PpsLost,              // a PPS refclock stopped delivering pulses
    GpsFixLost,           // the receiver has no position fix (or went silent)
    GpsTimeInvalid,       // the receiver talks but says its time is not valid
    NoSelectableSource,   // no source can be selected: holdover on the local clock, or nothing yet
    Unsynchronised,       // we never synchronised: clients are told our time is unsynchronised
    StratumChanged,       // the stratum we serve changed
    Falseticker,          // a source disagrees with the majority and is not used
    ClockStepped,         // the clock was stepped instead of slewed
    LeapSecondPending,    // a leap second will be inserted or deleted at the end of the day
    SerialErrors,         // checksum errors or overruns on the receiver's serial line
    CalibrationDrift,     // a time-of-day refclock's messages come off its configured `offset`
    SerialLinkOverloaded, // the receiver sends more than its serial line carries at its speed
};

enum class AlarmSeverity : std::uint8_t {
    Info,     // worth knowing, nothing is wrong with the time served
    Warning,  // the time is served, but less well or with less redundancy
    Critical, // the time served is wrong or unsynchronised, or will be soon
};

// Every kind and severity, for readers that must know all names (JSON, stratumctl).
inline constexpr std::array kAlarmKinds{
    AlarmKind::PpsLost,           AlarmKind::GpsFixLost,
    AlarmKind::GpsTimeInvalid,    AlarmKind::NoSelectableSource,
    AlarmKind::Unsynchronised,    AlarmKind::StratumChanged,
    AlarmKind::Falseticker,       AlarmKind::ClockStepped,
    AlarmKind::LeapSecondPending, AlarmKind::SerialErrors,
    AlarmKind::CalibrationDrift,  AlarmKind::SerialLinkOverloaded,
};
inline constexpr std::array kAlarmSeverities{AlarmSeverity::Info, AlarmSeverity::Warning, AlarmSeverity::Critical};

struct Alarm
{
    std::uint64_t id = 0; // unique in one engine's life, grows with each raise
    AlarmKind kind = AlarmKind::PpsLost;
    AlarmSeverity severity = AlarmSeverity::Warning;
    RealTime raised;                 // engine time
    std::optional<RealTime> cleared; // engine time; none while the alarm is active
    std::string subject;             // what it is about: a source's name or refid; empty: the server
    std::string text;                // what is wrong, in a sentence
    std::string fix;                 // what to check or do about it

    bool active() const { return !cleared.has_value(); }
    friend bool operator==(const Alarm &, const Alarm &) = default;
};

// At most this many alarms in a snapshot: every active one (there are few kinds and subjects),
// then the most recently cleared ones. Bounded so the snapshot sent each second stays small.
inline constexpr std::size_t kAlarmListLimit = 64;

const char *toString(AlarmKind kind);         // "pps-lost", ... (the JSON and alarmcommand's words)
const char *toString(AlarmSeverity severity); // "info", "warning", "critical"
std::optional<AlarmKind> alarmKindFromString(std::string_view text);
std::optional<AlarmSeverity> alarmSeverityFromString(std::string_view text);

} // namespace s1
