// chronyd's statistics log layouts: every data line is checked against the same values printed
// with chronyd's own printf format (spelled out here, independently of the formatter) through the
// C library, plus lines quoted from real chronyd logs and chrony's documentation; the banners are
// checked against chronyd's header strings.
#include "logging/ChronyLogFormat.h"
#include "ntp/ReferenceId.h"

#include "CommaLocale.h"

#include <QtTest>

#include <cinttypes>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <limits>
#include <string>

using namespace s1;
using namespace std::chrono_literals;

#define COMPARE_TEXT(actual, expected) QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))

namespace {

// chronyd's formats, copied from its sources (reference.c, ntp_core.c, sourcestats.c,
// refclock.c), so that a mistake in the formatter cannot be mirrored here.
constexpr const char *kTrackingFormat = "%s %-15s %2d %10.3f %10.3f %10.3e %1c %2d %10.3e %10.3e %10.3e %10.3e %10.3e";
constexpr const char *kMeasurementFormat =
    "%s %-15s %1c %2d %1d%1d%1d %1d%1d%1d %1d%1d%1d%d  %2d %2d %4.2f %10.3e %10.3e %10.3e "
    "%10.3e %10.3e %08" PRIX32 " %1d%1c %1c %1c";
constexpr const char *kStatisticsFormat = "%s %-15s %10.3e %10.3e %10.3e %10.3e %10.3e %7.1e %3d %3d %3d %5.2f";
constexpr const char *kRefclockRawFormat = "%s.%06d %-5s %3d %1c %1d %13.6e %13.6e %10.3e";
constexpr const char *kRefclockFilteredFormat = "%s.%06d %-5s   - %1c -       -       %13.6e %10.3e";

// chronyd's header strings, as its LOG_FileOpen calls spell them.
const std::string kTrackingHeader =
    "   Date (UTC) Time     IP Address   St   Freq ppm   Skew ppm     Offset L Co  Offset sd "
    "Rem. corr. Root delay Root disp. Max. error";
const std::string kMeasurementsHeader =
    "   Date (UTC) Time     IP Address   L St 123 567 ABCD  LP RP Score    Offset  Peer del. "
    "Peer disp.  Root del. Root disp. Refid     MTxRx";
const std::string kStatisticsHeader =
    "   Date (UTC) Time     IP Address    Std dev'n Est offset  Offset sd  Diff freq   Est skew  "
    "Stress  Ns  Bs  Nr  Asym";
const std::string kRefclocksHeader = "   Date (UTC) Time         Refid  DP L P  Raw offset   Cooked offset      Disp.";

constexpr std::uint32_t kRefIdPps = 0x50505300;   // "PPS"
constexpr std::uint32_t kRefIdGps = 0x47505300;   // "GPS"
constexpr std::uint32_t kRefIdPhck = 0x5048434b;  // "PHCK"
constexpr std::uint32_t kRefIdPps1 = 0x50505331;  // "PPS1"
constexpr std::uint32_t kRefIdLocal = 0x7f7f0101; // 127.127.1.1: no printable byte

[[gnu::format(printf, 1, 2)]] std::string cFormat(const char *format, ...)
{
    char buffer[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    return buffer;
}

RealTime utc(int year, unsigned month, unsigned day, int hour, int minute, int second)
{
    using namespace std::chrono;
    const sys_days date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
    return RealTime(date) + hours{hour} + minutes{minute} + seconds{second};
}

// chronyd's UTI_TimeToLogForm: gmtime() and strftime() of the whole seconds.
std::string cLogTime(RealTime time)
{
    const auto ns = nanosSinceEpoch(time);
    const std::int64_t wholeSeconds = ns >= 0 ? ns / kNanosPerSecond : -((-ns + kNanosPerSecond - 1) / kNanosPerSecond);
    const auto t = static_cast<std::time_t>(wholeSeconds);
    std::tm parts{};
    gmtime_r(&t, &parts);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &parts);
    return buffer;
}

int cMicros(RealTime time)
{
    const auto ns = nanosSinceEpoch(time);
    const auto fraction = ((ns % kNanosPerSecond) + kNanosPerSecond) % kNanosPerSecond;
    return static_cast<int>(fraction / 1000);
}

char cLeap(LeapIndicator leap)
{
    return "N+-?"[static_cast<int>(leap)];
}

IpAddress ip(const char *text)
{
    const auto parsed = IpAddress::parse(text);
    if (!parsed)
        qFatal("bad address in test: %s", text);
    return *parsed;
}

std::string expectedLine(const TrackingLogRecord &r, const char *source)
{
    return cFormat(kTrackingFormat, cLogTime(r.time).c_str(), source, r.stratum, r.frequencyPpm, r.skewPpm, r.offset,
                   cLeap(r.leap), r.combinedSources, r.offsetSd, r.remainingCorrection, r.rootDelay, r.rootDispersion,
                   r.maxError);
}

std::string expectedLine(const MeasurementLogRecord &r, const char *address)
{
    const char sources[] = "DKH";
    return cFormat(kMeasurementFormat, cLogTime(r.time).c_str(), address, cLeap(r.leap), r.stratum, r.test1, r.test2,
                   r.test3, r.test5, r.test6, r.test7, r.testA, r.testB, r.testC, r.testD, r.localPoll, r.remotePoll,
                   r.pollScore, r.offset, r.peerDelay, r.peerDispersion, r.rootDelay, r.rootDispersion, r.referenceId,
                   r.ntpMode, r.interleaved ? 'I' : 'B', sources[static_cast<int>(r.transmitSource)],
                   sources[static_cast<int>(r.receiveSource)]);
}

std::string expectedLine(const StatisticsLogRecord &r, const char *source)
{
    return cFormat(kStatisticsFormat, cLogTime(r.time).c_str(), source, r.stdDev, r.estimatedOffset, r.offsetSd,
                   r.residualFrequency, r.skew, r.stress, r.samples, r.bestStart, r.runs, r.asymmetry);
}

std::string expectedLine(const RefclockLogRecord &r, const char *refId)
{
    if (r.filtered)
        return cFormat(kRefclockFilteredFormat, cLogTime(r.time).c_str(), cMicros(r.time), refId, cLeap(r.leap),
                       r.cookedOffset, r.dispersion);
    return cFormat(kRefclockRawFormat, cLogTime(r.time).c_str(), cMicros(r.time), refId, r.driverPoll, cLeap(r.leap),
                   r.pulse ? 1 : 0, r.rawOffset, r.cookedOffset, r.dispersion);
}

TrackingLogRecord docTracking()
{
    // chrony.conf(5), `log tracking`.
    TrackingLogRecord r;
    r.time = utc(2017, 8, 22, 13, 22, 36);
    r.referenceAddress = ip("203.0.113.15");
    r.referenceId = 0xcb00710f;
    r.stratum = 2;
    r.frequencyPpm = -3.541;
    r.skewPpm = 0.075;
    r.offset = -8.621e-06;
    r.leap = LeapIndicator::None;
    r.combinedSources = 2;
    r.offsetSd = 2.940e-06;
    r.remainingCorrection = -2.084e-07;
    r.rootDelay = 1.534e-02;
    r.rootDispersion = 3.472e-04;
    r.maxError = 8.304e-03;
    return r;
}

MeasurementLogRecord sampleMeasurement()
{
    MeasurementLogRecord r;
    r.time = utc(2016, 11, 9, 5, 40, 50) + 750ms;
    r.address = ip("203.0.113.15");
    r.leap = LeapIndicator::None;
    r.stratum = 2;
    r.localPoll = 10;
    r.remotePoll = 10;
    r.pollScore = 1.0;
    r.offset = -4.966e-03;
    r.peerDelay = 2.296e-01;
    r.peerDispersion = 1.577e-05;
    r.rootDelay = 1.615e-01;
    r.rootDispersion = 7.446e-03;
    r.referenceId = 0xcb00717b;
    r.ntpMode = 4;
    r.interleaved = false;
    r.transmitSource = TimestampSource::Daemon;
    r.receiveSource = TimestampSource::Kernel;
    return r;
}

StatisticsLogRecord sampleStatistics()
{
    StatisticsLogRecord r;
    r.time = utc(2016, 8, 10, 5, 40, 50);
    r.address = ip("203.0.113.15");
    r.stdDev = 6.261e-03;
    r.estimatedOffset = -3.247e-03;
    r.offsetSd = 2.220e-03;
    r.residualFrequency = 1.874e-06;
    r.skew = 1.080e-06;
    r.stress = 7.8e-02;
    r.samples = 16;
    r.bestStart = 0;
    r.runs = 8;
    r.asymmetry = 0.0;
    return r;
}

RefclockLogRecord phcSample(bool filtered)
{
    // A refclocks.log excerpt posted to chrony-dev (ptp_kvm "PHCK", 2023).
    RefclockLogRecord r;
    r.time = utc(2023, 6, 29, 18, 49, 55) + 595742999ns; // the nanoseconds are truncated
    r.referenceId = kRefIdPhck;
    r.filtered = filtered;
    r.driverPoll = 0;
    r.leap = LeapIndicator::None;
    r.pulse = false;
    r.rawOffset = 1.0e-09;
    r.cookedOffset = 8.717931e-10;
    r.dispersion = 5.5e-08;
    return r;
}

} // namespace

