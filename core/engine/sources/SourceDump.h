// A source's measurement history as it is kept across a restart (chronyd's `dumpdir` and `-r`):
// the values the engine hands out on request and takes back at start, and their file format.
// The engine produces and consumes SourceDump values; the host owns the files (one per source
// in `dumpdir`, written atomically) and the clock reading the checks are made against.
//
// Times are absolute CLOCK_REALTIME readings (int64 ns since the Unix epoch): the system
// clock's time of each sample, with offsets relative to the system clock, so that they stay
// valid across a restart whatever raw scale the next engine keeps its statistics on. The
// regression's estimates (frequency, skew) are fitted again from the samples on load; the file
// carries them for people reading it, and what the samples alone do not give back: the
// standard deviation the fit weighs the samples with, and the jitter asymmetry state.
//
// The file (version 1), text, one record a line, numbers in the "C" locale:
//   stratumone-sourcedump 1 ntp 192.0.2.1         (or: ... refclock 50505330, the reference ID)
//   dumped <ns>                                    (when it was written)
//   stratum <n>
//   leap <0..3>                                    (the leap indicator of the newest sample)
//   estimate <frequency> <skew> <std dev> <asymmetry> <asymmetry run>
//   samples <held> <in the regression>
//   sample <ns> <offset> <original offset> <peer delay> <peer dispersion> <root delay> <root dispersion>
//   ...                                            (oldest first; offsets in s, positive:
//   end                                             the source is ahead)
#pragma once

#include "ntp/NtpPacket.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

// Which source a dump belongs to: an NTP server by its address, a refclock by its reference ID.
struct SourceDumpIdentity
{
    enum class Kind : std::uint8_t { Ntp, RefClock };
    Kind kind = Kind::Ntp;
    std::string address;           // Ntp: the address as IpAddress::toString() writes it
    std::uint32_t referenceId = 0; // RefClock

    // The file's name in `dumpdir`, chronyd's: "192.0.2.1.dat", "refid:50505330.dat".
    std::string fileName() const;
    // "192.0.2.1", "refclock 50505330": for messages.
    std::string text() const;

    friend bool operator==(const SourceDumpIdentity &, const SourceDumpIdentity &) = default;
};

struct DumpedSample
{
    RealTime time;             // the system clock's time of the measurement
    double offset = 0;         // s, source minus system clock, corrected for clock adjustments since
    double originalOffset = 0; // s, as measured
    double peerDelay = 0;      // s
    double peerDispersion = 0; // s
    double rootDelay = 0;      // s
    double rootDispersion = 0; // s

    friend bool operator==(const DumpedSample &, const DumpedSample &) = default;
};

struct SourceDump
{
    // The format's version: a file of another one is refused rather than guessed at.
    static constexpr int kVersion = 1;
    // A dump whose newest sample is older than this is refused: the frequency has wandered
    // too far since for the old samples to help.
    static constexpr Nanoseconds kMaxAge = std::chrono::hours(24);
    // A sample later than the clock reading at load by more than this is "in the future": the
    // clock was stepped back, or the file is not this machine's.
    static constexpr Nanoseconds kFutureTolerance = std::chrono::seconds(1);
    // At most as many samples as the statistics hold (SourceStatistics' capacity).
    static constexpr int kMaxSamples = 256;

    SourceDumpIdentity source;
    RealTime dumpedAt;
    int stratum = 0;
    LeapIndicator leap = LeapIndicator::None;
    double frequency = 0;              // relative, positive: our clock fast (informative)
    double skew = 0;                   // relative (informative)
    double stdDev = 0;                 // s, of the residuals: weighs the samples of the next fit
    double asymmetry = 0;              // the jitter asymmetry in use
    int asymmetryRun = 0;              // consecutive significant asymmetry estimates, signed
    int regressionSamples = 0;         // the newest this many samples are the regression's; the older
                                       // ones are the runs test's history
    std::vector<DumpedSample> samples; // oldest first

    friend bool operator==(const SourceDump &, const SourceDump &) = default;
};

// The file's text.
std::string formatSourceDump(const SourceDump &dump);

struct SourceDumpParse
{
    std::optional<SourceDump> dump;
    std::string error; // "line 4: ...", when dump is empty
};
// Reads a file's text; any line that is not exactly what formatSourceDump writes refuses the
// whole file, with the line number and what was wrong.
SourceDumpParse parseSourceDump(std::string_view text);

// Whether a parsed dump may be loaded at clock reading `now` for source `expected`: empty
// when it may, otherwise why not (another source, samples in the future or too old).
std::string checkSourceDump(const SourceDump &dump, const SourceDumpIdentity &expected, RealTime now);

} // namespace s1
