// The history store: the full-resolution ring and the 7-day per-minute roll-up (bounds, age,
// wraparound), queries downsampled to N buckets with gaps, the recorder's series from
// snapshots, and the file: round trip, and truncated or damaged files refused.
#include "chronyc/HistoryFormat.h"
#include "control/HistoryQueries.h"
#include "history/HistoryCodec.h"
#include "history/HistoryFile.h"
#include "history/HistoryRecorder.h"
#include "history/HistoryStore.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace s1;

namespace {

// A value as a series keeps it (a float).
double kept(double value)
{
    return static_cast<double>(static_cast<float>(value));
}

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
// 2026-12-06 00:00:00 UTC, a whole minute.
constexpr std::int64_t kStart = 1'796'515'200LL * kSecond;

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT
private slots:
    void addsInOrderOnly();
    void queryBucketsHaveMinMeanMaxAndGaps();
    void queryBoundsAreInclusive();
    void fullResolutionKeepsOneDay();
    void rollUpKeepsSevenDaysOfMinutes();
    void queryJoinsRollUpAndPointsWithoutDoubleCounting();
    void memoryIsBounded();
    void storeLimitsSeriesCount();
    void recorderMakesTheSeries();
    void recorderMakesEdgeAndJitterSeries();
    void codecRoundTrip();
    void codecRefusesDamage();
    void fileRoundTripAndCorruptFile();
    void queryAnswerAndErrors();
    void formats();
};

void TestHistory::addsInOrderOnly()
{
    HistorySeries s;
    QVERIFY(s.add(kStart, 1.0));
    QVERIFY(!s.add(kStart, 2.0));           // same time
    QVERIFY(!s.add(kStart - kSecond, 2.0)); // clock stepped back
    QVERIFY(!s.add(kStart + kSecond, NAN)); // not a value
    QVERIFY(!s.add(kStart + kSecond, INFINITY));
    QVERIFY(s.add(kStart + kSecond, 3.0));
    QCOMPARE(s.points().size(), std::size_t{2});
    QCOMPARE(s.minutes().size(), std::size_t{1});
    QCOMPARE(s.minutes().front().count, 2u);
    QCOMPARE(s.minutes().front().mean(), 2.0);
    QCOMPARE(s.firstTime(), kStart);
    QCOMPARE(s.lastTime(), kStart + kSecond);
}

void TestHistory::queryBucketsHaveMinMeanMaxAndGaps()
{
    HistorySeries s;
    // 0..9 s: values 0..9; nothing from 10 to 19 s; 20..29 s: 100.
    for (int i = 0; i < 10; ++i)
        QVERIFY(s.add(kStart + i * kSecond, i));
    for (int i = 20; i < 30; ++i)
        QVERIFY(s.add(kStart + i * kSecond, 100));
    const auto buckets = s.query(kStart, kStart + 30 * kSecond - 1, 3);
    QCOMPARE(buckets.size(), std::size_t{3});
    QCOMPARE(buckets[0].start, kStart);
    QCOMPARE(buckets[0].count, 10u);
    QCOMPARE(buckets[0].min, 0.0);
    QCOMPARE(buckets[0].max, 9.0);
    QCOMPARE(buckets[0].mean(), 4.5);
    QCOMPARE(buckets[1].count, 0u); // a gap stays a gap
    QCOMPARE(buckets[1].start, kStart + 10 * kSecond);
    QCOMPARE(buckets[2].count, 10u);
    QCOMPARE(buckets[2].mean(), 100.0);
    QVERIFY(s.query(kStart, kStart - 1, 3).empty());
    QVERIFY(s.query(kStart, kStart + kSecond, 0).empty());
}

void TestHistory::queryBoundsAreInclusive()
{
    HistorySeries s;
    for (int i = 0; i < 5; ++i)
        QVERIFY(s.add(kStart + i * kSecond, i));
    std::uint32_t total = 0;
    for (const HistoryBucket &b : s.query(kStart + kSecond, kStart + 3 * kSecond, 7))
        total += b.count;
    QCOMPARE(total, 3u); // 1, 2 and 3 s, both ends included
    const auto one = s.query(kStart + 4 * kSecond, kStart + 4 * kSecond, 1);
    QCOMPARE(one.size(), std::size_t{1});
    QCOMPARE(one[0].count, 1u);
    QCOMPARE(one[0].max, 4.0);
}