class TestChronyLogFormat : public QObject
{
    Q_OBJECT

private slots:
    void logNames();
    void headers();
    void bannerIsRuleHeaderRule();
    void bannerRuleIsCappedLikeChronyd();
    void logTimeIsUtcToTheSecond();
    void logTimeMicrosTruncates();
    void refIdTextKeepsPrintableBytes();
    void leapAndTimestampSourceCharacters();

    void trackingDocumentationLine();
    void trackingRealRefclockLine();
    void trackingMatchesPrintf_data();
    void trackingMatchesPrintf();
    void trackingLeapColumn();
    void trackingUnsynchronisedAndLocal();

    void measurementMatchesPrintf_data();
    void measurementMatchesPrintf();
    void measurementTestColumns();
    void measurementModeAndTimestampColumns();
    void measurementIpv6();

    void statisticsMatchesPrintf_data();
    void statisticsMatchesPrintf();
    void statisticsRefclockRefId();

    void refclockRealLines();
    void refclockMatchesPrintf_data();
    void refclockMatchesPrintf();

    void extremeNumbersMatchPrintf();
    void numbersIgnoreTheLocale();
};

void TestChronyLogFormat::logNames()
{
    QCOMPARE(chronyLogName(ChronyLog::Tracking), std::string_view("tracking"));
    QCOMPARE(chronyLogName(ChronyLog::Measurements), std::string_view("measurements"));
    QCOMPARE(chronyLogName(ChronyLog::Statistics), std::string_view("statistics"));
    QCOMPARE(chronyLogName(ChronyLog::Refclocks), std::string_view("refclocks"));
}

