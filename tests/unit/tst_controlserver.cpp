// ControlServer on a real Unix socket in a temporary directory, in-process: queries answered
// from the latest snapshot, hostile or broken input (bad JSON, endless lines, vanishing clients)
// handled without harm, subscriptions, the hand-over of state-changing commands, and the socket
// file itself (mode, group, stale sockets, removal). The blocking ControlClient runs in a helper
// thread while this thread's event loop serves.
#include "transport/ControlClient.h"
#include "transport/ControlServer.h"
#include "json/SnapshotJson.h"

#include "StaleSocket.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QTemporaryDir>

#include <QtTest>

#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <memory>

using namespace s1;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 5000;

EngineSnapshot snapshotWithStratum(int stratum)
{
    EngineSnapshot s;
    s.time = realTimeFromNanos(1744182740'000000000);
    s.reference.synchronised = true;
    s.reference.stratum = stratum;
    s.reference.referenceId = 0x7F7F0101;
    s.reference.referenceName = "LOCAL";
    s.reference.leap = LeapIndicator::None;
    s.reference.referenceTime = s.time;
    SourceSnapshot source;
    source.id = 1;
    source.name = "192.0.2.1";
    source.address = {*IpAddress::parse("192.0.2.1"), 123};
    source.reach = 0377;
    source.stratum = 1;
    s.sources = {source};
    return s;
}

struct CallResult
{
    std::optional<control::ControlMessage> message;
    std::string error;
};

// One request from a fresh blocking client, run beside the event loop.
std::future<CallResult> callAsync(const std::string &path, control::Command command, QJsonObject args = {})
{
    return std::async(std::launch::async, [path, command, args] {
        CallResult r;
        ControlClient client;
        if (client.connectTo(path, r.error))
            r.message = client.call(command, args, ControlClient::kReplyTimeout, r.error);
        return r;
    });
}

template <typename T>
T await(std::future<T> &future)
{
    const bool ready = QTest::qWaitFor([&] { return future.wait_for(0ms) == std::future_status::ready; }, kWaitMs);
    if (!ready)
        qFatal("a client call did not finish");
    return future.get();
}

// A raw client speaking lines through this thread's event loop.
class RawClient
{
public:
    explicit RawClient(const QString &path) { m_socket.connectToServer(path); }
    bool connected() { return m_socket.waitForConnected(kWaitMs); }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    // The next line, waiting with the event loop running; empty on timeout.
    QByteArray readLine()
    {
        if (!QTest::qWaitFor([&] { return m_socket.canReadLine(); }, kWaitMs))
            return {};
        return m_socket.readLine().trimmed();
    }
    bool waitClosed()
    {
        return QTest::qWaitFor([&] { return m_socket.state() == QLocalSocket::UnconnectedState; }, kWaitMs);
    }
    QLocalSocket &socket() { return m_socket; }

private:
    QLocalSocket m_socket;
};

QJsonObject object(const QByteArray &line)
{
    return QJsonDocument::fromJson(line).object();
}

} // namespace

class TestControlServer : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void listensWithMode0660InNewDirectory();
    void answersFromLatestSnapshot();
    void badJsonGetsAnErrorAndTheConnectionStays();
    void overlongLineGetsAnErrorAndIsClosed();
    void manyRequestsOnOneConnection();
    void subscribeStreamsSnapshots();
    void vanishingClientsAreForgotten();
    void subscriberThatNeverReadsIsDropped();
    void reloadIsHandedOverAndAnswered();
    void stateChangesWithoutHandlerAreRefused();
    void configurationNamesTheServicesFile();
    void staleSocketIsReplacedLiveOneIsNot();
    void socketFileRemovedOnClose();
    void controlGroup();
    void clientErrors();
    void idleClientsCannotLockOthersOut();
    void idleClientsAreClosedSubscribersStay();
    void duplicateKeysAreRefused();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ControlServer> m_server;
    std::string m_path;
};

void TestControlServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath("run/ctl.sock").toStdString();
    m_server = std::make_unique<ControlServer>();
    QString error;
    QVERIFY2(m_server->listen(m_path, {}, error), qPrintable(error));
}

