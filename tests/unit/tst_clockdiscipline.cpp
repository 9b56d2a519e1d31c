// The `makestep` command on the virtual clock: the correction still being slewed is applied
// at once, and only that. And how a frequency estimate moves the clock's frequency: weighed
// against the skew of the one we have, as chrony's reference does.

#include "clock/ClockDiscipline.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {
const RealTime kStart = realTimeFromNanos(1'790'000'000LL * kNanosPerSecond);

// A clock that moves at once, and remembers the pace each slew was asked for.
class RecordingDriver : public ClockDriver
{
public:
    void setFrequencyPpm(double ppm) override { m_ppm = ppm; }
    void slew(double offset) override { slew(offset, 0.0); }
    void slew(double offset, double correctionRate) override
    {
        m_offset += offset;
        rates.push_back(correctionRate);
    }
    void step(double offset) override { m_offset += offset; }
    void setSyncStatus(const ClockSyncStatus &) override { }
    double frequencyPpm() const override { return m_ppm; }
    RealTime rawTime(RealTime clock) const override { return clock - fromSeconds(m_offset); }
    RealTime clockTime(RealTime raw) const override { return raw + fromSeconds(m_offset); }
    const std::string &lastError() const override { return m_error; }

    std::vector<double> rates; // s², per slew

private:
    double m_ppm = 0;
    double m_offset = 0; // s
    std::string m_error;
};

constexpr double kOffset = 0.5;     // s to gain: slewed at maxslewrate it takes seconds
constexpr double kTolerance = 1e-9; // s
} // namespace

class TestClockDiscipline : public QObject
{
    Q_OBJECT
private slots:
    void makeStepAppliesThePendingSlewAtOnce()
    {
        ClockDiscipline discipline(DisciplineConfig{}, kStart);
        ClockUpdate update;
        update.offset = kOffset;
        update.offsetSd = 1e-6;
        QCOMPARE(discipline.update(kStart, update), 0.0); // slewed, not stepped
        const RealTime later = kStart + 1s;
        const double before = discipline.correctionAt(later);
        QVERIFY(before > 0 && before < kOffset); // part of the way there
        const double stepped = discipline.makeStep(later);
        QVERIFY2(std::abs(stepped - (kOffset - before)) < kTolerance, qPrintable(QString::number(stepped)));
        QVERIFY(std::abs(discipline.correctionAt(later) - kOffset) < kTolerance);
        QVERIFY(std::abs(discipline.correctionAt(later + 10s) - kOffset) < kTolerance);
        // Nothing pending any more: a second makestep does nothing.
        QCOMPARE(discipline.makeStep(later), 0.0);
    }

    void correctionTimeRatioSetsTheSlewingPace()
    {
        // chrony's corrtimeratio: an offset the size of its SD is slewed away in ratio / 2
        // update intervals, so the pace the driver is given (correctionRate, s²: the time
        // taken is correctionRate / |offset|) grows with the ratio.
        constexpr double kOffsetSd = 2e-6; // s
        constexpr double kInterval = 64;   // s between updates
        const auto secondRate = [&](double ratio) {
            DisciplineConfig config;
            config.correctionTimeRatio = ratio;
            RecordingDriver driver;
            ClockDiscipline discipline(config, kStart, &driver);
            for (int i = 0; i < 2; ++i) {
                ClockUpdate update;
                update.offset = 1e-5 * (i + 1);
                update.offsetSd = kOffsetSd;
                update.skew = 1e-7;
                discipline.update(kStart + fromSeconds(kInterval * i), update);
            }
            return driver.rates.back();
        };
        // 0.5 * ratio * SD * interval: with the default ratio 3, 1.92e-4 s².
        QCOMPARE(secondRate(3.0), 0.5 * 3.0 * kOffsetSd * kInterval);
        QCOMPARE(secondRate(30.0), 0.5 * 30.0 * kOffsetSd * kInterval);
    }

    void makeStepWithNothingPendingDoesNothing()
    {
        ClockDiscipline discipline(DisciplineConfig{}, kStart);
        QCOMPARE(discipline.makeStep(kStart + 5s), 0.0);
        QCOMPARE(discipline.correctionAt(kStart + 5s), 0.0);
    }

    // The frequency the virtual clock runs at after one update: the correction line's slope.
    static double frequencyAfter(const DisciplineConfig &config, double estimate, double skew)
    {
        ClockDiscipline discipline(config, kStart);
        ClockUpdate update;
        update.offset = discipline.correctionAt(kStart); // no offset to slew
        update.offsetSd = 1e-6;
        update.frequency = estimate;
        update.skew = skew;
        discipline.update(kStart, update);
        constexpr double kSpan = 1000; // s
        return -(discipline.correctionAt(kStart + 1000s) - discipline.correctionAt(kStart)) / kSpan;
    }

