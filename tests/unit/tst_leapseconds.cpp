// The leap second table (leap-seconds.list and TZif readers) and the handler that decides when
// the engine's clock takes a leap second (chrony's rules).
#include "clock/LeapSecondFiles.h"
#include "leap/LeapSecondHandler.h"
#include "leap/LeapSecondTable.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>

#include <fstream>
#include <iterator>

using namespace s1;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kNtpToUnix = LeapSecondTable::kNtpToUnixSeconds;
// 2016-12-31T00:00:00Z and 2017-01-01T00:00:00Z: the day of the last leap second and the next.
constexpr std::int64_t kLeapDay2016 = 1'483'142'400;
constexpr std::int64_t kMidnight2017 = 1'483'228'800;

RealTime at(std::int64_t unixSeconds, Nanoseconds extra = 0ns)
{
    return RealTime(std::chrono::seconds(unixSeconds)) + extra;
}

// The last entries of the IERS list (the format of /usr/share/zoneinfo/leap-seconds.list).
std::string sampleList()
{
    return "# comment\n"
           "#$\t 3960835200\n"
           "#@\t 3991593600\n"
           "\n"
           "3439756800\t34\t# 1 Jan 2009\n"
           "3550089600\t35\t# 1 Jul 2012\n"
           "3644697600\t36\t# 1 Jul 2015\n"
           "3692217600\t37\t# 1 Jan 2017\n";
}

void appendBigEndian(std::vector<std::uint8_t> &out, std::int64_t value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out.push_back(static_cast<std::uint8_t>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff));
}

// A TZif v2 file with only leap second records (occurrence, correction), both blocks.
std::vector<std::uint8_t> tzif(const std::vector<std::pair<std::int64_t, int>> &leaps)
{
    std::vector<std::uint8_t> out;
    for (const int timeSize : {4, 8}) {
        const std::string magic = "TZif2";
        out.insert(out.end(), magic.begin(), magic.end());
        out.insert(out.end(), 15, 0);
        for (const std::int64_t count : {0LL, 0LL, static_cast<long long>(leaps.size()), 0LL, 1LL, 4LL})
            appendBigEndian(out, count, 4);
        out.insert(out.end(), 6, 0); // one ttinfo: UTC
        for (const char c : std::string("UTC"))
            out.push_back(static_cast<std::uint8_t>(c));
        out.push_back(0);
        for (const auto &[occurrence, correction] : leaps) {
            appendBigEndian(out, occurrence, timeSize);
            appendBigEndian(out, correction, 4);
        }
    }
    out.push_back('\n');
    out.push_back('\n');
    return out;
}

std::optional<std::string> readFile(const char *path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
}

LeapSecondTable table2016()
{
    std::string error;
    return *LeapSecondTable::fromLeapSecondsList(sampleList(), error);
}

} // namespace

class TestLeapSeconds : public QObject
{
    Q_OBJECT
private slots:
    void listIsRead();
    void badListLinesSayWhere_data();
    void badListLinesSayWhere();
    void tzifLeapRecordsAreRead();
    void badTzifIsRefused();
    void systemFilesAgree();
    void handlerFollowsTheTableOnTheLeapDay();
    void handlerAcceptsLeapsOnlyAtTheEndOfJuneOrDecember();
    void handlerSchedulesPerMode_data();
    void handlerSchedulesPerMode();
    void handlerRunsTheLeapAndEndsIt();
    void samplesNearTheLeapAreFlagged();
    void hostReadsTheConfiguredFile();
};

