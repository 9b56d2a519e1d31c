// An NTP source's sample path through the engine, with a scripted server whose every reply has a
// chosen offset and round trip: chrony's `offset`, `mindelay`, `asymmetry`, `maxdelay`,
// `maxdelayratio`, `maxdelaydevratio`, `maxdelayquant` and `filter` options take effect, the
// measurements log shows the real test results, a sample failing a test still counts for
// reach but never reaches the statistics, and with `filter` only the filter's outputs do.
#include "engine/Engine.h"

#include <QtTest>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

const RealTime kStart = realTimeFromNanos(1'760'000'000LL * kNanosPerSecond);
constexpr int kPrecision = -20; // log2 s
constexpr int kPoll = 4;        // minpoll = maxpoll: the interval never moves
constexpr std::uint64_t kSeed = 11;
constexpr int kMaxScriptSteps = 1000;

constexpr double kServerAhead = 0.25; // s, the server's clock against ours
constexpr double kBaseDelay = 1e-3;   // s, the usual round trip
constexpr double kSpikeDelay = 50e-3; // s, a congested round trip
// The server's time between receiving and answering; it must not count as delay.
constexpr Nanoseconds kTurnaround = 30us;
// Enough ordinary samples for the delay tests to have data (SourceStatistics needs 6).
constexpr int kWarmUpSamples = 8;

// What the on-wire arithmetic keeps of a chosen offset or delay: NTP timestamps and our times
// are rounded to about a nanosecond each (s).
constexpr double kWireResolution = 1e-8;

const SocketAddress kServer{*IpAddress::parse("192.0.2.1"), kNtpDefaultPort};

SourceConfig baseSource()
{
    SourceConfig s;
    s.host = "192.0.2.1";
    s.minPoll = kPoll;
    s.maxPoll = kPoll;
    return s;
}

// Drives one engine with one source, answering (or not) each request as the script says.
class ScriptedServer
{
public:
    explicit ScriptedServer(const SourceConfig &source)
        : m_engine(config(source), options(), kStart)
    { }

    // Runs the next poll and answers it with `offset` and `delay` (s), or not at all. Returns
    // the log records the poll produced.
    std::vector<EngineLogRecord> poll(std::optional<double> offset, double delay = kBaseDelay)
    {
        const std::optional<RealTime> due = m_engine.nextWakeup();
        if (!due || ++m_steps > kMaxScriptSteps)
            qFatal("the script ran away");
        const RealTime t1 = *due;
        m_engine.handleTimeout(t1);
        const std::vector<OutgoingPacket> out = m_engine.takeOutgoing();
        if (out.size() != 1)
            qFatal("expected one request, got %zu", out.size());
        m_engine.handleTransmitted({out.front().role, out.front().remote, out.front().data, t1, false});
        if (offset) {
            const NtpParseResult request = parseNtpPacket(out.front().data);
            if (!request.ok())
                qFatal("the request does not parse");
            // T2 = T1 + half the delay on the server's clock; T4 such that (T4-T1)-(T3-T2) = delay.
            const Nanoseconds half = fromSeconds(delay / 2);
            const RealTime t2 = t1 + half + fromSeconds(*offset);
            const RealTime t3 = t2 + kTurnaround;
            const RealTime t4 = t1 + fromSeconds(delay) + kTurnaround;
            NtpHeader reply;
            reply.mode = NtpMode::Server;
            reply.stratum = 1;
            reply.poll = kPoll;
            reply.precision = kPrecision;
            reply.referenceId = 0x47505300; // "GPS"
            reply.referenceTime = NtpTimestamp::fromRealTime(t2 - 1s);
            reply.originTime = request.packet.header.transmitTime;
            reply.receiveTime = NtpTimestamp::fromRealTime(t2);
            reply.transmitTime = NtpTimestamp::fromRealTime(t3);
            const auto bytes = serializeNtpHeader(reply);
            const std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
            ReceivedPacket p;
            p.role = SocketRole::Client;
            p.remote = kServer;
            p.data = data;
            p.receiveTime = t4;
            m_engine.handlePacket(p, t4);
        }
        return m_engine.takeLogRecords();
    }

    // Ordinary replies: the server on time, the usual delay.
    void warmUp(int polls = kWarmUpSamples)
    {
        for (int i = 0; i < polls; ++i)
            poll(kServerAhead);
    }

    SourceSnapshot source() const { return m_engine.snapshot(*m_engine.nextWakeup()).sources.front(); }

private:
    static EngineConfig config(const SourceConfig &source)
    {
        EngineConfig c;
        c.sources = {source};
        c.logging.logDir = "/nonexistent"; // records only: the engine writes no files
        c.logging.measurements = true;
        c.logging.statistics = true;
        return c;
    }
    static EngineOptions options()
    {
        EngineOptions o;
        o.seed = kSeed;
        o.precision = kPrecision;
        return o;
    }

    Engine m_engine;
    int m_steps = 0;
};

template <typename Record>
std::vector<Record> recordsOf(const std::vector<EngineLogRecord> &records)
{
    std::vector<Record> out;
    for (const EngineLogRecord &r : records)
        if (const auto *m = std::get_if<Record>(&r))
            out.push_back(*m);
    return out;
}

MeasurementLogRecord onlyMeasurement(const std::vector<EngineLogRecord> &records)
{
    const auto m = recordsOf<MeasurementLogRecord>(records);
    if (m.size() != 1)
        qFatal("expected one measurement record, got %zu", m.size());
    return m.front();
}

// Whether the poll's sample reached the statistics (each accumulation logs one regression).
bool accumulated(const std::vector<EngineLogRecord> &records)
{
    return !recordsOf<StatisticsLogRecord>(records).empty();
}

} // namespace

