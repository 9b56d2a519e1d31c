// Alarms end to end in the service: a GPS refclock whose serial port does not exist raises
// "gps-fix-lost" in the engine after its delay; the service logs it (s1.alarm), runs
// `alarmcommand` with it, and `stratumctl alarms [--json]` shows it.
#include "ProcessHelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <signal.h>

using namespace std::chrono_literals;

namespace {

// The fix alarm waits 10 s (AlarmMonitor::kGpsRaiseDelay) after the first GPS status.
constexpr auto kAlarmTimeout = 30s;
constexpr auto kCtlTimeout = 20s;
constexpr auto kStopTimeout = 10s;

} // namespace

class TestAlarmService : public QObject
{
    Q_OBJECT
private slots:
    void gpsWithoutPortRaisesAnAlarmEverywhere();
};

void TestAlarmService::gpsWithoutPortRaisesAnAlarmEverywhere()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString calls = dir.filePath(QStringLiteral("calls.txt"));
    const QString script = s1test::writeFile(
        dir, QStringLiteral("alarm.sh"),
        QStringLiteral("#!/bin/sh\necho \"$@|$S1_ALARM_SUBJECT|$S1_ALARM_FIX\" >> '%1'\n").arg(calls));
    QFile::setPermissions(script, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString config = s1test::writeFile(dir, QStringLiteral("s1.conf"),
                                             QStringLiteral("port 0\n"
                                                            "refclock NMEA /nonexistent-s1/ttyGPS refid GPS\n"
                                                            "alarmcommand %1\n")
                                                 .arg(script));
    const QString socket = dir.filePath(QStringLiteral("ctl.sock"));

    // Not a configuration warning: the directive is in effect.
    const s1test::RunResult check =
        s1test::runProgram(s1test::ourBinary("stratumone"), {"--check-config", config}, kCtlTimeout);
    QCOMPARE(check.exitCode, 0);
    QVERIFY2(!check.err.contains(QStringLiteral("alarmcommand")), qPrintable(check.err));

    QProcess service;
    service.start(s1test::ourBinary("stratumone"), {"--service", "-x", "-f", config, "--control-socket", socket});
    QVERIFY(service.waitForStarted());
    const bool ran = s1test::waitFor(
        [&] {
            QFile f(calls);
            return f.open(QIODevice::ReadOnly) && f.readAll().contains("raised gps-fix-lost");
        },
        kAlarmTimeout);

    const s1test::RunResult table =
        s1test::runProgram(s1test::ourBinary("stratumctl"), {"-s", socket, "alarms"}, kCtlTimeout);
    const s1test::RunResult json =
        s1test::runProgram(s1test::ourBinary("stratumctl"), {"-s", socket, "alarms", "--json"}, kCtlTimeout);
    QVERIFY(s1test::stopProcess(service, SIGTERM, kStopTimeout));
    const QString log = QString::fromUtf8(service.readAllStandardError());
    QVERIFY2(ran, qPrintable(log));

    QFile f(calls);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()).section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("raised gps-fix-lost warning GPS The GPS receiver has sent nothing.|GPS|Check the "
                            "receiver's serial cable, its power and the baud rate; stop gpsd or any other program "
                            "reading the same port."));

    QCOMPARE(table.exitCode, 0);
    const QString row = s1test::lineStartingWith(table.out, QStringLiteral("! warning"));
    QVERIFY2(row.contains(QStringLiteral("gps-fix-lost")) && row.endsWith(QStringLiteral("GPS")),
             qPrintable(table.out));
    QVERIFY(table.out.contains(QStringLiteral("    The GPS receiver has sent nothing.\n")));

    QCOMPARE(json.exitCode, 0);
    const QJsonArray alarms = QJsonDocument::fromJson(json.out.toUtf8()).array();
    QVERIFY(!alarms.isEmpty());
    QCOMPARE(alarms.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("gps-fix-lost"));
    QVERIFY(alarms.at(0).toObject().value(QStringLiteral("cleared")).isNull());

    QVERIFY2(
        log.contains(QStringLiteral("s1.alarm: raised warning gps-fix-lost (GPS): The GPS receiver has sent nothing.")),
        qPrintable(log));
}

QTEST_GUILESS_MAIN(TestAlarmService)
#include "tst_alarmservice.moc"
