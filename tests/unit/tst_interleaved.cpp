// NTP interleaved mode (`xleave`, draft-ietf-ntp-interleaved-modes as chronyd implements it)
// between two engines in virtual time: the server keeps per client the receive and real transmit
// timestamps of its last reply and answers an interleaved request with them; the client sends
// interleaved requests once it has an exchange to build on, checks the reply's origin against
// the right cookie, measures with the previous exchange completed by the server's real T3 and
// falls back to basic mode when the server does not answer interleaved.
//
// Each host stamps a packet in user space (the daemon's stamp, what finishOutgoing writes) and
// the packet leaves a transmit delay later, which the kernel stamps (reported with
// kernelTimestamp). Basic mode carries the server's early stamp, interleaved mode its late one.
#include "engine/Engine.h"

#include <QtTest>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

using Bytes = std::vector<std::uint8_t>;

const RealTime kStart = realTimeFromNanos(1'760'000'000 * kNanosPerSecond + 125'000'000);
constexpr int kPrecision = -24; // log2 s: fine, so that the arithmetic shows
constexpr Nanoseconds kServerClockAhead = 40ms;
constexpr Nanoseconds kPathDelay = 200us; // each way: a symmetric path, offset measured exactly
// From the daemon's stamp to the kernel's: the error basic mode makes on T1 and T3.
constexpr Nanoseconds kClientTransmitDelay = 10us;
constexpr Nanoseconds kServerTransmitDelay = 80us;
constexpr int kPollLog2 = 0;
constexpr int kMaxIterations = 10'000;
// Within this of the truth: the timestamps' resolution and the precision floor of the delay.
constexpr double kTolerance = 1e-8; // s

const SocketAddress kServerAddress{IpAddress::v4(0xc0000201u), kNtpDefaultPort}; // 192.0.2.1
const SocketAddress kClientAddress{IpAddress::v4(0xc0000264u), 50'123};          // 192.0.2.100

EngineOptions options(std::uint64_t seed)
{
    EngineOptions o;
    o.seed = seed;
    o.precision = kPrecision;
    o.clockDriver = nullptr; // virtual clocks: nothing outside the engines is touched
    return o;
}

EngineConfig serverConfig(bool clientLog)
{
    EngineConfig c;
    AccessRule all;
    all.allow = true;
    c.ntpAccess = {all};
    c.local.enabled = true;
    c.local.stratum = 1;
    c.server.noClientLog = !clientLog;
    return c;
}

EngineConfig clientConfig(bool xleave)
{
    EngineConfig c;
    c.ntpPort = 0;
    SourceConfig s;
    s.kind = SourceConfig::Kind::Server;
    s.host = "192.0.2.1";
    s.minPoll = kPollLog2;
    s.maxPoll = kPollLog2;
    s.xleave = xleave;
    c.sources = {s};
    return c;
}

NtpHeader header(const Bytes &data)
{
    const NtpParseResult parsed = parseNtpPacket(data);
    if (!parsed.ok())
        qFatal("packet does not parse");
    return parsed.packet.header;
}

struct Exchange
{
    NtpHeader request;
    NtpHeader reply;
    std::size_t requestBytes = 0;
    std::size_t replyBytes = 0;
};

class Network
{
public:
    struct Options
    {
        bool xleave = true;
        bool serverClientLog = true;
        bool kernelStamps = true; // the hosts report the kernel's transmit timestamps
    };

    explicit Network(Options o)
        : m_options(o)
        , m_now(kStart)
        , m_server(serverConfig(o.serverClientLog), options(7), serverClock(kStart))
        , m_client(clientConfig(o.xleave), options(11), kStart)
    { }

    void runFor(Nanoseconds span)
    {
        const RealTime end = m_now + span;
        for (int i = 0; i < kMaxIterations; ++i) {
            std::optional<RealTime> next;
            const auto consider = [&next](RealTime t) {
                if (!next || t < *next)
                    next = t;
            };
            if (const auto w = m_client.nextWakeup())
                consider(*w);
            if (const auto w = m_server.nextWakeup())
                consider(*w - kServerClockAhead);
            if (!m_inFlight.empty())
                consider(m_inFlight.begin()->first);
            if (!next || *next > end) {
                m_now = end;
                return;
            }
            m_now = *next;
            step();
        }
        qFatal("the network ran away");
    }

    const std::vector<Exchange> &exchanges() const { return m_exchanges; }
    EngineSnapshot client() const { return m_client.snapshot(m_now); }
    EngineSnapshot server() const { return m_server.snapshot(serverClock(m_now)); }
    // The true offset of the server's clock from the client's (s).
    static double trueOffset() { return toSeconds(kServerClockAhead); }

private:
    struct Datagram
    {
        bool toServer = false;
        Bytes data;
    };

    static RealTime serverClock(RealTime trueTime) { return trueTime + kServerClockAhead; }

    void step()
    {
        if (const auto w = m_client.nextWakeup(); w && *w <= m_now) {
            m_client.handleTimeout(m_now);
            flush(false);
        }
        if (const auto w = m_server.nextWakeup(); w && *w <= serverClock(m_now)) {
            m_server.handleTimeout(serverClock(m_now));
            flush(true);
        }
        while (!m_inFlight.empty() && m_inFlight.begin()->first <= m_now) {
            const Datagram d = std::move(m_inFlight.begin()->second);
            m_inFlight.erase(m_inFlight.begin());
            ReceivedPacket p;
            p.data = d.data;
            p.kernelTimestamp = true;
            if (d.toServer) {
                p.role = SocketRole::Server;
                p.hostSocket = 0;
                p.remote = kClientAddress;
                p.receiveTime = serverClock(m_now);
                m_pendingRequest = {header(d.data), d.data.size()};
                m_server.handlePacket(p, serverClock(m_now));
                flush(true);
            } else {
                p.role = SocketRole::Client;
                p.remote = kServerAddress;
                p.receiveTime = m_now;
                Exchange e;
                e.request = m_pendingRequest.first;
                e.requestBytes = m_pendingRequest.second;
                e.reply = header(d.data);
                e.replyBytes = d.data.size();
                m_exchanges.push_back(e);
                m_client.handlePacket(p, m_now);
                flush(false);
            }
        }
    }

    // As a host: the daemon stamps and reports, the packet leaves a transmit delay later,
    // when the kernel stamps it and (with kernelStamps) reports that too.
    void flush(bool server)
    {
        Engine &engine = server ? m_server : m_client;
        const Nanoseconds txDelay = server ? kServerTransmitDelay : kClientTransmitDelay;
        const auto clock = [&](RealTime t) { return server ? serverClock(t) : t; };
        for (OutgoingPacket &out : engine.takeOutgoing()) {
            engine.finishOutgoing(out, clock(m_now));
            if (out.reportTransmit)
                engine.handleTransmitted({out.role, out.remote, out.data, clock(m_now), false});
            const RealTime left = m_now + txDelay;
            if (out.reportTransmit && m_options.kernelStamps)
                engine.handleTransmitted({out.role, out.remote, out.data, clock(left), true});
            m_inFlight.emplace(left + kPathDelay, Datagram{!server, std::move(out.data)});
        }
        engine.takeResolveRequests();
        engine.takeLogRecords();
        engine.takeEvents();
    }

    Options m_options;
    RealTime m_now;
    Engine m_server;
    Engine m_client;
    std::multimap<RealTime, Datagram> m_inFlight;
    std::pair<NtpHeader, std::size_t> m_pendingRequest;
    std::vector<Exchange> m_exchanges;
};

} // namespace

class TestInterleaved : public QObject
{
    Q_OBJECT

private slots:
    void requestsTurnInterleaved();
    void serverAnswersWithTheRealTransmitTime();
    void interleavedMeasuresExactly();
    void basicModeCarriesTheTransmitDelay();
    void fallsBackWithoutClientLog();
    void daemonStampsOnly();
    void basicClientsGetBasicReplies();
    void replayedRequestIsNotInterleavedTwice();
    void clientLogKeepsOnePairPerClient();
};

void TestInterleaved::requestsTurnInterleaved()
{
    Network net({});
    net.runFor(8s);
    const auto &x = net.exchanges();
    QVERIFY(x.size() >= 6);
    // The first request is basic (origin and receive zero); from the second on the client names
    // the server's receive timestamp of the previous reply as its origin, with a receive cookie.
    QVERIFY(x[0].request.originTime.isZero());
    QVERIFY(x[0].request.receiveTime.isZero());
    for (std::size_t i = 1; i < x.size(); ++i) {
        QCOMPARE(x[i].request.originTime, x[i - 1].reply.receiveTime);
        QVERIFY(!x[i].request.receiveTime.isZero());
        QVERIFY(x[i].request.receiveTime != x[i].request.transmitTime);
    }
    // chronyd's server saves timestamps only for requests that may be interleaved: the second
    // reply is basic, the third the first interleaved one.
    QCOMPARE(x[1].reply.originTime, x[1].request.transmitTime);
    QCOMPARE(x[2].reply.originTime, x[2].request.receiveTime);
    // Never a byte more than the request.
    for (const Exchange &e : x)
        QVERIFY(e.replyBytes <= e.requestBytes);
}

void TestInterleaved::serverAnswersWithTheRealTransmitTime()
{
    Network net({});
    net.runFor(8s);
    const auto &x = net.exchanges();
    for (std::size_t i = 2; i < x.size(); ++i) {
        // The interleaved reply carries the kernel's stamp of the previous reply: the daemon's
        // stamp (which that reply carried, basic or interleaved) plus the transmit delay.
        // This network's server answers at once: that stamp is the previous receive time.
        const RealTime previousTransmit = x[i - 1].reply.receiveTime.toRealTime(kStart);
        const double late = toSeconds(x[i].reply.transmitTime.toRealTime(kStart) - previousTransmit);
        QVERIFY2(std::abs(late - toSeconds(kServerTransmitDelay)) < kTolerance, qPrintable(QString::number(late)));
        QVERIFY(!hasServerReceiveFlag(x[i].reply.transmitTime));
        QVERIFY(hasServerReceiveFlag(x[i].reply.receiveTime));
    }
    const EngineSnapshot s = net.server();
    QCOMPARE(s.server.interleavedReplies, std::uint64_t(x.size() - 2));
    QCOMPARE(s.server.interleavedKernelTransmits, s.server.interleavedReplies);
    QCOMPARE(s.clientLog.timestampsHeld, std::uint64_t{1});
}

void TestInterleaved::interleavedMeasuresExactly()
{
    Network net({});
    net.runFor(10s);
    const EngineSnapshot s = net.client();
    QCOMPARE(s.sources.size(), std::size_t{1});
    const SourceSnapshot &src = s.sources.front();
    QVERIFY(src.lastExchange && src.lastExchange->interleaved);
    QVERIFY(src.lastExchange->kernelTransmit);
    QVERIFY(src.kernelTransmitStamps >= 9);
    // Both transmit delays are in the kernel's stamps: the offset is the true one and the delay
    // the path's, without the server's 80 us or the client's 10 us (raw: the server's clock
    // against the client's uncorrected one).
    QVERIFY(src.lastSample);
    QVERIFY2(std::abs(src.lastSample->rawOffset - Network::trueOffset()) < kTolerance,
             qPrintable(QString::number(src.lastSample->rawOffset - Network::trueOffset())));
    QVERIFY2(std::abs(src.lastSample->delay - 2 * toSeconds(kPathDelay)) < kTolerance,
             qPrintable(QString::number(src.lastSample->delay)));
}

void TestInterleaved::basicModeCarriesTheTransmitDelay()
{
    Network net({.xleave = false});
    net.runFor(10s);
    const EngineSnapshot client = net.client();
    const SourceSnapshot &src = client.sources.front();
    QVERIFY(src.lastExchange && !src.lastExchange->interleaved);
    QVERIFY(src.lastSample);
    // The server's T3 is its daemon stamp, early by its transmit delay; our T1 is the kernel's.
    const double expected = Network::trueOffset() - toSeconds(kServerTransmitDelay) / 2;
    QVERIFY2(std::abs(src.lastSample->rawOffset - expected) < kTolerance,
             qPrintable(QString::number(src.lastSample->rawOffset - expected)));
    QVERIFY(std::abs(src.lastSample->delay - 2 * toSeconds(kPathDelay) - toSeconds(kServerTransmitDelay)) < kTolerance);
    QCOMPARE(net.server().server.interleavedReplies, std::uint64_t{0});
}

void TestInterleaved::fallsBackWithoutClientLog()
{
    // `noclientlog`: the server keeps nothing and answers in basic mode; the client with
    // `xleave` keeps asking interleaved and measures in basic mode.
    Network net({.serverClientLog = false});
    net.runFor(10s);
    const auto &x = net.exchanges();
    QVERIFY(x.size() >= 8);
    for (const Exchange &e : x)
        QCOMPARE(e.reply.originTime, e.request.transmitTime);
    const EngineSnapshot client = net.client();
    const SourceSnapshot &src = client.sources.front();
    QVERIFY(src.lastExchange && !src.lastExchange->interleaved);
    QVERIFY(src.repliesAccepted >= 8);
    // Every poll answered (the newest one is still on its way).
    QCOMPARE(src.reach & 0xfe, 0xfe);
}

void TestInterleaved::daemonStampsOnly()
{
    // Hosts without kernel transmit timestamps: an interleaved reply then carries the daemon's
    // stamp of the previous reply, the very transmit timestamp a basic reply before it carried.
    // That is no duplicate (its receive timestamp is new), and it is measured interleaved.
    Network net({.kernelStamps = false});
    net.runFor(10s);
    const EngineSnapshot client = net.client();
    const SourceSnapshot &src = client.sources.front();
    QVERIFY(src.lastExchange && src.lastExchange->interleaved && !src.lastExchange->kernelTransmit);
    QCOMPARE(src.repliesRejected, std::uint64_t{1}); // the first interleaved one: no sample
    QCOMPARE(net.server().server.interleavedKernelTransmits, std::uint64_t{0});
    QVERIFY(net.server().server.interleavedReplies >= 7);
}

void TestInterleaved::basicClientsGetBasicReplies()
{
    Network net({.xleave = false});
    net.runFor(5s);
    for (const Exchange &e : net.exchanges()) {
        QVERIFY(e.request.originTime.isZero());
        QCOMPARE(e.reply.originTime, e.request.transmitTime);
    }
    // Nothing is held for clients in basic mode.
    QCOMPARE(net.server().clientLog.timestampsHeld, std::uint64_t{0});
}

void TestInterleaved::replayedRequestIsNotInterleavedTwice()
{
    // A server alone: two requests naming the same reply get one interleaved answer.
    EngineConfig config = serverConfig(true);
    Engine server(config, options(3), kStart);
    const auto send = [&](NtpHeader request, RealTime at) {
        const auto raw = serializeNtpHeader(request);
        const Bytes data(raw.begin(), raw.end());
        ReceivedPacket p;
        p.role = SocketRole::Server;
        p.remote = kClientAddress;
        p.data = data;
        p.receiveTime = at;
        server.handlePacket(p, at);
        std::vector<OutgoingPacket> out = server.takeOutgoing();
        if (out.size() != 1)
            qFatal("no reply");
        server.finishOutgoing(out.front(), at);
        if (out.front().reportTransmit)
            server.handleTransmitted({out.front().role, out.front().remote, out.front().data, at, false});
        return header(out.front().data);
    };
    NtpHeader first;
    first.mode = NtpMode::Client;
    first.transmitTime = NtpTimestamp(1, 2);
    const NtpHeader r1 = send(first, kStart);
    QVERIFY(hasServerReceiveFlag(r1.receiveTime));
    // Interleaved-looking (origin with the flag, receive != transmit): saved, answered basic.
    NtpHeader second = first;
    second.originTime = r1.receiveTime;
    second.receiveTime = NtpTimestamp(3, 4);
    second.transmitTime = NtpTimestamp(5, 6);
    const NtpHeader r2 = send(second, kStart + 1s);
    QCOMPARE(r2.originTime, second.transmitTime);
    NtpHeader third = second;
    third.originTime = r2.receiveTime;
    third.receiveTime = NtpTimestamp(7, 8);
    third.transmitTime = NtpTimestamp(9, 10);
    const NtpHeader r3 = send(third, kStart + 2s);
    QCOMPARE(r3.originTime, third.receiveTime);
    QCOMPARE(r3.transmitTime, withoutServerReceiveFlag(r2.transmitTime));
    // The same request again: the pair it names was used, so the answer is basic.
    const NtpHeader replay = send(third, kStart + 3s);
    QCOMPARE(replay.originTime, third.transmitTime);
    // A basic client whose receive equals its transmit is never interleaved.
    NtpHeader basic = third;
    basic.originTime = replay.receiveTime;
    basic.receiveTime = basic.transmitTime;
    const NtpHeader r5 = send(basic, kStart + 4s);
    QCOMPARE(r5.originTime, basic.transmitTime);
}

void TestInterleaved::clientLogKeepsOnePairPerClient()
{
    ClientLog log(100 * ClientLog::kRecordBytes);
    const IpAddress a = IpAddress::v4(0x0a000001u);
    const IpAddress b = IpAddress::v4(0x0a000002u);
    log.request(a, kStart);
    log.request(b, kStart);
    const NtpTimestamp rx(100, 3), tx(100, 1000);
    log.saveInterleaved(a, rx, tx);
    QCOMPARE(log.interleavedTimestampsHeld(), std::size_t{1});
    // Another client cannot take it, nor a wrong origin.
    QVERIFY(!log.takeInterleavedTransmit(b, rx));
    QVERIFY(!log.takeInterleavedTransmit(a, NtpTimestamp(100, 5)));
    // The kernel's stamp replaces the daemon's only when a little later.
    QVERIFY(!log.updateTransmit(a, rx, NtpTimestamp(100, 999), true));
    QVERIFY(!log.updateTransmit(a, rx, NtpTimestamp(102, 1000), true));
    QVERIFY(!log.updateTransmit(a, NtpTimestamp(100, 7), NtpTimestamp(100, 2000), true));
    QVERIFY(log.updateTransmit(a, rx, NtpTimestamp(100, 2000), true));
    const auto taken = log.takeInterleavedTransmit(a, rx);
    QVERIFY(taken);
    QCOMPARE(taken->transmit, NtpTimestamp(100, 2000));
    QVERIFY(taken->kernel);
    QVERIFY(!log.takeInterleavedTransmit(a, rx));
    QCOMPARE(log.interleavedTimestampsHeld(), std::size_t{0});
}

QTEST_GUILESS_MAIN(TestInterleaved)
#include "tst_interleaved.moc"