class TestNtpSamplePath : public QObject
{
    Q_OBJECT

private slots:
    void offsetOptionCorrectsEveryMeasurement();
    void ordinarySamplesPassEveryTest();
    void testCDropsADelaySpikeButTheReplyCountsForReach();
    void testCKeepsASpikeThatShowsTheClockMoved();
    void minDelayOptionReachesTheDelayTest();
    void asymmetryOptionReachesTheStatistics();
    void maxDelayIsTestA();
    void maxDelayRatioIsTestB();
    void maxDelayQuantReplacesTheDevRatioTest();
    void filterHandsOnOneSamplePerSpan();
    void filterCountsUnansweredPolls();
};

void TestNtpSamplePath::offsetOptionCorrectsEveryMeasurement()
{
    // chrony's sign: the correction is added. A path 2 ms slower towards the server makes it
    // seem 1 ms ahead; `offset -0.001` takes that back.
    SourceConfig corrected = baseSource();
    corrected.offset = -0.001;
    ScriptedServer plain(baseSource());
    ScriptedServer server(corrected);
    // The first measurement, logged against a clock not yet corrected.
    const MeasurementLogRecord p = onlyMeasurement(plain.poll(kServerAhead));
    const MeasurementLogRecord c = onlyMeasurement(server.poll(kServerAhead));
    QVERIFY(std::abs(c.offset - (kServerAhead - 0.001)) < kWireResolution);
    QVERIFY(std::abs(p.offset - kServerAhead) < kWireResolution);
    // Every later one, against the raw clock the statistics use.
    for (int i = 0; i < 3; ++i) {
        plain.poll(kServerAhead);
        server.poll(kServerAhead);
        QVERIFY(std::abs(server.source().lastSample->rawOffset - (kServerAhead - 0.001)) < kWireResolution);
        QVERIFY(std::abs(plain.source().lastSample->rawOffset - kServerAhead) < kWireResolution);
    }
}

