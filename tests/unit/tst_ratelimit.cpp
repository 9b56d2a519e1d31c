// `ratelimit` on the client log, with chronyd's semantics (clientlog.c, chrony.conf(5)): the
// burst, the interval, the leak's and the KoD's shares measured over many requests with fixed
// seeds, the drop counts, chronyd's inverted leak for clients that retry on timeouts, the
// clientloglimit bound under a flood, and the engine: KoD packets, the poll it suggests, the
// counters that serverstats and clients print, the noclientlog conflict.
#include "chronyc/SnapshotReports.h"
#include "config/ConfigReader.h"
#include "engine/Engine.h"
#include "ntp/ClientLog.h"
#include "ntp/NtpPacket.h"
#include "ntp/RateLimiter.h"

#include <QtTest>

#include <algorithm>
#include <random>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

using Bytes = std::vector<std::uint8_t>;

const RealTime kStart = realTimeFromNanos(1'744'182'740LL * kNanosPerSecond); // April 2025
constexpr int kServerSocket = 3;
constexpr std::uint16_t kClientPort = 40123;
constexpr std::uint64_t kSeed = 42;
// Requests in each share measurement; with p <= 1/2 the standard error of a share is under
// 0.0016, so the tolerances below (0.01) are more than six of them.
constexpr int kFlood = 100'000;
constexpr double kShareTolerance = 0.01;

IpAddress ip(const char *text)
{
    const auto parsed = IpAddress::parse(text);
    if (!parsed)
        qFatal("bad address in test: %s", text);
    return *parsed;
}

RateLimitConfig limit(int interval, int burst, int leak, int kod = 0)
{
    RateLimitConfig c;
    c.enabled = true;
    c.interval = interval;
    c.burst = burst;
    c.leak = leak;
    c.kod = kod;
    return c;
}

struct Tally
{
    int pass = 0;
    int kod = 0;
    int drop = 0;

    void add(RateDecision d)
    {
        switch (d) {
        case RateDecision::Pass:
            ++pass;
            break;
        case RateDecision::Kod:
            ++kod;
            break;
        case RateDecision::Drop:
            ++drop;
            break;
        }
    }
    int total() const { return pass + kod + drop; }
    double share(int n) const { return double(n) / total(); }
};

// `count` requests from one address, `spacing` apart, starting at kStart.
Tally flood(ClientLog &log, const IpAddress &from, int count, Nanoseconds spacing, RealTime start = kStart)
{
    Tally t;
    for (int i = 0; i < count; ++i)
        t.add(log.request(from, start + spacing * i));
    return t;
}

Bytes request(std::int8_t poll = 6)
{
    NtpHeader h;
    h.mode = NtpMode::Client;
    h.poll = poll;
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
    o.seed = kSeed;
    return o;
}

// The engine's answer to one request from `from` at `time`, if any.
std::optional<NtpHeader> send(Engine &engine, const IpAddress &from, RealTime time, std::int8_t poll = 6)
{
    ReceivedPacket p;
    p.role = SocketRole::Server;
    p.hostSocket = kServerSocket;
    p.remote = {from, kClientPort};
    const Bytes data = request(poll); // p.data only points at it
    p.data = data;
    p.receiveTime = time;
    engine.handlePacket(p, time);
    const std::vector<OutgoingPacket> out = engine.takeOutgoing();
    if (out.empty())
        return std::nullopt;
    const NtpParseResult parsed = parseNtpPacket(out.front().data);
    if (!parsed.ok())
        qFatal("engine sent a packet that does not parse");
    return parsed.packet.header;
}

bool isRateKiss(const NtpHeader &h)
{
    return h.stratum == 0 && h.referenceId == kKissRate && h.leap == LeapIndicator::Unsynchronised;
}

const ClientSnapshot *clientIn(const EngineSnapshot &s, const IpAddress &address)
{
    for (const ClientSnapshot &c : s.clientLog.clients)
        if (c.address == address)
            return &c;
    return nullptr;
}

} // namespace

