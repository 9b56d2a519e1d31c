#include "sources/SourceStatistics.h"

#include "sources/OffsetBounds.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace s1 {

namespace {

// The precision floor when the configured one is not positive: weights need a nonzero scale.
constexpr double kMinPrecision = 1e-9; // s

double ageSeconds(RealTime now, RealTime then)
{
    return toSeconds(now - then);
}

} // namespace

SourceStatistics::SourceStatistics(SourceStatisticsConfig config)
    : m_config(std::move(config))
{
    m_config.minSamples = std::clamp(m_config.minSamples, 0, kMaxSamples);
    m_config.precision = std::max(m_config.precision, kMinPrecision);
    m_config.minDelay = std::max(m_config.minDelay, 0.0);
}

int SourceStatistics::maxSamples() const
{
    if (m_config.maxSamples <= 0)
        return kMaxSamples;
    return std::min(m_config.maxSamples, kMaxSamples);
}

int SourceStatistics::bufferIndex(int i) const
{
    // The newest sample is at m_newestIndex; i counts from the oldest regression sample.
    return (m_newestIndex - (m_count - 1) + i + 2 * kCapacity) % kCapacity;
}

void SourceStatistics::reset()
{
    const SourceStatisticsConfig config = m_config;
    *this = SourceStatistics(config);
}

void SourceStatistics::prune(int drop)
{
    if (drop <= 0)
        return;
    m_count -= drop;
    m_history = std::min(m_history + drop, m_count * (kRunsHistoryRatio - 1));
    m_bestSample = std::max(0, m_bestSample - drop);
}

void SourceStatistics::accumulate(const StatSample &sample)
{
    if (m_count > 0 && m_count >= maxSamples())
        prune(1);
    // Out of order: the clock went back, so the history no longer lines up with the new sample.
    if (m_count > 0 && newest().time >= sample.time)
        reset();

    m_newestIndex = (m_newestIndex + 1) % kCapacity;
    ++m_count;
    StoredSample &s = at(m_count - 1);
    s.time = sample.time;
    s.offset = sample.offset;
    s.originalOffset = sample.offset;
    // A delay below the known minimum is an error of the same size in the other direction.
    s.peerDelay = sample.peerDelay < m_config.minDelay ? 2.0 * m_config.minDelay - sample.peerDelay : sample.peerDelay;
    s.peerDispersion = sample.peerDispersion;
    s.rootDelay = sample.rootDelay;
    s.rootDispersion = sample.rootDispersion;
    m_stratum = sample.stratum;
    m_leap = sample.leap;
    m_wanderPending = true;
}

// Relative variances of the regression samples from their peer distances (delay / 2 +
// dispersion), as chrony weights them: a sample at the minimum distance (plus the clock
// precision) has variance 1; beyond it the standard deviation grows by 1 for every `scale` of
// extra distance, so the variance is (1 + extra / scale)². The scale is the typical extra
// distance, (median - minimum) / kSdToDistanceRatio, kept between the precision and the
// minimum distance itself. Beyond chrony, with an asymmetry correction in force the growth is
// scaled by 1 - 2|asymmetry|: the correction has already taken out the part of the error that
// the extra delay explains.
//
// Also beyond chrony, for NTP samples the ratio grows with the number of samples. Each way's
// delay above its minimum is random; given a round trip E above the minimum, the offset error
// is spread over +-E/2, so its standard deviation grows with E from the (unknown) E of the
// quickest sample, which is what the scale stands for. Among n samples the quickest one's extra
// delay shrinks about as 1/sqrt(n) against the median's (exponential delays on both ways: the
// density of their sum rises linearly from 0), so the scale is the spread over
// kDelayRatioGrowth * sqrt(n) - 1 rather than over a fixed 0.7, and many samples lean on the
// quick ones. In chrony's own simulations beside chronyd (clknetsim, 20 seeds, geometric mean
// of the per-seed RMS ratios) 001-defaults went from 0.84 to 0.58 of chronyd's error and
// 122-xleave from 0.84 to 0.59; runs judged on a few samples (109-makestep, three) barely move.
//
// Reference clocks have no round trips to tell a good sample from a bad one, and unlike chrony
// their samples are weighed equally. Their distances differ only by the dispersion their filter
// gives each poll, an estimate of the same noise that a dozen samples make to about a fifth;
// chrony's scale, the median's distance above the minimum over 0.7, then shrinks to that
// chance difference and the weights follow it: with a driver's constant `delay` the luckiest
// poll weighed up to 36 times another. In clknetsim's 106-refclock-shm beside chronyd (20
// seeds) equal weights took the RMS error from 1.02 to 0.94 of chronyd's and the maximum from
// 0.85 to 0.70; weights by the inverse square of the dispersion gave 0.94 and 0.79.
void SourceStatistics::computeVariances(double asymmetry)
{
    const double meanVariance = m_config.weighting == SampleWeighting::Equal ? equalVariances()
                                                                              : distanceVariances(asymmetry);
    addWanderVariances(meanVariance);
}

