// The sans-I/O engine as a host drives it: serving (handlePacket -> takeOutgoing), creating and
// polling sources (literal addresses, name resolution, pools, retries, duplicates), and two
// engines talking over a simulated network with known clock offset and path asymmetry, whose
// measurements must match RFC 5905's on-wire arithmetic and be exactly reproducible.
#include "auth/NtpMac.h"
#include "engine/Engine.h"
#include "ntp/ReferenceId.h"

#include <QCryptographicHash>
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

using Bytes = std::vector<std::uint8_t>;

// RFC 5905 figure 4: Unix epoch minus NTP prime epoch (70 years, 17 of them leap years).
constexpr std::int64_t kNtpToUnixSeconds = (70 * 365 + 17) * std::int64_t{86'400};

constexpr std::int64_t kStartUnixSeconds = 1'760'000'000;
const RealTime kStart = realTimeFromNanos(kStartUnixSeconds * kNanosPerSecond + 375'000'000);

constexpr std::uint64_t kSeed = 42;
constexpr int kPrecision = -20;  // log2 s
constexpr int kServerSocket = 3; // an arbitrary host socket index, to be echoed
constexpr std::uint16_t kClientPort = 50'123;
constexpr std::uint64_t kClientCookie = 0x1122'3344'5566'7788ull;

const char *const kPoolName = "pool.example.org";
const char *const kServerName = "ntp.example.net";

IpAddress ip(const char *text)
{
    const auto parsed = IpAddress::parse(text);
    if (!parsed)
        qFatal("bad test address %s", text);
    return *parsed;
}

AccessRule allowAll()
{
    AccessRule r;
    r.allow = true;
    return r;
}

EngineOptions options(std::uint64_t seed = kSeed)
{
    EngineOptions o;
    o.seed = seed;
    o.precision = kPrecision;
    o.clockDriver = nullptr; // virtual clock: nothing outside the engine is touched
    return o;
}

EngineConfig servingConfig(bool local, int stratum = kDefaultLocalStratum)
{
    EngineConfig c;
    c.ntpAccess = {allowAll()};
    c.local.enabled = local;
    c.local.stratum = stratum;
    return c;
}

SourceConfig sourceConfig(SourceConfig::Kind kind, const char *host, int minPoll = 4, int maxPoll = 4)
{
    SourceConfig s;
    s.kind = kind;
    s.host = host;
    s.minPoll = minPoll;
    s.maxPoll = maxPoll;
    return s;
}

Bytes clientRequest(std::uint64_t cookie = kClientCookie)
{
    NtpHeader h;
    h.mode = NtpMode::Client;
    h.poll = 6;
    h.transmitTime = NtpTimestamp::fromRaw(cookie);
    const auto raw = serializeNtpHeader(h);
    return Bytes(raw.begin(), raw.end());
}

NtpHeader parse(const Bytes &bytes)
{
    const NtpParseResult parsed = parseNtpPacket(bytes);
    if (!parsed.ok())
        qFatal("packet does not parse: %s", toString(parsed.error));
    return parsed.packet.header;
}

ReceivedPacket serverPacket(const Bytes &data, const SocketAddress &from, RealTime receiveTime)
{
    ReceivedPacket p;
    p.role = SocketRole::Server;
    p.hostSocket = kServerSocket;
    p.remote = from;
    p.data = data;
    p.receiveTime = receiveTime;
    return p;
}

Nanoseconds pollSeconds(int poll)
{
    return Nanoseconds(std::llround(std::ldexp(static_cast<double>(kNanosPerSecond), poll)));
}

std::vector<IpAddress> addresses(std::initializer_list<const char *> texts)
{
    std::vector<IpAddress> out;
    for (const char *t : texts)
        out.push_back(ip(t));
    return out;
}

// --- A two-host network in virtual time -------------------------------------------------------
//
// True time advances from event to event. Each host's raw clock is true time plus its offset;
// each datagram takes a fixed one-way delay. The loop plays the host's part exactly as
// EngineRuntime does: stamp transmit timestamps just before "sending", report client send times
// with handleTransmitted, hand packets over with the receiver's clock at arrival.

constexpr Nanoseconds kServerClockAhead = 250ms;
constexpr Nanoseconds kDelayToServer = 1ms;
constexpr Nanoseconds kDelayToClient = 3ms;
// Host-side latencies, so that T1 and T3 differ from the moments the engine built the packets:
// the measurement is only right if the engine uses the times the host reports.
constexpr Nanoseconds kClientSendLatency = 15us;
constexpr Nanoseconds kServerTurnaround = 40us;

constexpr int kSimServerStratum = 1;   // a `local stratum 1` server
constexpr int kSimulationPollLog2 = 0; // minpoll = maxpoll = 0: a request every second
constexpr int kMaxIterations = 10'000;
constexpr Nanoseconds kMaxSimulatedTime = 60s;

const SocketAddress kServerAddress{ip("192.0.2.1"), kNtpDefaultPort};
const SocketAddress kClientAddress{ip("192.0.2.100"), kClientPort};

class TwoHostNetwork
{
public:
    // `key`: the client's source asks for authentication with that key (0: none);
    // `minStratum`: its `minstratum` option; `clientKeys`/`serverKeys`: their keyfiles.
    explicit TwoHostNetwork(std::uint64_t clientSeed, std::uint32_t key = 0, int minStratum = 0,
                            KeyTable clientKeys = {}, KeyTable serverKeys = {},
                            AuthSelectMode authSelectMode = AuthSelectMode::Mix)
        : m_now(kStart)
        , m_server(serverConfig(), withKeys(options(kServerSeed), std::move(serverKeys)), serverClock(kStart))
        , m_client(clientConfig(key, minStratum, authSelectMode), withKeys(options(clientSeed), std::move(clientKeys)),
                   clientClock(kStart))
    { }

    // Applied to every datagram from the server to the client (a man in the middle).
    void setTamper(std::function<void(Bytes &)> tamper) { m_tamper = std::move(tamper); }
    const std::vector<std::size_t> &requestLengths() const { return m_requestLengths; }

    // Processes every event up to true time `end`. False if a bound (iterations, simulated
    // time) was hit first.
    bool runUntil(RealTime end)
    {
        for (int i = 0; i < kMaxIterations; ++i) {
            const std::optional<RealTime> next = nextEvent();
            if (next && *next - kStart > kMaxSimulatedTime)
                return false; // a runaway schedule, not a settled run
            if (!next || *next > end) {
                m_now = end;
                return true;
            }
            m_now = *next;
            step();
        }
        return false;
    }

    EngineSnapshot clientSnapshot() const { return m_client.snapshot(clientClock(m_now)); }
    std::vector<EngineEvent> takeClientEvents() { return m_client.takeEvents(); }
    CommandResult runClientCommand(const std::string &command, const std::string &arguments)
    {
        return m_client.runCommand(command, arguments, clientClock(m_now));
    }
    EngineSnapshot serverSnapshot() const { return m_server.snapshot(serverClock(m_now)); }
    // The client's served time minus the server's, now (s).
    double clientMinusServer() const
    {
        return toSeconds(m_client.localTime(clientClock(m_now)) - m_server.localTime(serverClock(m_now)));
    }
    const std::vector<std::uint64_t> &requestCookies() const { return m_cookies; }

private:
    static constexpr std::uint64_t kServerSeed = 7;

    enum class Host { Server, Client };
    struct Datagram
    {
        Host to;
        SocketAddress from;
        Bytes data;
    };

    static EngineConfig serverConfig() { return servingConfig(true, kSimServerStratum); }

    static EngineOptions withKeys(EngineOptions o, KeyTable keys)
    {
        o.keys = std::move(keys);
        return o;
    }

    static EngineConfig clientConfig(std::uint32_t key, int minStratum, AuthSelectMode authSelectMode)
    {
        EngineConfig c;
        c.selection.authSelectMode = authSelectMode;
        c.ntpPort = 0; // a pure client
        c.sources = {sourceConfig(SourceConfig::Kind::Server, "192.0.2.1", kSimulationPollLog2, kSimulationPollLog2)};
        c.sources.front().key = key;
        c.sources.front().minStratum = minStratum;
        return c;
    }

    static RealTime serverClock(RealTime trueTime) { return trueTime + kServerClockAhead; }
    static RealTime clientClock(RealTime trueTime) { return trueTime; }

    std::optional<RealTime> nextEvent() const
    {
        std::optional<RealTime> next;
        const auto consider = [&next](RealTime t) {
            if (!next || t < *next)
                next = t;
        };
        if (const auto w = m_client.nextWakeup())
            consider(*w); // client raw clock == true time
        if (const auto w = m_server.nextWakeup())
            consider(*w - kServerClockAhead);
        if (!m_inFlight.empty())
            consider(m_inFlight.begin()->first);
        return next;
    }

    void step()
    {
        if (const auto w = m_client.nextWakeup(); w && *w <= clientClock(m_now)) {
            m_client.handleTimeout(clientClock(m_now));
            flushClient();
        }
        if (const auto w = m_server.nextWakeup(); w && *w <= serverClock(m_now)) {
            m_server.handleTimeout(serverClock(m_now));
            flushServer();
        }
        while (!m_inFlight.empty() && m_inFlight.begin()->first <= m_now) {
            const Datagram d = std::move(m_inFlight.begin()->second);
            m_inFlight.erase(m_inFlight.begin());
            ReceivedPacket p;
            p.remote = d.from;
            p.data = d.data;
            if (d.to == Host::Server) {
                p.role = SocketRole::Server;
                p.hostSocket = kServerSocket;
                p.receiveTime = serverClock(m_now);
                m_server.handlePacket(p, serverClock(m_now));
                flushServer();
            } else {
                p.role = SocketRole::Client;
                p.local = kClientAddress.ip; // what IP_PKTINFO tells the host
                p.receiveTime = clientClock(m_now);
                m_client.handlePacket(p, clientClock(m_now));
                flushClient();
            }
        }
    }

    void flushServer()
    {
        for (OutgoingPacket &out : m_server.takeOutgoing()) {
            const RealTime sent = m_now + kServerTurnaround;
            m_server.finishOutgoing(out, serverClock(sent));
            if (m_tamper)
                m_tamper(out.data);
            if (out.reportTransmit)
                m_server.handleTransmitted({out.role, out.remote, out.data, serverClock(sent), false});
            if (out.remote == kClientAddress)
                m_inFlight.emplace(sent + kDelayToClient, Datagram{Host::Client, kServerAddress, std::move(out.data)});
        }
    }

    void flushClient()
    {
        for (OutgoingPacket &out : m_client.takeOutgoing()) {
            const RealTime sent = m_now + kClientSendLatency;
            m_client.finishOutgoing(out, clientClock(sent));
            m_requestLengths.push_back(out.data.size());
            if (out.reportTransmit)
                m_client.handleTransmitted({out.role, out.remote, out.data, clientClock(sent), false});
            m_cookies.push_back(parse(out.data).transmitTime.raw());
            if (out.remote == kServerAddress)
                m_inFlight.emplace(sent + kDelayToServer, Datagram{Host::Server, kClientAddress, std::move(out.data)});
        }
    }

    RealTime m_now;
    Engine m_server;
    Engine m_client;
    // By arrival time (true); equal times keep their sending order.
    std::multimap<RealTime, Datagram> m_inFlight;
    std::vector<std::uint64_t> m_cookies;
    std::vector<std::size_t> m_requestLengths;
    std::function<void(Bytes &)> m_tamper;
};

// Through the 8th poll's reply, before the 9th poll (polls at 0, 1, ..., 7 s).
constexpr int kSimulatedPolls = 8;
const RealTime kAfterEightPolls = kStart + pollSeconds(kSimulationPollLog2) * (kSimulatedPolls - 1) + 500ms;

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    // RFC 5905 / chrony: an IPv4 reference is its address, an IPv6 one the first four octets of
    // the MD5 of its 16 address bytes (checked against Qt's MD5, which the engine cannot use).
    void referenceIdOfAnAddress()
    {
        QCOMPARE(s1::referenceIdOf(s1::IpAddress::v4(0xc0000201u)), 0xc0000201u);
        const auto address = s1::IpAddress::parse("2001:db8::1");
        QVERIFY(address);
        const QByteArray digest = QCryptographicHash::hash(
            QByteArray(reinterpret_cast<const char *>(address->bytes().data()), 16), QCryptographicHash::Md5);
        const std::uint32_t expected =
            (std::uint32_t(std::uint8_t(digest[0])) << 24) | (std::uint32_t(std::uint8_t(digest[1])) << 16)
            | (std::uint32_t(std::uint8_t(digest[2])) << 8) | std::uint32_t(std::uint8_t(digest[3]));
        QCOMPARE(s1::referenceIdOf(*address), expected);
    }

    void localServerAnswers();
    void withoutLocalRepliesAreUnsynchronised();
    void deniedAndStrayPacketsGetNothing();
    void literalServerIsPolledAtOnce();
    void namesAreResolved();
    void poolResolvesToMaxSources();
    void serverNameUsesOneAddress();
    void failedResolveIsRetriedWithBackoff();
    void unresolvedNamesAreListed();
    void duplicateAddressesArePolledOnce();
    void poolSkipsDuplicatesTowardsMaxSources();
    void twoEnginesMeasureTheOffset();
    void runsAreDeterministic();
    void ntpDataComesFromTheReply();
    void keyedSourceIsAuthenticated_data();
    void keyedSourceIsAuthenticated();
    void forgedRepliesAreDropped();
    void keyMismatchGetsNoTime();
    void authSelectModeDecides_data();
    void authSelectModeDecides();
    void keyedPeerIsAnsweredSigned();
    void minStratumRaisesTheSourcesStratum();
    void serverCountsReceiveStampsByWhoTookThem();
};

