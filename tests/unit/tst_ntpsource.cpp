// One NTP server seen from our client (NtpSource): the request it builds, the on-wire checks
// and arithmetic of RFC 5905 section 8, kiss-o'-death handling (section 7.4), the reach
// register, poll scheduling (iburst, poll raising, sub-second polls) and the 2036 era rollover.
//
// Replies come from a simulated server whose clock runs a known offset from ours over a path
// with known one-way delays, so every expected offset, delay and dispersion is derived from
// those parameters, not from the code under test.
#include "sources/NtpSource.h"

#include <QtTest>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

using Bytes = std::vector<std::uint8_t>;

// Comparisons of computed seconds: the on-wire values are exact to the nanosecond here, so
// anything beyond rounding noise is a real error.
constexpr double kTolerance = 1e-9; // s

// RFC 5905 section 7.2: PHI, the frequency tolerance that dispersion grows with (15 ppm).
constexpr double kRfcPhi = 15e-6; // s/s

constexpr int kLocalPrecision = -20;  // log2 s, about 1 us
constexpr int kServerPrecision = -24; // log2 s, about 60 ns
constexpr int kServerStratum = 1;
constexpr std::uint32_t kServerReferenceId = 0x4750'5300; // "GPS\0"

// Unix seconds of the first instant of NTP era 1 (2036-02-07 06:28:16 UTC): 2^32 s after
// 1900-01-01, which is 2'208'988'800 s before the Unix epoch (RFC 5905 figure 4).
constexpr std::int64_t kNtpToUnixSeconds = (70 * 365 + 17) * std::int64_t{86'400};
constexpr std::int64_t kEra1StartUnixSeconds = (std::int64_t{1} << 32) - kNtpToUnixSeconds;

// An arbitrary present-day start with a sub-second part, so no timestamp is round.
constexpr std::int64_t kStartUnixNanos = 1'750'000'000'123'456'789;

const RealTime kStart = realTimeFromNanos(kStartUnixNanos);

RealTime unixTime(std::int64_t seconds)
{
    return realTimeFromNanos(seconds * kNanosPerSecond);
}

// 2^poll seconds, computed from the definition rather than with the code's shifts.
Nanoseconds pollSeconds(int poll)
{
    return Nanoseconds(std::llround(std::ldexp(static_cast<double>(kNanosPerSecond), poll)));
}

// Distinct, well-mixed, nonzero request cookies (a fixed sequence, so failures reproduce).
std::uint64_t cookie(int n)
{
    constexpr std::uint64_t kGoldenGamma = 0x9E37'79B9'7F4A'7C15ull;
    return kGoldenGamma * static_cast<std::uint64_t>(n + 1);
}

std::uint32_t asciiCode(const char (&code)[5])
{
    return (static_cast<std::uint32_t>(code[0]) << 24) | (static_cast<std::uint32_t>(code[1]) << 16)
           | (static_cast<std::uint32_t>(code[2]) << 8) | static_cast<std::uint32_t>(code[3]);
}

SourceConfig serverConfig(int minPoll = 6, int maxPoll = 10, bool iburst = false)
{
    SourceConfig c;
    c.kind = SourceConfig::Kind::Server;
    c.host = "192.0.2.1";
    c.minPoll = minPoll;
    c.maxPoll = maxPoll;
    c.iburst = iburst;
    return c;
}

NtpSource makeSource(const SourceConfig &config, RealTime now = kStart)
{
    const SocketAddress address{*IpAddress::parse(config.host), config.port};
    return NtpSource(1, config, config.host, address, {}, now, kLocalPrecision);
}

NtpHeader parseRequest(const Bytes &bytes)
{
    const NtpParseResult parsed = parseNtpPacket(bytes);
    if (!parsed.ok())
        qFatal("request does not parse: %s", toString(parsed.error));
    return parsed.packet.header;
}

// The path between us and the simulated server. Client clock = true time; server clock = true
// time + serverOffset.
struct Path
{
    Nanoseconds serverOffset = 0ns;
    Nanoseconds out = 10ms;        // request, client -> server
    Nanoseconds turnaround = 50us; // server, receive to transmit
    Nanoseconds back = 10ms;       // reply, server -> client

    // RFC 5905 section 8 with symmetric paths gives the true offset; an asymmetry of
    // (out - back) shows up as half of it.
    double expectedOffset() const { return toSeconds(serverOffset) + toSeconds(out - back) / 2; }
    double expectedDelay() const { return toSeconds(out + back); }
};

// What the simulated server says about itself.
struct ServerState
{
    LeapIndicator leap = LeapIndicator::None;
    int stratum = kServerStratum;
    std::uint32_t referenceId = kServerReferenceId;
    double rootDelay = 0;
    double rootDispersion = 1e-5;
};

struct Exchange
{
    RealTime t1, t2, t3, t4; // T1/T4 on our clock, T2/T3 on the server's
    NtpHeader request;
    ParsedNtpPacket reply;
};

// The server's answer to `requestBytes`, which left us at `t1` (our clock).
Exchange serve(const Bytes &requestBytes, RealTime t1, const Path &path, const ServerState &server = {})
{
    Exchange e;
    e.request = parseRequest(requestBytes);
    e.t1 = t1;
    e.t2 = t1 + path.out + path.serverOffset;
    e.t3 = e.t2 + path.turnaround;
    e.t4 = t1 + path.out + path.turnaround + path.back;

    NtpHeader h;
    h.leap = server.leap;
    h.version = e.request.version;
    h.mode = NtpMode::Server;
    h.stratum = static_cast<std::uint8_t>(server.stratum);
    h.poll = e.request.poll;
    h.precision = kServerPrecision;
    h.rootDelay = NtpShort::fromSeconds(server.rootDelay);
    h.rootDispersion = NtpShort::fromSeconds(server.rootDispersion);
    h.referenceId = server.referenceId;
    h.referenceTime = NtpTimestamp::fromRealTime(e.t2 - 16s);
    h.originTime = e.request.transmitTime;
    h.receiveTime = NtpTimestamp::fromRealTime(e.t2);
    h.transmitTime = NtpTimestamp::fromRealTime(e.t3);
    const auto raw = serializeNtpHeader(h);
    const NtpParseResult parsed = parseNtpPacket(Bytes(raw.begin(), raw.end()));
    if (!parsed.ok())
        qFatal("simulated reply does not parse");
    e.reply = parsed.packet;
    return e;
}

// A kiss-o'-death answering `requestBytes`: stratum 0, the code in the reference ID, leap 3
// (RFC 5905 section 7.4).
ParsedNtpPacket kiss(const Bytes &requestBytes, std::uint32_t code, bool echoOrigin = true)
{
    const NtpHeader request = parseRequest(requestBytes);
    NtpHeader h;
    h.leap = LeapIndicator::Unsynchronised;
    h.mode = NtpMode::Server;
    h.stratum = 0;
    h.poll = request.poll;
    h.referenceId = code;
    h.originTime = echoOrigin ? request.transmitTime : NtpTimestamp::fromRaw(request.transmitTime.raw() ^ 1);
    h.receiveTime = NtpTimestamp::fromRealTime(kStart);
    h.transmitTime = h.receiveTime;
    ParsedNtpPacket p;
    p.header = h;
    p.length = kNtpHeaderLength;
    return p;
}

struct PollResult
{
    ReplyVerdict verdict;
    Exchange exchange;
    double responseTime = 0; // s, as the sample tests get it
};

// One complete poll at the source's due time: request, server reply, reply handled.
PollResult pollOnce(NtpSource &source, int n, const Path &path = {}, const ServerState &server = {})
{
    const RealTime t1 = source.nextPollTime();
    const Bytes request = source.makeRequest(t1, cookie(n));
    Exchange e = serve(request, t1, path, server);
    const NtpReply reply = source.handleReply(e.reply, e.t4);
    return {reply.verdict, e, reply.responseTime};
}

// The request for the poll due now, left unanswered; returns when it was sent.
RealTime pollUnanswered(NtpSource &source, int n)
{
    const RealTime t1 = source.nextPollTime();
    source.makeRequest(t1, cookie(n));
    return t1;
}

double sampleDispersion(const Exchange &e)
{
    // RFC 5905 appendix A.5.1.1: both precisions plus PHI times the round trip T4 - T1.
    return std::ldexp(1.0, kLocalPrecision) + std::ldexp(1.0, kServerPrecision) + kRfcPhi * toSeconds(e.t4 - e.t1);
}

} // namespace

