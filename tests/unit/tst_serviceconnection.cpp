// ServiceConnection against a ControlServer on a real Unix socket in a temporary directory, all
// in this thread's event loop: snapshots arrive equal to what was published, a server that goes
// away and comes back is reconnected to with a bounded back-off, absence and permission problems
// are reported with the path, and a peer sending garbage, endless lines or another protocol
// version is survived. Every wait is bounded.
#include "host/SnapshotMetaTypes.h"
#include "transport/ControlServer.h"
#include "transport/ServiceConnection.h"
#include "json/ControlProtocol.h"
#include "json/SnapshotJson.h"

#include "StaleSocket.h"
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <QtTest>

#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

using namespace s1;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 5000;
// Room for a reconnect: the longest back-off plus a margin for a loaded machine.
constexpr int kReconnectWaitMs = static_cast<int>(ServiceConnection::kMaxRetryDelay.count()) + kWaitMs;
constexpr qsizetype kSmallLineLimit = 4096;
// Long enough for a request to reach the server's event loop.
constexpr int kSettleMs = 100;

EngineSnapshot makeSnapshot(int stratum)
{
    EngineSnapshot s;
    s.time = realTimeFromNanos(1744182740'123456789);
    s.ntpPort = 11123;
    s.server.packetsReceived = 42;
    s.server.repliesSent = 40;
    s.reference.synchronised = true;
    s.reference.stratum = stratum;
    s.reference.referenceId = 0xC0000201;
    s.reference.referenceName = "192.0.2.1";
    s.reference.leap = LeapIndicator::None;
    s.reference.referenceTime = s.time - std::chrono::seconds(3);
    s.reference.rootDelay = 1.25e-3;
    s.reference.frequencyPpm = -12.5;
    SourceSnapshot source;
    source.id = 7;
    source.name = "192.0.2.1";
    source.address = {*IpAddress::parse("192.0.2.1"), 123};
    source.state = SourceState::Selected;
    source.reach = 0377;
    source.stratum = stratum - 1;
    source.poll = 6;
    source.lastRx = s.time - std::chrono::seconds(5);
    source.lastSample = SourceSample{*source.lastRx, 2.5e-6, 1.1e-3, 3e-5, stratum - 1, 2.4e-6};
    source.recentSamples = {*source.lastSample};
    s.sources = {source};
    return s;
}

// A fake service that says whatever the test wants: for garbage and version mismatches.
class ScriptedServer
{
public:
    explicit ScriptedServer(const QString &path)
    {
        QLocalServer::removeServer(path);
        m_server.listen(path);
        QObject::connect(&m_server, &QLocalServer::newConnection, &m_server, [this] {
            while (QLocalSocket *socket = m_server.nextPendingConnection())
                m_clients.push_back(socket);
        });
    }
    bool isListening() const { return m_server.isListening(); }
    int connections() const { return static_cast<int>(m_clients.size()); }
    QLocalSocket *latest() { return m_clients.empty() ? nullptr : m_clients.back(); }
    void send(const QByteArray &bytes)
    {
        QVERIFY(latest());
        latest()->write(bytes);
        latest()->flush();
    }

private:
    QLocalServer m_server;
    std::vector<QLocalSocket *> m_clients; // children of m_server
};

QString lastMessage(const QSignalSpy &spy)
{
    return spy.isEmpty() ? QString() : spy.constLast().at(1).toString();
}

} // namespace

class TestServiceConnection : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void receivesWhatIsPublished();
    void reconnectsWhenTheServiceComesBack();
    void reportsAbsenceWithThePath();
    void reportsPermissionDeniedWithThePath();
    void dropsGarbageAndSurvivesEndlessLines();
    void reportsProtocolVersionMismatch();
    void reloadAndMakeStepAnswers();

private:
    bool startServer(const QString &group = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ControlServer> m_server;
    QString m_path;
};

void TestServiceConnection::initTestCase()
{
    registerSnapshotMetaTypes();
}

void TestServiceConnection::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath("run/stratumone.sock");
}

void TestServiceConnection::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

bool TestServiceConnection::startServer(const QString &group)
{
    m_server = std::make_unique<ControlServer>();
    QString error;
    if (!m_server->listen(m_path.toStdString(), group.toStdString(), error)) {
        qWarning() << error;
        return false;
    }
    return true;
}

