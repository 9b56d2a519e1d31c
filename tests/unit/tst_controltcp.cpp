// ControlServer's remote TCP port on 127.0.0.1, in-process: opened only with an address and a
// cmdallow rule, queries answered, state-changing commands refused with a message naming the
// local socket, and peers outside cmdallow turned away. The blocking ControlClient runs in a
// helper thread while this thread's event loop serves.
#include "transport/ControlClient.h"
#include "transport/ControlServer.h"

#include <QTcpServer>
#include <QtTest>

#include <chrono>
#include <future>

using namespace s1;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 5000;
constexpr int kLoopbackPrefix = 32;
constexpr int kTenNetPrefix = 8;

std::uint16_t freeTcpPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        qFatal("no free TCP port");
    return probe.serverPort();
}

AccessRule allowRule(const char *address, int prefix)
{
    return AccessRule{true, false, Subnet::of(*IpAddress::parse(address), prefix)};
}

CommandConfig remoteConfig(std::uint16_t port, std::vector<AccessRule> access)
{
    CommandConfig config;
    config.port = port;
    config.bindAddressV4 = IpAddress::parse("127.0.0.1");
    config.access = std::move(access);
    return config;
}

struct CallResult
{
    bool connected = false;
    std::optional<control::ControlMessage> message;
    std::string error;
};

std::future<CallResult> callAsync(std::uint16_t port, control::Command command)
{
    return std::async(std::launch::async, [port, command] {
        CallResult r;
        ControlClient client;
        r.connected = client.connectToHost("127.0.0.1", port, r.error);
        if (r.connected)
            r.message = client.call(command, {}, ControlClient::kReplyTimeout, r.error);
        return r;
    });
}

CallResult await(std::future<CallResult> &future)
{
    const bool ready = QTest::qWaitFor([&] { return future.wait_for(0ms) == std::future_status::ready; }, kWaitMs);
    if (!ready)
        qFatal("a client call did not finish");
    return future.get();
}

} // namespace

class TestControlTcp : public QObject
{
    Q_OBJECT
private slots:
    void closedWithoutAllowOrAddress();
    void answersQueriesRefusesChanges();
    void refusesPeerOutsideAllow();
    void unreachablePortFailsQuickly();
};

void TestControlTcp::closedWithoutAllowOrAddress()
{
    const std::uint16_t port = freeTcpPort();
    ControlServer server;
    QString error;

    // An address but no cmdallow: nothing listens.
    QVERIFY(server.listenRemote(remoteConfig(port, {}), error));
    QVERIFY(!server.isListeningRemote());
    // A cmddeny alone opens nothing either.
    AccessRule deny = allowRule("127.0.0.1", kLoopbackPrefix);
    deny.allow = false;
    QVERIFY(server.listenRemote(remoteConfig(port, {deny}), error));
    QVERIFY(!server.isListeningRemote());
    // cmdallow but no bindcmdaddress IP address.
    CommandConfig noAddress = remoteConfig(port, {allowRule("127.0.0.1", kLoopbackPrefix)});
    noAddress.bindAddressV4.reset();
    QVERIFY(server.listenRemote(noAddress, error));
    QVERIFY(!server.isListeningRemote());
    QVERIFY(remoteControlAddresses(noAddress).empty());

    auto call = callAsync(port, control::Command::Tracking);
    const CallResult r = await(call);
    QVERIFY(!r.connected);
    QVERIFY2(r.error.find("Connection refused") != std::string::npos, r.error.c_str());
}

void TestControlTcp::answersQueriesRefusesChanges()
{
    const std::uint16_t port = freeTcpPort();
    ControlServer server;
    bool reloadHandedOver = false;
    connect(&server, &ControlServer::reloadRequested, this, [&](quint64) { reloadHandedOver = true; });
    QString error;
    QVERIFY2(server.listenRemote(remoteConfig(port, {allowRule("127.0.0.1", kLoopbackPrefix)}), error),
             qPrintable(error));
    QVERIFY(server.isListeningRemote());
    server.publishSnapshot(EngineSnapshot{});

    auto query = callAsync(port, control::Command::Tracking);
    const CallResult answered = await(query);
    QVERIFY2(answered.message, answered.error.c_str());
    QVERIFY(answered.message->ok);
    QVERIFY(answered.message->result.isObject());

    auto reload = callAsync(port, control::Command::Reload);
    const CallResult refused = await(reload);
    QVERIFY2(refused.message, refused.error.c_str());
    QVERIFY(!refused.message->ok);
    QVERIFY2(refused.message->error.contains(QLatin1String("needs the local control socket")),
             qPrintable(refused.message->error));
    QVERIFY(!reloadHandedOver);

    server.close();
    QVERIFY(!server.isListeningRemote());
}

void TestControlTcp::refusesPeerOutsideAllow()
{
    const std::uint16_t port = freeTcpPort();
    ControlServer server;
    QString error;
    QVERIFY(server.listenRemote(remoteConfig(port, {allowRule("10.0.0.0", kTenNetPrefix)}), error));
    QVERIFY(server.isListeningRemote());

    auto call = callAsync(port, control::Command::Tracking);
    const CallResult r = await(call);
    QVERIFY(r.connected);
    QVERIFY2(r.message, r.error.c_str());
    QVERIFY(!r.message->ok);
    QVERIFY2(r.message->error.contains(QLatin1String("access denied: 127.0.0.1")), qPrintable(r.message->error));
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, kWaitMs);
}

void TestControlTcp::unreachablePortFailsQuickly()
{
    ControlClient client;
    std::string error;
    QVERIFY(!client.connectToHost("not-an-address", 1, error));
    QVERIFY2(error.find("not an IP address") != std::string::npos, error.c_str());
}

QTEST_GUILESS_MAIN(TestControlTcp)
#include "tst_controltcp.moc"
