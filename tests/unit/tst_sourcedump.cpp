// A source's measurement history kept across a restart (`dumpdir`, `-r`): the file format's
// round trip, clear errors for every kind of damage, the checks at load (another source, samples
// in the future, too old), the statistics saved and restored to the same regression, and the
// files in the directory (names, refusals).
#include "history/SourceDumpFiles.h"
#include "sources/SourceDump.h"
#include "sources/SourceStatistics.h"

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace s1;

namespace {

constexpr std::int64_t kStartNs = 1'700'000'000'000'000'000; // an instant in 2023
constexpr double kFrequency = 3e-6;                          // relative: the clock gains 3 ppm
constexpr int kSamples = 20;
constexpr std::chrono::seconds kPoll(64);

RealTime at(std::chrono::nanoseconds offset)
{
    return RealTime(Nanoseconds(kStartNs)) + offset;
}

SourceDumpIdentity ntpIdentity(const std::string &address)
{
    SourceDumpIdentity id;
    id.kind = SourceDumpIdentity::Kind::Ntp;
    id.address = address;
    return id;
}

SourceDump sampleDump()
{
    SourceDump dump;
    dump.source = ntpIdentity("192.0.2.1");
    dump.dumpedAt = at(std::chrono::seconds(700));
    dump.stratum = 2;
    dump.leap = LeapIndicator::None;
    dump.frequency = -1.2345678901234567e-6;
    dump.skew = 3.1e-9;
    dump.stdDev = 4.5e-7;
    dump.asymmetry = -0.25;
    dump.asymmetryRun = -11;
    dump.regressionSamples = 2;
    for (int i = 0; i < 3; ++i) {
        DumpedSample s;
        s.time = at(std::chrono::seconds(64 * i) + Nanoseconds(7));
        s.offset = 1e-4 * (i + 1) + 1e-17;
        s.originalOffset = 0.1 / 3.0 * i;
        s.peerDelay = 2.5e-4;
        s.peerDispersion = 1e-6;
        s.rootDelay = 0.0123;
        s.rootDispersion = 0.0005;
        dump.samples.push_back(s);
    }
    return dump;
}

// Statistics with kSamples samples of a clock gaining kFrequency against the source.
SourceStatistics filledStatistics()
{
    SourceStatistics stats;
    for (int i = 0; i < kSamples; ++i) {
        StatSample s;
        s.time = at(kPoll * i);
        const double noise = (i % 3 - 1) * 2e-6;
        s.offset = 1e-3 - kFrequency * toSeconds(kPoll * i) + noise;
        s.peerDelay = 1e-3 + (i % 4) * 1e-4;
        s.peerDispersion = 1e-6;
        s.rootDelay = s.peerDelay + 0.01;
        s.rootDispersion = 1e-4;
        s.stratum = 2;
        s.leap = LeapIndicator::None;
        stats.accumulate(s);
        stats.regress();
    }
    return stats;
}

std::string replaceLine(std::string text, const std::string &start, const std::string &replacement)
{
    const std::size_t at = text.find(start);
    if (at == std::string::npos)
        return text;
    const std::size_t end = text.find('\n', at);
    return text.replace(at, end - at, replacement);
}

std::filesystem::path temporaryDirectory(QTemporaryDir &dir)
{
    return std::filesystem::path(dir.path().toStdString());
}

void writeText(const std::filesystem::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

} // namespace

class TestSourceDump : public QObject
{
    Q_OBJECT
private slots:
    void fileNames()
    {
        QCOMPARE(ntpIdentity("192.0.2.1").fileName(), std::string("192.0.2.1.dat"));
        QCOMPARE(ntpIdentity("2001:db8::1").fileName(), std::string("2001:db8::1.dat"));
        SourceDumpIdentity refclock;
        refclock.kind = SourceDumpIdentity::Kind::RefClock;
        refclock.referenceId = 0x50505300; // "PPS"
        QCOMPARE(refclock.fileName(), std::string("refid:50505300.dat"));
        QCOMPARE(refclock.text(), std::string("refclock 50505300"));
    }

    void roundTrip()
    {
        const SourceDump dump = sampleDump();
        const std::string text = formatSourceDump(dump);
        QVERIFY(text.starts_with("stratumone-sourcedump 1 ntp 192.0.2.1\n"));
        QVERIFY(text.ends_with("\nend\n"));
        const SourceDumpParse parsed = parseSourceDump(text);
        QVERIFY2(parsed.dump, parsed.error.c_str());
        // Exactly, doubles included: the text is the shortest that reads back to the same value.
        QVERIFY(*parsed.dump == dump);
        QCOMPARE(formatSourceDump(*parsed.dump), text);
    }