void TestEngine::localServerAnswers()
{
    constexpr int kLocalStratum = 3;
    Engine engine(servingConfig(true, kLocalStratum), options(), kStart);

    const SocketAddress from{ip("192.0.2.50"), kClientPort};
    const RealTime received = kStart + 1s;
    const Bytes request = clientRequest();
    engine.handlePacket(serverPacket(request, from, received), received + 20us);

    std::vector<OutgoingPacket> out = engine.takeOutgoing();
    QCOMPARE(out.size(), std::size_t{1});
    const OutgoingPacket &reply = out.front();
    QCOMPARE(reply.role, SocketRole::Server);
    QCOMPARE(reply.hostSocket, kServerSocket);
    QVERIFY(reply.remote == from);
    // Replies get their transmit timestamp from the host at the last moment; a request in
    // basic mode needs no transmit report (interleaved ones do: tst_interleaved).
    QVERIFY(reply.stampTransmit);
    QVERIFY(!reply.reportTransmit);
    QCOMPARE(reply.data.size(), kNtpHeaderLength);

    const NtpHeader h = parse(reply.data);
    QCOMPARE(h.mode, NtpMode::Server);
    QCOMPARE(h.leap, LeapIndicator::None);
    QCOMPARE(static_cast<int>(h.stratum), kLocalStratum);
    // 127.127.1.1, the local clock's reference ID in chrony and ntpd.
    constexpr std::uint32_t kLocalRefId = (127u << 24) | (127u << 16) | (1u << 8) | 1u;
    QCOMPARE(h.referenceId, kLocalRefId);
    QCOMPARE(static_cast<int>(h.precision), kPrecision);
    QCOMPARE(h.originTime.raw(), kClientCookie);
    // Unadjusted virtual clock: engine time is the raw clock, so T2 is the host's receive time
    // (which has a .375 s fraction: 0.375 * 2^32 = 0x60000000 exactly), with chronyd's mark of
    // a server's receive timestamp in its lowest bit.
    constexpr std::uint32_t kThreeEighthsFraction = 0x6000'0000;
    QCOMPARE(h.receiveTime, NtpTimestamp(static_cast<std::uint32_t>(kStartUnixSeconds + 1 + kNtpToUnixSeconds),
                                         kThreeEighthsFraction | kServerReceiveFlag));
    QCOMPARE(h.receiveTime, withServerReceiveFlag(NtpTimestamp::fromRealTime(received)));

    const RealTime sendTime = received + 35us;
    QCOMPARE(engine.transmitTimestamp(sendTime), NtpTimestamp::fromRealTime(sendTime));

    const EngineSnapshot s = engine.snapshot(sendTime);
    QCOMPARE(s.server.packetsReceived, 1u);
    QCOMPARE(s.server.repliesSent, 1u);
    QVERIFY(s.reference.synchronised);
    QCOMPARE(s.reference.stratum, kLocalStratum);
    QCOMPARE(s.reference.referenceName, std::string("LOCAL"));
    QCOMPARE(s.time, sendTime);
    QVERIFY(engine.takeOutgoing().empty());
}

