#include "stability/AllanDeviation.h"

#include <cmath>
#include <limits>

namespace s1 {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double secondDifference(const std::vector<double> &x, std::size_t i, std::size_t m)
{
    return x[i + 2 * m] - 2 * x[i + m] + x[i];
}

} // namespace

double overlappingAdev(const std::vector<double> &phase, double tau0, std::size_t m)
{
    const std::size_t n = phase.size();
    if (m == 0 || n < 2 * m + 1 || !(tau0 > 0))
        return kNaN;
    const std::size_t terms = n - 2 * m;
    double sum = 0;
    for (std::size_t i = 0; i < terms; ++i) {
        const double d = secondDifference(phase, i, m);
        sum += d * d;
    }
    const double tau = static_cast<double>(m) * tau0;
    return std::sqrt(sum / (2.0 * tau * tau * static_cast<double>(terms)));
}

double timeDeviation(const std::vector<double> &phase, std::size_t m)
{
    const std::size_t n = phase.size();
    if (m == 0 || n < 3 * m)
        return kNaN;
    const std::size_t outer = n - 3 * m + 1;
    // The inner sum slides: add the difference entering the window, drop the one leaving it.
    double window = 0;
    for (std::size_t i = 0; i < m; ++i)
        window += secondDifference(phase, i, m);
    double sum = window * window;
    for (std::size_t j = 1; j < outer; ++j) {
        window += secondDifference(phase, j + m - 1, m) - secondDifference(phase, j - 1, m);
        sum += window * window;
    }
    const double md = static_cast<double>(m);
    return std::sqrt(sum / (6.0 * md * md * static_cast<double>(outer)));
}

std::vector<StabilityPoint> stabilityCurve(const std::vector<double> &phase, double tau0, double maxTau)
{
    std::vector<StabilityPoint> curve;
    for (std::size_t m = 1; 3 * m <= phase.size(); m *= 2) {
        const double tau = static_cast<double>(m) * tau0;
        if (maxTau > 0 && tau > maxTau)
            break;
        curve.push_back({tau, m, overlappingAdev(phase, tau0, m), timeDeviation(phase, m), phase.size() - 2 * m});
    }
    return curve;
}

} // namespace s1