class TestNtpSource : public QObject
{
    Q_OBJECT

private slots:
    void requestFields_data();
    void requestFields();
    void offsetDelayDispersion_data();
    void offsetDelayDispersion();
    void requestTransmittedMovesT1();
    void hardwareTransmitStamps();
    void originMismatchIsBogus();
    void replyWithoutRequestIsUnexpected();
    void replayedReplyIsUnexpected();
    void replyCarriesItsSample();
    void sameTransmitTimestampIsDuplicate();
    void wrongModeIsRejected();
    void unsynchronisedServer_data();
    void unsynchronisedServer();
    void unsynchronisedReplyAsOurServerSendsIt();
    void invalidTimestamps_data();
    void invalidTimestamps();
    void transmitBeforeReceiveBelowPrecision();
    void rootDistanceTooLarge();
    void kissRateRaisesPoll();
    void kissRateSlowsTheNextPoll();
    void kissDenyRestrictStopPolling_data();
    void kissDenyRestrictStopPolling();
    void kissWithWrongOriginChangesNothing_data();
    void kissWithWrongOriginChangesNothing();
    void reachRegister();
    void iburstSpacesFirstRequests();
    void iburstEndsAfterGoodReplies();
    void iburstSettlesToMinpoll();
    void iburstGivesUpAfterMaxRequests();
    void iburstNeverSlowerThanMinpoll();
    void noIburstPollsAtMinpoll();
    void lostReplyRetriedUntilTwoSamples();
    void startupRetriesAreBounded();
    void answeredRequestIsNotRetried();
    void pollRisesToMaxpoll();
    void pollRiseNeedsConsecutiveGoodSamples(); // negative adjustments
    void subSecondPolls_data();
    void subSecondPolls();
    void eraRollover_data();
    void eraRollover();
    void recentSamplesAreBounded();
};

void TestNtpSource::requestFields_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<int>("minPoll");
    QTest::newRow("v4, minpoll 6") << 4 << 6;
    QTest::newRow("v3, minpoll 4") << 3 << 4;
    QTest::newRow("v4, minpoll -3") << 4 << -3;
}

void TestNtpSource::requestFields()
{
    QFETCH(int, version);
    QFETCH(int, minPoll);

    SourceConfig config = serverConfig(minPoll, minPoll + 4);
    config.version = version;
    NtpSource source = makeSource(config);
    constexpr std::uint64_t kCookie = 0xFEDC'BA98'7654'3210ull;
    const Bytes bytes = source.makeRequest(kStart, kCookie);
    QCOMPARE(bytes.size(), kNtpHeaderLength);
    const NtpHeader h = parseRequest(bytes);
    QCOMPARE(h.mode, NtpMode::Client);
    QCOMPARE(static_cast<int>(h.version), version);
    QCOMPARE(static_cast<int>(h.poll), minPoll);
    // The transmit timestamp is the random cookie that only the real server can echo.
    QCOMPARE(h.transmitTime.raw(), kCookie);
    // A client request needs no reference data or earlier timestamps; like chronyd's client
    // requests (and the NTP data minimisation draft) it carries none, so it neither
    // fingerprints us nor leaks our clock.
    QCOMPARE(h.stratum, std::uint8_t{0});
    QCOMPARE(h.referenceId, 0u);
    QVERIFY(h.referenceTime.isZero());
    QVERIFY(h.originTime.isZero());
    QVERIFY(h.receiveTime.isZero());

    const SourceSnapshot s = source.snapshot();
    QCOMPARE(s.requestsSent, 1u);
    QCOMPARE(s.poll, minPoll);
}

void TestNtpSource::offsetDelayDispersion_data()
{
    QTest::addColumn<qint64>("serverOffsetNs");
    QTest::addColumn<qint64>("outNs");
    QTest::addColumn<qint64>("turnaroundNs");
    QTest::addColumn<qint64>("backNs");
    QTest::newRow("symmetric, server 250 ms ahead") << 250'000'000LL << 10'000'000LL << 50'000LL << 10'000'000LL;
    QTest::newRow("asymmetric 1 ms / 3 ms") << 250'000'000LL << 1'000'000LL << 0LL << 3'000'000LL;
    QTest::newRow("server 1.5 s behind") << -1'500'000'000LL << 7'000'000LL << 123'457LL << 5'000'001LL;
    QTest::newRow("server a day ahead") << 86'400'000'000'000LL << 40'000'000LL << 1'000LL << 80'000'000LL;
    QTest::newRow("server exactly in step") << 0LL << 300'000LL << 20'000LL << 300'000LL;
}

