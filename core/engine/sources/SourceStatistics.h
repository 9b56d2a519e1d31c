// Per-source statistics: the history of a source's offset measurements and the straight line
// through them that estimates the source's offset and our clock's frequency relative to it,
// with error bounds. What `chronyc sourcestats` shows, and what source selection and the clock
// update work from (the role of chrony's sourcestats.c). Sans I/O and deterministic: the
// engine feeds samples and clock corrections and reads the estimates.
//
// Conventions
// - Offsets are seconds, positive when the source is ahead of us (the correction to add to our
//   clock), as in SourceSample. chronyc prints offsets the other way round (positive: local
//   clock ahead); a display negates them.
// - Frequency is chrony's sourcestats "Frequency": the rate at which our clock gains on the
//   source, relative (s/s), positive when our clock runs fast. Offsets therefore move as
//   offset(t) = offset(t0) - frequency * (t - t0).
// - Times are engine (cooked) times; intervals are double seconds.
//
// Use: accumulate() a sample, then regress() (chrony's SRC_AccumulateSample does both).
#pragma once

#include "ntp/NtpPacket.h"
#include "sources/Regression.h"
#include "sources/SourceDump.h"
#include "sources/TrackingEstimate.h"
#include "time/Timestamps.h"

#include <array>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace s1 {

// One measurement of a source, as the statistics take it (chrony's NTP_Sample).
struct StatSample
{
    RealTime time;             // engine time of the measurement
    double offset = 0;         // s, positive: the source is ahead of us
    double peerDelay = 0;      // s, round trip to the source
    double peerDispersion = 0; // s, of this measurement (precisions, clock tolerance)
    double rootDelay = 0;      // s, to the source's reference: its root delay + peerDelay
    double rootDispersion = 0; // s, its root dispersion + peerDispersion
    int stratum = 0;
    LeapIndicator leap = LeapIndicator::None;

    friend bool operator==(const StatSample &, const StatSample &) = default;
};

// The regression's sample weights.
enum class SampleWeighting {
    // chrony's: the standard deviation grows by 1 for every typical spread of the peer
    // distances (delay / 2 + dispersion) above the minimum.
    ChronyDistance,
    // For samples whose offset errors grow with their delays above the minimum (NTP
    // measurements): like chrony's, but leaning on the quick ones the more samples there are.
    DelayGrowing,
    // Every sample the same (reference clocks, whose distances differ only by chance).
    Equal,
};

struct SourceStatisticsConfig
{
    // chrony's `minsamples` default (chrony.conf(5)): the runs test never trims below this.
    static constexpr int kDefaultMinSamples = 6;
    // chrony's `maxsamples` default, 0: no limit beyond SourceStatistics::kMaxSamples.
    static constexpr int kDefaultMaxSamples = 0;
    // 2^-20 s, the engine's default clock precision (EngineOptions::precision).
    static constexpr double kDefaultPrecision = 1.0 / (1 << 20);

    int minSamples = kDefaultMinSamples;
    int maxSamples = kDefaultMaxSamples;
    // chrony's `mindelay` (s): a known minimum round trip; delays below it are reflected
    // above it. 0: the measured minimum.
    double minDelay = 0;
    // chrony's `asymmetry`: the fixed jitter asymmetry in [-0.5, 0.5] (0 turns the correction
    // off), unset (or outside that range): estimated from the samples, chrony's default.
    std::optional<double> asymmetry;
    // s, how finely our clock can be read: the floor of the sample weighting's scale.
    double precision = kDefaultPrecision;
    // Whether each sample's offset is known to lie within half its delay above the minimum
    // (plus its dispersion) of the truth: true for NTP measurements, where no one-way delay
    // can be negative; not for reference clocks, whose `delay` is only a nominal figure.
    // Then the estimate is kept within what all the samples allow (see boundOffsetByDelays).
    bool boundByDelays = false;
    // How the regression weighs the samples (see computeVariances).
    SampleWeighting weighting = SampleWeighting::ChronyDistance;
};

