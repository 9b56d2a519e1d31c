#include "sources/SampleAverage.h"

#include "sources/Regression.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace s1 {

SampleAverage averageSamples(std::span<const StatSample *const> samples, const StatSample &newest)
{
    const double n = static_cast<double>(samples.size());
    StatSample result;
    double meanAge = 0; // s, relative to the newest sample (<= 0)
    for (const StatSample *s : samples) {
        meanAge += toSeconds(s->time - newest.time);
        result.offset += s->offset;
        result.peerDelay += s->peerDelay;
        result.peerDispersion += s->peerDispersion;
        result.rootDelay += s->rootDelay;
        result.rootDispersion += s->rootDispersion;
    }
    meanAge /= n;
    result.offset /= n;
    result.peerDelay /= n;
    result.peerDispersion /= n;
    result.rootDelay /= n;
    result.rootDispersion /= n;

    double spread = 0;
    if (samples.size() >= 2) {
        for (const StatSample *s : samples) {
            const double d = s->offset - result.offset;
            spread += d * d;
        }
        spread = std::sqrt(spread / (n - 1.0));
    }
    result.time = newest.time + fromSeconds(meanAge);
    result.peerDispersion = std::max(result.peerDispersion, spread);
    result.rootDispersion = std::max(result.rootDispersion, spread);
    result.stratum = newest.stratum;
    result.leap = newest.leap;
    return {result, spread};
}

SampleAverage averageByDistance(std::span<const StatSample> samples)
{
    const StatSample &newest = samples.back();
    const auto distance = [](const StatSample &s) { return 0.5 * s.peerDelay + s.peerDispersion; };
    std::vector<double> distances;
    distances.reserve(samples.size());
    for (const StatSample &s : samples)
        distances.push_back(distance(s));
    const double minDistance = *std::min_element(distances.begin(), distances.end());
    const double medianDistance = median(distances); // reorders the copy only
    const double scale =
        std::max(kMinDistanceScale,
                 std::min((medianDistance - minDistance) / SourceStatistics::kSdToDistanceRatio, minDistance));

    const double n = static_cast<double>(samples.size());
    StatSample result;
    double sumWeights = 0;
    double meanAge = 0; // s, relative to the newest sample (<= 0)
    std::vector<double> weights;
    weights.reserve(samples.size());
    for (const StatSample &s : samples) {
        const double sd = 1.0 + (distance(s) - minDistance) / scale;
        const double w = 1.0 / (sd * sd);
        weights.push_back(w);
        sumWeights += w;
        meanAge += w * toSeconds(s.time - newest.time);
        result.offset += w * s.offset;
        result.peerDelay += w * s.peerDelay;
        result.rootDelay += w * s.rootDelay;
        result.peerDispersion += s.peerDispersion / n;
        result.rootDispersion += s.rootDispersion / n;
    }
    result.offset /= sumWeights;
    result.peerDelay /= sumWeights;
    result.rootDelay /= sumWeights;
    result.time = newest.time + fromSeconds(meanAge / sumWeights);
    result.stratum = newest.stratum;
    result.leap = newest.leap;

    double spread = 0;
    if (samples.size() >= 2) {
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const double d = samples[i].offset - result.offset;
            spread += weights[i] * d * d;
        }
        spread = std::sqrt(spread / sumWeights * n / (n - 1.0));
    }
    return {result, spread};
}

std::vector<StatSample> inDisciplinedFrame(std::span<const StatSample> samples, double frequency, RealTime reference)
{
    std::vector<StatSample> shifted(samples.begin(), samples.end());
    for (StatSample &s : shifted)
        s.offset -= frequency * toSeconds(s.time - reference);
    return shifted;
}

StatSample restoreRawFrame(StatSample sample, double frequency, RealTime reference)
{
    sample.offset += frequency * toSeconds(sample.time - reference);
    return sample;
}

} // namespace s1
