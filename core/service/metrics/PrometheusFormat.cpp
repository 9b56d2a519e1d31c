#include "metrics/PrometheusFormat.h"

#include "engine/Engine.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

namespace s1 {

namespace {

constexpr int kReachBits = 8;
constexpr std::uint8_t kNewestPollBit = 1;
constexpr int kIpv4Bytes = 4;
constexpr int kBitsPerByte = 8;
constexpr unsigned kByteMask = 0xFF;
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD"; // U+FFFD in UTF-8

// u-blox's numbering of fix types (NAV-PVT gpsFix), which timing receivers report; gpsd uses
// the same 2 and 3.
constexpr int kFixNone = 0;
constexpr int kFix2D = 2;
constexpr int kFix3D = 3;
constexpr int kFixTimeOnly = 5;

using Labels = std::vector<std::pair<std::string_view, std::string>>;

enum class MetricType { Gauge, Counter };

// Writes families in the text format. A family's HELP and TYPE lines come with its first
// sample, so that a family with nothing known writes nothing; all its samples follow them
// (the format wants a family's lines together).
class Exposition
{
public:
    void family(std::string_view name, MetricType type, std::string_view help)
    {
        m_name = name;
        m_type = type;
        m_help = help;
        m_headerWritten = false;
    }

    void sample(double value, const Labels &labels = {}) { line(labels, prometheusNumber(value)); }
    void count(std::uint64_t value, const Labels &labels = {}) { line(labels, std::to_string(value)); }
    void flag(bool value, const Labels &labels = {}) { line(labels, value ? "1" : "0"); }

    std::string take() { return std::move(m_text); }

private:
    void line(const Labels &labels, const std::string &value)
    {
        if (!m_headerWritten) {
            m_text += "# HELP ";
            m_text += m_name;
            m_text += ' ';
            m_text += prometheusHelpText(m_help);
            m_text += "\n# TYPE ";
            m_text += m_name;
            m_text += m_type == MetricType::Counter ? " counter\n" : " gauge\n";
            m_headerWritten = true;
        }
        m_text += m_name;
        if (!labels.empty()) {
            m_text += '{';
            for (std::size_t i = 0; i < labels.size(); ++i) {
                if (i > 0)
                    m_text += ',';
                m_text += labels[i].first;
                m_text += "=\"";
                m_text += prometheusLabelValue(labels[i].second);
                m_text += '"';
            }
            m_text += '}';
        }
        m_text += ' ';
        m_text += value;
        m_text += '\n';
    }

    std::string m_text;
    std::string_view m_name;
    std::string_view m_help;
    MetricType m_type = MetricType::Gauge;
    bool m_headerWritten = false;
};

// Length of the valid UTF-8 sequence at `at`, 0 when the byte there does not start one.
std::size_t utf8SequenceLength(std::string_view text, std::size_t at)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF; // the second byte's range; later ones are always 0x80..0xBF
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
        high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (at + length > text.size())
        return 0;
    if (byte(at + 1) < low || byte(at + 1) > high)
        return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF)
            return 0;
    return length;
}

// `text` with `escapeQuote` deciding whether '"' is escaped (labels) or not (HELP).
std::string escaped(std::string_view text, bool escapeQuote)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = utf8SequenceLength(text, i);
        if (length == 0) {
            out += kReplacementCharacter;
            ++i;
            continue;
        }
        if (length == 1) {
            const char c = text[i];
            if (c == '\\')
                out += "\\\\";
            else if (c == '\n')
                out += "\\n";
            else if (c == '"' && escapeQuote)
                out += "\\\"";
            else
                out += c;
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

std::string hexReferenceId(std::uint32_t id)
{
    char text[9];
    std::snprintf(text, sizeof text, "%08X", id);
    return text;
}

// chronyd reports a refclock's address as its refid read as an IPv4 address.
std::string refIdAsAddress(std::uint32_t id)
{
    std::string text;
    for (int i = kIpv4Bytes - 1; i >= 0; --i) {
        text += std::to_string((id >> (i * kBitsPerByte)) & kByteMask);
        if (i > 0)
            text += '.';
    }
    return text;
}

std::string sourceAddress(const SourceSnapshot &source)
{
    if (source.kind == SourceKind::RefClock)
        return refIdAsAddress(source.referenceId);
    return source.address.ip.toString();
}

// chrony_exporter's words for chronyc's state column and mode column.
std::string_view stateName(SourceState state)
{
    switch (state) {
    case SourceState::Selected:
        return "sync";
    case SourceState::Unusable:
        return "unreach";
    case SourceState::Falseticker:
        return "falseticker";
    case SourceState::TooVariable:
        return "jittery";
    case SourceState::Combined:
        return "candidate";
    case SourceState::NotCombined:
        return "outlier";
    }
    return "unreach";
}

std::string_view modeName(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Server:
        return "client";
    case SourceKind::Peer:
        return "peer";
    case SourceKind::RefClock:
        return "reference clock";
    }
    return "client";
}

