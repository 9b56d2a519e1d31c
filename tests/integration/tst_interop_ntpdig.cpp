// ntpdig (ntpsec) against our service on the standard port 123. ntpdig cannot be pointed at
// another port, so the service runs in a network namespace of the test's own, where port 123 is
// ours and nothing leaves loopback. Needs root; skipped with a message otherwise.
#include "ProcessHelpers.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>
#include <unistd.h>

#include <cmath>

using namespace std::chrono_literals;

namespace {

constexpr double kMaxOffset = 1e-3; // s: ntpdig rounds and runs a Python interpreter

bool runIp(const QStringList &arguments, QString *error = nullptr)
{
    QProcess ip;
    ip.setProcessChannelMode(QProcess::MergedChannels);
    ip.start(QStringLiteral("ip"), arguments);
    const bool ok = ip.waitForFinished(10000) && ip.exitStatus() == QProcess::NormalExit && ip.exitCode() == 0;
    if (!ok && error)
        *error = QString::fromUtf8(ip.readAll()).trimmed();
    return ok;
}

} // namespace

class TestInteropNtpdig : public QObject
{
    Q_OBJECT
private slots:
    void ntpdigQueriesPort123InNamespace();
};

void TestInteropNtpdig::ntpdigQueriesPort123InNamespace()
{
    const QStringList ntpdig = s1test::ntpdigCommand();
    S1_REQUIRE_PEER(ntpdig.join(' '), "ntpdig");
    if (geteuid() != 0)
        QSKIP("needs root to create a network namespace for port 123");

    const QString ns = QStringLiteral("s1test-%1").arg(getpid());
    QString error;
    if (!runIp({"netns", "add", ns}, &error))
        QSKIP(qPrintable("cannot create a network namespace: " + error));
    const auto cleanup = qScopeGuard([&] { runIp({"netns", "del", ns}); });
    QVERIFY2(runIp({"netns", "exec", ns, "ip", "link", "set", "lo", "up"}, &error), qPrintable(error));

    QTemporaryDir dir;
    const QString conf = s1test::writeFile(dir, "stratumone.conf", "allow 127.0.0.1\nlocal stratum 1\n");
    QProcess service;
    service.start(QStringLiteral("ip"), {"netns", "exec", ns, s1test::ourBinary("stratumone"), "--service", "-f", conf,
                                         "-x", "--control-socket", dir.filePath("control.sock")});
    QByteArray log;
    const bool serving = s1test::waitFor(
        [&] {
            log += service.readAllStandardError();
            return log.contains("serving NTP on UDP port 123") || service.state() == QProcess::NotRunning;
        },
        10s);
    QVERIFY2(serving && service.state() == QProcess::Running, log.constData());

    QProcess dig;
    dig.setProcessEnvironment(s1test::ntpdigEnvironment());
    dig.setProcessChannelMode(QProcess::MergedChannels);
    dig.start(QStringLiteral("ip"), QStringList{"netns", "exec", ns} + ntpdig + QStringList{"-t", "2", "127.0.0.1"});
    QVERIFY(dig.waitForFinished(30000));
    const QString out = QString::fromUtf8(dig.readAll());
    QVERIFY(s1test::stopProcess(service, SIGTERM, 10s));
    QCOMPARE(dig.exitCode(), 0);

    // e.g. "2026-11-21 10:01:02.123456 (+0000) +0.000012 +/- 0.000023 127.0.0.1 s1 no-leap"
    const QRegularExpression line(
        QStringLiteral(R"(\(\+\d{4}\) ([-+][0-9.]+) \+/- ([0-9.]+) 127\.0\.0\.1 s(\d+) (\S+))"));
    const auto match = line.match(out);
    QVERIFY2(match.hasMatch(), qPrintable(out));
    // The server's clock is the client's (one host): the offset must be zero within what the
    // exchange itself allows, ntpdig's "+/-" (half the round trip; milliseconds on a loaded
    // machine, where a fixed bound alone failed one run in four), plus its rounding.
    QVERIFY2(std::abs(match.captured(1).toDouble()) < kMaxOffset + match.captured(2).toDouble(), qPrintable(out));
    QCOMPARE(match.captured(3).toInt(), 1);
    QCOMPARE(match.captured(4), QStringLiteral("no-leap"));
}

QTEST_GUILESS_MAIN(TestInteropNtpdig)
#include "tst_interop_ntpdig.moc"