void TestServiceConnection::receivesWhatIsPublished()
{
    QVERIFY(startServer());
    const EngineSnapshot first = makeSnapshot(2);
    m_server->publishSnapshot(first);

    ServiceConnection connection;
    QSignalSpy states(&connection, &ServiceConnection::connectionStateChanged);
    QSignalSpy snapshots(&connection, &ServiceConnection::snapshotReceived);
    connection.subscribe();
    connection.connectTo(m_path);
    QCOMPARE(states.first().at(0).value<ServiceConnection::State>(), ServiceConnection::State::Connecting);
    QVERIFY(states.first().at(1).toString().contains(m_path));

    // The current snapshot at once on subscribing, then every published one.
    QTRY_COMPARE_WITH_TIMEOUT(snapshots.size(), 1, kWaitMs);
    QCOMPARE(connection.state(), ServiceConnection::State::Connected);
    QCOMPARE(connection.stateMessage(), QStringLiteral("connected to %1").arg(m_path));
    QVERIFY(snapshots.first().at(0).value<EngineSnapshot>() == first);

    EngineSnapshot second = makeSnapshot(3);
    second.time += std::chrono::seconds(1);
    second.sources.front().state = SourceState::Falseticker;
    m_server->publishSnapshot(second);
    QTRY_COMPARE_WITH_TIMEOUT(snapshots.size(), 2, kWaitMs);
    QVERIFY(snapshots.at(1).at(0).value<EngineSnapshot>() == second);
    QVERIFY(connection.latestSnapshot() == second);
    QCOMPARE(connection.droppedLines(), 0u);
}

void TestServiceConnection::reconnectsWhenTheServiceComesBack()
{
    QVERIFY(startServer());
    m_server->publishSnapshot(makeSnapshot(2));
    ServiceConnection connection;
    QSignalSpy states(&connection, &ServiceConnection::connectionStateChanged);
    QSignalSpy snapshots(&connection, &ServiceConnection::snapshotReceived);
    connection.subscribe();
    connection.connectTo(m_path);
    QTRY_COMPARE_WITH_TIMEOUT(snapshots.size(), 1, kWaitMs);

    // The service stops: its connections close and its socket file goes.
    m_server.reset();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ServiceConnection::State::Disconnected, kWaitMs);
    const bool sawStop = std::any_of(states.cbegin(), states.cend(), [&](const QList<QVariant> &args) {
        return args.at(1).toString() == QStringLiteral("service stopped: %1 closed the connection").arg(m_path);
    });
    QVERIFY2(sawStop, qPrintable(lastMessage(states)));
    // The last snapshot stays available while the window shows it as stale.
    QVERIFY(connection.latestSnapshot() == makeSnapshot(2));

    // While it is away the attempts back off, doubling up to the bound.
    QTRY_VERIFY_WITH_TIMEOUT(connection.retryDelay() >= 4 * ServiceConnection::kFirstRetryDelay, kWaitMs);
    QVERIFY(connection.retryDelay() <= ServiceConnection::kMaxRetryDelay);
    QVERIFY2(connection.stateMessage().startsWith(QStringLiteral("no service at %1").arg(m_path)),
             qPrintable(connection.stateMessage()));

    // It comes back with a new engine: reconnected and subscribed again without being asked.
    QVERIFY(startServer());
    const EngineSnapshot restarted = makeSnapshot(4);
    m_server->publishSnapshot(restarted);
    QTRY_COMPARE_WITH_TIMEOUT(snapshots.size(), 2, kReconnectWaitMs);
    QCOMPARE(connection.state(), ServiceConnection::State::Connected);
    QVERIFY(snapshots.constLast().at(0).value<EngineSnapshot>() == restarted);

    // A deliberate disconnect stays disconnected.
    connection.disconnectFromService();
    QCOMPARE(connection.state(), ServiceConnection::State::Disconnected);
    QTest::qWait(static_cast<int>(ServiceConnection::kFirstRetryDelay.count()) * 4);
    QCOMPARE(connection.state(), ServiceConnection::State::Disconnected);
    QCOMPARE(m_server->connectionCount(), 0);
}

void TestServiceConnection::reportsAbsenceWithThePath()
{
    ServiceConnection connection;
    connection.connectTo(m_path);
    QCOMPARE(connection.state(), ServiceConnection::State::Disconnected);
    QCOMPARE(connection.stateMessage(),
             QStringLiteral("no service at %1 (is stratumone --service running?)").arg(m_path));

    // A socket left behind by a crashed service.
    QVERIFY(QDir().mkpath(m_dir->filePath("run")));
    const QString stale = m_dir->filePath("run/stale.sock");
    QVERIFY(test::makeStaleSocket(stale.toStdString()));
    ServiceConnection staleConnection;
    staleConnection.connectTo(stale);
    QTRY_COMPARE_WITH_TIMEOUT(staleConnection.state(), ServiceConnection::State::Disconnected, kWaitMs);
    QVERIFY2(staleConnection.stateMessage().startsWith(
                 QStringLiteral("no service at %1: the socket is there but nobody answers").arg(stale)),
             qPrintable(staleConnection.stateMessage()));

    ServiceConnection relative;
    relative.connectTo(QStringLiteral("stratumone.sock"));
    QCOMPARE(relative.state(), ServiceConnection::State::Disconnected);
    QVERIFY(relative.stateMessage().contains(QStringLiteral("must be absolute")));
}

