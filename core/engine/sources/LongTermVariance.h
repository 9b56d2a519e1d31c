// The long-term variance a sample filter keeps of the spread of what it combines, and the
// variance to hand on for one output: the long-term one, unless this output's own is
// significantly larger. A filter's output goes to the source statistics with its spread as
// its dispersion, and the statistics weigh each sample by its dispersion; a spread from a few
// samples (two, for an NTP `filter` whose middle pair is averaged) is itself known only
// roughly, so per-output figures would weigh the samples by chance. (The idea of the average
// chrony's sample filter keeps, written for this engine.)
#pragma once

namespace s1 {

class LongTermVariance
{
public:
    // A plain mean over the degrees of freedom until it holds kMemoryDof of them, then an
    // exponential average with that memory.
    static constexpr double kMemoryDof = 50;
    // One-sided confidence with which an output's variance must exceed the long-term one to
    // be used instead.
    static constexpr double kLargerVarianceConfidence = 0.9;

    // memoryDof: the degrees of freedom the exponential average remembers.
    explicit LongTermVariance(double memoryDof = kMemoryDof)
        : m_memoryDof(memoryDof)
    { }

    bool empty() const { return m_dof <= 0; }
    double value() const { return m_variance; } // s², 0 while empty

    // Takes one output's variance (s², from `dof` > 0 degrees of freedom) into the average and
    // returns the variance to use for it: the updated long-term one, or `variance` when that
    // is significantly larger than the long-term variance before the update.
    double update(double variance, double dof);

private:
    double m_variance = 0; // s²
    double m_dof = 0;      // degrees of freedom behind m_variance
    double m_memoryDof;
};

} // namespace s1