void TestChronyLogFormat::headers()
{
    COMPARE_TEXT(std::string(chronyLogHeader(ChronyLog::Tracking)), kTrackingHeader);
    COMPARE_TEXT(std::string(chronyLogHeader(ChronyLog::Measurements)), kMeasurementsHeader);
    COMPARE_TEXT(std::string(chronyLogHeader(ChronyLog::Statistics)), kStatisticsHeader);
    COMPARE_TEXT(std::string(chronyLogHeader(ChronyLog::Refclocks)), kRefclocksHeader);
}

void TestChronyLogFormat::bannerIsRuleHeaderRule()
{
    // The rules are as long as the headers: 131 and 79 characters in real chronyd logs.
    const std::string trackingRule(131, '=');
    COMPARE_TEXT(formatChronyLogBanner(ChronyLog::Tracking),
                 trackingRule + "\n" + kTrackingHeader + "\n" + trackingRule + "\n");
    const std::string measurementsRule(136, '=');
    COMPARE_TEXT(formatChronyLogBanner(ChronyLog::Measurements),
                 measurementsRule + "\n" + kMeasurementsHeader + "\n" + measurementsRule + "\n");
    const std::string statisticsRule(kStatisticsHeader.size(), '=');
    COMPARE_TEXT(formatChronyLogBanner(ChronyLog::Statistics),
                 statisticsRule + "\n" + kStatisticsHeader + "\n" + statisticsRule + "\n");
    const std::string refclocksRule(79, '=');
    COMPARE_TEXT(formatChronyLogBanner(ChronyLog::Refclocks),
                 refclocksRule + "\n" + kRefclocksHeader + "\n" + refclocksRule + "\n");
    COMPARE_TEXT(formatChronyLogBanner(std::string_view("ab c")), "====\nab c\n====\n");
}