int fixModeNumber(GpsFixMode mode)
{
    switch (mode) {
    case GpsFixMode::None:
        return kFixNone;
    case GpsFixMode::Fix2D:
        return kFix2D;
    case GpsFixMode::Fix3D:
        return kFix3D;
    case GpsFixMode::TimeOnly:
        return kFixTimeOnly;
    }
    return kFixNone;
}

// The NTP source the reference is, when it is one (not LOCAL, not a refclock).
const SourceSnapshot *referenceSource(const EngineSnapshot &snapshot)
{
    const ReferenceSnapshot &r = snapshot.reference;
    for (const SourceSnapshot &s : snapshot.sources)
        if (s.kind != SourceKind::RefClock && !s.address.ip.isNull() && s.name == r.referenceName)
            return &s;
    return nullptr;
}

bool isLocalReference(const ReferenceSnapshot &r)
{
    return r.synchronised && r.referenceId == Engine::kLocalReferenceId && r.referenceName == "LOCAL";
}

void writeTracking(Exposition &out, const EngineSnapshot &snapshot)
{
    const ReferenceSnapshot &r = snapshot.reference;
    const TrackingReport t = trackingReport(snapshot, SourceNaming::Configured);
    const SourceSnapshot *source = r.synchronised ? referenceSource(snapshot) : nullptr;
    // chronyd gives LOCAL the address 127.127.1.1 and refclocks none.
    const std::string address = source                ? source->address.ip.toString()
                                : isLocalReference(r) ? std::string("127.127.1.1")
                                                      : std::string();
    // LOCAL's refid has no printable letters (chronyc prints "()"): its name says what it is.
    const std::string name = isLocalReference(r) ? r.referenceName : t.referenceName;

    out.family("chrony_tracking_info", MetricType::Gauge, "The reference the clock is synchronised to (always 1).");
    out.sample(
        1, {{"tracking_address", address}, {"tracking_name", name}, {"tracking_refid", hexReferenceId(t.referenceId)}});
    out.family("chrony_tracking_stratum", MetricType::Gauge, "The stratum served (0: not synchronised).");
    out.sample(t.stratum);
    out.family("chrony_tracking_remote_reference", MetricType::Gauge,
               "Whether the clock is synchronised to a source (1), rather than to its own local reference or to "
               "nothing (0).");
    out.flag(r.synchronised && !isLocalReference(r));
    out.family("stratumone_tracking_synchronised", MetricType::Gauge,
               "Whether the served time is synchronised, to a source or the local reference (1) or not (0).");
    out.flag(r.synchronised);
    if (!r.synchronised)
        return; // the rest is chronyd's placeholders: nothing is known

    if (r.referenceTime) {
        out.family("chrony_tracking_reference_timestamp_seconds", MetricType::Gauge,
                   "When the last update of the clock from its reference was made, in Unix seconds.");
        out.sample(toSeconds(r.referenceTime->time_since_epoch()));
    }
    out.family("chrony_tracking_root_delay_seconds", MetricType::Gauge,
               "The total of the network path delays to the stratum-1 computer the clock is synchronised from.");
    out.sample(t.rootDelay);
    out.family("chrony_tracking_root_dispersion_seconds", MetricType::Gauge,
               "The total dispersion accumulated up to the stratum-1 computer the clock is synchronised from.");
    out.sample(t.rootDispersion);
    if (isLocalReference(r))
        return; // no clock updates: offsets and frequencies are not measured

    out.family("chrony_tracking_last_offset_seconds", MetricType::Gauge,
               "The estimated offset of the clock at its last update (positive: the clock was ahead).");
    out.sample(t.lastOffset);
    out.family("chrony_tracking_rms_offset_seconds", MetricType::Gauge, "The long-term average of the offset.");
    out.sample(t.rmsOffset);
    out.family("chrony_tracking_system_time_seconds", MetricType::Gauge,
               "The correction still to be applied to the clock, chronyd's sign: positive when the clock is "
               "behind (slow of) true time.");
    out.sample(-t.systemTimeOffset);
    out.family("chrony_tracking_frequency_ppms", MetricType::Gauge,
               "The rate at which the clock would be wrong without correction, in ppm (positive: fast).");
    out.sample(t.frequencyPpm);
    out.family("chrony_tracking_residual_frequency_ppms", MetricType::Gauge,
               "The selected source's frequency minus the one in use, in ppm.");
    out.sample(t.residualFrequencyPpm);
    out.family("chrony_tracking_skew_ppms", MetricType::Gauge, "The estimated error bound of the frequency, in ppm.");
    out.sample(t.skewPpm);
    out.family("chrony_tracking_update_interval_seconds", MetricType::Gauge,
               "The interval between the last two updates of the clock.");
    out.sample(t.updateInterval);
}

