#include "sim/SimClock.h"

#include <algorithm>
#include <cmath>

namespace s1::sim {

namespace {
constexpr double kNanosPerSecondD = 1e9;
}

SimClock::SimClock(Model model, RealTime epoch, std::uint64_t seed)
    : m_model(model)
    , m_epoch(epoch)
    , m_random(seed)
{
    m_frequency.push_back(model.frequencyOffset);
    m_phase.push_back(model.startOffset);
}

void SimClock::extendTo(std::size_t second)
{
    while (m_frequency.size() <= second) {
        const std::size_t k = m_frequency.size();
        m_phase.push_back(m_phase[k - 1] + 1.0 + m_frequency[k - 1]);
        m_frequency.push_back(m_frequency[k - 1] + m_model.wander * m_normal(m_random));
    }
}

RealTime SimClock::read(TrueTime t)
{
    const std::int64_t ns = std::max<std::int64_t>(t.count(), 0);
    const std::size_t k = static_cast<std::size_t>(ns / kNanosPerSecond);
    extendTo(k);
    const double within = static_cast<double>(ns % kNanosPerSecond) / kNanosPerSecondD;
    // Whole seconds and the fraction are kept apart so that nanoseconds survive long runs.
    const double phase = m_phase[k] - static_cast<double>(k) + within * (1.0 + m_frequency[k]);
    return m_epoch + Nanoseconds(static_cast<std::int64_t>(k) * kNanosPerSecond)
           + Nanoseconds(std::llround(phase * kNanosPerSecondD));
}

TrueTime SimClock::trueTimeOf(RealTime raw)
{
    // Phases grow by about a second per second; search whole seconds, then solve within one.
    const double target = toSeconds(raw - m_epoch);
    std::size_t k = static_cast<std::size_t>(std::max(0.0, std::floor(target - m_model.startOffset)));
    extendTo(k + 1);
    while (k > 0 && m_phase[k] > target)
        --k;
    while (true) {
        extendTo(k + 1);
        if (m_phase[k + 1] > target)
            break;
        ++k;
    }
    const double within = std::max(0.0, (target - m_phase[k]) / (1.0 + m_frequency[k]));
    TrueTime t = Nanoseconds(static_cast<std::int64_t>(k) * kNanosPerSecond)
                 + Nanoseconds(static_cast<std::int64_t>(std::ceil(within * kNanosPerSecondD)));
    // Rounding may leave us a nanosecond short of `raw`.
    while (read(t) < raw)
        t += Nanoseconds(1);
    return t;
}

double SimClock::frequencyAt(TrueTime t)
{
    const std::size_t k = static_cast<std::size_t>(std::max<std::int64_t>(t.count(), 0) / kNanosPerSecond);
    extendTo(k);
    return m_frequency[k];
}

} // namespace s1::sim
