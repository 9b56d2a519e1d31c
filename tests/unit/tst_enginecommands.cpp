// chronyc's runtime commands on the sans-I/O engine (Engine::runCommand and the methods behind
// it): their statuses and syntax errors as chronyc reports them, and their effect on what the
// engine polls, serves and publishes.
#include "engine/Engine.h"

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace s1;
using namespace std::chrono_literals;

namespace {

using Bytes = std::vector<std::uint8_t>;

const RealTime kStart = realTimeFromNanos(std::int64_t{1'760'000'000} * kNanosPerSecond);

IpAddress ip(const char *text)
{
    return *IpAddress::parse(text);
}

EngineConfig configWith(std::vector<std::string> servers)
{
    EngineConfig config;
    for (const std::string &host : servers) {
        SourceConfig s;
        s.host = host;
        config.sources.push_back(s);
    }
    return config;
}

Bytes clientRequest()
{
    NtpHeader h;
    h.mode = NtpMode::Client;
    h.poll = 6;
    h.transmitTime = NtpTimestamp::fromRaw(0x1122'3344'5566'7788ull);
    const auto raw = serializeNtpHeader(h);
    return Bytes(raw.begin(), raw.end());
}

// Whether the engine answers a client request from `from`.
bool serves(Engine &engine, const char *from, RealTime now)
{
    const Bytes request = clientRequest();
    ReceivedPacket p;
    p.role = SocketRole::Server;
    p.hostSocket = 3;
    p.remote = SocketAddress{ip(from), 50'000};
    p.data = request;
    p.receiveTime = now;
    engine.handlePacket(p, now);
    return !engine.takeOutgoing().empty();
}

const SourceSnapshot *sourceNamed(const EngineSnapshot &snapshot, const std::string &name)
{
    const auto it = std::find_if(snapshot.sources.begin(), snapshot.sources.end(),
                                 [&](const SourceSnapshot &s) { return s.name == name; });
    return it == snapshot.sources.end() ? nullptr : &*it;
}
// A pointer into a snapshot that dies at the end of the statement would dangle: name it first.
const SourceSnapshot *sourceNamed(EngineSnapshot &&snapshot, const std::string &name) = delete;

// How many client requests the engine sends to `address` in `seconds`, waking each 100 ms.
int requestsTo(Engine &engine, const char *address, RealTime &now, int seconds)
{
    int count = 0;
    const RealTime end = now + std::chrono::seconds(seconds);
    for (; now < end; now += 100ms) {
        engine.handleTimeout(now);
        for (const OutgoingPacket &out : engine.takeOutgoing())
            if (out.role == SocketRole::Client && out.remote.ip == ip(address))
                ++count;
    }
    return count;
}

} // namespace

class EngineCommandsTest : public QObject
{
    Q_OBJECT

private slots:
    void statusLinesAreChronycs()
    {
        QCOMPARE(chronycStatusLine(CommandStatus::Ok), std::string("200 OK"));
        QCOMPARE(chronycStatusLine(CommandStatus::NoSuchSource), std::string("503 No such source"));
        QCOMPARE(chronycStatusLine(CommandStatus::SourceAlreadyKnown), std::string("511 Source already present"));
        QCOMPARE(chronycStatusLine(CommandStatus::BadSubnet), std::string("507 Bad subnet"));
        QVERIFY(chronycStatusLine(CommandStatus::SyntaxError).empty());
    }

    void addServerWithOptions()
    {
        Engine engine(configWith({"127.0.0.2"}), {}, kStart);
        const CommandResult r = engine.runCommand("add", "server 127.0.0.5 iburst minpoll 4 maxpoll 5", kStart);
        QVERIFY2(r.ok(), r.message.c_str());
        const EngineSnapshot s = engine.snapshot(kStart);
        const SourceSnapshot *added = sourceNamed(s, "127.0.0.5");
        QVERIFY(added);
        QVERIFY(added->addedAtRunTime);
        QCOMPARE(added->poll, 4);
        QVERIFY(!sourceNamed(s, "127.0.0.2")->addedAtRunTime);
        // The same address again, and the configured one.
        QCOMPARE(engine.runCommand("add", "server 127.0.0.5", kStart).status, CommandStatus::SourceAlreadyKnown);
        QCOMPARE(engine.runCommand("add", "peer 127.0.0.2", kStart).status, CommandStatus::SourceAlreadyKnown);
    }

    void addRefusesWhatTheFileRefuses()
    {
        Engine engine(configWith({}), {}, kStart);
        CommandResult r = engine.runCommand("add", "server 127.0.0.5 minpoll", kStart);
        QCOMPARE(r.status, CommandStatus::SyntaxError);
        QVERIFY2(r.message.starts_with("Invalid "), r.message.c_str());
        QVERIFY2(r.message.find("command:1:") != std::string::npos, r.message.c_str()); // the parser's diagnostic
        r = engine.runCommand("add", "server 127.0.0.5 bogusoption", kStart);
        QCOMPARE(r.status, CommandStatus::SyntaxError);
        QVERIFY2(r.message.starts_with("Invalid option in add command\n"), r.message.c_str());
        QCOMPARE(engine.runCommand("add", "refclock PPS /dev/pps0", kStart).message,
                 std::string("Invalid syntax for add command"));
        QCOMPARE(engine.runCommand("add", "", kStart).message, std::string("Invalid syntax for add command"));
        QVERIFY(engine.snapshot(kStart).sources.empty());
    }

    void addByNameIsResolved()
    {
        Engine engine(configWith({}), {}, kStart);
        QVERIFY(engine.runCommand("add", "server ntp.example.net iburst", kStart).ok());
        QCOMPARE(engine.runCommand("add", "server ntp.example.net", kStart).status, CommandStatus::SourceAlreadyKnown);
        const std::vector<ResolveRequest> requests = engine.takeResolveRequests();
        QCOMPARE(requests.size(), std::size_t{1});
        QCOMPARE(requests.front().host, std::string("ntp.example.net"));
        engine.handleResolved(requests.front().token, {ip("127.0.0.9")}, kStart);
        const EngineSnapshot snapshot = engine.snapshot(kStart);
        const SourceSnapshot *added = sourceNamed(snapshot, "ntp.example.net");
        QVERIFY(added);
        QVERIFY(added->addedAtRunTime);
        QCOMPARE(added->address.ip, ip("127.0.0.9"));
    }

    void deleteByAddressAndName()
    {
        Engine engine(configWith({"127.0.0.2", "127.0.0.3"}), {}, kStart);
        QCOMPARE(engine.runCommand("delete", "127.0.0.4", kStart).status, CommandStatus::NoSuchSource);
        QVERIFY(engine.runCommand("delete", "127.0.0.2", kStart).ok());
        QCOMPARE(engine.snapshot(kStart).sources.size(), std::size_t{1});
        QCOMPARE(engine.runCommand("delete", "127.0.0.2", kStart).status, CommandStatus::NoSuchSource);
        QCOMPARE(engine.runCommand("delete", "", kStart).message, std::string("Invalid syntax for address"));
        QVERIFY(engine.runCommand("add", "server ntp.example.net", kStart).ok());
        QVERIFY(engine.runCommand("delete", "ntp.example.net", kStart).ok()); // while still being looked up
        QVERIFY(engine.snapshot(kStart).unresolved.empty());
        // A deleted source is polled no more.
        RealTime now = kStart;
        QCOMPARE(requestsTo(engine, "127.0.0.2", now, 70), 0);
        QVERIFY(requestsTo(engine, "127.0.0.3", now, 70) > 0);
    }

    void allowAndDenyChangeWhoIsServed()
    {
        Engine engine(configWith({}), {}, kStart);
        QVERIFY(!serves(engine, "10.1.2.3", kStart));
        QVERIFY(engine.runCommand("allow", "10.0.0.0/8", kStart).ok());
        QVERIFY(serves(engine, "10.1.2.3", kStart));
        QVERIFY(!serves(engine, "192.168.1.1", kStart));
        QVERIFY(engine.runCommand("deny", "10.1.0.0/16", kStart).ok());
        QVERIFY(!serves(engine, "10.1.2.3", kStart));
        QVERIFY(serves(engine, "10.2.0.1", kStart));
        // `allow all` overrides the more specific deny inside it, as in chrony.
        QVERIFY(engine.runCommand("allow", "all 10.0.0.0/8", kStart).ok());
        QVERIFY(serves(engine, "10.1.2.3", kStart));
        // Plain `deny all`: nobody.
        QVERIFY(engine.runCommand("deny", "all", kStart).ok());
        QVERIFY(!serves(engine, "10.2.0.1", kStart));
        // chronyd's answer to a prefix too long (chronyc sends it), and chronyc's to no address.
        QCOMPARE(engine.runCommand("allow", "10.0.0.0/99", kStart).status, CommandStatus::BadSubnet);
        const CommandResult bad = engine.runCommand("allow", "no.such.host", kStart);
        QCOMPARE(bad.status, CommandStatus::SyntaxError);
        QVERIFY2(bad.message.starts_with("Could not read address"), bad.message.c_str());
    }

    void offlineStopsPollingAndOnlineResumesAtOnce()
    {
        Engine engine(configWith({"127.0.0.2", "127.0.0.3"}), {}, kStart);
        RealTime now = kStart;
        QVERIFY(engine.runCommand("offline", "127.0.0.2", now).ok());
        QVERIFY(engine.snapshot(now).sources.front().offline);
        QCOMPARE(requestsTo(engine, "127.0.0.2", now, 200), 0);
        QVERIFY(requestsTo(engine, "127.0.0.3", now, 70) > 0);
        QVERIFY(engine.runCommand("online", "", now).ok());
        QCOMPARE(requestsTo(engine, "127.0.0.2", now, 1), 1);
        QCOMPARE(engine.runCommand("offline", "192.168.0.0/16", now).status, CommandStatus::NoSuchSource);
        QCOMPARE(engine.runCommand("offline", "127.0.0.0/99", now).message,
                 std::string("Invalid syntax for mask/address"));
        QCOMPARE(engine.runCommand("offline", "no.such.name", now).message,
                 std::string("Could not get address for hostname"));
        // Every source in a subnet.
        QVERIFY(engine.runCommand("offline", "127.0.0.0/8", now).ok());
        const EngineSnapshot s = engine.snapshot(now);
        QVERIFY(std::all_of(s.sources.begin(), s.sources.end(), [](const SourceSnapshot &x) { return x.offline; }));
    }

    void burstSendsRequestsTwoSecondsApart()
    {
        Engine engine(configWith({"127.0.0.2"}), {}, kStart);
        RealTime now = kStart;
        // Past the start-up retries of an unanswered source: one request every 64 s.
        QVERIFY(requestsTo(engine, "127.0.0.2", now, 100) > 0);
        QVERIFY(engine.runCommand("burst", "2/4", now).ok());
        // No replies: all four requests go out, 2 s apart, then the normal interval again.
        QCOMPARE(requestsTo(engine, "127.0.0.2", now, 9), 4);
        QCOMPARE(requestsTo(engine, "127.0.0.2", now, 20), 0);
        QCOMPARE(engine.runCommand("burst", "4", now).message, std::string("Invalid syntax for burst command"));
        QCOMPARE(engine.runCommand("burst", "4/8 10.0.0.1", now).status, CommandStatus::NoSuchSource);
        QVERIFY(engine.runCommand("burst", "4/8 127.0.0.2", now).ok());
        // A burst polls an offline source too (chronyd does), then it stays quiet.
        QVERIFY(engine.runCommand("offline", "", now).ok());
        QVERIFY(engine.runCommand("burst", "1/2", now).ok());
        QCOMPARE(requestsTo(engine, "127.0.0.2", now, 100), 2);
    }

    void perSourceSettings()
    {
        Engine engine(configWith({"127.0.0.2"}), {}, kStart);
        QVERIFY(engine.runCommand("minpoll", "127.0.0.2 8", kStart).ok());
        QCOMPARE(engine.snapshot(kStart).sources.front().poll, 8); // moved into minpoll..maxpoll
        QVERIFY(engine.runCommand("maxpoll", "127.0.0.2 9", kStart).ok());
        QVERIFY(engine.runCommand("maxdelay", "127.0.0.2 0.5", kStart).ok());
        QVERIFY(engine.runCommand("maxdelayratio", "127.0.0.2 2.5", kStart).ok());
        QVERIFY(engine.runCommand("maxdelaydevratio", "127.0.0.2 5", kStart).ok());
        QVERIFY(engine.runCommand("polltarget", "127.0.0.2 12", kStart).ok());
        QCOMPARE(engine.runCommand("minpoll", "127.0.0.3 8", kStart).status, CommandStatus::NoSuchSource);
        QCOMPARE(engine.runCommand("minpoll", "127.0.0.2 x", kStart).message,
                 std::string("Invalid syntax for address value"));
        QCOMPARE(engine.runCommand("minpoll", "127.0.0.2", kStart).message,
                 std::string("Invalid syntax for address value"));
        QCOMPARE(engine.runCommand("maxpoll", "nohost 8", kStart).message,
                 std::string("Could not get address for hostname"));
        QCOMPARE(engine.runCommand("minpoll", "127.0.0.2 99", kStart).status, CommandStatus::Invalid);
        QVERIFY(engine.runCommand("minstratum", "127.0.0.2 3", kStart).ok());
        QCOMPARE(engine.runCommand("minstratum", "127.0.0.2 -1", kStart).status, CommandStatus::Invalid);
    }

    void localOnAndOff()
    {
        Engine engine(configWith({}), {}, kStart);
        QVERIFY(!engine.snapshot(kStart).reference.synchronised);
        QVERIFY(engine.runCommand("local", "stratum 10", kStart).ok());
        EngineSnapshot s = engine.snapshot(kStart);
        QVERIFY(s.reference.synchronised);
        QCOMPARE(s.reference.stratum, 10);
        QCOMPARE(s.reference.referenceId, Engine::kLocalReferenceId);
        QVERIFY(engine.runCommand("local", "off", kStart).ok());
        QVERIFY(!engine.snapshot(kStart).reference.synchronised);
        QVERIFY(engine.runCommand("local", "", kStart).ok()); // chrony's defaults: stratum 10
        QCOMPARE(engine.snapshot(kStart).reference.stratum, 10);
        const CommandResult bad = engine.runCommand("local", "stratum 99", kStart);
        QCOMPARE(bad.status, CommandStatus::SyntaxError);
        QVERIFY2(bad.message.starts_with("Invalid syntax for local command\n"), bad.message.c_str());
    }

    void resetClientsClearsCounters()
    {
        EngineConfig config = configWith({});
        AccessRule all;
        config.ntpAccess.push_back(all);
        Engine engine(config, {}, kStart);
        QVERIFY(serves(engine, "127.0.0.7", kStart));
        QCOMPARE(engine.snapshot(kStart).clientLog.clients.front().ntpPackets, std::uint64_t{1});
        QVERIFY(engine.runCommand("resetclients", "", kStart).ok());
        const EngineSnapshot s = engine.snapshot(kStart);
        QCOMPARE(s.clientLog.clients.size(), std::size_t{1});
        QCOMPARE(s.clientLog.clients.front().ntpPackets, std::uint64_t{0});

        config.server.noClientLog = true;
        Engine quiet(config, {}, kStart);
        QCOMPARE(quiet.runCommand("resetclients", "", kStart).status, CommandStatus::Inactive);
    }

    void refreshMovesARenamedServer()
    {
        Engine engine(configWith({"ntp.example.net", "127.0.0.3"}), {}, kStart);
        std::vector<ResolveRequest> requests = engine.takeResolveRequests();
        QCOMPARE(requests.size(), std::size_t{1});
        engine.handleResolved(requests.front().token, {ip("127.0.0.9")}, kStart);
        QVERIFY(engine.runCommand("refresh", "", kStart).ok());
        requests = engine.takeResolveRequests();
        QCOMPARE(requests.size(), std::size_t{1}); // only the name
        engine.handleResolved(requests.front().token, {ip("127.0.0.10")}, kStart);
        const EngineSnapshot snapshot = engine.snapshot(kStart);
        const SourceSnapshot *moved = sourceNamed(snapshot, "ntp.example.net");
        QVERIFY(moved);
        QCOMPARE(moved->address.ip, ip("127.0.0.10"));
        QCOMPARE(snapshot.sources.size(), std::size_t{2});
    }

    void refreshLooksUpAPoolAgain()
    {
        // chronyd's refresh looks a pool's name up again for each member: one whose address is
        // gone moves to an address no other source uses; one still listed stays.
        EngineConfig config;
        SourceConfig pool;
        pool.kind = SourceConfig::Kind::Pool;
        pool.host = "pool.example.net";
        pool.maxSources = 2;
        config.sources.push_back(pool);
        Engine engine(config, {}, kStart);
        std::vector<ResolveRequest> requests = engine.takeResolveRequests();
        QCOMPARE(requests.size(), std::size_t{1});
        engine.handleResolved(requests.front().token, {ip("127.0.0.11"), ip("127.0.0.12")}, kStart);
        QCOMPARE(engine.snapshot(kStart).sources.size(), std::size_t{2});

        QVERIFY(engine.runCommand("refresh", "", kStart).ok());
        requests = engine.takeResolveRequests();
        QCOMPARE(requests.size(), std::size_t{2}); // one per member
        for (const ResolveRequest &r : requests) {
            QCOMPARE(r.host, std::string("pool.example.net"));
            // .11 is still in the pool, .12 is not; .11 is taken, so .12's member moves to .13.
            engine.handleResolved(r.token, {ip("127.0.0.11"), ip("127.0.0.13")}, kStart);
        }
        const EngineSnapshot s = engine.snapshot(kStart);
        QCOMPARE(s.sources.size(), std::size_t{2});
        QVERIFY(sourceNamed(s, "127.0.0.11"));
        const SourceSnapshot *moved = sourceNamed(s, "127.0.0.13");
        QVERIFY(moved);
        QCOMPARE(moved->poolName, std::string("pool.example.net"));
        QVERIFY(!sourceNamed(s, "127.0.0.12"));
    }

    void unknownCommandAndReselect()
    {
        Engine engine(configWith({"127.0.0.2"}), {}, kStart);
        QCOMPARE(engine.runCommand("frobnicate", "", kStart).status, CommandStatus::Invalid);
        QVERIFY(engine.runCommand("reselect", "", kStart).ok());
        QCOMPARE(engine.runCommand("add", "server 127.0.0.5\nallow", kStart).status, CommandStatus::SyntaxError);
    }
};

QTEST_APPLESS_MAIN(EngineCommandsTest)
#include "tst_enginecommands.moc"
