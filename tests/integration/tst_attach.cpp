// The window attached to a running service, end to end: the real `stratumone --service -x`
// polling a loopback server (a plain host at stratum 1), and a MainWindow in this process fed by
// a ServiceViewer over the control socket. The window shows the service's source and reference;
// when the service stops it keeps the last state marked stale, and when it is back it goes live
// again. The window's actions reach the service: "Step clock now" (confirmed) is its makestep,
// "Reload configuration" its reload, and both come back as successes on screen. Also
// `stratumone --attach` itself (a screenshot through it) and its argument checks.
//
// The attached window is saved to S1_SCREENSHOT_DIR (if set, else /tmp) as attached.png.
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"

#include "MainWindow.h"
#include "ServiceProbe.h"
#include "ServiceViewer.h"
#include "SourcesTableModel.h"
#include "host/SnapshotMetaTypes.h"
#include "transport/ControlServer.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

constexpr auto kSocketTimeout = 10s;
constexpr auto kReachTimeout = 30s; // 8 polls at 0.25 s plus selection, with margin
constexpr auto kStopTimeout = 10s;
constexpr auto kProgramTimeout = 30s;
// A reload restarts the service's engine; the service allows itself this long for an answer.
constexpr auto kActionTimeout =
    std::chrono::duration_cast<std::chrono::milliseconds>(s1::ServiceConnection::kRequestTimeout);
constexpr int kFastPoll = -2; // four polls a second
const QSize kWindowSize(1024, 640);
// Room to reconnect: the longest back-off plus a restart of the service.
constexpr auto kReconnectTimeout =
    std::chrono::duration_cast<std::chrono::milliseconds>(s1::ServiceConnection::kMaxRetryDelay + 15s);

QString labelText(const QWidget &window, const char *name)
{
    const auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("(no label %1)").arg(QLatin1String(name));
}

QString screenshotDir()
{
    const QString dir = qEnvironmentVariable("S1_SCREENSHOT_DIR");
    return dir.isEmpty() ? QStringLiteral("/tmp") : dir;
}

class ServiceFixture : public s1test::ServiceProcesses
{
public:
    bool startServer()
    {
        serverPort = s1test::freeUdpPort();
        const QString conf = s1test::writeFile(
            dir, "server.conf", QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 1\n").arg(serverPort));
        server.start(s1test::ourBinary("stratumone-core-host"), {"-f", conf, "-x", "--bind", "127.0.0.1"});
        return server.waitForStarted();
    }

    bool startService()
    {
        if (servicePort == 0) {
            do
                servicePort = s1test::freeUdpPort();
            while (servicePort == serverPort);
            socketPath = dir.filePath("run/stratumone.sock");
            configPath = s1test::writeFile(
                dir, "service.conf",
                QStringLiteral(
                    "port %1\nallow 127.0.0.1\nlocal stratum 3\nserver 127.0.0.1 port %2 minpoll %3 maxpoll %3\n")
                    .arg(servicePort)
                    .arg(serverPort)
                    .arg(kFastPoll));
        }
        service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        service.start(s1test::ourBinary("stratumone"),
                      {"--service", "-f", configPath, "-x", "--bind", "127.0.0.1", "--control-socket", socketPath});
        return service.waitForStarted()
               && s1test::waitFor([&] { return QFileInfo::exists(socketPath); }, kSocketTimeout);
    }
};

} // namespace

class TestAttach : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void windowShowsTheService();
    void windowActionsReachTheService();
    void attachArgumentsAreChecked();
    void probeCountsAClosedSocketAsAService();
};

void TestAttach::initTestCase()
{
    s1::registerSnapshotMetaTypes();
}

