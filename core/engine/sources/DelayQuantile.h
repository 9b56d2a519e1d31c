// A running estimate of one quantile of a source's round-trip delays, for `maxdelayquant`
// (chrony's test C variant): samples whose delay is above the estimate are dropped. Constant
// memory and time per delay, deterministic for a given seed.
//
// The estimator is the Frugal-2U streaming algorithm (Ma, Muthukrishnan, Sandler 2014), as
// chrony uses it (quantiles.c): each estimate moves up with probability p when a value lies
// above it and down with probability 1 - p when below, by a step that grows while it keeps
// moving the same way and shrinks back to the minimum when it turns. Several independent
// estimates are kept and their median is the answer, which steadies it. The first value sets
// every estimate; before it the estimate is 0, so chrony's first sample always fails the test.
#pragma once

#include <array>
#include <cstdint>
#include <random>

namespace s1 {

class DelayQuantile
{
public:
    // chrony's parameters (ntp_core.c): the quantile is k/kResolution, k rounded from the
    // configured fraction clamped to [kMinQuantile, kMaxQuantile]; kRepeat estimates; a step
    // may shrink to at most -kLargeStepDelay minimum steps, which delays large steps after a
    // turn.
    static constexpr int kResolution = 100;
    static constexpr double kMinQuantile = 0.05;
    static constexpr double kMaxQuantile = 0.95;
    static constexpr int kRepeat = 7;
    static constexpr int kLargeStepDelay = 100;

    // `quantile`: the configured fraction (0.05..0.95 is used); `minStep` (s, > 0): the
    // smallest move, chrony uses half our clock's precision; `seed`: the random choices.
    DelayQuantile(double quantile, double minStep, std::uint64_t seed);

    // The fraction actually estimated, k / kResolution.
    double quantile() const { return static_cast<double>(m_k) / kResolution; }
    double minStep() const { return m_minStep; }
    // The median of the estimates (s); 0 before the first delay.
    double estimate() const;

    void accumulate(double delay);
    void reset();

private:
    struct Estimate
    {
        double value = 0;
        double step = 0;
        int direction = 1; // of the last move: +1 up, -1 down
    };
    void update(Estimate &e, double delay, double p);

    int m_k;
    double m_minStep;
    double m_stepFloor; // the most negative step allowed
    bool m_initialised = false;
    std::array<Estimate, kRepeat> m_estimates{};
    std::mt19937_64 m_random;
    std::uniform_real_distribution<double> m_uniform{0.0, 1.0};
};

} // namespace s1