// What `chronyc sourcestats` shows for a source (chrony's RPT_SourcestatsReport).
struct SourcestatsReport
{
    int samples = 0;        // NP: samples in the regression
    int runs = 0;           // NR: runs of equal-sign residuals
    double span = 0;        // s, newest minus oldest sample time
    double frequency = 0;   // relative, positive: our clock fast relative to the source
    double skew = 0;        // relative, error bound of `frequency`
    double offset = 0;      // s, estimated offset now, positive: source ahead (chronyc: -offset)
    double offsetError = 0; // s, bound on the error of `offset`
    double stdDev = 0;      // s, residual standard deviation of the samples

    double frequencyPpm() const { return frequency * 1e6; }
    double skewPpm() const { return skew * 1e6; }
};

// The newest measurement: `chronyc sources` "Last sample" (chrony's SST_DoSourceReport).
struct LastSampleReport
{
    double offset = 0;         // s, as measured, corrected for our clock's adjustments since
    double originalOffset = 0; // s, as measured
    double error = 0;          // s, the "+/-": root delay / 2 + root dispersion of the sample
    double ago = 0;            // s, since the measurement
    int stratum = 0;
};

// What source selection needs at `now` (chrony's SST_GetSelectionData): the sample with the
// smallest root distance now, extrapolated with the estimated frequency.
struct SelectionData
{
    double offset = 0;         // s, positive: source ahead
    double rootDistance = 0;   // s, root delay / 2 + root dispersion + skew * age
    double lowerBound = 0;     // s, offset - rootDistance: the true offset lies in between
    double upperBound = 0;     // s, offset + rootDistance
    double stdDev = 0;         // s
    double skew = 0;           // relative
    double firstSampleAgo = 0; // s, age of the oldest sample in the regression
    double lastSampleAgo = 0;  // s, age of the newest sample
    int stratum = 0;
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    bool selectable = false; // a regression succeeded: there are enough samples
};

// What a clock update needs (chrony's SST_GetTrackingData), estimated for a chosen instant.
// rootDelay is the sample's with the smallest root distance; rootDispersion that sample's,
// grown to `time`, plus offsetSd.
struct TrackingData : TrackingEstimate
{
    RealTime time; // the instant the estimates are for
};

// What the delay-deviation test needs for a new sample (chrony's SST_GetDelayTestData).
struct DelayTestData
{
    double lastSampleAgo = 0;   // s, from the regression's reference time to the new sample
    double predictedOffset = 0; // s, the regression's offset at the new sample's time
    double minDelay = 0;        // s, minimum round trip held
    double skew = 0;            // relative
    double stdDev = 0;          // s
};

// While a regression's frequency is too uncertain to steer the clock (skew above maxSkew, the
// discipline's maxupdateskew), the clock keeps running at `frequency` (same sign as
// SourceStatistics::frequency()). The fitted line's end would carry the slope's whole error
// into the offset; the samples carried along `frequency` instead agree with how the clock
// will actually run until the next update.
struct FrequencyFallback
{
    double frequency = 0; // relative, positive: our clock fast
    double maxSkew = 0;   // relative
};

// What a restart needs to fit the same regression again (SourceDump, `dumpdir`): the samples on
// the statistics' own time scale and the state the samples alone do not give back.
struct StatisticsState
{
    std::vector<DumpedSample> samples; // oldest first, the runs test's history included
    int regressionSamples = 0;         // the newest this many are the regression's
    int stratum = 0;
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    double frequency = 0; // relative (informative: restoring fits it again)
    double skew = 0;      // relative (informative)
    double stdDev = 0;    // s: weighs the samples of the next fit (0: the initial estimate)
    double asymmetry = 0;
    int asymmetryRun = 0;
};