void TestNtpSource::offsetDelayDispersion()
{
    QFETCH(qint64, serverOffsetNs);
    QFETCH(qint64, outNs);
    QFETCH(qint64, turnaroundNs);
    QFETCH(qint64, backNs);
    Path path;
    path.serverOffset = Nanoseconds(serverOffsetNs);
    path.out = Nanoseconds(outNs);
    path.turnaround = Nanoseconds(turnaroundNs);
    path.back = Nanoseconds(backNs);

    NtpSource source = makeSource(serverConfig());
    const PollResult r = pollOnce(source, 0, path);
    QCOMPARE(r.verdict, ReplyVerdict::Accepted);
    const Exchange &e = r.exchange;

    // RFC 5905 section 8, from the four timestamps...
    const double rfcOffset = (toSeconds(e.t2 - e.t1) + toSeconds(e.t3 - e.t4)) / 2;
    const double rfcDelay = toSeconds(e.t4 - e.t1) - toSeconds(e.t3 - e.t2);
    // ...which for this path must be the physical truth.
    QVERIFY(std::abs(rfcOffset - path.expectedOffset()) < kTolerance);
    QVERIFY(std::abs(rfcDelay - path.expectedDelay()) < kTolerance);

    const SourceSnapshot s = source.snapshot();
    QVERIFY(s.lastSample.has_value());
    const SourceSample &sample = *s.lastSample;
    QVERIFY2(std::abs(sample.offset - path.expectedOffset()) < kTolerance,
             qPrintable(QString::number(sample.offset, 'g', 17)));
    QVERIFY2(std::abs(sample.delay - path.expectedDelay()) < kTolerance,
             qPrintable(QString::number(sample.delay, 'g', 17)));
    QVERIFY2(std::abs(sample.dispersion - sampleDispersion(e)) < kTolerance,
             qPrintable(QString::number(sample.dispersion, 'g', 17)));
    // Timestamped at the middle of the exchange, where the offset was measured.
    QCOMPARE(sample.time, e.t1 + (e.t4 - e.t1) / 2);
    QCOMPARE(*s.lastRx, e.t4);
    QCOMPARE(sample.stratum, kServerStratum);

    QCOMPARE(s.reach, std::uint8_t{1});
    QCOMPARE(s.repliesAccepted, 1u);
    QCOMPARE(s.repliesRejected, 0u);
    QVERIFY(s.lastRejectReason.empty());
    QCOMPARE(s.lastRx, std::optional<RealTime>(e.t4));
    QCOMPARE(s.stratum, kServerStratum);
    QCOMPARE(s.referenceId, kServerReferenceId);
    QCOMPARE(s.leap, LeapIndicator::None);
    QCOMPARE(s.recentSamples.size(), std::size_t{1});
}

void TestNtpSource::requestTransmittedMovesT1()
{
    // The request is built at `built`, but the host reports it left 5 ms later; the server
    // sees it according to the real departure.
    constexpr Nanoseconds kSendLatency = 5ms;
    const Path path;

    NtpSource reported = makeSource(serverConfig());
    NtpSource unreported = makeSource(serverConfig());
    const RealTime built = kStart;
    const RealTime left = built + kSendLatency;
    const Bytes req1 = reported.makeRequest(built, cookie(1));
    const Bytes req2 = unreported.makeRequest(built, cookie(1));
    reported.requestTransmitted(NtpTimestamp::fromRaw(cookie(1)), left);
    const Exchange e1 = serve(req1, left, path);
    const Exchange e2 = serve(req2, left, path);
    QCOMPARE(reported.handleReply(e1.reply, e1.t4).verdict, ReplyVerdict::Accepted);
    QCOMPARE(unreported.handleReply(e2.reply, e2.t4).verdict, ReplyVerdict::Accepted);

    // With the reported send time T1 is right and the measurement is the path's truth.
    const SourceSample good = *reported.snapshot().lastSample;
    QVERIFY(std::abs(good.offset - path.expectedOffset()) < kTolerance);
    QVERIFY(std::abs(good.delay - path.expectedDelay()) < kTolerance);
    QVERIFY(std::abs(good.dispersion - sampleDispersion(e1)) < kTolerance);

    // Without it T1 is 5 ms early: the RFC formulas put all of it into the delay and half of
    // it into the offset.
    const SourceSample early = *unreported.snapshot().lastSample;
    QVERIFY(std::abs(early.delay - (path.expectedDelay() + toSeconds(kSendLatency))) < kTolerance);
    QVERIFY(std::abs(early.offset - (path.expectedOffset() + toSeconds(kSendLatency) / 2)) < kTolerance);

    // A late report for a request already answered must not move anything.
    reported.requestTransmitted(NtpTimestamp::fromRaw(cookie(1)), left + 1s);
    QCOMPARE(*reported.snapshot().lastSample, good);
}

void TestNtpSource::hardwareTransmitStamps()
{
    // The daemon's reading, then the network card's stamp (hwtimestamp) 3 µs later: T1 is the
    // card's, counted as a kernel stamp and as a hardware one. A card's stamp earlier than the
    // daemon's reading cannot be the packet's (chronyd's "Unacceptable") and changes nothing.
    const Path path;
    NtpSource source = makeSource(serverConfig());
    const Bytes request = source.makeRequest(kStart, cookie(1));
    const RealTime daemon = kStart + 1ms;
    const RealTime card = daemon + 3us;
    source.requestTransmitted(NtpTimestamp::fromRaw(cookie(1)), daemon);
    source.requestTransmitted(NtpTimestamp::fromRaw(cookie(1)), daemon - 1us, true, true);
    QCOMPARE(source.snapshot().hardwareTransmitStamps, 0u);
    QCOMPARE(source.snapshot().kernelTransmitStamps, 0u);
    source.requestTransmitted(NtpTimestamp::fromRaw(cookie(1)), card, true, true);
    const Exchange e = serve(request, card, path);
    const NtpReply reply = source.handleReply(e.reply, e.t4);
    QCOMPARE(reply.verdict, ReplyVerdict::Accepted);
    QVERIFY(reply.kernelTransmit && reply.hardwareTransmit);
    QVERIFY(std::abs(reply.sample->delay - path.expectedDelay()) < kTolerance);
    QCOMPARE(source.snapshot().kernelTransmitStamps, 1u);
    QCOMPARE(source.snapshot().hardwareTransmitStamps, 1u);
    source.noteHardwareReceive();
    QCOMPARE(source.snapshot().hardwareReceiveStamps, 1u);
}

