// Frequency stability from phase (time error) data: the overlapping Allan deviation and the
// time deviation (NIST SP 1065, "Handbook of Frequency Stability Analysis", eqs. 10 and 17
// via 15), what a time-nut plots for a PPS against the system clock or the system clock
// against its reference. Std only; the caller resamples to a uniform interval (gaps must be
// filled or the data split: the estimators assume every sample is there).
#pragma once

#include <cstddef>
#include <vector>

namespace s1 {

struct StabilityPoint
{
    double tau = 0;        // s, averaging time m * tau0
    std::size_t m = 0;     // averaging factor
    double adev = 0;       // overlapping Allan deviation (dimensionless)
    double tdev = 0;       // time deviation, s
    std::size_t terms = 0; // second differences in the ADEV sum (N - 2m)
};

// sigma_y(tau), overlapping, for tau = m * tau0 from phase x (s) sampled every tau0 (s):
//   AVAR = sum_{i=0}^{N-2m-1} (x[i+2m] - 2 x[i+m] + x[i])^2 / (2 m^2 tau0^2 (N - 2m)).
// NaN when N < 2m + 1 or m == 0.
double overlappingAdev(const std::vector<double> &phase, double tau0, std::size_t m);

// sigma_x(tau) for tau = m * tau0:
//   TVAR = sum_{j=0}^{N-3m} (sum_{i=j}^{j+m-1} (x[i+2m] - 2 x[i+m] + x[i]))^2 / (6 m^2 (N - 3m + 1)).
// NaN when N < 3m or m == 0.
double timeDeviation(const std::vector<double> &phase, std::size_t m);

// Both at octave-spaced m (1, 2, 4, ...) while the time deviation still has a term, and tau at
// most maxTau (s; 0: no limit). The usual plot of tau from tau0 to 10^4 s.
std::vector<StabilityPoint> stabilityCurve(const std::vector<double> &phase, double tau0, double maxTau = 0);

} // namespace s1