void TestNtpSamplePath::ordinarySamplesPassEveryTest()
{
    ScriptedServer server(baseSource());
    for (int i = 0; i < kWarmUpSamples + 4; ++i) {
        const auto records = server.poll(kServerAhead);
        const MeasurementLogRecord m = onlyMeasurement(records);
        QVERIFY(m.testA && m.testB && m.testC && m.testD);
        QVERIFY(accumulated(records));
    }
}

void TestNtpSamplePath::testCDropsADelaySpikeButTheReplyCountsForReach()
{
    ScriptedServer server(baseSource());
    server.warmUp();
    const int samples = server.source().stats.samples;
    // The spike's offset is right on the prediction: only its delay is wrong.
    const auto records = server.poll(kServerAhead, kSpikeDelay);
    const MeasurementLogRecord m = onlyMeasurement(records);
    QVERIFY(m.testA);
    QVERIFY(m.testB);
    QVERIFY(!m.testC);
    QVERIFY(!accumulated(records));
    const SourceSnapshot s = server.source();
    QCOMPARE(s.stats.samples, samples);
    QCOMPARE(s.reach & 1, 1);                                               // the server answered with usable time
    QVERIFY(std::abs(s.lastSample->delay - kSpikeDelay) < kWireResolution); // still shown
    // The next ordinary reply is used again.
    QVERIFY(accumulated(server.poll(kServerAhead)));
}

void TestNtpSamplePath::testCKeepsASpikeThatShowsTheClockMoved()
{
    ScriptedServer server(baseSource());
    server.warmUp();
    // 100 ms off the prediction cannot come from 24.5 ms of extra one-way delay.
    const auto records = server.poll(kServerAhead + 0.1, kSpikeDelay);
    QVERIFY(onlyMeasurement(records).testC);
    QVERIFY(accumulated(records));
}

void TestNtpSamplePath::minDelayOptionReachesTheDelayTest()
{
    // With `mindelay` above the spike, the spike has no extra delay to speak of.
    SourceConfig source = baseSource();
    source.minDelay = 2 * kSpikeDelay;
    ScriptedServer server(source);
    server.warmUp();
    const auto records = server.poll(kServerAhead, kSpikeDelay);
    QVERIFY(onlyMeasurement(records).testC);
    QVERIFY(accumulated(records));
}

void TestNtpSamplePath::asymmetryOptionReachesTheStatistics()
{
    constexpr double kAsymmetry = 0.25;
    SourceConfig source = baseSource();
    source.asymmetry = kAsymmetry;
    ScriptedServer server(source);
    ScriptedServer estimating(baseSource());
    // One and two samples are fitted exactly, without any correction; from three on the
    // regression runs with the configured asymmetry instead of estimating one.
    constexpr int kFirstRegression = 2;
    for (int i = 0; i < kWarmUpSamples; ++i) {
        const auto st = recordsOf<StatisticsLogRecord>(server.poll(kServerAhead));
        QCOMPARE(st.size(), std::size_t{1});
        if (i >= kFirstRegression)
            QCOMPARE(st.front().asymmetry, kAsymmetry);
        const auto plain = recordsOf<StatisticsLogRecord>(estimating.poll(kServerAhead));
        QCOMPARE(plain.size(), std::size_t{1});
        QCOMPARE(plain.front().asymmetry, 0.0); // estimated: nothing to estimate from
    }
}

void TestNtpSamplePath::maxDelayIsTestA()
{
    SourceConfig source = baseSource();
    source.maxDelay = 0.01;
    ScriptedServer server(source);
    server.warmUp(2);
    // Before the delay tests have data, test A alone decides.
    const auto records = server.poll(kServerAhead, 0.02);
    const MeasurementLogRecord m = onlyMeasurement(records);
    QVERIFY(!m.testA);
    QVERIFY(m.testB && m.testC);
    QVERIFY(!accumulated(records));
    QCOMPARE(server.source().reach & 1, 1);
    QVERIFY(accumulated(server.poll(kServerAhead, 0.009)));
}

