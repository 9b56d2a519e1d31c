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
