// The time range a chart shows: a span ending at the newest data while following, or wherever
// the user zoomed and panned to while paused. Std only; the Charts page drives it.
#pragma once

#include <chrono>
#include <cstdint>

namespace s1 {

class ChartTimeWindow
{
public:
    static constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
    // Zoomed in to a minute at most (a few 1 Hz points still make a line), out to a week (all the
    // history there is).
    static constexpr std::int64_t kMinSpan = 60 * kNanosPerSecond;
    static constexpr std::int64_t kMaxSpan = 7 * 24 * 3600 * kNanosPerSecond;

    std::int64_t from() const { return m_end - m_span; }
    std::int64_t to() const { return m_end; }
    std::int64_t span() const { return m_span; }
    bool following() const { return m_follow; }
    std::int64_t latest() const { return m_latest; }

    // The newest time there is data for (the latest snapshot's); while following, the range ends there.
    void setLatest(std::int64_t time);
    // A window button: this span, ending at the newest data, following.
    void showLast(std::int64_t span);
    // Follow (the range ends at the newest data from now on) or pause (it stays where it is).
    void setFollowing(bool follow);
    // Zooms by `factor` (< 1 in, > 1 out) keeping the time at `anchor` (0 = left edge, 1 = right
    // edge) where it is; while following, about the right edge so that it keeps following.
    void zoom(double factor, double anchor);
    // Moves the range by `fraction` of its span (positive: later), pausing; never past the newest data.
    void pan(double fraction);

private:
    void clampEnd();

    std::int64_t m_span = 3600 * kNanosPerSecond;
    std::int64_t m_end = 0;
    std::int64_t m_latest = 0;
    bool m_follow = true;
};

} // namespace s1
