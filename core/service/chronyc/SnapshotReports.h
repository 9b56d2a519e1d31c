// From an engine snapshot to the values of chronyc's reports (report/ReportData.h), with
// chronyc's signs and units. This is the one place that knows both conventions:
//
// - SourceSample::offset, SourceSnapshot::adjustedOffset and SourceStatsSnapshot::offset are
//   positive when the SOURCE is ahead (RFC 5905); chronyc's `sources`, `sourcestats` and
//   `selectdata` offsets are positive when the LOCAL clock is ahead: negated here.
// - `ntpdata`'s offset is chrony's raw NTP sample, RFC 5905 sign: kept.
// - ReferenceSnapshot's systemTimeOffset (+ = our time fast), lastOffset (+ = our clock was
//   ahead) and frequencyPpm (+ = the raw oscillator fast) already have TrackingReport's signs;
//   ChronycFormat turns the system time into chronyd's correction itself.
// - SourceStatsSnapshot::frequencyPpm is chrony's sourcestats frequency (+ = our clock gains
//   on the source): kept.
//
// Ages (LastRx, Span) are truncated to whole seconds, as chronyd does. Fields the snapshot does
// not carry yet are documented on each function and in docs/CONTROL_PROTOCOL.md.
#pragma once

#include "report/EngineSnapshot.h"
#include "report/ReportData.h"

#include <cstdint>
#include <string>
#include <vector>

namespace s1 {

// How sources are named in reports: as configured (a host name stays a host name; stratumctl's
// default, where chronyc would reverse-resolve) or by numeric address (chronyc -n and -c).
enum class SourceNaming : std::uint8_t { Configured, Numeric };

// The command channel's own counters, for `serverstats`.
struct CommandCounters
{
    std::uint64_t received = 0; // request lines read
    std::uint64_t dropped = 0;  // lines that were not a valid request
};

std::string sourceDisplayName(const SourceSnapshot &source, SourceNaming naming);

// Not synchronised: reference ID 0, no name, stratum 0 and reference time 1970 (chronyd's
// values); LOCAL and reference clocks are named by their reference ID text, NTP sources by
// `naming`.
TrackingReport trackingReport(const EngineSnapshot &snapshot, SourceNaming naming);
std::vector<SourceReportRow> sourceReportRows(const EngineSnapshot &snapshot, SourceNaming naming);
std::vector<SourceStatsRow> sourceStatsRows(const EngineSnapshot &snapshot, SourceNaming naming);

// Every listed source is polled (online); the engine has no offline mode or bursts on demand,
// and it lists only resolved sources, so the other counts are those of sources without an
// address (none today).
ActivityReport activityReport(const EngineSnapshot &snapshot);

// NTP counters from ServerStats (every drop reason summed), the command channel's from
// `commands`. Our server takes receive timestamps in the kernel and transmit timestamps in the
// daemon just before sendto(), except the kernel's in interleaved replies when the host has
// them; client log records dropped are the records the full log forgot for newer clients;
// timestamps held are the clients with a pair for an interleaved reply. There is no NTS-KE
// yet, and no span of the held timestamps (they are kept per client): zeros.
ServerStatsReport serverStatsReport(const EngineSnapshot &snapshot, const CommandCounters &commands);

// State letters: '*' selected, '+' combined, 'D' selectable but not combined (chrony's
// "distant"), 'x' falseticker, '~' jittery; unusable sources 's' (unsynchronised), 'M' (no
// samples yet) or '?'. The options are not in the snapshot ("-----"), nor the score but the
// selected source's, which is 1.0 by chrony's definition (others 0.0); the offset interval is
// the last sample's adjusted offset +/- its error bound.
std::vector<SelectDataRow> selectDataRows(const EngineSnapshot &snapshot, SourceNaming naming);

// One report per NTP source with an address. Not in the snapshot, so printed as chronyc prints
// zeros: local address ("[UNSPEC]"), the remote's precision, reference time, response time and
// jitter asymmetry. Version 4; the tests are all passed after an accepted reply, and the failing
// test is marked after a rejected one where chrony has a test for that reason.
std::vector<NtpDataReport> ntpDataReports(const EngineSnapshot &snapshot);

// The client log's clients (as many as the snapshot lists), sorted by address and named by it:
// client addresses are never resolved, so plain output is what chronyc -n prints. Ages are
// truncated, intervals rounded to whole log2 seconds. Drops are requests refused by the access
// rules: we do no rate limiting, so IntL is always "-". The command columns stay empty: our
// command channel is a Unix socket, which has no client addresses to log.
ClientsReport clientsReport(const EngineSnapshot &snapshot);
// `authdata`: every NTP source (refclocks have no authentication), in snapshot order.
std::vector<AuthDataRow> authDataRows(const EngineSnapshot &snapshot, SourceNaming naming);

} // namespace s1