class SourceStatistics
{
public:
    // Samples in a regression at most: twice chrony's MAX_SAMPLES. A longer history that
    // still fits a line (the runs test trims it when it does not) halves the variance of the
    // offset estimate; with a stable clock and short polls that is what limits accuracy.
    static constexpr int kMaxSamples = 128;
    // chrony's WORST_CASE_FREQ_BOUND: the frequency error assumed before any regression.
    static constexpr double kWorstCaseFrequency = 2000e-6;
    // chrony's limits on the reported skew (MIN_SKEW, MAX_SKEW) and standard deviation
    // (MIN_STDDEV).
    // A two-point frequency's error bound in units of its standard deviation: about the
    // 99.7 % normal quantile, as there are no residuals for a Student-t quantile.
    static constexpr double kTwoPointSkewFactor = 3.0;
    static constexpr double kMinSkew = 1e-12;
    static constexpr double kMaxSkew = 1e2;
    static constexpr double kMinStdDev = 1e-9; // s
    // Skew = standard error of the slope times this quantile of Student's t with the fit's
    // degrees of freedom; chrony's RGR_GetTCoef tabulates this (99.95 %, one-sided) quantile.
    static constexpr double kSkewQuantile = 0.9995;
    // chrony's SD_TO_DIST_RATIO: the assumed ratio of the spread of the peer distances to the
    // standard deviation of the offsets, which scales the sample weights.
    static constexpr double kSdToDistanceRatio = 0.7;
    // For SampleWeighting::DelayGrowing the ratio grows with the number of samples n as
    // kDelayRatioGrowth * sqrt(n) - 1, never below kSdToDistanceRatio; see computeVariances.
    static constexpr double kDelayRatioGrowth = 2.0;
    // Asymmetry estimation (chrony's MAX_ASYMMETRY, MIN_ASYMMETRY, MIN_ASYMMETRY_RUN,
    // MAX_ASYMMETRY_RUN): the estimate is used, clamped to +-kMaxAsymmetry, once at least
    // kMinAsymmetryRun consecutive regressions found it beyond +-kMinAsymmetry with one sign.
    static constexpr double kMaxAsymmetry = 0.5;
    static constexpr double kMinAsymmetry = 0.45;
    static constexpr int kMinAsymmetryRun = 10;
    static constexpr int kMaxAsymmetryRun = 1000;
    // One-sided confidence with which an estimate beyond kMinAsymmetry is used at once,
    // without waiting for kMinAsymmetryRun regressions.
    static constexpr double kAsymmetryConfidence = 0.95;
    // Beyond chrony: a wandering frequency (a random walk, or a steady drift) found in the
    // samples themselves. Differences of the frequencies between neighbouring samples, up to
    // kWanderLags samples apart, grow with the time they span when the frequency moves and not
    // otherwise; fitted with the white noise, the wander is used once it is kWanderSignificance
    // standard errors above zero, from at least kMinWanderDifferences differences. The fit is
    // long-term: each new sample adds the differences it ends, and they are remembered beyond
    // the regression's samples (a plain sum until kWanderMemory of them, then an exponential
    // memory of that many), because the few samples a wandering clock lets the runs test keep
    // tell the wander only by chance (clknetsim's 007-largewander).
    static constexpr int kWanderLags = 8;
    static constexpr double kWanderSignificance = 2.0;
    static constexpr int kMinWanderDifferences = 6;
    static constexpr double kWanderMemory = 1000;
    // Samples needed before the offset predictions and reports use the regression rather than
    // the newest sample (chrony's SST_PredictOffset and SST_DoSourcestatsReport), and before
    // the delay-deviation test has data (SST_GetDelayTestData).
    static constexpr int kMinSamplesToPredict = 3;
    static constexpr int kMinSamplesToReportEstimate = 4;
    static constexpr int kMinSamplesForDelayTest = 6;
    // Estimates before the first regression (chrony's SST_ResetInstance).
    static constexpr double kInitialStdDev = 4.0;       // s
    static constexpr double kInitialOffsetSd = 86400.0; // s: within a day

    explicit SourceStatistics(SourceStatisticsConfig config = {});

    const SourceStatisticsConfig &config() const { return m_config; }

    // Forgets all samples and estimates.
    void reset();
    // Adds a sample, dropping the oldest when maxsamples are held. A sample not newer than the
    // newest held means the clock went back: the history is discarded first.
    void accumulate(const StatSample &sample);
    // Fits the line, trimming old samples that fail the runs test, and updates the estimates.
    // `fallback`: the frequency the clock already runs at, for the offset while the fitted
    // frequency is too uncertain to steer the clock (see FrequencyFallback).
    void regress(std::optional<FrequencyFallback> fallback = std::nullopt);

