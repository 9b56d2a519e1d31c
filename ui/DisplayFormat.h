// Text for engine values, shared by every view. Pure functions, no widgets, so that the
// chronyc-like conventions are tested in one place and stay identical across tables and panels.
#pragma once

#include "ntp/NtpTypes.h"
#include "report/EngineSnapshot.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace s1 {

// Measured time values with a unit chosen so that about four significant digits show, with the
// locale's decimal separator:
// "+600 ns", "-13 µs", "+1.2 ms", "-2.5 s". Nanoseconds are whole (sub-ns is below what NTP
// resolves); past 99999 s the unit grows to minutes, hours, days, years like chronyc.
// Not-a-number and infinities read "-".
QString formatSignedSeconds(double seconds);
// The same without the "+", for quantities that cannot be negative (delay, dispersion).
QString formatSeconds(double seconds);

// A poll interval given as log2 s: "64 s", "1024 s", "125 ms".
QString formatPollInterval(int log2Seconds);

// The reach register in octal as chronyc shows it: "377", "017".
QString formatReach(std::uint8_t reach);
// The register as 8 bits, oldest poll on the left: "11111110".
QString formatReachBits(std::uint8_t reach);

// Time since an event as in chronyc's LastRx column: seconds below 1200 s ("31"), then minutes
// ("17m"), hours ("5h"), days ("3d") and years ("2y"); "-" when it never happened. Negative
// ages (the snapshot predates the event after a clock step) read "0".
QString formatAge(std::optional<std::int64_t> seconds);
// The age of `event` at `now`, whole seconds rounded down.
std::optional<std::int64_t> ageSeconds(std::optional<RealTime> event, RealTime now);

// A reference ID as chronyc prints it: 8 hex digits ("C0A8018C"), then in parentheses `name`
// when given, else the ASCII tag a stratum 0/1 ID carries ("47505300 (GPS)", "52415445 (RATE)").
// At stratum 2 and above the ID is an IPv4 address or an IPv6 hash, so nothing is guessed.
QString formatRefId(std::uint32_t referenceId, int stratum, const QString &name = {});

// "Normal", "Insert second", "Delete second", "Not synchronised".
QString formatLeap(LeapIndicator leap);

// chronyc's mode character: '^' server, '=' peer, '#' reference clock.
QChar sourceModeSymbol(SourceKind kind);
// chronyc's state character: '*' selected, '+', '-', 'x', '~', '?'.
QChar sourceStateSymbol(SourceState state);
// The state in words: "Selected", "Falseticker", ...
QString sourceStateText(SourceState state);
QString sourceKindText(SourceKind kind);

// A counter with the locale's digit grouping.
QString formatCount(std::uint64_t count);
// A number with `decimals` fixed decimals and the locale's decimal separator ("1,5" in German),
// without digit grouping. The window formats every fractional number with it; stratumctl keeps
// chronyc's "." whatever the locale.
QString formatDecimal(double value, int decimals);
// formatDecimal with a '+' before values from 0 up.
QString formatSignedDecimal(double value, int decimals);

// What the header says about the time we serve. The engine's reference stays "synchronised"
// while it holds over after losing its source; users must see that no source is selected.
enum class SyncState {
    Synchronised,     // a source is selected and the leap indicator is not 3
    NoSourceSelected, // the reference holds over, but nothing is selected now
    LocalClock,       // `local`: our own clock served, no source selected
    NotSynchronised,  // leap 3, or never synchronised
};
// The reference name the engine gives `local`.
inline constexpr const char *kLocalReferenceName = "LOCAL";
SyncState syncState(const ReferenceSnapshot &reference, const std::vector<SourceSnapshot> &sources);

// chronyc's sign for a source offset (`sources`, `sourcestats`, `selectdata`): positive when the
// local clock is ahead of the source. The snapshot's offsets have RFC 5905's, the opposite.
inline double chronycOffset(double snapshotOffset)
{
    return -snapshotOffset;
}

// Why a source has its selection state, in words, from chronyc's `selectdata` letter
// (SourceSnapshot::selectionLetter): "Selected", "Falseticker: outside the interval most sources
// agree on", "Root distance over maxdistance", ... Falls back to sourceStateText().
QString selectionText(const SourceSnapshot &source);

// A snapshot time as "2024-05-01 12:34:56 UTC".
QString formatUtcTime(RealTime time);
// The same without the " UTC" suffix, for a row already labelled UTC.
QString formatUtcDateTime(RealTime time);

} // namespace s1