void TestChronyLogFormat::bannerRuleIsCappedLikeChronyd()
{
    const std::string header(300, 'x');
    const std::string rule(255, '=');
    COMPARE_TEXT(formatChronyLogBanner(header), rule + "\n" + header + "\n" + rule + "\n");
}

void TestChronyLogFormat::logTimeIsUtcToTheSecond()
{
    COMPARE_TEXT(chronylog::logTime(RealTime{}), "1970-01-01 00:00:00");
    COMPARE_TEXT(chronylog::logTime(utc(2024, 2, 29, 23, 59, 59) + 999999999ns), "2024-02-29 23:59:59");
    // time_t is rounded down, also before the epoch.
    COMPARE_TEXT(chronylog::logTime(RealTime{} - 1ns), "1969-12-31 23:59:59");
    for (const RealTime t : {utc(2000, 1, 1, 0, 0, 0), utc(2038, 1, 19, 3, 14, 8) + 1ns, utc(2262, 4, 11, 0, 0, 0),
                             utc(1677, 9, 22, 0, 0, 1)})
        COMPARE_TEXT(chronylog::logTime(t), cLogTime(t));
}

void TestChronyLogFormat::logTimeMicrosTruncates()
{
    COMPARE_TEXT(chronylog::logTimeMicros(utc(2009, 11, 30, 14, 33, 27)), "2009-11-30 14:33:27.000000");
    COMPARE_TEXT(chronylog::logTimeMicros(utc(2009, 11, 30, 14, 33, 27) + 999999999ns), "2009-11-30 14:33:27.999999");
    COMPARE_TEXT(chronylog::logTimeMicros(utc(2009, 11, 30, 14, 33, 27) + 1999ns), "2009-11-30 14:33:27.000001");
    COMPARE_TEXT(chronylog::logTimeMicros(RealTime{} - 1ns), "1969-12-31 23:59:59.999999");
}

void TestChronyLogFormat::refIdTextKeepsPrintableBytes()
{
    COMPARE_TEXT(printableReferenceId(kRefIdPps), "PPS");
    COMPARE_TEXT(printableReferenceId(kRefIdPhck), "PHCK");
    COMPARE_TEXT(printableReferenceId(0), "");
    COMPARE_TEXT(printableReferenceId(kRefIdLocal), "");
    // Non-printable bytes are dropped wherever they are, the rest closes up; space is printable.
    COMPARE_TEXT(printableReferenceId(0x0147ff53), "GS");
    COMPARE_TEXT(printableReferenceId(0x41204220), "A B ");
    COMPARE_TEXT(printableReferenceId(0x7e1f7f20), "~ ");
}

void TestChronyLogFormat::leapAndTimestampSourceCharacters()
{
    QCOMPARE(chronylog::leapChar(LeapIndicator::None), 'N');
    QCOMPARE(chronylog::leapChar(LeapIndicator::InsertSecond), '+');
    QCOMPARE(chronylog::leapChar(LeapIndicator::DeleteSecond), '-');
    QCOMPARE(chronylog::leapChar(LeapIndicator::Unsynchronised), '?');
    QCOMPARE(chronylog::leapChar(static_cast<LeapIndicator>(7)), '?');
    QCOMPARE(chronylog::timestampSourceChar(TimestampSource::Daemon), 'D');
    QCOMPARE(chronylog::timestampSourceChar(TimestampSource::Kernel), 'K');
    QCOMPARE(chronylog::timestampSourceChar(TimestampSource::Hardware), 'H');
    QCOMPARE(chronylog::timestampSourceChar(static_cast<TimestampSource>(9)), '?');
}

