// chronyc's report layouts, byte for byte: `tracking`, `sources [-v]`, `sourcestats [-v]` and
// their `chronyc -c` CSV forms, produced from the plain values of report/ReportData.h.
//
// The layout rules (column widths, unit switching, fast/slow wording, CSV field lists) are those
// of chronyc 4.x. Numbers are formatted with the C printf family in the "C" numeric locale, as
// chronyc does, so the output matches chronyc's on the same C library.
//
// chronyd sends report numbers to chronyc in its own 32-bit float format, which has no NaN,
// infinity or negative zero: NaN arrives as 0, -0 as +0 and huge values saturate at about
// ±4.6e18. Every double is put through the same mapping (chronyc::wireValue) before it is printed,
// so the output is always something chronyc itself could print ("0ns", never "nan" or "-0ns" for
// an exact zero). The format's 25-bit rounding is not reproduced: our values are more precise.
#pragma once

#include "report/ReportData.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

// How chronyc obtained the names it prints in `sources` and `sourcestats`.
enum class NameStyle : std::uint8_t {
    Resolved, // plain chronyc: reverse-DNS names, cut to 25 chars with '>' as the last one
    Verbatim, // chronyc -n (numeric addresses) or -N (configured names): printed in full
};

std::string formatTracking(const TrackingReport &report);
std::string formatSources(const std::vector<SourceReportRow> &rows, bool verbose,
                          NameStyle names = NameStyle::Resolved);
std::string formatSourceStats(const std::vector<SourceStatsRow> &rows, bool verbose,
                              NameStyle names = NameStyle::Resolved);

// chronyc -c: one comma-separated line per report or row, plain numbers without units or
// padding, no headers. Names are printed in full (chronyc -c implies numeric addresses).
std::string formatTrackingCsv(const TrackingReport &report);
std::string formatSourcesCsv(const std::vector<SourceReportRow> &rows);
std::string formatSourceStatsCsv(const std::vector<SourceStatsRow> &rows);

// The building blocks, each mirroring one chronyc printing rule.
namespace chronyc {

// What a double looks like after a trip through chronyd's report float: NaN and |x| < 1e-100
// become +0, magnitudes beyond the format's range saturate at its largest values.
double wireValue(double x);

// chronyc's interval column (LastRx, Span): "   -" for none, seconds below 1200 s, then minutes
// below 10 h, hours below 4 d, days up to 999 d, then years. Always 4 characters when in range.
std::string formatInterval(std::optional<std::chrono::seconds> interval);
// The value chronyc's protocol carries for an interval: seconds clamped to uint32, with
// 0xFFFFFFFF meaning "none" (CSV prints it as is).
std::uint32_t intervalWireValue(std::optional<std::chrono::seconds> interval);

// |s| with chronyc's unit steps (ns, us, ms up to 4 digits, then s, m, h, d, y), 6 characters
// while in range: "  24ns", "9895us", " 200ms", "1500ms", " 12.5s", "  317y".
std::string formatNanoseconds(double seconds);
// Signed, one character wider: " -13us", "+3653ns", "-2708us".
std::string formatSignedNanoseconds(double seconds);

// ppm with 3 decimals in a 10-wide field (no decimals from 99999.5 ppm on).
std::string formatFreqPpm(double ppm);
std::string formatSignedFreqPpm(double ppm);

// printf("%.*f"), or "%+.*f" with showSign, in the "C" locale, of wireValue(value).
std::string formatFixed(double value, int decimals, bool showSign = false);

// "Wed Apr 09 07:12:20 2025" (UTC, English names whatever the locale).
std::string formatUtcTime(RealTime time);
// "1744182740.000000000": seconds.nanoseconds since the Unix epoch (the CSV time form).
std::string formatEpochTime(RealTime time);

std::string refIdHex(std::uint32_t refId); // "50505300"

char modeMarker(SourceKind mode);         // '^' '=' '#', ' ' if out of range
char stateMarker(SourceState state);      // '*' '+' '-' 'x' '~' '?', ' ' if out of range
std::string leapText(LeapIndicator leap); // "Normal", ..., "Invalid" if out of range

// A name as chronyc prints it in the given style (truncated for Resolved, unpadded).
std::string displayName(std::string_view name, NameStyle style);

} // namespace chronyc

} // namespace s1
