#include "ChartTimeWindow.h"

#include <algorithm>
#include <cmath>

namespace s1 {

void ChartTimeWindow::setLatest(std::int64_t time)
{
    m_latest = time;
    if (m_follow)
        m_end = time;
}

void ChartTimeWindow::showLast(std::int64_t span)
{
    m_span = std::clamp(span, kMinSpan, kMaxSpan);
    m_follow = true;
    m_end = m_latest;
}

void ChartTimeWindow::setFollowing(bool follow)
{
    m_follow = follow;
    if (follow)
        m_end = m_latest;
}

void ChartTimeWindow::zoom(double factor, double anchor)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    if (m_follow)
        anchor = 1;
    anchor = std::clamp(anchor, 0.0, 1.0);
    const double anchorTime = static_cast<double>(from()) + anchor * static_cast<double>(m_span);
    // Clamped as a double: a large factor must not overflow the nanoseconds.
    const auto span = static_cast<std::int64_t>(std::llround(std::clamp(
        static_cast<double>(m_span) * factor, static_cast<double>(kMinSpan), static_cast<double>(kMaxSpan))));
    m_span = span;
    m_end = std::llround(anchorTime + (1 - anchor) * static_cast<double>(span));
    clampEnd();
}

void ChartTimeWindow::pan(double fraction)
{
    if (!std::isfinite(fraction))
        return;
    m_follow = false;
    m_end += std::llround(fraction * static_cast<double>(m_span));
    clampEnd();
}

void ChartTimeWindow::clampEnd()
{
    if (m_follow || m_end > m_latest)
        m_end = m_latest;
}

} // namespace s1
