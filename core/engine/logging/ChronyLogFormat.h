// chronyd's statistics log layouts, byte for byte: the banner and one data line per record of
// tracking.log, measurements.log, statistics.log and refclocks.log (chrony 4.x, `logdir` plus
// `log tracking measurements statistics refclocks`), so that scripts and plotting tools written
// for chronyd's logs read ours unchanged.
//
// chronyd prints each line with one printf format; the column layouts below are documented with
// those formats. Numbers are produced in the "C" numeric locale whatever the process locale (a
// decimal comma would break every parser of these files), and integers and strings are never
// truncated: a wide value, such as an IPv6 address in a 15-character column, shifts the rest of
// the line to the right exactly as printf does.
//
// Dates are UTC, "YYYY-MM-DD HH:MM:SS", the seconds rounded down as chronyd's time_t is.
#pragma once

#include "logging/LogRecords.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace s1 {

enum class ChronyLog : std::uint8_t { Tracking, Measurements, Statistics, Refclocks };

// The file's base name: the log is written to <logdir>/<name>.log.
std::string_view chronyLogName(ChronyLog log);
// The column header line, without a newline.
std::string_view chronyLogHeader(ChronyLog log);

// The three banner lines, each ending in '\n': a rule of '=' as long as the header (at most 255
// characters, chronyd's buffer), the header, the rule again.
std::string formatChronyLogBanner(std::string_view header);
std::string formatChronyLogBanner(ChronyLog log);

// One data line each, without the trailing newline (the writer adds it, as chronyd does).
std::string formatChronyLogLine(const TrackingLogRecord &record);
std::string formatChronyLogLine(const MeasurementLogRecord &record);
std::string formatChronyLogLine(const StatisticsLogRecord &record);
std::string formatChronyLogLine(const RefclockLogRecord &record);

// The building blocks, each mirroring one of chronyd's printing helpers.
namespace chronylog {

std::string logTime(RealTime time);       // "2024-03-05 07:08:09"
std::string logTimeMicros(RealTime time); // "2024-03-05 07:08:09.123456" (truncated, not rounded)
// The IP address column: the address when there is one, otherwise the refid text
// (printableReferenceId).
std::string sourceText(const IpAddress &address, std::uint32_t refId);

char leapChar(LeapIndicator leap);                // 'N' '+' '-' '?'
char timestampSourceChar(TimestampSource source); // 'D' 'K' 'H', '?' if out of range

} // namespace chronylog

} // namespace s1