void TestControlServer::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestControlServer::listensWithMode0660InNewDirectory()
{
    struct stat st
    { };
    QCOMPARE(::stat(m_path.c_str(), &st), 0);
    QVERIFY(S_ISSOCK(st.st_mode));
    QCOMPARE(st.st_mode & 07777, mode_t(0660));
    QVERIFY(m_server->isListening());
    // Only the socket: the temporary name used for binding is gone.
    QCOMPARE(
        QDir(m_dir->filePath("run")).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
        QStringList{"ctl.sock"});
}

void TestControlServer::answersFromLatestSnapshot()
{
    auto before = callAsync(m_path, control::Command::Tracking);
    CallResult r = await(before);
    QVERIFY2(r.message, r.error.c_str());
    QVERIFY(!r.message->ok);
    QVERIFY(r.message->error.contains("no snapshot"));

    m_server->publishSnapshot(snapshotWithStratum(3));
    m_server->publishSnapshot(snapshotWithStratum(4));
    auto tracking = callAsync(m_path, control::Command::Tracking);
    r = await(tracking);
    QVERIFY2(r.message && r.message->ok, r.error.c_str());
    QCOMPARE(r.message->result.toObject().value("stratum").toInt(), 4);

    auto snapshot = callAsync(m_path, control::Command::Snapshot);
    r = await(snapshot);
    QVERIFY(r.message && r.message->ok);
    QVERIFY(*snapshotFromJson(r.message->result.toObject()) == snapshotWithStratum(4));
}

void TestControlServer::badJsonGetsAnErrorAndTheConnectionStays()
{
    m_server->publishSnapshot(snapshotWithStratum(3));
    RawClient client(QString::fromStdString(m_path));
    QVERIFY(client.connected());
    client.send("this is not json\n");
    QJsonObject reply = object(client.readLine());
    QCOMPARE(reply.value("ok").toBool(true), false);
    QVERIFY(reply.value("id").isNull());
    QVERIFY(reply.value("error").toString().startsWith("not JSON"));

    client.send(R"({"v":1,"id":5,"cmd":"launch"})"
                "\n");
    reply = object(client.readLine());
    QCOMPARE(reply.value("id").toInt(), 5);
    QCOMPARE(reply.value("error").toString(), QStringLiteral("unknown command \"launch\""));

    client.send(QByteArray("\x00\xff\xfe{\n", 5));
    QVERIFY(object(client.readLine()).value("error").toString().startsWith("not JSON"));

    client.send(R"({"v":1,"id":6,"cmd":"tracking"})"
                "\n");
    reply = object(client.readLine());
    QCOMPARE(reply.value("id").toInt(), 6);
    QVERIFY(reply.value("ok").toBool());
    QCOMPARE(m_server->counters().received, 4u);
    QCOMPARE(m_server->counters().dropped, 3u);
}

void TestControlServer::overlongLineGetsAnErrorAndIsClosed()
{
    RawClient client(QString::fromStdString(m_path));
    QVERIFY(client.connected());
    // One byte more than the limit without a newline, in pieces as a stream would bring it
    // (nothing after it: the server closes then).
    constexpr qsizetype kPiece = 64 * 1024;
    for (qsizetype sent = 0; sent < control::kMaxRequestBytes; sent += kPiece)
        client.send(QByteArray(kPiece, 'x'));
    client.send("x");
    const QJsonObject reply = object(client.readLine());
    QCOMPARE(reply.value("ok").toBool(true), false);
    QVERIFY2(reply.value("error").toString().contains(QStringLiteral("longer than %1 bytes").arg(2 * 1024 * 1024)),
             qPrintable(reply.value("error").toString()));
    QVERIFY(client.waitClosed());
    QVERIFY(QTest::qWaitFor([&] { return m_server->connectionCount() == 0; }, kWaitMs));
    // The server is unharmed.
    m_server->publishSnapshot(snapshotWithStratum(5));
    auto after = callAsync(m_path, control::Command::Tracking);
    const CallResult r = await(after);
    QVERIFY(r.message && r.message->ok);
}

void TestControlServer::manyRequestsOnOneConnection()
{
    m_server->publishSnapshot(snapshotWithStratum(3));
    RawClient client(QString::fromStdString(m_path));
    QVERIFY(client.connected());
    // Pipelined in one write: each gets its own response, in order.
    QByteArray batch;
    for (int id = 1; id <= 20; ++id)
        batch += R"({"v":1,"id":)" + QByteArray::number(id)
                 + R"(,"cmd":"sources"})"
                   "\n";
    client.send(batch);
    for (int id = 1; id <= 20; ++id) {
        const QJsonObject reply = object(client.readLine());
        QCOMPARE(reply.value("id").toInt(), id);
        QCOMPARE(reply.value("result").toArray().size(), 1);
    }
}

