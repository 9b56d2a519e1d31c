// Measures a time-of-day refclock (NMEA, SOCK, SHM: a message that arrives some fixed time after
// the second it names) against the engine's time while a better source steers it (a PPS or an
// NTP server), and proposes the `offset` that cancels the lateness and a `delay` that covers its
// jitter. A rolling window: the newest `window` seconds of samples, so a proposal follows a
// receiver whose output changed; it starts again when the reference changes.
#pragma once

#include "report/OffsetCalibration.h"
#include "time/Timestamps.h"

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

namespace s1 {

class OffsetCalibrator
{
public:
    static constexpr double kDefaultWindow = 600; // s: ten minutes of once-a-second messages
    // A proposal needs at least this many samples and the window this full.
    static constexpr int kMinSamples = 30;
    static constexpr double kReadyShare = 0.95;
    // Bounds the memory whatever the message rate (an hour at 1 Hz).
    static constexpr std::size_t kMaxSamples = 3600;
    // The percentiles the spread runs between.
    static constexpr double kLowQuantile = 0.05;
    static constexpr double kHighQuantile = 0.95;

    explicit OffsetCalibrator(double window = kDefaultWindow);

    // One sample: its raw time and the refclock's time minus the engine's at it (s), measured
    // while `reference` was selected.
    void add(RealTime time, double error, const std::string &reference);
    // The reference was lost: what was measured no longer counts.
    void reset();

    // The measurement so far; none before the first sample.
    std::optional<OffsetCalibration> result(double currentOffset) const;

private:
    struct Sample
    {
        RealTime time;
        double error = 0;
    };
    double m_window;
    std::string m_reference;
    std::deque<Sample> m_samples;
};

} // namespace s1
