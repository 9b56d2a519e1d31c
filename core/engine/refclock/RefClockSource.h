// One `refclock` as the engine sees it: raw samples and pulses from its driver (delivered by the
// host) are turned into offsets against the raw clock, collected in the refclock's filter, and
// reduced to one sample per poll for the source statistics and selection, like an NTP source's
// replies. Sans I/O: the engine tells it what it needs to know about other sources and the
// local clock; the host never talks to it directly.
//
// Pulses (PPS, or any refclock with `pps`) only say where a second starts. Which second comes
// from the refclock named by `lock` (its newest sample, no older than `maxlockage` pulses,
// must put the edge within kLockPhaseLimit of a pulse period of a whole pulse), or, without
// `lock`, from the engine's own time, but only while that is known to better than half a
// pulse period.
#pragma once

#include "config/RefClockConfig.h"
#include "refclock/RefClockFilter.h"
#include "refclock/RefClockSample.h"
#include "report/EngineSnapshot.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>

namespace s1 {

// What the engine knows about the time at a pulse: the offset of true time from the raw clock
// it estimates there (s), and where that estimate comes from.
struct PulseReference
{
    enum class Kind : std::uint8_t { LockedSource, LocalClock };
    Kind kind = Kind::LocalClock;
    double offset = 0;
};

class RefClockSource
{
public:
    // TAI - UTC since 2017-01-01 (IERS Bulletin C): `tai` refclocks are converted with it.
    static constexpr double kTaiMinusUtc = 37.0; // s
    // A locked pulse further than this share of a period from the second its lock source
    // names cannot be paired safely.
    static constexpr double kLockPhaseLimit = 0.4;
    // A pulse without `lock` needs the engine's time good to half a pulse period.
    static constexpr double kUnlockedDistanceLimit = 0.5;
    static constexpr std::size_t kRecentSamples = 64;
    // Accepted pulse edges the snapshot carries: a minute at 1 Hz, so that the history, which
    // takes a snapshot a second, gets every one even when a snapshot is late.
    static constexpr std::size_t kRecentEdges = 64;
    // A poll waits for this many driver samples, or for as many as the driver polls in one
    // poll interval (2^(poll - dpoll)) when that is fewer: enough for the median to mean something.
    static constexpr int kMinSamplesPerPoll = 4;

    RefClockSource(std::uint32_t id, const RefClockConfig &config, std::string refId, RealTime now,
                   double localPrecision);

    std::uint32_t id() const { return m_id; }
    const RefClockConfig &config() const { return m_config; }
    const std::string &name() const { return m_name; }
    std::uint32_t referenceId() const { return m_referenceId; }
    std::uint8_t reach() const { return m_reach; }
    int poll() const { return m_config.poll; }
    int stratum() const { return m_config.stratum; }
    LeapIndicator leap() const { return m_leap; }
    RealTime nextPollTime() const { return m_nextPoll; }
    double pulsePeriod() const { return 1.0 / std::max(m_config.rate, 1); }
    std::int64_t pulsePeriodNanos() const { return kNanosPerSecond / std::max(m_config.rate, 1); }
    // The newest raw sample (raw clock time, offset), whether or not a poll has taken it into a
    // filtered sample since: what a PPS locked to this refclock pairs its pulses with, and what
    // the refclocks log records of an accepted sample. Set by every successful add.
    const StatSample *newestRawSample() const { return m_lastRaw ? &*m_lastRaw : nullptr; }

    // Each returns false, with the reason in the snapshot, when the input is not used.
    // `taiMinusUtc` (s) converts the samples of a `tai` refclock.
    bool addSample(const RefClockSample &sample, double taiMinusUtc = kTaiMinusUtc);
    // `reference`: the engine's estimate of true time at the edge; none when it has none good
    // enough (the pulse is then rejected). `correction`: the engine's correction at the edge
    // (ClockDiscipline::correctionAt), for the edge offset the snapshot shows against our time.
    bool addPulse(RealTime edge, const std::optional<PulseReference> &reference, double correction = 0.0);
    // Where the pulse period nearest a sample's reference time began, on the raw clock (`pps`).
    RealTime pulseEdgeOf(const RefClockSample &sample) const;
    void reject(std::string reason);
    // A leap second moved UTC by `offset` s against our clock: the driver samples still waiting
    // for a poll straddle it and are dropped; the newest raw sample (a lock source's second)
    // moves with UTC.
    void leapSecond(double offset);

    // The poll due at `now`: the filtered sample, or nothing when the driver gave too few
    // samples. `correctionAt` gives the engine's correction at a raw time, for the offsets the
    // snapshot shows against the served time; `frequency` the raw offsets' drift
    // (ClockDiscipline::frequency()), which the filter removes before it sorts.
    std::optional<StatSample> poll(RealTime now, const std::function<double(RealTime)> &correctionAt,
                                   double frequency = 0.0);

    SourceSnapshot snapshot() const;

    // Packs up to four characters as a reference ID ("PPS" -> 0x50505300).
    static std::uint32_t packReferenceId(const std::string &refId);

private:
    // With `width`: whether an edge the reference puts at `estimated` (ns) is a pulse's
    // trailing edge.
    bool isTrailingEdge(std::int64_t estimated, std::int64_t period) const;
    // Counts an accepted raw sample and hands it to the filter.
    void accept(const StatSample &sample);
    StatSample makeStatSample(RealTime time, double rawOffset, LeapIndicator leap, double precision) const;
    double dispersionFloor(double driverPrecision) const;

    std::uint32_t m_id;
    RefClockConfig m_config;
    std::string m_name;
    std::uint32_t m_referenceId;
    double m_localPrecision; // s
    RefClockFilter m_filter;
    RealTime m_nextPoll;
    std::uint8_t m_reach = 0;
    LeapIndicator m_leap = LeapIndicator::Unsynchronised;
    std::optional<StatSample> m_lastRaw;
    std::optional<RealTime> m_lastRx;
    std::deque<SourceSample> m_samples;  // filtered, oldest first, on the raw scale
    std::deque<PulseEdgeSample> m_edges; // accepted pulses, oldest first, times on the raw scale
    std::uint64_t m_pulsesAccepted = 0;
    std::optional<double> m_jitter; // s, the filter's spread at the last poll with a sample
    std::uint64_t m_accepted = 0;
    std::uint64_t m_rejected = 0;
    std::string m_lastRejectReason;
};

} // namespace s1
