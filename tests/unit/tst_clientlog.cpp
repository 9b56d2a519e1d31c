// The NTP server's client log: counting, the averaged log2 interval, least-recently-seen
// eviction within clientloglimit, IPv4/IPv6 keys, a flood of random source addresses; and the
// engine feeding it (served, denied and ignored datagrams, IPv4-mapped addresses, noclientlog,
// the snapshot's cap and time scale).
#include "config/ConfigReader.h"
#include "engine/Engine.h"
#include "ntp/ClientLog.h"
#include "ntp/NtpPacket.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

using Bytes = std::vector<std::uint8_t>;
using Outcome = ClientLog::Outcome;

const RealTime kStart = realTimeFromNanos(1'744'182'740LL * kNanosPerSecond); // April 2025
constexpr std::uint64_t kThreeRecords = 3 * ClientLog::kRecordBytes;
constexpr int kServerSocket = 3;
constexpr std::uint16_t kClientPort = 40123;

IpAddress ip(const char *text)
{
    const auto parsed = IpAddress::parse(text);
    if (!parsed)
        qFatal("bad address in test: %s", text);
    return *parsed;
}

Bytes request(NtpMode mode = NtpMode::Client)
{
    NtpHeader h;
    h.mode = mode;
    h.poll = 6;
    h.transmitTime = NtpTimestamp::fromRaw(0x1234'5678'9abc'def0ULL);
    const auto raw = serializeNtpHeader(h);
    return Bytes(raw.begin(), raw.end());
}

EngineConfig config(const std::string &text)
{
    const ConfigReadResult read = readConfigText(text, "test.conf");
    if (!read.ok())
        qFatal("test configuration does not parse");
    return read.config;
}

EngineOptions options()
{
    EngineOptions o;
    o.clockDriver = nullptr; // virtual clock: nothing outside the engine is touched
    return o;
}

// Hands `data` from `from` to the engine's server socket at `time`; true when it answered.
bool send(Engine &engine, const Bytes &data, const IpAddress &from, RealTime time)
{
    ReceivedPacket p;
    p.role = SocketRole::Server;
    p.hostSocket = kServerSocket;
    p.remote = {from, kClientPort};
    p.data = data;
    p.receiveTime = time;
    engine.handlePacket(p, time);
    return !engine.takeOutgoing().empty();
}

const ClientSnapshot *clientIn(const EngineSnapshot &s, const IpAddress &address)
{
    for (const ClientSnapshot &c : s.clientLog.clients)
        if (c.address == address)
            return &c;
    return nullptr;
}

} // namespace

class TestClientLog : public QObject
{
    Q_OBJECT
private slots:
    void firstRequestHasNoInterval();
    void intervalIsAnExponentialMeanOfLog2();
    void degenerateIntervalsStayFinite();
    void dropsAreCounted();
    void evictsTheLeastRecentlySeen();
    void capacityFollowsTheLimit();
    void ipv6AndIpv4AreDistinctClients();
    void floodOfRandomAddressesStaysBounded();
    void mostRecentIsCapped();

    void engineLogsRequestsAndDenials();
    void engineWithNoClientLog();
    void engineSnapshotListsTheMostRecent();
    void engineSnapshotIsOnTheServedTimeScale();
};

void TestClientLog::firstRequestHasNoInterval()
{
    ClientLog log(kDefaultClientLogLimit);
    log.record(ip("192.0.2.1"), kStart, Outcome::Served);
    const ClientRecord *r = log.find(ip("192.0.2.1"));
    QVERIFY(r);
    QCOMPARE(r->ntpPackets, 1u);
    QCOMPARE(r->ntpDropped, 0u);
    QVERIFY(!r->averageIntervalLog2);
    QCOMPARE(r->lastPacket, kStart);
    QVERIFY(!log.find(ip("192.0.2.2")));
}

void TestClientLog::intervalIsAnExponentialMeanOfLog2()
{
    ClientLog log(kDefaultClientLogLimit);
    const IpAddress client = ip("192.0.2.1");
    RealTime t = kStart;
    log.record(client, t, Outcome::Served);
    for (int i = 0; i < 5; ++i) {
        t += 64s;
        log.record(client, t, Outcome::Served);
    }
    QCOMPARE(*log.find(client)->averageIntervalLog2, 6.0); // every interval is 2^6 s

    // The client speeds up to 16 s: the mean moves a quarter of the way each time.
    const double expected[] = {5.5, 5.125, 4.84375};
    for (double e : expected) {
        t += 16s;
        log.record(client, t, Outcome::Served);
        QCOMPARE(*log.find(client)->averageIntervalLog2, e);
    }
    QCOMPARE(log.find(client)->ntpPackets, 9u);
    QCOMPARE(log.find(client)->lastPacket, t);

    // Sub-second polling gives negative log2 values.
    ClientLog fast(kDefaultClientLogLimit);
    fast.record(client, kStart, Outcome::Served);
    fast.record(client, kStart + 250ms, Outcome::Served);
    QCOMPARE(*fast.find(client)->averageIntervalLog2, -2.0);
}

void TestClientLog::degenerateIntervalsStayFinite()
{
    ClientLog log(kDefaultClientLogLimit);
    const IpAddress client = ip("192.0.2.1");
    log.record(client, kStart, Outcome::Served);
    log.record(client, kStart, Outcome::Served); // same instant
    QCOMPARE(*log.find(client)->averageIntervalLog2, ClientLog::kMinIntervalLog2);
    log.record(client, kStart - 10s, Outcome::Served); // the clock went back
    QCOMPARE(*log.find(client)->averageIntervalLog2, ClientLog::kMinIntervalLog2);
    log.record(client, kStart - 10s + 1ns, Outcome::Served); // far below the floor
    QCOMPARE(*log.find(client)->averageIntervalLog2, ClientLog::kMinIntervalLog2);
    QVERIFY(std::isfinite(*log.find(client)->averageIntervalLog2));
}

void TestClientLog::dropsAreCounted()
{
    ClientLog log(kDefaultClientLogLimit);
    const IpAddress client = ip("198.51.100.7");
    log.record(client, kStart, Outcome::Dropped);
    log.record(client, kStart + 1s, Outcome::Served);
    log.record(client, kStart + 2s, Outcome::Dropped);
    QCOMPARE(log.find(client)->ntpPackets, 3u);
    QCOMPARE(log.find(client)->ntpDropped, 2u);
}

void TestClientLog::evictsTheLeastRecentlySeen()
{
    ClientLog log(kThreeRecords);
    QCOMPARE(log.capacity(), 3u);
    const IpAddress a = ip("192.0.2.1"), b = ip("192.0.2.2"), c = ip("192.0.2.3"), d = ip("192.0.2.4");
    log.record(a, kStart, Outcome::Served);
    log.record(b, kStart + 1s, Outcome::Served);
    log.record(c, kStart + 2s, Outcome::Served);
    log.record(a, kStart + 3s, Outcome::Served); // a is recent again: b is now the oldest
    log.record(d, kStart + 4s, Outcome::Served);
    QCOMPARE(log.size(), 3u);
    QCOMPARE(log.recordsDropped(), 1u);
    QVERIFY(!log.find(b));
    QCOMPARE(log.find(a)->ntpPackets, 2u); // kept its history

    const std::vector<ClientRecord> recent = log.mostRecent(10);
    QCOMPARE(recent.size(), 3u);
    QCOMPARE(recent[0].address, d);
    QCOMPARE(recent[1].address, a);
    QCOMPARE(recent[2].address, c);

    // b comes back as a new client, pushing out c.
    log.record(b, kStart + 5s, Outcome::Served);
    QCOMPARE(log.find(b)->ntpPackets, 1u);
    QVERIFY(!log.find(c));
    QCOMPARE(log.recordsDropped(), 2u);
}

void TestClientLog::capacityFollowsTheLimit()
{
    QCOMPARE(ClientLog(kDefaultClientLogLimit).capacity(),
             std::size_t(kDefaultClientLogLimit / ClientLog::kRecordBytes));
    QCOMPARE(ClientLog(kDefaultClientLogLimit).capacity(), 2340u); // 512 KiB at 224 bytes a record
    QCOMPARE(ClientLog(kThreeRecords + ClientLog::kRecordBytes - 1).capacity(), 3u);

    // Less than one record's worth: nothing is kept, nothing breaks.
    ClientLog tiny(ClientLog::kRecordBytes - 1);
    QCOMPARE(tiny.capacity(), 0u);
    tiny.record(ip("192.0.2.1"), kStart, Outcome::Served);
    QCOMPARE(tiny.size(), 0u);
    QVERIFY(tiny.mostRecent(5).empty());
    QCOMPARE(ClientLog(0).capacity(), 0u);
}

void TestClientLog::ipv6AndIpv4AreDistinctClients()
{
    ClientLog log(kDefaultClientLogLimit);
    const IpAddress v6a = ip("2001:db8::1"), v6b = ip("2001:db8::2"), v4 = ip("0.0.0.1");
    log.record(v6a, kStart, Outcome::Served);
    log.record(v6a, kStart + 2s, Outcome::Served);
    log.record(v6b, kStart + 3s, Outcome::Dropped);
    log.record(v4, kStart + 4s, Outcome::Served);
    QCOMPARE(log.size(), 3u);
    QCOMPARE(log.find(v6a)->ntpPackets, 2u);
    QCOMPARE(*log.find(v6a)->averageIntervalLog2, 1.0);
    QCOMPARE(log.find(v6b)->ntpDropped, 1u);
    QCOMPARE(log.find(v4)->ntpPackets, 1u);
    QCOMPARE(log.find(ip("2001:db8::1"))->address.toString(), std::string("2001:db8::1"));
}

void TestClientLog::floodOfRandomAddressesStaysBounded()
{
    constexpr std::uint64_t kLimit = 64 * 1024; // bytes
    constexpr int kFloodPackets = 200'000;
    constexpr int kRegularEvery = 100; // the real client asks once per this many
    ClientLog log(kLimit);
    const std::size_t capacity = log.capacity();
    QCOMPARE(capacity, std::size_t(kLimit / ClientLog::kRecordBytes));
    QVERIFY(capacity * ClientLog::kRecordBytes <= kLimit);

    std::mt19937_64 random(42);
    std::uint64_t newRecords = 0;
    std::vector<IpAddress> order;
    const IpAddress regular = ip("192.0.2.123");
    RealTime t = kStart;
    std::size_t maxSize = 0;
    for (int i = 0; i < kFloodPackets; ++i) {
        const std::uint64_t bits = random();
        IpAddress from;
        if (bits & 1U) {
            from = IpAddress::v4(static_cast<std::uint32_t>(bits >> 32));
        } else {
            std::array<std::uint8_t, 16> bytes{};
            for (std::size_t k = 0; k < bytes.size(); ++k)
                bytes[k] = static_cast<std::uint8_t>(random() >> (8 * (k % 8)));
            from = IpAddress::v6(bytes);
        }
        t += 1ms;
        newRecords += log.find(from) ? 0 : 1;
        log.record(from, t, (bits & 2U) ? Outcome::Dropped : Outcome::Served);
        order.push_back(from);
        if (i % kRegularEvery == 0) {
            newRecords += log.find(regular) ? 0 : 1;
            log.record(regular, t, Outcome::Served);
        }
        maxSize = std::max(maxSize, log.size());
    }
    QCOMPARE(maxSize, capacity);
    QCOMPARE(log.size(), capacity);
    // Every new record beyond the capacity cost one eviction.
    QVERIFY(newRecords > std::uint64_t(kFloodPackets) * 99 / 100); // random addresses rarely repeat
    QCOMPARE(log.recordsDropped(), newRecords - capacity);
    // The one that keeps asking more often than the log turns over is never forgotten...
    QVERIFY(log.find(regular));
    QCOMPARE(log.find(regular)->ntpPackets, std::uint64_t(kFloodPackets / kRegularEvery));
    // ...and the newest flood addresses are there, the oldest gone.
    QVERIFY(log.find(order.back()));
    QVERIFY(!log.find(order.front()));
    QCOMPARE(log.mostRecent(capacity + 10).size(), capacity);
}

void TestClientLog::mostRecentIsCapped()
{
    ClientLog log(kDefaultClientLogLimit);
    for (std::uint32_t i = 1; i <= 10; ++i)
        log.record(IpAddress::v4(0xC0000200 + i), kStart + std::chrono::seconds(i), Outcome::Served);
    const std::vector<ClientRecord> recent = log.mostRecent(4);
    QCOMPARE(recent.size(), 4u);
    QCOMPARE(recent.front().address, IpAddress::v4(0xC000020A));
    QCOMPARE(recent.back().address, IpAddress::v4(0xC0000207));
    QVERIFY(log.mostRecent(0).empty());
}

void TestClientLog::engineLogsRequestsAndDenials()
{
    Engine engine(config("allow 192.0.2.0/24\nallow 2001:db8::/32\nlocal stratum 3\n"), options(), kStart);
    const IpAddress allowed = ip("192.0.2.10");
    QVERIFY(send(engine, request(), allowed, kStart + 1s));
    // Denied: logged and counted as a drop, whatever it sent.
    QVERIFY(!send(engine, request(), ip("198.51.100.7"), kStart + 2s));
    QVERIFY(!send(engine, Bytes{1, 2, 3}, ip("198.51.100.7"), kStart + 3s));
    // Allowed but not a request (garbage, control mode, server mode): not a client of ours.
    QVERIFY(!send(engine, Bytes{1, 2, 3}, ip("192.0.2.11"), kStart + 4s));
    QVERIFY(!send(engine, request(NtpMode::Control), ip("192.0.2.11"), kStart + 5s));
    QVERIFY(!send(engine, request(NtpMode::Server), ip("192.0.2.11"), kStart + 6s));
    QVERIFY(send(engine, request(), ip("2001:db8::5"), kStart + 7s));
    QVERIFY(send(engine, request(), allowed, kStart + 9s));
    // The same client over an IPv6 socket, as an IPv4-mapped address.
    QVERIFY(send(engine, request(), ip("::ffff:192.0.2.10"), kStart + 17s));

    const EngineSnapshot s = engine.snapshot(kStart + 20s);
    QVERIFY(s.clientLog.enabled);
    QCOMPARE(s.clientLog.capacity, kDefaultClientLogLimit / ClientLog::kRecordBytes);
    QCOMPARE(s.clientLog.clients.size(), 3u);
    QCOMPARE(s.clientLog.notShown, 0u);
    QVERIFY(!clientIn(s, ip("192.0.2.11")));

    const ClientSnapshot *a = clientIn(s, allowed);
    QVERIFY(a);
    QCOMPARE(a->ntpPackets, 3u);
    QCOMPARE(a->ntpDropped, 0u);
    QCOMPARE(*a->averageIntervalLog2, 3.0); // 8 s, twice
    QCOMPARE(a->lastPacket, kStart + 17s);
    const ClientSnapshot *denied = clientIn(s, ip("198.51.100.7"));
    QVERIFY(denied);
    QCOMPARE(denied->ntpPackets, 2u);
    QCOMPARE(denied->ntpDropped, 2u);
    QCOMPARE(clientIn(s, ip("2001:db8::5"))->ntpPackets, 1u);
    // Most recently heard from first.
    QCOMPARE(s.clientLog.clients[0].address, allowed);
    QCOMPARE(s.clientLog.clients[1].address, ip("2001:db8::5"));
    QCOMPARE(s.clientLog.clients[2].address, ip("198.51.100.7"));
}

void TestClientLog::engineWithNoClientLog()
{
    Engine engine(config("allow\nlocal stratum 3\nnoclientlog\n"), options(), kStart);
    QVERIFY(send(engine, request(), ip("192.0.2.10"), kStart + 1s)); // still served
    const EngineSnapshot s = engine.snapshot(kStart + 2s);
    QVERIFY(!s.clientLog.enabled);
    QVERIFY(s.clientLog.clients.empty());
    QCOMPARE(s.clientLog.capacity, 0u);
    QCOMPARE(s.server.repliesSent, 1u);
}

void TestClientLog::engineSnapshotListsTheMostRecent()
{
    constexpr std::uint32_t kClients = Engine::kSnapshotClientLimit + 76;
    constexpr std::uint32_t kFirst = 0x0A000001; // 10.0.0.1
    Engine engine(config("allow\nlocal stratum 3\nclientloglimit 1048576\n"), options(), kStart);
    for (std::uint32_t i = 0; i < kClients; ++i)
        QVERIFY(send(engine, request(), IpAddress::v4(kFirst + i), kStart + std::chrono::milliseconds(i)));
    const EngineSnapshot s = engine.snapshot(kStart + 10s);
    QCOMPARE(s.clientLog.clients.size(), Engine::kSnapshotClientLimit);
    QCOMPARE(s.clientLog.notShown, 76u);
    QCOMPARE(s.clientLog.recordsDropped, 0u);
    QCOMPARE(s.clientLog.clients.front().address, IpAddress::v4(kFirst + kClients - 1));
    QCOMPARE(s.clientLog.clients.back().address, IpAddress::v4(kFirst + 76));

    // A small log forgets, and says how many it forgot.
    Engine small(config("allow\nlocal stratum 3\nclientloglimit 2240\n"), options(), kStart);
    for (std::uint32_t i = 0; i < 25; ++i)
        QVERIFY(send(small, request(), IpAddress::v4(kFirst + i), kStart + std::chrono::seconds(i)));
    const EngineSnapshot t = small.snapshot(kStart + 30s);
    QCOMPARE(t.clientLog.capacity, 10u);
    QCOMPARE(t.clientLog.clients.size(), 10u);
    QCOMPARE(t.clientLog.recordsDropped, 15u);
    QCOMPARE(t.clientLog.notShown, 0u);
}

void TestClientLog::engineSnapshotIsOnTheServedTimeScale()
{
    // Without sources the served time is the raw clock plus nothing; the snapshot's time and
    // the client's last packet are on the same scale, so their difference is the real age.
    Engine engine(config("allow\nlocal stratum 3\n"), options(), kStart);
    QVERIFY(send(engine, request(), ip("192.0.2.10"), kStart + 1s));
    const EngineSnapshot s = engine.snapshot(kStart + 61s);
    const ClientSnapshot *c = clientIn(s, ip("192.0.2.10"));
    QVERIFY(c);
    QCOMPARE(s.time - c->lastPacket, Nanoseconds(60s));
    QCOMPARE(c->lastPacket, engine.localTime(kStart + 1s));
}

QTEST_GUILESS_MAIN(TestClientLog)
#include "tst_clientlog.moc"