// The sources chronyd would list: NTP sources with an address, and refclocks.
std::vector<std::size_t> listedSources(const EngineSnapshot &snapshot)
{
    std::vector<std::size_t> listed;
    for (std::size_t i = 0; i < snapshot.sources.size(); ++i) {
        const SourceSnapshot &s = snapshot.sources[i];
        if (s.kind == SourceKind::RefClock || !s.address.ip.isNull())
            listed.push_back(i);
    }
    return listed;
}

Labels sourceLabels(const SourceSnapshot &source)
{
    return {{"source_address", sourceAddress(source)},
            {"source_name", sourceDisplayName(source, SourceNaming::Configured)}};
}

void writeSources(Exposition &out, const EngineSnapshot &snapshot, const std::vector<std::size_t> &listed)
{
    const std::vector<SourceReportRow> rows = sourceReportRows(snapshot, SourceNaming::Configured);
    const auto each = [&](auto &&write) {
        for (std::size_t i : listed)
            write(snapshot.sources[i], rows[i], sourceLabels(snapshot.sources[i]));
    };

    out.family("chrony_sources_state_info", MetricType::Gauge,
               "The source's state in selection (sync, candidate, outlier, falseticker, jittery, unreach) and "
               "mode (client, peer, reference clock); always 1.");
    each([&](const SourceSnapshot &s, const SourceReportRow &, Labels labels) {
        labels.emplace_back("source_state", std::string(stateName(s.state)));
        labels.emplace_back("source_mode", std::string(modeName(s.kind)));
        out.sample(1, labels);
    });
    out.family("chrony_sources_stratum", MetricType::Gauge, "The source's stratum.");
    each([&](const SourceSnapshot &s, const SourceReportRow &, const Labels &labels) {
        if (s.kind == SourceKind::RefClock || s.stratum > 0) // an NTP source's 0: not heard yet
            out.sample(s.stratum, labels);
    });
    out.family("chrony_sources_polling_interval_seconds", MetricType::Gauge, "The source's polling interval.");
    each([&](const SourceSnapshot &s, const SourceReportRow &, const Labels &labels) {
        out.sample(std::ldexp(1.0, s.poll), labels);
    });
    out.family("chrony_sources_reachability_ratio", MetricType::Gauge,
               "The share of the last 8 polls the source answered.");
    each([&](const SourceSnapshot &s, const SourceReportRow &, const Labels &labels) {
        out.sample(static_cast<double>(std::popcount(s.reach)) / kReachBits, labels);
    });
    out.family("chrony_sources_reachability_success", MetricType::Gauge, "Whether the source answered the last poll.");
    each([&](const SourceSnapshot &s, const SourceReportRow &, const Labels &labels) {
        out.flag((s.reach & kNewestPollBit) != 0, labels);
    });
    out.family("chrony_sources_last_sample_age_seconds", MetricType::Gauge,
               "The time since the source's last good sample.");
    each([&](const SourceSnapshot &s, const SourceReportRow &, const Labels &labels) {
        if (s.lastRx)
            out.sample(std::max(0.0, toSeconds(snapshot.time - *s.lastRx)), labels);
    });
    out.family("chrony_sources_last_sample_offset_seconds", MetricType::Gauge,
               "The offset of the source's last sample, adjusted for clock corrections since, chronyc's sign "
               "(positive: the local clock is ahead of the source).");
    each([&](const SourceSnapshot &s, const SourceReportRow &row, const Labels &labels) {
        if (s.lastSample)
            out.sample(row.adjustedOffset, labels);
    });
    out.family("chrony_sources_last_sample_error_margin_seconds", MetricType::Gauge,
               "The error bound of the source's last sample.");
    each([&](const SourceSnapshot &s, const SourceReportRow &row, const Labels &labels) {
        if (s.lastSample)
            out.sample(row.errorBound, labels);
    });
}

