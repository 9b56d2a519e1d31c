#include "sources/SampleTests.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

// NaN compares false everywhere; a NaN option must not silently disable a test.
double clampOption(double value, double high, double fallback)
{
    return std::isnan(value) ? fallback : std::clamp(value, 0.0, high);
}

// How much a limit grows with the time since the statistics' last sample: their frequency
// error bound plus our clock's.
double drift(const DelayTestData &history, double maxClockError)
{
    return std::abs(history.lastSampleAgo) * (history.skew + maxClockError);
}

} // namespace

SampleTestConfig SampleTestConfig::fromSource(const SourceConfig &source)
{
    SampleTestConfig c;
    c.maxDelay = clampOption(source.maxDelay, kMaxMaxDelay, kDefaultMaxDelay);
    c.maxDelayRatio = clampOption(source.maxDelayRatio, kMaxMaxDelayRatio, 0.0);
    c.maxDelayDevRatio = clampOption(source.maxDelayDevRatio, kMaxMaxDelayDevRatio, kDefaultMaxDelayDevRatio);
    return c;
}

bool passesMaxDelay(const SampleTestInput &sample, double maxDelay)
{
    return sample.delay - sample.dispersion <= maxDelay && sample.precision <= maxDelay
           && sample.responseTime <= kMaxServerResponseTime;
}

namespace {

double delayRatioLimit(const DelayTestData &history, double maxDelayRatio, double maxClockError)
{
    return history.minDelay * maxDelayRatio + drift(history, maxClockError);
}

double delayDevLimit(const DelayTestData &history, double maxDelayDevRatio, double maxClockError)
{
    return history.stdDev * maxDelayDevRatio + drift(history, maxClockError);
}

} // namespace

bool passesMaxDelayRatio(double delay, const std::optional<DelayTestData> &history, double maxDelayRatio,
                         double maxClockError)
{
    if (maxDelayRatio < SampleTestConfig::kMinEffectiveDelayRatio || !history)
        return true;
    return delay <= delayRatioLimit(*history, maxDelayRatio, maxClockError);
}

bool passesMaxDelayDevRatio(double offset, double delay, const std::optional<DelayTestData> &history,
                            double maxDelayDevRatio, double maxClockError)
{
    if (!history)
        return true;
    const double allowed = delayDevLimit(*history, maxDelayDevRatio, maxClockError);
    const double extra = (delay - history->minDelay) / 2.0;
    if (extra <= allowed)
        return true;
    const double predictionError = offset - history->predictedOffset;
    return std::abs(predictionError) - extra > allowed;
}

bool passesDelayQuantile(double delay, double quantileEstimate, double estimatorStep)
{
    return delay <= quantileEstimate + estimatorStep / 2.0;
}

SampleTestResults runSampleTests(const SampleTestConfig &config, const SampleTestInput &sample,
                                 const std::optional<DelayTestData> &history,
                                 const std::optional<DelayQuantileCheck> &delayQuantile)
{
    SampleTestResults r;
    r.testA = passesMaxDelay(sample, config.maxDelay);
    r.testB = passesMaxDelayRatio(sample.delay, history, config.maxDelayRatio, config.maxClockError);
    r.testC = delayQuantile ? passesDelayQuantile(sample.delay, delayQuantile->estimate, delayQuantile->step)
                            : passesMaxDelayDevRatio(sample.offset, sample.delay, history, config.maxDelayDevRatio,
                                                     config.maxClockError);
    return r;
}

std::optional<SampleTestFailure> firstSampleTestFailure(const SampleTestResults &results,
                                                        const SampleTestConfig &config, const SampleTestInput &sample,
                                                        const std::optional<DelayTestData> &history,
                                                        const std::optional<DelayQuantileCheck> &delayQuantile)
{
    using Test = SampleTestFailure::Test;
    if (!results.testA) {
        if (sample.responseTime > kMaxServerResponseTime)
            return SampleTestFailure{Test::ResponseTime, sample.responseTime, kMaxServerResponseTime};
        if (sample.precision > config.maxDelay)
            return SampleTestFailure{Test::Precision, sample.precision, config.maxDelay};
        return SampleTestFailure{Test::MaxDelay, sample.delay - sample.dispersion, config.maxDelay};
    }
    if (!results.testB && history)
        return SampleTestFailure{Test::MaxDelayRatio, sample.delay,
                                 delayRatioLimit(*history, config.maxDelayRatio, config.maxClockError)};
    if (!results.testC) {
        if (delayQuantile)
            return SampleTestFailure{Test::DelayQuantile, sample.delay,
                                     delayQuantile->estimate + delayQuantile->step / 2.0};
        if (history)
            return SampleTestFailure{Test::MaxDelayDevRatio, (sample.delay - history->minDelay) / 2.0,
                                     delayDevLimit(*history, config.maxDelayDevRatio, config.maxClockError)};
    }
    return std::nullopt;
}

} // namespace s1