    void roundTripRefClock()
    {
        SourceDump dump = sampleDump();
        dump.source.kind = SourceDumpIdentity::Kind::RefClock;
        dump.source.address.clear();
        dump.source.referenceId = 0x50505330;
        const std::string text = formatSourceDump(dump);
        QVERIFY(text.starts_with("stratumone-sourcedump 1 refclock 50505330\n"));
        const SourceDumpParse parsed = parseSourceDump(text);
        QVERIFY2(parsed.dump, parsed.error.c_str());
        QVERIFY(*parsed.dump == dump);
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        const std::string good = formatSourceDump(sampleDump());
        const auto row = [](const char *name, const std::string &text, const char *error) {
            QTest::newRow(name) << QString::fromStdString(text) << QString::fromLatin1(error);
        };
        row("empty", "", "line 1: the file ends before its 'stratumone-sourcedump' line");
        row("chrony's own", "4\n1 0 1\n", "line 1: expected 'stratumone-sourcedump', found '4'");
        row("other version", replaceLine(good, "stratumone-sourcedump", "stratumone-sourcedump 2 ntp 192.0.2.1"),
            "line 1: format version 2, this program reads version 1");
        row("bad kind", replaceLine(good, "stratumone-sourcedump", "stratumone-sourcedump 1 gps x"),
            "line 1: bad source kind 'gps'");
        row("bad refid", replaceLine(good, "stratumone-sourcedump", "stratumone-sourcedump 1 refclock PPS"),
            "line 1: bad reference ID 'PPS'");
        row("bad time", replaceLine(good, "dumped", "dumped yesterday"), "line 2: bad time 'yesterday'");
        row("bad stratum", replaceLine(good, "stratum 2", "stratum 17"), "line 3: bad stratum '17'");
        row("bad leap", replaceLine(good, "leap", "leap 4"), "line 4: bad leap indicator '4'");
        row("short estimate", replaceLine(good, "estimate", "estimate 1 2 3 4"),
            "line 5: 'estimate' takes 5 values, found 4");
        row("nan", replaceLine(good, "estimate", "estimate nan 0 0 0 0"), "line 5: bad estimate");
        row("count too large", replaceLine(good, "samples", "samples 300 2"), "line 6: bad sample count '300'");
        row("regression beyond held", replaceLine(good, "samples", "samples 3 4"),
            "line 6: bad regression sample count '4'");
        row("decimal comma", replaceLine(good, "sample 17", "sample 1700000000000000007 0,0001 0 0 0 0 0"),
            "line 7: bad sample value '0,0001'");
        row("negative delay", replaceLine(good, "sample 17", "sample 1700000000000000007 0 0 -1 0 0 0"),
            "line 7: a negative delay or dispersion");
        row("missing sample", replaceLine(good, "sample 1700000000000000007", "end"),
            "line 7: expected 'sample', found 'end'");
        row("out of order", replaceLine(good, "sample 1700000064000000007", "sample 1 0 0 0 0 0 0"),
            "line 8: samples out of order");
        row("cut short", good.substr(0, good.size() - 1),
            "line 10: the last line has no newline: the file is cut short");
        row("cut in a sample", good.substr(0, good.find("sample 1700000064")),
            "line 8: the file ends before its 'sample' line");
        row("trailing text", good + "sample 1 0 0 0 0 0 0\n", "line 11: text after the end line");
    }
    void malformed()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const SourceDumpParse parsed = parseSourceDump(text.toStdString());
        QVERIFY(!parsed.dump);
        QCOMPARE(QString::fromStdString(parsed.error), error);
    }

    void checks()
    {
        const SourceDump dump = sampleDump();
        const RealTime newest = dump.samples.back().time;
        const RealTime now = dump.dumpedAt + std::chrono::seconds(30);
        QCOMPARE(checkSourceDump(dump, dump.source, now), std::string());
        // Another source's file.
        QCOMPARE(checkSourceDump(dump, ntpIdentity("192.0.2.2"), now),
                 std::string("it holds the history of 192.0.2.1, not of 192.0.2.2"));
        // The clock went back since: the samples lie in the future.
        QCOMPARE(checkSourceDump(dump, dump.source, newest - std::chrono::seconds(10)),
                 std::string("its samples are in the future (the clock went back since it was written)"));
        // Within a second is a clock reading's jitter, not the future.
        SourceDump recent = dump;
        recent.dumpedAt = newest;
        QCOMPARE(checkSourceDump(recent, recent.source, newest - std::chrono::milliseconds(500)), std::string());
        // Too old.
        QCOMPARE(checkSourceDump(dump, dump.source, newest + SourceDump::kMaxAge + std::chrono::seconds(1)),
                 std::string("its newest sample is older than 24 hours"));
    }