void TestEngine::withoutLocalRepliesAreUnsynchronised()
{
    // No source and no `local`: answered (chronyd does too), but marked unusable.
    Engine engine(servingConfig(false), options(), kStart);
    const SocketAddress from{ip("2001:db8::50"), kClientPort};
    const Bytes request = clientRequest();
    engine.handlePacket(serverPacket(request, from, kStart), kStart);
    const std::vector<OutgoingPacket> out = engine.takeOutgoing();
    QCOMPARE(out.size(), std::size_t{1});
    const NtpHeader h = parse(out.front().data);
    QCOMPARE(h.leap, LeapIndicator::Unsynchronised);
    QCOMPARE(static_cast<int>(h.stratum), 0);
    QCOMPARE(h.referenceId, 0u);
    QCOMPARE(h.originTime.raw(), kClientCookie);
    QVERIFY(!engine.snapshot(kStart).reference.synchronised);
}

void TestEngine::deniedAndStrayPacketsGetNothing()
{
    EngineConfig config = servingConfig(true);
    config.ntpAccess.clear(); // nobody allowed
    config.sources = {sourceConfig(SourceConfig::Kind::Server, "192.0.2.1")};
    Engine engine(config, options(), kStart);
    const Bytes request = clientRequest();
    engine.handlePacket(serverPacket(request, {ip("192.0.2.50"), kClientPort}, kStart), kStart);
    QVERIFY(engine.takeOutgoing().empty());
    QCOMPARE(engine.snapshot(kStart).server.droppedDenied, 1u);

    // A "reply" on the client socket from an address we never polled goes nowhere either.
    ReceivedPacket stray = serverPacket(request, {ip("198.51.100.9"), kNtpDefaultPort}, kStart);
    stray.role = SocketRole::Client;
    engine.handlePacket(stray, kStart);
    QVERIFY(engine.takeOutgoing().empty());
    const EngineSnapshot s = engine.snapshot(kStart);
    QCOMPARE(s.sources.size(), std::size_t{1});
    QCOMPARE(s.sources.front().repliesRejected + s.sources.front().repliesAccepted, 0u);
    QCOMPARE(s.server.packetsReceived, 1u); // client-socket traffic is not server traffic
}