void TestAttach::windowShowsTheService()
{
    ServiceFixture f;
    QVERIFY(f.dir.isValid());
    QVERIFY(f.startServer());
    QVERIFY2(f.startService(), "the service did not open its control socket");
    QCOMPARE(s1::probeService(f.socketPath.toStdString()).outcome, s1::ProbeOutcome::Answers);

    s1::MainWindow window;
    window.resize(kWindowSize);
    s1::ServiceViewer viewer(&window, f.socketPath);
    viewer.start();
    window.show();

    // The service's one source, selected, and the reference it gives: all from the socket.
    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    const auto firstSourceName = [&] {
        return table->model()->rowCount() > 0
                   ? table->model()->index(0, s1::SourcesTableModel::NameColumn).data().toString()
                   : QString();
    };
    const bool synchronised = s1test::waitFor(
        [&] { return labelText(window, "syncSummary") == QStringLiteral("Synchronised to 127.0.0.1, stratum 2"); },
        kReachTimeout);
    QVERIFY2(synchronised,
             qPrintable(labelText(window, "syncSummary") + " / " + labelText(window, "connectionDescription")));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(firstSourceName(), QStringLiteral("127.0.0.1"));
    QCOMPARE(labelText(window, "connectionDescription"), QStringLiteral("Service at %1: connected").arg(f.socketPath));
    QVERIFY(labelText(window, "stratumValue") == QStringLiteral("2"));
    QVERIFY(labelText(window, "servingPortValue").contains(QString::number(f.servicePort)));
    QVERIFY(labelText(window, "snapshotTime").startsWith(QStringLiteral("Updated ")));
    QVERIFY(!window.isSnapshotStale());
    // The GPS wizard will edit the file this service reads, not the default path.
    QVERIFY2(s1test::waitFor([&] { return window.configurationPath() == f.configPath; }, kReachTimeout),
             qPrintable(window.configurationPath()));

    const QString screenshot = QDir(screenshotDir()).filePath(QStringLiteral("attached.png"));
    QVERIFY2(window.grab().save(screenshot), qPrintable(screenshot));

    // The service stops: the last state stays, marked stale, and the reason is shown.
    QVERIFY(s1test::stopProcess(f.service, SIGTERM, kStopTimeout));
    QVERIFY(s1test::waitFor([&] { return window.isSnapshotStale(); }, kStopTimeout));
    QVERIFY2(
        labelText(window, "connectionDescription")
            .startsWith(
                QStringLiteral("Service disconnected: service stopped: %1 closed the connection").arg(f.socketPath)),
        qPrintable(labelText(window, "connectionDescription")));
    QVERIFY(labelText(window, "snapshotTime").startsWith(QStringLiteral("Stale: last update ")));
    QVERIFY(labelText(window, "syncSummary").startsWith(QStringLiteral("Last known: Synchronised to 127.0.0.1")));
    QCOMPARE(firstSourceName(), QStringLiteral("127.0.0.1"));
    QVERIFY2(window.grab().save(QDir(screenshotDir()).filePath(QStringLiteral("attached-stale.png"))),
             "stale screenshot");
    QCOMPARE(s1::probeService(f.socketPath.toStdString()).outcome, s1::ProbeOutcome::Absent);
    QVERIFY(s1test::waitFor([&] { return labelText(window, "connectionDescription").contains("no service at"); },
                            kStopTimeout));

    // Back again: the window reconnects by itself and is live.
    QVERIFY(f.startService());
    QVERIFY2(s1test::waitFor([&] { return !window.isSnapshotStale(); }, kReconnectTimeout),
             qPrintable(labelText(window, "connectionDescription")));
    QCOMPARE(labelText(window, "connectionDescription"), QStringLiteral("Service at %1: connected").arg(f.socketPath));
    QVERIFY(labelText(window, "snapshotTime").startsWith(QStringLiteral("Updated ")));

    // The program itself, attached (--attach=PATH form): it saves what it shows and quits.
    const QString programShot = f.dir.filePath("program.png");
    const s1test::RunResult run = s1test::runProgram(
        s1test::ourBinary("stratumone"),
        {"-x", "--attach=" + f.socketPath, "--screenshot", programShot, "--screenshot-delay", "2"}, kProgramTimeout);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.err));
    const QImage image(programShot);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 0 && image.height() > 0);
}

