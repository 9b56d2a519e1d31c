// Editing the configuration file through the service (issue 13, parts 2 and 4), end to end:
// the real `stratumone --service -x` and the real `stratumctl config` / `config apply` (valid,
// invalid, from standard input), the protocol's conflict
// and size checks with a blocking ControlClient, remote TCP refusing the text, the window's
// ServiceViewer fetching and applying against a running service, and the in-process engine
// editing its own file (or saying why it cannot).
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"

#include "InProcessEngine.h"
#include "ServiceViewer.h"
#include "config/ConfigReader.h"
#include "config/ConfigurationEditor.h"
#include "host/SnapshotMetaTypes.h"
#include "transport/ControlClient.h"
#include "json/ConfigurationJson.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

#include <signal.h>

using namespace std::chrono_literals;
using Outcome = s1::ConfigurationApplyResult::Outcome;

namespace {

constexpr auto kCtlTimeout = 30s;   // an apply writes and restarts the engine thread
constexpr auto kSnapshotWait = 10s; // the service publishes a snapshot once a second
constexpr int kWaitMs = 30'000;

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

class EditFixture : public s1test::ServiceProcesses
{
public:
    QString configText(int localStratum) const
    {
        return QStringLiteral("# edited through the service\r\nport %1\nallow 127.0.0.1\nlocal stratum %2\n")
            .arg(servicePort)
            .arg(localStratum);
    }

    bool start(const QString &extra = {})
    {
        if (!dir.isValid())
            return false;
        servicePort = s1test::freeUdpPort();
        socketPath = dir.filePath("run/stratumone.sock");
        configPath = s1test::writeFile(dir, "service.conf", configText(3) + extra);
        service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        service.start(s1test::ourBinary("stratumone"),
                      {"--service", "-f", configPath, "-x", "--bind", "127.0.0.1", "--control-socket", socketPath});
        return service.waitForStarted() && waitStratum(3);
    }

    s1test::RunResult ctl(QStringList arguments) const
    {
        arguments.prepend(socketPath);
        arguments.prepend(QStringLiteral("-s"));
        return s1test::runProgram(s1test::ourBinary("stratumctl"), arguments, kCtlTimeout);
    }

    bool waitStratum(int stratum) const
    {
        const QString line = QStringLiteral("Stratum         : %1\n").arg(stratum);
        return s1test::waitFor([&] { return ctl({"tracking"}).out.contains(line); }, kSnapshotWait);
    }

    std::optional<s1::control::ControlMessage> call(s1::control::Command command, const QJsonObject &args = {}) const
    {
        s1::ControlClient client;
        std::string error;
        if (!client.connectTo(socketPath.toStdString(), error)) {
            qWarning("%s", error.c_str());
            return std::nullopt;
        }
        auto reply = client.call(command, args, kCtlTimeout, error);
        if (!reply)
            qWarning("%s", error.c_str());
        return reply;
    }

    std::string revision() const
    {
        const auto reply = call(s1::control::Command::ConfigurationText);
        return reply && reply->ok ? reply->result.toObject().value("revision").toString().toStdString() : "";
    }
};

} // namespace

class TestConfigEdit : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { s1::registerSnapshotMetaTypes(); }
    void stratumctlFetchesAndApplies();
    void protocolConflictAndLimits();
    void remoteControlDoesNotServeTheText();
    void serviceViewerRoundTrip();
    void inProcessEngineEditsItsFile();
    void inProcessEngineExplainsWhyNot();
};