void TestNtpSamplePath::maxDelayRatioIsTestB()
{
    SourceConfig source = baseSource();
    source.maxDelayRatio = 2.0;
    ScriptedServer server(source);
    server.warmUp();
    const MeasurementLogRecord m = onlyMeasurement(server.poll(kServerAhead, 3 * kBaseDelay));
    QVERIFY(m.testA);
    QVERIFY(!m.testB);
    // Within the ratio, test B passes.
    QVERIFY(onlyMeasurement(server.poll(kServerAhead, 1.5 * kBaseDelay)).testB);
    // Off by default.
    ScriptedServer plain(baseSource());
    plain.warmUp();
    QVERIFY(onlyMeasurement(plain.poll(kServerAhead, 3 * kBaseDelay)).testB);
}

void TestNtpSamplePath::maxDelayQuantReplacesTheDevRatioTest()
{
    SourceConfig source = baseSource();
    source.maxDelayQuant = 0.5;
    ScriptedServer server(source);
    // As in chrony, the first reply meets an empty estimate and fails; it sets the estimate.
    auto records = server.poll(kServerAhead);
    QVERIFY(!onlyMeasurement(records).testC);
    QVERIFY(!accumulated(records));
    records = server.poll(kServerAhead);
    QVERIFY(onlyMeasurement(records).testC);
    QVERIFY(accumulated(records));
    server.warmUp();
    // Far above the median delay: dropped, before and regardless of maxdelaydevratio.
    QVERIFY(!onlyMeasurement(server.poll(kServerAhead, 3 * kBaseDelay)).testC);
    // With the quantile, a spike that maxdelaydevratio would keep (the clock moved) is dropped.
    QVERIFY(!onlyMeasurement(server.poll(kServerAhead + 0.1, kSpikeDelay)).testC);
}

void TestNtpSamplePath::filterHandsOnOneSamplePerSpan()
{
    constexpr int kFilter = 3;
    constexpr int kSpans = 4;
    SourceConfig source = baseSource();
    source.filter = kFilter;
    ScriptedServer server(source);
    // Offsets 0, +3 ms and -1 ms off the server's time at the same round trip: every span
    // gives their mean, +0.67 ms (an offset wrong at a short delay is not weighed down; only
    // a long round trip is).
    const double deviations[kFilter] = {0.0, 3e-3, -1e-3};
    for (int span = 0; span < kSpans; ++span) {
        for (int i = 0; i < kFilter; ++i) {
            const auto records = server.poll(kServerAhead + deviations[i]);
            QCOMPARE(recordsOf<MeasurementLogRecord>(records).size(), std::size_t{1});
            const auto st = recordsOf<StatisticsLogRecord>(records);
            QCOMPARE(st.size(), std::size_t(i == kFilter - 1 ? 1 : 0));
        }
        const SourceSnapshot s = server.source();
        QCOMPARE(s.stats.samples, span + 1);
    }
    // Every filtered sample was the same mean: a regression through four samples at the same
    // offset has no spread.
    QVERIFY(server.source().stats.standardDeviation < 1e-6);
}

void TestNtpSamplePath::filterCountsUnansweredPolls()
{
    SourceConfig source = baseSource();
    source.filter = 2;
    ScriptedServer server(source);
    QVERIFY(!accumulated(server.poll(kServerAhead)));
    QVERIFY(!accumulated(server.poll(std::nullopt))); // lost
    // The lost poll is known when the next request goes out; it ends the span, and the one
    // sample of it comes out then.
    const auto records = server.poll(kServerAhead);
    QVERIFY(accumulated(records));
    QCOMPARE(server.source().stats.samples, 1);
    // That reply opened the next span, which the next one closes.
    QVERIFY(accumulated(server.poll(kServerAhead)));
    QCOMPARE(server.source().stats.samples, 2);
}

QTEST_APPLESS_MAIN(TestNtpSamplePath)
#include "tst_ntpsamplepath.moc"
