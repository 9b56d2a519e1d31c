#include "chronyc/SnapshotReports.h"

#include "chronyc/ChronycFormat.h"
#include "ntp/ReferenceId.h"
#include "sources/NtpSource.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace s1 {

namespace {

constexpr int kNtpVersion4 = 4;
constexpr double kSelectedScore = 1.0;

// chrony's packet tests as ntpdata prints them: test 1 in bit 9 ... test D in bit 0.
constexpr std::uint16_t kAllTestsPassed = 0x3ff;
constexpr std::uint16_t kTest1Duplicate = 1U << 9;
constexpr std::uint16_t kTest2Bogus = 1U << 8;
constexpr std::uint16_t kTest3Invalid = 1U << 7;
constexpr std::uint16_t kTest6Synchronised = 1U << 5;
constexpr std::uint16_t kTest7RootDistance = 1U << 4;

// Whole seconds from `since` to the snapshot, truncated like chronyd's (unsigned long) casts.
std::optional<std::chrono::seconds> ageAt(const EngineSnapshot &snapshot, const std::optional<RealTime> &since)
{
    if (!since)
        return std::nullopt;
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(snapshot.time - *since);
    return std::max(age, std::chrono::seconds(0));
}

// chronyd reports the log's counters as uint32.
std::uint32_t saturatedUint32(std::uint64_t n)
{
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(n, std::numeric_limits<std::uint32_t>::max()));
}

// chronyd's int8 interval field, where 127 means "unknown": rounded and kept below that.
constexpr long kMinClientInterval = std::numeric_limits<std::int8_t>::min();
constexpr long kMaxClientInterval = std::numeric_limits<std::int8_t>::max() - 1;

std::optional<int> clientInterval(const std::optional<double> &log2Interval)
{
    if (!log2Interval || !std::isfinite(*log2Interval))
        return std::nullopt;
    const double clamped =
        std::clamp(*log2Interval, static_cast<double>(kMinClientInterval), static_cast<double>(kMaxClientInterval));
    return static_cast<int>(std::lround(clamped));
}

std::chrono::seconds truncatedSeconds(double seconds)
{
    if (!(seconds > 0))
        return std::chrono::seconds(0);
    return std::chrono::seconds(static_cast<std::chrono::seconds::rep>(std::trunc(seconds)));
}

// The NTP source the reference names, if the reference is one (not LOCAL or a refclock).
const SourceSnapshot *referenceSource(const EngineSnapshot &snapshot)
{
    const ReferenceSnapshot &r = snapshot.reference;
    for (const SourceSnapshot &s : snapshot.sources)
        if (s.kind != SourceKind::RefClock && !s.address.ip.isNull() && s.name == r.referenceName)
            return &s;
    return nullptr;
}

char selectStateLetter(const SourceSnapshot &s)
{
    switch (s.state) {
    case SourceState::Selected:
        return '*';
    case SourceState::Combined:
        return '+';
    case SourceState::NotCombined:
        return 'D';
    case SourceState::Falseticker:
        return 'x';
    case SourceState::TooVariable:
        return '~';
    case SourceState::Unusable:
        break;
    }
    if (s.reach != 0 && (s.leap == LeapIndicator::Unsynchronised || s.stratum <= 0 || s.stratum >= kNtpMaxStratum))
        return 's';
    if (s.stats.samples == 0)
        return 'M';
    return '?';
}

std::uint16_t ntpTests(const SourceSnapshot &s)
{
    if (s.repliesAccepted + s.repliesRejected == 0)
        return 0;
    if (s.lastRejectReason.empty())
        return kAllTestsPassed;
    const auto is = [&s](ReplyVerdict verdict) { return s.lastRejectReason == toString(verdict); };
    std::uint16_t failed = 0;
    if (is(ReplyVerdict::Duplicate))
        failed = kTest1Duplicate;
    else if (is(ReplyVerdict::Bogus))
        failed = kTest2Bogus;
    else if (is(ReplyVerdict::Invalid))
        failed = kTest3Invalid;
    else if (is(ReplyVerdict::Unsynchronised) || is(ReplyVerdict::KissRate) || is(ReplyVerdict::KissDeny)
             || is(ReplyVerdict::KissRestrict))
        failed = kTest6Synchronised; // a kiss-o'-death comes with stratum 0
    else if (is(ReplyVerdict::TooFar))
        failed = kTest7RootDistance;
    return static_cast<std::uint16_t>(kAllTestsPassed & ~failed);
}

