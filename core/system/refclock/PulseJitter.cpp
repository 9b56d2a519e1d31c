#include "refclock/PulseJitter.h"

#include <cmath>

namespace s1 {

void PulseJitter::add(RealTime edge)
{
    if (m_previous && m_beforePrevious) {
        const double d = toSeconds((edge - *m_previous) - (*m_previous - *m_beforePrevious));
        if (std::abs(d) < kMaxDifference)
            m_meanSquare = m_count++ == 0 ? d * d : (1 - kWeight) * m_meanSquare + kWeight * d * d;
    }
    m_beforePrevious = m_previous;
    m_previous = edge;
}

double PulseJitter::jitter() const
{
    return std::sqrt(m_meanSquare) / kSecondDifferenceFactor;
}

} // namespace s1