void TestHistory::fullResolutionKeepsOneDay()
{
    HistorySeries s;
    // Two days at 1 Hz: the ring wraps and holds exactly the last 24 h.
    const std::int64_t n = 2 * 86400;
    for (std::int64_t i = 0; i < n; ++i)
        QVERIFY(s.add(kStart + i * kSecond, static_cast<double>(i)));
    QCOMPARE(s.points().size(), HistorySeries::kFullResolutionCapacity);
    QCOMPARE(s.points().front().time, kStart + (n - 86400) * kSecond);
    QCOMPARE(s.points().back().value, static_cast<double>(n - 1));
    QCOMPARE(s.fullResolutionSince(), kStart + (n - 86400 - 1) * kSecond + 1);
    // Faster than 1 Hz: the count bound holds, the span shrinks.
    HistorySeries fast;
    for (std::int64_t i = 0; i < 100000; ++i)
        QVERIFY(fast.add(kStart + i * kSecond / 2, 1.0));
    QCOMPARE(fast.points().size(), HistorySeries::kFullResolutionCapacity);
    // Slower: the age bound holds.
    HistorySeries slow;
    for (std::int64_t i = 0; i < 200; ++i)
        QVERIFY(slow.add(kStart + i * kHour, 1.0));
    QCOMPARE(slow.points().size(), std::size_t{24});
    QCOMPARE(slow.minutes().size(), std::size_t{7 * 24});
}

void TestHistory::rollUpKeepsSevenDaysOfMinutes()
{
    HistorySeries s;
    // Eight days, one point every 20 s: three per minute.
    const std::int64_t step = 20 * kSecond;
    const std::int64_t n = 8 * kDay / step;
    for (std::int64_t i = 0; i < n; ++i)
        QVERIFY(s.add(kStart + i * step, static_cast<double>(i % 3)));
    QCOMPARE(s.minutes().size(), HistorySeries::kMinuteCapacity);
    const std::int64_t lastMinute = minuteStart(kStart + (n - 1) * step);
    QCOMPARE(s.minutes().back().start, lastMinute);
    QCOMPARE(s.minutes().front().start, lastMinute - 7 * kDay + kMinute);
    for (const HistoryBucket &m : s.minutes()) {
        QCOMPARE(m.count, 3u);
        QCOMPARE(m.min, 0.0);
        QCOMPARE(m.max, 2.0);
        QCOMPARE(m.mean(), 1.0);
    }
    // The whole week in 7 buckets: each day's 1440 minutes x 3 points.
    const std::int64_t from = s.firstTime();
    const auto days = s.query(from, from + 7 * kDay - 1, 7);
    QCOMPARE(days.size(), std::size_t{7});
    for (const HistoryBucket &d : days) {
        QCOMPARE(d.count, 1440u * 3u);
        QCOMPARE(d.mean(), 1.0);
    }
}

void TestHistory::queryJoinsRollUpAndPointsWithoutDoubleCounting()
{
    HistorySeries s;
    // 30 h at 1 Hz, starting mid-minute: the first 6 h are only in the roll-up.
    const std::int64_t first = kStart + 30 * kSecond;
    const std::int64_t n = 30 * 3600;
    for (std::int64_t i = 0; i < n; ++i)
        QVERIFY(s.add(first + i * kSecond, 1.0));
    QVERIFY(s.fullResolutionSince() > first);
    std::uint64_t total = 0;
    for (const HistoryBucket &b : s.query(kStart, first + n * kSecond, 30))
        total += b.count;
    QCOMPARE(total, static_cast<std::uint64_t>(n));
    // Within the last day every point is its own: 1 s buckets of 1 point.
    const std::int64_t last = first + (n - 1) * kSecond;
    const auto recent = s.query(last - 59 * kSecond, last, 60);
    for (const HistoryBucket &b : recent)
        QCOMPARE(b.count, 1u);
}