double SourceStatistics::equalVariances()
{
    double meanVariance = 0;
    for (int i = 0; i < m_count; ++i) {
        m_variances[static_cast<std::size_t>(i)] = 1.0;
        meanVariance += 1.0 / m_count;
    }
    return meanVariance;
}

double SourceStatistics::distanceVariances(double asymmetry)
{
    const std::span<double> distances(m_scratch.data(), static_cast<std::size_t>(m_count));
    for (int i = 0; i < m_count; ++i)
        distances[static_cast<std::size_t>(i)] = 0.5 * at(i).peerDelay + at(i).peerDispersion;
    double minDistance = *std::min_element(distances.begin(), distances.end());
    const double medianDistance = median(distances); // reorders the scratch copy only

    const double precision = m_config.precision;
    const double ratio =
        m_config.weighting == SampleWeighting::DelayGrowing
            ? std::max(kSdToDistanceRatio, kDelayRatioGrowth * std::sqrt(static_cast<double>(m_count)) - 1.0)
            : kSdToDistanceRatio;
    const double scale = std::max(precision, std::min((medianDistance - minDistance) / ratio, minDistance));
    minDistance += precision;

    // Extra delay on one way only, corrected for by the asymmetry, no longer moves the offset:
    // what is left of its error scales with 1 - 2|asymmetry| (0 when all of it is one way).
    const double uncorrected = 1.0 - 2.0 * std::min(std::abs(asymmetry), kMaxAsymmetry);
    double meanVariance = 0;
    for (int i = 0; i < m_count; ++i) {
        const double distance = 0.5 * at(i).peerDelay + at(i).peerDispersion;
        const double sd = 1.0 + uncorrected * std::max(0.0, distance - minDistance) / scale;
        m_variances[static_cast<std::size_t>(i)] = sd * sd;
        meanVariance += sd * sd / m_count;
    }
    return meanVariance;
}

void SourceStatistics::addWanderVariances(double meanVariance)
{

    // A frequency that wanders makes an old sample's offset, carried along the line to now,
    // wrong by what the frequency did since: variance q age³ / 3 for a random walk of q per
    // second. Added to its variance (in units of the white noise), the fit leans on recent
    // samples as much as the wander demands and no more, where the runs test can only cut
    // the history off once it is already visibly bent (clknetsim's 118-maxdelay: the
    // frequency drifts 1e-10/s and the few samples that pass maxdelay are far apart).
    // The white noise `white` is that of an average sample, and the relative variances are in
    // units of a sample at the minimum distance: an average sample has the mean relative
    // variance, so the wander is weighed against white / meanVariance. Against `white` alone
    // it counted for too little wherever the weights differ much (clknetsim's 007-largewander:
    // RMS 0.87 of chronyd's instead of 0.66 with the weights above).
    const int total = m_history + m_count;
    addWanderDifferences(total);
    double white = m_stdDev * m_stdDev;
    const double wander = estimateWander(total, white);
    const double unit = white / meanVariance;
    if (wander <= 0 || !(unit > 0))
        return;
    for (int i = 0; i < m_count; ++i) {
        const double age = -m_x[static_cast<std::size_t>(m_history + i)];
        m_variances[static_cast<std::size_t>(i)] += wander * age * age * age / 3.0 / unit;
    }
}

