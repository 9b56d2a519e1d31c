// From an engine snapshot with known numbers to chronyc's exact report lines: the sign and unit
// mappings of chronyc/SnapshotReports (RFC 5905 offsets become chronyc's "local clock ahead"
// offsets, ages are truncated, names follow -n) and the layouts of activity, serverstats,
// selectdata and ntpdata (chronyc/ChronycStatusFormat). Expected lines were worked out with
// chronyc's printf formats, independently of the code under test.
#include "chronyc/ChronycFormat.h"
#include "chronyc/ChronycStatusFormat.h"
#include "chronyc/SnapshotReports.h"
#include "control/ControlQueries.h"
#include "ntp/ReferenceId.h"
#include "sources/NtpSource.h"
#include "json/ReportJson.h"

#include <QJsonArray>
#include <QtTest>

#include <string>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

RealTime utc(int year, unsigned month, unsigned day, int hour, int minute, int second)
{
    using namespace std::chrono;
    const sys_days date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
    return RealTime(date) + hours{hour} + minutes{minute} + seconds{second};
}

// 07:12:20.5 on 9 April 2025; the reference was updated 16.5 s before.
const RealTime kNow = utc(2025, 4, 9, 7, 12, 20) + 500ms;

// The server 192.0.2.1, selected: its last sample says it is 13 us AHEAD of us (RFC 5905 sign),
// 12 us after the corrections since; chronyc prints both as negative ("local clock behind").
SourceSnapshot serverA()
{
    SourceSnapshot s;
    s.id = 1;
    s.name = "ntp1.example.net";
    s.address = {*IpAddress::parse("192.0.2.1"), 123};
    s.kind = SourceKind::Server;
    s.state = SourceState::Selected;
    s.stratum = 1;
    s.poll = 6;
    s.reach = 0377;
    s.referenceId = 0x47505300; // "GPS"
    s.leap = LeapIndicator::None;
    s.rootDelay = 1.5e-5;
    s.rootDispersion = 2.5e-5;
    s.lastRx = kNow - 37900ms; // 37.9 s ago: chronyc shows 37
    SourceSample sample;
    sample.time = *s.lastRx;
    sample.offset = 13e-6;
    sample.delay = 2.5e-4;
    sample.dispersion = 3e-6;
    sample.stratum = 1;
    s.lastSample = sample;
    s.requestsSent = 32;
    s.repliesAccepted = 30;
    s.repliesRejected = 2;
    s.stats = {12, 7, 704.9, -0.058, 0.123, -2.5e-7, 9.9e-7};
    s.adjustedOffset = 12e-6;
    s.errorBound = 24e-6;
    // Its last reply, as the packet said: it polls at 2^7 s, its clock reads to 2^-20 s.
    NtpExchangeSnapshot exchange;
    exchange.localAddress = *IpAddress::parse("192.0.2.100");
    exchange.version = 4;
    exchange.mode = NtpMode::Server;
    exchange.poll = 7;
    exchange.precision = -20;
    exchange.referenceTime = utc(2025, 4, 9, 7, 11, 58);
    exchange.responseTime = 12.345e-6;
    s.lastExchange = exchange;
    return s;
}

// An IPv6 peer not combined, never sampled; its one reply was a duplicate.
SourceSnapshot peerB()
{
    SourceSnapshot s;
    s.id = 2;
    s.name = "2001:db8::1";
    s.address = {*IpAddress::parse("2001:db8::1"), 123};
    s.kind = SourceKind::Peer;
    s.state = SourceState::NotCombined;
    s.stratum = 3;
    s.poll = -2;
    s.reach = 017;
    s.leap = LeapIndicator::DeleteSecond;
    s.requestsSent = 4;
    s.repliesRejected = 1;
    s.lastRejectReason = toString(ReplyVerdict::Duplicate);
    return s;
}

