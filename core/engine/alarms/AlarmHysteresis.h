// Raise and clear with delays: a condition must hold for `raiseAfter` before its alarm is
// raised and be gone for `clearAfter` before it is cleared, so that a condition that comes and
// goes with each poll raises one alarm, not one per poll.
#pragma once

#include "time/Timestamps.h"

#include <cstdint>
#include <optional>

namespace s1 {

class AlarmHysteresis
{
public:
    enum class Change : std::uint8_t { None, Raise, Clear };

    AlarmHysteresis(Nanoseconds raiseAfter, Nanoseconds clearAfter, bool raised = false);

    // The condition as seen at `now` (times must not go backwards).
    Change observe(bool condition, RealTime now);
    bool raised() const { return m_raised; }

private:
    Nanoseconds m_raiseAfter;
    Nanoseconds m_clearAfter;
    bool m_raised = false;
    // Since when the condition has differed from m_raised; none while they agree.
    std::optional<RealTime> m_differingSince;
};

} // namespace s1