void TestHistory::memoryIsBounded()
{
    HistorySeries s;
    for (std::int64_t i = 0; i < 8 * 86400; ++i)
        QVERIFY(s.add(kStart + i * kSecond, 1.0));
    QCOMPARE(s.memoryBytes(), HistorySeries::kMaxSeriesBytes);
    qInfo("one series at full capacity: %zu bytes (%.2f MiB)", s.memoryBytes(),
          static_cast<double>(s.memoryBytes()) / (1024.0 * 1024.0));
}

void TestHistory::storeLimitsSeriesCount()
{
    HistoryStore store;
    for (std::size_t i = 0; i < HistoryStore::kMaxSeries; ++i)
        QVERIFY(store.add("s" + std::to_string(i), kStart, 1.0));
    QVERIFY(!store.add("one more", kStart, 1.0));
    QCOMPARE(store.refusedSeries(), std::uint64_t{1});
    QVERIFY(store.add("s0", kStart + kSecond, 1.0)); // existing ones go on
    QCOMPARE(historySeriesUnit("tracking.frequency"), std::string_view("ppm"));
    QCOMPARE(historySeriesUnit("source/PPS/offset"), std::string_view("s"));
    QCOMPARE(historySeriesUnit("gps.meanSnr"), std::string_view("dB-Hz"));
    QCOMPARE(historySeriesUnit("source/a/state"), std::string_view(""));
}

void TestHistory::recorderMakesTheSeries()
{
    HistoryStore store;
    HistoryRecorder recorder;
    EngineSnapshot snap;
    snap.time = realTimeFromNanos(kStart);
    snap.reference.synchronised = true;
    snap.reference.systemTimeOffset = -2e-6;
    snap.reference.rootDelay = 1e-3;
    snap.reference.rootDispersion = 4e-6;
    snap.reference.frequencyPpm = -12.5;
    snap.reference.skewPpm = 0.01;
    snap.reference.lastOffset = 3e-6;
    snap.reference.referenceTime = realTimeFromNanos(kStart - kSecond);
    SourceSnapshot pps;
    pps.name = "PPS";
    pps.state = SourceState::Selected;
    pps.lastSample = SourceSample{realTimeFromNanos(kStart - kSecond), 1e-7, 0, 1e-8, 0, 0};
    snap.sources.push_back(pps);
    GpsStatus gps;
    gps.lastMessageAge = 0.5;
    gps.satellites = {{GnssSystem::Gps, 1, 40, 10, 40, true},
                      {GnssSystem::Gps, 2, 40, 10, 30, true},
                      {GnssSystem::Gps, 3, 40, 10, 20, false}};
    snap.gps = gps;
    recorder.record(snap, store);
    // The same snapshot again, and one 0.5 s later: no new points.
    recorder.record(snap, store);
    snap.time = realTimeFromNanos(kStart + kSecond / 2);
    recorder.record(snap, store);

    const auto value = [&](const char *name) {
        const HistorySeries *s = store.series(name);
        return s && s->points().size() == 1 ? s->points().front().value : NAN;
    };
    QCOMPARE(value("tracking.offset"), kept(-2e-6)); // values are kept as floats
    QCOMPARE(value("tracking.frequency"), -12.5);
    QCOMPARE(value("tracking.skew"), kept(0.01));
    QCOMPARE(value("tracking.rootDelay"), kept(1e-3));
    QCOMPARE(value("tracking.rootDispersion"), kept(4e-6));
    QCOMPARE(value("tracking.errorBound"), kept(2e-6 + 4e-6 + 0.5e-3));
    QCOMPARE(value("tracking.lastOffset"), kept(3e-6));
    QCOMPARE(value("source/PPS/offset"), kept(1e-7));
    QCOMPARE(value("source/PPS/dispersion"), kept(1e-8));
    QCOMPARE(value("source/PPS/state"), 1.0);
    QCOMPARE(value("gps.satellitesUsed"), 2.0);
    QCOMPARE(value("gps.meanSnr"), 35.0);
    QCOMPARE(store.series("source/PPS/offset")->points().front().time, kStart - kSecond);

    // A second later: a new sample, the receiver silent, the clock unsynchronised.
    snap.time = realTimeFromNanos(kStart + kSecond);
    snap.sources[0].lastSample->time = realTimeFromNanos(kStart);
    snap.sources[0].state = SourceState::Unusable;
    snap.gps->lastMessageAge = 10.0;
    snap.reference.synchronised = false;
    recorder.record(snap, store);
    QCOMPARE(store.series("source/PPS/offset")->points().size(), std::size_t{2});
    QCOMPARE(store.series("source/PPS/state")->points().back().value, 0.0);
    QCOMPARE(store.series("tracking.frequency")->points().size(), std::size_t{2});
    QCOMPARE(store.series("tracking.offset")->points().size(), std::size_t{1}); // a gap
    QCOMPARE(store.series("gps.satellitesUsed")->points().size(), std::size_t{1});
}

