// The `makestep` command on the virtual clock: the correction still being slewed is applied
// at once, and only that.

#include "clock/ClockDiscipline.h"

#include <QtTest>

using namespace s1;
using namespace std::chrono_literals;

namespace {
const RealTime kStart = realTimeFromNanos(1'790'000'000LL * kNanosPerSecond);
constexpr double kOffset = 0.5;      // s to gain: slewed at maxslewrate it takes seconds
constexpr double kTolerance = 1e-9;  // s
}

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

    void makeStepWithNothingPendingDoesNothing()
    {
        ClockDiscipline discipline(DisciplineConfig{}, kStart);
        QCOMPARE(discipline.makeStep(kStart + 5s), 0.0);
        QCOMPARE(discipline.correctionAt(kStart + 5s), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestClockDiscipline)
#include "tst_clockdiscipline.moc"