// A PPS reference clock, combined: 150 ns behind as measured (chronyc: +150ns).
SourceSnapshot refclockC()
{
    SourceSnapshot s;
    s.id = 3;
    s.name = "PPS";
    s.kind = SourceKind::RefClock;
    s.state = SourceState::Combined;
    s.stratum = 0;
    s.poll = 4;
    s.reach = 0377;
    s.leap = LeapIndicator::None;
    s.lastRx = kNow - 1300s;
    SourceSample sample;
    sample.time = *s.lastRx;
    sample.offset = -1.5e-7;
    s.lastSample = sample;
    s.stats = {5, 3, 1500.7, 1.5, 0.25, 1e-9, 5e-9};
    s.adjustedOffset = -1.4e-7;
    s.errorBound = 2e-7;
    return s;
}

EngineSnapshot knownSnapshot()
{
    EngineSnapshot s;
    s.time = kNow;
    ReferenceSnapshot &r = s.reference;
    r.synchronised = true;
    r.stratum = 2;
    r.referenceId = 0xC0000201;
    r.referenceName = "ntp1.example.net";
    r.leap = LeapIndicator::None;
    r.referenceTime = utc(2025, 4, 9, 7, 12, 4);
    r.rootDelay = 0.000123456;
    r.rootDispersion = 0.000654321;
    r.systemTimeOffset = 2.105e-6; // our time is fast
    r.lastOffset = 3.065e-6;
    r.rmsOffset = 1.946e-6;
    r.frequencyPpm = -1.916; // the oscillator is slow
    r.residualFrequencyPpm = 0.077;
    r.skewPpm = 0.036;
    r.updateInterval = 16;
    s.server = {1000, 980, 3, 2, 1, 4, 0, 10, 5};
    s.sources = {serverA(), peerB(), refclockC()};
    return s;
}

const char *const kTrackingConfigured = "Reference ID    : C0000201 (ntp1.example.net)\n"
                                        "Stratum         : 2\n"
                                        "Ref time (UTC)  : Wed Apr 09 07:12:04 2025\n"
                                        "System time     : 0.000002105 seconds fast of NTP time\n"
                                        "Last offset     : +0.000003065 seconds\n"
                                        "RMS offset      : 0.000001946 seconds\n"
                                        "Frequency       : 1.916 ppm slow\n"
                                        "Residual freq   : +0.077 ppm\n"
                                        "Skew            : 0.036 ppm\n"
                                        "Root delay      : 0.000123456 seconds\n"
                                        "Root dispersion : 0.000654321 seconds\n"
                                        "Update interval : 16.0 seconds\n"
                                        "Leap status     : Normal\n";

const std::string kSourcesHeader = "MS Name/IP address         Stratum Poll Reach LastRx Last sample               \n"
                                   "===============================================================================\n";

const std::string kSourceStatsHeader =
    "Name/IP Address            NP  NR  Span  Frequency  Freq Skew  Offset  Std Dev\n"
    "==============================================================================\n";

const std::string kSelectDataHeader = "S Name/IP Address        Auth COpts EOpts Last Score     Interval  Leap\n"
                                      "=======================================================================\n";

// One source of the snapshot, alone.
EngineSnapshot only(SourceSnapshot source)
{
    EngineSnapshot s = knownSnapshot();
    s.sources = {std::move(source)};
    return s;
}

} // namespace

class TestSnapshotReports : public QObject
{
    Q_OBJECT
private slots:
    void tracking();
    void trackingNumericAndCsv();
    void trackingLocalAndUnsynchronised();
    void sources();
    void sourcesNumericAndCsv();
    void lastRxTruncatesAndNeverGoesNegative();
    void sourcestats();
    void activity();
    void serverstats();
    void selectdata();
    void ntpdata();
    void ntpdataHardwareTimestamps();
    void ntpdataTests();
    void authdata();
    void referenceIds();
    void queries();
    void queriesWithoutSnapshot();
};

void TestSnapshotReports::tracking()
{
    const TrackingReport t = trackingReport(knownSnapshot(), SourceNaming::Configured);
    QCOMPARE(formatTracking(t), std::string(kTrackingConfigured));
}