void TestControlServer::subscribeStreamsSnapshots()
{
    m_server->publishSnapshot(snapshotWithStratum(3));
    RawClient client(QString::fromStdString(m_path));
    QVERIFY(client.connected());
    client.send(R"({"v":1,"id":1,"cmd":"subscribe"})"
                "\n");
    QVERIFY(object(client.readLine()).value("ok").toBool());
    // The current snapshot at once, then each one published.
    QJsonObject event = object(client.readLine());
    QCOMPARE(event.value("event").toString(), QStringLiteral("snapshot"));
    QCOMPARE(event.value("snapshot").toObject().value("reference").toObject().value("stratum").toInt(), 3);
    m_server->publishSnapshot(snapshotWithStratum(4));
    event = object(client.readLine());
    QCOMPARE(event.value("v").toInt(), 1);
    const auto decoded = snapshotFromJson(event.value("snapshot").toObject());
    QVERIFY(decoded && *decoded == snapshotWithStratum(4));

    // Requests still work while subscribed.
    client.send(R"({"v":1,"id":2,"cmd":"unsubscribe"})"
                "\n");
    QCOMPARE(object(client.readLine()).value("id").toInt(), 2);
    m_server->publishSnapshot(snapshotWithStratum(5));
    QTest::qWait(100);
    QVERIFY(!client.socket().canReadLine());
}

void TestControlServer::vanishingClientsAreForgotten()
{
    m_server->publishSnapshot(snapshotWithStratum(3));
    {
        RawClient subscriber(QString::fromStdString(m_path));
        QVERIFY(subscriber.connected());
        subscriber.send(R"({"v":1,"id":1,"cmd":"subscribe"})"
                        "\n");
        QVERIFY(!subscriber.readLine().isEmpty());
        RawClient halfLine(QString::fromStdString(m_path));
        QVERIFY(halfLine.connected());
        halfLine.send(R"({"v":1,"id":1,"cmd":"trac)");
        RawClient asksAndLeaves(QString::fromStdString(m_path));
        QVERIFY(asksAndLeaves.connected());
        asksAndLeaves.send(R"({"v":1,"id":1,"cmd":"snapshot"})"
                           "\n");
        asksAndLeaves.socket().abort();
        QVERIFY(QTest::qWaitFor([&] { return m_server->connectionCount() >= 2; }, kWaitMs));
    }
    QVERIFY(QTest::qWaitFor([&] { return m_server->connectionCount() == 0; }, kWaitMs));
    // Publishing to nobody is fine.
    m_server->publishSnapshot(snapshotWithStratum(4));
    auto after = callAsync(m_path, control::Command::Tracking);
    const CallResult r = await(after);
    QVERIFY(r.message && r.message->ok);
}

void TestControlServer::subscriberThatNeverReadsIsDropped()
{
    // A plain socket that subscribes and then never reads: the kernel's buffer fills, then the
    // server's queue; past ControlServer::kMaxPendingBytes the server lets it go.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof(address.sun_path), "%s", m_path.c_str());
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    const QByteArray subscribe = R"({"v":1,"id":1,"cmd":"subscribe"})"
                                 "\n";
    QCOMPARE(::write(fd, subscribe.constData(), static_cast<std::size_t>(subscribe.size())), ssize_t(subscribe.size()));
    QVERIFY(QTest::qWaitFor([&] { return m_server->connectionCount() == 1; }, kWaitMs));

    EngineSnapshot big = snapshotWithStratum(3);
    constexpr std::size_t kEventBytes = 1 << 20;
    big.sources[0].name = std::string(kEventBytes, 'n');
    for (int i = 0; i < 40 && m_server->connectionCount() > 0; ++i) {
        m_server->publishSnapshot(big);
        QTest::qWait(10);
    }
    QCOMPARE(m_server->connectionCount(), 0);
    ::close(fd);
    auto after = callAsync(m_path, control::Command::Tracking);
    const CallResult r = await(after);
    QVERIFY(r.message && r.message->ok);
}