// For samples a, b, c (b - a and c - b apart by A and B seconds), the frequency from b to c
// minus the one from a to b has variance v (1/A² + (1/A + 1/B)² + 1/B²) with white noise of
// variance v per sample, plus q (A + B) / 3 with a frequency walking at q per second (a
// steady drift adds its square, which the fit takes as wander too). Least squares of the
// squared differences on those two terms give v and q. Clock corrections move all held
// samples along one line, which changes every frequency alike and no difference.
void SourceStatistics::WanderSums::add(double a, double b, double offsetA, double offsetB, double offsetC,
                                       double memory)
{
    const double d = (offsetC - offsetB) / b - (offsetB - offsetA) / a;
    const double y = d * d;
    const double white = 1 / (a * a) + (1 / a + 1 / b) * (1 / a + 1 / b) + 1 / (b * b);
    const double wander = (a + b) / 3.0;
    const double keep = count >= memory ? 1.0 - 1.0 / memory : 1.0;
    ww = keep * ww + white * white;
    wq = keep * wq + white * wander;
    qq = keep * qq + wander * wander;
    wy = keep * wy + white * y;
    qy = keep * qy + wander * y;
    yy = keep * yy + y * y;
    count = keep * count + 1;
}

std::optional<SourceStatistics::WanderFit> SourceStatistics::WanderSums::fit() const
{
    const double determinant = ww * qq - wq * wq;
    if (count < kMinWanderDifferences || !(determinant > 0))
        return std::nullopt;
    WanderFit f;
    f.white = (qq * wy - wq * qy) / determinant;
    f.wander = (ww * qy - wq * wy) / determinant;
    // The residual sum of squares from the sums: sum (y - v white - q wander)².
    const double residuals = std::max(0.0, yy - 2 * (f.white * wy + f.wander * qy) + f.white * f.white * ww
                                               + 2 * f.white * f.wander * wq + f.wander * f.wander * qq);
    f.wanderSd = std::sqrt(residuals / (count - 2) * ww / determinant);
    return f;
}

void SourceStatistics::addWanderDifferences(int total)
{
    if (!m_wanderPending)
        return;
    m_wanderPending = false;
    const auto at = [](int k) { return static_cast<std::size_t>(k); };
    const int newest = total - 1;
    for (int lag = 1; lag <= kWanderLags && newest - 2 * lag >= 0; ++lag) {
        const int middle = newest - lag;
        const double a = m_x[at(middle)] - m_x[at(middle - lag)];
        const double b = m_x[at(newest)] - m_x[at(middle)];
        if (a > 0 && b > 0)
            m_wanderSums.add(a, b, m_y[at(middle - lag)], m_y[at(middle)], m_y[at(newest)], kWanderMemory);
    }
}

// The same fit over the work space's samples alone: the largest wander they allow,
// kWanderSignificance standard errors above their estimate; +inf when they cannot tell.
double SourceStatistics::windowWanderBound(int total) const
{
    constexpr double kUnlimitedMemory = std::numeric_limits<double>::infinity();
    const auto at = [](int k) { return static_cast<std::size_t>(k); };
    WanderSums window;
    for (int lag = 1; lag <= kWanderLags; ++lag) {
        for (int i = lag; i + lag < total; ++i) {
            const double a = m_x[at(i)] - m_x[at(i - lag)];
            const double b = m_x[at(i + lag)] - m_x[at(i)];
            if (a > 0 && b > 0)
                window.add(a, b, m_y[at(i - lag)], m_y[at(i)], m_y[at(i + lag)], kUnlimitedMemory);
        }
    }
    const auto f = window.fit();
    if (!f)
        return std::numeric_limits<double>::infinity();
    return f->wander + kWanderSignificance * f->wanderSd;
}

double SourceStatistics::estimateWander(int total, double &white) const
{
    const auto f = m_wanderSums.fit();
    if (!f || !(f->wander > kWanderSignificance * f->wanderSd))
        return 0;
    // A step of the frequency (the source changed, our clock was knocked) looks like a burst
    // of wander that the long-term sums remember long after the runs test has cut the step
    // out of the regression; what the regression's own samples allow caps it.
    const double wander = std::min(f->wander, windowWanderBound(total));
    if (!(wander > 0))
        return 0;
    if (f->white > 0)
        white = f->white;
    return wander;
}

