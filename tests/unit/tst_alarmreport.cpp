// Alarms on the control protocol: in the snapshot's JSON (one field description, both ways),
// the `alarms` query, and `stratumctl alarms`'s table.
#include "chronyc/AlarmFormat.h"
#include "control/ControlQueries.h"
#include "json/ControlProtocol.h"
#include "json/SnapshotJson.h"

#include <QJsonArray>
#include <QtTest>

using namespace s1;

namespace {

const RealTime kRaised = realTimeFromNanos(1'780'000'000LL * kNanosPerSecond + 123); // 2026-05-28 20:26:40

std::vector<Alarm> sampleAlarms()
{
    Alarm pps;
    pps.id = 2;
    pps.kind = AlarmKind::PpsLost;
    pps.severity = AlarmSeverity::Critical;
    pps.raised = kRaised;
    pps.subject = "PPS0";
    pps.text = "PPS refclock PPS0 stopped delivering pulses.";
    pps.fix = "Check the PPS wire.";
    Alarm step;
    step.id = 1;
    step.kind = AlarmKind::ClockStepped;
    step.severity = AlarmSeverity::Warning;
    step.raised = kRaised - std::chrono::minutes(20);
    step.cleared = kRaised - std::chrono::minutes(10);
    step.text = "The clock was stepped by 0.250000 s.";
    step.fix = "A step at start is what `makestep` is for.";
    return {pps, step};
}

} // namespace

class TestAlarmReport : public QObject
{
    Q_OBJECT
private slots:
    void snapshotJsonRoundTrip();
    void alarmJsonFields();
    void unknownKindIsAnError();
    void alarmsQuery();
    void table();
    void emptyTable();
};

void TestAlarmReport::snapshotJsonRoundTrip()
{
    EngineSnapshot s;
    s.time = kRaised;
    s.alarms = sampleAlarms();
    QString error;
    const auto back = snapshotFromJson(snapshotToJson(s), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->alarms, s.alarms);
    QVERIFY(*back == s);
}

void TestAlarmReport::alarmJsonFields()
{
    const QJsonObject o = alarmToJson(sampleAlarms()[1]);
    QCOMPARE(o.value(QStringLiteral("id")).toInteger(), 1);
    QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("clock-stepped"));
    QCOMPARE(o.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
    QCOMPARE(o.value(QStringLiteral("raised")).toString(), QStringLiteral("1779998800000000123"));
    QCOMPARE(o.value(QStringLiteral("cleared")).toString(), QStringLiteral("1779999400000000123"));
    QCOMPARE(o.value(QStringLiteral("subject")).toString(), QString());
    QCOMPARE(o.value(QStringLiteral("fix")).toString(), QStringLiteral("A step at start is what `makestep` is for."));
    QVERIFY(alarmToJson(sampleAlarms()[0]).value(QStringLiteral("cleared")).isNull());
    for (AlarmKind kind : kAlarmKinds)
        QCOMPARE(alarmKindFromString(toString(kind)), std::optional(kind));
}

void TestAlarmReport::unknownKindIsAnError()
{
    QJsonObject o = alarmToJson(sampleAlarms()[0]);
    o.insert(QStringLiteral("kind"), QStringLiteral("kettle-boiling"));
    QString error;
    QVERIFY(!alarmFromJson(o, &error));
    QVERIFY2(error.contains(QStringLiteral("kettle-boiling")), qPrintable(error));
}

void TestAlarmReport::alarmsQuery()
{
    QCOMPARE(control::commandFromName("alarms"), std::optional(control::Command::Alarms));
    QVERIFY(!control::changesState(control::Command::Alarms));
    EngineSnapshot s;
    s.time = kRaised;
    s.alarms = sampleAlarms();
    control::ControlRequest request;
    request.command = control::Command::Alarms;
    const ControlAnswer answer = answerQuery(request, &s, CommandCounters{});
    QVERIFY(answer.ok);
    const QJsonArray array = answer.result.toArray();
    QCOMPARE(array.size(), 2);
    QCOMPARE(array.at(0).toObject(), alarmToJson(s.alarms[0]));
}

void TestAlarmReport::table()
{
    const std::string text = formatAlarms(sampleAlarms());
    const std::string expected =
        "S Severity Raised (UTC)        Cleared (UTC)       Kind                 Subject\n"
        "================================================================================================\n"
        "! critical 2026-05-28 20:26:40 -                   pps-lost             PPS0\n"
        "    PPS refclock PPS0 stopped delivering pulses.\n"
        "    Fix: Check the PPS wire.\n"
        "  warning  2026-05-28 20:06:40 2026-05-28 20:16:40 clock-stepped        -\n"
        "    The clock was stepped by 0.250000 s.\n"
        "    Fix: A step at start is what `makestep` is for.\n";
    QCOMPARE(QString::fromStdString(text), QString::fromStdString(expected));
}

void TestAlarmReport::emptyTable()
{
    QCOMPARE(formatAlarms({}), std::string("No alarms.\n"));
}

QTEST_APPLESS_MAIN(TestAlarmReport)
#include "tst_alarmreport.moc"