void TestSnapshotReports::trackingNumericAndCsv()
{
    const TrackingReport t = trackingReport(knownSnapshot(), SourceNaming::Numeric);
    QCOMPARE(t.referenceName, std::string("192.0.2.1"));
    // chronyd's "system time" is the correction still to apply: negative when we are fast.
    QCOMPARE(formatTrackingCsv(t),
             std::string("C0000201,192.0.2.1,2,1744182724.000000000,-0.000002105,0.000003065,0.000001946,"
                         "-1.916,0.077,0.036,0.000123456,0.000654321,16.0,Normal\n"));
}

void TestSnapshotReports::trackingLocalAndUnsynchronised()
{
    EngineSnapshot local = knownSnapshot();
    local.reference.referenceId = 0x7F7F0101;
    local.reference.referenceName = "LOCAL";
    local.reference.stratum = 3;
    const std::string localText = formatTracking(trackingReport(local, SourceNaming::Configured));
    // chronyc names a reference without an address by its refid's printable bytes: none here.
    QVERIFY2(localText.starts_with("Reference ID    : 7F7F0101 ()\nStratum         : 3\n"), localText.c_str());

    EngineSnapshot refclock = knownSnapshot();
    refclock.reference.referenceId = 0x50505300;
    refclock.reference.referenceName = "PPS";
    refclock.reference.stratum = 1;
    QVERIFY(formatTracking(trackingReport(refclock, SourceNaming::Numeric))
                .starts_with("Reference ID    : 50505300 (PPS)\n"));

    EngineSnapshot unsynchronised = knownSnapshot();
    unsynchronised.reference = ReferenceSnapshot{};
    const std::string text = formatTracking(trackingReport(unsynchronised, SourceNaming::Configured));
    QVERIFY2(text.starts_with("Reference ID    : 00000000 ()\n"
                              "Stratum         : 0\n"
                              "Ref time (UTC)  : Thu Jan 01 00:00:00 1970\n"),
             text.c_str());
    QVERIFY(text.ends_with("Leap status     : Not synchronised\n"));
    // chronyd reports 1 s of root delay and dispersion while unsynchronised (it sends them too).
    QVERIFY2(text.find("Root delay      : 1.000000000 seconds\nRoot dispersion : 1.000000000 seconds\n")
                 != std::string::npos,
             text.c_str());
}

void TestSnapshotReports::sources()
{
    const auto rows = sourceReportRows(knownSnapshot(), SourceNaming::Configured);
    QCOMPARE(rows.size(), std::size_t(3));
    QCOMPARE(rows[0].adjustedOffset, -12e-6);
    QCOMPARE(rows[0].measuredOffset, -13e-6);
    QCOMPARE(formatSources(rows, false, NameStyle::Verbatim),
             kSourcesHeader
                 + "^* ntp1.example.net              1   6   377    37    -12us[  -13us] +/-   24us\n"
                   "=- 2001:db8::1                   3  -2    17     -     +0ns[   +0ns] +/-    0ns\n"
                   "#+ PPS                           0   4   377   21m   +140ns[ +150ns] +/-  200ns\n");
}

void TestSnapshotReports::sourcesNumericAndCsv()
{
    const auto rows = sourceReportRows(knownSnapshot(), SourceNaming::Numeric);
    QCOMPARE(rows[0].name, std::string("192.0.2.1"));
    QCOMPARE(rows[2].name, std::string("PPS")); // a reference clock has no address to show
    QCOMPARE(formatSourcesCsv(rows),
             std::string("^,*,192.0.2.1,1,6,377,37,-0.000012000,-0.000013000,0.000024000\n"
                         "=,-,2001:db8::1,3,-2,17,4294967295,0.000000000,0.000000000,0.000000000\n"
                         "#,+,PPS,0,4,377,1300,0.000000140,0.000000150,0.000000200\n"));
}

