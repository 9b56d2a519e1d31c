// KernelClockDriver against a model of the Linux kernel clock (FakeKernel): the tick/frequency
// split, clamping, chrony-style frequency slews (checked against an ideal clock), exact steps
// with ADJ_SETOFFSET, status and leap bits, and refused calls. The real clock is only ever
// queried read-only (modes = 0).
#include "clock/KernelClockApi.h"
#include "clock/KernelClockDriver.h"
#include "clock/SystemKernelClockApi.h"

#include <QtTest>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

using namespace s1;

namespace {

constexpr long kUserHz = 100;
constexpr long kNominalTick = 10'000;                                // us per 1/USER_HZ s
constexpr double kFreqScale = 65536.0;                               // timex.freq: ppm in 16.16
constexpr long kKernelMaxFreqScaled = 500L << 16;                    // MAXFREQ, 500 ppm
constexpr long kPhaseLimitUs = 16'000'000;                           // NTP_PHASE_LIMIT: 16 s
constexpr std::int64_t kStartNs = 1'700'000'000LL * kNanosPerSecond; // 2023-11-14
constexpr double kMaxLinuxFrequencyPpm = 100'000;                    // tick +-10 %
// Served time must match the ideal clock to this (s): the model moves in whole nanoseconds.
constexpr double kServedTolerance = 1e-8;
constexpr double kPpm = 1e6;
constexpr long kMaxTaiOffset = 100'000; // s, the kernel's MAX_TAI_OFFSET

// The kernel's clock_adjtime(CLOCK_REALTIME) as Linux implements it (kernel/time/ntp.c,
// timekeeping.c): validation, tick and frequency with the 500 ppm clamp, status bits,
// error bounds, the PLL offset, adjtime() single shot, ADJ_SETOFFSET and its ntp_clear().
// The clock runs on a perfect oscillator at 1 + tick/frequency correction.
class FakeKernel : public KernelClockApi
{
public:
    // Model state, public so that tests can preset and inspect it.
    long hz = kUserHz;
    long tick = kNominalTick;
    long freq = 0; // scaled ppm
    int status = STA_UNSYNC;
    long maxerror = kPhaseLimitUs;
    long esterror = kPhaseLimitUs;
    long pllOffsetNs = 0;
    long singleShotUs = 0;
    std::int64_t nowNs = kStartNs;
    long double trueSeconds = 0; // elapsed on the perfect oscillator
    int tai = 0;                 // TAI - UTC (ADJ_TAI)

    bool privileged = true; // CAP_SYS_TIME
    int failGettime = 0;    // errno to fail clock_gettime with

    // What the driver did.
    std::vector<unsigned> modesSeen;
    std::vector<timeval> setOffsets; // ADJ_SETOFFSET times as passed (tv_usec in ns with ADJ_NANO)
    bool frequencyClamped = false;   // a freq beyond +-500 ppm was asked for
    int settimeCalls = 0;