void writeSourceStats(Exposition &out, const EngineSnapshot &snapshot, const std::vector<std::size_t> &listed)
{
    const std::vector<SourceStatsRow> rows = sourceStatsRows(snapshot, SourceNaming::Configured);
    const auto each = [&](const auto &write) {
        for (std::size_t i : listed)
            if (snapshot.sources[i].stats.samples > 0) // no regression without samples
                write(snapshot.sources[i], rows[i], sourceLabels(snapshot.sources[i]));
    };

    out.family("chrony_sourcestats_samples", MetricType::Gauge,
               "The number of samples the source's regression uses (NP).");
    each([&](const SourceSnapshot &, const SourceStatsRow &row, const Labels &labels) {
        out.count(row.samples, labels);
    });
    out.family("chrony_sourcestats_runs", MetricType::Gauge,
               "The number of runs of residuals of the same sign after the last regression (NR).");
    each([&](const SourceSnapshot &, const SourceStatsRow &row, const Labels &labels) { out.count(row.runs, labels); });
    out.family("chrony_sourcestats_span_seconds", MetricType::Gauge,
               "The interval between the oldest and the newest sample of the regression.");
    each([&](const SourceSnapshot &s, const SourceStatsRow &, const Labels &labels) {
        out.sample(s.stats.span, labels);
    });
    out.family("chrony_sourcestats_frequency_ppms", MetricType::Gauge,
               "The estimated residual frequency of the clock against the source, in ppm.");
    each([&](const SourceSnapshot &, const SourceStatsRow &row, const Labels &labels) {
        out.sample(row.frequencyPpm, labels);
    });
    out.family("chrony_sourcestats_frequency_skew_ppms", MetricType::Gauge,
               "The estimated error bound of that frequency, in ppm.");
    each([&](const SourceSnapshot &, const SourceStatsRow &row, const Labels &labels) {
        out.sample(row.frequencySkewPpm, labels);
    });
    out.family("chrony_sourcestats_offset", MetricType::Gauge,
               "The estimated offset of the source in seconds, chronyc's sign (positive: the local clock is ahead).");
    each([&](const SourceSnapshot &, const SourceStatsRow &row, const Labels &labels) {
        out.sample(row.offset, labels);
    });
    out.family("chrony_sourcestats_stddev", MetricType::Gauge,
               "The estimated standard deviation of the source's samples, in seconds.");
    each([&](const SourceSnapshot &, const SourceStatsRow &row, const Labels &labels) {
        out.sample(row.stdDev, labels);
    });
}