void TestSnapshotReports::lastRxTruncatesAndNeverGoesNegative()
{
    SourceSnapshot s = serverA();
    s.lastRx = kNow - 999ms;
    QCOMPARE(sourceReportRows(only(s), SourceNaming::Configured)[0].lastRxAge, std::optional(0s));
    s.lastRx = kNow + 5s; // a sample stamped after the snapshot (clock corrected meanwhile)
    QCOMPARE(sourceReportRows(only(s), SourceNaming::Configured)[0].lastRxAge, std::optional(0s));
    s.lastRx = kNow - 86400s * 3;
    QCOMPARE(sourceReportRows(only(s), SourceNaming::Configured)[0].lastRxAge, std::optional(259200s));
}

void TestSnapshotReports::sourcestats()
{
    const auto rows = sourceStatsRows(knownSnapshot(), SourceNaming::Configured);
    QCOMPARE(rows[0].span, 704s);     // 704.9 s truncated
    QCOMPARE(rows[0].offset, 2.5e-7); // the source is 250 ns behind: we are ahead
    QCOMPARE(rows[0].frequencyPpm, -0.058);
    QCOMPARE(formatSourceStats(rows, false, NameStyle::Verbatim),
             kSourceStatsHeader
                 + "ntp1.example.net           12   7   704     -0.058      0.123   +250ns   990ns\n"
                   "2001:db8::1                 0   0     0     +0.000      0.000     +0ns     0ns\n"
                   "PPS                         5   3   25m     +1.500      0.250     -1ns     5ns\n");
    QCOMPARE(formatSourceStatsCsv(sourceStatsRows(knownSnapshot(), SourceNaming::Numeric)),
             std::string("192.0.2.1,12,7,704,-0.058,0.123,0.000000250,0.000000990\n"
                         "2001:db8::1,0,0,0,0.000,0.000,0.000000000,0.000000000\n"
                         "PPS,5,3,1500,1.500,0.250,-0.000000001,0.000000005\n"));
}

void TestSnapshotReports::activity()
{
    EngineSnapshot s = knownSnapshot();
    SourceSnapshot unresolved;
    unresolved.name = "later.example.net";
    s.sources.push_back(unresolved);
    const ActivityReport a = activityReport(s);
    QCOMPARE(a.online, 3u);
    QCOMPARE(a.unresolved, 1u);
    QCOMPARE(formatActivity(a), std::string("200 OK\n"
                                            "3 sources online\n"
                                            "0 sources offline\n"
                                            "0 sources doing burst (return to online)\n"
                                            "0 sources doing burst (return to offline)\n"
                                            "1 sources with unknown address\n"));
    QCOMPARE(formatActivityCsv(a), std::string("3,0,0,0,1\n"));
}

void TestSnapshotReports::serverstats()
{
    const ServerStatsReport r = serverStatsReport(knownSnapshot(), CommandCounters{5, 1});
    // chronyd's counts: the 990 requests of allowed clients, of them 10 dropped by the rate
    // limit; the malformed, other-mode and denied datagrams are not in them.
    QCOMPARE(formatServerStats(r), std::string("NTP packets received       : 990\n"
                                               "NTP packets dropped        : 10\n"
                                               "Command packets received   : 5\n"
                                               "Command packets dropped    : 1\n"
                                               "Client log records dropped : 0\n"
                                               "NTS-KE connections accepted: 0\n"
                                               "NTS-KE connections dropped : 0\n"
                                               "Authenticated NTP packets  : 0\n"
                                               "Interleaved NTP packets    : 0\n"
                                               "NTP timestamps held        : 0\n"
                                               "NTP timestamp span         : 0\n"
                                               "NTP daemon RX timestamps   : 0\n"
                                               "NTP daemon TX timestamps   : 980\n"
                                               "NTP kernel RX timestamps   : 980\n"
                                               "NTP kernel TX timestamps   : 0\n"
                                               "NTP hardware RX timestamps : 0\n"
                                               "NTP hardware TX timestamps : 0\n"));
    QCOMPARE(formatServerStatsCsv(r), std::string("990,10,5,1,0,0,0,0,0,0,0,0,980,980,0,0,0\n"));

    // hwtimestamp: requests the network card stamped, and a few the daemon had to.
    EngineSnapshot hardware = knownSnapshot();
    hardware.server.hardwareReceiveStamps = 970;
    hardware.server.daemonReceiveStamps = 4;
    const ServerStatsReport h = serverStatsReport(hardware, CommandCounters{5, 1});
    QCOMPARE(h.ntpHardwareRxTimestamps, std::uint64_t(970));
    QCOMPARE(h.ntpDaemonRxTimestamps, std::uint64_t(4));
    QCOMPARE(h.ntpKernelRxTimestamps, std::uint64_t(6));
}

