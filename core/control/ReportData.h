// The numbers behind chronyc's `tracking`, `sources` and `sourcestats` reports, as plain values.
//
// The control socket fills these from the engine snapshot; control/ChronycFormat turns them into
// chronyc's exact text and CSV layouts. Everything is kept in SI units and in full precision,
// never preformatted: seconds as double, frequencies in ppm as double, instants as RealTime
// (Unix nanoseconds). Signs follow chronyc's output, which is NOT always the RFC 5905 sign: see
// the comments on each field.
#pragma once

#include "time/Timestamps.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace s1 {

// `tracking`: the state of the system clock and its reference.
struct TrackingReport
{
    // chronyc's "Leap status" line.
    enum class Leap : std::uint8_t { Normal, InsertSecond, DeleteSecond, Unsynchronised };

    std::uint32_t referenceId = 0;  // printed as 8 hex digits
    // Printed in parentheses after the reference ID: the reference clock's refid text, the
    // server's host name, or its numeric address (chronyc -n / -c print the address).
    std::string referenceName;
    int stratum = 0;
    RealTime referenceTime{};       // when the last reference update was processed (UTC)
    // s, positive: the system clock is ahead of ("fast of") NTP time. chronyc's daemon reports
    // the opposite sign (the correction still to apply); the formatter converts.
    double systemTimeOffset = 0;
    double lastOffset = 0;          // s, estimated local offset at the last update, + = ahead
    double rmsOffset = 0;           // s, long-term average of the offset
    double frequencyPpm = 0;        // ppm, positive: the uncorrected clock runs fast
    double residualFrequencyPpm = 0; // ppm, selected source's view minus the frequency in use
    double skewPpm = 0;             // ppm, estimated error bound of the frequency
    double rootDelay = 0;           // s, total path delay to the stratum-1 computer
    double rootDispersion = 0;      // s, total dispersion to the stratum-1 computer
    double updateInterval = 0;      // s, between the last two clock updates
    Leap leap = Leap::Unsynchronised;

    friend bool operator==(const TrackingReport &, const TrackingReport &) = default;
};

// One line of `sources`.
struct SourceReportRow
{
    // The "M" column: '^' server, '=' peer, '#' local reference clock.
    enum class Mode : std::uint8_t { Server, Peer, RefClock };
    // The "S" column: '*' current best, '+' combined, '-' not combined, 'x' may be in error,
    // '~' too variable, '?' unusable.
    enum class State : std::uint8_t { Selected, Combined, NotCombined, Falseticker, TooVariable,
                                      Unusable };

    Mode mode = Mode::Server;
    State state = State::Unusable;
    std::string name;               // host name, numeric address or refclock refid, untruncated
    int stratum = 0;
    int poll = 0;                   // log2 s, may be negative
    std::uint8_t reach = 0;         // reachability shift register, printed in octal
    // Age of the last sample; nullopt: no sample yet (chronyc prints "-").
    std::optional<std::chrono::seconds> lastRxAge;
    // s, positive: the local clock is ahead of the source (chronyc's sign, the opposite of the
    // RFC 5905 offset θ). "Adjusted" is the last sample corrected for clock slews since.
    double adjustedOffset = 0;
    double measuredOffset = 0;      // s, the last sample as measured, same sign
    double errorBound = 0;          // s, the "+/-" estimated error of the last sample

    friend bool operator==(const SourceReportRow &, const SourceReportRow &) = default;
};

// One line of `sourcestats`: the regression over the source's recent samples.
struct SourceStatsRow
{
    std::string name;               // as in SourceReportRow::name
    std::uint32_t samples = 0;      // NP: sample points in the measurement set
    std::uint32_t runs = 0;         // NR: runs of residuals with the same sign
    std::chrono::seconds span{0};   // length of the measurement set
    double frequencyPpm = 0;        // ppm, estimated residual frequency, sign as chronyc prints
    double frequencySkewPpm = 0;    // ppm, estimated error bound of frequencyPpm
    double offset = 0;              // s, estimated offset, sign as SourceReportRow offsets
    double stdDev = 0;              // s, estimated sample standard deviation

    friend bool operator==(const SourceStatsRow &, const SourceStatsRow &) = default;
};

} // namespace s1