    void statisticsRestoreToTheSameRegression()
    {
        const SourceStatistics original = filledStatistics();
        QVERIFY(original.regressionValid());
        const StatisticsState state = original.saveState();
        QCOMPARE(static_cast<int>(state.samples.size()), kSamples);
        QCOMPARE(state.regressionSamples, original.samples());

        SourceStatistics restored;
        QCOMPARE(restored.restoreState(state), kSamples);
        QVERIFY(restored.regressionValid());
        QCOMPARE(restored.samples(), original.samples());
        QCOMPARE(restored.runs(), original.runs());
        QCOMPARE(restored.stratum(), 2);
        QCOMPARE(restored.leap(), LeapIndicator::None);
        QVERIFY(std::abs(restored.frequency() - kFrequency) < 1e-8);
        QVERIFY(std::abs(restored.frequency() - original.frequency()) < 1e-15);
        QVERIFY(std::abs(restored.skew() - original.skew()) < 1e-15);
        const RealTime later = at(kPoll * (kSamples + 1));
        QVERIFY(std::abs(restored.offsetAt(later) - original.offsetAt(later)) < 1e-12);
    }

    void statisticsRefuseDisorder()
    {
        StatisticsState state = filledStatistics().saveState();
        std::swap(state.samples[3], state.samples[4]);
        SourceStatistics restored;
        QCOMPARE(restored.restoreState(state), 0);
        QCOMPARE(restored.samples(), 0);
    }

    void statisticsKeepTheNewestWhenFewerAreHeld()
    {
        const StatisticsState state = filledStatistics().saveState();
        SourceStatisticsConfig config;
        config.maxSamples = 8;
        SourceStatistics restored(config);
        QVERIFY(restored.restoreState(state) > 0);
        QVERIFY(restored.samples() > 0 && restored.samples() <= 8);
        // The newest sample is the one kept last.
        QCOMPARE(restored.lastSampleReport(at(kPoll * (kSamples - 1)))->ago, 0.0);
    }

    void filesInTheDirectory()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = temporaryDirectory(dir) / "state";
        SourceDump refclock = sampleDump();
        refclock.source = SourceDumpIdentity{SourceDumpIdentity::Kind::RefClock, {}, 0x50505300};
        const std::vector<SourceDump> dumps{sampleDump(), refclock};
        QVERIFY(writeSourceDumpFiles(path, dumps).empty());
        QVERIFY(std::filesystem::exists(path / "192.0.2.1.dat"));
        QVERIFY(std::filesystem::exists(path / "refid:50505300.dat"));
        QCOMPARE(std::filesystem::status(path / "192.0.2.1.dat").permissions() & std::filesystem::perms::all,
                 std::filesystem::perms(0644));

        // Another source's file under this one's name, a damaged file, a temporary file of a
        // write in progress and a file that is no dump at all.
        std::filesystem::copy_file(path / "192.0.2.1.dat", path / "192.0.2.9.dat");
        writeText(path / "198.51.100.1.dat", "stratumone-sourcedump 1 ntp 198.51.100.1\ndumped x\n");
        writeText(path / ".192.0.2.1.dat.tmp", "partial");
        writeText(path / "stratumone.history", "not a dump");

        std::vector<std::string> problems;
        const std::vector<SourceDump> read = readSourceDumpFiles(path, problems);
        QCOMPARE(read.size(), std::size_t(2));
        QVERIFY(read[0] == sampleDump());
        QVERIFY(read[1] == refclock);
        QCOMPARE(problems.size(), std::size_t(2));
        QCOMPARE(problems[0], "dump file " + (path / "192.0.2.9.dat").string()
                                  + " not loaded: it holds the history of 192.0.2.1, whose file is 192.0.2.1.dat");
        QCOMPARE(problems[1],
                 "dump file " + (path / "198.51.100.1.dat").string() + " not loaded: line 2: bad time 'x'");

        // A directory that does not exist is nothing to load, not an error.
        problems.clear();
        QVERIFY(readSourceDumpFiles(path / "missing", problems).empty());
        QVERIFY(problems.empty());
    }
};

QTEST_GUILESS_MAIN(TestSourceDump)
#include "tst_sourcedump.moc"