void TestSnapshotReports::selectdata()
{
    EngineSnapshot s = knownSnapshot();
    SourceSnapshot unsynchronised = serverA();
    unsynchronised.name = "unsynced.example.net";
    unsynchronised.state = SourceState::Unusable;
    unsynchronised.leap = LeapIndicator::Unsynchronised;
    SourceSnapshot fresh = serverA();
    fresh.name = "fresh.example.net";
    fresh.state = SourceState::Unusable;
    fresh.reach = 0;
    fresh.stats = {};
    fresh.lastRx.reset();
    fresh.lastSample.reset();
    s.sources.push_back(unsynchronised);
    s.sources.push_back(fresh);
    const auto rows = selectDataRows(s, SourceNaming::Configured);
    QCOMPARE(rows.size(), std::size_t(5));
    QCOMPARE(rows[3].state, 's');
    QCOMPARE(rows[4].state, 'M');
    const std::vector<SelectDataRow> firstThree(rows.begin(), rows.begin() + 3);
    QCOMPARE(formatSelectData(firstThree, false, NameStyle::Verbatim),
             kSelectDataHeader
                 + "* ntp1.example.net          N ----- -----   37   1.0   -36us   +12us  N\n"
                   "D 2001:db8::1               N ----- -----    -   0.0    +0ns    +0ns  -\n"
                   "+ PPS                       N ----- -----  21m   0.0   -60ns  +340ns  N\n");
    const std::string verbose = formatSelectData(firstThree, true, NameStyle::Verbatim);
    // chronyc 4.3's legend (client.c, process_cmd_selectdata), byte for byte.
    QVERIFY(verbose.starts_with("  . State: N - noselect, s - unsynchronised, M - missing samples,\n"
                                " /         d/D - large distance, ~ - jittery, w/W - waits for others,\n"
                                "|          S - stale, O - orphan, T - not trusted, P - not preferred,\n"
                                "|          U - waits for update,, x - falseticker, + - combined, * - best.\n"
                                "|   Effective options   ---------.  (N - noselect, P - prefer\n"
                                "|   Configured options  ----.     \\  T - trust, R - require)\n"
                                "|   Auth. enabled (Y/N) -.   \\     \\     Offset interval --.\n"
                                "|                        |    |     |                       |\n"));
    QVERIFY(verbose.ends_with(kSelectDataHeader
                              + "* ntp1.example.net          N ----- -----   37   1.0   -36us   +12us  N\n"
                                "D 2001:db8::1               N ----- -----    -   0.0    +0ns    +0ns  -\n"
                                "+ PPS                       N ----- -----  21m   0.0   -60ns  +340ns  N\n"));
    // CSV: every option letter is a field, the leap status spelled out.
    QCOMPARE(formatSelectDataCsv({rows[0]}),
             std::string("*,ntp1.example.net,N,-,-,-,-,-,-,-,-,-,-,37,1.0,-0.000036000,0.000012000,Normal\n"));
}