void TestServiceConnection::reportsPermissionDeniedWithThePath()
{
    ServiceConnection connection;
    QSignalSpy states(&connection, &ServiceConnection::connectionStateChanged);
    QString group;
    if (::geteuid() == 0) {
        // As deployed: socket and directory belong to a control group (here `daemon`, which
        // Debian always has, standing in for ntpadm). root passes every permission check, so the
        // one connect() that matters runs as `nobody` (connectTo makes the first attempt before
        // it returns); the supplementary group root keeps does not open a `daemon` directory.
        group = QStringLiteral("daemon");
        QVERIFY(startServer(group));
        QCOMPARE(::chmod(m_dir->path().toLocal8Bit().constData(), 0755), 0);
        const passwd *nobody = ::getpwnam("nobody");
        QVERIFY(nobody);
        QCOMPARE(::seteuid(nobody->pw_uid), 0);
        connection.connectTo(m_path);
        QCOMPARE(::seteuid(0), 0);
    } else {
        QVERIFY(startServer());
        group = QString::fromLocal8Bit(::getgrgid(::getegid())->gr_name);
        QCOMPARE(::chmod(m_path.toLocal8Bit().constData(), 0400), 0);
        connection.connectTo(m_path);
    }
    QTRY_VERIFY_WITH_TIMEOUT(states.size() >= 2, kWaitMs);
    QCOMPARE(states.at(1).at(0).value<ServiceConnection::State>(), ServiceConnection::State::Disconnected);
    const QString message = states.at(1).at(1).toString();
    QVERIFY2(message.startsWith(QStringLiteral("permission denied: %1 (").arg(m_path)), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("run as a member of group %1 or as root)").arg(group)),
             qPrintable(message));
    connection.disconnectFromService();
}

void TestServiceConnection::dropsGarbageAndSurvivesEndlessLines()
{
    QVERIFY(QDir().mkpath(m_dir->filePath("run")));
    ScriptedServer fake(m_path);
    QVERIFY(fake.isListening());
    ServiceConnection connection(nullptr, kSmallLineLimit);
    QSignalSpy snapshots(&connection, &ServiceConnection::snapshotReceived);
    QSignalSpy states(&connection, &ServiceConnection::connectionStateChanged);
    connection.subscribe();
    connection.connectTo(m_path);
    QTRY_COMPARE_WITH_TIMEOUT(fake.connections(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ServiceConnection::State::Connected, kWaitMs);

    QByteArray binary("\x01\xff\x00\x7f{{", 6);
    fake.send("this is not JSON\n");
    fake.send("[1,2,3]\n");
    fake.send(binary + "\n");
    fake.send(R"j({"v":1,"event":"snapshot","snapshot":{"time":"yesterday"}})j"
              "\n");
    fake.send(R"j({"v":1,"event":"snapshot","snapshot":[]})j"
              "\n");
    fake.send(R"j({"v":1,"id":999,"ok":true,"result":{}})j"
              "\n");
    fake.send(R"j({"v":1,"event":"fireworks"})j"
              "\n"); // unknown events are not garbage
    const EngineSnapshot good = makeSnapshot(2);
    fake.send(control::encodeSnapshotEvent(snapshotToJson(good)));
    QTRY_COMPARE_WITH_TIMEOUT(snapshots.size(), 1, kWaitMs);
    QVERIFY(snapshots.first().at(0).value<EngineSnapshot>() == good);
    QCOMPARE(connection.droppedLines(), 6u);
    QCOMPARE(connection.state(), ServiceConnection::State::Connected);

    // A line that never ends: cut off at the bound, the connection given up and tried again.
    fake.send(QByteArray(kSmallLineLimit + 1, 'x'));
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ServiceConnection::State::Disconnected, kWaitMs);
    QCOMPARE(connection.stateMessage(),
             QStringLiteral("protocol error: the service at %1 sent a line longer than %2 bytes")
                 .arg(m_path)
                 .arg(kSmallLineLimit));
    QTRY_COMPARE_WITH_TIMEOUT(fake.connections(), 2, kReconnectWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ServiceConnection::State::Connected, kWaitMs);
    fake.send(control::encodeSnapshotEvent(snapshotToJson(makeSnapshot(5))));
    QTRY_COMPARE_WITH_TIMEOUT(snapshots.size(), 2, kWaitMs);
    QCOMPARE(connection.latestSnapshot()->reference.stratum, 5);
}

