#include "sources/LongTermVariance.h"

#include "sources/Regression.h"

#include <cmath>

namespace s1 {

double LongTermVariance::update(double variance, double dof)
{
    const double previous = empty() ? variance : m_variance;
    if (m_dof > m_memoryDof) {
        m_variance += dof / (dof + m_memoryDof) * (variance - m_variance);
    } else {
        m_variance = (m_variance * m_dof + variance * dof) / (m_dof + dof);
        m_dof += dof;
    }
    // Significantly larger: beyond the kLargerVarianceConfidence quantile of what `dof`
    // degrees of freedom give around the long-term variance (chi-square, by Wilson and
    // Hilferty's cube-root approximation, good to 3 % for one degree and better above).
    const double a = 2.0 / (9.0 * dof);
    const double z = normalQuantile(kLargerVarianceConfidence);
    const double chiSquare = dof * std::pow(1.0 - a + z * std::sqrt(a), 3);
    return variance * dof / chiSquare < previous ? m_variance : variance;
}

} // namespace s1