// A PPS refclock's edges (each pulse once, however the snapshots overlap or skip) and its
// jitter per poll. Values a float holds exactly, so the test does not depend on the precision
// the series keep.
void TestHistory::recorderMakesEdgeAndJitterSeries()
{
    HistoryStore store;
    HistoryRecorder recorder;
    const auto edge = [](std::uint64_t number) {
        return PulseEdgeSample{number, realTimeFromNanos(kStart + static_cast<std::int64_t>(number) * kSecond),
                               std::ldexp(static_cast<double>(number), -30)};
    };
    EngineSnapshot snap;
    snap.time = realTimeFromNanos(kStart + 3 * kSecond);
    SourceSnapshot pps;
    pps.name = "PPS";
    pps.kind = SourceKind::RefClock;
    pps.recentEdges = {edge(1), edge(2), edge(3)};
    pps.lastSample = SourceSample{realTimeFromNanos(kStart + 2 * kSecond), 0, 0, 1e-8, 0, 0};
    pps.jitter = std::ldexp(3.0, -26);
    snap.sources.push_back(pps);
    recorder.record(snap, store);
    // The next snapshot overlaps (2, 3) and brings 4 and 5; the poll's sample is the same.
    snap.time = realTimeFromNanos(kStart + 5 * kSecond);
    snap.sources[0].recentEdges = {edge(2), edge(3), edge(4), edge(5)};
    recorder.record(snap, store);
    // The same snapshot again: nothing new.
    recorder.record(snap, store);

    const HistorySeries *edges = store.series("source/PPS/edge");
    QVERIFY(edges);
    QCOMPARE(edges->points().size(), std::size_t{5});
    for (std::size_t i = 0; i < 5; ++i) {
        QCOMPARE(edges->points()[i].time, kStart + static_cast<std::int64_t>(i + 1) * kSecond);
        QCOMPARE(static_cast<double>(edges->points()[i].value), std::ldexp(static_cast<double>(i + 1), -30));
    }
    const HistorySeries *jitter = store.series("source/PPS/jitter");
    QVERIFY(jitter);
    QCOMPARE(jitter->points().size(), std::size_t{1});
    QCOMPARE(jitter->points().front().time, kStart + 2 * kSecond);
    QCOMPARE(static_cast<double>(jitter->points().front().value), std::ldexp(3.0, -26));

    // A new poll: a jitter point with the new sample.
    snap.sources[0].lastSample->time = realTimeFromNanos(kStart + 6 * kSecond);
    snap.sources[0].jitter = std::ldexp(1.0, -24);
    recorder.record(snap, store);
    QCOMPARE(jitter->points().size(), std::size_t{2});
    QCOMPARE(static_cast<double>(jitter->points().back().value), std::ldexp(1.0, -24));

    // A reloaded engine counts its pulses from 1 again: they are new edges, not old ones.
    snap.sources[0].recentEdges = {PulseEdgeSample{1, realTimeFromNanos(kStart + 9 * kSecond), 0.0}};
    recorder.record(snap, store);
    QCOMPARE(edges->points().size(), std::size_t{6});
    QCOMPARE(edges->points().back().time, kStart + 9 * kSecond);

    // No edges or jitter: an NTP server gets neither series.
    QVERIFY(!store.series("source/ntp/edge"));
    QCOMPARE(historySeriesUnit("source/PPS/edge"), std::string_view("s"));
    QCOMPARE(historySeriesUnit("source/PPS/jitter"), std::string_view("s"));
}

