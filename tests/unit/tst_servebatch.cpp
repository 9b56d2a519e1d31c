// The server's batched packet path on real loopback sockets: requests read together
// (recvmmsg) and answered together (sendmmsg) get the same replies as one by one (the plain
// host's recvmsg/sendto), a malformed datagram among them is counted and dropped without
// losing its neighbours, and a datagram the kernel refuses in a send batch costs only itself.
#include "config/ConfigReader.h"
#include "host/EngineRuntime.h"
#include "net/DatagramSendBatch.h"
#include "ntp/NtpPacket.h"

#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <thread>
#include <vector>

using namespace s1;

namespace {

constexpr std::uint32_t kLoopback = 0x7F000001;
constexpr int kRequests = 40;              // more than one receive batch (32) and two send batches (16)
constexpr int kMalformedAt = 17;           // position of the broken datagram among them
constexpr std::size_t kShortDatagram = 20; // bytes: no NTP header
constexpr int kWaitMs = 2000;
constexpr auto kQueueSettle = std::chrono::milliseconds(50);

// A non-blocking IPv4 UDP socket on 127.0.0.1, any port.
int loopbackSocket(std::uint16_t &port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(kLoopback);
    if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
        qFatal("cannot bind a loopback socket");
    socklen_t length = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &length);
    port = ntohs(a.sin_port);
    return fd;
}

std::uint16_t freePort()
{
    std::uint16_t port = 0;
    ::close(loopbackSocket(port));
    return port;
}

NtpTimestamp requestStamp(int i)
{
    return NtpTimestamp::fromRaw(0x0123'4567'0000'0000ULL + static_cast<std::uint64_t>(i) * 0x1'0000ULL);
}

struct Reply
{
    NtpHeader header;
    std::size_t length = 0;
};

// Sends kRequests requests (one malformed) to the runtime's server, lets it read them all in
// one wake-up, and returns the replies in the order they arrived.
std::vector<Reply> exchange(UdpSocket::Receive mode, ServerStats &stats)
{
    const std::uint16_t serverPort = freePort();
    const ConfigReadResult read = readConfigText("port " + std::to_string(serverPort)
                                                     + "\nallow 127.0.0.0/8\nlocal stratum 1\n"
                                                       "ratelimit interval -12 burst 64\n",
                                                 "test.conf");
    if (!read.ok())
        qFatal("configuration rejected");
    HostOptions options;
    options.serverAddresses = {IpAddress::v4(kLoopback)};
    options.receiveMode = mode;
    options.seed = 1;
    EngineRuntime runtime(read.config, options);
    std::string error;
    if (!runtime.start(error) || runtime.serverPort() != serverPort)
        qFatal("runtime did not start: %s", error.c_str());

    std::uint16_t clientPort = 0;
    const int client = loopbackSocket(clientPort);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(kLoopback);
    to.sin_port = htons(serverPort);
    for (int i = 0; i < kRequests; ++i) {
        NtpHeader h;
        h.mode = NtpMode::Client;
        h.transmitTime = requestStamp(i);
        const auto packet = serializeNtpHeader(h);
        const std::size_t length = i == kMalformedAt ? kShortDatagram : packet.size();
        ::sendto(client, packet.data(), length, 0, reinterpret_cast<const sockaddr *>(&to), sizeof to);
    }
    std::this_thread::sleep_for(kQueueSettle); // all of them queued before the one wake-up
    for (const int fd : runtime.fds())
        runtime.readable(fd);

    std::vector<Reply> replies;
    pollfd p{client, POLLIN, 0};
    while (replies.size() < kRequests - 1 && ::poll(&p, 1, kWaitMs) > 0) {
        std::array<std::uint8_t, 256> buffer{};
        const ssize_t n = ::recv(client, buffer.data(), buffer.size(), 0);
        if (n <= 0)
            break;
        const NtpParseResult parsed = parseNtpPacket(std::span(buffer.data(), static_cast<std::size_t>(n)));
        if (parsed.ok())
            replies.push_back({parsed.packet.header, static_cast<std::size_t>(n)});
    }
    ::close(client);
    stats = runtime.snapshot().server;
    return replies;
}

} // namespace

class TestServeBatch : public QObject
{
    Q_OBJECT

private slots:
    void batchAnswersAsOneByOne();
    void refusedDatagramCostsOnlyItself();
    void serverSocketIsSetUpForLoad();
};

