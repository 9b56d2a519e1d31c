// NTP timestamp and short-format conversions (RFC 5905 section 6), including the 2036 era
// rollover. Expected wire values are worked out by hand from calendar dates, not by the code
// under test.
#include "ntp/NtpTimestamp.h"

#include <QtTest>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

using namespace s1;

namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kEraSeconds = std::int64_t{1} << 32;
constexpr std::int64_t kHalfEraSeconds = std::int64_t{1} << 31;
constexpr double kShortUnitsPerSecond = 65536.0; // 16.16 fixed point

// Unix seconds of calendar instants used below (UTC).
constexpr std::int64_t kUnix1900 = -kNtpToUnixEpochSeconds;     // 1900-01-01T00:00:00Z
constexpr std::int64_t kUnix1910 = -1'893'456'000;              // 1910-01-01T00:00:00Z
constexpr std::int64_t kUnixMoonLanding = -14'182'940;          // 1969-07-20T20:17:40Z
constexpr std::int64_t kUnix1980 = 315'532'800;                 // 1980-01-01T00:00:00Z
constexpr std::int64_t kUnix2000 = 946'684'800;                 // 2000-01-01T00:00:00Z
constexpr std::int64_t kUnix2024 = 1'704'067'200;               // 2024-01-01T00:00:00Z
constexpr std::int64_t kUnix2030 = 1'893'456'000;               // 2030-01-01T00:00:00Z
constexpr std::int64_t kUnixRollover = 2'085'978'496;           // 2036-02-07T06:28:16Z
constexpr std::int64_t kUnixRolloverMinus28Min = 2'085'976'800; // 2036-02-07T06:00:00Z
constexpr std::int64_t kUnixRolloverPlus32Min = 2'085'980'400;  // 2036-02-07T07:00:00Z
constexpr std::int64_t kUnix2039June = 2'190'499'200;           // 2039-06-01T00:00:00Z
constexpr std::int64_t kUnix2040 = 2'208'988'800;               // 2040-01-01T00:00:00Z

// qint64 rather than std::int64_t: QTest data columns need the exact registered type.
constexpr qint64 nanos(std::int64_t seconds, std::int64_t subSecondNanos = 0)
{
    return seconds * kNanosPerSecond + subSecondNanos;
}

static_assert(kUnixRollover + kNtpToUnixEpochSeconds == kEraSeconds);

} // namespace

class TestNtpTimestamp : public QObject
{
    Q_OBJECT

private slots:
    void fromRealTime_data();
    void fromRealTime();
    void toRealTime_data();
    void toRealTime();
    void roundTripWithNearbyPivots();
    void rawPacking();
    void shortFromSeconds_data();
    void shortFromSeconds();
    void shortToSeconds_data();
    void shortToSeconds();
    void shortRoundTrip();
};

void TestNtpTimestamp::fromRealTime_data()
{
    QTest::addColumn<qint64>("unixNanos");
    QTest::addColumn<quint32>("seconds");
    QTest::addColumn<quint32>("fraction");

    QTest::newRow("unix epoch") << nanos(0) << 0x83AA7E80u << 0u;
    QTest::newRow("ntp prime epoch 1900 is the wire zero") << nanos(kUnix1900) << 0u << 0u;
    QTest::newRow("2000-01-01") << nanos(kUnix2000) << 0xBC17C200u << 0u;
    QTest::newRow("half second") << nanos(0, 500'000'000) << 0x83AA7E80u << 0x80000000u;
    QTest::newRow("quarter second") << nanos(0, 250'000'000) << 0x83AA7E80u << 0x40000000u;
    // 2^32 / 10^9 = 4.29 units per ns.
    QTest::newRow("one ns rounds to 4 units") << nanos(0, 1) << 0x83AA7E80u << 4u;
    // 123456789 * 2^32 / 10^9 = 530242871.22
    QTest::newRow("123456789 ns rounds down") << nanos(0, 123'456'789) << 0x83AA7E80u << 530'242'871u;
    // 999999999 * 2^32 / 10^9 = 4294967291.71: rounds up within the second, no carry.
    QTest::newRow("999999999 ns does not carry") << nanos(0, 999'999'999) << 0x83AA7E80u << 0xFFFFFFFCu;
    QTest::newRow("pre-1970 moon landing") << nanos(kUnixMoonLanding) << 2'194'805'860u << 0u;
    // Floor semantics: -1 ns is 0.999999999 s into the second before the Unix epoch.
    QTest::newRow("one ns before 1970") << nanos(0, -1) << 0x83AA7E7Fu << 0xFFFFFFFCu;
    QTest::newRow("quarter second before 1970") << nanos(0, -250'000'000) << 0x83AA7E7Fu << 0xC0000000u;
    QTest::newRow("1910") << nanos(kUnix1910) << 315'532'800u << 0u;
    QTest::newRow("last half second of era 0") << nanos(kUnixRollover - 1, 500'000'000) << 0xFFFFFFFFu << 0x80000000u;
    QTest::newRow("2036 rollover wraps to zero") << nanos(kUnixRollover) << 0u << 0u;
    QTest::newRow("one second into era 1") << nanos(kUnixRollover + 1) << 1u << 0u;
    QTest::newRow("2040 in era 1") << nanos(kUnix2040) << 123'010'304u << 0u;
}