bool SourceStatistics::confidentlyBeyondThreshold(const std::optional<PlaneFit> &plane)
{
    if (!plane || plane->degreesOfFreedom < 1)
        return false;
    const double margin = std::abs(plane->slope2) - kMinAsymmetry;
    return margin > 0 && margin > studentTQuantile(kAsymmetryConfidence, plane->degreesOfFreedom) * plane->slope2Sd;
}

// With symmetric jitter a single sample with a long delay can tilt a small plane fit so that it
// fits the rest closely; the same fit without that sample shows whether the slope is real.
std::optional<PlaneFit> SourceStatistics::planeWithoutLargestDelay(int total) const
{
    const auto n = static_cast<std::size_t>(total);
    const auto largest = static_cast<std::size_t>(std::max_element(m_excessDelay.begin(), m_excessDelay.begin() + total)
                                                  - m_excessDelay.begin());
    std::array<double, kCapacity> x{};
    std::array<double, kCapacity> delay{};
    std::array<double, kCapacity> y{};
    std::size_t kept = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (k == largest)
            continue;
        x[kept] = m_x[k];
        delay[kept] = m_excessDelay[k];
        y[kept] = m_y[k];
        ++kept;
    }
    return planeRegression(std::span<const double>(x.data(), kept), std::span<const double>(delay.data(), kept),
                           std::span<const double>(y.data(), kept));
}

// chrony's jitter asymmetry estimate: the slope of the offsets against the delay above the
// minimum, in a plane fit that also takes out the frequency. In chrony's sign (offsets positive
// when our clock is ahead): -0.5 when all the jitter is on the way to the source.
bool SourceStatistics::updateAsymmetryEstimate(int total)
{
    const auto n = static_cast<std::size_t>(total);
    const auto plane =
        planeRegression(std::span<const double>(m_x.data(), n), std::span<const double>(m_excessDelay.data(), n),
                        std::span<const double>(m_y.data(), n));
    // Our offsets have the opposite sign of chrony's.
    const double estimate = plane ? -plane->slope2 : 0.0;
    if (!plane || estimate * m_asymmetryRun < 0) {
        m_asymmetry = 0;
        m_asymmetryRun = 0;
        return false;
    }
    if (estimate <= -kMinAsymmetry && m_asymmetryRun > -kMaxAsymmetryRun)
        --m_asymmetryRun;
    else if (estimate >= kMinAsymmetry && m_asymmetryRun < kMaxAsymmetryRun)
        ++m_asymmetryRun;
    // Beyond chrony: an estimate that is beyond the threshold with confidence needs no run of
    // confirmations. When nearly all the jitter is one way the plane fits the offsets almost
    // exactly and this holds after a handful of samples, which is when an uncorrected
    // regression is worst.
    if (std::abs(m_asymmetryRun) < kMinAsymmetryRun && confidentlyBeyondThreshold(*plane)
        && confidentlyBeyondThreshold(planeWithoutLargestDelay(total))) {
        const int sign = estimate > 0 ? 1 : -1;
        m_asymmetryRun = sign * kMinAsymmetryRun;
    }
    if (std::abs(m_asymmetryRun) < kMinAsymmetryRun)
        return false;
    m_asymmetry = std::clamp(estimate, -kMaxAsymmetry, kMaxAsymmetry);
    return true;
}

// Moves the offsets (in the work space) to what they would have been at the minimum delay.
bool SourceStatistics::correctAsymmetry(int total)
{
    if (m_config.asymmetry && *m_config.asymmetry == 0.0)
        return false;
    const double minDelay = minRoundTripDelay();
    for (int k = 0; k < total; ++k)
        m_excessDelay[static_cast<std::size_t>(k)] = at(k - m_history).peerDelay - minDelay;

    if (m_config.asymmetry && std::abs(*m_config.asymmetry) <= kMaxAsymmetry)
        m_asymmetry = *m_config.asymmetry;
    else if (!updateAsymmetryEstimate(total))
        return false;

    // offset = true offset + (forward - backward delay) / 2; with asymmetry a (chrony's sign)
    // the excess delay e shifts our offsets by -a * e.
    for (int k = 0; k < total; ++k)
        m_y[static_cast<std::size_t>(k)] += m_asymmetry * m_excessDelay[static_cast<std::size_t>(k)];
    return true;
}