class TestRateLimit : public QObject
{
    Q_OBJECT
private slots:
    void disabledPassesEverything();
    void burstIsAnsweredBackToBack();
    void clientAtTheIntervalIsAlwaysAnswered();
    void sustainedRateGetsOneAnswerPerInterval();
    void leakShareIsOneInTwoToTheLeak_data();
    void leakShareIsOneInTwoToTheLeak();
    void kodShare();
    void dropsAreCountedKissesAreNot();
    void sameSeedSameDecisions();
    void subSecondInterval();
    void clockSteppedBackEarnsNothing();
    void retryingClientGetsTheLeakInverted();
    void jitteryFloodKeepsTheLeak();
    void limitedIntervalIsKeptApart();
    void floodOfAddressesStaysWithinClientLogLimit();

    void engineSendsRateKissOfDeath();
    void engineAnswersOthersDuringAFlood();
    void engineSuggestsTheLimitInterval();
    void engineCountsForServerStatsAndClients();
    void engineWithoutRateLimitAnswersEverything();
    void noClientLogConflicts();
    void rateLimitIsInEffect();
};

void TestRateLimit::disabledPassesEverything()
{
    ClientLog log(kDefaultClientLogLimit);
    const Tally t = flood(log, ip("192.0.2.1"), 1000, 1us);
    QCOMPARE(t.pass, 1000);
    QCOMPARE(log.find(ip("192.0.2.1"))->ntpDropped, 0u);
}

void TestRateLimit::burstIsAnsweredBackToBack()
{
    // A new client starts with a full bucket: `burst` answers at once, whatever the draws.
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        ClientLog log(kDefaultClientLogLimit, limit(3, 8, 4), seed);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(log.request(ip("192.0.2.1"), kStart), RateDecision::Pass);
    }
    // The ninth at the same instant is over the limit: with leak 1 it is answered half the time.
    int answered = 0;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        ClientLog log(kDefaultClientLogLimit, limit(3, 8, 1), seed);
        flood(log, ip("192.0.2.1"), 8, 0ns);
        answered += log.request(ip("192.0.2.1"), kStart) == RateDecision::Pass ? 1 : 0;
    }
    QVERIFY2(answered > 70 && answered < 130, qPrintable(QString::number(answered)));
}

void TestRateLimit::clientAtTheIntervalIsAlwaysAnswered()
{
    // interval 3: one answer per 8 s. A client that asks every 8 s never meets the limit,
    // not even after it spent its burst.
    ClientLog log(kDefaultClientLogLimit, limit(3, 2, 4), kSeed);
    flood(log, ip("192.0.2.1"), 2, 0ns);
    const Tally t = flood(log, ip("192.0.2.1"), 1000, 8s, kStart + 8s);
    QCOMPARE(t.pass, 1000);
    // Every 16 s with burst 1 too.
    ClientLog slow(kDefaultClientLogLimit, limit(3, 1, 4), kSeed);
    QCOMPARE(flood(slow, ip("192.0.2.2"), 1000, 16s).pass, 1000);
}

void TestRateLimit::sustainedRateGetsOneAnswerPerInterval()
{
    // Every second against interval 3: credit pays for one answer in eight; the leak answers
    // about one in 16 of the other seven, and a leaked answer spends the credit saved so far.
    ClientLog log(kDefaultClientLogLimit, limit(3, 8, 4), kSeed);
    const Tally t = flood(log, ip("192.0.2.1"), kFlood, 1s);
    const double share = t.share(t.pass);
    QVERIFY2(share > 1.0 / 8 && share < 1.0 / 8 + 7.0 / 8 / 16 + kShareTolerance, qPrintable(QString::number(share)));
    QCOMPARE(t.kod, 0);
    // Every 4 s: about half by credit.
    ClientLog half(kDefaultClientLogLimit, limit(3, 8, 4), kSeed);
    const Tally h = flood(half, ip("192.0.2.1"), kFlood, 4s);
    QVERIFY2(h.share(h.pass) > 0.5 && h.share(h.pass) < 0.5 + 0.5 / 16 + kShareTolerance,
             qPrintable(QString::number(h.share(h.pass))));
}

void TestRateLimit::leakShareIsOneInTwoToTheLeak_data()
{
    QTest::addColumn<int>("leak");
    for (int leak = 1; leak <= 4; ++leak)
        QTest::addRow("leak %d", leak) << leak;
}