void TestControlServer::reloadIsHandedOverAndAnswered()
{
    std::vector<quint64> tickets;
    connect(m_server.get(), &ControlServer::reloadRequested, this, [&](quint64 t) { tickets.push_back(t); });
    auto reload = callAsync(m_path, control::Command::Reload);
    QVERIFY(QTest::qWaitFor([&] { return tickets.size() == 1; }, kWaitMs));
    m_server->completeRequest(tickets[0], false, {}, QStringLiteral("conf:3:7: error: bad\nconf:4:1: error: worse"));
    CallResult r = await(reload);
    QVERIFY2(r.message, r.error.c_str());
    QVERIFY(!r.message->ok);
    QCOMPARE(r.message->error, QStringLiteral("conf:3:7: error: bad\nconf:4:1: error: worse"));

    // The client leaves before the answer: completing is harmless, and unknown tickets too.
    RawClient leaving(QString::fromStdString(m_path));
    QVERIFY(leaving.connected());
    leaving.send(R"({"v":1,"id":9,"cmd":"reload"})"
                 "\n");
    QVERIFY(QTest::qWaitFor([&] { return tickets.size() == 2; }, kWaitMs));
    leaving.socket().abort();
    QVERIFY(QTest::qWaitFor([&] { return m_server->connectionCount() == 0; }, kWaitMs));
    m_server->completeRequest(tickets[1], true, QJsonObject{{"reloaded", true}}, {});
    m_server->completeRequest(12345, true, {}, {});

    auto ok = callAsync(m_path, control::Command::Reload);
    QVERIFY(QTest::qWaitFor([&] { return tickets.size() == 3; }, kWaitMs));
    m_server->completeRequest(tickets[2], true, QJsonObject{{"reloaded", true}}, {});
    r = await(ok);
    QVERIFY(r.message && r.message->ok);
    QVERIFY(r.message->result.toObject().value("reloaded").toBool());
}

void TestControlServer::stateChangesWithoutHandlerAreRefused()
{
    auto step = callAsync(m_path, control::Command::MakeStep);
    const CallResult r = await(step);
    QVERIFY(r.message && !r.message->ok);
    QCOMPARE(r.message->error, QStringLiteral("makestep is not available here"));
}

// The window's GPS wizard must edit the file the service reads, not a guess.
void TestControlServer::configurationNamesTheServicesFile()
{
    auto unknown = callAsync(m_path, control::Command::Configuration);
    CallResult r = await(unknown);
    QVERIFY(r.message && !r.message->ok);

    m_server->setConfigurationPath(QStringLiteral("/srv/s1/test.conf"), false);
    auto known = callAsync(m_path, control::Command::Configuration);
    r = await(known);
    QVERIFY2(r.message && r.message->ok, r.error.c_str());
    QCOMPARE(r.message->result.toObject().value("path").toString(), QStringLiteral("/srv/s1/test.conf"));
    QCOMPARE(r.message->result.toObject().value("builtIn").toBool(), false);
    QCOMPARE(control::commandFromName("configuration"), std::optional(control::Command::Configuration));
}

