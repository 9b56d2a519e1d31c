// `alarmcommand PATH`: AlarmNotifier runs a real program (a small shell script that writes its
// arguments and environment to a file) for each alarm raised and cleared between snapshots,
// asynchronously; a failing program is logged; runs beyond the rate limit are dropped and
// logged; and the service log gets one line per raise and clear.
#include "host/AlarmNotifier.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>

using namespace s1;

namespace {

const RealTime kRaised = realTimeFromNanos(1'780'000'000LL * kNanosPerSecond); // 2026-05-28T20:26:40Z

Alarm ppsLost()
{
    Alarm a;
    a.id = 7;
    a.kind = AlarmKind::PpsLost;
    a.severity = AlarmSeverity::Critical;
    a.raised = kRaised;
    a.subject = "PPS0";
    a.text = "PPS refclock PPS0 stopped delivering pulses.";
    a.fix = "Check the PPS wire.";
    return a;
}

// A script that appends one line per run: its arguments, then the environment it was given.
QString writeScript(const QTemporaryDir &dir, const QString &out, int exitCode = 0)
{
    const QString path = dir.filePath(QStringLiteral("alarm.sh"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral("#!/bin/sh\n"
                           "printf '%s|' \"$@\" >> '%1'\n"
                           "printf 'env:%s|%s|%s|%s|%s|%s|%s\\n' \"$S1_ALARM_EVENT\" \"$S1_ALARM_KIND\" "
                           "\"$S1_ALARM_SEVERITY\" \"$S1_ALARM_SUBJECT\" \"$S1_ALARM_FIX\" \"$S1_ALARM_RAISED\" "
                           "\"$S1_ALARM_CLEARED\" >> '%1'\n"
                           "exit %2\n")
                .arg(out)
                .arg(exitCode)
                .toUtf8());
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

QStringList linesOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

EngineSnapshot withAlarms(std::vector<Alarm> alarms)
{
    EngineSnapshot s;
    s.time = kRaised;
    s.alarms = std::move(alarms);
    return s;
}

} // namespace

class TestAlarmCommand : public QObject
{
    Q_OBJECT
private slots:
    void changesBetweenSnapshots();
    void runsTheCommandOnRaiseAndClear();
    void failingCommandIsLogged();
    void missingCommandIsLogged();
    void runsAreRateLimited();
};

void TestAlarmCommand::changesBetweenSnapshots()
{
    Alarm a = ppsLost();
    auto changes = AlarmNotifier::changes({}, {a});
    QCOMPARE(changes.size(), std::size_t(1));
    QVERIFY(changes[0].raised);
    QVERIFY(AlarmNotifier::changes({a}, {a}).empty());
    Alarm cleared = a;
    cleared.cleared = kRaised + std::chrono::seconds(5);
    changes = AlarmNotifier::changes({a}, {cleared});
    QCOMPARE(changes.size(), std::size_t(1));
    QVERIFY(!changes[0].raised);
    // Raised and cleared between two snapshots: both, in order.
    changes = AlarmNotifier::changes({}, {cleared});
    QCOMPARE(changes.size(), std::size_t(2));
    QVERIFY(changes[0].raised && changes[0].alarm.active());
    QVERIFY(!changes[1].raised);
    // A new engine numbers again: same id, another raise time, is another alarm.
    Alarm again = a;
    again.raised += std::chrono::minutes(1);
    QCOMPARE(AlarmNotifier::changes({cleared}, {again}).size(), std::size_t(1));
}

void TestAlarmCommand::runsTheCommandOnRaiseAndClear()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("calls.txt"));
    AlarmNotifier notifier;
    notifier.setCommand(writeScript(dir, out));
    QSignalSpy finished(&notifier, &AlarmNotifier::commandFinished);

    QTest::ignoreMessage(QtCriticalMsg,
                         "raised critical pps-lost (PPS0): PPS refclock PPS0 stopped delivering pulses.");
    Alarm a = ppsLost();
    notifier.record(withAlarms({a}));
    // Nothing new: no second run.
    notifier.record(withAlarms({a}));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);

    QTest::ignoreMessage(QtInfoMsg, "cleared critical pps-lost (PPS0): PPS refclock PPS0 stopped delivering pulses.");
    a.cleared = kRaised + std::chrono::seconds(64);
    notifier.record(withAlarms({a}));
    QTRY_COMPARE(finished.size(), 2);

    const QStringList lines = linesOf(out);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QStringLiteral("raised|pps-lost|critical|PPS0|PPS refclock PPS0 stopped delivering pulses.|"
                                      "env:raised|pps-lost|critical|PPS0|Check the PPS wire.|2026-05-28T20:26:40Z|"));
    QCOMPARE(lines[1], QStringLiteral("cleared|pps-lost|critical|PPS0|PPS refclock PPS0 stopped delivering pulses.|"
                                      "env:cleared|pps-lost|critical|PPS0|Check the PPS wire.|2026-05-28T20:26:40Z|"
                                      "2026-05-28T20:27:44Z"));
}

void TestAlarmCommand::failingCommandIsLogged()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("calls.txt"));
    AlarmNotifier notifier;
    const QString script = writeScript(dir, out, 3);
    notifier.setCommand(script);
    QSignalSpy finished(&notifier, &AlarmNotifier::commandFinished);
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("^raised critical pps-lost")));
    QTest::ignoreMessage(
        QtWarningMsg,
        qPrintable(QStringLiteral("alarmcommand %1 for raised pps-lost exited with status 3").arg(script)));
    notifier.record(withAlarms({ppsLost()}));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), 3);
    QCOMPARE(linesOf(out).size(), 1);
}

void TestAlarmCommand::missingCommandIsLogged()
{
    AlarmNotifier notifier;
    notifier.setCommand(QStringLiteral("/nonexistent-s1/alarm"));
    QSignalSpy finished(&notifier, &AlarmNotifier::commandFinished);
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("^raised critical pps-lost")));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^alarmcommand /nonexistent-s1/alarm for raised pps-lost "
                                                           "could not be started")));
    notifier.record(withAlarms({ppsLost()}));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), -1);
}

void TestAlarmCommand::runsAreRateLimited()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("calls.txt"));
    AlarmNotifier notifier;
    notifier.setCommand(writeScript(dir, out));
    QSignalSpy finished(&notifier, &AlarmNotifier::commandFinished);
    // More alarms at once than a minute allows, each in its own snapshot so that kMaxRunning
    // is not what stops them: wait for each run to end.
    const int alarms = AlarmNotifier::kCommandBurst + 2;
    std::vector<Alarm> list;
    for (int i = 0; i < alarms; ++i) {
        Alarm a = ppsLost();
        a.id = static_cast<std::uint64_t>(100 + i);
        a.subject = "PPS" + std::to_string(i);
        list.push_back(a);
        // Always logged; run only within the limit.
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("^raised critical pps-lost")));
        if (i >= AlarmNotifier::kCommandBurst)
            QTest::ignoreMessage(QtWarningMsg,
                                 QRegularExpression(QStringLiteral("^alarmcommand not run for raised pps-lost")));
        notifier.record(withAlarms(list));
        if (i < AlarmNotifier::kCommandBurst)
            QTRY_COMPARE(finished.size(), i + 1);
    }
    QTest::qWait(200);
    QCOMPARE(finished.size(), AlarmNotifier::kCommandBurst);
    QCOMPARE(linesOf(out).size(), AlarmNotifier::kCommandBurst);
}

QTEST_GUILESS_MAIN(TestAlarmCommand)
#include "tst_alarmcommand.moc"
