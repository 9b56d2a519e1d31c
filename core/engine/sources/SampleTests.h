// The tests an NTP measurement must pass before it may reach a source's statistics: chrony's
// tests A, B and C (ntp_core.c), configured by the `maxdelay`, `maxdelayratio`,
// `maxdelaydevratio` and `maxdelayquant` options of `server`/`pool`/`peer`. Pure functions of
// the measurement and of what the statistics held before it; the engine runs them on every
// accepted reply and the measurements log shows their results.
//
// A reply that fails a test still counts for reach (it proved the server answers with usable
// time); only its sample is dropped.
#pragma once

#include "config/EngineConfig.h"
#include "sources/SourceStatistics.h"

#include <cstdint>
#include <optional>

namespace s1 {

struct SampleTestConfig
{
    // chrony's limits on the options (ntp_core.c MAX_MAXDELAY, MAX_MAXDELAYRATIO,
    // MAX_MAXDELAYDEVRATIO): larger values are clamped to them.
    static constexpr double kMaxMaxDelay = 1e3; // s
    static constexpr double kMaxMaxDelayRatio = 1e6;
    static constexpr double kMaxMaxDelayDevRatio = 1e6;
    // `maxdelayratio` below this turns test B off, as in chrony.
    static constexpr double kMinEffectiveDelayRatio = 1.0;
    // chrony's `maxclockerror` default: how fast our own clock may drift from its estimate
    // (s/s); it widens the delay limits with the time since the last sample.
    static constexpr double kDefaultMaxClockError = 1e-6;

    double maxDelay = kDefaultMaxDelay;                 // s, test A
    double maxDelayRatio = 0;                           // test B; below 1: off
    double maxDelayDevRatio = kDefaultMaxDelayDevRatio; // test C
    double maxClockError = kDefaultMaxClockError;       // s/s

    // The source's options, clamped to chrony's limits (negative values become 0).
    static SampleTestConfig fromSource(const SourceConfig &source);
};

// One measurement as the tests see it.
struct SampleTestInput
{
    double offset = 0;       // s, positive: the source is ahead (the statistics' sign)
    double delay = 0;        // s, round trip
    double dispersion = 0;   // s, of this measurement
    double precision = 0;    // s, our clock's reading resolution plus the server's
    double responseTime = 0; // s, the server's time between receiving and answering
};

struct SampleTestResults
{
    bool testA = true; // maxdelay, the precisions, the server's response time
    bool testB = true; // maxdelayratio
    bool testC = true; // maxdelaydevratio, or maxdelayquant when that is set

    bool passed() const { return testA && testB && testC; }
};

// chrony's MAX_SERVER_INTERVAL: a server that takes longer than this to answer is not
// believed (s).
inline constexpr double kMaxServerResponseTime = 4.0;

// Test A: even the shortest round trip the measurement allows (delay minus its dispersion) is
// within maxdelay, so are the precisions, and the server answered within
// kMaxServerResponseTime.
bool passesMaxDelay(const SampleTestInput &sample, double maxDelay);

// Test B: the delay is within maxdelayratio times the smallest delay the statistics hold,
// widened by the time since their last sample times (skew + maxclockerror). Passes when the
// ratio is below 1 (off) or the statistics hold too few samples (no `history`).
bool passesMaxDelayRatio(double delay, const std::optional<DelayTestData> &history, double maxDelayRatio,
                         double maxClockError);

// Test C: the extra delay over the minimum, halved (what it can add to the offset error), is
// within maxdelaydevratio standard deviations of the offsets (widened as in test B); or, if
// not, the offset misses the prediction by even more than that extra delay explains, which
// means the clock moved and the sample is needed. Passes without `history`.
bool passesMaxDelayDevRatio(double offset, double delay, const std::optional<DelayTestData> &history,
                            double maxDelayDevRatio, double maxClockError);

// Test C with `maxdelayquant`: the delay is within the running estimate of that quantile of
// the delays, give or take half the estimator's step.
bool passesDelayQuantile(double delay, double quantileEstimate, double estimatorStep);

// The first test a sample failed, with the figure it held against the limit: what the reason a
// source is not selected quotes (SelectionExplanation).
struct SampleTestFailure
{
    enum class Test : std::uint8_t {
        MaxDelay,         // test A: delay minus dispersion vs maxdelay
        Precision,        // test A: the precisions vs maxdelay
        ResponseTime,     // test A: the server's response time vs kMaxServerResponseTime
        MaxDelayRatio,    // test B: delay vs minimum delay x maxdelayratio (+ drift)
        MaxDelayDevRatio, // test C: half the extra delay vs std dev x maxdelaydevratio (+ drift)
        DelayQuantile,    // test C with maxdelayquant: delay vs the quantile estimate
    };
    Test test = Test::MaxDelay;
    double value = 0; // s
    double limit = 0; // s

    friend bool operator==(const SampleTestFailure &, const SampleTestFailure &) = default;
};

// All three tests. `delayQuantile` (estimate, step) replaces the maxdelaydevratio form of
// test C when maxdelayquant is configured.
struct DelayQuantileCheck
{
    double estimate = 0; // s
    double step = 0;     // s
};
SampleTestResults runSampleTests(const SampleTestConfig &config, const SampleTestInput &sample,
                                 const std::optional<DelayTestData> &history,
                                 const std::optional<DelayQuantileCheck> &delayQuantile = std::nullopt);

// The figures of the first failed test of runSampleTests' results (nullopt when all passed).
std::optional<SampleTestFailure> firstSampleTestFailure(const SampleTestResults &results,
                                                        const SampleTestConfig &config, const SampleTestInput &sample,
                                                        const std::optional<DelayTestData> &history,
                                                        const std::optional<DelayQuantileCheck> &delayQuantile);

} // namespace s1