void TestControlServer::staleSocketIsReplacedLiveOneIsNot()
{
    // Live: a second server on the same path is refused, the first keeps serving.
    ControlServer second;
    QString error;
    QVERIFY(!second.listen(m_path, {}, error));
    QVERIFY2(error.contains("another server is listening"), qPrintable(error));
    QVERIFY(m_server->isListening());

    // Stale: left behind by a crash, replaced.
    const std::string stale = m_dir->filePath("stale.sock").toStdString();
    QVERIFY(test::makeStaleSocket(stale));
    QVERIFY2(second.listen(stale, {}, error), qPrintable(error));
    struct stat st
    { };
    QCOMPARE(::stat(stale.c_str(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0660));

    // Not a socket: never replaced.
    const QString plain = m_dir->filePath("plain");
    QFile file(plain);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    ControlServer third;
    QVERIFY(!third.listen(plain.toStdString(), {}, error));
    QVERIFY2(error.contains("exists and is not a socket"), qPrintable(error));
    QVERIFY(QFileInfo::exists(plain));

    QVERIFY(!third.listen("relative.sock", {}, error));
    QVERIFY(error.contains("absolute"));
    QVERIFY(!third.listen("/" + std::string(200, 'x') + "/s.sock", {}, error));
    QVERIFY2(error.contains("too long"), qPrintable(error));
}

void TestControlServer::socketFileRemovedOnClose()
{
    QVERIFY(QFileInfo::exists(QString::fromStdString(m_path)));
    m_server->close();
    QVERIFY(!QFileInfo::exists(QString::fromStdString(m_path)));
    QVERIFY(!m_server->isListening());
    // Another server took the name meanwhile: closing ours must not remove theirs.
    QString error;
    ControlServer other;
    QVERIFY(m_server->listen(m_path, {}, error));
    const std::string moved = m_path + ".old";
    QCOMPARE(::rename(m_path.c_str(), moved.c_str()), 0);
    QVERIFY(other.listen(m_path, {}, error));
    m_server->close();
    QVERIFY(QFileInfo::exists(QString::fromStdString(m_path)));
}

void TestControlServer::controlGroup()
{
    ControlServer server;
    QString error;
    QVERIFY(!server.listen(m_dir->filePath("g1.sock").toStdString(), "no-such-group-s1test", error));
    QCOMPARE(error, QStringLiteral("control group: no such group: no-such-group-s1test"));
    QVERIFY(!QFileInfo::exists(m_dir->filePath("g1.sock")));

    // Our own group is always allowed.
    const group *own = ::getgrgid(::getegid());
    QVERIFY(own);
    const std::string path = m_dir->filePath("grp/g2.sock").toStdString();
    QVERIFY2(server.listen(path, own->gr_name, error), qPrintable(error));
    struct stat st
    { };
    QCOMPARE(::stat(path.c_str(), &st), 0);
    QCOMPARE(st.st_gid, ::getegid());
    QCOMPARE(st.st_mode & 07777, mode_t(0660));
    // The directory created for a group lets the group in, nobody else.
    QCOMPARE(::stat(m_dir->filePath("grp").toLocal8Bit().constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0750));
}

void TestControlServer::clientErrors()
{
    const std::string missing = m_dir->filePath("nothing/here.sock").toStdString();
    ControlClient client;
    std::string error;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!client.connectTo(missing, error));
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(error, "cannot connect to " + missing + ": No such file or directory (is stratumone --service running?)");

    const std::string stale = m_dir->filePath("stale2.sock").toStdString();
    QVERIFY(test::makeStaleSocket(stale));
    QVERIFY(!client.connectTo(stale, error));
    QCOMPARE(error, "cannot connect to " + stale + ": Connection refused (is stratumone --service running?)");

    const std::string denied = describeConnectError(m_path, EACCES);
    QVERIFY2(denied.starts_with("cannot connect to " + m_path + ": Permission denied (the socket is "), denied.c_str());
    QVERIFY2(denied.find("mode 0660; run as a member of group ") != std::string::npos, denied.c_str());
}

void TestControlServer::idleClientsCannotLockOthersOut()
{
    m_server->publishSnapshot(snapshotWithStratum(3));
    // More idle connections than the server takes at all: before, the 65th client and every
    // stratumctl after it got "too many clients" until one of them went.
    constexpr int kIdleClients = ControlServer::kMaxConnections + 16;
    std::vector<std::unique_ptr<RawClient>> idle;
    const auto closedCount = [&] {
        return std::count_if(idle.begin(), idle.end(),
                             [](const auto &c) { return c->socket().state() == QLocalSocket::UnconnectedState; });
    };
    for (int i = 0; i < kIdleClients; ++i) {
        idle.push_back(std::make_unique<RawClient>(QString::fromStdString(m_path)));
        QVERIFY2(idle.back()->connected(), qPrintable(idle.back()->socket().errorString()));
        // Each is accepted (before the listen backlog fills); beyond its peer's share, the
        // oldest connection of that peer is pushed out, with a reason.
        const int expectedClosed = std::max(0, i + 1 - ControlServer::kMaxConnectionsPerPeer);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return m_server->connectionCount() == std::min(i + 1, ControlServer::kMaxConnectionsPerPeer)
                       && closedCount() == expectedClosed;
            },
            kWaitMs));
    }
    QCOMPARE(m_server->connectionCount(), ControlServer::kMaxConnectionsPerPeer);
    const QJsonObject pushedOut = object(idle.front()->socket().readAll().trimmed());
    QVERIFY2(pushedOut.value("error").toString().startsWith("closed to make room for a new client"),
             qPrintable(pushedOut.value("error").toString()));
    // A new client is served at once, and again.
    for (int i = 0; i < 3; ++i) {
        auto call = callAsync(m_path, control::Command::Tracking);
        const CallResult r = await(call);
        QVERIFY2(r.message && r.message->ok, r.error.c_str());
    }
    // The newest idle connection is still open: the oldest went first.
    QCOMPARE(idle.back()->socket().state(), QLocalSocket::ConnectedState);
}