void TestNtpSource::originMismatchIsBogus()
{
    NtpSource source = makeSource(serverConfig());
    const Bytes request = source.makeRequest(kStart, cookie(0));
    Exchange e = serve(request, kStart, Path{});

    // An off-path attacker does not know the cookie.
    ParsedNtpPacket forged = e.reply;
    forged.header.originTime = NtpTimestamp::fromRaw(cookie(0) + 1);
    QCOMPARE(source.handleReply(forged, e.t4).verdict, ReplyVerdict::Bogus);
    SourceSnapshot s = source.snapshot();
    QCOMPARE(s.reach & 1, 0);
    QVERIFY(!s.lastSample.has_value());
    QCOMPARE(s.repliesRejected, 1u);
    QVERIFY(!s.lastRejectReason.empty());

    // The forgery must not cancel the outstanding request: the genuine reply still counts.
    QCOMPARE(source.handleReply(e.reply, e.t4).verdict, ReplyVerdict::Accepted);
    s = source.snapshot();
    QCOMPARE(s.reach, std::uint8_t{1});
    QVERIFY(s.lastSample.has_value());
    QVERIFY(s.lastRejectReason.empty());
}

void TestNtpSource::replyWithoutRequestIsUnexpected()
{
    NtpSource source = makeSource(serverConfig());
    // Built for a request this source never sent.
    NtpHeader request;
    request.transmitTime = NtpTimestamp::fromRaw(cookie(0));
    const auto raw = serializeNtpHeader(request);
    const Exchange e = serve(Bytes(raw.begin(), raw.end()), kStart, Path{});
    QCOMPARE(source.handleReply(e.reply, e.t4).verdict, ReplyVerdict::Unexpected);
    const SourceSnapshot s = source.snapshot();
    QCOMPARE(s.reach, std::uint8_t{0});
    QVERIFY(!s.lastSample.has_value());
    QCOMPARE(s.repliesRejected, 1u);
}

void TestNtpSource::replyCarriesItsSample()
{
    // The engine takes the sample from what handleReply returns, and learns from it whether
    // the poll is over, without asking the source afterwards.
    NtpSource source = makeSource(serverConfig());
    const RealTime t1 = source.nextPollTime();
    const Exchange e = serve(source.makeRequest(t1, cookie(0)), t1, Path{});
    const NtpReply accepted = source.handleReply(e.reply, e.t4);
    QCOMPARE(accepted.verdict, ReplyVerdict::Accepted);
    QVERIFY(accepted.endedRequest);
    QVERIFY(accepted.sample.has_value());
    QCOMPARE(*accepted.sample, *source.snapshot().lastSample);
    QVERIFY(accepted.precision > 0);

    // The same reply again matches no request: no sample, and no poll ended.
    const NtpReply again = source.handleReply(e.reply, e.t4 + 1ms);
    QCOMPARE(again.verdict, ReplyVerdict::Unexpected);
    QVERIFY(!again.endedRequest);
    QVERIFY(!again.sample.has_value());

    // An unsynchronised server ends the poll without a sample.
    ServerState unsynchronised;
    unsynchronised.leap = LeapIndicator::Unsynchronised;
    const RealTime t2 = source.nextPollTime();
    const Exchange u = serve(source.makeRequest(t2, cookie(1)), t2, Path{}, unsynchronised);
    const NtpReply empty = source.handleReply(u.reply, u.t4);
    QCOMPARE(empty.verdict, ReplyVerdict::Unsynchronised);
    QVERIFY(empty.endedRequest);
    QVERIFY(!empty.sample.has_value());
}

void TestNtpSource::replayedReplyIsUnexpected()
{
    // A second copy of an answered exchange (network duplication or replay) has no request
    // left to match.
    NtpSource source = makeSource(serverConfig());
    const PollResult r = pollOnce(source, 0);
    QCOMPARE(r.verdict, ReplyVerdict::Accepted);
    QCOMPARE(source.handleReply(r.exchange.reply, r.exchange.t4 + 1ms).verdict, ReplyVerdict::Unexpected);
    QCOMPARE(source.snapshot().recentSamples.size(), std::size_t{1});
}

void TestNtpSource::sameTransmitTimestampIsDuplicate()
{
    NtpSource source = makeSource(serverConfig());
    const PollResult first = pollOnce(source, 0);
    QCOMPARE(first.verdict, ReplyVerdict::Accepted);

    // A new request, answered with the right origin but the previous reply's receive and
    // transmit timestamps: RFC 5905 section 8 "duplicate packet" test (both must repeat, as in
    // chronyd: an interleaved reply may repeat the transmit timestamp alone, tst_interleaved).
    const RealTime t1 = source.nextPollTime();
    const Bytes request = source.makeRequest(t1, cookie(1));
    Exchange second = serve(request, t1, Path{});
    second.reply.header.receiveTime = first.exchange.reply.header.receiveTime;
    second.reply.header.transmitTime = first.exchange.reply.header.transmitTime;
    QCOMPARE(source.handleReply(second.reply, second.t4).verdict, ReplyVerdict::Duplicate);

    const SourceSnapshot s = source.snapshot();
    QCOMPARE(s.reach & 1, 0); // this poll is not answered
    QCOMPARE(s.reach & 2, 2); // the first one was
    QCOMPARE(s.recentSamples.size(), std::size_t{1});
    QCOMPARE(s.repliesAccepted, 1u);
    QCOMPARE(s.repliesRejected, 1u);
}

void TestNtpSource::wrongModeIsRejected()
{
    NtpSource source = makeSource(serverConfig());
    const Bytes request = source.makeRequest(kStart, cookie(0));
    Exchange e = serve(request, kStart, Path{});
    e.reply.header.mode = NtpMode::SymmetricPassive;
    QCOMPARE(source.handleReply(e.reply, e.t4).verdict, ReplyVerdict::NotAServerReply);
    QCOMPARE(source.snapshot().reach, std::uint8_t{0});
    QVERIFY(!source.snapshot().lastSample.has_value());
}

void TestNtpSource::unsynchronisedServer_data()
{
    QTest::addColumn<int>("leap");
    QTest::addColumn<int>("stratum");
    QTest::newRow("leap 3") << static_cast<int>(LeapIndicator::Unsynchronised) << 2;
    QTest::newRow("stratum 16") << static_cast<int>(LeapIndicator::None) << 16;
    QTest::newRow("stratum 200") << static_cast<int>(LeapIndicator::None) << 200;
}