void TestSnapshotReports::ntpdata()
{
    const auto reports = ntpDataReports(knownSnapshot());
    QCOMPARE(reports.size(), std::size_t(2)); // the reference clock has no NTP data
    QCOMPARE(formatNtpData({reports[0]}, true), std::string("Remote address  : 192.0.2.1 (C0000201)\n"
                                                            "Remote port     : 123\n"
                                                            "Local address   : 192.0.2.100 (C0000264)\n"
                                                            "Leap status     : Normal\n"
                                                            "Version         : 4\n"
                                                            "Mode            : Server\n"
                                                            "Stratum         : 1\n"
                                                            "Poll interval   : 7 (128 seconds)\n"
                                                            "Precision       : -20 (0.000000954 seconds)\n"
                                                            "Root delay      : 0.000015 seconds\n"
                                                            "Root dispersion : 0.000025 seconds\n"
                                                            "Reference ID    : 47505300 (GPS)\n"
                                                            "Reference time  : Wed Apr 09 07:11:58 2025\n"
                                                            "Offset          : +0.000013000 seconds\n"
                                                            "Peer delay      : 0.000250000 seconds\n"
                                                            "Peer dispersion : 0.000003000 seconds\n"
                                                            "Response time   : 0.000012345 seconds\n"
                                                            "Jitter asymmetry: +0.00\n"
                                                            "NTP tests       : 111 111 1111\n"
                                                            "Interleaved     : No\n"
                                                            "Authenticated   : No\n"
                                                            "TX timestamping : Daemon\n"
                                                            "RX timestamping : Kernel\n"
                                                            "Total TX        : 32\n"
                                                            "Total RX        : 32\n"
                                                            "Total valid RX  : 30\n"
                                                            "Total good RX   : 30\n"
                                                            "Total kernel TX : 0\n"
                                                            "Total kernel RX : 32\n"
                                                            "Total HW TX     : 0\n"
                                                            "Total HW RX     : 0\n"));
    const std::string both = formatNtpData(reports, false);
    QVERIFY(both.starts_with("\nRemote address  : 192.0.2.1 (C0000201)\n"));
    QVERIFY2(both.find("\n\nRemote address  : 2001:db8::1 (39AB9B37)\n"
                       "Remote port     : 123\n")
                 != std::string::npos,
             both.c_str());
    QVERIFY(both.find("Mode            : Symmetric active\n") != std::string::npos);
    QVERIFY(both.find("Reference ID    : 00000000 ()\n") != std::string::npos);
    // The peer never answered a request: nothing of a reply is known.
    QVERIFY(both.find("Local address   : [UNSPEC] (00000000)\n") != std::string::npos);
    QCOMPARE(formatNtpDataCsv({reports[0]}),
             std::string("192.0.2.1,C0000201,123,192.0.2.100,C0000264,Normal,4,Server,1,7,128,-20,0.000000954,"
                         "0.000015,0.000025,47505300,GPS,1744182718.000000000,0.000013000,0.000250000,0.000003000,"
                         "0.000012345,0.00,111,111,1111,No,No,Daemon,Kernel,32,32,30,30,0,32,0,0\n"));
}

void TestSnapshotReports::ntpdataHardwareTimestamps()
{
    // hwtimestamp: the last exchange's stamps were the network card's, and each stamp is
    // counted once, by who took it, as chronyc's totals do.
    EngineSnapshot snapshot = knownSnapshot();
    SourceSnapshot &s = snapshot.sources.at(0);
    s.lastExchange->kernelTransmit = true;
    s.lastExchange->hardwareTransmit = true;
    s.lastExchange->hardwareReceive = true;
    s.kernelTransmitStamps = 30;
    s.hardwareTransmitStamps = 28;
    s.hardwareReceiveStamps = 31;
    const std::string text = formatNtpData({ntpDataReports(snapshot).at(0)}, true);
    for (const char *line : {"TX timestamping : Hardware\n", "RX timestamping : Hardware\n", "Total kernel TX : 2\n",
                             "Total kernel RX : 1\n", "Total HW TX     : 28\n", "Total HW RX     : 31\n"})
        QVERIFY2(text.find(line) != std::string::npos, text.c_str());
    // The kernel's software stamp for transmissions, the card's for receptions.
    s.lastExchange->hardwareTransmit = false;
    const std::string mixed = formatNtpData({ntpDataReports(snapshot).at(0)}, true);
    QVERIFY(mixed.find("TX timestamping : Kernel\n") != std::string::npos);
    QVERIFY(mixed.find("RX timestamping : Hardware\n") != std::string::npos);
}

