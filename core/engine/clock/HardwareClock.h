// A network card's clock (its PHC) tracked against the host's clock, so that the card's raw
// hardware timestamps of NTP packets can be put on the host's time scale: chrony's
// `hwtimestamp` conversion, as pure arithmetic on readings the host hands in.
//
// The host reads the PHC against its clock every 2^minpoll s or more (needsSample()) and adds
// each reading with its error; a least-squares line through the kept readings (at most
// `maxsamples`, the newest as reference) gives the PHC's offset and rate, and localTime() maps
// a hardware timestamp through it. The line is used once `minsamples` readings (two at least)
// are kept. As chronyd's, the readings start again when the PHC does not move forward, when
// two readings come closer than half the minimum separation, when the line misses the newest
// reading by more than its error, or when the rate is off by more than 2/3: a PHC reset, a
// clock stepped or a bad reading must not bend the conversion.
//
// The host's times are those of a clock no correction moves (the engine's raw scale): a line
// against a clock being slewed would lag every slew.
#pragma once

#include "time/Timestamps.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

namespace s1 {

class HardwareClock
{
public:
    // Readings the conversion uses at least / keeps at most: chrony's limits for `minsamples`
    // and `maxsamples` (hwclock.c: MIN_SAMPLES, MAX_SAMPLES).
    static constexpr int kMinSamples = 2;
    static constexpr int kMaxSamples = 64;
    // A PHC rate further than this from the host clock's is a broken reading, not a clock.
    static constexpr double kMaxFrequencyOffset = 2.0 / 3.0;

    struct Settings
    {
        int minSamples = kMinSamples;
        int maxSamples = 16;
        double minSeparation = 1.0; // s, 2^minpoll: readings closer than half of it reset
        double precision = 100e-9;  // s: the PHC reading's error is never taken as smaller
    };

    explicit HardwareClock(Settings settings);

    // Whether a reading is due at host time `now`: none kept yet, or minSeparation since the
    // newest.
    bool needsSample(RealTime now) const;
    // The PHC read `hardwareTime` at host time `localTime`, within `error` s either way.
    void addSample(RealTime hardwareTime, RealTime localTime, double error);
    // The host time of hardware time `hardwareTime`; nullopt until the line is usable.
    std::optional<RealTime> localTime(RealTime hardwareTime) const;

    bool valid() const { return m_valid; }
    int samples() const { return static_cast<int>(m_samples.size()); }
    // PHC seconds per host second, minus one.
    double frequencyOffset() const { return m_frequency - 1.0; }
    // The error of the newest reading (s): what a converted timestamp is good to.
    double error() const { return m_lastError; }
    // Times the readings started again (a reset), for the log.
    std::uint64_t resets() const { return m_resets; }

private:
    struct Sample
    {
        RealTime hardware;
        RealTime local;
    };

    void fit(double error);
    void reset();

    Settings m_settings;
    std::deque<Sample> m_samples; // oldest first
    bool m_valid = false;
    double m_offset = 0.0;    // s: the line's hardware time at the newest local time, minus the newest hardware time
    double m_frequency = 1.0; // hardware s per local s
    double m_lastError = 0.0;
    std::uint64_t m_resets = 0;
};

// How long a received frame took to arrive at `linkSpeedMbps` (s): hardware receive stamps are
// taken at the frame's start (its preamble), NTP's receive timestamp is its end. `layer2Bytes`
// is the frame without its 4-byte check sequence, which this adds. 0 for an unknown speed.
double frameDuration(std::size_t layer2Bytes, int linkSpeedMbps);

} // namespace s1
