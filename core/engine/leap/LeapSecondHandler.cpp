#include "leap/LeapSecondHandler.h"

namespace s1 {

namespace {

constexpr int kJune = 6;
constexpr int kDecember = 12;
constexpr unsigned kLastOfJune = 30;
constexpr unsigned kLastOfDecember = 31;

std::chrono::sys_days dayOf(RealTime utc)
{
    return std::chrono::floor<std::chrono::days>(utc);
}

} // namespace

LeapSecondHandler::LeapSecondHandler(LeapSecondMode mode, std::optional<LeapSecondTable> table)
    : m_mode(mode)
    , m_table(std::move(table))
{ }

bool LeapSecondHandler::isLeapSecondDay(RealTime utc)
{
    const std::chrono::year_month_day date{dayOf(utc)};
    // IERS schedules them at the end of June or December (the end of any month is allowed in
    // principle, but no source is trusted to announce one there).
    return (date.month() == std::chrono::month(kJune) && date.day() == std::chrono::day(kLastOfJune))
           || (date.month() == std::chrono::month(kDecember) && date.day() == std::chrono::day(kLastOfDecember));
}

LeapIndicator LeapSecondHandler::update(LeapIndicator voted, RealTime utc)
{
    LeapIndicator leap = voted;
    int taiOffset = 0;
    if (m_table) {
        const LeapSecondTable::Day day = m_table->day(utc);
        taiOffset = day.taiOffset;
        if (leap == LeapIndicator::None)
            leap = day.leap;
    }
    int seconds = 0;
    if (leap == LeapIndicator::InsertSecond || leap == LeapIndicator::DeleteSecond) {
        if (isLeapSecondDay(utc))
            seconds = leap == LeapIndicator::InsertSecond ? 1 : -1;
        else
            leap = LeapIndicator::None;
    }
    // Around the leap itself nothing is rescheduled: the sources' clocks may disagree by the
    // second there.
    if ((seconds != m_seconds || taiOffset != m_taiOffset) && !isClose(utc)) {
        m_seconds = seconds;
        m_taiOffset = taiOffset;
        schedule(utc);
    }
    m_status = leap;
    return leap;
}

void LeapSecondHandler::schedule(RealTime utc)
{
    m_next.reset();
    m_inProgress = false;
    if (m_seconds == 0)
        return;
    const RealTime midnight = RealTime(dayOf(utc) + std::chrono::days(1));
    m_midnight = midnight;
    // An inserted second starts at 00:00:00 (the clock then reads 23:59:59 again), a deleted
    // one at 23:59:59, which never happens.
    RealTime start = m_seconds > 0 ? midnight : midnight - std::chrono::seconds(1);
    if (m_mode == LeapSecondMode::System)
        start -= kSystemLead;
    m_next = start;
}

LeapSecondHandler::Event LeapSecondHandler::handleTimeout(RealTime utc)
{
    if (!m_next || utc < *m_next)
        return {};
    if (!m_inProgress) {
        m_inProgress = true;
        m_next = *m_next + kInProgress;
        return {Phase::Start, m_seconds};
    }
    const Event end{Phase::End, m_seconds};
    m_inProgress = false;
    m_next.reset();
    if (m_taiOffset != 0)
        m_taiOffset += m_seconds;
    m_seconds = 0;
    if (m_status == LeapIndicator::InsertSecond || m_status == LeapIndicator::DeleteSecond)
        m_status = LeapIndicator::None;
    return end;
}

bool LeapSecondHandler::isClose(RealTime utc) const
{
    return m_midnight && utc >= *m_midnight - kCloseWindow && utc < *m_midnight + kCloseWindow;
}

} // namespace s1