std::uint32_t clampedCount(std::uint64_t n)
{
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(n, std::numeric_limits<std::uint32_t>::max()));
}

} // namespace

std::string sourceDisplayName(const SourceSnapshot &source, SourceNaming naming)
{
    if (naming == SourceNaming::Numeric && source.kind != SourceKind::RefClock && !source.address.ip.isNull())
        return source.address.ip.toString();
    return source.name;
}

TrackingReport trackingReport(const EngineSnapshot &snapshot, SourceNaming naming)
{
    const ReferenceSnapshot &r = snapshot.reference;
    TrackingReport t;
    if (r.synchronised) {
        t.referenceId = r.referenceId;
        const SourceSnapshot *source = referenceSource(snapshot);
        t.referenceName = source ? sourceDisplayName(*source, naming) : printableReferenceId(r.referenceId);
        t.stratum = r.stratum;
        t.referenceTime = r.referenceTime.value_or(RealTime{});
        t.leap = r.leap;
    } else {
        t.leap = LeapIndicator::Unsynchronised;
    }
    t.systemTimeOffset = r.systemTimeOffset;
    t.lastOffset = r.lastOffset;
    t.rmsOffset = r.rmsOffset;
    t.frequencyPpm = r.frequencyPpm;
    t.residualFrequencyPpm = r.residualFrequencyPpm;
    t.skewPpm = r.skewPpm;
    t.rootDelay = r.rootDelay;
    t.rootDispersion = r.rootDispersion;
    t.updateInterval = r.updateInterval;
    return t;
}