void TestEngine::literalServerIsPolledAtOnce()
{
    constexpr int kPoll = 4;
    EngineConfig config;
    config.sources = {sourceConfig(SourceConfig::Kind::Server, "192.0.2.1", kPoll, kPoll)};
    Engine engine(config, options(), kStart);

    // No resolving needed: the source exists from the start.
    QVERIFY(engine.takeResolveRequests().empty());
    EngineSnapshot s = engine.snapshot(kStart);
    QCOMPARE(s.sources.size(), std::size_t{1});
    QCOMPARE(s.sources.front().name, std::string("192.0.2.1"));
    QVERIFY(s.sources.front().address == (SocketAddress{ip("192.0.2.1"), kNtpDefaultPort}));
    QVERIFY(s.sources.front().poolName.empty());
    QCOMPARE(s.sources.front().requestsSent, 0u);

    QCOMPARE(engine.nextWakeup(), std::optional<RealTime>(kStart));
    engine.handleTimeout(kStart - 1ms); // early wakeups do nothing
    QVERIFY(engine.takeOutgoing().empty());

    engine.handleTimeout(kStart);
    const std::vector<OutgoingPacket> out = engine.takeOutgoing();
    QCOMPARE(out.size(), std::size_t{1});
    const OutgoingPacket &request = out.front();
    QCOMPARE(request.role, SocketRole::Client);
    QVERIFY(request.remote == (SocketAddress{ip("192.0.2.1"), kNtpDefaultPort}));
    // The host must report when it left (T1), and must not overwrite the cookie.
    QVERIFY(request.reportTransmit);
    QVERIFY(!request.stampTransmit);
    const NtpHeader h = parse(request.data);
    QCOMPARE(h.mode, NtpMode::Client);
    QCOMPARE(static_cast<int>(h.poll), kPoll);
    QVERIFY(!h.transmitTime.isZero());

    // Until the source has answered twice, an unanswered request is retried soon: the wakeup is
    // that retry, not the next poll.
    QCOMPARE(engine.nextWakeup(), std::optional<RealTime>(kStart + NtpSource::kBurstInterval));
    engine.handleTimeout(kStart + 1s);
    QVERIFY(engine.takeOutgoing().empty());
    QCOMPARE(engine.snapshot(kStart + 1s).sources.front().requestsSent, 1u);
}

void TestEngine::namesAreResolved()
{
    EngineConfig config;
    config.sources = {sourceConfig(SourceConfig::Kind::Pool, kPoolName),
                      sourceConfig(SourceConfig::Kind::Server, kServerName),
                      sourceConfig(SourceConfig::Kind::Server, "192.0.2.1")};
    Engine engine(config, options(), kStart);

    const std::vector<ResolveRequest> requests = engine.takeResolveRequests();
    QCOMPARE(requests.size(), std::size_t{2});
    std::set<std::string> hosts;
    std::set<std::uint64_t> tokens;
    for (const ResolveRequest &r : requests) {
        hosts.insert(r.host);
        tokens.insert(r.token);
    }
    QCOMPARE(hosts, (std::set<std::string>{kPoolName, kServerName}));
    QCOMPARE(tokens.size(), std::size_t{2});
    // Asked once: nothing new until an answer or a retry.
    QVERIFY(engine.takeResolveRequests().empty());
    // Only the literal address is a source so far.
    QCOMPARE(engine.snapshot(kStart).sources.size(), std::size_t{1});
}

void TestEngine::poolResolvesToMaxSources()
{
    constexpr int kMaxSources = 4;
    SourceConfig pool = sourceConfig(SourceConfig::Kind::Pool, kPoolName);
    pool.maxSources = kMaxSources;
    EngineConfig config;
    config.sources = {pool};
    Engine engine(config, options(), kStart);
    const std::vector<ResolveRequest> requests = engine.takeResolveRequests();
    QCOMPARE(requests.size(), std::size_t{1});

    const std::vector<IpAddress> resolved =
        addresses({"198.51.100.1", "198.51.100.2", "198.51.100.3", "2001:db8::4", "198.51.100.5", "198.51.100.6"});
    const RealTime answered = kStart + 30ms;
    engine.handleResolved(requests.front().token, resolved, answered);

    const EngineSnapshot s = engine.snapshot(answered);
    QCOMPARE(s.sources.size(), std::size_t{kMaxSources});
    std::set<SocketAddress> seen;
    std::set<std::uint32_t> ids;
    for (const SourceSnapshot &source : s.sources) {
        QVERIFY(std::find(resolved.begin(), resolved.end(), source.address.ip) != resolved.end());
        QCOMPARE(source.address.port, kNtpDefaultPort);
        // Pool members are named by their address and remember their pool.
        QCOMPARE(source.name, source.address.ip.toString());
        QCOMPARE(source.poolName, std::string(kPoolName));
        seen.insert(source.address);
        ids.insert(source.id);
    }
    QCOMPARE(seen.size(), std::size_t{kMaxSources});
    QCOMPARE(ids.size(), std::size_t{kMaxSources});

    // All new sources are due at once.
    QCOMPARE(engine.nextWakeup(), std::optional<RealTime>(answered));
    engine.handleTimeout(answered);
    const std::vector<OutgoingPacket> out = engine.takeOutgoing();
    QCOMPARE(out.size(), std::size_t{kMaxSources});
    std::set<SocketAddress> polled;
    for (const OutgoingPacket &p : out)
        polled.insert(p.remote);
    QVERIFY(polled == seen);
    QVERIFY(engine.takeResolveRequests().empty()); // resolved for good
}

void TestEngine::serverNameUsesOneAddress()
{
    EngineConfig config;
    config.sources = {sourceConfig(SourceConfig::Kind::Server, kServerName)};
    Engine engine(config, options(), kStart);
    const std::vector<ResolveRequest> requests = engine.takeResolveRequests();
    QCOMPARE(requests.size(), std::size_t{1});
    const std::vector<IpAddress> resolved = addresses({"203.0.113.7", "203.0.113.8"});
    engine.handleResolved(requests.front().token, resolved, kStart);
    const EngineSnapshot s = engine.snapshot(kStart);
    // A `server` is one source whatever the name resolves to; it keeps its configured name.
    QCOMPARE(s.sources.size(), std::size_t{1});
    QCOMPARE(s.sources.front().name, std::string(kServerName));
    QVERIFY(s.sources.front().poolName.empty());
    QVERIFY(std::find(resolved.begin(), resolved.end(), s.sources.front().address.ip) != resolved.end());
}

