// The Prometheus text exposition format (version 0.0.4) of the engine's state: what `/metrics`
// answers (MetricsEndpoint). A pure function of the latest snapshot and a few facts the host
// adds, so that it is tested without a socket.
//
// Names and labels follow chrony_exporter for what chronyc shows, so that dashboards made for
// chronyd keep working: chrony_tracking_*, chrony_sources_*, chrony_sourcestats_* and
// chrony_serverstats_*, with chronyc's signs and every time in seconds (frequencies stay in
// ppm, as the exporter's `_ppms` names say). What chronyc does not show is ours, under
// stratumone_*: the GPS receiver, the PPS, the NTP server's drops by reason and the alarms.
//
// Values that are not known are left out rather than written as zero: the tracking figures
// before the first clock update, a source's last sample before it has one, its regression
// before it has samples, the receiver's fix and satellites while it is silent. A snapshot older
// than kMetricsStaleAfter is not known either: then only chrony_up (0) and the build
// information are written.
#pragma once

#include "chronyc/SnapshotReports.h"
#include "report/EngineSnapshot.h"

#include <string>
#include <string_view>
#include <vector>

namespace s1 {

// The engine publishes a snapshot every second: three missed ones and it is stale, as the
// window marks an attached service's state stale after the same time.
inline constexpr double kMetricsStaleAfter = 5.0; // s

// The Content-Type of the text format.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

struct MetricsInput
{
    // The latest snapshot; null before the engine published one.
    const EngineSnapshot *snapshot = nullptr;
    // How long ago it arrived, on the host's monotonic clock (the engine's clock may be
    // virtual or stepped).
    double snapshotAge = 0; // s
    // The control channel's counters, for chrony_serverstats_command_packets_*.
    CommandCounters commands;
    // The refids of the configuration's PPS refclocks: their offsets are the PPS offset.
    std::vector<std::string> ppsRefClocks;
    // The configuration reads a receiver on a serial port (an NMEA refclock): its counters are
    // written even while they are 0. Without one, a GPS status that only a PPS fills has none.
    bool serialReceiver = false;
    // stratumone_build_info's version label; empty: not written.
    std::string version;
};

std::string prometheusText(const MetricsInput &input);

// The pieces of the format, for tests. A label value escapes backslash, double quote and line
// feed; HELP text backslash and line feed; bytes that are not UTF-8 become U+FFFD (labels must
// be valid UTF-8). Numbers: the shortest text that reads back as the same double, "NaN",
// "+Inf" or "-Inf".
std::string prometheusLabelValue(std::string_view text);
std::string prometheusHelpText(std::string_view text);
std::string prometheusNumber(double value);

// The metric names a text uses, each once, in order of appearance (sample lines only).
std::vector<std::string> prometheusMetricNames(std::string_view text);

} // namespace s1
