#include "refclock/PhcReading.h"

#include <cmath>
#include <cstdint>

namespace s1 {

std::optional<PhcReading> narrowestReading(std::span<const PhcSandwich> sandwiches)
{
    std::optional<PhcReading> best;
    for (const PhcSandwich &s : sandwiches) {
        const Nanoseconds width = s.systemAfter - s.systemBefore;
        if (width < Nanoseconds::zero())
            continue;
        const double window = toSeconds(width);
        if (best && window >= best->window)
            continue; // ties keep the earlier reading
        best = PhcReading{s.phc, s.systemBefore + width / 2, window};
    }
    return best;
}

RealTime phcToSystem(RealTime phcTime, const PhcReading &reading, double phcFrequencyOffset)
{
    const Nanoseconds phcElapsed = phcTime - reading.phcTime;
    if (phcFrequencyOffset == 0.0 || !std::isfinite(phcFrequencyOffset) || phcFrequencyOffset <= -1.0)
        return reading.systemTime + phcElapsed;
    // phcElapsed PHC seconds took phcElapsed / (1 + f) system seconds.
    const double correction = static_cast<double>(phcElapsed.count()) * phcFrequencyOffset / (1.0 + phcFrequencyOffset);
    return reading.systemTime + phcElapsed - Nanoseconds(std::llround(correction));
}

} // namespace s1