void TestRateLimit::leakShareIsOneInTwoToTheLeak()
{
    QFETCH(int, leak);
    // A flood at 1 µs against one answer per 8 s: credit pays for the burst and nothing more,
    // so the answered share is the leak's.
    ClientLog log(kDefaultClientLogLimit, limit(3, 8, leak), kSeed);
    const Tally t = flood(log, ip("192.0.2.1"), kFlood, 1us);
    const double expected = 1.0 / (1 << leak);
    QVERIFY2(std::abs(t.share(t.pass) - expected) < kShareTolerance,
             qPrintable(QStringLiteral("%1 against %2").arg(t.share(t.pass)).arg(expected)));
    QCOMPARE(t.kod, 0);
}

void TestRateLimit::kodShare()
{
    // Of the requests the leak does not answer, one in 2^kod gets a KoD.
    ClientLog log(kDefaultClientLogLimit, limit(3, 8, 2, 1), kSeed);
    const Tally t = flood(log, ip("192.0.2.1"), kFlood, 1us);
    QVERIFY2(std::abs(t.share(t.pass) - 0.25) < kShareTolerance, qPrintable(QString::number(t.share(t.pass))));
    QVERIFY2(std::abs(t.share(t.kod) - 0.75 / 2) < kShareTolerance, qPrintable(QString::number(t.share(t.kod))));
    QVERIFY2(std::abs(t.share(t.drop) - 0.75 / 2) < kShareTolerance, qPrintable(QString::number(t.share(t.drop))));

    ClientLog rare(kDefaultClientLogLimit, limit(3, 8, 4, 4), kSeed);
    const Tally r = flood(rare, ip("192.0.2.1"), kFlood, 1us);
    QVERIFY2(std::abs(r.share(r.kod) - 15.0 / 16 / 16) < kShareTolerance, qPrintable(QString::number(r.share(r.kod))));
}