void TestControlServer::idleClientsAreClosedSubscribersStay()
{
    constexpr auto kIdle = 200ms;
    m_server->setIdleTimeout(kIdle);
    m_server->publishSnapshot(snapshotWithStratum(3));
    RawClient subscriber(QString::fromStdString(m_path));
    QVERIFY(subscriber.connected());
    subscriber.send(R"({"v":1,"id":1,"cmd":"subscribe"})"
                    "\n");
    QVERIFY(!subscriber.readLine().isEmpty()); // the result
    QVERIFY(!subscriber.readLine().isEmpty()); // the current snapshot

    RawClient silent(QString::fromStdString(m_path));
    QVERIFY(silent.connected());
    const QJsonObject reply = object(silent.readLine());
    QCOMPARE(reply.value("error").toString(), QStringLiteral("no request for 0.2 s; closing"));
    QVERIFY(silent.waitClosed());

    // A client that keeps asking stays, and so does the subscriber, well past the timeout.
    RawClient busy(QString::fromStdString(m_path));
    QVERIFY(busy.connected());
    for (int id = 1; id <= 6; ++id) {
        QTest::qWait(static_cast<int>((kIdle / 2).count()));
        busy.send(R"({"v":1,"id":)" + QByteArray::number(id)
                  + R"(,"cmd":"tracking"})"
                    "\n");
        QCOMPARE(object(busy.readLine()).value("id").toInt(), id);
    }
    QCOMPARE(subscriber.socket().state(), QLocalSocket::ConnectedState);
    m_server->publishSnapshot(snapshotWithStratum(4));
    QCOMPARE(object(subscriber.readLine()).value("event").toString(), QStringLiteral("snapshot"));
}

void TestControlServer::duplicateKeysAreRefused()
{
    m_server->publishSnapshot(snapshotWithStratum(3));
    int reloads = 0;
    connect(m_server.get(), &ControlServer::reloadRequested, this, [&] { ++reloads; });
    RawClient client(QString::fromStdString(m_path));
    QVERIFY(client.connected());
    // Before, QJsonDocument kept the last "cmd" and the reload ran.
    client.send(R"({"v":1,"id":7,"cmd":"tracking","cmd":"reload"})"
                "\n");
    QJsonObject reply = object(client.readLine());
    QCOMPARE(reply.value("id").toInt(), 7);
    QCOMPARE(reply.value("ok").toBool(true), false);
    QCOMPARE(reply.value("error").toString(), QStringLiteral("duplicate key \"cmd\" in the request"));
    // The same key spelt with an escape, and a key repeated inside "args".
    client.send(R"({"v":1,"id":8,"cmd":"tracking","c\u006dd":"reload"})"
                "\n");
    QCOMPARE(object(client.readLine()).value("error").toString(),
             QStringLiteral("duplicate key \"cmd\" in the request"));
    client.send(R"({"v":1,"id":9,"cmd":"ntpdata","args":{"address":"192.0.2.1","address":"192.0.2.2"}})"
                "\n");
    QCOMPARE(object(client.readLine()).value("error").toString(),
             QStringLiteral("duplicate key \"args.address\" in the request"));
    // Equal keys in different objects, and keys inside strings, are fine.
    client.send(R"({"v":1,"id":10,"cmd":"ntpdata","args":{"v":1,"address":"\"v\":"}})"
                "\n");
    QCOMPARE(object(client.readLine()).value("id").toInt(), 10);
    client.send(R"({"v":1,"id":11,"cmd":"tracking"})"
                "\n");
    QVERIFY(object(client.readLine()).value("ok").toBool());
    QCOMPARE(reloads, 0);
}

QTEST_GUILESS_MAIN(TestControlServer)
#include "tst_controlserver.moc"