void TestLeapSeconds::listIsRead()
{
    std::string error;
    const auto table = LeapSecondTable::fromLeapSecondsList(sampleList(), error);
    QVERIFY2(table, error.c_str());
    QCOMPARE(table->entries().size(), std::size_t(4));
    QCOMPARE(table->entries().back().utcSeconds, kMidnight2017);
    QCOMPARE(table->entries().back().taiOffset, 37);
    QCOMPARE(*table->expiryUtcSeconds(), std::int64_t(3991593600) - kNtpToUnix);
    QVERIFY(table->knowsRecentHistory());

    const LeapSecondTable::Day leapDay = table->day(at(kLeapDay2016, 12h));
    QCOMPARE(leapDay.leap, LeapIndicator::InsertSecond);
    QCOMPARE(leapDay.taiOffset, 36);
    const LeapSecondTable::Day after = table->day(at(kMidnight2017, 1s));
    QCOMPARE(after.leap, LeapIndicator::None);
    QCOMPARE(after.taiOffset, 37);
    // The day before the leap day knows nothing yet.
    QCOMPARE(table->day(at(kLeapDay2016 - 1)).leap, LeapIndicator::None);
    // Before the table starts there is no offset.
    QCOMPARE(table->day(at(0)).taiOffset, 0);
}

void TestLeapSeconds::badListLinesSayWhere_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    const QString head = "#$ 3960835200\n#@ 3991593600\n";
    QTest::newRow("words") << head + "2272060800 ten\n"
                           << "line 3: expected 'NTP-SECONDS TAI-OFFSET'";
    QTest::newRow("trailing") << head + "2272060800 10 x\n"
                              << "line 3: unexpected text after the offset";
    QTest::newRow("not midnight") << head + "2272060801 10\n"
                                  << "line 3: the time is not a UTC midnight";
    QTest::newRow("backwards") << head + "3550089600 34\n2272060800 35\n"
                               << "line 4: times must grow";
    QTest::newRow("jump") << head + "2272060800 10\n3550089600 34\n"
                          << "line 4: the offset must change by one second";
    QTest::newRow("bad expiry") << "#@ soon\n"
                                << "line 1: '#@' needs a time in NTP seconds";
    QTest::newRow("no expiry") << "#$ 3960835200\n2272060800 10\n"
                               << "no '#@' (expiry) line";
    QTest::newRow("empty") << head << "no leap second entries";
}

void TestLeapSeconds::badListLinesSayWhere()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    std::string message;
    QVERIFY(!LeapSecondTable::fromLeapSecondsList(text.toStdString(), message));
    QCOMPARE(QString::fromStdString(message), error);
}