void TestConfigEdit::stratumctlFetchesAndApplies()
{
    EditFixture f;
    QVERIFY(f.start());
    const QByteArray original = readBytes(f.configPath);

    // `config`: the bytes of the file, CRLF and all.
    const s1test::RunResult shown = f.ctl({"config"});
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(shown.out.toUtf8(), original);
    const s1test::RunResult json = f.ctl({"config", "--json"});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject text = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(text.value("path").toString(), f.configPath);
    QCOMPARE(text.value("revision").toString(),
             QString::fromStdString(s1::configurationRevision(original.toStdString())));
    QCOMPARE(text.value("builtIn").toBool(true), false);

    // A valid edit: written, the old file kept as .bak, the service reloaded with it.
    const QString edited = s1test::writeFile(f.dir, "edited.conf", f.configText(5));
    const s1test::RunResult applied = f.ctl({"config", "apply", edited});
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    QVERIFY2(applied.out.contains(f.configPath + ".bak") && applied.out.contains("reloaded"), qPrintable(applied.out));
    QCOMPARE(readBytes(f.configPath), readBytes(edited));
    QCOMPARE(readBytes(f.configPath + ".bak"), original);
    QVERIFY(f.waitStratum(5));

    // An invalid one: every problem as file:line:col of the service's file, nothing written,
    // the running configuration stays.
    const QString broken =
        s1test::writeFile(f.dir, "broken.conf", f.configText(7) + "bogusdirective 1\nminsources many\n");
    const s1test::RunResult refused = f.ctl({"config", "apply", broken});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(f.configPath + ":5:1: error: "), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(f.configPath + ":6:12: error: "), qPrintable(refused.err));
    QVERIFY2(refused.err.contains("nothing written"), qPrintable(refused.err));
    QCOMPARE(readBytes(f.configPath), readBytes(edited));
    QVERIFY(f.waitStratum(5));

    // From standard input.
    QProcess fromStdin;
    fromStdin.start(s1test::ourBinary("stratumctl"), {"-s", f.socketPath, "config", "apply", "-"});
    QVERIFY(fromStdin.waitForStarted());
    fromStdin.write(f.configText(6).toUtf8());
    fromStdin.closeWriteChannel();
    QVERIFY(fromStdin.waitForFinished(30'000));
    QCOMPARE(fromStdin.exitCode(), 0);
    QCOMPARE(readBytes(f.configPath), f.configText(6).toUtf8());
    QCOMPARE(readBytes(f.configPath + ".bak"), readBytes(edited));
    QVERIFY(f.waitStratum(6));

    QCOMPARE(f.ctl({"config", "apply"}).exitCode, 2);
    QCOMPARE(f.ctl({"config", "apply", f.dir.filePath("missing.conf")}).exitCode, 2);
    QCOMPARE(f.service.state(), QProcess::Running);
}

void TestConfigEdit::protocolConflictAndLimits()
{
    EditFixture f;
    QVERIFY(f.start());
    using s1::control::Command;

    // Read, then someone edits the file by hand: the apply is a conflict and writes nothing.
    const std::string revision = f.revision();
    QVERIFY(!revision.empty());
    s1test::writeFile(f.dir, "service.conf", f.configText(4));
    const auto conflict = f.call(Command::ApplyConfiguration,
                                 {{"text", f.configText(9)}, {"revision", QString::fromStdString(revision)}});
    QVERIFY(conflict && conflict->ok);
    const auto result = s1::applyResultFromJson(conflict->result.toObject());
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::Conflict);
    QCOMPARE(result->revision, s1::configurationRevision(f.configText(4).toStdString()));
    QCOMPARE(readBytes(f.configPath), f.configText(4).toUtf8());
    QVERIFY(!QFileInfo::exists(f.configPath + ".bak"));

    // Missing arguments are a protocol error.
    const auto bare = f.call(Command::ApplyConfiguration);
    QVERIFY(bare && !bare->ok);
    QVERIFY2(bare->error.contains("\"text\""), qPrintable(bare->error));

    // A text over the configuration limit (but within the request limit): invalid, at line 0.
    const QString huge(static_cast<qsizetype>(s1::kMaxConfigurationBytes) + 10, QLatin1Char('#'));
    const auto tooLong =
        f.call(Command::ApplyConfiguration, {{"text", huge}, {"revision", QString::fromStdString(f.revision())}});
    QVERIFY(tooLong && tooLong->ok);
    const auto tooLongResult = s1::applyResultFromJson(tooLong->result.toObject());
    QCOMPARE(tooLongResult->outcome, Outcome::Invalid);
    QCOMPARE(tooLongResult->problems.size(), std::size_t(1));
    QCOMPARE(tooLongResult->problems[0].line, 0);
    QCOMPARE(readBytes(f.configPath), f.configText(4).toUtf8());

    // A request line over the request limit: an error and the connection closed; the service
    // goes on.
    QLocalSocket raw;
    raw.connectToServer(f.socketPath);
    QVERIFY(raw.waitForConnected(5000));
    // One byte more than the limit, and nothing after it (the service closes then).
    const QByteArray chunk(64 * 1024, 'x');
    for (qsizetype sent = 0; sent < s1::control::kMaxRequestBytes; sent += chunk.size())
        raw.write(chunk);
    raw.write("x");
    raw.flush();
    QVERIFY(s1test::waitFor([&] { return raw.canReadLine(); }, 10s));
    const QByteArray error = raw.readLine();
    QVERIFY2(error.contains("longer than"), error.constData());
    QVERIFY(s1test::waitFor([&] { return raw.state() == QLocalSocket::UnconnectedState; }, 10s));
    QCOMPARE(f.ctl({"tracking"}).exitCode, 0);
}