void TestSnapshotReports::ntpdataTests()
{
    const auto tests = [](std::uint64_t accepted, std::uint64_t rejected, ReplyVerdict last) {
        SourceSnapshot s = serverA();
        s.repliesAccepted = accepted;
        s.repliesRejected = rejected;
        s.lastRejectReason = last == ReplyVerdict::Accepted ? "" : toString(last);
        const NtpDataReport r = ntpDataReports(only(s)).at(0);
        const std::string text = formatNtpData({r}, true);
        const auto at = text.find("NTP tests       : ");
        return text.substr(at + 18, 12);
    };
    QCOMPARE(tests(0, 0, ReplyVerdict::Accepted), std::string("000 000 0000"));
    QCOMPARE(tests(5, 0, ReplyVerdict::Accepted), std::string("111 111 1111"));
    QCOMPARE(tests(5, 1, ReplyVerdict::Duplicate), std::string("011 111 1111"));
    QCOMPARE(tests(5, 1, ReplyVerdict::Bogus), std::string("101 111 1111"));
    QCOMPARE(tests(5, 1, ReplyVerdict::Invalid), std::string("110 111 1111"));
    QCOMPARE(tests(5, 1, ReplyVerdict::Unsynchronised), std::string("111 101 1111"));
    QCOMPARE(tests(5, 1, ReplyVerdict::KissDeny), std::string("111 101 1111"));
    QCOMPARE(tests(5, 1, ReplyVerdict::TooFar), std::string("111 110 1111"));
}

void TestSnapshotReports::referenceIds()
{
    QCOMPARE(referenceIdOf(*IpAddress::parse("192.0.2.1")), 0xC0000201u);
    // chrony's UTI_IPToRefid: the first four bytes of the address's MD5.
    QCOMPARE(referenceIdOf(*IpAddress::parse("2001:db8::1")), 0x39AB9B37u);
    QCOMPARE(referenceIdOf(IpAddress()), 0u);
}

void TestSnapshotReports::queries()
{
    using control::Command;
    const EngineSnapshot s = knownSnapshot();
    const CommandCounters counters{7, 2};
    const auto ask = [&](Command command, QJsonObject args = {}) {
        return answerQuery({1, command, std::move(args)}, &s, counters);
    };
    ControlAnswer a = ask(Command::Tracking);
    QVERIFY(a.ok);
    QCOMPARE(formatTracking(*reportFromJson<TrackingReport>(a.result.toObject())), std::string(kTrackingConfigured));
    a = ask(Command::Sources, {{"names", "numeric"}});
    QVERIFY(a.ok);
    QCOMPARE(rowsFromJson<SourceReportRow>(a.result.toArray())->at(0).name, std::string("192.0.2.1"));
    a = ask(Command::ServerStats);
    QCOMPARE(reportFromJson<ServerStatsReport>(a.result.toObject())->commandPacketsReceived, 7u);
    a = ask(Command::NtpData, {{"address", "2001:db8:0::1"}}); // any spelling of the address
    QVERIFY2(a.ok, qPrintable(a.error));
    QCOMPARE(a.result.toArray().size(), 1);
    a = ask(Command::NtpData, {{"address", "ntp1.example.net"}}); // or the configured name
    QVERIFY(a.ok);
    QCOMPARE(a.result.toArray().at(0).toObject().value("remoteAddress").toString(), QStringLiteral("192.0.2.1"));
    a = ask(Command::NtpData, {{"address", "192.0.2.99"}});
    QVERIFY(!a.ok);
    QCOMPARE(a.error, QStringLiteral("no such source: 192.0.2.99"));
    a = ask(Command::Sources, {{"names", "reverse-dns"}});
    QVERIFY(!a.ok);
    QVERIFY(a.error.contains("names"));
    a = ask(Command::Clients); // this snapshot's engine runs with noclientlog
    QVERIFY(!a.ok);
    QVERIFY(a.error.startsWith("client logging is not active"));
    a = ask(Command::Snapshot);
    QVERIFY(a.ok);
    QCOMPARE(a.result.toObject().value("sources").toArray().size(), 3);
    a = ask(Command::Reload);
    QVERIFY(!a.ok); // the server, not the query layer, handles state changes
}