void SourceStatistics::regress(std::optional<FrequencyFallback> fallback)
{
    if (m_count == 0)
        return;
    if (m_count <= 2 && m_history == 0) {
        if (m_count == 2)
            acceptTwoPointFit();
        else
            acceptOnePointFit();
        findBestSample();
        return;
    }
    const int total = m_history + m_count;
    const RealTime newestTime = newest().time;
    for (int k = 0; k < total; ++k) {
        const StoredSample &s = at(k - m_history);
        m_x[static_cast<std::size_t>(k)] = ageSeconds(s.time, newestTime);
        m_y[static_cast<std::size_t>(k)] = s.offset;
    }
    // The asymmetry correction first: it decides how much a sample's extra delay still says
    // about the error of its (corrected) offset.
    const bool corrected = correctAsymmetry(total);
    computeVariances(corrected ? m_asymmetry : 0.0);

    const auto n = static_cast<std::size_t>(total);
    const auto trimmed = findBestRegression(
        std::span<const double>(m_x.data(), n), std::span<const double>(m_y.data(), n),
        std::span<const double>(m_variances.data(), static_cast<std::size_t>(m_count)), m_config.minSamples);
    if (trimmed) {
        const int history = m_history; // acceptFit moves the trimmed samples into the history
        acceptFit(*trimmed);
        if (fallback && m_skew > fallback->maxSkew)
            m_offset = offsetAlong(fallback->frequency, history + trimmed->start, total, history);
        if (m_config.boundByDelays)
            boundOffsetByDelays();
    } else {
        rejectFit();
    }
    findBestSample();
}

// The truth lies within every sample's delay interval (OffsetBounds.h), carried to the newest
// sample along lines whose frequency is within the skew of the estimate. The fitted offset is
// then what its normal distribution becomes when restricted to the range they leave: unchanged
// when the range is wide next to its standard deviation, pulled in when the range is narrow.
// Samples whose intervals do not overlap (a route changed, or the frequency is off by more
// than the skew) say nothing reliable, and the fit stands.
void SourceStatistics::boundOffsetByDelays()
{
    const double minDelay = minRoundTripDelay();
    std::array<OffsetInterval, kCapacity> intervals{};
    for (int i = 0; i < m_count; ++i) {
        const StoredSample &s = at(i);
        const double halfWidth = 0.5 * (s.peerDelay - minDelay) + s.peerDispersion;
        intervals[static_cast<std::size_t>(i)] = {ageSeconds(m_offsetTime, s.time), s.offset - halfWidth,
                                                  s.offset + halfWidth};
    }
    const auto range =
        offsetRangeAt(std::span<const OffsetInterval>(intervals.data(), static_cast<std::size_t>(m_count)),
                      m_frequency - m_skew, m_frequency + m_skew);
    if (range)
        m_offset = truncatedNormalMean(m_offset, m_offsetSd, range->lower, range->upper);
}

double SourceStatistics::offsetAlong(double frequency, int first, int total, int varianceOffset) const
{
    double sumWeights = 0;
    double sumWeighted = 0;
    for (int k = first; k < total; ++k) {
        const double weight = 1.0 / m_variances[static_cast<std::size_t>(k - varianceOffset)];
        // x is the sample's time minus the newest sample's (not positive).
        const auto i = static_cast<std::size_t>(k);
        sumWeights += weight;
        sumWeighted += weight * (m_y[i] + frequency * m_x[i]);
    }
    return sumWeighted / sumWeights;
}