void TestConfigEdit::remoteControlDoesNotServeTheText()
{
    EditFixture f;
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString cmdPort = QString::number(probe.serverPort());
    probe.close();
    QVERIFY(f.start(QStringLiteral("bindcmdaddress 127.0.0.1\ncmdport %1\ncmdallow 127.0.0.1\n").arg(cmdPort)));
    const auto remote = [&](const QStringList &command) {
        return s1test::runProgram(s1test::ourBinary("stratumctl"),
                                  QStringList{"-h", "127.0.0.1", "-p", cmdPort} + command, kCtlTimeout);
    };
    QCOMPARE(remote({"tracking"}).exitCode, 0);
    const s1test::RunResult shown = remote({"config"});
    QCOMPARE(shown.exitCode, 1);
    QVERIFY2(shown.err.startsWith("stratumctl: configtext shows the configuration file and needs the local control "
                                  "socket"),
             qPrintable(shown.err));
    QVERIFY(shown.out.isEmpty());
    QCOMPARE(f.ctl({"config"}).exitCode, 0);
}

void TestConfigEdit::serviceViewerRoundTrip()
{
    EditFixture f;
    QVERIFY(f.start());
    s1::ServiceViewer viewer(nullptr, f.socketPath);
    int stratum = 0;
    connect(&viewer, &s1::SnapshotFeed::snapshotReady, this,
            [&](const s1::EngineSnapshot &s) { stratum = s.reference.stratum; });
    viewer.start();
    QTRY_COMPARE_WITH_TIMEOUT(stratum, 3, kWaitMs);
    QVERIFY2(viewer.configurationEditUnavailableReason().isEmpty(),
             qPrintable(viewer.configurationEditUnavailableReason()));

    QSignalSpy texts(&viewer, &s1::SnapshotFeed::configurationTextReady);
    viewer.requestConfigurationText();
    QTRY_COMPARE_WITH_TIMEOUT(texts.count(), 1, kWaitMs);
    const auto text = texts.front().at(0).value<s1::ConfigurationText>();
    QCOMPARE(QString::fromStdString(text.main.path), f.configPath);
    QCOMPARE(QByteArray::fromStdString(text.main.text), readBytes(f.configPath));

    QSignalSpy applied(&viewer, &s1::SnapshotFeed::configurationApplied);
    // Invalid: problems with positions, nothing written.
    viewer.applyConfiguration(text.main.text + "local stratum x\n", text.revision);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kWaitMs);
    auto result = applied.at(0).at(0).value<s1::ConfigurationApplyResult>();
    QCOMPARE(result.outcome, Outcome::Invalid);
    QVERIFY(!result.problems.empty());
    QCOMPARE(result.problems[0].line, 5);
    QCOMPARE(QByteArray::fromStdString(text.main.text), readBytes(f.configPath));

    // Valid: applied, and the next snapshots come from the reloaded engine.
    const std::string edited = f.configText(10).toStdString();
    viewer.applyConfiguration(edited, text.revision);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 2, kWaitMs);
    result = applied.at(1).at(0).value<s1::ConfigurationApplyResult>();
    QVERIFY2(result.outcome == Outcome::Applied, result.message.c_str());
    QCOMPARE(result.revision, s1::configurationRevision(edited));
    QCOMPARE(readBytes(f.configPath).toStdString(), edited);
    QTRY_COMPARE_WITH_TIMEOUT(stratum, 10, kWaitMs);

    // The old revision again: a conflict.
    viewer.applyConfiguration(f.configText(11).toStdString(), text.revision);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 3, kWaitMs);
    QCOMPARE(applied.at(2).at(0).value<s1::ConfigurationApplyResult>().outcome, Outcome::Conflict);
    QCOMPARE(readBytes(f.configPath).toStdString(), edited);
    viewer.stop();

    // Without a service: unavailable, and a request fails rather than hangs.
    QVERIFY(s1test::stopProcess(f.service, SIGTERM, 10s));
    QTRY_VERIFY_WITH_TIMEOUT(!viewer.configurationEditUnavailableReason().isEmpty(), kWaitMs);
    QSignalSpy failed(&viewer, &s1::SnapshotFeed::configurationTextFailed);
    viewer.requestConfigurationText();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kWaitMs);
}