    void frequencyEstimateWeighedByTheSkews()
    {
        // chrony's 102-iburst: a drift file good to 1 ppm, then four iburst samples over 6 s
        // whose frequency is 22 ppm off with a skew of 20 ppm. Taking the estimate as it came
        // ran the clock 22 ppm off for the minute until the next poll (1.5 ms under clknetsim).
        constexpr double kDriftPpm = 100, kEstimatePpm = 122, kEstimateSkewPpm = 20;
        DisciplineConfig trusted;
        trusted.initialFrequencyPpm = kDriftPpm;
        trusted.initialSkewPpm = 1.0;
        const double kept = frequencyAfter(trusted, kEstimatePpm * 1e-6, kEstimateSkewPpm * 1e-6);
        // gain = 3 * 1^2 / (3 * 1^2 + 20^2): under 1 % of the difference.
        const double gain = 3.0 / (3.0 + kEstimateSkewPpm * kEstimateSkewPpm);
        QVERIFY2(std::abs(kept - (kDriftPpm + gain * (kEstimatePpm - kDriftPpm)) * 1e-6) < 1e-9,
                 qPrintable(QString::number(kept * 1e6)));

        // Without a skew the start frequency is not trusted (chrony: 1 s/s): the estimate wins.
        DisciplineConfig untrusted;
        untrusted.initialFrequencyPpm = kDriftPpm;
        const double taken = frequencyAfter(untrusted, kEstimatePpm * 1e-6, kEstimateSkewPpm * 1e-6);
        QVERIFY2(std::abs(taken - kEstimatePpm * 1e-6) < 1e-9, qPrintable(QString::number(taken * 1e6)));

        // An estimate beyond maxupdateskew changes nothing.
        const double ignored = frequencyAfter(untrusted, kEstimatePpm * 1e-6, 2000e-6);
        QVERIFY2(std::abs(ignored - kDriftPpm * 1e-6) < 1e-9, qPrintable(QString::number(ignored * 1e6)));
    }

    void twoSampleFrequencyDoesNotHoldBackTheFirstRegression()
    {
        // chrony's 109-makestep, seed 2: the line through the first two samples (64 s apart,
        // 230 us delays) is 0.38 ppm off with a skew of 7.6 ppm (three standard deviations);
        // the regression through three samples, which contains those two, comes with a skew of
        // 40 ppm (a Student-t bound with one degree of freedom). Weighed against the first as if
        // it were an independent prior, the regression moved the frequency by a tenth of the
        // difference and the clock ran 0.38 ppm off for another minute.
        constexpr double kTwoSamplePpm = 100.38, kTwoSampleSkewPpm = 7.6;
        constexpr double kRegressionPpm = 100.0, kRegressionSkewPpm = 40;
        ClockDiscipline discipline(DisciplineConfig{}, kStart); // no drift file: untrusted start
        const auto updateAt = [&discipline](RealTime raw, double ppm, double skewPpm, bool provisional) {
            ClockUpdate update;
            update.offset = discipline.correctionAt(raw); // no offset to slew
            update.offsetSd = 1e-6;
            update.frequency = ppm * 1e-6;
            update.skew = skewPpm * 1e-6;
            update.provisionalFrequency = provisional;
            discipline.update(raw, update);
        };
        const auto frequencyAt = [&discipline](RealTime raw) {
            constexpr double kSpan = 1000; // s
            return -(discipline.correctionAt(raw + 1000s) - discipline.correctionAt(raw)) / kSpan;
        };
        updateAt(kStart, kTwoSamplePpm, kTwoSampleSkewPpm, true);
        // The first guess is applied as any estimate would be.
        QVERIFY2(std::abs(frequencyAt(kStart) - kTwoSamplePpm * 1e-6) < 1e-11,
                 qPrintable(QString::number(frequencyAt(kStart) * 1e6, 'f', 6)));
        const RealTime next = kStart + 64s;
        updateAt(next, kRegressionPpm, kRegressionSkewPpm, false);
        // Weighed against the untrusted start (1 s/s), not against the two-sample guess.
        const double gain = 3.0 / (3.0 + kRegressionSkewPpm * kRegressionSkewPpm * 1e-12);
        const double expected = (kTwoSamplePpm + gain * (kRegressionPpm - kTwoSamplePpm)) * 1e-6;
        QVERIFY2(std::abs(frequencyAt(next) - expected) < 1e-11,
                 qPrintable(QString::number(frequencyAt(next) * 1e6, 'f', 6)));
    }
};

QTEST_APPLESS_MAIN(TestClockDiscipline)
#include "tst_clockdiscipline.moc"