void SourceStatistics::acceptFit(const TrimmedFit &trimmed)
{
    const LinearFit &fit = trimmed.fit;
    m_regressionValid = true;
    m_haveEstimate = true;
    // The fit is of our offsets (positive: source ahead) against time: their slope is the rate
    // at which the source gains on us, the negative of our clock's frequency relative to it.
    m_frequency = -fit.slope;
    m_slopeSd = fit.slopeSd;
    m_frequencySd = std::clamp(fit.slopeSd, kMinSkew, kMaxSkew);
    m_skew = std::clamp(fit.slopeSd * studentTQuantile(kSkewQuantile, fit.degreesOfFreedom), kMinSkew, kMaxSkew);
    // x was measured from the newest sample: the intercept is the offset at its time.
    m_offsetTime = newest().time;
    m_offset = fit.intercept;
    m_offsetSd = fit.interceptSd;
    m_meanX = fit.meanX;
    m_meanSd = fit.meanSd;
    m_stdDev = std::max(kMinStdDev, std::sqrt(fit.variance));
    m_runs = trimmed.runs;
    prune(trimmed.start);
}

void SourceStatistics::acceptTwoPointFit()
{
    // Beyond chrony, which waits for a third sample: two samples already give the frequency,
    // with an uncertainty that follows from their peer distances rather than from residuals
    // (a line through two points has none). This halves the time to synchronise.
    const StoredSample &older = at(0);
    const StoredSample &newer = newest();
    const double span = toSeconds(newer.time - older.time);
    if (span <= 0) {
        rejectFit();
        return;
    }
    const auto distance = [](const StoredSample &s) { return 0.5 * s.peerDelay + s.peerDispersion; };
    const double sdOlder = distance(older);
    const double sdNewer = distance(newer);
    const double combinedSd = std::sqrt(sdOlder * sdOlder + sdNewer * sdNewer);
    m_regressionValid = true;
    m_haveEstimate = true;
    m_frequency = -(newer.offset - older.offset) / span;
    m_slopeSd = combinedSd / span;
    m_frequencySd = std::clamp(m_slopeSd, kMinSkew, kMaxSkew);
    m_skew = std::clamp(m_slopeSd * kTwoPointSkewFactor, kMinSkew, kMaxSkew);
    m_offsetTime = newer.time;
    m_offset = newer.offset;
    m_offsetSd = sdNewer;
    m_meanX = -span / 2;
    m_meanSd = combinedSd / 2;
    m_stdDev = std::max(kMinStdDev, std::max(sdOlder, sdNewer));
    m_runs = 0;
}

void SourceStatistics::acceptOnePointFit()
{
    // One sample tells the offset and nothing about the frequency: it is usable for an
    // offset-only correction, with the worst-case frequency error growing its distance, so that
    // a clock that starts far off is corrected at the first reply rather than the third.
    const StoredSample &only = newest();
    const double sd = 0.5 * only.peerDelay + only.peerDispersion;
    m_regressionValid = true;
    m_haveEstimate = true;
    m_frequency = 0;
    m_slopeSd = kWorstCaseFrequency;
    m_frequencySd = kWorstCaseFrequency;
    m_skew = kWorstCaseFrequency;
    m_offsetTime = only.time;
    m_offset = only.offset;
    m_offsetSd = sd;
    m_meanX = 0;
    m_meanSd = sd;
    m_stdDev = std::max(kMinStdDev, sd);
    m_runs = 0;
}

void SourceStatistics::rejectFit()
{
    m_regressionValid = false;
    m_frequency = 0;
    m_frequencySd = kWorstCaseFrequency;
    m_skew = kWorstCaseFrequency;
}

// The sample whose root distance, grown by the skew to the newest sample's time, is smallest.
void SourceStatistics::findBestSample()
{
    const RealTime newestTime = newest().time;
    double bestDistance = std::numeric_limits<double>::infinity();
    m_bestSample = 0;
    for (int i = 0; i < m_count; ++i) {
        const StoredSample &s = at(i);
        const double distance = s.rootDispersion + 0.5 * s.rootDelay + ageSeconds(newestTime, s.time) * m_skew;
        if (distance < bestDistance) {
            bestDistance = distance;
            m_bestSample = i;
        }
    }
}