void TestNtpSource::unsynchronisedServer()
{
    QFETCH(int, leap);
    QFETCH(int, stratum);
    ServerState server;
    server.leap = static_cast<LeapIndicator>(leap);
    server.stratum = stratum;

    NtpSource source = makeSource(serverConfig());
    const PollResult r = pollOnce(source, 0, Path{}, server);
    QCOMPARE(r.verdict, ReplyVerdict::Unsynchronised);
    const SourceSnapshot s = source.snapshot();
    // It answered, but with no usable time: as in chrony, that does not make it reachable.
    QCOMPARE(s.reach, std::uint8_t{0});
    QVERIFY(!s.lastSample.has_value());
    QVERIFY(s.recentSamples.empty());
    QVERIFY(!s.lastRx.has_value());
    QCOMPARE(s.repliesAccepted, 0u);
    QCOMPARE(s.leap, static_cast<LeapIndicator>(leap));
    QVERIFY(source.isActive());
}

void TestNtpSource::unsynchronisedReplyAsOurServerSendsIt()
{
    // NtpResponder (and chronyd) answer with leap 3, stratum 0, reference ID 0 while
    // unsynchronised: not a kiss-o'-death (no code we act on), just no usable time.
    NtpSource source = makeSource(serverConfig());
    ServerState server;
    server.leap = LeapIndicator::Unsynchronised;
    server.stratum = 0;
    server.referenceId = 0;
    const PollResult r = pollOnce(source, 0, Path{}, server);
    QCOMPARE(r.verdict, ReplyVerdict::Unsynchronised);
    const SourceSnapshot s = source.snapshot();
    QVERIFY(s.kissCode.empty());
    QCOMPARE(s.reach, std::uint8_t{0});
    QVERIFY(!s.lastSample.has_value());
    QVERIFY(source.isActive());
    QCOMPARE(s.poll, serverConfig().minPoll);
}

void TestNtpSource::invalidTimestamps_data()
{
    QTest::addColumn<bool>("zeroTransmit");
    QTest::addColumn<bool>("zeroReceive");
    // RFC 5905 section 8: a zero timestamp means "not known"; no sample can come from it.
    QTest::newRow("zero transmit") << true << false;
    QTest::newRow("zero receive") << false << true;
    QTest::newRow("both zero") << true << true;
}

void TestNtpSource::invalidTimestamps()
{
    QFETCH(bool, zeroTransmit);
    QFETCH(bool, zeroReceive);

    NtpSource source = makeSource(serverConfig());
    const Bytes request = source.makeRequest(kStart, cookie(0));
    Exchange e = serve(request, kStart, Path{});
    if (zeroTransmit)
        e.reply.header.transmitTime = NtpTimestamp();
    if (zeroReceive)
        e.reply.header.receiveTime = NtpTimestamp();
    QCOMPARE(source.handleReply(e.reply, e.t4).verdict, ReplyVerdict::Invalid);
    const SourceSnapshot s = source.snapshot();
    QVERIFY(!s.lastSample.has_value());
    QCOMPARE(s.repliesAccepted, 0u);
}

void TestNtpSource::transmitBeforeReceiveBelowPrecision()
{
    // A server that answers at once (zero processing time) and fills the bits of its
    // timestamps below its precision with noise, as chronyd does, sends T3 < T2 about half the
    // time. Under clknetsim half of chronyd's replies were rejected for that (the old check
    // wanted T3 - T2 >= 0). chrony (ntp_core.c) tests no sign here: the delay is taken as a
    // magnitude, floored at the precisions, and only a response time beyond 4 s fails.
    Path path;
    path.turnaround = -20ns; // T3 before T2, well inside the server's 2^-24 s precision
    NtpSource source = makeSource(serverConfig());
    const PollResult r = pollOnce(source, 0, path);
    QCOMPARE(r.verdict, ReplyVerdict::Accepted);
    const SourceSample sample = *source.snapshot().lastSample;
    QVERIFY(std::abs(sample.offset - path.expectedOffset()) < kTolerance);
    QVERIFY(std::abs(sample.delay - path.expectedDelay()) < kTolerance);
    QVERIFY(std::abs(r.responseTime - 20e-9) < kTolerance);

    // With zero network delay too, T4 - T1 < T3 - T2 and the delay would be negative: it is
    // the magnitude, at least both precisions.
    Path instant;
    instant.out = 0ns;
    instant.back = 0ns;
    instant.turnaround = 30ns;
    const RealTime t1 = source.nextPollTime();
    const Bytes request = source.makeRequest(t1, cookie(1));
    Exchange e = serve(request, t1, instant);
    e.reply.header.transmitTime = NtpTimestamp::fromRealTime(e.t3 + 200ns); // server says 230 ns
    QCOMPARE(source.handleReply(e.reply, e.t4).verdict, ReplyVerdict::Accepted);
    const double precisions = std::ldexp(1.0, kLocalPrecision) + std::ldexp(1.0, kServerPrecision);
    QCOMPARE(source.snapshot().lastSample->delay, precisions);
}

void TestNtpSource::rootDistanceTooLarge()
{
    // chrony's maxdistance (3 s): a server whose own error bound is beyond it gives no sample.
    ServerState server;
    server.rootDispersion = 4.0;
    NtpSource source = makeSource(serverConfig());
    QCOMPARE(pollOnce(source, 0, Path{}, server).verdict, ReplyVerdict::TooFar);
    QVERIFY(!source.snapshot().lastSample.has_value());
}

void TestNtpSource::kissRateRaisesPoll()
{
    constexpr int kMinPoll = 4;
    constexpr int kMaxPoll = 6;
    NtpSource source = makeSource(serverConfig(kMinPoll, kMaxPoll));
    const std::uint32_t rate = asciiCode("RATE");

    // Each RATE halves our rate (poll + 1) until maxpoll, and never beyond it.
    for (int n = 0; n < 4; ++n) {
        const int before = source.snapshot().poll;
        const RealTime t1 = source.nextPollTime();
        const Bytes request = source.makeRequest(t1, cookie(n));
        QCOMPARE(source.handleReply(kiss(request, rate), t1 + 20ms).verdict, ReplyVerdict::KissRate);
        const SourceSnapshot s = source.snapshot();
        QCOMPARE(s.poll, std::min(before + 1, kMaxPoll));
        QCOMPARE(s.kissCode, std::string("RATE"));
        QVERIFY(!s.lastSample.has_value());
        QVERIFY(source.isActive());
    }
    QCOMPARE(source.snapshot().poll, kMaxPoll);

    // The slower rate is what the schedule then uses.
    const RealTime t1 = pollUnanswered(source, 10);
    QCOMPARE(source.nextPollTime() - t1, pollSeconds(kMaxPoll));
}