void TestEngine::failedResolveIsRetriedWithBackoff()
{
    EngineConfig config;
    config.sources = {sourceConfig(SourceConfig::Kind::Pool, kPoolName)};
    Engine engine(config, options(), kStart);
    std::vector<ResolveRequest> requests = engine.takeResolveRequests();
    QCOMPARE(requests.size(), std::size_t{1});
    // While the host is resolving there is nothing to wake up for.
    QCOMPARE(engine.nextWakeup(), std::optional<RealTime>());

    RealTime now = kStart + 2s; // the resolver took a while to fail
    Nanoseconds expectedWait = Engine::kResolveRetryFirst;
    constexpr int kFailures = 10; // enough to reach the cap (8 s * 2^6 = 512 s)
    for (int failure = 0; failure < kFailures; ++failure) {
        engine.handleResolved(requests.front().token, {}, now);
        QVERIFY(engine.snapshot(now).sources.empty());
        const std::optional<RealTime> wake = engine.nextWakeup();
        QVERIFY(wake.has_value());
        QCOMPARE(*wake - now, expectedWait);

        // Not before the retry is due...
        engine.handleTimeout(*wake - 1ms);
        QVERIFY(engine.takeResolveRequests().empty());
        // ...and then exactly one new request for the same name.
        now = *wake;
        engine.handleTimeout(now);
        requests = engine.takeResolveRequests();
        QCOMPARE(requests.size(), std::size_t{1});
        QCOMPARE(requests.front().host, std::string(kPoolName));

        expectedWait = std::min(expectedWait * 2, Engine::kResolveRetryMax);
    }
    QCOMPARE(expectedWait, Engine::kResolveRetryMax);

    // A late success ends the retries.
    engine.handleResolved(requests.front().token, addresses({"198.51.100.1"}), now);
    QCOMPARE(engine.snapshot(now).sources.size(), std::size_t{1});
    engine.handleTimeout(now + Engine::kResolveRetryMax);
    QVERIFY(engine.takeResolveRequests().empty());
}

// A name that does not resolve must not vanish: the snapshot lists it, marked once a lookup
// failed, until it has an address.
void TestEngine::unresolvedNamesAreListed()
{
    EngineConfig config;
    config.sources = {sourceConfig(SourceConfig::Kind::Pool, kPoolName),
                      sourceConfig(SourceConfig::Kind::Server, kServerName)};
    Engine engine(config, options(), kStart);
    const std::vector<ResolveRequest> requests = engine.takeResolveRequests();
    QCOMPARE(requests.size(), std::size_t{2});

    EngineSnapshot s = engine.snapshot(kStart);
    QCOMPARE(s.unresolved.size(), std::size_t{2});
    QCOMPARE(s.unresolved[0], (UnresolvedName{kPoolName, true, false}));
    QCOMPARE(s.unresolved[1], (UnresolvedName{kServerName, false, false}));

    const RealTime answered = kStart + 30ms;
    for (const ResolveRequest &r : requests)
        engine.handleResolved(r.token, r.host == kPoolName ? std::vector<IpAddress>{} : addresses({"198.51.100.7"}),
                              answered);
    s = engine.snapshot(answered);
    QCOMPARE(s.unresolved.size(), std::size_t{1});
    QCOMPARE(s.unresolved[0], (UnresolvedName{kPoolName, true, true}));
    QCOMPARE(s.sources.size(), std::size_t{1});
}

void TestEngine::duplicateAddressesArePolledOnce()
{
    SourceConfig pool = sourceConfig(SourceConfig::Kind::Pool, kPoolName);
    pool.maxSources = 8;
    EngineConfig config;
    // The same server twice, and a pool that also hands it out (twice).
    config.sources = {sourceConfig(SourceConfig::Kind::Server, "192.0.2.1"),
                      sourceConfig(SourceConfig::Kind::Server, "192.0.2.1"), pool};
    Engine engine(config, options(), kStart);
    const std::vector<ResolveRequest> requests = engine.takeResolveRequests();
    QCOMPARE(requests.size(), std::size_t{1});
    engine.handleResolved(requests.front().token, addresses({"192.0.2.1", "198.51.100.1", "192.0.2.1", "198.51.100.1"}),
                          kStart);

    engine.handleTimeout(kStart);
    std::map<SocketAddress, int> requestsTo;
    for (const OutgoingPacket &p : engine.takeOutgoing())
        ++requestsTo[p.remote];
    QCOMPARE(requestsTo.size(), std::size_t{2});
    for (const auto &[address, count] : requestsTo)
        QCOMPARE(count, 1);
    QCOMPARE(engine.snapshot(kStart).sources.size(), std::size_t{2});
}

void TestEngine::poolSkipsDuplicatesTowardsMaxSources()
{
    // chronyd (ntp_sources.c, process_resolved_name) counts only sources it actually added
    // against maxsources: addresses already in use are skipped and the next ones taken.
    constexpr int kMaxSources = 4;
    SourceConfig pool = sourceConfig(SourceConfig::Kind::Pool, kPoolName);
    pool.maxSources = kMaxSources;
    EngineConfig config;
    config.sources = {sourceConfig(SourceConfig::Kind::Server, "198.51.100.1"), pool};
    Engine engine(config, options(), kStart);
    const std::vector<ResolveRequest> requests = engine.takeResolveRequests();
    QCOMPARE(requests.size(), std::size_t{1});
    // 6 distinct addresses, one already a `server`, one listed twice: 5 are new.
    engine.handleResolved(
        requests.front().token,
        addresses({"198.51.100.1", "198.51.100.2", "198.51.100.2", "198.51.100.3", "198.51.100.4", "198.51.100.5"}),
        kStart);
    int fromPool = 0;
    for (const SourceSnapshot &s : engine.snapshot(kStart).sources)
        fromPool += s.poolName == kPoolName ? 1 : 0;
    // Duplicates and addresses already in use must not count towards maxsources.

    QCOMPARE(fromPool, kMaxSources);
}