void SourceStatistics::applyClockCorrection(RealTime when, double offsetChange, double frequencyChange)
{
    const auto shift = [&](RealTime t) { return offsetChange + frequencyChange * ageSeconds(t, when); };
    for (int i = -m_history; i < m_count; ++i) {
        StoredSample &s = at(i);
        const double d = shift(s.time);
        s.time += fromSeconds(d);
        s.offset -= d;
    }
    if (m_haveEstimate) {
        const double d = shift(m_offsetTime);
        m_offsetTime += fromSeconds(d);
        m_offset -= d;
    }
    // Offsets as a function of the new clock's time: slope (b - df) / (1 + df), b = -frequency.
    m_frequency = (m_frequency + frequencyChange) / (1.0 + frequencyChange);
}

void SourceStatistics::shiftOffsets(double offset)
{
    for (int i = -m_history; i < m_count; ++i)
        at(i).offset += offset;
    if (m_haveEstimate)
        m_offset += offset;
}

void SourceStatistics::addDispersion(double dispersion)
{
    for (int i = 0; i < m_count; ++i) {
        at(i).peerDispersion += dispersion;
        at(i).rootDispersion += dispersion;
    }
}

StatisticsState SourceStatistics::saveState() const
{
    StatisticsState state;
    state.samples.reserve(static_cast<std::size_t>(m_history + m_count));
    for (int i = -m_history; i < m_count; ++i) {
        const StoredSample &s = at(i);
        state.samples.push_back(
            {s.time, s.offset, s.originalOffset, s.peerDelay, s.peerDispersion, s.rootDelay, s.rootDispersion});
    }
    state.regressionSamples = m_count;
    state.stratum = m_stratum;
    state.leap = m_leap;
    state.frequency = m_frequency;
    state.skew = m_skew;
    state.stdDev = m_stdDev;
    state.asymmetry = m_asymmetry;
    state.asymmetryRun = m_asymmetryRun;
    return state;
}

int SourceStatistics::restoreState(const StatisticsState &state)
{
    reset();
    const int total = static_cast<int>(state.samples.size());
    for (int i = 1; i < total; ++i)
        if (state.samples[static_cast<std::size_t>(i)].time <= state.samples[static_cast<std::size_t>(i - 1)].time)
            return 0;
    if (state.regressionSamples < 0 || state.regressionSamples > total)
        return 0;
    // The newest samples count: the regression's first, then as much history as is kept for it.
    const int count = std::min(state.regressionSamples, maxSamples());
    const int history = std::min(total - state.regressionSamples, count * (kRunsHistoryRatio - 1));
    if (count == 0)
        return 0;
    m_count = count;
    m_history = history;
    m_newestIndex = (history + count - 1) % kCapacity;
    const int first = total - history - count;
    for (int i = -history; i < count; ++i) {
        const DumpedSample &d = state.samples[static_cast<std::size_t>(first + history + i)];
        StoredSample &s = at(i);
        s.time = d.time;
        s.offset = d.offset;
        s.originalOffset = d.originalOffset;
        s.peerDelay = d.peerDelay < m_config.minDelay ? 2.0 * m_config.minDelay - d.peerDelay : d.peerDelay;
        s.peerDispersion = d.peerDispersion;
        s.rootDelay = d.rootDelay;
        s.rootDispersion = d.rootDispersion;
    }
    m_stratum = state.stratum;
    m_leap = state.leap;
    if (state.stdDev > 0)
        m_stdDev = std::max(kMinStdDev, state.stdDev);
    m_asymmetry = std::clamp(state.asymmetry, -kMaxAsymmetry, kMaxAsymmetry);
    m_asymmetryRun = std::clamp(state.asymmetryRun, -kMaxAsymmetryRun, kMaxAsymmetryRun);
    regress();
    return history + count;
}

double SourceStatistics::span() const
{
    if (m_count < 2)
        return 0;
    return ageSeconds(newest().time, at(0).time);
}

double SourceStatistics::offsetAt(RealTime time) const
{
    return m_offset - m_frequency * ageSeconds(time, m_offsetTime);
}

double SourceStatistics::offsetSdAt(RealTime time) const
{
    if (!m_haveEstimate)
        return m_offsetSd;
    const double fromSlope = m_slopeSd * (ageSeconds(time, m_offsetTime) - m_meanX);
    return std::sqrt(m_meanSd * m_meanSd + fromSlope * fromSlope);
}