std::vector<SourceReportRow> sourceReportRows(const EngineSnapshot &snapshot, SourceNaming naming)
{
    std::vector<SourceReportRow> rows;
    rows.reserve(snapshot.sources.size());
    for (const SourceSnapshot &s : snapshot.sources) {
        SourceReportRow row;
        row.mode = s.kind;
        row.state = s.state;
        row.name = sourceDisplayName(s, naming);
        row.stratum = s.stratum;
        row.poll = s.poll;
        row.reach = s.reach;
        row.lastRxAge = ageAt(snapshot, s.lastRx);
        if (s.lastSample) {
            row.adjustedOffset = -s.adjustedOffset;
            row.measuredOffset = -s.lastSample->offset;
            row.errorBound = s.errorBound;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<SourceStatsRow> sourceStatsRows(const EngineSnapshot &snapshot, SourceNaming naming)
{
    std::vector<SourceStatsRow> rows;
    rows.reserve(snapshot.sources.size());
    for (const SourceSnapshot &s : snapshot.sources) {
        SourceStatsRow row;
        row.name = sourceDisplayName(s, naming);
        row.samples = static_cast<std::uint32_t>(std::max(s.stats.samples, 0));
        row.runs = static_cast<std::uint32_t>(std::max(s.stats.runs, 0));
        row.span = truncatedSeconds(s.stats.span);
        row.frequencyPpm = s.stats.frequencyPpm;
        row.frequencySkewPpm = s.stats.frequencySkewPpm;
        row.offset = -s.stats.offset;
        row.stdDev = s.stats.standardDeviation;
        rows.push_back(std::move(row));
    }
    return rows;
}

ActivityReport activityReport(const EngineSnapshot &snapshot)
{
    ActivityReport a;
    for (const SourceSnapshot &s : snapshot.sources) {
        if (s.kind != SourceKind::RefClock && s.address.ip.isNull())
            ++a.unresolved;
        else
            ++a.online;
    }
    return a;
}

ServerStatsReport serverStatsReport(const EngineSnapshot &snapshot, const CommandCounters &commands)
{
    ServerStatsReport r;
    // chronyd's counts: requests from allowed clients in a mode it answers (those its client
    // log sees), and of them the ones rate limiting dropped. Datagrams refused before that
    // (access rules, malformed, other modes) are in the snapshot's own counters only.
    const ServerStats &server = snapshot.server;
    r.ntpPacketsReceived = server.repliesSent + server.droppedRateLimited + server.droppedOther + server.droppedAuth;
    r.ntpPacketsDropped = server.droppedRateLimited;
    r.commandPacketsReceived = commands.received;
    r.commandPacketsDropped = commands.dropped;
    r.clientLogRecordsDropped = snapshot.clientLog.recordsDropped;
    r.authenticatedNtpPackets = server.authenticatedRequests;
    r.interleavedNtpPackets = server.interleavedReplies;
    r.ntpTimestampsHeld = snapshot.clientLog.timestampsHeld;
    // chronyd counts the timestamps of the requests it answers (KoDs included): a transmit
    // timestamp is the kernel's only in an interleaved reply that carries the kernel's stamp
    // (a network card's stamp there counts as the kernel's: the client log keeps no more).
    const std::uint64_t otherRx =
        std::min(server.repliesSent, server.daemonReceiveStamps + server.hardwareReceiveStamps);
    r.ntpDaemonRxTimestamps = server.daemonReceiveStamps;
    r.ntpHardwareRxTimestamps = server.hardwareReceiveStamps;
    r.ntpKernelRxTimestamps = server.repliesSent - otherRx;
    r.ntpKernelTxTimestamps = server.interleavedKernelTransmits;
    r.ntpDaemonTxTimestamps = server.repliesSent - server.interleavedKernelTransmits;
    return r;
}

ClientsReport clientsReport(const EngineSnapshot &snapshot)
{
    std::vector<ClientSnapshot> clients = snapshot.clientLog.clients;
    std::sort(clients.begin(), clients.end(),
              [](const ClientSnapshot &a, const ClientSnapshot &b) { return a.address < b.address; });
    ClientsReport report;
    report.notShown = snapshot.clientLog.notShown;
    report.rows.reserve(clients.size());
    for (const ClientSnapshot &c : clients) {
        ClientReportRow row;
        row.name = c.address.toString();
        row.ntpPackets = saturatedUint32(c.ntpPackets);
        row.ntpDropped = saturatedUint32(c.ntpDropped);
        row.ntpIntervalLog2 = clientInterval(c.averageIntervalLog2);
        row.ntpLimitedIntervalLog2 = clientInterval(c.averageLimitedIntervalLog2);
        row.lastNtpAge = ageAt(snapshot, c.lastPacket);
        report.rows.push_back(std::move(row));
    }
    return report;
}

std::vector<SelectDataRow> selectDataRows(const EngineSnapshot &snapshot, SourceNaming naming)
{
    std::vector<SelectDataRow> rows;
    rows.reserve(snapshot.sources.size());
    for (const SourceSnapshot &s : snapshot.sources) {
        SelectDataRow row;
        row.state = selectStateLetter(s);
        row.name = sourceDisplayName(s, naming);
        // chronyc's Auth column: the source is configured with authentication.
        row.authenticated = s.keyId != 0;
        row.lastSampleAge = ageAt(snapshot, s.lastRx);
        // chrony scores sources relative to the selected one, whose score is 1 by definition.
        if (s.state == SourceState::Selected)
            row.score = kSelectedScore;
        if (s.lastSample) {
            const double offset = -s.adjustedOffset; // chronyc's sign
            row.lowLimit = offset - s.errorBound;
            row.highLimit = offset + s.errorBound;
        }
        row.leap = s.leap;
        rows.push_back(std::move(row));
    }
    return rows;
}

namespace {

// chrony's numbers for its hashes and ciphers (HSH_Algorithm, CMC_Algorithm), what chronyc's
// authdata prints as Type.
int chronyKeyTypeNumber(const std::string &type)
{
    static const std::pair<std::string_view, int> kNumbers[] = {
        {"MD5", 1},      {"SHA1", 2},     {"SHA256", 3},   {"SHA384", 4},  {"SHA512", 5},  {"SHA3-224", 6},
        {"SHA3-256", 7}, {"SHA3-384", 8}, {"SHA3-512", 9}, {"AES128", 13}, {"AES256", 14},
    };
    for (const auto &[name, number] : kNumbers)
        if (name == type)
            return number;
    return 0;
}

} // namespace

std::vector<AuthDataRow> authDataRows(const EngineSnapshot &snapshot, SourceNaming naming)
{
    std::vector<AuthDataRow> rows;
    for (const SourceSnapshot &s : snapshot.sources) {
        if (s.kind == SourceKind::RefClock)
            continue;
        AuthDataRow row;
        row.name = sourceDisplayName(s, naming);
        if (s.keyId != 0) {
            row.mode = "SK";
            row.keyId = s.keyId;
            // A key missing from the keyfile: 0 and 0, as chronyd shows it.
            row.keyType = chronyKeyTypeNumber(s.keyType);
            row.keyLength = s.keyBits;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<NtpDataReport> ntpDataReports(const EngineSnapshot &snapshot)
{
    std::vector<NtpDataReport> reports;
    for (const SourceSnapshot &s : snapshot.sources) {
        if (s.kind == SourceKind::RefClock || s.address.ip.isNull())
            continue;
        NtpDataReport r;
        r.remoteAddress = s.address.ip.toString();
        r.remoteRefId = referenceIdOf(s.address.ip);
        r.remotePort = s.address.port;
        // As chronyc: "[UNSPEC]" until a reply came in, then what that reply said.
        r.localAddress = "[UNSPEC]";
        r.leap = s.leap;
        r.version = kNtpVersion4;
        r.mode = s.kind == SourceKind::Peer ? NtpDataReport::Mode::SymmetricActive : NtpDataReport::Mode::Server;
        r.stratum = s.stratum;
        r.poll = s.poll;
        r.rootDelay = s.rootDelay;
        r.rootDispersion = s.rootDispersion;
        r.referenceId = s.referenceId;
        if (const auto &e = s.lastExchange) {
            if (!e->localAddress.isNull()) {
                r.localAddress = e->localAddress.toString();
                r.localRefId = referenceIdOf(e->localAddress);
            }
            r.version = e->version;
            // A keyed source's replies are used only when their MAC is good.
            r.authenticated = s.keyId != 0;
            if (e->mode == NtpMode::SymmetricActive || e->mode == NtpMode::SymmetricPassive
                || e->mode == NtpMode::Server)
                r.mode = static_cast<NtpDataReport::Mode>(e->mode);
            r.poll = e->poll;
            r.precision = e->precision;
            r.referenceTime = e->referenceTime;
            r.responseTime = e->responseTime;
            r.interleaved = e->interleaved;
            if (e->kernelTransmit)
                r.txTimestamping = e->hardwareTransmit ? TimestampSource::Hardware : TimestampSource::Kernel;
            if (e->hardwareReceive)
                r.rxTimestamping = TimestampSource::Hardware;
        }
        if (s.lastSample) {
            r.offset = s.lastSample->offset;
            r.peerDelay = s.lastSample->delay;
            r.peerDispersion = s.lastSample->dispersion;
        }
        r.tests = ntpTests(s);
        if (r.rxTimestamping != TimestampSource::Hardware)
            r.rxTimestamping = TimestampSource::Kernel;
        r.totalTx = clampedCount(s.requestsSent);
        r.totalRx = clampedCount(s.repliesAccepted + s.repliesRejected);
        r.totalValidRx = clampedCount(s.repliesAccepted);
        r.totalGoodRx = clampedCount(s.repliesAccepted);
        // chronyc counts each stamp once, by who took it.
        r.totalHwRx = clampedCount(s.hardwareReceiveStamps);
        r.totalKernelRx = r.totalRx - std::min(r.totalRx, r.totalHwRx);
        r.totalHwTx = clampedCount(s.hardwareTransmitStamps);
        r.totalKernelTx =
            clampedCount(s.kernelTransmitStamps - std::min(s.kernelTransmitStamps, s.hardwareTransmitStamps));
        reports.push_back(std::move(r));
    }
    return reports;
}

} // namespace s1
