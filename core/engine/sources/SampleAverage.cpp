#include "sources/SampleAverage.h"

#include <algorithm>
#include <cmath>

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
