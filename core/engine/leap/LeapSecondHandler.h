// When the engine's clock meets a leap second, and what it does then (chrony's semantics).
//
// The leap status comes from the sources' vote, or, when they say nothing, from the leap second
// table (`leapsectz`, `leapseclist`); a leap is only accepted on the last day of June or
// December. At the UTC midnight that ends that day the clock is stepped or slewed by the
// second, or left to the kernel (`leapsecmode system`, which needs a clock driver: without one
// it is `step`), or not corrected at all (`ignore`). Samples within kCloseWindow of that
// midnight are dropped, and while the leap is in progress the served leap indicator is 3.
//
// All times here are on the engine's served (UTC) scale. Single-threaded, no I/O.
#pragma once

#include "config/EngineConfig.h"
#include "leap/LeapSecondTable.h"

#include <chrono>
#include <optional>

namespace s1 {

class LeapSecondHandler
{
public:
    // Samples this close to the leap's midnight are not trusted (either side).
    static constexpr Nanoseconds kCloseWindow = std::chrono::seconds(5);
    // From the correction until the second is surely over.
    static constexpr Nanoseconds kInProgress = std::chrono::seconds(2);
    // With `system`, the handler starts this much before the kernel's own correction.
    static constexpr Nanoseconds kSystemLead = std::chrono::milliseconds(500);

    enum class Phase : std::uint8_t { None, Start, End };
    struct Event
    {
        Phase phase = Phase::None;
        int seconds = 0; // +1: a second inserted (the clock goes back), -1: deleted
    };

    // `mode` as the engine can carry it out (system already turned into step without a driver).
    LeapSecondHandler(LeapSecondMode mode, std::optional<LeapSecondTable> table);

    // The sources' vote at a clock update at `utc`; returns the leap status to serve.
    LeapIndicator update(LeapIndicator voted, RealTime utc);
    // When handleTimeout() is next due.
    std::optional<RealTime> nextEvent() const { return m_next; }
    // Start: correct the clock now (mode permitting) by -seconds; End: the leap is over.
    Event handleTimeout(RealTime utc);

    bool isClose(RealTime utc) const;
    bool inProgress() const { return m_inProgress; }
    LeapSecondMode mode() const { return m_mode; }
    // The status to serve while synchronised: unsynchronised while the leap is in progress.
    LeapIndicator served() const { return m_inProgress ? LeapIndicator::Unsynchronised : m_status; }
    // What the kernel is to be told (system mode only): +1 insert, -1 delete, 0 nothing.
    int systemLeap() const { return m_mode == LeapSecondMode::System ? m_seconds : 0; }
    // TAI - UTC from the table, s; 0 without a table.
    int taiOffset() const { return m_taiOffset; }
    const std::optional<LeapSecondTable> &table() const { return m_table; }
    // A table read again (the file changed): it counts from the next update on. A leap already
    // scheduled stays as it is until then.
    void setTable(std::optional<LeapSecondTable> table) { m_table = std::move(table); }
    // The midnight of the upcoming or last scheduled leap.
    std::optional<RealTime> leapMidnight() const { return m_midnight; }

    // Whether a leap second may happen at the end of the UTC day containing `utc`.
    static bool isLeapSecondDay(RealTime utc);

private:
    void schedule(RealTime utc);

    LeapSecondMode m_mode;
    std::optional<LeapSecondTable> m_table;
    LeapIndicator m_status = LeapIndicator::None;
    int m_seconds = 0;
    int m_taiOffset = 0;
    std::optional<RealTime> m_midnight;
    std::optional<RealTime> m_next;
    bool m_inProgress = false;
};

} // namespace s1