void TestChronyLogFormat::trackingDocumentationLine()
{
    COMPARE_TEXT(formatChronyLogLine(docTracking()),
                 "2017-08-22 13:22:36 203.0.113.15     2     -3.541      0.075 -8.621e-06 N  2 "
                 " 2.940e-06 -2.084e-07  1.534e-02  3.472e-04  8.304e-03");
}

void TestChronyLogFormat::trackingRealRefclockLine()
{
    // A PPS-disciplined chronyd's tracking.log: a reference clock has no address, so its refid
    // text fills the IP address column.
    TrackingLogRecord r;
    r.time = utc(2026, 3, 2, 15, 59, 44) + 412ms;
    r.referenceId = kRefIdPps;
    r.stratum = 1;
    r.frequencyPpm = 58.491;
    r.skewPpm = 0.0001;
    r.offset = 2.234e-11;
    r.leap = LeapIndicator::None;
    r.combinedSources = 1;
    r.offsetSd = 1.931e-11;
    r.remainingCorrection = 4.910e-11;
    r.rootDelay = 1.000e-09;
    r.rootDispersion = 2.153e-06;
    r.maxError = 4.728e-06;
    COMPARE_TEXT(formatChronyLogLine(r), "2026-03-02 15:59:44 PPS              1     58.491      0.000  2.234e-11 N  1 "
                                         " 1.931e-11  4.910e-11  1.000e-09  2.153e-06  4.728e-06");
}

void TestChronyLogFormat::trackingMatchesPrintf_data()
{
    QTest::addColumn<double>("frequencyPpm");
    QTest::addColumn<double>("skewPpm");
    QTest::addColumn<double>("offset");
    QTest::addColumn<int>("stratum");
    QTest::addColumn<int>("sources");

    QTest::newRow("typical") << -3.5405 << 0.0745 << 1.23456e-6 << 2 << 3;
    QTest::newRow("rounding up") << 12.99951 << 0.99999 << -9.9995e-5 << 1 << 1;
    QTest::newRow("wide frequency") << -123456.789 << 1234567.0 << 0.5 << 15 << 0;
    QTest::newRow("negative zero") << -0.0 << -0.0001 << -0.0 << 0 << 0;
    QTest::newRow("three-digit stratum") << 0.0 << 0.0 << 1e-300 << 123 << 100;
    QTest::newRow("negative count") << 1.0 << 2.0 << 3.0 << -1 << -12;
}

void TestChronyLogFormat::trackingMatchesPrintf()
{
    QFETCH(double, frequencyPpm);
    QFETCH(double, skewPpm);
    QFETCH(double, offset);
    QFETCH(int, stratum);
    QFETCH(int, sources);
    TrackingLogRecord r = docTracking();
    r.time = utc(2025, 12, 31, 23, 59, 59) + 500ms;
    r.frequencyPpm = frequencyPpm;
    r.skewPpm = skewPpm;
    r.offset = offset;
    r.stratum = stratum;
    r.combinedSources = sources;
    r.offsetSd = offset * 0.5;
    r.remainingCorrection = -offset;
    r.rootDelay = 0.0123456;
    r.rootDispersion = 9.87654e-7;
    r.maxError = 1.0;
    COMPARE_TEXT(formatChronyLogLine(r), expectedLine(r, "203.0.113.15"));
}

void TestChronyLogFormat::trackingLeapColumn()
{
    TrackingLogRecord r = docTracking();
    const std::string prefix = "2017-08-22 13:22:36 203.0.113.15     2     -3.541      0.075 "
                               "-8.621e-06 ";
    for (const auto &[leap, character] :
         {std::pair{LeapIndicator::None, 'N'}, std::pair{LeapIndicator::InsertSecond, '+'},
          std::pair{LeapIndicator::DeleteSecond, '-'}, std::pair{LeapIndicator::Unsynchronised, '?'}}) {
        r.leap = leap;
        const std::string line = formatChronyLogLine(r);
        COMPARE_TEXT(line.substr(0, prefix.size() + 1), prefix + character);
        COMPARE_TEXT(line, expectedLine(r, "203.0.113.15"));
    }
}