void TestLeapSeconds::tzifLeapRecordsAreRead()
{
    // As right/UTC has the last three (a version 4 file may start there): 2012-07-01 (25),
    // 2015-07-01 (26) and 2017-01-01 (27), each at the UTC midnight plus the corrections
    // before it.
    const auto bytes = tzif({{1'341'100'800 + 24, 25}, {1'435'708'800 + 25, 26}, {kMidnight2017 + 26, 27}});
    std::string error;
    const auto table = LeapSecondTable::fromTzif(bytes, error);
    QVERIFY2(table, error.c_str());
    QCOMPARE(table->entries().size(), std::size_t(4));
    QCOMPARE(table->entries()[1].utcSeconds, std::int64_t(1'341'100'800));
    QCOMPARE(table->entries()[1].taiOffset, 35);
    QVERIFY(table->knowsRecentHistory());
    // From the start of 1972, a complete table.
    const auto complete = LeapSecondTable::fromTzif(tzif({{78'796'800, 1}, {94'694'401, 2}}), error);
    QVERIFY2(complete, error.c_str());
    QCOMPARE(complete->entries().front().taiOffset, 10);
    QCOMPARE(complete->entries().back().utcSeconds, std::int64_t(94'694'400));
    QCOMPARE(complete->entries().back().taiOffset, 12);
    QCOMPARE(table->entries().back().utcSeconds, kMidnight2017);
    QCOMPARE(table->entries().back().taiOffset, 37);
    QCOMPARE(table->day(at(kLeapDay2016, 23h)).leap, LeapIndicator::InsertSecond);
    QCOMPARE(table->day(at(kMidnight2017)).taiOffset, 37);
}

void TestLeapSeconds::badTzifIsRefused()
{
    std::string error;
    const std::vector<std::uint8_t> notTzif{'n', 'o', 'p', 'e'};
    QVERIFY(!LeapSecondTable::fromTzif(notTzif, error));
    QCOMPARE(QString::fromStdString(error), QStringLiteral("not a TZif time zone file"));

    auto truncated = tzif({{78'796'800, 1}});
    truncated.resize(truncated.size() / 2 + 10);
    QVERIFY(!LeapSecondTable::fromTzif(truncated, error));
    QCOMPARE(QString::fromStdString(error), QStringLiteral("truncated TZif file"));

    QVERIFY(!LeapSecondTable::fromTzif(tzif({}), error));
    QVERIFY(QString::fromStdString(error).contains("no leap seconds"));

    QVERIFY(!LeapSecondTable::fromTzif(tzif({{78'796'800, 1}, {94'694'401, 3}}), error));
    QVERIFY(QString::fromStdString(error).contains("record 2"));
}

void TestLeapSeconds::systemFilesAgree()
{
    const auto list = readFile("/usr/share/zoneinfo/leap-seconds.list");
    const auto zone = readFile("/usr/share/zoneinfo/right/UTC");
    if (!list || !zone)
        QSKIP("tzdata is not installed");
    std::string error;
    const auto fromList = LeapSecondTable::fromLeapSecondsList(*list, error);
    QVERIFY2(fromList, error.c_str());
    const auto fromZone =
        LeapSecondTable::fromTzif(std::span(reinterpret_cast<const std::uint8_t *>(zone->data()), zone->size()), error);
    QVERIFY2(fromZone, error.c_str());
    QVERIFY(fromList->knowsRecentHistory());
    QVERIFY(fromZone->knowsRecentHistory());
    // Both name the same 28 offsets since 1972 at the same midnights.
    QCOMPARE(fromZone->entries(), fromList->entries());
}

void TestLeapSeconds::handlerFollowsTheTableOnTheLeapDay()
{
    LeapSecondHandler handler(LeapSecondMode::Step, table2016());
    QCOMPARE(handler.update(LeapIndicator::None, at(kLeapDay2016 - 3600)), LeapIndicator::None);
    QVERIFY(!handler.nextEvent());
    QCOMPARE(handler.taiOffset(), 36);
    QCOMPARE(handler.update(LeapIndicator::None, at(kLeapDay2016, 1h)), LeapIndicator::InsertSecond);
    QCOMPARE(handler.served(), LeapIndicator::InsertSecond);
    QCOMPARE(*handler.nextEvent(), at(kMidnight2017));
    // Not in system mode: the kernel is told nothing.
    QCOMPARE(handler.systemLeap(), 0);

    // Without a table the sources' vote is what counts.
    LeapSecondHandler voted(LeapSecondMode::System, std::nullopt);
    QCOMPARE(voted.update(LeapIndicator::DeleteSecond, at(kLeapDay2016, 2h)), LeapIndicator::DeleteSecond);
    QCOMPARE(voted.systemLeap(), -1);
    QCOMPARE(voted.taiOffset(), 0);
    QCOMPARE(voted.update(LeapIndicator::None, at(kLeapDay2016, 3h)), LeapIndicator::None);
    QCOMPARE(voted.systemLeap(), 0);
    QVERIFY(!voted.nextEvent());
}

void TestLeapSeconds::handlerAcceptsLeapsOnlyAtTheEndOfJuneOrDecember()
{
    LeapSecondHandler handler(LeapSecondMode::Step, std::nullopt);
    // 2016-12-30 and 2017-03-31: a server announcing a leap there is not believed.
    QCOMPARE(handler.update(LeapIndicator::InsertSecond, at(kLeapDay2016 - 86'400)), LeapIndicator::None);
    QCOMPARE(handler.update(LeapIndicator::InsertSecond, at(1'490'918'400)), LeapIndicator::None);
    QVERIFY(!handler.nextEvent());
    // 2017-06-30.
    QCOMPARE(handler.update(LeapIndicator::InsertSecond, at(1'498'780'800)), LeapIndicator::InsertSecond);
    QVERIFY(handler.nextEvent());
    QVERIFY(LeapSecondHandler::isLeapSecondDay(at(1'498'780'800, 23h)));
    QVERIFY(!LeapSecondHandler::isLeapSecondDay(at(1'498'780'800, 24h)));
}

void TestLeapSeconds::handlerSchedulesPerMode_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("leap");
    QTest::addColumn<qint64>("startBeforeMidnightMs");
    QTest::newRow("step insert") << int(LeapSecondMode::Step) << int(LeapIndicator::InsertSecond) << qint64(0);
    QTest::newRow("slew insert") << int(LeapSecondMode::Slew) << int(LeapIndicator::InsertSecond) << qint64(0);
    QTest::newRow("ignore insert") << int(LeapSecondMode::Ignore) << int(LeapIndicator::InsertSecond) << qint64(0);
    QTest::newRow("system insert") << int(LeapSecondMode::System) << int(LeapIndicator::InsertSecond) << qint64(500);
    QTest::newRow("step delete") << int(LeapSecondMode::Step) << int(LeapIndicator::DeleteSecond) << qint64(1000);
    QTest::newRow("system delete") << int(LeapSecondMode::System) << int(LeapIndicator::DeleteSecond) << qint64(1500);
}

void TestLeapSeconds::handlerSchedulesPerMode()
{
    QFETCH(int, mode);
    QFETCH(int, leap);
    QFETCH(qint64, startBeforeMidnightMs);
    LeapSecondHandler handler(static_cast<LeapSecondMode>(mode), std::nullopt);
    handler.update(static_cast<LeapIndicator>(leap), at(kLeapDay2016, 20h));
    QCOMPARE(*handler.nextEvent(), at(kMidnight2017) - std::chrono::milliseconds(startBeforeMidnightMs));
}

void TestLeapSeconds::handlerRunsTheLeapAndEndsIt()
{
    LeapSecondHandler handler(LeapSecondMode::Step, table2016());
    handler.update(LeapIndicator::None, at(kLeapDay2016, 23h));
    // Too early: nothing happens.
    QCOMPARE(handler.handleTimeout(at(kMidnight2017) - 1ms).phase, LeapSecondHandler::Phase::None);
    const auto start = handler.handleTimeout(at(kMidnight2017));
    QCOMPARE(start.phase, LeapSecondHandler::Phase::Start);
    QCOMPARE(start.seconds, 1);
    QVERIFY(handler.inProgress());
    // While it is in progress the server says it cannot be trusted.
    QCOMPARE(handler.served(), LeapIndicator::Unsynchronised);
    // Updates during the leap change nothing (their samples straddle it).
    handler.update(LeapIndicator::None, at(kMidnight2017, 1s));
    QVERIFY(handler.inProgress());
    QCOMPARE(*handler.nextEvent(), at(kMidnight2017) + LeapSecondHandler::kInProgress);
    const auto end = handler.handleTimeout(at(kMidnight2017) + LeapSecondHandler::kInProgress);
    QCOMPARE(end.phase, LeapSecondHandler::Phase::End);
    QVERIFY(!handler.inProgress());
    QVERIFY(!handler.nextEvent());
    QCOMPARE(handler.served(), LeapIndicator::None);
    QCOMPARE(handler.taiOffset(), 37);
    // The next update (the new day) keeps it that way.
    QCOMPARE(handler.update(LeapIndicator::InsertSecond, at(kMidnight2017, 60s)), LeapIndicator::None);
    QCOMPARE(handler.taiOffset(), 37);
}

void TestLeapSeconds::samplesNearTheLeapAreFlagged()
{
    LeapSecondHandler handler(LeapSecondMode::Slew, table2016());
    QVERIFY(!handler.isClose(at(kMidnight2017)));
    handler.update(LeapIndicator::None, at(kLeapDay2016, 22h));
    QVERIFY(!handler.isClose(at(kMidnight2017) - 5001ms));
    QVERIFY(handler.isClose(at(kMidnight2017) - 5s));
    QVERIFY(handler.isClose(at(kMidnight2017) + 4999ms));
    QVERIFY(!handler.isClose(at(kMidnight2017) + 5s));
}

void TestLeapSeconds::hostReadsTheConfiguredFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string root = dir.path().toStdString();
    const auto write = [&](const std::string &name, const std::string &bytes) {
        std::ofstream(root + "/" + name, std::ios::binary) << bytes;
        return root + "/" + name;
    };
    const std::vector<std::uint8_t> zone =
        tzif({{1'341'100'800 + 24, 25}, {1'435'708'800 + 25, 26}, {kMidnight2017 + 26, 27}});
    QDir(dir.path()).mkpath("right");
    write("right/UTC", std::string(zone.begin(), zone.end()));
    const std::string list = write("leap-seconds.list", sampleList());
    const RealTime beforeExpiry = at(kMidnight2017);

    // leapsectz is looked for under TZDIR.
    qputenv("TZDIR", dir.path().toUtf8());
    ClockControlConfig config;
    config.leapSecTimezone = "right/UTC";
    std::vector<std::string> warnings;
    auto table = loadLeapSecondTable(config, beforeExpiry, warnings);
    QVERIFY(table);
    QCOMPARE(table->entries().back().taiOffset, 37);
    QCOMPARE(warnings, std::vector<std::string>());

    // The list wins when both are given; an expired one is used and said to need an update.
    config.leapSecList = list;
    const RealTime afterExpiry = at(3'991'593'600 - kNtpToUnix + 1);
    table = loadLeapSecondTable(config, afterExpiry, warnings);
    QVERIFY(table);
    QVERIFY(table->expiryUtcSeconds());
    QCOMPARE(warnings.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(warnings[0]).contains("has expired and needs an update"));

    // A list that cannot be read falls back to the zone, saying why.
    warnings.clear();
    config.leapSecList = root + "/missing.list";
    table = loadLeapSecondTable(config, beforeExpiry, warnings);
    QVERIFY(table);
    QCOMPARE(warnings.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(warnings[0])
                .startsWith(QString::fromStdString("leap second list " + root + "/missing.list: ")));
    // ... and says nothing of "the sources only": the zone gave the table.
    QVERIFY(!QString::fromStdString(warnings[0]).contains("sources only"));

    // A zone without leap seconds is no table at all, and says so.
    warnings.clear();
    config.leapSecList.clear();
    const std::vector<std::uint8_t> plain = tzif({});
    write("UTC", std::string(plain.begin(), plain.end()));
    config.leapSecTimezone = "UTC";
    QVERIFY(!loadLeapSecondTable(config, beforeExpiry, warnings));
    QCOMPARE(warnings.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(warnings[0]).contains("has no leap seconds"));
    QVERIFY(QString::fromStdString(warnings[0]).endsWith("; leap seconds come from the sources only"));

    // A table that does not know 2012 is not trusted.
    warnings.clear();
    write("right/Short", [] {
        const auto bytes = tzif({{kMidnight2017 + 26, 27}});
        return std::string(bytes.begin(), bytes.end());
    }());
    config.leapSecTimezone = "right/Short";
    QVERIFY(!loadLeapSecondTable(config, beforeExpiry, warnings));
    QCOMPARE(warnings.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(warnings[0]).contains("does not know the leap seconds of 2012"));
    qunsetenv("TZDIR");
}

QTEST_GUILESS_MAIN(TestLeapSeconds)
#include "tst_leapseconds.moc"
