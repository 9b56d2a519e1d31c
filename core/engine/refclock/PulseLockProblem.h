// Why the engine could not give a PPS refclock's pulse its second: what the reason a PPS is not
// selected quotes. Recorded for the newest refused pulse, cleared by the next accepted one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace s1 {

struct PulseLockProblem
{
    enum class Kind : std::uint8_t {
        NoLockUnsynchronised, // no `lock`, and the engine has no time of its own yet
        NoLockTooUncertain,   // no `lock`: the engine's time is not good to half a pulse period
        LockMissing,          // `lock` names no other refclock
        LockNoSample,         // the lock refclock has delivered no sample yet
        LockSampleTooOld,     // its newest sample is older than maxlockage pulses
        LockDisagrees,        // its time puts the pulse too far from a whole second
    };
    Kind kind = Kind::NoLockUnsynchronised;
    std::string lock; // the `lock` refid, if any
    // NoLockTooUncertain: the engine's root distance vs half a period (s); LockSampleTooOld:
    // the sample's age vs maxlockage pulses (s).
    std::optional<double> value;
    std::optional<double> limit;
    std::string detail; // LockDisagrees: the refclock's own reason

    friend bool operator==(const PulseLockProblem &, const PulseLockProblem &) = default;
};

} // namespace s1