    // Our clock was corrected at `when`: from then on it reads
    //   old + offsetChange + frequencyChange * (old - when),
    // offsetChange in s (added to its reading), frequencyChange relative to the clock the
    // samples were stamped with (positive: it now runs faster). Re-expresses every held
    // sample on the corrected clock, exactly for that linear map: time t becomes
    // t + d(t) and its offset loses d(t), where d(t) = offsetChange + frequencyChange * (t - when);
    // the estimates follow (frequency f becomes (f + frequencyChange) / (1 + frequencyChange)).
    void applyClockCorrection(RealTime when, double offsetChange, double frequencyChange);
    // The clock was stepped by `offset` seconds at `when`.
    void applyStep(RealTime when, double offset) { applyClockCorrection(when, offset, 0.0); }
    // The reference's time scale moved by `offset` s against ours (a leap second: -1 when UTC
    // inserted one): every held offset and the estimate move with it; times stay.
    void shiftOffsets(double offset);
    // The samples and state to save; restoreState() of it fits the same regression.
    StatisticsState saveState() const;
    // Replaces everything held by `state` and fits the regression again. More samples than
    // are held at most lose the oldest; a sequence out of order or a regression count out of
    // range leaves the statistics empty. Returns the samples taken.
    int restoreState(const StatisticsState &state);
    // Adds to the peer and root dispersion of every held sample.
    void addDispersion(double dispersion);

    int samples() const { return m_count; }
    int runs() const { return m_runs; }
    bool regressionValid() const { return m_regressionValid; }
    // The frequency is the line through the first two samples, not a regression: a later fit
    // contains both of them, so it is a first guess to apply, not a prior to weigh against.
    bool twoSampleFrequency() const { return m_regressionValid && m_count == 2 && m_history == 0; }
    int stratum() const { return m_stratum; }
    LeapIndicator leap() const { return m_leap; }
    double span() const; // s, newest minus oldest sample in the regression

    double frequency() const { return m_frequency; } // relative, + : our clock fast
    double frequencyPpm() const { return m_frequency * 1e6; }
    double frequencySd() const { return m_frequencySd; } // relative
    double skew() const { return m_skew; }               // relative
    double skewPpm() const { return m_skew * 1e6; }
    double stdDev() const { return m_stdDev; }       // s
    double asymmetry() const { return m_asymmetry; } // chrony's "Jitter asymmetry"

    // The regression's estimate: the offset at referenceTime() (the newest sample when the
    // line was fitted) and its standard deviation, and both extrapolated to any time.
    RealTime referenceTime() const { return m_offsetTime; }
    double offset() const { return m_offset; }
    double offsetSd() const { return m_offsetSd; }
    double offsetAt(RealTime time) const;
    double offsetSdAt(RealTime time) const;
    // offsetAt, but the newest sample's offset (0 with none) while there are fewer than
    // kMinSamplesToPredict samples (chrony's SST_PredictOffset).
    double predictOffset(RealTime time) const;
    // The minimum round trip held (the configured mindelay if set); +inf with no samples.
    double minRoundTripDelay() const;
    // Frequency +- skew, or +-kWorstCaseFrequency when the skew is larger than that.
    std::pair<double, double> frequencyRange() const;

    std::optional<SelectionData> selectionData(RealTime now) const;
    std::optional<TrackingData> trackingData(RealTime time) const;
    std::optional<DelayTestData> delayTestData(RealTime sampleTime) const;
    SourcestatsReport sourcestatsReport(RealTime now) const;
    std::optional<LastSampleReport> lastSampleReport(RealTime now) const;

private:
    struct StoredSample
    {
        RealTime time;
        double offset = 0;         // s, corrected for clock adjustments since
        double originalOffset = 0; // s, as measured
        double peerDelay = 0;      // s, reflected above mindelay
        double peerDispersion = 0;
        double rootDelay = 0;
        double rootDispersion = 0;
    };
    // The regression samples plus up to as many older ones kept for the runs test.
    static constexpr int kCapacity = kMaxSamples * kRunsHistoryRatio;

    int maxSamples() const;
    // i in [-m_history, m_count): negative indexes are the runs-test history, 0 the oldest
    // regression sample, m_count - 1 the newest.
    int bufferIndex(int i) const;
    const StoredSample &at(int i) const { return m_buffer[static_cast<std::size_t>(bufferIndex(i))]; }
    StoredSample &at(int i) { return m_buffer[static_cast<std::size_t>(bufferIndex(i))]; }
    const StoredSample &newest() const { return at(m_count - 1); }
    void acceptTwoPointFit();
    void acceptOnePointFit();
    const StoredSample &best() const { return at(m_bestSample); }