void writeServerStats(Exposition &out, const EngineSnapshot &snapshot, const CommandCounters &commands)
{
    const ServerStatsReport r = serverStatsReport(snapshot, commands);
    const auto counter = [&](std::string_view name, std::string_view help, std::uint64_t value) {
        out.family(name, MetricType::Counter, help);
        out.count(value);
    };
    counter("chrony_serverstats_ntp_packets_received_total",
            "The NTP requests from allowed clients the server received, as chronyd counts them (the others are in "
            "stratumone_ntp_requests_dropped_total).",
            r.ntpPacketsReceived);
    counter("chrony_serverstats_ntp_packets_dropped_total", "The NTP requests rate limiting dropped.",
            r.ntpPacketsDropped);
    counter("chrony_serverstats_command_packets_received_total", "The control requests the server received.",
            r.commandPacketsReceived);
    counter("chrony_serverstats_command_packets_dropped_total", "The control requests that were not valid.",
            r.commandPacketsDropped);
    counter("chrony_serverstats_client_log_records_dropped_total",
            "The client log records forgotten to keep the log within clientloglimit.", r.clientLogRecordsDropped);
    counter("chrony_serverstats_nts_ke_connections_accepted_total", "The NTS-KE connections accepted (no NTS yet).",
            r.ntsKeConnectionsAccepted);
    counter("chrony_serverstats_nts_ke_connections_dropped_total", "The NTS-KE connections dropped (no NTS yet).",
            r.ntsKeConnectionsDropped);
    counter("chrony_serverstats_authenticated_ntp_packets_total", "The NTP requests with a good symmetric-key MAC.",
            r.authenticatedNtpPackets);
    counter("chrony_serverstats_interleaved_ntp_packets_total", "The NTP requests answered in interleaved mode.",
            r.interleavedNtpPackets);
    out.family("chrony_serverstats_ntp_timestamps_held", MetricType::Gauge,
               "The receive and transmit timestamp pairs held for interleaved clients.");
    out.count(r.ntpTimestampsHeld);
    out.family("chrony_serverstats_ntp_timestamp_span_seconds", MetricType::Gauge,
               "The interval the held timestamps cover.");
    out.count(r.ntpTimestampSpan);
    counter("chrony_serverstats_ntp_daemon_rx_timestamps_total",
            "The NTP replies whose receive timestamp the daemon took.", r.ntpDaemonRxTimestamps);
    counter("chrony_serverstats_ntp_daemon_tx_timestamps_total",
            "The NTP replies whose transmit timestamp the daemon took.", r.ntpDaemonTxTimestamps);
    counter("chrony_serverstats_ntp_kernel_rx_timestamps_total",
            "The NTP replies whose receive timestamp the kernel took.", r.ntpKernelRxTimestamps);
    counter("chrony_serverstats_ntp_kernel_tx_timestamps_total",
            "The NTP replies whose transmit timestamp the kernel took.", r.ntpKernelTxTimestamps);
    counter("chrony_serverstats_ntp_hw_rx_timestamps_total",
            "The NTP replies whose receive timestamp the network card took.", r.ntpHardwareRxTimestamps);
    counter("chrony_serverstats_ntp_hw_tx_timestamps_total",
            "The NTP replies whose transmit timestamp the network card took.", r.ntpHardwareTxTimestamps);

    // Ours: every drop by reason, also of what chronyd does not count as received.
    const ServerStats &s = snapshot.server;
    out.family("stratumone_ntp_requests_dropped_total", MetricType::Counter,
               "The NTP requests the server dropped, by reason.");
    const std::pair<std::string_view, std::uint64_t> reasons[] = {
        {"malformed", s.droppedMalformed}, {"bad_version", s.droppedBadVersion},   {"bad_mode", s.droppedBadMode},
        {"denied", s.droppedDenied},       {"rate_limited", s.droppedRateLimited}, {"other", s.droppedOther},
        {"auth", s.droppedAuth},
    };
    for (const auto &[reason, value] : reasons)
        out.count(value, {{"reason", std::string(reason)}});
    counter("stratumone_ntp_replies_sent_total", "The NTP replies the server sent, kiss-o'-death included.",
            s.repliesSent);
    counter("stratumone_ntp_kiss_of_death_sent_total", "The RATE kiss-o'-death replies the server sent.",
            s.kissOfDeathSent);
}

bool isPpsRefClock(const SourceSnapshot &source, const std::vector<std::string> &ppsRefClocks)
{
    return source.kind == SourceKind::RefClock
           && std::find(ppsRefClocks.begin(), ppsRefClocks.end(), source.name) != ppsRefClocks.end();
}