void TestEngine::twoEnginesMeasureTheOffset()
{
    TwoHostNetwork network(kSeed);
    QVERIFY2(network.runUntil(kAfterEightPolls), "simulation did not settle");

    const EngineSnapshot client = network.clientSnapshot();
    const EngineSnapshot server = network.serverSnapshot();
    QCOMPARE(client.sources.size(), std::size_t{1});
    const SourceSnapshot &source = client.sources.front();
    QCOMPARE(source.requestsSent, std::uint64_t{kSimulatedPolls});
    QCOMPARE(source.repliesAccepted, std::uint64_t{kSimulatedPolls});
    QCOMPARE(source.reach, std::uint8_t{0377});
    QCOMPARE(source.stratum, kSimServerStratum);
    QCOMPARE(source.referenceId, Engine::kLocalReferenceId);

    // RFC 5905 section 8: the offset is the clock difference minus half the path asymmetry,
    // and the delay the round trip without the server's turnaround.
    const double expectedOffset = toSeconds(kServerClockAhead) - toSeconds(kDelayToClient - kDelayToServer) / 2;
    const double expectedDelay = toSeconds(kDelayToServer + kDelayToClient);
    constexpr double kTolerance = 1e-6; // s
    QCOMPARE(source.recentSamples.size(), std::size_t{kSimulatedPolls});
    // The first measurement sees the whole clock difference; once the client has synchronised
    // to the server, it serves the server's time, wrong only by what the path asymmetry hides.
    QVERIFY2(std::abs(source.recentSamples.front().offset - expectedOffset) < kTolerance,
             qPrintable(QString::number(source.recentSamples.front().offset, 'g', 12)));
    QVERIFY(client.reference.synchronised);
    QCOMPARE(client.reference.stratum, kSimServerStratum + 1);
    const double hiddenByAsymmetry = toSeconds(kServerClockAhead) - expectedOffset;
    QVERIFY2(std::abs(network.clientMinusServer() + hiddenByAsymmetry) < kTolerance,
             qPrintable(QString::number(network.clientMinusServer(), 'g', 12)));
    for (const SourceSample &sample : source.recentSamples) {
        QVERIFY2(std::abs(sample.delay - expectedDelay) < kTolerance,
                 qPrintable(QString::number(sample.delay, 'g', 12)));
        QCOMPARE(sample.stratum, kSimServerStratum);
    }

    // The selection's reason travels with the state: selectdata's letter.
    QCOMPARE(source.state, SourceState::Selected);
    QCOMPARE(source.selectionLetter, '*');

    // Every request reached the server and every reply was accepted.
    QCOMPARE(server.server.packetsReceived, std::uint64_t{kSimulatedPolls});
    QCOMPARE(server.server.repliesSent, source.repliesAccepted);
    QCOMPARE(server.server.droppedTotal(), 0u);
}

void TestEngine::ntpDataComesFromTheReply()
{
    // What ntpdata shows of the last reply is what that packet carried, not made up: before,
    // local address, precision, reference time and response time were never filled in.
    TwoHostNetwork network(kSeed);
    QVERIFY2(network.runUntil(kAfterEightPolls), "simulation did not settle");
    const SourceSnapshot source = network.clientSnapshot().sources.front();
    QVERIFY(source.lastExchange.has_value());
    const NtpExchangeSnapshot &e = *source.lastExchange;
    QCOMPARE(e.localAddress, kClientAddress.ip);
    QCOMPARE(e.version, 4);
    QCOMPARE(e.mode, NtpMode::Server);
    QCOMPARE(e.precision, kPrecision);     // the server engine's
    QCOMPARE(e.poll, kSimulationPollLog2); // the server echoes the client's poll
    const ReferenceSnapshot served = network.serverSnapshot().reference;
    QVERIFY(served.referenceTime.has_value());
    // The server's `local` reference time is the time it answered, on its own (fast) clock.
    QVERIFY2(std::abs(toSeconds(e.referenceTime - *served.referenceTime)) < 1.5,
             qPrintable(QString::number(toSeconds(e.referenceTime - *served.referenceTime))));
    QVERIFY2(std::abs(e.responseTime - toSeconds(kServerTurnaround)) < 1e-6,
             qPrintable(QString::number(e.responseTime)));
}

void TestEngine::minStratumRaisesTheSourcesStratum()
{
    // chronyd (ntp_core.c): a usable reply counts as MAX(its stratum, minstratum), in the sources
    // listing, in selection's stratum weighting and in the stratum we serve.
    constexpr int kMinStratum = 4;
    TwoHostNetwork network(kSeed, 0, kMinStratum);
    QVERIFY2(network.runUntil(kAfterEightPolls), "simulation did not settle");
    EngineSnapshot client = network.clientSnapshot();
    QCOMPARE(client.sources.front().stratum, kMinStratum);
    QCOMPARE(client.sources.front().recentSamples.back().stratum, kMinStratum);
    QVERIFY(client.reference.synchronised);
    QCOMPARE(client.reference.stratum, kMinStratum + 1);

    // At run time (chronyc's `minstratum ADDRESS STRATUM`), from the next reply on; 0 undoes it.
    QVERIFY(network.runClientCommand("minstratum", "192.0.2.1 0").ok());
    QVERIFY2(network.runUntil(kAfterEightPolls + pollSeconds(kSimulationPollLog2) * 2), "simulation did not settle");
    client = network.clientSnapshot();
    QCOMPARE(client.sources.front().stratum, kSimServerStratum);
    QCOMPARE(client.reference.stratum, kSimServerStratum + 1);
    QCOMPARE(network.runClientCommand("minstratum", "192.0.2.1 17").status, CommandStatus::Invalid);
    QCOMPARE(network.runClientCommand("minstratum", "192.0.2.9 3").status, CommandStatus::NoSuchSource);
}

KeyTable keysOf(KeyType type, std::uint32_t id, std::string_view secret)
{
    KeyTable keys;
    keys.add(SymmetricKey{id, type, std::vector<std::uint8_t>(secret.begin(), secret.end())});
    return keys;
}

