// `stratumctl`: command-line companion. For now it can probe any NTP server the way our client
// measures it; the chronyc-style reports over the control socket come with that socket.
#include "host/HostClock.h"
#include "net/UdpSocket.h"
#include "sources/NtpSource.h"

#include <QCoreApplication>
#include <QStringList>

#include <poll.h>

#include <cinttypes>
#include <cstdio>
#include <random>

namespace {

constexpr int kQueryTimeoutMs = 2000;

void usage(std::FILE *out)
{
    std::fprintf(out,
                 "Usage: stratumctl query ADDRESS [PORT]\n"
                 "  query   send one NTP client request and print offset, delay and the server's state\n");
}

int query(const std::string &host, std::uint16_t port)
{
    const auto ip = s1::IpAddress::parse(host);
    if (!ip) {
        std::fprintf(stderr, "stratumctl: not an IP address: %s\n", host.c_str());
        return 2;
    }
    std::string error;
    auto socket = s1::UdpSocket::open({ip->isV6() ? s1::IpAddress::v6({}) : s1::IpAddress::v4(0), 0}, error);
    if (!socket) {
        std::fprintf(stderr, "stratumctl: %s\n", error.c_str());
        return 1;
    }
    s1::SourceConfig config;
    config.host = host;
    config.port = port;
    const s1::SocketAddress remote{*ip, port};
    const int precision = s1::measureClockPrecision();
    s1::NtpSource source(1, config, host, remote, {}, s1::readRealTimeClock(), precision);
    std::random_device entropy;
    const std::uint64_t cookie = (std::uint64_t(entropy()) << 32) | entropy();
    const auto request = source.makeRequest(s1::readRealTimeClock(), cookie);
    const s1::RealTime sent = s1::readRealTimeClock();
    if (!socket->send(remote, request)) {
        std::fprintf(stderr, "stratumctl: cannot send to %s\n", remote.toString().c_str());
        return 1;
    }
    source.requestTransmitted(sent);

    s1::DatagramBatch batch(1);
    pollfd pfd{socket->fd(), POLLIN, 0};
    const s1::Nanoseconds deadline = s1::readMonotonicClock() + std::chrono::milliseconds(kQueryTimeoutMs);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - s1::readMonotonicClock());
        if (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) {
            std::fprintf(stderr, "stratumctl: no reply from %s\n", remote.toString().c_str());
            return 1;
        }
        if (socket->receive(batch, s1::UdpSocket::Receive::Single) == 0 || batch[0].from != remote)
            continue;
        const auto parsed = s1::parseNtpPacket(batch[0].data);
        if (!parsed.ok())
            continue;
        const s1::ReplyVerdict verdict = source.handleReply(parsed.packet, batch[0].receiveTime);
        const s1::SourceSnapshot s = source.snapshot();
        std::printf("server %s stratum %d leap %d refid %08" PRIX32 "\n", remote.toString().c_str(), s.stratum,
                    static_cast<int>(s.leap), s.referenceId);
        if (verdict != s1::ReplyVerdict::Accepted || !s.lastSample) {
            std::printf("rejected: %s\n", s1::toString(verdict));
            return 1;
        }
        std::printf("offset %+.9f s delay %.9f s dispersion %.9f s\n", s.lastSample->offset, s.lastSample->delay,
                    s.lastSample->dispersion);
        return 0;
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2 || args[1] == QLatin1String("-h") || args[1] == QLatin1String("--help")) {
        usage(args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == QLatin1String("query") && (args.size() == 3 || args.size() == 4)) {
        bool ok = true;
        const uint port = args.size() == 4 ? args[3].toUInt(&ok) : s1::kNtpDefaultPort;
        if (!ok || port == 0 || port > 65535) {
            std::fprintf(stderr, "stratumctl: bad port\n");
            return 2;
        }
        return query(args[2].toStdString(), static_cast<std::uint16_t>(port));
    }
    usage(stderr);
    return 2;
}