// The serial line's load (`stratumctl gps`), as far as the monitor has measured it: a USB
// port has no speed to measure against, and an empty window no rates.
void writeGpsLink(Exposition &out, const std::optional<GpsLinkLoad> &link)
{
    if (!link)
        return;
    out.family("stratumone_gps_serial_overloaded", MetricType::Gauge,
               "Whether the receiver sends more than its serial line carries (the serial-link-overloaded alarm).");
    out.flag(link->overloaded);
    if (link->usb || link->windowSeconds <= 0)
        return;
    out.family("stratumone_gps_serial_baud_rate", MetricType::Gauge, "The serial line's speed in bit/s.");
    out.count(static_cast<std::uint64_t>(link->baudRate));
    out.family("stratumone_gps_serial_bytes_per_second", MetricType::Gauge,
               "The bytes a second the receiver sent over the last window.");
    out.sample(link->bytesPerSecond);
    out.family("stratumone_gps_serial_load_ratio", MetricType::Gauge,
               "The bytes a second against what the line carries at its speed (1 is full).");
    out.sample(link->load);
    out.family("stratumone_gps_serial_longest_burst_seconds", MetricType::Gauge,
               "The time the line needed for the longest epoch's burst in the window.");
    out.sample(link->longestBurst);
}

void writeGps(Exposition &out, const GpsStatus &gps, bool serialReceiver)
{
    if (!serialReceiver && !gps.lastMessageAge && gps.sentenceCounts.empty())
        return; // no receiver: the status only carries a PPS
    if (gps.lastMessageAge) {
        out.family("stratumone_gps_last_message_age_seconds", MetricType::Gauge,
                   "The time since the receiver's last good message.");
        out.sample(*gps.lastMessageAge);
    }
    // A silent receiver's fix, time and satellites are not known.
    if (gps.lastMessageAge && *gps.lastMessageAge <= kGpsStatusTimeout) {
        out.family("stratumone_gps_fix_mode", MetricType::Gauge,
                   "The receiver's fix: 0 none, 2 2D, 3 3D, 5 time only (u-blox's numbering).");
        out.sample(fixModeNumber(gps.fixMode));
        out.family("stratumone_gps_time_valid", MetricType::Gauge, "Whether the receiver says its time is valid.");
        out.flag(gps.epochTimeValid);
        out.family("stratumone_gps_satellites_seen", MetricType::Gauge, "The satellites the receiver reports in view.");
        out.count(gps.satellites.size());
        out.family("stratumone_gps_satellites_used", MetricType::Gauge,
                   "The satellites the receiver uses in its solution.");
        out.sample(gps.satellitesUsed());
        out.family("stratumone_gps_dop", MetricType::Gauge, "The receiver's dilutions of precision.");
        const std::pair<std::string_view, std::optional<double>> dops[] = {
            {"pdop", gps.pdop}, {"hdop", gps.hdop}, {"vdop", gps.vdop}};
        for (const auto &[kind, value] : dops)
            if (value)
                out.sample(*value, {{"kind", std::string(kind)}});
    }
    out.family("stratumone_gps_messages_total", MetricType::Counter, "The receiver's messages decoded, by type.");
    for (const auto &[message, count] : gps.sentenceCounts)
        out.count(count, {{"message", message}});
    out.family("stratumone_gps_checksum_errors_total", MetricType::Counter,
               "The receiver's messages with a bad checksum.");
    out.count(gps.checksumErrors);
    out.family("stratumone_gps_garbage_bytes_total", MetricType::Counter,
               "The bytes on the receiver's line that were no message (a wrong baud rate shows here).");
    out.count(gps.garbageBytes);
    out.family("stratumone_gps_serial_overruns_total", MetricType::Counter,
               "The overruns the serial port's driver counted.");
    out.count(gps.serialOverruns);
    writeGpsLink(out, gps.link);
}

