// Turns the engine's snapshots into history points: what a time-nut charts, taken from the
// values the window and the control socket already get, so that the engine itself stays
// unchanged and deterministic. The host that owns the engine thread calls record() for each
// snapshot (once a second by default).
//
// Series (time = the snapshot's engine time, or the sample's for sources):
//   tracking.offset, .frequency, .skew, .rootDelay, .rootDispersion, .errorBound
//       each snapshot while synchronised, at most one a second; the error bound is chrony's
//       |system time offset| + root dispersion + root delay / 2; the frequency also while not
//   tracking.lastOffset            the offset estimated at each clock update
//   source/NAME/offset, /delay, /dispersion   each new sample of the source
//   source/NAME/edge               refclocks with pulses: each accepted pulse's offset against
//                                  our time (1 Hz for a PPS, unfiltered), at the edge's time
//   source/NAME/jitter             refclocks: the standard deviation of the driver samples
//                                  each poll averaged, with each new sample
//   source/NAME/state              SourceState's number (0 unusable, 1 selected, 2 combined,
//                                  3 not combined, 4 falseticker, 5 too variable), with each
//                                  sample and when it changes
//   gps.satellitesUsed, gps.meanSnr   each snapshot while the receiver talks (mean SNR of the
//                                  used satellites that report one)
// NAME is the source's configured name (a refclock's reference ID, "PPS", "NMEA", ...).
#pragma once

#include "history/HistoryStore.h"
#include "report/EngineSnapshot.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace s1 {

class HistoryRecorder
{
public:
    // Snapshots closer together than this add no tracking or GPS point (a snapshot on request
    // between two timed ones), keeping the full resolution at one point a second.
    static constexpr std::int64_t kMinPointInterval = 950'000'000; // ns

    void record(const EngineSnapshot &snapshot, HistoryStore &store);

private:
    struct SourceMarks
    {
        std::int64_t lastSample = 0;
        std::uint64_t lastEdge = 0; // PulseEdgeSample::number of the newest edge recorded
        std::optional<SourceState> state;
    };

    std::optional<std::int64_t> m_lastPeriodic;
    std::optional<std::int64_t> m_lastReferenceTime;
    std::map<std::string, SourceMarks> m_sources;
};

std::string sourceSeriesName(const std::string &source, const char *figure);

} // namespace s1