void TestSnapshotReports::queriesWithoutSnapshot()
{
    const ControlAnswer a = answerQuery({1, control::Command::Tracking, {}}, nullptr, {});
    QVERIFY(!a.ok);
    QVERIFY(a.error.contains("no snapshot"));
}

void TestSnapshotReports::authdata()
{
    // chronyd 4.3's own sources (keys MD5 1, SHA256 3, AES256 14, none, a key missing from
    // the keyfile), as `chronyc -n authdata` and `chronyc -c authdata` printed them.
    struct Keyed
    {
        const char *address;
        std::uint32_t keyId;
        const char *type;
        int bits;
    };
    const Keyed keyed[] = {{"127.0.0.1", 1, "MD5", 128},
                           {"127.0.0.2", 3, "SHA256", 256},
                           {"127.0.0.3", 6, "AES256", 256},
                           {"127.0.0.4", 0, "", 0},
                           {"127.0.0.5", 99, "", 0}};
    EngineSnapshot snapshot;
    snapshot.time = kNow;
    std::uint32_t id = 0;
    for (const Keyed &k : keyed) {
        SourceSnapshot s;
        s.id = ++id;
        s.name = k.address;
        s.address = {*IpAddress::parse(k.address), 123};
        s.kind = SourceKind::Server;
        s.keyId = k.keyId;
        s.keyType = k.type;
        s.keyBits = k.bits;
        snapshot.sources.push_back(s);
    }
    SourceSnapshot refclock;
    refclock.id = ++id;
    refclock.name = "PPS";
    refclock.kind = SourceKind::RefClock;
    snapshot.sources.push_back(refclock);

    const std::vector<AuthDataRow> rows = authDataRows(snapshot, SourceNaming::Configured);
    QCOMPARE(rows.size(), std::size_t{5}); // refclocks have no authentication
    QCOMPARE(formatAuthData(rows, NameStyle::Verbatim),
             std::string("Name/IP address             Mode KeyID Type KLen Last Atmp  NAK Cook CLen\n"
                         "=========================================================================\n"
                         "127.0.0.1                     SK     1    1  128    -    0    0    0    0\n"
                         "127.0.0.2                     SK     3    3  256    -    0    0    0    0\n"
                         "127.0.0.3                     SK     6   14  256    -    0    0    0    0\n"
                         "127.0.0.4                      -     0    0    0    -    0    0    0    0\n"
                         "127.0.0.5                     SK    99    0    0    -    0    0    0    0\n"));
    QCOMPARE(formatAuthDataCsv(rows), std::string("127.0.0.1,SK,1,1,128,4294967295,0,0,0,0\n"
                                                  "127.0.0.2,SK,3,3,256,4294967295,0,0,0,0\n"
                                                  "127.0.0.3,SK,6,14,256,4294967295,0,0,0,0\n"
                                                  "127.0.0.4,-,0,0,0,4294967295,0,0,0,0\n"
                                                  "127.0.0.5,SK,99,0,0,4294967295,0,0,0,0\n"));
    // Over the control protocol and back.
    QString error;
    const auto decoded = rowsFromJson<AuthDataRow>(toJsonArray(rows), &error);
    QVERIFY2(decoded.has_value(), qPrintable(error));
    QVERIFY(*decoded == rows);
}

QTEST_GUILESS_MAIN(TestSnapshotReports)
#include "tst_snapshotreports.moc"
