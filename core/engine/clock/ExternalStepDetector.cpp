#include "clock/ExternalStepDetector.h"

#include <cmath>

namespace s1 {

std::optional<double> ExternalStepDetector::check(const Reading &reading, double ownSteps, bool hold)
{
    const Nanoseconds difference =
        reading.realTime.time_since_epoch() - reading.reference - fromSeconds(std::isfinite(ownSteps) ? ownSteps : 0.0);
    if (!m_baseline) {
        m_baseline = difference;
        m_baselineSpread = reading.spread;
        return std::nullopt;
    }
    const double step = toSeconds(difference - *m_baseline);
    const double tolerance = kThreshold + toSeconds(reading.spread + m_baselineSpread);
    if (std::abs(step) <= tolerance || hold)
        return std::nullopt;
    m_baseline = difference;
    m_baselineSpread = reading.spread;
    m_reported += step;
    return step;
}

} // namespace s1