static HistoryStore sampleStore()
{
    HistoryStore store;
    for (std::int64_t i = 0; i < 26 * 3600; i += 7)
        store.add("tracking.offset", kStart + i * kSecond, std::sin(static_cast<double>(i)) * 1e-6);
    store.add("source/192.0.2.1/delay", kStart, 0.25);
    return store;
}

void TestHistory::codecRoundTrip()
{
    const HistoryStore store = sampleStore();
    std::string error;
    const std::string bytes = encodeHistory(store);
    const auto back = decodeHistory(bytes, error);
    QVERIFY2(back, error.c_str());
    QVERIFY(*back == store);
    QVERIFY(back->series("tracking.offset")->fullResolutionSince() > kStart);
    HistoryStore empty;
    QVERIFY(decodeHistory(encodeHistory(empty), error));
}

void TestHistory::codecRefusesDamage()
{
    const std::string bytes = encodeHistory(sampleStore());
    std::string error;
    // Truncated anywhere.
    for (std::size_t cut : {std::size_t{0}, std::size_t{5}, std::size_t{30}, bytes.size() / 2, bytes.size() - 1}) {
        QVERIFY(!decodeHistory(std::string_view(bytes).substr(0, cut), error));
        QVERIFY(!error.empty());
    }
    // One bit flipped in the middle.
    std::string flipped = bytes;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x10);
    QVERIFY(!decodeHistory(flipped, error));
    QVERIFY2(error.find("checksum") != std::string::npos, error.c_str());
    // Another version.
    std::string version = bytes;
    version[10] = 7;
    QVERIFY(!decodeHistory(version, error));
    QVERIFY2(error.find("version 7") != std::string::npos, error.c_str());
    QVERIFY(!decodeHistory("hello world, not a history file at all", error));
}

void TestHistory::fileRoundTripAndCorruptFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::filesystem::path path = dir.filePath(QStringLiteral("history")).toStdString();
    std::string error;
    QVERIFY(!readHistoryFile(path, error)); // none yet: no error
    QVERIFY(error.empty());
    const HistoryStore store = sampleStore();
    QVERIFY2(writeHistoryFile(path, store, error), error.c_str());
    const auto back = readHistoryFile(path, error);
    QVERIFY2(back, error.c_str());
    QVERIFY(*back == store);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary left
    // Truncated on disk: refused with a message.
    QVERIFY(::truncate(path.c_str(), static_cast<off_t>(std::filesystem::file_size(path) / 2)) == 0);
    QVERIFY(!readHistoryFile(path, error));
    QVERIFY2(error.find("ignored") != std::string::npos, error.c_str());
    // A directory that cannot take it: false, the message says why.
    QVERIFY(!writeHistoryFile(dir.filePath(QStringLiteral("missing/history")).toStdString(), store, error));
    QVERIFY(!error.empty());
}