void TestEngine::keyedSourceIsAuthenticated_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<int>("requestLength");
    QTest::addColumn<int>("version");
    QTest::newRow("MD5") << int(KeyType::Md5) << QByteArray("md5-secret-1234") << 68 << 4;
    QTest::newRow("SHA1") << int(KeyType::Sha1) << QByteArray("sha1-secret-1234") << 72 << 4;
    // Digests longer than 20 bytes go whole, in NTPv3, as chronyd sends them.
    QTest::newRow("SHA256") << int(KeyType::Sha256) << QByteArray("sha256-secret-12") << 84 << 3;
    QTest::newRow("SHA512") << int(KeyType::Sha512) << QByteArray("sha512-secret-12") << 116 << 3;
    QTest::newRow("AES128") << int(KeyType::Aes128) << QByteArray("0123456789abcdef") << 68 << 4;
    QTest::newRow("AES256") << int(KeyType::Aes256) << QByteArray("0123456789abcdef0123456789abcdef") << 68 << 4;
}

void TestEngine::keyedSourceIsAuthenticated()
{
    // `server 192.0.2.1 key 5` against a server with the same key: every request and reply is
    // signed, every reply verified, and the source is selected.
    QFETCH(int, type);
    QFETCH(QByteArray, secret);
    QFETCH(int, requestLength);
    QFETCH(int, version);
    const KeyTable keys = keysOf(KeyType(type), 5, secret.toStdString());
    TwoHostNetwork network(kSeed, 5, 0, keys, keys);
    QVERIFY2(network.runUntil(kAfterEightPolls), "simulation did not settle");
    const EngineSnapshot client = network.clientSnapshot();
    const SourceSnapshot &source = client.sources.front();
    QCOMPARE(source.reach, std::uint8_t{0377});
    QCOMPARE(source.state, SourceState::Selected);
    QVERIFY(client.reference.synchronised);
    QCOMPARE(source.keyId, 5u);
    QCOMPARE(source.keyType, std::string(keyTypeName(KeyType(type))));
    QCOMPARE(source.keyBits, int(secret.size()) * 8);
    QCOMPARE(source.authFailures, 0u);
    QVERIFY(source.unselectableReason.empty());
    QCOMPARE(source.lastExchange->version, version);
    for (std::size_t length : network.requestLengths())
        QCOMPARE(length, std::size_t(requestLength));
    const ServerStats server = network.serverSnapshot().server;
    QCOMPARE(server.authenticatedRequests, std::uint64_t{kSimulatedPolls});
    QCOMPARE(server.droppedTotal(), 0u);
}

void TestEngine::forgedRepliesAreDropped()
{
    // A man in the middle changes a bit of each reply: the client drops them all, counted, and
    // never synchronises.
    const KeyTable keys = keysOf(KeyType::Aes128, 5, "0123456789abcdef");
    TwoHostNetwork network(kSeed, 5, 0, keys, keys);
    network.setTamper([](Bytes &data) { data[kNtpTransmitTimestampOffset + 7] ^= 0x01; });
    QVERIFY2(network.runUntil(kAfterEightPolls), "simulation did not settle");
    const EngineSnapshot client = network.clientSnapshot();
    const SourceSnapshot &source = client.sources.front();
    QCOMPARE(source.reach, std::uint8_t{0});
    QVERIFY(!client.reference.synchronised);
    QVERIFY(source.authFailures >= std::uint64_t{kSimulatedPolls});
    QCOMPARE(source.repliesAccepted, 0u);
    QCOMPARE(source.lastRejectReason, std::string("not authenticated: bad MAC"));

    // Unsigned replies to a keyed source: dropped the same way.
    TwoHostNetwork stripped(kSeed, 5, 0, keys, keys);
    stripped.setTamper([](Bytes &data) { data.resize(kNtpHeaderLength); });
    QVERIFY2(stripped.runUntil(kAfterEightPolls), "simulation did not settle");
    QCOMPARE(stripped.clientSnapshot().sources.front().reach, std::uint8_t{0});
    QCOMPARE(stripped.clientSnapshot().sources.front().lastRejectReason, std::string("not authenticated: no MAC"));
}

void TestEngine::keyMismatchGetsNoTime()
{
    // The server has key 5 with another secret: it answers nothing (as chronyd), and says so.
    TwoHostNetwork network(kSeed, 5, 0, keysOf(KeyType::Sha1, 5, "client-secret-1234"),
                           keysOf(KeyType::Sha1, 5, "server-secret-1234"));
    QVERIFY2(network.runUntil(kAfterEightPolls), "simulation did not settle");
    QCOMPARE(network.clientSnapshot().sources.front().reach, std::uint8_t{0});
    const ServerStats server = network.serverSnapshot().server;
    QCOMPARE(server.repliesSent, 0u);
    QVERIFY(server.droppedAuth >= std::uint64_t{kSimulatedPolls});

    // A key missing from the client's keyfile: nothing is sent, and an event says why.
    TwoHostNetwork missing(kSeed, 6, 0, keysOf(KeyType::Sha1, 5, "client-secret-1234"), {});
    QVERIFY2(missing.runUntil(kAfterEightPolls), "simulation did not settle");
    QVERIFY(missing.requestLengths().empty());
    QCOMPARE(missing.serverSnapshot().server.packetsReceived, 0u);
    const std::vector<EngineEvent> events = missing.takeClientEvents();
    QVERIFY(std::any_of(events.begin(), events.end(), [](const EngineEvent &e) {
        return e.message == "source 192.0.2.1: key 6 is not in the keyfile, no request is sent";
    }));
}

void TestEngine::authSelectModeDecides_data()
{
    QTest::addColumn<AuthSelectMode>("mode");
    QTest::addColumn<bool>("keyed");
    QTest::addColumn<bool>("selected");
    // chrony.conf(5): require makes every unauthenticated NTP source noselect; prefer only when
    // an authenticated one is there; mix and ignore leave a lone source selectable.
    QTest::newRow("require, no key") << AuthSelectMode::Require << false << false;
    QTest::newRow("require, key") << AuthSelectMode::Require << true << true;
    QTest::newRow("prefer, no key") << AuthSelectMode::Prefer << false << true;
    QTest::newRow("mix, no key") << AuthSelectMode::Mix << false << true;
    QTest::newRow("mix, key") << AuthSelectMode::Mix << true << true;
    QTest::newRow("ignore, no key") << AuthSelectMode::Ignore << false << true;
}