void writePps(Exposition &out, const EngineSnapshot &snapshot, const std::vector<std::string> &ppsRefClocks)
{
    if (snapshot.gps && (!ppsRefClocks.empty() || snapshot.gps->pps.pulseCount > 0)) {
        const GpsPpsStatus &pps = snapshot.gps->pps;
        out.family("stratumone_pps_pulses_total", MetricType::Counter, "The pulses the PPS device delivered.");
        out.count(pps.pulseCount);
        if (pps.pulseCount > 1) { // the jitter needs two pulses
            out.family("stratumone_pps_jitter_seconds", MetricType::Gauge, "The jitter of the PPS pulses.");
            out.sample(pps.jitter);
        }
    }
    out.family("stratumone_pps_offset_seconds", MetricType::Gauge,
               "The offset of the PPS refclock's last sample, chronyc's sign (positive: the local clock is ahead "
               "of the pulse).");
    for (const SourceSnapshot &s : snapshot.sources)
        if (isPpsRefClock(s, ppsRefClocks) && s.lastSample)
            out.sample(-s.adjustedOffset, {{"source_name", s.name}});
}

void writeAlarms(Exposition &out, const EngineSnapshot &snapshot)
{
    std::map<AlarmSeverity, std::uint64_t> active;
    for (AlarmSeverity severity : kAlarmSeverities)
        active[severity] = 0;
    // One series per kind and subject: Prometheus refuses a scrape with a series twice.
    std::set<std::pair<AlarmKind, std::string>> seen;
    std::vector<const Alarm *> listed;
    for (const Alarm &alarm : snapshot.alarms) {
        if (!alarm.active())
            continue;
        ++active[alarm.severity];
        if (seen.insert({alarm.kind, alarm.subject}).second)
            listed.push_back(&alarm);
    }
    out.family("stratumone_alarms_active", MetricType::Gauge, "The alarms active now, by severity.");
    for (const auto &[severity, count] : active)
        out.count(count, {{"severity", toString(severity)}});
    out.family("stratumone_alarm_active", MetricType::Gauge,
               "An active alarm: its kind, severity and subject (empty: the server itself); always 1.");
    for (const Alarm *alarm : listed)
        out.sample(
            1, {{"kind", toString(alarm->kind)}, {"severity", toString(alarm->severity)}, {"subject", alarm->subject}});
}

} // namespace

std::string prometheusLabelValue(std::string_view text)
{
    return escaped(text, true);
}

std::string prometheusHelpText(std::string_view text)
{
    return escaped(text, false);
}

std::string prometheusNumber(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    if (value == 0)
        return "0"; // and not "-0"
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    return ec == std::errc() ? std::string(text, end) : std::string("NaN");
}

std::string prometheusText(const MetricsInput &input)
{
    Exposition out;
    const EngineSnapshot *snapshot = input.snapshot;
    const bool known = snapshot && input.snapshotAge <= kMetricsStaleAfter;
    out.family("chrony_up", MetricType::Gauge,
               "Whether the engine's state is known: it published a snapshot in the last 5 seconds.");
    out.flag(known);
    if (!input.version.empty()) {
        out.family("stratumone_build_info", MetricType::Gauge, "The version of Stratum One serving (always 1).");
        out.sample(1, {{"version", input.version}});
    }
    if (!known)
        return out.take();

    writeTracking(out, *snapshot);
    const std::vector<std::size_t> listed = listedSources(*snapshot);
    writeSources(out, *snapshot, listed);
    writeSourceStats(out, *snapshot, listed);
    out.family("stratumone_sources_unresolved", MetricType::Gauge, "The configured names that have no address yet.");
    out.count(snapshot->unresolved.size());
    writeServerStats(out, *snapshot, input.commands);
    if (snapshot->gps)
        writeGps(out, *snapshot->gps, input.serialReceiver);
    writePps(out, *snapshot, input.ppsRefClocks);
    writeAlarms(out, *snapshot);
    out.family("stratumone_config_warnings", MetricType::Gauge,
               "The warnings of the configuration running (what has no effect yet, ...).");
    out.count(snapshot->configWarnings.size());
    return out.take();
}

std::vector<std::string> prometheusMetricNames(std::string_view text)
{
    std::vector<std::string> names;
    std::set<std::string, std::less<>> seen;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line.front() == '#')
            continue;
        const std::string_view name = line.substr(0, line.find_first_of("{ "));
        if (seen.insert(std::string(name)).second)
            names.emplace_back(name);
    }
    return names;
}

} // namespace s1