void TestNtpSource::kissRateSlowsTheNextPoll()
{
    // RFC 5905 section 7.4: on RATE the client "MUST immediately reduce its polling"; chronyd
    // reschedules the next request on receipt (and backs off further). The request after the
    // kiss must therefore not go out at the old, too fast interval.
    constexpr int kMinPoll = 4;
    NtpSource source = makeSource(serverConfig(kMinPoll, 10));
    const RealTime t1 = source.nextPollTime();
    const Bytes request = source.makeRequest(t1, cookie(0));
    QCOMPARE(source.handleReply(kiss(request, asciiCode("RATE")), t1 + 20ms).verdict, ReplyVerdict::KissRate);
    QCOMPARE(source.snapshot().poll, kMinPoll + 1);
    // RFC 5905 7.4: the very next request already waits the longer interval.

    QVERIFY(source.nextPollTime() - t1 >= pollSeconds(kMinPoll + 1));
}

void TestNtpSource::kissDenyRestrictStopPolling_data()
{
    QTest::addColumn<QString>("code");
    QTest::newRow("DENY") << "DENY";
    QTest::newRow("RSTR") << "RSTR";
}

void TestNtpSource::kissDenyRestrictStopPolling()
{
    QFETCH(QString, code);
    const QByteArray ascii = code.toLatin1();
    const char text[5] = {ascii[0], ascii[1], ascii[2], ascii[3], '\0'};

    NtpSource source = makeSource(serverConfig());
    const Bytes request = source.makeRequest(kStart, cookie(0));
    const ReplyVerdict verdict = source.handleReply(kiss(request, asciiCode(text)), kStart + 20ms).verdict;
    QVERIFY(verdict == ReplyVerdict::KissDeny || verdict == ReplyVerdict::KissRestrict);
    // RFC 5905 section 7.4: DENY and RSTR end the association.
    QVERIFY(!source.isActive());
    const SourceSnapshot s = source.snapshot();
    QCOMPARE(QString::fromStdString(s.kissCode), code);
    QVERIFY(!s.lastSample.has_value());
    QVERIFY(!s.lastRejectReason.empty());
}

void TestNtpSource::kissWithWrongOriginChangesNothing_data()
{
    QTest::addColumn<QString>("code");
    QTest::newRow("DENY") << "DENY";
    QTest::newRow("RSTR") << "RSTR";
    QTest::newRow("RATE") << "RATE";
}

void TestNtpSource::kissWithWrongOriginChangesNothing()
{
    QFETCH(QString, code);
    const QByteArray ascii = code.toLatin1();
    const char text[5] = {ascii[0], ascii[1], ascii[2], ascii[3], '\0'};

    // A spoofed kiss (RFC 5905 section 7.4 requires the origin check before acting on one)
    // would otherwise let anyone silence or slow down our sources.
    NtpSource source = makeSource(serverConfig(4, 10));
    const SourceSnapshot before = source.snapshot();
    const Bytes request = source.makeRequest(kStart, cookie(0));
    const RealTime nextPoll = source.nextPollTime();
    QCOMPARE(source.handleReply(kiss(request, asciiCode(text), false), kStart + 20ms).verdict, ReplyVerdict::Bogus);
    QVERIFY(source.isActive());
    const SourceSnapshot s = source.snapshot();
    QVERIFY(s.kissCode.empty());
    QCOMPARE(s.poll, before.poll);
    QCOMPARE(source.nextPollTime(), nextPoll);

    // And the genuine answer to the still outstanding request is accepted.
    Exchange e = serve(request, kStart, Path{});
    QCOMPARE(source.handleReply(e.reply, e.t4).verdict, ReplyVerdict::Accepted);
}

void TestNtpSource::reachRegister()
{
    // RFC 5905 section 13: shift left at every poll, set bit 0 on a valid reply.
    constexpr std::uint8_t kAllAnswered = 0377;
    constexpr std::uint8_t kLastMissed = 0376;
    constexpr int kRegisterBits = 8;

    NtpSource source = makeSource(serverConfig(0, 0));
    int n = 0;
    for (int i = 0; i < kRegisterBits; ++i) {
        QCOMPARE(pollOnce(source, n++).verdict, ReplyVerdict::Accepted);
        const auto expected = static_cast<std::uint8_t>((1u << (i + 1)) - 1);
        QCOMPARE(source.snapshot().reach, expected);
    }
    QCOMPARE(source.snapshot().reach, kAllAnswered);

    pollUnanswered(source, n++);
    QCOMPARE(source.snapshot().reach, kLastMissed);

    for (int i = 1; i < kRegisterBits; ++i)
        pollUnanswered(source, n++);
    QCOMPARE(source.snapshot().reach, std::uint8_t{0});

    // One answer brings it back to a single bit.
    QCOMPARE(pollOnce(source, n++).verdict, ReplyVerdict::Accepted);
    QCOMPARE(source.snapshot().reach, std::uint8_t{1});
}

void TestNtpSource::iburstSpacesFirstRequests()
{
    constexpr int kMinPoll = 6;
    NtpSource source = makeSource(serverConfig(kMinPoll, 10, true));
    QCOMPARE(source.nextPollTime(), kStart); // the first request goes at once
    // The requests up to the one whose reply completes the burst are kBurstInterval apart.
    RealTime previous = source.nextPollTime();
    for (int n = 0; n < NtpSource::kBurstGoodReplies; ++n) {
        const PollResult r = pollOnce(source, n);
        QCOMPARE(r.verdict, ReplyVerdict::Accepted);
        QCOMPARE(r.exchange.t1 - previous, n == 0 ? Nanoseconds::zero() : NtpSource::kBurstInterval);
        previous = r.exchange.t1;
    }
}

void TestNtpSource::iburstEndsAfterGoodReplies()
{
    // chronyd's iburst: "the interval between the first four requests sent to the server will
    // be 2 seconds or less"; after the 4th good reply the burst is over and chronyd reschedules
    // on that reply, so the 5th request follows 2^minpoll after the 4th.
    constexpr int kMinPoll = 6;
    NtpSource source = makeSource(serverConfig(kMinPoll, 10, true));
    RealTime lastRequest;
    for (int n = 0; n < NtpSource::kBurstGoodReplies; ++n) {
        const PollResult r = pollOnce(source, n);
        QCOMPARE(r.verdict, ReplyVerdict::Accepted);
        lastRequest = r.exchange.t1;
    }
    // The reply that ends the burst reschedules: no 5th request at the burst interval.

    QCOMPARE(source.nextPollTime() - lastRequest, pollSeconds(kMinPoll));
}

