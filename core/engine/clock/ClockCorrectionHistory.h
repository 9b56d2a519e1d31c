// The system clock against the raw scale the engine's statistics live on, while a clock driver
// steers it.
//
// The raw scale is the uncorrected oscillator: the system clock as it would run at kernel
// frequency 0 (nominal tick, no fine frequency) and without steps, aligned with the system
// clock when the driver took control. The driver records here every frequency change and step
// it makes, so the map is a chain of straight segments; a system clock reading converts to raw
// time exactly, and back. Readings taken a little before a change (kernel receive timestamps)
// still find their own segment; the oldest segments are dropped, and anything older is
// extrapolated from the oldest one kept.
#pragma once

#include "time/Timestamps.h"

#include <cstddef>
#include <deque>

namespace s1 {

class ClockCorrectionHistory
{
public:
    // Segments kept. A segment is added per frequency change (a slew leg or an update, seconds
    // apart at the least), so this covers far more than the age of any reading a host hands in.
    static constexpr std::size_t kMaxSegments = 64;

    // Starts the map: at system reading `system` raw time reads the same, and the clock runs
    // `ppm` faster than the raw scale.
    void reset(RealTime system, double ppm);
    // From system reading `system` on, the clock runs `ppm` faster than the raw scale.
    void frequencyChanged(RealTime system, double ppm);
    // The clock read `systemBefore` right before it was stepped by `step`.
    void stepped(RealTime systemBefore, Nanoseconds step);
    void clear() { m_segments.clear(); }
    bool empty() const { return m_segments.empty(); }
    std::size_t segments() const { return m_segments.size(); }

    // Raw time at system reading `system`; the identity while the map is empty.
    RealTime rawTime(RealTime system) const;
    // The first system reading at raw time `raw` (rawTime() of it is not earlier than `raw`);
    // the identity while the map is empty.
    RealTime systemTime(RealTime raw) const;

private:
    struct Segment
    {
        RealTime system; // where the segment starts, on both scales
        RealTime raw;
        double ppm = 0; // the system clock's rate over the raw scale, minus one, in ppm
    };

    void add(const Segment &segment);

    std::deque<Segment> m_segments; // oldest first
};

} // namespace s1