void TestRateLimit::dropsAreCountedKissesAreNot()
{
    ClientLog log(kDefaultClientLogLimit, limit(0, 4, 2, 2), kSeed);
    const Tally t = flood(log, ip("192.0.2.1"), 10'000, 1ms);
    const ClientRecord *r = log.find(ip("192.0.2.1"));
    QVERIFY(r);
    QCOMPARE(r->ntpPackets, 10'000u);
    QCOMPARE(r->ntpDropped, std::uint64_t(t.drop));
    QVERIFY(t.kod > 0);
    QVERIFY(t.drop > t.kod);
    // chronyc's clients -r zeroes the counters, not the bucket.
    log.resetCounters();
    QCOMPARE(log.find(ip("192.0.2.1"))->ntpDropped, 0u);
}

void TestRateLimit::sameSeedSameDecisions()
{
    std::vector<RateDecision> first;
    std::vector<RateDecision> again;
    std::vector<RateDecision> other;
    ClientLog a(kDefaultClientLogLimit, limit(3, 8, 2, 2), kSeed);
    ClientLog b(kDefaultClientLogLimit, limit(3, 8, 2, 2), kSeed);
    ClientLog c(kDefaultClientLogLimit, limit(3, 8, 2, 2), kSeed + 1);
    for (int i = 0; i < 1000; ++i) {
        const RealTime t = kStart + 10ms * i;
        first.push_back(a.request(ip("192.0.2.1"), t));
        again.push_back(b.request(ip("192.0.2.1"), t));
        other.push_back(c.request(ip("192.0.2.1"), t));
    }
    QVERIFY(first == again);
    QVERIFY(first != other);
}

void TestRateLimit::subSecondInterval()
{
    // interval -4: 16 answers a second. A client at 1 kHz gets 16 by credit each second plus
    // the leak's share of the rest.
    ClientLog log(kDefaultClientLogLimit, limit(-4, 16, 4), kSeed);
    const Tally t = flood(log, ip("192.0.2.1"), kFlood, 1ms);
    const double byCredit = 16.0 / 1000;
    QVERIFY2(t.share(t.pass) > byCredit && t.share(t.pass) < byCredit + 1.0 / 16 + kShareTolerance,
             qPrintable(QString::number(t.share(t.pass))));
    // The shortest interval chrony.conf allows: 2^-19 s.
    ClientLog fastest(kDefaultClientLogLimit, limit(-19, 1, 4), kSeed);
    QCOMPARE(flood(fastest, ip("192.0.2.2"), 1000, 2us).pass, 1000);
}

void TestRateLimit::clockSteppedBackEarnsNothing()
{
    ClientLog log(kDefaultClientLogLimit, limit(3, 1, 4), kSeed);
    QCOMPARE(log.request(ip("192.0.2.1"), kStart + 100s), RateDecision::Pass);
    // Earlier than the last request: no credit, so the next answer depends on the leak alone.
    const Tally t = flood(log, ip("192.0.2.1"), kFlood, 0ns, kStart);
    QVERIFY2(std::abs(t.share(t.pass) - 1.0 / 16) < kShareTolerance, qPrintable(QString::number(t.share(t.pass))));
}

void TestRateLimit::retryingClientGetsTheLeakInverted()
{
    // A client that polls every 4 s while answered but retries every 0.25 s when it gets no
    // answer only multiplies the traffic by being dropped: chronyd inverts the leak for it and
    // answers most of its requests.
    ClientLog log(kDefaultClientLogLimit, limit(3, 1, 4), kSeed);
    const IpAddress client = ip("192.0.2.1");
    RealTime t = kStart;
    Tally late;
    for (int i = 0; i < 20'000; ++i) {
        const RateDecision d = log.request(client, t);
        if (i >= 1000)
            late.add(d);
        t += d == RateDecision::Drop ? 250ms : 4s;
    }
    QVERIFY2(late.share(late.pass) > 0.8, qPrintable(QString::number(late.share(late.pass))));
    // The same client retrying at its usual pace gets the ordinary leak.
    ClientLog steady(kDefaultClientLogLimit, limit(3, 1, 4), kSeed);
    const Tally s = flood(steady, client, kFlood, 250ms);
    QVERIFY2(s.share(s.pass) < 1.0 / 32 + 1.0 / 16 + kShareTolerance, qPrintable(QString::number(s.share(s.pass))));
}

void TestRateLimit::jitteryFloodKeepsTheLeak()
{
    // A flood sent in batches: intervals of 1 µs and 1 ms at random. The means after answers
    // and after drops wander apart by chance, but far below a second: no inverted leak, the
    // answered share stays the leak's.
    ClientLog log(kDefaultClientLogLimit, limit(0, 8, 2), kSeed);
    std::mt19937 random(3);
    RealTime t = kStart;
    Tally tally;
    for (int i = 0; i < kFlood; ++i) {
        tally.add(log.request(ip("192.0.2.1"), t));
        t += random() % 8 == 0 ? Nanoseconds(1ms) : Nanoseconds(1us);
    }
    QVERIFY2(std::abs(tally.share(tally.pass) - 0.25) < kShareTolerance,
             qPrintable(QString::number(tally.share(tally.pass))));
}

void TestRateLimit::limitedIntervalIsKeptApart()
{
    // IntL: the interval after a dropped request. The engine-free pattern of the test above.
    ClientLog log(kDefaultClientLogLimit, limit(3, 1, 4), kSeed);
    const IpAddress client = ip("192.0.2.1");
    RealTime t = kStart;
    for (int i = 0; i < 2000; ++i)
        t += log.request(client, t) == RateDecision::Drop ? 250ms : 4s;
    const ClientRecord *r = log.find(client);
    QVERIFY(r->averageIntervalLog2 && r->averageLimitedIntervalLog2);
    QVERIFY2(std::abs(*r->averageIntervalLog2 - 2.0) < 0.5, qPrintable(QString::number(*r->averageIntervalLog2)));
    QVERIFY2(std::abs(*r->averageLimitedIntervalLog2 + 2.0) < 0.5,
             qPrintable(QString::number(*r->averageLimitedIntervalLog2)));
    // A client never dropped has none.
    QCOMPARE(flood(log, ip("192.0.2.2"), 5, 16s).pass, 5);
    QVERIFY(!log.find(ip("192.0.2.2"))->averageLimitedIntervalLog2);
}

void TestRateLimit::floodOfAddressesStaysWithinClientLogLimit()
{
    // clientloglimit 20 KiB: 98 records. A flood from 100k spoofed addresses keeps it there
    // and counts what it pushed out; every new address comes with a full bucket, as in chronyd.
    const std::uint64_t limitBytes = 20 * 1024;
    ClientLog log(limitBytes, limit(3, 8, 4, 2), kSeed);
    QCOMPARE(log.capacity(), std::size_t(limitBytes / ClientLog::kRecordBytes));
    std::mt19937 random(7);
    Tally t;
    for (int i = 0; i < kFlood; ++i) {
        t.add(log.request(IpAddress::v4(static_cast<std::uint32_t>(random())), kStart + 1us * i));
        QVERIFY(log.size() <= log.capacity());
    }
    QCOMPARE(log.size(), log.capacity());
    QCOMPARE(log.recordsDropped(), std::uint64_t(kFlood) - log.capacity());
    QCOMPARE(t.pass, kFlood);
}

void TestRateLimit::engineSendsRateKissOfDeath()
{
    Engine engine(config("allow\nlocal stratum 3\nratelimit interval 3 burst 2 leak 4 kod 1\n"), options(), kStart);
    const IpAddress flooder = ip("192.0.2.66");
    int normal = 0;
    int kisses = 0;
    int silent = 0;
    for (int i = 0; i < 10'000; ++i) {
        const auto reply = send(engine, flooder, kStart + 1ms * i);
        if (!reply)
            ++silent;
        else if (isRateKiss(*reply))
            ++kisses;
        else
            ++normal;
        if (reply) {
            QCOMPARE(reply->mode, NtpMode::Server);
            QCOMPARE(reply->originTime, NtpTimestamp::fromRaw(0x1234'5678'9abc'def0ULL));
        }
    }
    QVERIFY2(std::abs(normal / 10'000.0 - 1.0 / 16) < 0.02, qPrintable(QString::number(normal)));
    QVERIFY2(std::abs(kisses / 10'000.0 - 15.0 / 32) < 0.02, qPrintable(QString::number(kisses)));
    QCOMPARE(normal + kisses + silent, 10'000);
    // The normal replies are normal: the local reference at stratum 3.
    const auto first = send(engine, ip("192.0.2.1"), kStart + 20s);
    QVERIFY(first);
    QCOMPARE(first->stratum, 3);
}

void TestRateLimit::engineAnswersOthersDuringAFlood()
{
    Engine engine(config("allow\nlocal stratum 3\nratelimit interval 3 burst 8 leak 2\n"), options(), kStart);
    const IpAddress flooder = ip("192.0.2.66");
    std::vector<IpAddress> pollers;
    for (int i = 1; i <= 50; ++i)
        pollers.push_back(ip(("192.0.2." + std::to_string(100 + i)).c_str()));
    int floodAnswered = 0;
    int floodSent = 0;
    // 60 s: the flooder every 100 µs, each poller once every 8 s (the limit's interval).
    for (int ms = 0; ms < 60'000; ++ms) {
        const RealTime now = kStart + 1ms * ms;
        for (int k = 0; k < 10; ++k) {
            ++floodSent;
            floodAnswered += send(engine, flooder, now + 100us * k) ? 1 : 0;
        }
        if (ms % 8000 < 50) {
            const auto reply = send(engine, pollers[std::size_t(ms % 8000)], now + 50us);
            QVERIFY2(reply && !isRateKiss(*reply), pollers[std::size_t(ms % 8000)].toString().c_str());
        }
    }
    QVERIFY2(std::abs(double(floodAnswered) / floodSent - 0.25) < 0.01, qPrintable(QString::number(floodAnswered)));
    const EngineSnapshot s = engine.snapshot(kStart + 60s);
    QCOMPARE(clientIn(s, flooder)->ntpDropped, std::uint64_t(floodSent - floodAnswered));
    for (const IpAddress &p : pollers)
        QCOMPARE(clientIn(s, p)->ntpDropped, 0u);
}

void TestRateLimit::engineSuggestsTheLimitInterval()
{
    Engine engine(config("allow\nlocal stratum 3\nratelimit interval 5\n"), options(), kStart);
    QCOMPARE(int(send(engine, ip("192.0.2.1"), kStart, 3)->poll), 5);
    QCOMPARE(int(send(engine, ip("192.0.2.2"), kStart, 8)->poll), 8);
    Engine unlimited(config("allow\nlocal stratum 3\n"), options(), kStart);
    QCOMPARE(int(send(unlimited, ip("192.0.2.1"), kStart, 3)->poll), 3);
}

void TestRateLimit::engineCountsForServerStatsAndClients()
{
    Engine engine(config("allow 192.0.2.0/24\nlocal stratum 3\nratelimit interval 3 burst 1 leak 4 kod 2\n"), options(),
                  kStart);
    const IpAddress flooder = ip("192.0.2.66");
    int silent = 0;
    int kisses = 0;
    for (int i = 0; i < 4000; ++i) {
        const auto reply = send(engine, flooder, kStart + 1ms * i);
        silent += reply ? 0 : 1;
        kisses += reply && isRateKiss(*reply) ? 1 : 0;
    }
    QVERIFY(!send(engine, ip("198.51.100.1"), kStart + 5s)); // denied: no allow covers it
    const EngineSnapshot s = engine.snapshot(kStart + 5s);
    QCOMPARE(s.server.droppedRateLimited, std::uint64_t(silent));
    QCOMPARE(s.server.kissOfDeathSent, std::uint64_t(kisses));
    QCOMPARE(s.server.droppedDenied, 1u);
    QCOMPARE(s.server.packetsReceived, 4001u);
    QCOMPARE(s.server.repliesSent, std::uint64_t(4000 - silent));

    const ServerStatsReport stats = serverStatsReport(s, {});
    QCOMPARE(stats.ntpPacketsDropped, std::uint64_t(silent)); // chronyd counts rate limiting only
    QCOMPARE(stats.ntpPacketsReceived, 4000u);                // and requests of allowed clients
    const ClientsReport clients = clientsReport(s);
    const auto row = std::find_if(clients.rows.begin(), clients.rows.end(),
                                  [&](const ClientReportRow &r) { return r.name == "192.0.2.66"; });
    QVERIFY(row != clients.rows.end());
    QCOMPARE(row->ntpPackets, 4000u);
    QCOMPARE(row->ntpDropped, std::uint32_t(silent));
    // Every millisecond: Int and IntL both round to log2(0.001) = -10.
    QCOMPARE(row->ntpIntervalLog2, std::optional<int>(-10));
    QCOMPARE(row->ntpLimitedIntervalLog2, std::optional<int>(-10));
}

void TestRateLimit::engineWithoutRateLimitAnswersEverything()
{
    Engine engine(config("allow\nlocal stratum 3\n"), options(), kStart);
    for (int i = 0; i < 2000; ++i)
        QVERIFY(send(engine, ip("192.0.2.66"), kStart + 1us * i));
    QCOMPARE(engine.snapshot(kStart + 1s).server.droppedRateLimited, 0u);
}

void TestRateLimit::noClientLogConflicts()
{
    const ConfigReadResult after = readConfigText("ratelimit\nnoclientlog\n", "test.conf");
    QVERIFY(!after.ok());
    QCOMPARE(QString::fromStdString(after.diagnostics.front().toString()),
             QStringLiteral("test.conf:2:1: error: 'ratelimit' cannot be used with 'noclientlog': rate limiting "
                            "keeps its state in the client log"));
    const ConfigReadResult before = readConfigText("noclientlog\n  ratelimit burst 4\n", "test.conf");
    QVERIFY(!before.ok());
    QCOMPARE(QString::fromStdString(before.diagnostics.front().toString()),
             QStringLiteral("test.conf:2:3: error: 'ratelimit' cannot be used with 'noclientlog': rate limiting "
                            "keeps its state in the client log"));
}

void TestRateLimit::rateLimitIsInEffect()
{
    // No "has no effect yet" warning any more, for the directive or its options.
    const ConfigReadResult read = readConfigText("ratelimit interval 1 burst 16 leak 3 kod 2\n", "test.conf");
    QVERIFY(read.ok());
    QVERIFY(read.diagnostics.empty());
    QVERIFY(read.config.server.rateLimit.enabled);
    QCOMPARE(read.config.server.rateLimit.kod, 2);
}

QTEST_GUILESS_MAIN(TestRateLimit)
#include "tst_ratelimit.moc"