void TestNtpSource::iburstSettlesToMinpoll()
{
    // However the burst ends, once it is over every interval is 2^minpoll (maxpoll ==
    // minpoll, so that good samples cannot raise the poll meanwhile).
    constexpr int kMinPoll = 6;
    NtpSource source = makeSource(serverConfig(kMinPoll, kMinPoll, true));
    std::vector<RealTime> sent;
    constexpr int kPolls = NtpSource::kBurstMaxRequests + 4;
    sent.reserve(static_cast<std::size_t>(kPolls));
    for (int n = 0; n < kPolls; ++n)
        sent.push_back(pollOnce(source, n).exchange.t1);
    for (int i = NtpSource::kBurstMaxRequests; i < kPolls; ++i)
        QCOMPARE(sent[static_cast<std::size_t>(i)] - sent[static_cast<std::size_t>(i - 1)], pollSeconds(kMinPoll));
    QCOMPARE(source.snapshot().poll, kMinPoll);
}

void TestNtpSource::iburstGivesUpAfterMaxRequests()
{
    // No reply at all: the burst may take kBurstMaxRequests requests (chronyd's 8, of which the
    // last is sent in normal mode), then polling falls back to 2^minpoll.
    constexpr int kMinPoll = 6;
    NtpSource source = makeSource(serverConfig(kMinPoll, 10, true));
    std::vector<RealTime> sent;
    sent.reserve(static_cast<std::size_t>(NtpSource::kBurstMaxRequests));
    for (int n = 0; n < NtpSource::kBurstMaxRequests; ++n)
        sent.push_back(pollUnanswered(source, n));
    for (std::size_t i = 1; i < sent.size(); ++i)
        QCOMPARE(sent[i] - sent[i - 1], NtpSource::kBurstInterval);
    QCOMPARE(source.snapshot().reach, std::uint8_t{0});
    // kBurstMaxRequests includes the first request.

    QCOMPARE(source.nextPollTime() - sent.back(), pollSeconds(kMinPoll));
}

void TestNtpSource::iburstNeverSlowerThanMinpoll()
{
    // iburst exists to speed up the start: chronyd spaces burst requests by
    // min(2 s, a fraction of 2^poll). With a sub-second minpoll a fixed 2 s burst would poll
    // slower than without iburst.
    constexpr int kMinPoll = -2;
    NtpSource source = makeSource(serverConfig(kMinPoll, kMinPoll, true));
    const RealTime t1 = pollOnce(source, 0).exchange.t1;
    // A burst is never slower than 2^minpoll.

    QVERIFY(source.nextPollTime() - t1 <= pollSeconds(kMinPoll));
}

void TestNtpSource::noIburstPollsAtMinpoll()
{
    constexpr int kMinPoll = 5;
    NtpSource source = makeSource(serverConfig(kMinPoll, 10, false));
    QCOMPARE(source.nextPollTime(), kStart);
    RealTime previous = kStart;
    for (int n = 0; n < NtpSource::kBurstGoodReplies + 2; ++n) {
        const PollResult r = pollOnce(source, n);
        QCOMPARE(r.verdict, ReplyVerdict::Accepted);
        if (n > 0)
            QCOMPARE(r.exchange.t1 - previous, pollSeconds(kMinPoll));
        previous = r.exchange.t1;
    }
}

void TestNtpSource::lostReplyRetriedUntilTwoSamples()
{
    // Until the source has given an offset and a frequency (two samples), a lost reply is
    // retried after kBurstInterval instead of a whole poll; afterwards losses wait for the poll.
    constexpr int kMinPoll = 6;
    NtpSource source = makeSource(serverConfig(kMinPoll, 10, false));
    int n = 0;
    RealTime t1 = pollUnanswered(source, n++);
    QCOMPARE(source.nextPollTime() - t1, NtpSource::kBurstInterval);
    PollResult r = pollOnce(source, n++);
    QCOMPARE(r.verdict, ReplyVerdict::Accepted);
    QCOMPARE(r.exchange.t1 - t1, NtpSource::kBurstInterval);
    QCOMPARE(source.nextPollTime() - r.exchange.t1, pollSeconds(kMinPoll));

    t1 = pollUnanswered(source, n++);
    QCOMPARE(source.nextPollTime() - t1, NtpSource::kBurstInterval);
    QCOMPARE(pollOnce(source, n++).verdict, ReplyVerdict::Accepted);

    t1 = pollUnanswered(source, n++);
    QCOMPARE(source.nextPollTime() - t1, pollSeconds(kMinPoll));
}

void TestNtpSource::startupRetriesAreBounded()
{
    // A server that never answers gets kStartupRetries quick retries over its lifetime, then
    // the ordinary poll.
    constexpr int kMinPoll = 6;
    NtpSource source = makeSource(serverConfig(kMinPoll, 10, false));
    std::vector<RealTime> sent;
    for (int n = 0; n <= NtpSource::kStartupRetries + 1; ++n)
        sent.push_back(pollUnanswered(source, n));
    for (int i = 1; i <= NtpSource::kStartupRetries; ++i)
        QCOMPARE(sent[i] - sent[i - 1], NtpSource::kBurstInterval);
    QCOMPARE(sent.back() - sent[sent.size() - 2], pollSeconds(kMinPoll));
    QCOMPARE(source.nextPollTime() - sent.back(), pollSeconds(kMinPoll));
}

void TestNtpSource::answeredRequestIsNotRetried()
{
    // Any reply to the request, even one without usable time, cancels its retry: the server is
    // there, and asking it again at once would not help.
    constexpr int kMinPoll = 6;
    NtpSource source = makeSource(serverConfig(kMinPoll, 10, false));
    ServerState unsynchronised;
    unsynchronised.leap = LeapIndicator::Unsynchronised;
    for (int n = 0; n < NtpSource::kStartupRetries + 2; ++n) {
        const PollResult r = pollOnce(source, n, {}, unsynchronised);
        QCOMPARE(r.verdict, ReplyVerdict::Unsynchronised);
        QCOMPARE(source.nextPollTime() - r.exchange.t1, pollSeconds(kMinPoll));
    }
}

void TestNtpSource::pollRisesToMaxpoll()
{
    // Adjustments accumulate: whole log2 steps only, never beyond maxpoll.
    constexpr int kMinPoll = 4;
    constexpr int kMaxPoll = 6;
    NtpSource source = makeSource(serverConfig(kMinPoll, kMaxPoll));
    source.adjustPoll(0.5);
    QCOMPARE(source.snapshot().poll, kMinPoll);
    source.adjustPoll(0.5);
    QCOMPARE(source.snapshot().poll, kMinPoll + 1);
    source.adjustPoll(5.0);
    QCOMPARE(source.snapshot().poll, kMaxPoll);
    // The score is capped at maxpoll: one step down needs little negative evidence.
    source.adjustPoll(-0.1);
    QCOMPARE(source.snapshot().poll, kMaxPoll - 1);
    // The new interval applies from the next request on.
    const PollResult r = pollOnce(source, 0);
    QCOMPARE(r.verdict, ReplyVerdict::Accepted);
    QCOMPARE(source.nextPollTime() - r.exchange.t1, pollSeconds(kMaxPoll - 1));
}