double SourceStatistics::predictOffset(RealTime time) const
{
    if (m_count < kMinSamplesToPredict)
        return m_count > 0 ? newest().offset : 0.0;
    return offsetAt(time);
}

double SourceStatistics::minRoundTripDelay() const
{
    if (m_config.minDelay > 0)
        return m_config.minDelay;
    double minDelay = std::numeric_limits<double>::infinity();
    for (int i = -m_history; i < m_count; ++i)
        minDelay = std::min(minDelay, at(i).peerDelay);
    return minDelay;
}

std::pair<double, double> SourceStatistics::frequencyRange() const
{
    if (m_skew > kWorstCaseFrequency)
        return {-kWorstCaseFrequency, kWorstCaseFrequency};
    return {m_frequency - m_skew, m_frequency + m_skew};
}

std::optional<SelectionData> SourceStatistics::selectionData(RealTime now) const
{
    if (m_count == 0)
        return std::nullopt;
    const StoredSample &b = best();
    const double age = ageSeconds(now, b.time);
    SelectionData d;
    d.offset = b.offset - m_frequency * age;
    d.rootDistance = 0.5 * b.rootDelay + b.rootDispersion + std::abs(age) * m_skew;
    d.lowerBound = d.offset - d.rootDistance;
    d.upperBound = d.offset + d.rootDistance;
    d.stdDev = m_stdDev;
    d.skew = m_skew;
    d.firstSampleAgo = ageSeconds(now, at(0).time);
    d.lastSampleAgo = ageSeconds(now, newest().time);
    d.stratum = m_stratum;
    d.leap = m_leap;
    d.selectable = m_regressionValid;
    return d;
}

std::optional<TrackingData> SourceStatistics::trackingData(RealTime time) const
{
    if (m_count == 0)
        return std::nullopt;
    const StoredSample &b = best();
    TrackingData d;
    d.time = time;
    d.offset = offsetAt(time);
    d.offsetSd = offsetSdAt(time);
    d.frequency = m_frequency;
    d.frequencySd = m_frequencySd;
    d.skew = m_skew;
    d.rootDelay = b.rootDelay;
    d.rootDispersion = b.rootDispersion + m_skew * std::abs(ageSeconds(time, b.time)) + d.offsetSd;
    return d;
}

std::optional<DelayTestData> SourceStatistics::delayTestData(RealTime sampleTime) const
{
    if (m_count < kMinSamplesForDelayTest)
        return std::nullopt;
    DelayTestData d;
    d.lastSampleAgo = ageSeconds(sampleTime, m_offsetTime);
    d.predictedOffset = offsetAt(sampleTime);
    d.minDelay = minRoundTripDelay();
    d.skew = m_skew;
    d.stdDev = m_stdDev;
    return d;
}

SourcestatsReport SourceStatistics::sourcestatsReport(RealTime now) const
{
    SourcestatsReport r;
    r.samples = m_count;
    r.runs = m_runs;
    r.frequency = m_frequency;
    r.skew = m_skew;
    r.stdDev = m_stdDev;
    if (m_count < 2)
        return r;
    r.span = span();
    if (m_count >= kMinSamplesToReportEstimate) {
        const StoredSample &b = best();
        r.offset = offsetAt(now);
        r.offsetError = m_offsetSd + std::abs(ageSeconds(now, b.time)) * m_skew + 0.5 * b.rootDelay + b.rootDispersion;
    } else {
        r.offset = newest().offset;
        r.offsetError = 0.5 * newest().rootDelay + newest().rootDispersion;
    }
    return r;
}

std::optional<LastSampleReport> SourceStatistics::lastSampleReport(RealTime now) const
{
    if (m_count == 0)
        return std::nullopt;
    const StoredSample &s = newest();
    LastSampleReport r;
    r.offset = s.offset;
    r.originalOffset = s.originalOffset;
    r.error = 0.5 * s.rootDelay + s.rootDispersion;
    r.ago = ageSeconds(now, s.time);
    r.stratum = m_stratum;
    return r;
}

} // namespace s1
