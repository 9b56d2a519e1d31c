#include "clock/LocalClock.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {
// Enough rounds of uncook's fixed-point iteration for any slew rate below 1 to converge far
// below a nanosecond (the error shrinks by the rate each round).
constexpr int kUncookRounds = 8;
} // namespace

double LocalClock::lineAt(RealTime raw) const
{
    return m_offsetAtReference + m_frequency * toSeconds(raw - m_referenceRaw);
}

double LocalClock::pendingSlewAt(RealTime raw) const
{
    if (m_slewAtReference == 0 || m_slewRate <= 0)
        return 0;
    const double elapsed = std::max(0.0, toSeconds(raw - m_referenceRaw));
    const double left = std::abs(m_slewAtReference) - m_slewRate * elapsed;
    return left > 0 ? std::copysign(left, m_slewAtReference) : 0;
}

double LocalClock::correctionAt(RealTime raw) const
{
    return lineAt(raw) + pendingSlewAt(raw);
}

RealTime LocalClock::cook(RealTime raw) const
{
    if (m_offsetAtReference == 0 && m_frequency == 0 && m_slewAtReference == 0)
        return raw;
    return raw + fromSeconds(correctionAt(raw));
}

RealTime LocalClock::uncook(RealTime cooked) const
{
    RealTime raw = cooked;
    for (int i = 0; i < kUncookRounds; ++i)
        raw = cooked - fromSeconds(correctionAt(raw));
    return raw;
}

void LocalClock::correct(RealTime raw, double offset, double frequency, double slewRate)
{
    const double before = correctionAt(raw);
    m_referenceRaw = raw;
    m_offsetAtReference = offset;
    m_frequency = frequency;
    if (slewRate > 0) {
        m_slewAtReference = before - offset;
        m_slewRate = slewRate;
    } else {
        m_slewAtReference = 0;
        m_slewRate = 0;
    }
}

void LocalClock::applyStep(RealTime raw, double offset)
{
    const double slew = pendingSlewAt(raw);
    const double rate = m_slewRate;
    m_offsetAtReference = lineAt(raw) + offset;
    m_referenceRaw = raw;
    m_slewAtReference = slew;
    m_slewRate = rate;
}

void LocalClock::setFrequency(RealTime raw, double relative)
{
    const double slew = pendingSlewAt(raw);
    m_offsetAtReference = lineAt(raw);
    m_referenceRaw = raw;
    m_frequency = relative;
    m_slewAtReference = slew;
}

} // namespace s1
