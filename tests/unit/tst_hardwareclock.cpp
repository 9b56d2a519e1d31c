// HardwareClock: a network card's PHC tracked against the host's clock from readings, and its
// hardware timestamps put on the host's clock; frameDuration for receive stamps. The readings
// are made up from a PHC with a known offset and rate, so every expected value is exact to
// the nanosecond's rounding.
#include "clock/HardwareClock.h"

#include <QtTest>

#include <cmath>

using namespace s1;

namespace {

const RealTime kStart = realTimeFromNanos(1'700'000'000LL * kNanosPerSecond);
// The PHC runs on TAI (37 s ahead) and 20 ppm fast.
constexpr double kPhcOffset = 37.000123;
constexpr double kPhcRate = 20e-6;

RealTime phcAt(RealTime host)
{
    return host + fromSeconds(kPhcOffset + kPhcRate * toSeconds(host - kStart));
}

double errorNs(RealTime got, RealTime want)
{
    return std::abs(static_cast<double>((got - want).count()));
}

HardwareClock::Settings settings(int minSamples = 2, int maxSamples = 16)
{
    HardwareClock::Settings s;
    s.minSamples = minSamples;
    s.maxSamples = maxSamples;
    s.minSeparation = 1.0;
    s.precision = 100e-9;
    return s;
}

} // namespace

class TestHardwareClock : public QObject
{
    Q_OBJECT

private slots:
    void convertsThroughTheLine();
    void waitsForMinSamples();
    void keepsAtMostMaxSamples();
    void needsSampleEveryMinSeparation();
    void resetsOnABackwardPhc();
    void resetsOnReadingsTooClose();
    void resetsWhenTheLineMissesTheNewestReading();
    void resetsOnAnInsaneRate();
    void frameDurationAtLinkSpeed();
};

void TestHardwareClock::convertsThroughTheLine()
{
    HardwareClock clock(settings());
    QVERIFY(!clock.localTime(phcAt(kStart)));
    for (int i = 0; i < 4; ++i) {
        const RealTime host = kStart + std::chrono::seconds(i);
        clock.addSample(phcAt(host), host, 0.5e-6);
    }
    QVERIFY(clock.valid());
    QCOMPARE(clock.samples(), 4);
    QVERIFY(std::abs(clock.frequencyOffset() - kPhcRate) < 1e-9);
    // A stamp between the readings and one 2 s after the newest (extrapolated).
    for (const double at : {1.5, 5.0}) {
        const RealTime host = kStart + fromSeconds(at);
        const std::optional<RealTime> converted = clock.localTime(phcAt(host));
        QVERIFY(converted);
        QVERIFY2(errorNs(*converted, host) <= 2.0, qPrintable(QString::number(errorNs(*converted, host))));
    }
    // The error of a converted stamp is the newest reading's (never below `precision`).
    QCOMPARE(clock.error(), 0.5e-6);
    clock.addSample(phcAt(kStart + std::chrono::seconds(4)), kStart + std::chrono::seconds(4), 1e-9);
    QCOMPARE(clock.error(), 100e-9);
}

void TestHardwareClock::waitsForMinSamples()
{
    HardwareClock clock(settings(4));
    for (int i = 0; i < 3; ++i) {
        const RealTime host = kStart + std::chrono::seconds(i);
        clock.addSample(phcAt(host), host, 0.5e-6);
        QVERIFY(!clock.valid());
    }
    clock.addSample(phcAt(kStart + std::chrono::seconds(3)), kStart + std::chrono::seconds(3), 0.5e-6);
    QVERIFY(clock.valid());
    // Limits beyond chrony's are clamped: minsamples 1 still needs two readings for a rate.
    HardwareClock one(settings(1));
    one.addSample(phcAt(kStart), kStart, 0.5e-6);
    QVERIFY(!one.valid());
}

void TestHardwareClock::keepsAtMostMaxSamples()
{
    HardwareClock clock(settings(2, 5));
    for (int i = 0; i < 12; ++i) {
        const RealTime host = kStart + std::chrono::seconds(i);
        clock.addSample(phcAt(host), host, 0.5e-6);
    }
    QCOMPARE(clock.samples(), 5);
    HardwareClock huge(settings(2, 1000));
    for (int i = 0; i < 100; ++i) {
        const RealTime host = kStart + std::chrono::seconds(i);
        huge.addSample(phcAt(host), host, 0.5e-6);
    }
    QCOMPARE(huge.samples(), HardwareClock::kMaxSamples);
}

void TestHardwareClock::needsSampleEveryMinSeparation()
{
    HardwareClock clock(settings());
    QVERIFY(clock.needsSample(kStart));
    clock.addSample(phcAt(kStart), kStart, 0.5e-6);
    QVERIFY(!clock.needsSample(kStart + std::chrono::milliseconds(999)));
    QVERIFY(clock.needsSample(kStart + std::chrono::seconds(1)));
}

void TestHardwareClock::resetsOnABackwardPhc()
{
    HardwareClock clock(settings());
    for (int i = 0; i < 3; ++i) {
        const RealTime host = kStart + std::chrono::seconds(i);
        clock.addSample(phcAt(host), host, 0.5e-6);
    }
    QVERIFY(clock.valid());
    // Someone set the PHC back (ptp4l stepping it): what was kept is of another clock.
    const RealTime host = kStart + std::chrono::seconds(3);
    clock.addSample(phcAt(host) - std::chrono::seconds(10), host, 0.5e-6);
    QCOMPARE(clock.samples(), 1);
    QVERIFY(!clock.valid());
    QCOMPARE(clock.resets(), std::uint64_t(1));
    QVERIFY(!clock.localTime(phcAt(host)));
}

void TestHardwareClock::resetsOnReadingsTooClose()
{
    HardwareClock clock(settings());
    clock.addSample(phcAt(kStart), kStart, 0.5e-6);
    const RealTime soon = kStart + std::chrono::milliseconds(100);
    clock.addSample(phcAt(soon), soon, 0.5e-6);
    QCOMPARE(clock.samples(), 1);
    QCOMPARE(clock.resets(), std::uint64_t(1));
}

void TestHardwareClock::resetsWhenTheLineMissesTheNewestReading()
{
    HardwareClock clock(settings());
    for (int i = 0; i < 5; ++i) {
        const RealTime host = kStart + std::chrono::seconds(i);
        clock.addSample(phcAt(host), host, 0.5e-6);
    }
    // The PHC jumped 50 µs forward: the line through the old readings misses the new one by
    // far more than its error.
    const RealTime host = kStart + std::chrono::seconds(5);
    clock.addSample(phcAt(host) + std::chrono::microseconds(50), host, 0.5e-6);
    QVERIFY(!clock.valid());
    QCOMPARE(clock.samples(), 0);
    // It starts again from the readings that follow.
    for (int i = 6; i < 8; ++i) {
        const RealTime later = kStart + std::chrono::seconds(i);
        clock.addSample(phcAt(later) + std::chrono::microseconds(50), later, 0.5e-6);
    }
    QVERIFY(clock.valid());
}

void TestHardwareClock::resetsOnAnInsaneRate()
{
    HardwareClock clock(settings());
    clock.addSample(phcAt(kStart), kStart, 10.0);
    // The PHC moved 2 s while the host moved 1 s: no oscillator, a broken reading.
    clock.addSample(phcAt(kStart) + std::chrono::seconds(2), kStart + std::chrono::seconds(1), 10.0);
    QVERIFY(!clock.valid());
}

void TestHardwareClock::frameDurationAtLinkSpeed()
{
    // A 90-byte frame (48-byte NTP packet + 42) and its 4-byte FCS: 94 × 8 bits at 1 Gb/s.
    QCOMPARE(frameDuration(90, 1000), 94 * 8 / 1e9);
    QCOMPARE(frameDuration(90, 100000), 94 * 8 / 1e11);
    QCOMPARE(frameDuration(90, 0), 0.0);
    QCOMPARE(frameDuration(90, -1), 0.0);
}

QTEST_APPLESS_MAIN(TestHardwareClock)
#include "tst_hardwareclock.moc"
