#include "clock/ClockCorrectionHistory.h"

#include <cmath>

namespace s1 {

namespace {

constexpr double kPpm = 1e6;
// Converting an instant both ways rounds twice, to the nanosecond: at most a few ns apart.
constexpr int kMaxRoundingSteps = 4;

// Intervals are converted in nanoseconds as doubles: exact up to 104 days, and the rate factor
// differs from 1 by at most 10 %, so a segment of any realistic length keeps nanoseconds.
Nanoseconds scaled(Nanoseconds interval, double factor)
{
    return Nanoseconds(std::llround(static_cast<double>(interval.count()) * factor));
}

} // namespace

void ClockCorrectionHistory::reset(RealTime system, double ppm)
{
    m_segments.clear();
    m_segments.push_back({system, system, ppm});
}

void ClockCorrectionHistory::frequencyChanged(RealTime system, double ppm)
{
    if (m_segments.empty()) {
        reset(system, ppm);
        return;
    }
    add({system, rawTime(system), ppm});
}

void ClockCorrectionHistory::stepped(RealTime systemBefore, Nanoseconds step)
{
    if (m_segments.empty())
        return;
    // The raw scale goes on where it was; only the system clock jumps.
    add({systemBefore + step, rawTime(systemBefore), m_segments.back().ppm});
}

void ClockCorrectionHistory::add(const Segment &segment)
{
    m_segments.push_back(segment);
    while (m_segments.size() > kMaxSegments)
        m_segments.pop_front();
}

RealTime ClockCorrectionHistory::rawTime(RealTime system) const
{
    if (m_segments.empty())
        return system;
    // Newest first: after a backward step the newest segment owns the readings it repeats.
    auto segment = m_segments.rbegin();
    while (segment != m_segments.rend() - 1 && system < segment->system)
        ++segment;
    return segment->raw + scaled(system - segment->system, kPpm / (kPpm + segment->ppm));
}

RealTime ClockCorrectionHistory::systemTime(RealTime raw) const
{
    if (m_segments.empty())
        return raw;
    auto segment = m_segments.rbegin();
    while (segment != m_segments.rend() - 1 && raw < segment->raw)
        ++segment;
    RealTime system = segment->system + scaled(raw - segment->raw, (kPpm + segment->ppm) / kPpm);
    // Rounded up to the first reading that is at `raw` or later: a host woken at systemTime(t)
    // must find raw time t reached, or it would wake again and again at the same instant.
    for (int i = 0; i < kMaxRoundingSteps && rawTime(system) < raw; ++i)
        system += Nanoseconds(1);
    return system;
}

} // namespace s1
