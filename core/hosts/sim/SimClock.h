// A simulated oscillator: the raw clock of a simulated host, as a function of true time.
//
// Its frequency error is a constant offset plus a random walk that takes one step per second of
// true time (step size wander * N(0,1)), the model chrony's simulation tests use, so results
// compare. Phase is integrated exactly between steps.
#pragma once

#include "time/Timestamps.h"

#include <cstdint>
#include <random>
#include <vector>

namespace s1::sim {

// True time in the simulation: nanoseconds since the simulation's start.
using TrueTime = Nanoseconds;

class SimClock
{
public:
    struct Model
    {
        double frequencyOffset = 0; // relative (1e-4 = 100 ppm fast)
        double wander = 0;          // std dev of the per-second random-walk step (relative)
        double startOffset = 0;     // s: raw clock minus true time at true time 0
    };

    SimClock(Model model, RealTime epoch, std::uint64_t seed);

    // Raw clock reading at true time t (t >= 0).
    RealTime read(TrueTime t);
    // Earliest true time at which the raw clock reads `raw` (raw clocks here never run backwards).
    TrueTime trueTimeOf(RealTime raw);
    // Relative frequency error of the raw clock during the second containing t.
    double frequencyAt(TrueTime t);
    RealTime epoch() const { return m_epoch; }

private:
    void extendTo(std::size_t second);

    Model m_model;
    RealTime m_epoch;
    std::mt19937_64 m_random;
    std::normal_distribution<double> m_normal{0.0, 1.0};
    // Per whole true second k: frequency during [k, k+1) and the raw phase (s, minus epoch) at k.
    std::vector<double> m_frequency;
    std::vector<double> m_phase;
};

} // namespace s1::sim