void TestAttach::windowActionsReachTheService()
{
    ServiceFixture f;
    QVERIFY(f.dir.isValid());
    QVERIFY(f.startServer());
    QVERIFY2(f.startService(), "the service did not open its control socket");

    s1::MainWindow window;
    window.resize(kWindowSize);
    s1::ServiceViewer viewer(&window, f.socketPath);
    QSignalSpy answers(&viewer.connection(), &s1::ServiceConnection::requestFinished);
    viewer.start();
    window.show();
    auto *step = window.findChild<QAction *>(QStringLiteral("makeStepAction"));
    auto *reload = window.findChild<QAction *>(QStringLiteral("reloadAction"));
    QVERIFY(step && reload);
    QVERIFY(!step->isEnabled()); // nothing shown yet
    QVERIFY2(s1test::waitFor([&] { return step->isEnabled(); }, kSocketTimeout),
             qPrintable(labelText(window, "connectionDescription")));
    // Synchronised first, so that there is a correction to step (a step with none is a success too).
    QVERIFY2(
        s1test::waitFor([&] { return labelText(window, "syncSummary").startsWith(QStringLiteral("Synchronised")); },
                        kReachTimeout),
        qPrintable(labelText(window, "syncSummary")));

    // The window asked which file the service reads when it connected; only the actions' answers
    // count from here.
    QVERIFY(s1test::waitFor([&] { return window.configurationPath() == f.configPath; }, kSocketTimeout));
    answers.clear();

    // Step clock now, confirmed: the service's makestep answers with how far it stepped.
    step->trigger();
    QMessageBox *box = window.findChild<QMessageBox *>(QStringLiteral("stepConfirmation"));
    QVERIFY(box && box->isVisible());
    auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmStepButton"));
    QVERIFY(confirm);
    confirm->click();
    QVERIFY(window.isActionPending());
    QVERIFY(s1test::waitFor([&] { return answers.count() == 1; }, kActionTimeout));
    QVERIFY2(answers.at(0).at(1).toBool(), qPrintable(answers.at(0).at(3).toString()));
    QVERIFY(answers.at(0).at(2).value<QJsonValue>().toObject().contains(QStringLiteral("stepped")));
    QVERIFY(!window.isActionPending());
    QVERIFY2(labelText(window, "actionResult").startsWith(QStringLiteral("Clock step")),
             qPrintable(labelText(window, "actionResult")));
    QVERIFY(!labelText(window, "actionResult").contains(QStringLiteral("failed")));
    QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("actionFailure")));
    qInfo().noquote() << "the window says:" << labelText(window, "actionResult");

    // Reload: the service restarts its engine with the file and says so; the window stays live.
    reload->trigger();
    QVERIFY(s1test::waitFor([&] { return answers.count() == 2; }, kActionTimeout));
    QVERIFY2(answers.at(1).at(1).toBool(), qPrintable(answers.at(1).at(3).toString()));
    QCOMPARE(labelText(window, "actionResult"), QStringLiteral("Configuration reloaded"));
    QVERIFY(s1test::waitFor([&] { return step->isEnabled() && !window.isSnapshotStale(); }, kSocketTimeout));

    // Without the service the actions are off, and the state is marked stale.
    QVERIFY(s1test::stopProcess(f.service, SIGTERM, kStopTimeout));
    QVERIFY(s1test::waitFor([&] { return window.isSnapshotStale(); }, kStopTimeout));
    QVERIFY(!step->isEnabled());
    QVERIFY(!reload->isEnabled());
}

void TestAttach::attachArgumentsAreChecked()
{
    const QString program = s1test::ourBinary("stratumone");
    s1test::RunResult r = s1test::runProgram(program, {"--attach", "/tmp/x.sock", "-f", "/etc/hosts"}, kProgramTimeout);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--attach shows a running service; it cannot be combined with --config"),
             qPrintable(r.err));

    r = s1test::runProgram(program, {"--attach", "--simulate"}, kProgramTimeout);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--simulate"), qPrintable(r.err));

    r = s1test::runProgram(program, {"--attach", "relative.sock"}, kProgramTimeout);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--attach needs an absolute socket path"), qPrintable(r.err));

    // A socket path without --attach is an error, as before.
    r = s1test::runProgram(program, {"/tmp/x.sock"}, kProgramTimeout);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("unexpected argument: /tmp/x.sock"), qPrintable(r.err));

    r = s1test::runProgram(program, {"--help"}, kProgramTimeout);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("--attach"));
    QVERIFY(r.out.contains("--in-process"));
}

void TestAttach::probeCountsAClosedSocketAsAService()
{
    // A service's socket for its control group only (`daemon` standing in for ntpadm): someone
    // not in the group is told the service is there, so the window can say how to get in.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(::chmod(dir.path().toLocal8Bit().constData(), 0755), 0);
    const std::string path = dir.filePath("run/stratumone.sock").toStdString();
    s1::ControlServer server;
    QString error;
    const bool root = ::geteuid() == 0;
    QVERIFY2(server.listen(path, root ? "daemon" : "", error), qPrintable(error));
    s1::ProbeResult probe;
    if (root) {
        // root passes every permission check: probe as `nobody`.
        const passwd *nobody = ::getpwnam("nobody");
        QVERIFY(nobody);
        QCOMPARE(::seteuid(nobody->pw_uid), 0);
        probe = s1::probeService(path);
        QCOMPARE(::seteuid(0), 0);
    } else {
        QCOMPARE(::chmod(path.c_str(), 0400), 0);
        probe = s1::probeService(path);
    }
    QCOMPARE(probe.outcome, s1::ProbeOutcome::Denied);
    QVERIFY2(probe.detail.find("Permission denied") != std::string::npos, probe.detail.c_str());
    QCOMPARE(s1::probeService(dir.filePath("none.sock").toStdString()).outcome, s1::ProbeOutcome::Absent);
}

QTEST_MAIN(TestAttach)
#include "tst_attach.moc"