    int adjtime(timex &tx) override
    {
        modesSeen.push_back(tx.modes);
        const unsigned modes = tx.modes;
        const bool singleShot = (modes & ADJ_OFFSET_SINGLESHOT) == ADJ_OFFSET_SINGLESHOT
                                || (modes & ADJ_OFFSET_SS_READ) == ADJ_OFFSET_SS_READ;
        if (singleShot) {
            if (modes != ADJ_OFFSET_SINGLESHOT && modes != ADJ_OFFSET_SS_READ)
                return -EINVAL;
            if (modes == ADJ_OFFSET_SINGLESHOT && !privileged)
                return -EPERM;
        } else {
            if (modes != 0 && !privileged)
                return -EPERM;
            if ((modes & ADJ_TICK) && (tx.tick < 900'000 / hz || tx.tick > 1'100'000 / hz))
                return -EINVAL;
        }
        if (modes & ADJ_SETOFFSET) {
            const long limit = (modes & ADJ_NANO) ? 1'000'000'000L : 1'000'000L;
            if (tx.time.tv_usec < 0 || tx.time.tv_usec >= limit)
                return -EINVAL;
            setOffsets.push_back(tx.time);
            nowNs += static_cast<std::int64_t>(tx.time.tv_sec) * kNanosPerSecond
                     + tx.time.tv_usec * ((modes & ADJ_NANO) ? 1 : 1000);
            // ntp_clear(): a stepped clock is unsynchronised, its error unknown.
            status |= STA_UNSYNC;
            maxerror = esterror = kPhaseLimitUs;
            pllOffsetNs = 0;
            singleShotUs = 0;
        }

        if (singleShot) {
            const long previous = singleShotUs;
            if (modes == ADJ_OFFSET_SINGLESHOT)
                singleShotUs = tx.offset;
            tx.offset = previous;
        } else {
            if (modes & ADJ_STATUS)
                status = (status & STA_RONLY) | (tx.status & ~STA_RONLY);
            if (modes & ADJ_NANO)
                status |= STA_NANO;
            if (modes & ADJ_MICRO)
                status &= ~STA_NANO;
            if (modes & ADJ_FREQUENCY) {
                frequencyClamped |= std::abs(tx.freq) > kKernelMaxFreqScaled;
                freq = std::clamp(tx.freq, -kKernelMaxFreqScaled, kKernelMaxFreqScaled);
            }
            if (modes & ADJ_MAXERROR)
                maxerror = std::clamp(tx.maxerror, 0L, kPhaseLimitUs);
            if (modes & ADJ_ESTERROR)
                esterror = std::clamp(tx.esterror, 0L, kPhaseLimitUs);
            if ((modes & ADJ_OFFSET) && (status & STA_PLL))
                pllOffsetNs = (status & STA_NANO) ? tx.offset : tx.offset * 1000;
            if (modes & ADJ_TICK)
                tick = tx.tick;
            // Linux takes 0..MAX_TAI_OFFSET (100000 s) and ignores other values.
            if ((modes & ADJ_TAI) && tx.constant >= 0 && tx.constant <= kMaxTaiOffset)
                tai = static_cast<int>(tx.constant);
            tx.offset = (status & STA_NANO) ? pllOffsetNs : pllOffsetNs / 1000;
        }
        tx.freq = freq;
        tx.tick = tick;
        tx.status = status;
        tx.maxerror = maxerror;
        tx.esterror = esterror;
        tx.tai = tai;
        tx.time.tv_sec = static_cast<decltype(tx.time.tv_sec)>(floorSeconds());
        const long nanos = static_cast<long>(nowNs - floorSeconds() * kNanosPerSecond);
        tx.time.tv_usec = (status & STA_NANO) ? nanos : nanos / 1000;
        return (status & STA_UNSYNC) ? TIME_ERROR : TIME_OK;
    }

    int gettime(timespec &ts) override
    {
        if (failGettime)
            return -failGettime;
        ts.tv_sec = static_cast<time_t>(floorSeconds());
        ts.tv_nsec = static_cast<long>(nowNs - floorSeconds() * kNanosPerSecond);
        return 0;
    }

    int settime(const timespec &) override
    {
        ++settimeCalls;
        return privileged ? 0 : -EPERM;
    }

    long userHz() override { return hz; }

    // The frequency the clock runs at (ppm): each tick unit is USER_HZ ppm.
    long double frequencyPpm() const
    {
        const long nominalTick = kNominalTick * kUserHz / hz; // whole us, as the kernel's tick
        return static_cast<long double>((tick - nominalTick) * hz) + static_cast<long double>(freq) / kFreqScale;
    }

    // Lets `seconds` of true time pass.
    void advance(long double seconds)
    {
        const long double ns = seconds * (1.0L + frequencyPpm() / kPpm) * 1e9L + m_fractionNs;
        const long double whole = std::floor(ns);
        nowNs += static_cast<std::int64_t>(whole);
        m_fractionNs = ns - whole;
        trueSeconds += seconds;
    }

    // Lets time pass until the clock reads `target`.
    void advanceTo(RealTime target)
    {
        const std::int64_t targetNs = nanosSinceEpoch(target);
        if (targetNs <= nowNs)
            return;
        advance(static_cast<long double>(targetNs - nowNs) / 1e9L / (1.0L + frequencyPpm() / kPpm));
        while (nowNs < targetNs)
            advance(1e-9L);
    }

    RealTime now() const { return realTimeFromNanos(nowNs); }

private:
    std::int64_t floorSeconds() const
    {
        return nowNs >= 0 ? nowNs / kNanosPerSecond : -((-nowNs - 1) / kNanosPerSecond) - 1;
    }

    long double m_fractionNs = 0;
};

// Where the clock should be: a clock running at the driver's base frequency from the start,
// moved by every requested step and slew. The driver serves raw + pendingSlew(raw), which
// must match it at every instant.
class IdealClock
{
public:
    IdealClock(const FakeKernel &kernel, double basePpm)
        : m_kernel(kernel)
        , m_originNs(kernel.nowNs)
        , m_originTrue(kernel.trueSeconds)
        , m_basePpm(basePpm)
    { }

    // Seconds since the origin the ideal clock reads now.
    long double elapsed() const
    {
        return m_elapsedAtRebase + (m_kernel.trueSeconds - m_originTrue) * (1.0L + m_basePpm / kPpm);
    }
    void setBase(double basePpm)
    {
        m_elapsedAtRebase = elapsed();
        m_originTrue = m_kernel.trueSeconds;
        m_basePpm = basePpm;
    }
    void addOffset(double offset) { m_elapsedAtRebase += offset; }

    // How far the clock itself is ahead of the ideal one: minus the offset still to slew,
    // zero once the slews are done.
    double rawLead() const
    {
        return static_cast<double>(static_cast<long double>(m_kernel.nowNs - m_originNs) / 1e9L - elapsed());
    }
    // Served (raw + pending) minus ideal.
    double servedError(const KernelClockDriver &driver) const { return rawLead() + driver.pendingSlew(m_kernel.now()); }

private:
    const FakeKernel &m_kernel;
    std::int64_t m_originNs;
    long double m_originTrue;
    long double m_elapsedAtRebase = 0;
    double m_basePpm;
};

// Plays the engine: wakes the driver when it asks, up to `until` seconds of raw time, and
// checks served time at each wakeup and half-way between. Returns the worst served error.
double runSlew(FakeKernel &kernel, KernelClockDriver &driver, const IdealClock &ideal, double until)
{
    const RealTime end = kernel.now() + fromSeconds(until);
    double worst = 0;
    while (kernel.now() < end) {
        const std::optional<RealTime> wakeup = driver.nextWakeup();
        const RealTime target = wakeup ? std::min(*wakeup, end) : end;
        kernel.advanceTo(kernel.now() + (target - kernel.now()) / 2);
        worst = std::max(worst, std::abs(ideal.servedError(driver)));
        kernel.advanceTo(target);
        worst = std::max(worst, std::abs(ideal.servedError(driver)));
        if (wakeup && kernel.now() >= *wakeup)
            driver.handleTimeout();
        worst = std::max(worst, std::abs(ideal.servedError(driver)));
    }
    return worst;
}

double seconds(Nanoseconds d)
{
    return toSeconds(d);
}

} // namespace

class TestKernelClockDriver : public QObject
{
    Q_OBJECT

private slots:
    void fakeKernelValidatesLikeLinux();
    void openTakesOverFromPllAndAdjtime();
    void openKeepsTheKernelFrequency();
    void frequencySplitsBetweenTickAndFreq_data();
    void frequencySplitsBetweenTickAndFreq();
    void frequencyTickHysteresis();
    void frequencyWithOtherUserHz();
    void slewRemovesOffset_data();
    void slewRemovesOffset();
    void slewDurationFollowsCorrectionRate();
    void slewRespectsMaxSlewRate();
    void slewSurvivesFrequencyChangeAndStep();
    void shutdownEndsRunningSlew();
    void stepUsesExactSetOffset_data();
    void stepUsesExactSetOffset();
    void stepRejectsNonsense();
    void syncStatus_data();
    void syncStatus();
    void syncStatusIncludesPendingSlewAndClearsLeap();
    void syncStatusSetsTaiOffset();
    void refusedOpenIsReported();
    void refusedCallsAreReported();
    void clockReadFailureIsReported();
    void systemApiReadOnlyQuery();
};

void TestKernelClockDriver::fakeKernelValidatesLikeLinux()
{
    FakeKernel kernel;
    timex tx{};
    tx.modes = ADJ_TICK;
    tx.tick = 8'999;
    QCOMPARE(kernel.adjtime(tx), -EINVAL);
    tx.tick = 11'001;
    QCOMPARE(kernel.adjtime(tx), -EINVAL);
    tx.tick = 11'000;
    QVERIFY(kernel.adjtime(tx) >= 0);
    QCOMPARE(kernel.tick, 11'000L);

    tx = {};
    tx.modes = ADJ_FREQUENCY;
    tx.freq = 600L << 16;
    QVERIFY(kernel.adjtime(tx) >= 0);
    QCOMPARE(tx.freq, kKernelMaxFreqScaled);

    tx = {};
    tx.modes = ADJ_SETOFFSET | ADJ_NANO;
    tx.time.tv_usec = 1'000'000'000;
    QCOMPARE(kernel.adjtime(tx), -EINVAL);

    kernel.privileged = false;
    tx = {};
    tx.modes = ADJ_STATUS;
    QCOMPARE(kernel.adjtime(tx), -EPERM);
    tx = {};
    tx.modes = 0;
    QVERIFY(kernel.adjtime(tx) >= 0);
}

void TestKernelClockDriver::openTakesOverFromPllAndAdjtime()
{
    FakeKernel kernel;
    kernel.status = STA_PLL | STA_INS | STA_NANO;
    kernel.pllOffsetNs = 123'456;
    kernel.singleShotUs = 5'000;

    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    QVERIFY(driver.lastError().empty());
    QCOMPARE(kernel.pllOffsetNs, 0L);
    QCOMPARE(kernel.singleShotUs, 0L);
    QCOMPARE(kernel.status & ~STA_RONLY, STA_UNSYNC);
    QVERIFY(!driver.nextWakeup());
    QCOMPARE(driver.maxFrequencyPpm(), kMaxLinuxFrequencyPpm);
}

void TestKernelClockDriver::openKeepsTheKernelFrequency()
{
    FakeKernel kernel;
    kernel.tick = 9'995;
    kernel.freq = static_cast<long>(-3.25 * kFreqScale);
    {
        KernelClockDriver driver(kernel);
        QVERIFY(driver.open());
        QCOMPARE(driver.frequencyPpm(), -503.25);
        QCOMPARE(driver.kernelFrequencyPpm(), -503.25);
        driver.setFrequencyPpm(712.5);
    }
    // A restart without a drift file continues with what the kernel runs.
    QCOMPARE(kernel.tick, 10'007L);
    QCOMPARE(kernel.freq, static_cast<long>(12.5 * kFreqScale));
    KernelClockDriver restarted(kernel);
    QVERIFY(restarted.open());
    QCOMPARE(restarted.frequencyPpm(), 712.5);
}

void TestKernelClockDriver::frequencySplitsBetweenTickAndFreq_data()
{
    QTest::addColumn<double>("ppm");
    QTest::addColumn<long>("tick");
    QTest::addColumn<double>("freqPpm");
    QTest::addColumn<double>("appliedPpm");

    QTest::newRow("zero") << 0.0 << 10'000L << 0.0 << 0.0;
    QTest::newRow("+30 fits freq") << 30.0 << 10'000L << 30.0 << 30.0;
    QTest::newRow("+149 stays next to tick") << 149.0 << 10'000L << 149.0 << 149.0;
    QTest::newRow("+450 rounds up a tick") << 450.0 << 10'005L << -50.0 << 450.0;
    QTest::newRow("+700") << 700.0 << 10'007L << 0.0 << 700.0;
    QTest::newRow("-700") << -700.0 << 9'993L << 0.0 << -700.0;
    QTest::newRow("+712.5") << 712.5 << 10'007L << 12.5 << 712.5;
    QTest::newRow("-712.5") << -712.5 << 9'993L << -12.5 << -712.5;
    QTest::newRow("max") << kMaxLinuxFrequencyPpm << 11'000L << 0.0 << kMaxLinuxFrequencyPpm;
    QTest::newRow("clamped +") << 250'000.0 << 11'000L << 0.0 << kMaxLinuxFrequencyPpm;
    QTest::newRow("clamped -") << -250'000.0 << 9'000L << 0.0 << -kMaxLinuxFrequencyPpm;
}

void TestKernelClockDriver::frequencySplitsBetweenTickAndFreq()
{
    QFETCH(double, ppm);
    QFETCH(long, tick);
    QFETCH(double, freqPpm);
    QFETCH(double, appliedPpm);

    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    driver.setFrequencyPpm(ppm);
    QVERIFY2(driver.lastError().empty(), driver.lastError().c_str());
    QCOMPARE(kernel.tick, tick);
    QCOMPARE(kernel.freq, static_cast<long>(freqPpm * kFreqScale));
    QCOMPARE(driver.frequencyPpm(), appliedPpm);
    QCOMPARE(driver.kernelFrequencyPpm(), appliedPpm);
    QCOMPARE(static_cast<double>(kernel.frequencyPpm()), appliedPpm);
    QVERIFY(!kernel.frequencyClamped);
}

void TestKernelClockDriver::frequencyTickHysteresis()
{
    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    driver.setFrequencyPpm(700);
    QCOMPARE(kernel.tick, 10'007L);
    // 760 ppm would round to tick 10008; the next tick is kept so that a frequency near a
    // boundary does not flip between two ticks.
    driver.setFrequencyPpm(760);
    QCOMPARE(kernel.tick, 10'007L);
    QCOMPARE(kernel.freq, static_cast<long>(60 * kFreqScale));
    driver.setFrequencyPpm(860);
    QCOMPARE(kernel.tick, 10'009L);
    QCOMPARE(kernel.freq, static_cast<long>(-40 * kFreqScale));
    QCOMPARE(driver.kernelFrequencyPpm(), 860.0);
}

void TestKernelClockDriver::frequencyWithOtherUserHz()
{
    FakeKernel kernel;
    kernel.hz = 1000;
    kernel.tick = 1000;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    QCOMPARE(driver.maxFrequencyPpm(), kMaxLinuxFrequencyPpm);
    // One tick unit is 1000 ppm here: no hysteresis, the rest in freq.
    driver.setFrequencyPpm(700);
    QCOMPARE(kernel.tick, 1001L);
    QCOMPARE(kernel.freq, static_cast<long>(-300 * kFreqScale));
    QCOMPARE(driver.kernelFrequencyPpm(), 700.0);
}

void TestKernelClockDriver::slewRemovesOffset_data()
{
    QTest::addColumn<double>("basePpm");
    QTest::addColumn<double>("offset");

    QTest::newRow("+250 ms") << -12.5 << 0.25;
    QTest::newRow("-250 ms") << -12.5 << -0.25;
    QTest::newRow("+1 ms fast clock") << 480.0 << 1e-3;
    QTest::newRow("-3 s slow clock") << -730.25 << -3.0;
    QTest::newRow("+20 us") << 3.0 << 20e-6;
}

void TestKernelClockDriver::slewRemovesOffset()
{
    QFETCH(double, basePpm);
    QFETCH(double, offset);

    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    driver.setFrequencyPpm(basePpm);
    IdealClock ideal(kernel, basePpm);

    driver.slew(offset);
    ideal.addOffset(offset);
    QVERIFY2(driver.lastError().empty(), driver.lastError().c_str());
    QVERIFY(std::abs(driver.pendingSlew(kernel.now()) - offset) < 1e-12);
    QVERIFY(std::abs(ideal.rawLead() + offset) < kServedTolerance);
    QVERIFY(driver.nextWakeup().has_value());

    // Twice the longest leg: the slew must be over by then.
    const double worst = runSlew(kernel, driver, ideal, 2 * KernelClockDriver::kMaxSlewDuration);
    QVERIFY2(worst < kServedTolerance, qPrintable(QString::number(worst)));
    // The clock itself has gained the offset, nothing is pending, the base frequency runs.
    QVERIFY2(std::abs(ideal.rawLead()) < kServedTolerance, qPrintable(QString::number(ideal.rawLead())));
    QVERIFY(std::abs(driver.pendingSlew(kernel.now())) < kServedTolerance);
    QVERIFY(std::abs(driver.kernelFrequencyPpm() - basePpm) < 1.0 / kFreqScale);
    QVERIFY(!kernel.frequencyClamped);
    QCOMPARE(kernel.status & STA_PLL, 0);
    QCOMPARE(kernel.settimeCalls, 0);
    QVERIFY(kernel.setOffsets.empty());
}

void TestKernelClockDriver::slewDurationFollowsCorrectionRate()
{
    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    const RealTime start = kernel.now();

    // chrony: a leg takes correctionRate / |offset|.
    driver.slew(1e-3);
    const double expected = KernelClockDriver::kDefaultCorrectionRate / 1e-3;
    QVERIFY(std::abs(seconds(*driver.nextWakeup() - start) - expected) < 0.01);
    QVERIFY(std::abs(driver.kernelFrequencyPpm() - 1e-3 / expected * kPpm) < 0.01);

    // Half-way, half is left.
    kernel.advanceTo(start + fromSeconds(expected / 2));
    QVERIFY(std::abs(driver.pendingSlew(kernel.now()) - 0.5e-3) < 1e-6);

    // An explicit rate: 1 ms over 100 s at 10 ppm.
    FakeKernel other;
    KernelClockDriver explicitRate(other);
    QVERIFY(explicitRate.open());
    explicitRate.slew(1e-3, 0.1);
    QVERIFY(std::abs(seconds(*explicitRate.nextWakeup() - other.now()) - 100) < 0.01);
    QVERIFY(std::abs(explicitRate.kernelFrequencyPpm() - 10) < 1e-3);
}

void TestKernelClockDriver::slewRespectsMaxSlewRate()
{
    constexpr double kMaxSlewRatePpm = 500;
    constexpr double kBasePpm = 40;
    constexpr double kOffset = -0.1;

    FakeKernel kernel;
    KernelClockDriver::Options options;
    options.maxSlewRatePpm = kMaxSlewRatePpm;
    KernelClockDriver driver(kernel, options);
    QVERIFY(driver.open());
    driver.setFrequencyPpm(kBasePpm);
    IdealClock ideal(kernel, kBasePpm);
    const RealTime start = kernel.now();

    driver.slew(kOffset);
    ideal.addOffset(kOffset);
    const double correction = driver.kernelFrequencyPpm() - kBasePpm;
    QVERIFY2(std::abs(correction + kMaxSlewRatePpm * (1 + kBasePpm / kPpm)) < 1e-3,
             qPrintable(QString::number(correction)));

    // At most 500 us per s: after 100 s half of it is still to go.
    kernel.advanceTo(start + std::chrono::seconds(100));
    QVERIFY(std::abs(driver.pendingSlew(kernel.now()) - kOffset / 2) < 1e-4);

    const double worst = runSlew(kernel, driver, ideal, 1000);
    QVERIFY(worst < kServedTolerance);
    QVERIFY(std::abs(ideal.rawLead()) < kServedTolerance);
    QVERIFY(std::abs(driver.kernelFrequencyPpm() - kBasePpm) < 1.0 / kFreqScale);
}

void TestKernelClockDriver::slewSurvivesFrequencyChangeAndStep()
{
    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    driver.setFrequencyPpm(100);
    IdealClock ideal(kernel, 100);

    driver.slew(0.5);
    ideal.addOffset(0.5);
    kernel.advance(2.0);
    QVERIFY(std::abs(ideal.servedError(driver)) < kServedTolerance);

    // A new frequency estimate in the middle of the slew: the slew goes on around it.
    driver.setFrequencyPpm(-250);
    ideal.setBase(-250);
    QVERIFY(std::abs(ideal.servedError(driver)) < kServedTolerance);
    kernel.advance(1.0);
    QVERIFY(std::abs(ideal.servedError(driver)) < kServedTolerance);

    // A step does not disturb what is left of the slew.
    const double pendingBefore = driver.pendingSlew(kernel.now());
    driver.step(-2.0);
    ideal.addOffset(-2.0);
    QVERIFY(std::abs(driver.pendingSlew(kernel.now()) - pendingBefore) < 1e-12);
    QVERIFY(std::abs(ideal.servedError(driver)) < kServedTolerance);

    const double worst = runSlew(kernel, driver, ideal, 100);
    QVERIFY2(worst < kServedTolerance, qPrintable(QString::number(worst)));
    QVERIFY(std::abs(ideal.rawLead()) < kServedTolerance);
    QVERIFY(std::abs(driver.kernelFrequencyPpm() + 250) < 1.0 / kFreqScale);
}

void TestKernelClockDriver::shutdownEndsRunningSlew()
{
    FakeKernel kernel;
    {
        KernelClockDriver driver(kernel);
        QVERIFY(driver.open());
        driver.setFrequencyPpm(-33.5);
        driver.slew(2.0);
        QVERIFY(std::abs(static_cast<double>(kernel.frequencyPpm()) + 33.5) > 1000);
    }
    // A slew left running would move the clock 83333 ppm until the next start.
    QCOMPARE(static_cast<double>(kernel.frequencyPpm()), -33.5);
}

void TestKernelClockDriver::stepUsesExactSetOffset_data()
{
    QTest::addColumn<double>("offset");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<qint64>("nanos");

    QTest::newRow("+1.5 s") << 1.5 << qint64(1) << qint64(500'000'000);
    QTest::newRow("-1.5 s") << -1.5 << qint64(-2) << qint64(500'000'000);
    QTest::newRow("-0.25 s") << -0.25 << qint64(-1) << qint64(750'000'000);
    QTest::newRow("-1 ns") << -1e-9 << qint64(-1) << qint64(999'999'999);
    QTest::newRow("+1 ns") << 1e-9 << qint64(0) << qint64(1);
    QTest::newRow("+123.456789012 s") << 123.456789012 << qint64(123) << qint64(456'789'012);
    QTest::newRow("-86400.000000001 s") << -86400.000000001 << qint64(-86401) << qint64(999'999'999);
    QTest::newRow("1970 to 2025") << 1.75e9 << qint64(1'750'000'000) << qint64(0);
}

void TestKernelClockDriver::stepUsesExactSetOffset()
{
    QFETCH(double, offset);
    QFETCH(qint64, seconds);
    QFETCH(qint64, nanos);

    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    driver.setSyncStatus({true, LeapIndicator::None, 0.01, 0.001});
    QCOMPARE(kernel.status & STA_UNSYNC, 0);
    const std::int64_t before = kernel.nowNs;

    driver.step(offset);
    QVERIFY2(driver.lastError().empty(), driver.lastError().c_str());
    QCOMPARE(kernel.setOffsets.size(), std::size_t(1));
    QCOMPARE(kernel.modesSeen.back(), unsigned(ADJ_SETOFFSET | ADJ_NANO));
    QCOMPARE(qint64(kernel.setOffsets[0].tv_sec), seconds);
    QCOMPARE(qint64(kernel.setOffsets[0].tv_usec), nanos);
    QCOMPARE(kernel.nowNs - before, seconds * kNanosPerSecond + nanos);
    QCOMPARE(kernel.settimeCalls, 0);
    // The kernel drops its synchronised state on a step; the next status update restores it.
    QVERIFY(kernel.status & STA_UNSYNC);
    driver.setSyncStatus({true, LeapIndicator::None, 0.01, 0.001});
    QCOMPARE(kernel.status & STA_UNSYNC, 0);
}

void TestKernelClockDriver::stepRejectsNonsense()
{
    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    const std::size_t calls = kernel.modesSeen.size();

    driver.step(0.0);
    QVERIFY(driver.lastError().empty());
    driver.step(std::nan(""));
    QCOMPARE(driver.lastErrno(), EINVAL);
    driver.step(1e300);
    QCOMPARE(driver.lastErrno(), EINVAL);
    QCOMPARE(kernel.modesSeen.size(), calls);
    QCOMPARE(kernel.nowNs, kStartNs);
    QCOMPARE(driver.failureCount(), std::uint64_t(2));
}

void TestKernelClockDriver::syncStatus_data()
{
    QTest::addColumn<bool>("synchronised");
    QTest::addColumn<int>("leap");
    QTest::addColumn<double>("maxError");
    QTest::addColumn<double>("estimatedError");
    QTest::addColumn<bool>("rtcSync");
    QTest::addColumn<int>("bits");
    QTest::addColumn<long>("maxErrorUs");
    QTest::addColumn<long>("estErrorUs");

    const auto none = int(LeapIndicator::None);
    QTest::newRow("synchronised") << true << none << 0.01 << 0.001 << true << 0 << 10'000L << 1'000L;
    QTest::newRow("insert") << true << int(LeapIndicator::InsertSecond) << 0.01 << 0.001 << true << STA_INS << 10'000L
                            << 1'000L;
    QTest::newRow("delete") << true << int(LeapIndicator::DeleteSecond) << 0.01 << 0.001 << true << STA_DEL << 10'000L
                            << 1'000L;
    QTest::newRow("unsynchronised") << false << none << 0.01 << 0.001 << true << STA_UNSYNC << kPhaseLimitUs
                                    << kPhaseLimitUs;
    QTest::newRow("leap unsynchronised") << true << int(LeapIndicator::Unsynchronised) << 0.01 << 0.001 << true
                                         << STA_UNSYNC << kPhaseLimitUs << kPhaseLimitUs;
    QTest::newRow("max error beyond 16 s")
        << true << none << 20.0 << 0.001 << true << STA_UNSYNC << kPhaseLimitUs << 1'000L;
    QTest::newRow("no rtcsync") << true << none << 0.01 << 0.001 << false << STA_UNSYNC << 10'000L << 1'000L;
    QTest::newRow("no rtcsync, insert") << true << int(LeapIndicator::InsertSecond) << 0.01 << 0.001 << false
                                        << (STA_UNSYNC | STA_INS) << 10'000L << 1'000L;
    QTest::newRow("NaN error") << true << none << std::nan("") << 0.001 << true << STA_UNSYNC << kPhaseLimitUs
                               << 1'000L;
}

void TestKernelClockDriver::syncStatus()
{
    QFETCH(bool, synchronised);
    QFETCH(int, leap);
    QFETCH(double, maxError);
    QFETCH(double, estimatedError);
    QFETCH(bool, rtcSync);
    QFETCH(int, bits);
    QFETCH(long, maxErrorUs);
    QFETCH(long, estErrorUs);

    FakeKernel kernel;
    KernelClockDriver::Options options;
    options.rtcSync = rtcSync;
    KernelClockDriver driver(kernel, options);
    QVERIFY(driver.open());
    driver.setSyncStatus({synchronised, static_cast<LeapIndicator>(leap), maxError, estimatedError});
    QVERIFY2(driver.lastError().empty(), driver.lastError().c_str());
    QCOMPARE(kernel.status & (STA_UNSYNC | STA_INS | STA_DEL | STA_PLL), bits);
    QCOMPARE(kernel.maxerror, maxErrorUs);
    QCOMPARE(kernel.esterror, estErrorUs);
}

void TestKernelClockDriver::syncStatusIncludesPendingSlewAndClearsLeap()
{
    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    driver.setSyncStatus({true, LeapIndicator::InsertSecond, 0.01, 0.001});
    QVERIFY(kernel.status & STA_INS);

    // An offset still being slewed is error the kernel's bounds must cover.
    driver.slew(-0.002, 1.0);
    driver.setSyncStatus({true, LeapIndicator::None, 0.01, 0.001});
    QCOMPARE(kernel.status & (STA_UNSYNC | STA_INS | STA_DEL), 0);
    QCOMPARE(kernel.maxerror, 12'000L);
    QCOMPARE(kernel.esterror, 2'000L);
}

void TestKernelClockDriver::syncStatusSetsTaiOffset()
{
    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    const auto adjTaiCalls = [&] {
        return std::count_if(kernel.modesSeen.begin(), kernel.modesSeen.end(),
                             [](unsigned modes) { return (modes & ADJ_TAI) != 0; });
    };
    // Not known (0) or not synchronised: the kernel's value is left alone.
    driver.setSyncStatus({true, LeapIndicator::None, 0.01, 0.001, 0});
    driver.setSyncStatus({false, LeapIndicator::Unsynchronised, 0.01, 0.001, 37});
    QCOMPARE(kernel.tai, 0);
    QCOMPARE(adjTaiCalls(), 0);

    driver.setSyncStatus({true, LeapIndicator::None, 0.01, 0.001, 37});
    QVERIFY2(driver.lastError().empty(), driver.lastError().c_str());
    QCOMPARE(kernel.tai, 37);
    QCOMPARE(adjTaiCalls(), 1);

    // Together with an announced leap, as chronyd sets them.
    driver.setSyncStatus({true, LeapIndicator::InsertSecond, 0.01, 0.001, 37});
    QVERIFY(kernel.status & STA_INS);
    QCOMPARE(kernel.tai, 37);
    QCOMPARE(adjTaiCalls(), 2);

    // Someone else changed it: mended at the next update.
    kernel.tai = 5;
    driver.setSyncStatus({true, LeapIndicator::None, 0.01, 0.001, 37});
    QCOMPARE(kernel.tai, 37);
    QCOMPARE(adjTaiCalls(), 3);
}

void TestKernelClockDriver::refusedOpenIsReported()
{
    FakeKernel kernel;
    kernel.privileged = false;
    KernelClockDriver driver(kernel);
    QVERIFY(!driver.open());
    QVERIFY(!driver.isOpen());
    QCOMPARE(driver.lastErrno(), EPERM);
    QVERIFY2(driver.lastError().find("not permitted") != std::string::npos, driver.lastError().c_str());

    // Nothing else reaches the kernel, and nothing aborts.
    const std::size_t calls = kernel.modesSeen.size();
    driver.setFrequencyPpm(10);
    QVERIFY(!driver.lastError().empty());
    driver.slew(0.1);
    driver.step(1);
    driver.setSyncStatus({true, LeapIndicator::None, 0.01, 0.001});
    driver.handleTimeout();
    QCOMPARE(kernel.modesSeen.size(), calls);
    QVERIFY(!driver.nextWakeup());
    QCOMPARE(driver.failureCount(), std::uint64_t(6));
}

void TestKernelClockDriver::refusedCallsAreReported()
{
    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    driver.setFrequencyPpm(25);
    const long tick = kernel.tick;
    const long freq = kernel.freq;
    kernel.privileged = false; // e.g. CAP_SYS_TIME dropped

    driver.setFrequencyPpm(300);
    QCOMPARE(driver.lastErrno(), EPERM);
    QCOMPARE(driver.frequencyPpm(), 25.0);
    QCOMPARE(kernel.tick, tick);
    QCOMPARE(kernel.freq, freq);

    // A refused slew stays pending: the clock is not gaining it.
    IdealClock ideal(kernel, 25);
    driver.slew(0.1);
    ideal.addOffset(0.1);
    QCOMPARE(driver.lastErrno(), EPERM);
    kernel.advance(10);
    QVERIFY(std::abs(driver.pendingSlew(kernel.now()) - 0.1) < 1e-12);
    QVERIFY(std::abs(ideal.servedError(driver)) < kServedTolerance);

    const std::int64_t before = kernel.nowNs;
    driver.step(1.0);
    QCOMPARE(driver.lastErrno(), EPERM);
    QCOMPARE(kernel.nowNs, before);

    driver.setSyncStatus({true, LeapIndicator::None, 0.01, 0.001});
    QCOMPARE(driver.lastErrno(), EPERM);
    QVERIFY(kernel.status & STA_UNSYNC);
    QCOMPARE(driver.failureCount(), std::uint64_t(4));

    // Permission back: the next wakeup starts the slew and it completes.
    kernel.privileged = true;
    const double worst = runSlew(kernel, driver, ideal, 3 * KernelClockDriver::kMaxSlewDuration);
    QVERIFY(driver.lastError().empty());
    QVERIFY(worst < kServedTolerance);
    QVERIFY(std::abs(ideal.rawLead()) < kServedTolerance);
}

void TestKernelClockDriver::clockReadFailureIsReported()
{
    FakeKernel kernel;
    KernelClockDriver driver(kernel);
    QVERIFY(driver.open());
    kernel.failGettime = EIO;
    driver.slew(0.1);
    QCOMPARE(driver.lastErrno(), EIO);
    QVERIFY(driver.lastError().find("reading the clock") != std::string::npos);
    driver.setFrequencyPpm(10);
    QCOMPARE(driver.lastErrno(), EIO);
    QCOMPARE(driver.frequencyPpm(), 0.0);
    QCOMPARE(kernel.freq, 0L);
}

void TestKernelClockDriver::systemApiReadOnlyQuery()
{
    // Only a query (modes = 0): this never changes the machine's clock.
    SystemKernelClockApi api;
    timex tx{};
    tx.modes = 0;
    const int state = api.adjtime(tx);
    if (state < 0)
        QSKIP("clock_adjtime queries are not allowed here");
    const long hz = api.userHz();
    QVERIFY(hz > 0);
    const long nominal = (1'000'000 + hz / 2) / hz;
    QVERIFY(tx.tick >= nominal * 9 / 10 && tx.tick <= nominal * 11 / 10);
    QVERIFY(std::abs(tx.freq) <= kKernelMaxFreqScaled);
    timespec ts{};
    QCOMPARE(api.gettime(ts), 0);
    QVERIFY(ts.tv_sec > 1'600'000'000);
}

QTEST_APPLESS_MAIN(TestKernelClockDriver)
#include "tst_kernelclockdriver.moc"