void TestNtpTimestamp::fromRealTime()
{
    QFETCH(qint64, unixNanos);
    QFETCH(quint32, seconds);
    QFETCH(quint32, fraction);

    const NtpTimestamp t = NtpTimestamp::fromRealTime(realTimeFromNanos(unixNanos));
    QCOMPARE(t.seconds(), seconds);
    QCOMPARE(t.fraction(), fraction);
}

void TestNtpTimestamp::toRealTime_data()
{
    QTest::addColumn<quint32>("seconds");
    QTest::addColumn<quint32>("fraction");
    QTest::addColumn<qint64>("pivotNanos");
    QTest::addColumn<qint64>("expectedNanos");

    QTest::newRow("unix epoch, pivot 2024") << 0x83AA7E80u << 0u << nanos(kUnix2024) << nanos(0);
    QTest::newRow("2000, pivot 2024") << 0xBC17C200u << 0u << nanos(kUnix2024) << nanos(kUnix2000);
    QTest::newRow("1980, pivot 2024") << 2'524'521'600u << 0u << nanos(kUnix2024) << nanos(kUnix1980);
    QTest::newRow("era 0 zero, pivot 1910") << 0u << 0u << nanos(kUnix1910) << nanos(kUnix1900);
    QTest::newRow("1910, pivot 1900") << 315'532'800u << 0u << nanos(kUnix1900) << nanos(kUnix1910);
    QTest::newRow("pre-1970, pivot 1970") << 2'194'805'860u << 0u << nanos(0) << nanos(kUnixMoonLanding);
    QTest::newRow("pre-1970 fraction, pivot 1970") << 0x83AA7E7Fu << 0xC0000000u << nanos(0) << nanos(0, -250'000'000);

    // The rollover, both ways and with the pivot on either side.
    QTest::newRow("after rollover, pivot before")
        << 1u << 0u << nanos(kUnixRolloverMinus28Min) << nanos(kUnixRollover + 1);
    QTest::newRow("after rollover, pivot after")
        << 1u << 0u << nanos(kUnixRolloverPlus32Min) << nanos(kUnixRollover + 1);
    QTest::newRow("before rollover, pivot after")
        << 0xFFFFFFFFu << 0u << nanos(kUnixRolloverPlus32Min) << nanos(kUnixRollover - 1);
    QTest::newRow("before rollover, pivot before")
        << 0xFFFFFFFFu << 0u << nanos(kUnixRolloverMinus28Min) << nanos(kUnixRollover - 1);
    QTest::newRow("wire zero, pivot 2030 is the rollover") << 0u << 0u << nanos(kUnix2030) << nanos(kUnixRollover);
    QTest::newRow("2040, pivot 2039") << 123'010'304u << 0u << nanos(kUnix2039June) << nanos(kUnix2040);
    QTest::newRow("2040, pivot 2024") << 123'010'304u << 0u << nanos(kUnix2024) << nanos(kUnix2040);
    QTest::newRow("2024, pivot 2040") << 3'913'056'000u << 0u << nanos(kUnix2040) << nanos(kUnix2024);

    // The era flips exactly at half an era (2^31 s) from the pivot.
    const auto pivotNtp = static_cast<std::uint32_t>(kUnix2024 + kNtpToUnixEpochSeconds);
    QTest::newRow("just under half an era ahead") << static_cast<quint32>(pivotNtp + kHalfEraSeconds - 1) << 0u
                                                  << nanos(kUnix2024) << nanos(kUnix2024 + kHalfEraSeconds - 1);
    QTest::newRow("just over half an era ahead is behind")
        << static_cast<quint32>(pivotNtp + kHalfEraSeconds + 1) << 0u << nanos(kUnix2024)
        << nanos(kUnix2024 + kHalfEraSeconds + 1 - kEraSeconds);
    QTest::newRow("just under half an era behind") << static_cast<quint32>(pivotNtp - kHalfEraSeconds + 1) << 0u
                                                   << nanos(kUnix2024) << nanos(kUnix2024 - kHalfEraSeconds + 1);

    // Fraction to nanoseconds, rounded to nearest.
    QTest::newRow("half second") << 0x83AA7E80u << 0x80000000u << nanos(0) << nanos(0, 500'000'000);
    QTest::newRow("1 unit (0.23 ns) rounds to 0") << 0x83AA7E80u << 1u << nanos(0) << nanos(0);
    QTest::newRow("3 units (0.70 ns) round to 1") << 0x83AA7E80u << 3u << nanos(0) << nanos(0, 1);
    QTest::newRow("530242871 units") << 0x83AA7E80u << 530'242'871u << nanos(0) << nanos(0, 123'456'789);
    QTest::newRow("max fraction rounds to the next second") << 0x83AA7E80u << 0xFFFFFFFFu << nanos(0) << nanos(1);
}