void TestEngine::authSelectModeDecides()
{
    QFETCH(AuthSelectMode, mode);
    QFETCH(bool, keyed);
    QFETCH(bool, selected);
    const KeyTable keys = keysOf(KeyType::Sha1, 5, "shared-secret-1234");
    TwoHostNetwork network(kSeed, keyed ? 5 : 0, 0, keys, keys, mode);
    QVERIFY2(network.runUntil(kAfterEightPolls), "simulation did not settle");
    const EngineSnapshot client = network.clientSnapshot();
    QCOMPARE(client.sources.front().reach, std::uint8_t{0377});
    QCOMPARE(client.sources.front().state == SourceState::Selected, selected);
    QCOMPARE(client.reference.synchronised, selected);
    // The reason names the policy, not a `noselect` the line does not have.
    if (!selected)
        QCOMPARE(client.sources.front().unselectableReason,
                 std::string("`authselectmode require` takes only authenticated sources, and it has no `key`"));
}

void TestEngine::keyedPeerIsAnsweredSigned()
{
    // `peer 192.0.2.1 key 5` and no `allow`: the peer's signed symmetric-active packets are
    // answered, signed with that key; unsigned or otherwise signed ones are not (no access).
    const KeyTable keys = keysOf(KeyType::Aes256, 5, "0123456789abcdef0123456789abcdef");
    KeyTable both = keys;
    both.add(SymmetricKey{6, KeyType::Sha1, {'o', 't', 'h', 'e', 'r', '-', 'k', 'e', 'y', '!'}});
    EngineConfig config;
    config.local.enabled = true;
    config.sources = {sourceConfig(SourceConfig::Kind::Peer, "192.0.2.1")};
    config.sources.front().key = 5;
    EngineOptions o = options();
    o.keys = both;
    Engine engine(config, o, kStart);
    const SocketAddress peer{ip("192.0.2.1"), kNtpDefaultPort};
    const auto symmetricActive = [](std::uint32_t keyId, const KeyTable &table) {
        NtpHeader h;
        h.mode = NtpMode::SymmetricActive;
        h.transmitTime = NtpTimestamp::fromRaw(kClientCookie);
        const auto raw = serializeNtpHeader(h);
        Bytes data(raw.begin(), raw.end());
        if (keyId != 0)
            appendMac(data, *table.find(keyId));
        return data;
    };
    const auto answer = [&](const Bytes &data) {
        engine.handlePacket(serverPacket(data, peer, kStart), kStart);
        std::vector<OutgoingPacket> out = engine.takeOutgoing();
        return out;
    };

    const Bytes signedRequest = symmetricActive(5, both);
    std::vector<OutgoingPacket> out = answer(signedRequest);
    QCOMPARE(out.size(), std::size_t{1});
    QCOMPARE(out.front().macKeyId, 5u);
    engine.finishOutgoing(out.front(), kStart);
    QCOMPARE(out.front().data.size(), signedRequest.size());
    const NtpParseResult parsed = parseNtpPacket(out.front().data);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.packet.header.mode, NtpMode::SymmetricPassive);
    QCOMPARE(checkMac(out.front().data, parsed.packet, keys), MacCheck::Ok);

    QVERIFY(answer(symmetricActive(0, both)).empty());
    QVERIFY(answer(symmetricActive(6, both)).empty());
    Bytes forged = signedRequest;
    forged[kNtpTransmitTimestampOffset] ^= 0x01;
    QVERIFY(answer(forged).empty());
}

void TestEngine::runsAreDeterministic()
{
    TwoHostNetwork first(kSeed);
    TwoHostNetwork second(kSeed);
    QVERIFY(first.runUntil(kAfterEightPolls));
    QVERIFY(second.runUntil(kAfterEightPolls));
    QVERIFY(first.clientSnapshot() == second.clientSnapshot());
    QVERIFY(first.serverSnapshot() == second.serverSnapshot());
    QCOMPARE(first.requestCookies().size(), std::size_t{kSimulatedPolls});
    QVERIFY(first.requestCookies() == second.requestCookies());

    // Another seed: other cookies (none of them repeated), the same measurements.
    TwoHostNetwork other(kSeed + 1);
    QVERIFY(other.runUntil(kAfterEightPolls));
    QCOMPARE(other.requestCookies().size(), first.requestCookies().size());
    for (std::size_t i = 0; i < first.requestCookies().size(); ++i)
        QVERIFY(other.requestCookies()[i] != first.requestCookies()[i]);
    const std::set<std::uint64_t> distinct(first.requestCookies().begin(), first.requestCookies().end());
    QCOMPARE(distinct.size(), first.requestCookies().size());
    const SourceSnapshot a = first.clientSnapshot().sources.front();
    const SourceSnapshot b = other.clientSnapshot().sources.front();
    QCOMPARE(a.reach, b.reach);
    QCOMPARE(a.recentSamples.size(), b.recentSamples.size());
    for (std::size_t i = 0; i < a.recentSamples.size(); ++i)
        QVERIFY(std::abs(a.recentSamples[i].offset - b.recentSamples[i].offset) < 1e-12);
}

void TestEngine::serverCountsReceiveStampsByWhoTookThem()
{
    // serverstats' RX timestamp counts: the daemon's (no kernel stamp), the kernel's, the
    // network card's (hwtimestamp); the reply's receive timestamp is the stamp handed in.
    Engine engine(servingConfig(true, 3), options(), kStart);
    const SocketAddress from{ip("192.0.2.50"), kClientPort};
    const Bytes request = clientRequest();
    RealTime at = kStart + 1s;
    for (const int kind : {0, 1, 2, 2}) {
        ReceivedPacket p = serverPacket(request, from, at);
        p.kernelTimestamp = kind >= 1;
        p.hardwareTimestamp = kind == 2;
        engine.handlePacket(p, at + 20us);
        const std::vector<OutgoingPacket> out = engine.takeOutgoing();
        QCOMPARE(out.size(), std::size_t{1});
        QCOMPARE(parse(out.front().data).receiveTime.toRealTime(at), at);
        at += 1s;
    }
    const ServerStats stats = engine.snapshot(at).server;
    QCOMPARE(stats.repliesSent, std::uint64_t{4});
    QCOMPARE(stats.daemonReceiveStamps, std::uint64_t{1});
    QCOMPARE(stats.hardwareReceiveStamps, std::uint64_t{2});
}

QTEST_APPLESS_MAIN(TestEngine)
#include "tst_engine.moc"