void TestChronyLogFormat::trackingUnsynchronisedAndLocal()
{
    // chronyd's first tracking line: reference 0.0.0.0, stratum 0, leap '?'.
    TrackingLogRecord unsynchronised;
    unsynchronised.time = utc(2024, 5, 1, 8, 0, 0);
    unsynchronised.referenceAddress = IpAddress::v4(0);
    unsynchronised.leap = LeapIndicator::Unsynchronised;
    unsynchronised.rootDelay = 1.0;
    unsynchronised.rootDispersion = 1.0;
    unsynchronised.skewPpm = 1e6;
    COMPARE_TEXT(formatChronyLogLine(unsynchronised), expectedLine(unsynchronised, "0.0.0.0"));
    QVERIFY(formatChronyLogLine(unsynchronised).find(" 0.0.0.0          0 ") != std::string::npos);

    // The local reference has a refid without printable bytes and no address: an empty column.
    TrackingLogRecord local = unsynchronised;
    local.referenceAddress = IpAddress();
    local.referenceId = kRefIdLocal;
    local.stratum = 10;
    local.leap = LeapIndicator::None;
    COMPARE_TEXT(formatChronyLogLine(local), expectedLine(local, ""));
    // With an address, the address wins over the refid.
    local.referenceAddress = ip("127.127.1.1");
    COMPARE_TEXT(formatChronyLogLine(local), expectedLine(local, "127.127.1.1"));
}

void TestChronyLogFormat::measurementMatchesPrintf_data()
{
    QTest::addColumn<double>("offset");
    QTest::addColumn<double>("score");
    QTest::addColumn<int>("localPoll");
    QTest::addColumn<int>("remotePoll");
    QTest::addColumn<int>("stratum");

    QTest::newRow("documentation values") << -4.966e-03 << 1.0 << 10 << 10 << 2;
    QTest::newRow("negative polls") << 1.5e-7 << 0.455 << -4 << -6 << 1;
    QTest::newRow("score rounding") << -2.0e-9 << 9.995 << 6 << 17 << 16;
    QTest::newRow("wide score") << 123.456 << -12.5 << 0 << 0 << 0;
}

void TestChronyLogFormat::measurementMatchesPrintf()
{
    QFETCH(double, offset);
    QFETCH(double, score);
    QFETCH(int, localPoll);
    QFETCH(int, remotePoll);
    QFETCH(int, stratum);
    MeasurementLogRecord r = sampleMeasurement();
    r.offset = offset;
    r.pollScore = score;
    r.localPoll = localPoll;
    r.remotePoll = remotePoll;
    r.stratum = stratum;
    COMPARE_TEXT(formatChronyLogLine(r), expectedLine(r, "203.0.113.15"));
}

void TestChronyLogFormat::measurementTestColumns()
{
    MeasurementLogRecord r = sampleMeasurement();
    COMPARE_TEXT(formatChronyLogLine(r), "2016-11-09 05:40:50 203.0.113.15    N  2 111 111 1111  10 10 1.00 -4.966e-03 "
                                         " 2.296e-01  1.577e-05  1.615e-01  7.446e-03 CB00717B 4B D K");
    // Each test lands in its own digit.
    r.test1 = false;
    r.test5 = false;
    r.test6 = false;
    r.testB = false;
    r.testD = false;
    r.leap = LeapIndicator::Unsynchronised;
    const std::string line = formatChronyLogLine(r);
    QVERIFY(line.find(" ?  2 011 001 1010  10 10 ") != std::string::npos);
    COMPARE_TEXT(line, expectedLine(r, "203.0.113.15"));
    r = MeasurementLogRecord{};
    r.test1 = r.test2 = r.test3 = r.test5 = r.test6 = r.test7 = false;
    r.testA = r.testB = r.testC = r.testD = false;
    QVERIFY(formatChronyLogLine(r).find(" 000 000 0000  ") != std::string::npos);
    COMPARE_TEXT(formatChronyLogLine(r), expectedLine(r, "[UNSPEC]"));
}