void TestServiceConnection::reportsProtocolVersionMismatch()
{
    QVERIFY(QDir().mkpath(m_dir->filePath("run")));
    ScriptedServer fake(m_path);
    ServiceConnection connection;
    connection.subscribe();
    connection.connectTo(m_path);
    QTRY_COMPARE_WITH_TIMEOUT(fake.connections(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ServiceConnection::State::Connected, kWaitMs);
    // What a future service would answer to our version-1 subscribe.
    fake.send(R"j({"v":2,"id":null,"ok":false,"error":"unsupported protocol version 1 (this server speaks 2)"})j"
              "\n");
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ServiceConnection::State::Disconnected, kWaitMs);
    QCOMPARE(
        connection.stateMessage(),
        QStringLiteral("protocol mismatch: the service at %1 speaks version 2, this program version 1").arg(m_path));
    // Not hammered: the next try waits the longest delay.
    QCOMPARE(connection.retryDelay(), ServiceConnection::kMaxRetryDelay);

    // A service that refuses to stream is no use to a window either.
    ScriptedServer old(m_dir->filePath("old.sock"));
    ServiceConnection toOld;
    toOld.subscribe();
    toOld.connectTo(m_dir->filePath("old.sock"));
    QTRY_COMPARE_WITH_TIMEOUT(old.connections(), 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(old.latest()->canReadLine(), kWaitMs);
    const QJsonObject request = QJsonDocument::fromJson(old.latest()->readLine()).object();
    QCOMPARE(request.value("cmd").toString(), QStringLiteral("subscribe"));
    old.send(control::encodeError(request.value("id"), QStringLiteral("unknown command \"subscribe\"")));
    QTRY_COMPARE_WITH_TIMEOUT(toOld.state(), ServiceConnection::State::Disconnected, kWaitMs);
    QVERIFY2(toOld.stateMessage().contains(QStringLiteral("does not stream snapshots: unknown command")),
             qPrintable(toOld.stateMessage()));
}

void TestServiceConnection::reloadAndMakeStepAnswers()
{
    QVERIFY(startServer());
    const QMetaObject::Connection answering =
        connect(m_server.get(), &ControlServer::reloadRequested, this, [this](quint64 ticket) {
            m_server->completeRequest(ticket, true, QJsonObject{{"reloaded", true}}, {});
        });
    ServiceConnection connection;
    QSignalSpy answers(&connection, &ServiceConnection::requestFinished);

    // Not connected yet: a failure, delivered like any answer.
    const qint64 early = connection.requestReload();
    QCOMPARE(answers.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 1, kWaitMs);
    QCOMPARE(answers.at(0).at(0).toLongLong(), early);
    QCOMPARE(answers.at(0).at(1).toBool(), false);
    QVERIFY(answers.at(0).at(3).toString().startsWith(QStringLiteral("not connected to the service")));

    connection.connectTo(m_path);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ServiceConnection::State::Connected, kWaitMs);
    const qint64 reload = connection.requestReload();
    const qint64 step = connection.requestMakeStep();
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 3, kWaitMs);
    QCOMPARE(answers.at(1).at(0).toLongLong(), reload);
    QCOMPARE(answers.at(1).at(1).toBool(), true);
    QCOMPARE(answers.at(1).at(2).toJsonValue().toObject().value("reloaded").toBool(), true);
    // Nobody in this service handles makestep: the service's own refusal comes back.
    QCOMPARE(answers.at(2).at(0).toLongLong(), step);
    QCOMPARE(answers.at(2).at(1).toBool(), false);
    QCOMPARE(answers.at(2).at(3).toString(), QStringLiteral("makestep is not available here"));

    // An answer still due when the service goes is failed, not forgotten.
    disconnect(answering);
    connect(m_server.get(), &ControlServer::reloadRequested, this, [] {}); // never answered
    const qint64 orphan = connection.requestReload();
    QTest::qWait(kSettleMs);
    m_server.reset();
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 4, kWaitMs);
    QCOMPARE(answers.at(3).at(0).toLongLong(), orphan);
    QCOMPARE(answers.at(3).at(1).toBool(), false);
    QVERIFY2(answers.at(3).at(3).toString().contains(QStringLiteral("service stopped")),
             qPrintable(answers.at(3).at(3).toString()));
}

QTEST_GUILESS_MAIN(TestServiceConnection)
#include "tst_serviceconnection.moc"