void TestConfigEdit::inProcessEngineEditsItsFile()
{
    QTemporaryDir dir;
    const QString path = s1test::writeFile(dir, "s1.conf", "port 0\nlocal stratum 8\n");
    s1::LaunchOptions options;
    options.configPath = path.toStdString();
    const s1::ConfigReadResult read = s1::readConfigFile(options.configPath);
    QVERIFY(read.ok());
    s1::HostOptions host;
    host.serverAddresses = {s1::IpAddress::v4(0x7F000001)};
    host.seed = 1;
    host.clockControl = false;
    s1::InProcessEngine engine(options, read.config, host);
    int stratum = 0;
    connect(&engine, &s1::SnapshotFeed::snapshotReady, this,
            [&](const s1::EngineSnapshot &s) { stratum = s.reference.stratum; });
    engine.start();
    QTRY_COMPARE_WITH_TIMEOUT(stratum, 8, kWaitMs);
    QVERIFY2(engine.configurationEditUnavailableReason().isEmpty(),
             qPrintable(engine.configurationEditUnavailableReason()));

    QSignalSpy texts(&engine, &s1::SnapshotFeed::configurationTextReady);
    engine.requestConfigurationText();
    QTRY_COMPARE_WITH_TIMEOUT(texts.count(), 1, kWaitMs);
    const auto text = texts.front().at(0).value<s1::ConfigurationText>();
    QCOMPARE(text.main.text, std::string("port 0\nlocal stratum 8\n"));

    QSignalSpy applied(&engine, &s1::SnapshotFeed::configurationApplied);
    engine.applyConfiguration("port 0\nlocal stratum 9\n", text.revision);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kWaitMs);
    const auto result = applied.front().at(0).value<s1::ConfigurationApplyResult>();
    QVERIFY2(result.outcome == Outcome::Applied, result.message.c_str());
    QCOMPARE(readBytes(path), QByteArray("port 0\nlocal stratum 9\n"));
    QCOMPARE(readBytes(path + ".bak"), QByteArray("port 0\nlocal stratum 8\n"));
    QTRY_COMPARE_WITH_TIMEOUT(stratum, 9, kWaitMs);

    engine.applyConfiguration("port 0\nlocal stratum 10\n", text.revision);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 2, kWaitMs);
    QCOMPARE(applied.at(1).at(0).value<s1::ConfigurationApplyResult>().outcome, Outcome::Conflict);
    engine.stop();
}

void TestConfigEdit::inProcessEngineExplainsWhyNot()
{
    // A file in a directory that does not exist: nothing can be written there, by anyone.
    s1::LaunchOptions options;
    options.configPath = "/nonexistent-stratumone-dir/s1.conf";
    s1::InProcessEngine engine(options, s1::EngineConfig{}, s1::HostOptions{});
    const QString reason = engine.configurationEditUnavailableReason();
    QVERIFY2(reason.startsWith("/nonexistent-stratumone-dir/s1.conf is not writable by user "), qPrintable(reason));
    QVERIFY2(reason.contains("control group"), qPrintable(reason));
    QSignalSpy applied(&engine, &s1::SnapshotFeed::configurationApplied);
    engine.applyConfiguration("local stratum 3\n", "absent");
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, kWaitMs);
    QCOMPARE(applied.front().at(0).value<s1::ConfigurationApplyResult>().outcome, Outcome::WriteFailed);
    QVERIFY(!QFileInfo::exists(QString::fromStdString(options.configPath)));
}

QTEST_MAIN(TestConfigEdit)
#include "tst_configedit.moc"