void TestNtpTimestamp::toRealTime()
{
    QFETCH(quint32, seconds);
    QFETCH(quint32, fraction);
    QFETCH(qint64, pivotNanos);
    QFETCH(qint64, expectedNanos);

    const RealTime t = NtpTimestamp(seconds, fraction).toRealTime(realTimeFromNanos(pivotNanos));
    QCOMPARE(nanosSinceEpoch(t), expectedNanos);
}

void TestNtpTimestamp::roundTripWithNearbyPivots()
{
    // Any whole-ns instant survives the trip exactly: the two roundings together stay below
    // half a nanosecond. Pivots up to 60 years away on either side must not change the era.
    std::mt19937_64 rng(20240601);
    const std::int64_t lowest = nanos(kUnix1900 + 70 * 365 * kSecondsPerDay);
    const std::int64_t highest = nanos(kUnix2040 + 60 * 365 * kSecondsPerDay);
    const std::int64_t maxPivotDistance = nanos(60 * 365 * kSecondsPerDay);
    std::uniform_int_distribution<std::int64_t> instants(lowest, highest);
    std::uniform_int_distribution<std::int64_t> pivotOffsets(-maxPivotDistance, maxPivotDistance);

    constexpr int kIterations = 100'000;
    for (int i = 0; i < kIterations; ++i) {
        const std::int64_t ns = instants(rng);
        const std::int64_t pivot = ns + pivotOffsets(rng);
        const NtpTimestamp wire = NtpTimestamp::fromRealTime(realTimeFromNanos(ns));
        const std::int64_t back = nanosSinceEpoch(wire.toRealTime(realTimeFromNanos(pivot)));
        if (back != ns) {
            QFAIL(qPrintable(QStringLiteral("ns %1 pivot %2 came back as %3").arg(ns).arg(pivot).arg(back)));
        }
    }
}

void TestNtpTimestamp::rawPacking()
{
    const NtpTimestamp t(0x01234567u, 0x89ABCDEFu);
    QCOMPARE(t.raw(), Q_UINT64_C(0x0123456789ABCDEF));
    QCOMPARE(NtpTimestamp::fromRaw(Q_UINT64_C(0x0123456789ABCDEF)), t);
    QVERIFY(NtpTimestamp().isZero());
    QVERIFY(!NtpTimestamp(0, 1).isZero());
    QVERIFY(!NtpTimestamp(1, 0).isZero());
}