void TestServeBatch::batchAnswersAsOneByOne()
{
    ServerStats batchedStats;
    ServerStats singleStats;
    const std::vector<Reply> batched = exchange(UdpSocket::Receive::Batched, batchedStats);
    const std::vector<Reply> single = exchange(UdpSocket::Receive::Single, singleStats);
    QCOMPARE(int(batched.size()), kRequests - 1);
    QCOMPARE(int(single.size()), kRequests - 1);
    for (const ServerStats &stats : {batchedStats, singleStats}) {
        QCOMPARE(stats.packetsReceived, std::uint64_t(kRequests));
        QCOMPARE(stats.droppedMalformed, std::uint64_t(1));
        QCOMPARE(stats.repliesSent, std::uint64_t(kRequests - 1));
        QCOMPARE(stats.droppedTotal(), std::uint64_t(1));
    }
    int expected = 0;
    for (std::size_t i = 0; i < batched.size(); ++i, ++expected) {
        if (expected == kMalformedAt)
            ++expected;
        const NtpHeader &b = batched[i].header;
        const NtpHeader &s = single[i].header;
        // In order, each answering its own request, and never longer than it.
        QCOMPARE(b.originTime, requestStamp(expected));
        QCOMPARE(s.originTime, requestStamp(expected));
        QCOMPARE(batched[i].length, kNtpHeaderLength);
        QCOMPARE(single[i].length, kNtpHeaderLength);
        // What does not depend on the moment: the same either way.
        QCOMPARE(b.mode, NtpMode::Server);
        QCOMPARE(b.mode, s.mode);
        QCOMPARE(b.version, s.version);
        QCOMPARE(b.leap, s.leap);
        QCOMPARE(b.stratum, s.stratum);
        QCOMPARE(b.referenceId, s.referenceId);
        QCOMPARE(b.poll, s.poll);
        QCOMPARE(b.precision, s.precision);
        // The transmit timestamp is taken after the request arrived, whichever way it left.
        for (const NtpHeader *h : {&b, &s})
            QVERIFY(withoutServerReceiveFlag(h->transmitTime).raw() >= withoutServerReceiveFlag(h->receiveTime).raw());
    }
}

void TestServeBatch::refusedDatagramCostsOnlyItself()
{
    std::uint16_t senderPort = 0;
    std::uint16_t receiverPort = 0;
    const int sender = loopbackSocket(senderPort);
    const int receiver = loopbackSocket(receiverPort);
    DatagramSendBatch batch(4);
    const std::array<std::uint8_t, 3> first{1, 2, 3};
    const std::array<std::uint8_t, 3> last{4, 5, 6};
    const SocketAddress good{IpAddress::v4(kLoopback), receiverPort};
    // An IPv6 destination on an IPv4 socket: the kernel refuses that one message.
    const SocketAddress refused{IpAddress::v6({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), receiverPort};
    QVERIFY(batch.add(good, first));
    QVERIFY(batch.add(refused, first));
    QVERIFY(batch.add(good, last));
    QCOMPARE(batch.send(sender), std::size_t(2));
    QVERIFY(batch.empty());
    std::vector<std::uint8_t> received;
    pollfd p{receiver, POLLIN, 0};
    while (received.size() < 2 && ::poll(&p, 1, kWaitMs) > 0) {
        std::array<std::uint8_t, 16> buffer{};
        if (::recv(receiver, buffer.data(), buffer.size(), 0) != 3)
            break;
        received.push_back(buffer[0]);
    }
    QCOMPARE(received, (std::vector<std::uint8_t>{1, 4}));
    ::close(sender);
    ::close(receiver);
}

// The server socket asks for room for bursts and sends without fragmenting (IP ID 0); the
// client sockets keep the kernel's defaults.
void TestServeBatch::serverSocketIsSetUpForLoad()
{
    const std::uint16_t serverPort = freePort();
    const ConfigReadResult read =
        readConfigText("port " + std::to_string(serverPort) + "\nallow 127.0.0.0/8\nlocal stratum 1\n", "test.conf");
    QVERIFY(read.ok());
    HostOptions options;
    options.serverAddresses = {IpAddress::v4(kLoopback)};
    options.serverReceiveBufferBytes = 1 << 20;
    EngineRuntime runtime(read.config, options);
    std::string error;
    QVERIFY2(runtime.start(error), error.c_str());
    const std::vector<int> fds = runtime.fds();
    QVERIFY(!fds.empty());
    const int server = fds.front(); // the server sockets come first
    int mode = 0;
    socklen_t length = sizeof mode;
    QCOMPARE(::getsockopt(server, IPPROTO_IP, IP_MTU_DISCOVER, &mode, &length), 0);
    QCOMPARE(mode, int(IP_PMTUDISC_PROBE));
    int bytes = 0;
    length = sizeof bytes;
    QCOMPARE(::getsockopt(server, SOL_SOCKET, SO_RCVBUF, &bytes, &length), 0);
    // The kernel doubles what it grants, and caps the request at net.core.rmem_max.
    int defaultBytes = 0;
    std::uint16_t port = 0;
    const int plain = loopbackSocket(port);
    ::getsockopt(plain, SOL_SOCKET, SO_RCVBUF, &defaultBytes, &length);
    ::close(plain);
    QVERIFY2(bytes > defaultBytes, qPrintable(QStringLiteral("%1 <= %2").arg(bytes).arg(defaultBytes)));
}

QTEST_GUILESS_MAIN(TestServeBatch)
#include "tst_servebatch.moc"