void TestChronyLogFormat::measurementModeAndTimestampColumns()
{
    MeasurementLogRecord r = sampleMeasurement();
    r.ntpMode = 1;
    r.interleaved = true;
    r.transmitSource = TimestampSource::Hardware;
    r.receiveSource = TimestampSource::Hardware;
    r.referenceId = 0x0a0000ff;
    std::string line = formatChronyLogLine(r);
    QVERIFY(line.ends_with(" 0A0000FF 1I H H"));
    COMPARE_TEXT(line, expectedLine(r, "203.0.113.15"));

    r.ntpMode = 5;
    r.interleaved = false;
    r.transmitSource = TimestampSource::Kernel;
    r.receiveSource = TimestampSource::Daemon;
    r.referenceId = 0;
    line = formatChronyLogLine(r);
    QVERIFY(line.ends_with(" 00000000 5B K D"));
    COMPARE_TEXT(line, expectedLine(r, "203.0.113.15"));
}

void TestChronyLogFormat::measurementIpv6()
{
    MeasurementLogRecord r = sampleMeasurement();
    // Short enough to be padded to 15 columns.
    r.address = ip("2001:db8::1");
    std::string line = formatChronyLogLine(r);
    QVERIFY(line.starts_with("2016-11-09 05:40:50 2001:db8::1     N  2 "));
    COMPARE_TEXT(line, expectedLine(r, "2001:db8::1"));
    // Longer than the column: never truncated, the rest of the line shifts right.
    r.address = ip("2001:0db8:85a3:0000:0000:8a2e:0370:7334");
    line = formatChronyLogLine(r);
    QVERIFY(line.starts_with("2016-11-09 05:40:50 2001:db8:85a3::8a2e:370:7334 N  2 "));
    COMPARE_TEXT(line, expectedLine(r, "2001:db8:85a3::8a2e:370:7334"));
    // IPv4-mapped addresses print as inet_ntop prints them.
    r.address = ip("::ffff:192.0.2.1");
    COMPARE_TEXT(formatChronyLogLine(r), expectedLine(r, "::ffff:192.0.2.1"));
}

void TestChronyLogFormat::statisticsMatchesPrintf_data()
{
    QTest::addColumn<double>("offset");
    QTest::addColumn<double>("stress");
    QTest::addColumn<double>("asymmetry");
    QTest::addColumn<int>("samples");

    QTest::newRow("documentation values") << -3.247e-03 << 7.8e-02 << 0.0 << 16;
    QTest::newRow("negative asymmetry") << 4.5e-9 << 1.25 << -0.455 << 64;
    QTest::newRow("stress rounding") << 0.0 << 9.96 << 0.5 << 3;
    QTest::newRow("wide counts") << 1e-12 << 0.0 << 0.125 << 1234;
}

void TestChronyLogFormat::statisticsMatchesPrintf()
{
    QFETCH(double, offset);
    QFETCH(double, stress);
    QFETCH(double, asymmetry);
    QFETCH(int, samples);
    StatisticsLogRecord r = sampleStatistics();
    r.estimatedOffset = offset;
    r.stress = stress;
    r.asymmetry = asymmetry;
    r.samples = samples;
    r.bestStart = samples / 4;
    r.runs = samples / 2;
    COMPARE_TEXT(formatChronyLogLine(r), expectedLine(r, "203.0.113.15"));
}

void TestChronyLogFormat::statisticsRefclockRefId()
{
    StatisticsLogRecord r = sampleStatistics();
    COMPARE_TEXT(formatChronyLogLine(r),
                 "2016-08-10 05:40:50 203.0.113.15     6.261e-03 -3.247e-03  2.220e-03  1.874e-06 "
                 " 1.080e-06 7.8e-02  16   0   8  0.00");
    // A reference clock: no address, the refid text fills the column.
    r.address = IpAddress();
    r.referenceId = kRefIdGps;
    const std::string line = formatChronyLogLine(r);
    QVERIFY(line.starts_with("2016-08-10 05:40:50 GPS              6.261e-03 "));
    COMPARE_TEXT(line, expectedLine(r, "GPS"));
    r.address = ip("fe80::1");
    COMPARE_TEXT(formatChronyLogLine(r), expectedLine(r, "fe80::1"));
}

void TestChronyLogFormat::refclockRealLines()
{
    COMPARE_TEXT(formatChronyLogLine(phcSample(false)),
                 "2023-06-29 18:49:55.595742 PHCK    0 N 0  1.000000e-09  8.717931e-10  5.500e-08");
    COMPARE_TEXT(formatChronyLogLine(phcSample(true)),
                 "2023-06-29 18:49:55.595742 PHCK    - N -       -        8.717931e-10  5.500e-08");
}