void TestHistory::queryAnswerAndErrors()
{
    HistoryStore store;
    for (int i = 0; i < 120; ++i)
        store.add("tracking.offset", kStart + i * kSecond, i < 60 ? 1e-6 : 3e-6);
    const std::int64_t now = kStart + 119 * kSecond;
    ControlAnswer a =
        answerHistory(QJsonObject{{"series", "tracking.offset"}, {"since", 120}, {"buckets", 2}}, &store, now);
    QVERIFY2(a.ok, qPrintable(a.error));
    const QJsonObject r = a.result.toObject();
    QCOMPARE(r.value("unit").toString(), QStringLiteral("s"));
    const QJsonArray b = r.value("buckets").toArray();
    QCOMPARE(b.size(), 2);
    QCOMPARE(b[0].toObject().value("count").toInteger() + b[1].toObject().value("count").toInteger(), 120);
    QCOMPARE(b[1].toObject().value("max").toDouble(), kept(3e-6));
    // A range with nothing in it: gaps only, no values.
    a = answerHistory(QJsonObject{{"series", "tracking.offset"}, {"from", 1e9}, {"to", 1e9 + 60}, {"buckets", 3}},
                      &store, now);
    QVERIFY(a.ok);
    for (const QJsonValue &v : a.result.toObject().value("buckets").toArray())
        QVERIFY(v.toObject().value("count").toInteger() == 0 && !v.toObject().contains("min"));
    const auto error = [&](const QJsonObject &args) { return answerHistory(args, &store, now).error; };
    QVERIFY(error({}).contains("\"series\""));
    QVERIFY(error({{"series", "nope"}}).contains("no such series: nope"));
    QVERIFY(error({{"series", "tracking.offset"}, {"buckets", 0}}).contains("\"buckets\""));
    QVERIFY(error({{"series", "tracking.offset"}, {"buckets", 2.5}}).contains("\"buckets\""));
    QVERIFY(error({{"series", "tracking.offset"}, {"buckets", kMaxHistoryBuckets + 1}}).contains("\"buckets\""));
    QVERIFY(error({{"series", "tracking.offset"}, {"since", -1}}).contains("\"since\""));
    QVERIFY(error({{"series", "tracking.offset"}, {"since", 1}, {"from", 1e9}}).contains("not both"));
    QVERIFY(error({{"series", "tracking.offset"}, {"from", "yesterday"}}).contains("\"from\""));
    QVERIFY(error({{"series", "tracking.offset"}, {"from", 2e9}, {"to", 1e9}}).contains("before"));
    QVERIFY(!answerHistory({{"series", "tracking.offset"}}, nullptr, now).ok);
    const ControlAnswer list = answerHistorySeries(&store);
    QVERIFY(list.ok);
    QCOMPARE(list.result.toArray().size(), 1);
    QCOMPARE(list.result.toArray()[0].toObject().value("points").toInteger(), 120);
    QCOMPARE(list.result.toArray()[0].toObject().value("first").toDouble(), static_cast<double>(kStart) / 1e9);
}

void TestHistory::formats()
{
    QCOMPARE(formatHistoryValue(1.5e-9, "s"), std::string("+1.500ns"));
    QCOMPARE(formatHistoryValue(-2.25e-5, "s"), std::string("-22.500us"));
    QCOMPARE(formatHistoryValue(0.0125, "s"), std::string("+12.500ms"));
    QCOMPARE(formatHistoryValue(-1.5, "s"), std::string("-1.500s"));
    QCOMPARE(formatHistoryValue(-12.34567, "ppm"), std::string("-12.3457 ppm"));
    QCOMPARE(formatHistoryValue(9, ""), std::string("9.0"));
    QCOMPARE(formatHistoryValue(41.25, "dB-Hz"), std::string("41.2 dB-Hz"));
    QCOMPARE(formatHistoryTime(1796515200.9), std::string("2026-12-06 00:00:00"));
    QCOMPARE(parseHistoryDuration("90s"), std::optional<double>(90));
    QCOMPARE(parseHistoryDuration("1.5h"), std::optional<double>(5400));
    QCOMPARE(parseHistoryDuration("7d"), std::optional<double>(7 * 86400));
    QVERIFY(!parseHistoryDuration("h"));
    QVERIFY(!parseHistoryDuration("-1h"));
    QVERIFY(!parseHistoryDuration("1w"));
    QVERIFY(!parseHistoryDuration("2026-12-06"));
    HistoryTable table{"tracking.offset", "s", 1796515200, 1796515320, 60, {}};
    table.rows.push_back({1796515200, 60, -1e-6, 0, 1e-6});
    table.rows.push_back({1796515260, 0, 0, 0, 0});
    QCOMPARE(formatHistoryTable(table),
             std::string("tracking.offset (s), 2026-12-06 00:00:00 to 2026-12-06 00:02:00 UTC, 2 buckets of 60 s\n"
                         "Time (UTC)            Points           Min          Mean           Max\n"
                         "======================================================================\n"
                         "2026-12-06 00:00:00       60      -1.000us      +0.000ns      +1.000us\n"
                         "2026-12-06 00:01:00        0             -             -             -\n"));
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
