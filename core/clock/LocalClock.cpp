#include "clock/LocalClock.h"

namespace s1 {

double LocalClock::correctionAt(RealTime raw) const
{
    return m_offsetAtReference + m_frequency * toSeconds(raw - m_referenceRaw);
}

RealTime LocalClock::cook(RealTime raw) const
{
    if (m_offsetAtReference == 0 && m_frequency == 0)
        return raw;
    return raw + fromSeconds(correctionAt(raw));
}

RealTime LocalClock::uncook(RealTime cooked) const
{
    // One fixed-point step from the cooked time is exact up to frequency² * offset, far below
    // a nanosecond for corrections under 1000 ppm; the second step makes it exact in practice.
    RealTime raw = cooked - fromSeconds(correctionAt(cooked));
    raw = cooked - fromSeconds(correctionAt(raw));
    return raw;
}

void LocalClock::applyStep(RealTime raw, double offset)
{
    m_offsetAtReference = correctionAt(raw) + offset;
    m_referenceRaw = raw;
}

void LocalClock::setFrequency(RealTime raw, double relative)
{
    m_offsetAtReference = correctionAt(raw);
    m_referenceRaw = raw;
    m_frequency = relative;
}

} // namespace s1