void TestChronyLogFormat::refclockMatchesPrintf_data()
{
    QTest::addColumn<bool>("filtered");
    QTest::addColumn<std::uint32_t>("refId");
    QTest::addColumn<QString>("refIdText");
    QTest::addColumn<int>("driverPoll");
    QTest::addColumn<bool>("pulse");
    QTest::addColumn<int>("leap");

    const std::uint32_t nmea = 0x4e4d4541; // "NMEA"
    QTest::newRow("pps pulse") << false << kRefIdPps1 << QString("PPS1") << 7 << true << 0;
    QTest::newRow("gps insert") << false << kRefIdGps << QString("GPS") << 15 << false << 1;
    QTest::newRow("wide poll") << false << nmea << QString("NMEA") << 1024 << false << 2;
    QTest::newRow("filtered") << true << kRefIdPps1 << QString("PPS1") << 3 << true << 3;
    QTest::newRow("filtered no text") << true << std::uint32_t{0} << QString() << 0 << false << 0;
}

void TestChronyLogFormat::refclockMatchesPrintf()
{
    QFETCH(bool, filtered);
    QFETCH(std::uint32_t, refId);
    QFETCH(QString, refIdText);
    QFETCH(int, driverPoll);
    QFETCH(bool, pulse);
    QFETCH(int, leap);
    RefclockLogRecord r;
    r.time = utc(2009, 11, 30, 14, 33, 27) + 123456789ns;
    r.referenceId = refId;
    r.filtered = filtered;
    r.driverPoll = driverPoll;
    r.pulse = pulse;
    r.leap = static_cast<LeapIndicator>(leap);
    r.rawOffset = 4.9e-07;
    r.cookedOffset = -6.741777e-07;
    r.dispersion = 1.0e-06;
    COMPARE_TEXT(formatChronyLogLine(r), expectedLine(r, refIdText.toStdString().c_str()));
}

void TestChronyLogFormat::extremeNumbersMatchPrintf()
{
    const double values[] = {0.0,
                             -0.0,
                             1e-320, // subnormal
                             -1.23456789e+123,
                             9.9995e-5,
                             0.5,
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN()};
    for (const double value : values) {
        TrackingLogRecord t = docTracking();
        t.frequencyPpm = value;
        t.skewPpm = -value;
        t.offset = value;
        t.maxError = -value;
        COMPARE_TEXT(formatChronyLogLine(t), expectedLine(t, "203.0.113.15"));

        StatisticsLogRecord s = sampleStatistics();
        s.stress = value;
        s.asymmetry = value;
        s.residualFrequency = -value;
        COMPARE_TEXT(formatChronyLogLine(s), expectedLine(s, "203.0.113.15"));

        RefclockLogRecord c = phcSample(false);
        c.rawOffset = value;
        c.cookedOffset = -value;
        COMPARE_TEXT(formatChronyLogLine(c), expectedLine(c, "PHCK"));

        MeasurementLogRecord m = sampleMeasurement();
        m.pollScore = value;
        m.peerDelay = value;
        COMPARE_TEXT(formatChronyLogLine(m), expectedLine(m, "203.0.113.15"));
    }
}

void TestChronyLogFormat::numbersIgnoreTheLocale()
{
    const std::string before = formatChronyLogLine(docTracking()) + formatChronyLogLine(sampleMeasurement())
                               + formatChronyLogLine(sampleStatistics()) + formatChronyLogLine(phcSample(false));
    std::string after;
    {
        const test::CommaLocale comma;
        if (!comma.active())
            QSKIP(comma.error().c_str());
        after = formatChronyLogLine(docTracking()) + formatChronyLogLine(sampleMeasurement())
                + formatChronyLogLine(sampleStatistics()) + formatChronyLogLine(phcSample(false));
    }
    COMPARE_TEXT(after, before);
}

QTEST_APPLESS_MAIN(TestChronyLogFormat)
#include "tst_chronylogformat.moc"