void TestNtpTimestamp::shortFromSeconds_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<quint32>("raw");

    constexpr double kUnit = 1.0 / kShortUnitsPerSecond;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();

    QTest::newRow("zero") << 0.0 << 0u;
    QTest::newRow("negative zero") << -0.0 << 0u;
    QTest::newRow("one second") << 1.0 << 0x00010000u;
    QTest::newRow("half second") << 0.5 << 0x00008000u;
    QTest::newRow("one unit exactly") << kUnit << 1u;
    QTest::newRow("1 ns rounds up to one unit") << 1e-9 << 1u;
    QTest::newRow("just over a unit rounds up") << kUnit * 1.5 << 2u;
    // 1.00001 * 65536 = 65536.66
    QTest::newRow("1.00001 s rounds up") << 1.00001 << 0x00010001u;
    QTest::newRow("1.5 s exact") << 1.5 << 0x00018000u;
    QTest::newRow("negative clamps to zero") << -1.0 << 0u;
    QTest::newRow("tiny negative clamps to zero") << -1e-12 << 0u;
    QTest::newRow("NaN clamps to zero") << nan << 0u;
    QTest::newRow("minus infinity") << -inf << 0u;
    QTest::newRow("largest representable") << 65535.0 + 65535.0 * kUnit << 0xFFFFFFFFu;
    QTest::newRow("one unit below largest") << 65535.0 + 65534.0 * kUnit << 0xFFFFFFFEu;
    QTest::newRow("just over largest clamps") << 65535.99999 << 0xFFFFFFFFu;
    QTest::newRow("65536 s clamps") << 65536.0 << 0xFFFFFFFFu;
    QTest::newRow("a day clamps") << 86400.0 << 0xFFFFFFFFu;
    QTest::newRow("infinity clamps") << inf << 0xFFFFFFFFu;
}

void TestNtpTimestamp::shortFromSeconds()
{
    QFETCH(double, seconds);
    QFETCH(quint32, raw);
    QCOMPARE(NtpShort::fromSeconds(seconds).raw(), raw);
}

void TestNtpTimestamp::shortToSeconds_data()
{
    QTest::addColumn<quint32>("raw");
    QTest::addColumn<double>("seconds");

    QTest::newRow("zero") << 0u << 0.0;
    QTest::newRow("one unit") << 1u << 1.52587890625e-05;
    QTest::newRow("1.5 s") << 0x00018000u << 1.5;
    QTest::newRow("max") << 0xFFFFFFFFu << 65535.9999847412109375;
}

void TestNtpTimestamp::shortToSeconds()
{
    QFETCH(quint32, raw);
    QFETCH(double, seconds);
    // Exact equality on purpose: the conversion must not lose anything.
    QVERIFY(NtpShort::fromRaw(raw).toSeconds() == seconds);
}

void TestNtpTimestamp::shortRoundTrip()
{
    std::mt19937 rng(7);
    constexpr int kIterations = 100'000;
    for (int i = 0; i < kIterations; ++i) {
        const std::uint32_t raw = static_cast<std::uint32_t>(rng()); // mt19937 yields 32 bits in a wider type
        const NtpShort s = NtpShort::fromRaw(raw);
        if (NtpShort::fromSeconds(s.toSeconds()) != s) {
            QFAIL(qPrintable(QStringLiteral("raw %1 did not round-trip").arg(raw)));
        }
        // Rounding up: anything strictly inside a unit maps to the unit above.
        if (raw > 0 && raw < 0xFFFFFFFFu) {
            const double inside = (static_cast<double>(raw) - 0.5) / kShortUnitsPerSecond;
            QCOMPARE(NtpShort::fromSeconds(inside).raw(), raw);
        }
    }
}

QTEST_APPLESS_MAIN(TestNtpTimestamp)
#include "tst_ntptimestamp.moc"
