#include "sources/DelayQuantile.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

// A step must be positive for the estimates to move at all (s): a nanosecond, the resolution
// of our timestamps, when the caller's is not.
constexpr double kSmallestStep = 1e-9;

} // namespace

DelayQuantile::DelayQuantile(double quantile, double minStep, std::uint64_t seed)
    : m_k(static_cast<int>(std::lround(
        (std::isnan(quantile) ? kMinQuantile : std::clamp(quantile, kMinQuantile, kMaxQuantile)) * kResolution)))
    , m_minStep(std::isnan(minStep) ? kSmallestStep : std::max(minStep, kSmallestStep))
    , m_stepFloor(-kLargeStepDelay * m_minStep)
    , m_random(seed)
{
    reset();
}

void DelayQuantile::reset()
{
    m_initialised = false;
    for (Estimate &e : m_estimates)
        e = Estimate{0.0, m_minStep, 1};
}

double DelayQuantile::estimate() const
{
    std::array<double, kRepeat> values{};
    std::transform(m_estimates.begin(), m_estimates.end(), values.begin(), [](const Estimate &e) { return e.value; });
    auto middle = values.begin() + kRepeat / 2;
    std::nth_element(values.begin(), middle, values.end());
    return *middle; // kRepeat is odd: one middle value
}

void DelayQuantile::accumulate(double delay)
{
    if (!std::isfinite(delay))
        return;
    if (!m_initialised) {
        for (Estimate &e : m_estimates)
            e.value = delay;
        m_initialised = true;
        return;
    }
    const double p = quantile();
    for (Estimate &e : m_estimates)
        update(e, delay, p);
}

void DelayQuantile::update(Estimate &e, double delay, double p)
{
    // Each estimate draws its own chance, so that the repeats are independent.
    const double draw = m_uniform(m_random);
    if (delay >= e.value) {
        // Above: move up only a fraction p of the time, so that a fraction p ends up below.
        if (draw < 1.0 - p)
            return;
        e.step += e.direction > 0 ? m_minStep : -m_minStep;
        e.value += std::max(e.step, m_minStep);
        if (e.value > delay) {
            // Overshot: stop just above the value and give back the excess from the step.
            e.step += delay - e.value;
            e.value = delay + m_minStep / 4.0;
        }
        if (e.direction < 0 && e.step > m_minStep)
            e.step = m_minStep;
        e.direction = 1;
    } else {
        if (draw < p)
            return;
        e.step += e.direction < 0 ? m_minStep : -m_minStep;
        e.value -= std::max(e.step, m_minStep);
        if (e.value < delay) {
            e.step += e.value - delay;
            e.value = delay - m_minStep / 4.0;
        }
        if (e.direction > 0 && e.step > m_minStep)
            e.step = m_minStep;
        e.direction = -1;
    }
    e.step = std::max(e.step, m_stepFloor);
}

} // namespace s1