    void prune(int drop);
    void computeVariances(double asymmetry);
    // The samples' relative variances, each 1 (reference clocks) or growing with the distance
    // above the best (NTP); the mean of them.
    double equalVariances();
    double distanceVariances(double asymmetry);
    // Adds what a wandering frequency makes of each sample's age.
    void addWanderVariances(double meanVariance);
    // Takes the frequency differences the newest sample ends (work space of `total` samples)
    // into the long-term sums, once per sample.
    void addWanderDifferences(int total);
    // The largest wander the work space's own samples allow (1/s; +inf when too few).
    double windowWanderBound(int total) const;
    // The wander the long-term sums show (the frequency's variance growth, 1/s), capped by
    // windowWanderBound, and the white-noise variance of a sample (s², into `white`,
    // unchanged when not estimated); 0 when they show none with confidence.
    double estimateWander(int total, double &white) const;
    // Returns whether an asymmetry correction was applied.
    bool correctAsymmetry(int total);
    bool updateAsymmetryEstimate(int total);
    static bool confidentlyBeyondThreshold(const std::optional<PlaneFit> &plane);
    std::optional<PlaneFit> planeWithoutLargestDelay(int total) const;
    void acceptFit(const TrimmedFit &trimmed);
    // The weighted mean of the work space's offsets from index `first` on, each carried to the
    // newest sample along `frequency`; variances from index `first - varianceOffset`.
    double offsetAlong(double frequency, int first, int total, int varianceOffset) const;
    void boundOffsetByDelays();
    void rejectFit();
    void findBestSample();

    SourceStatisticsConfig m_config;

    std::array<StoredSample, kCapacity> m_buffer{};
    int m_newestIndex = kCapacity - 1; // buffer index of the newest sample
    int m_count = 0;                   // samples in the regression (NP)
    int m_history = 0;                 // older samples kept for the runs test
    int m_stratum = 0;                 // of the newest sample
    LeapIndicator m_leap = LeapIndicator::Unsynchronised;

    // Estimates.
    bool m_regressionValid = false;
    bool m_haveEstimate = false; // a regression ever succeeded since the reset
    int m_bestSample = 0;        // smallest root distance at the newest sample's time
    int m_runs = 0;
    RealTime m_offsetTime{};
    double m_offset = 0; // s, at m_offsetTime
    double m_offsetSd = kInitialOffsetSd;
    double m_meanX = 0;   // s relative to m_offsetTime: the fit's weighted mean time
    double m_meanSd = 0;  // s, the fit's standard deviation there
    double m_slopeSd = 0; // the fit's, unclamped
    double m_frequency = 0;
    double m_frequencySd = kWorstCaseFrequency;
    double m_skew = kWorstCaseFrequency;
    double m_stdDev = kInitialStdDev;
    double m_asymmetry = 0;
    int m_asymmetryRun = 0; // consecutive significant estimates, signed

    // Least squares of squared frequency differences on their white-noise and wander terms
    // (see SourceStatistics.cpp).
    struct WanderFit
    {
        double white = 0;    // s², variance of a sample
        double wander = 0;   // 1/s, the frequency's variance growth
        double wanderSd = 0; // 1/s
    };
    struct WanderSums
    {
        double ww = 0;
        double wq = 0;
        double qq = 0;
        double wy = 0;
        double qy = 0;
        double yy = 0;
        double count = 0;
        // The difference of the frequencies from A to B and from B to C, `a` and `b` s apart;
        // beyond `memory` differences the older ones fade exponentially.
        void add(double a, double b, double offsetA, double offsetB, double offsetC, double memory);
        std::optional<WanderFit> fit() const;
    };
    WanderSums m_wanderSums;
    bool m_wanderPending = false; // the newest sample's differences are not in the sums yet

    // Work space of regress(), oldest first.
    std::array<double, kCapacity> m_x{};           // s, sample time minus newest sample time
    std::array<double, kCapacity> m_y{};           // s, offsets
    std::array<double, kCapacity> m_excessDelay{}; // s, delay above the minimum
    std::array<double, kMaxSamples> m_variances{};
    std::array<double, kMaxSamples> m_scratch{};
};

} // namespace s1