void TestNtpSource::pollRiseNeedsConsecutiveGoodSamples()
{
    // Negative adjustments shorten the interval, at once for the poll already scheduled, and
    // never below minpoll.
    constexpr int kMinPoll = 4;
    constexpr int kMaxPoll = 10;
    NtpSource source = makeSource(serverConfig(kMinPoll, kMaxPoll));
    source.adjustPoll(4.0);
    QCOMPARE(source.snapshot().poll, kMinPoll + 4);
    const PollResult r = pollOnce(source, 0);
    QCOMPARE(source.nextPollTime() - r.exchange.t1, pollSeconds(kMinPoll + 4));
    source.adjustPoll(-1.5);
    QCOMPARE(source.snapshot().poll, kMinPoll + 2);
    QCOMPARE(source.nextPollTime() - r.exchange.t1, pollSeconds(kMinPoll + 2));
    source.adjustPoll(-10.0);
    QCOMPARE(source.snapshot().poll, kMinPoll);
}

void TestNtpSource::subSecondPolls_data()
{
    QTest::addColumn<int>("poll");
    QTest::newRow("-1 = 0.5 s") << -1;
    QTest::newRow("-2 = 0.25 s") << -2;
    QTest::newRow("-4 = 62.5 ms") << -4;
    QTest::newRow("-6 = 15.625 ms") << -6; // chrony's lowest minpoll
}

void TestNtpSource::subSecondPolls()
{
    QFETCH(int, poll);
    // Short delays so that each exchange completes well inside the poll interval.
    Path path;
    path.out = 1ms;
    path.back = 1ms;
    path.turnaround = 10us;

    NtpSource source = makeSource(serverConfig(poll, poll));
    RealTime previous = kStart;
    constexpr int kPolls = 16;
    for (int n = 0; n < kPolls; ++n) {
        const PollResult r = pollOnce(source, n, path);
        QCOMPARE(r.verdict, ReplyVerdict::Accepted);
        QCOMPARE(static_cast<int>(r.exchange.request.poll), poll); // signed on the wire
        if (n > 0)
            QCOMPARE(r.exchange.t1 - previous, pollSeconds(poll));
        previous = r.exchange.t1;
        QVERIFY(std::abs(source.snapshot().lastSample->offset - path.expectedOffset()) < kTolerance);
    }
    QCOMPARE(source.snapshot().poll, poll); // maxpoll == minpoll
}

void TestNtpSource::eraRollover_data()
{
    QTest::addColumn<qint64>("clientUnixSeconds");
    QTest::addColumn<qint64>("serverOffsetNs");
    // Our clock just past the rollover, the server's still before it: T2/T3 carry era-0
    // seconds near 2^32, T1/T4 era-1 seconds near 0.
    QTest::newRow("client era 1, server era 0") << qint64(kEra1StartUnixSeconds + 30) << -100'000'000'000LL;
    QTest::newRow("client era 0, server era 1") << qint64(kEra1StartUnixSeconds - 30) << 100'000'000'000LL;
    QTest::newRow("both in era 1") << qint64(kEra1StartUnixSeconds + 3600) << 1'250'000'000LL;
    QTest::newRow("year 2100, server behind") << qint64(4'102'444'800) << -2'500'000'000LL;
}

void TestNtpSource::eraRollover()
{
    QFETCH(qint64, clientUnixSeconds);
    QFETCH(qint64, serverOffsetNs);
    Path path;
    path.serverOffset = Nanoseconds(serverOffsetNs);
    path.out = 12ms;
    path.back = 8ms;

    const RealTime start = unixTime(clientUnixSeconds) + 123'456'789ns;
    NtpSource source = makeSource(serverConfig(), start);
    const PollResult r = pollOnce(source, 0, path);
    QCOMPARE(r.verdict, ReplyVerdict::Accepted);

    // The wire really is on the far side of the rollover (seconds wrapped mod 2^32).
    const std::int64_t ntpSecondsT2 = nanosSinceEpoch(r.exchange.t2) / kNanosPerSecond + kNtpToUnixSeconds;
    QCOMPARE(static_cast<std::int64_t>(r.exchange.reply.header.receiveTime.seconds()),
             ntpSecondsT2 % (std::int64_t{1} << 32));

    const SourceSample sample = *source.snapshot().lastSample;
    QVERIFY2(std::abs(sample.offset - path.expectedOffset()) < kTolerance,
             qPrintable(QString::number(sample.offset, 'g', 17)));
    QVERIFY(std::abs(sample.delay - path.expectedDelay()) < kTolerance);
    QCOMPARE(sample.time, r.exchange.t1 + (r.exchange.t4 - r.exchange.t1) / 2);
}

void TestNtpSource::recentSamplesAreBounded()
{
    constexpr std::size_t kExtra = 10;
    const std::size_t polls = NtpSource::kRecentSamples + kExtra;
    NtpSource source = makeSource(serverConfig(4, 4));
    std::vector<RealTime> receiveTimes;
    for (std::size_t n = 0; n < polls; ++n) {
        const PollResult r = pollOnce(source, static_cast<int>(n));
        QCOMPARE(r.verdict, ReplyVerdict::Accepted);
        receiveTimes.push_back(r.exchange.t1 + (r.exchange.t4 - r.exchange.t1) / 2); // sample times: mid-exchange
    }
    const SourceSnapshot s = source.snapshot();
    QCOMPARE(s.recentSamples.size(), NtpSource::kRecentSamples);
    // Oldest first, the oldest ones dropped.
    QCOMPARE(s.recentSamples.front().time, receiveTimes[kExtra]);
    QCOMPARE(s.recentSamples.back().time, receiveTimes.back());
    QCOMPARE(s.recentSamples.back(), *s.lastSample);
    for (std::size_t i = 1; i < s.recentSamples.size(); ++i)
        QVERIFY(s.recentSamples[i - 1].time < s.recentSamples[i].time);
    QCOMPARE(s.repliesAccepted, static_cast<std::uint64_t>(polls));
}

QTEST_APPLESS_MAIN(TestNtpSource)
#include "tst_ntpsource.moc"
