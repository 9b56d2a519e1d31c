// s1-bench-ratelimit: `ratelimit` under a flood, beside chronyd in the same run. For each
// server (our `stratumone --service -x`, then the unpacked chronyd with `-x`, both with the same
// configuration on 127.0.0.1), one address (127.0.0.2) floods it at a fixed rate while 50 other
// addresses (127.0.0.10-59) poll once a second; it prints
//   - the flooder's answered share (and the KoD share: RATE kisses of death),
//   - the other clients' loss (requests without an answer; must be 0),
//   - the server's CPU time per request it received (utime + stime of the process from /proc,
//     all threads; over the requests sent less those its socket dropped, /proc/net/udp's drops),
//     and those socket drops: a server that cannot keep up loses requests in the kernel, where
//     no rate limit decides which.
// The server runs pinned to one CPU and the load generator to another when there are two.
// Numbers only, no assertions (tests/bench/README.md). Loopback only; every loop is bounded
// by the run's duration.
//
//   s1-bench-ratelimit [--seconds N] [--rate R] [--ratelimit "interval 0 burst 8 leak 2"]
//                      [--stratumone PATH] [--chronyd PATH] [--only stratumone|chronyd]
#include "LoopbackServers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using namespace s1bench;

namespace {

constexpr int kPoliteClients = 50;
constexpr int kSocketBuffer = 8 << 20; // bytes: the flooder's receive buffer
constexpr auto kGrace = 1500ms;        // after the load, for the last answers
constexpr auto kPoliteInterval = 1s;
constexpr auto kPoliteDrain = 10ms;                // how often the 50 polite sockets are read
constexpr std::uint32_t kFlooder = 0x7F000002;     // 127.0.0.2
constexpr std::uint32_t kFirstPolite = 0x7F00000A; // 127.0.0.10

struct Options
{
    int seconds = 10;
    int rate = 100'000; // flood requests per second
    std::string rateLimit = "interval 0 burst 8 leak 2";
    ServerPaths paths = ServerPaths::defaults();
    std::string only;
};

struct Result
{
    std::string name;
    bool ran = false;
    std::string error;
    std::uint64_t floodSent = 0;
    std::uint64_t floodAnswered = 0; // normal replies
    std::uint64_t floodKod = 0;
    std::uint64_t politeSent = 0;
    std::uint64_t politeAnswered = 0;
    std::uint64_t kernelDrops = 0; // datagrams the server's socket had no room for
    double seconds = 0;            // of load
    double cpuSeconds = 0;         // the server's, during the load

    // What reached the server: everything sent but what its socket dropped.
    std::uint64_t seen() const { return floodSent + politeSent - std::min(kernelDrops, floodSent + politeSent); }
};

void load(const Options &o, std::uint16_t port, pid_t pid, Result &r)
{
    const int flooder = boundSocket(kFlooder, kSocketBuffer);
    std::vector<int> polite;
    for (int i = 0; i < kPoliteClients; ++i)
        polite.push_back(boundSocket(kFirstPolite + std::uint32_t(i)));
    if (flooder < 0 || std::count(polite.begin(), polite.end(), -1) > 0) {
        r.error = "cannot bind the clients' sockets on 127.0.0.0/8";
        return;
    }
    const auto packet = request();
    sockaddr_in to = address(kServer, port);
    std::array<iovec, kBatch> iov{};
    std::array<mmsghdr, kBatch> msgs{};
    for (int i = 0; i < kBatch; ++i) {
        iov[std::size_t(i)] = {const_cast<std::uint8_t *>(packet.data()), packet.size()};
        msgs[std::size_t(i)].msg_hdr.msg_name = &to;
        msgs[std::size_t(i)].msg_hdr.msg_namelen = sizeof to;
        msgs[std::size_t(i)].msg_hdr.msg_iov = &iov[std::size_t(i)];
        msgs[std::size_t(i)].msg_hdr.msg_iovlen = 1;
    }

    const double cpuBefore = cpuSeconds(pid);
    const std::uint64_t dropsBefore = socketDrops(port);
    const auto start = Clock::now();
    const auto end = start + std::chrono::seconds(o.seconds);
    std::vector<Clock::time_point> nextPoll;
    for (int i = 0; i < kPoliteClients; ++i)
        nextPoll.push_back(start + kPoliteInterval * i / kPoliteClients); // spread over the second
    std::uint64_t politeKod = 0;
    auto nextDrain = start;
    for (auto now = start; now < end; now = Clock::now()) {
        const double elapsed = std::chrono::duration<double>(now - start).count();
        const auto due = std::uint64_t(elapsed * o.rate);
        while (r.floodSent < due) {
            const int n = int(std::min<std::uint64_t>(due - r.floodSent, kBatch));
            const int sent = sendmmsg(flooder, msgs.data(), unsigned(n), 0);
            if (sent <= 0)
                break; // the socket's send buffer is full: try again on the next round
            r.floodSent += std::uint64_t(sent);
        }
        for (int i = 0; i < kPoliteClients; ++i) {
            if (now >= nextPoll[std::size_t(i)]) {
                if (sendto(polite[std::size_t(i)], packet.data(), packet.size(), 0,
                           reinterpret_cast<const sockaddr *>(&to), sizeof to)
                    > 0)
                    ++r.politeSent;
                nextPoll[std::size_t(i)] += kPoliteInterval;
            }
        }
        if (now >= nextDrain) {
            for (int fd : polite)
                drain(fd, r.politeAnswered, politeKod);
            nextDrain = now + kPoliteDrain;
        }
        drain(flooder, r.floodAnswered, r.floodKod);
        if (r.floodSent >= due)
            std::this_thread::sleep_for(100us);
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    r.cpuSeconds = cpuSeconds(pid) - cpuBefore;
    r.kernelDrops = socketDrops(port) - dropsBefore;
    const auto graceEnd = Clock::now() + kGrace;
    while (Clock::now() < graceEnd) {
        drain(flooder, r.floodAnswered, r.floodKod);
        for (int fd : polite)
            drain(fd, r.politeAnswered, politeKod);
        std::this_thread::sleep_for(10ms);
    }
    // A KoD to a polite client is an answer, but not the one it asked for: count it as lost.
    close(flooder);
    for (int fd : polite)
        close(fd);
    r.ran = true;
}

Result runServer(const Options &o, const std::string &name, const std::string &dir)
{
    Result r;
    r.name = name;
    ServerProcess server;
    if (!server.start(name, o.paths, dir, "allow 127.0.0.0/8\nlocal stratum 1\nratelimit " + o.rateLimit + "\n",
                      r.error))
        return r;
    load(o, server.port(), server.pid(), r);
    return r;
}

void print(const Options &o, const std::vector<Result> &results)
{
    std::printf("s1-bench-ratelimit: %d s; 127.0.0.2 floods at %d requests/s; %d addresses poll once a second; "
                "'ratelimit %s'\n\n",
                o.seconds, o.rate, kPoliteClients, o.rateLimit.c_str());
    std::printf("%-11s %10s %9s %9s %8s %8s %8s %7s %6s %10s %7s %11s\n", "server", "flood", "req/s", "answered",
                "share", "KoD", "KoD sh.", "others", "lost", "sock.drops", "CPU s", "us/request");
    for (const Result &r : results) {
        if (!r.ran) {
            std::printf("%-11s not run: %s\n", r.name.c_str(), r.error.c_str());
            continue;
        }
        const double share = r.floodSent ? double(r.floodAnswered) / double(r.floodSent) : 0;
        const double kodShare = r.floodSent ? double(r.floodKod) / double(r.floodSent) : 0;
        const std::uint64_t requests = r.seen();
        std::printf("%-11s %10llu %9.0f %9llu %8.4f %8llu %8.4f %7llu %6lld %10llu %7.2f %11.2f\n", r.name.c_str(),
                    (unsigned long long)r.floodSent, double(r.floodSent) / r.seconds,
                    (unsigned long long)r.floodAnswered, share, (unsigned long long)r.floodKod, kodShare,
                    (unsigned long long)r.politeSent, (long long)r.politeSent - (long long)r.politeAnswered,
                    (unsigned long long)r.kernelDrops, r.cpuSeconds,
                    requests ? r.cpuSeconds * 1e6 / double(requests) : 0.0);
    }
    const auto ours =
        std::find_if(results.begin(), results.end(), [](const Result &r) { return r.name == "stratumone"; });
    const auto theirs =
        std::find_if(results.begin(), results.end(), [](const Result &r) { return r.name == "chronyd"; });
    if (ours != results.end() && theirs != results.end() && ours->ran && theirs->ran && theirs->cpuSeconds > 0) {
        const double oursPer = ours->cpuSeconds / double(std::max<std::uint64_t>(ours->seen(), 1));
        const double theirsPer = theirs->cpuSeconds / double(std::max<std::uint64_t>(theirs->seen(), 1));
        std::printf("\nCPU per request, stratumone / chronyd: %.2f\n", oursPer / theirsPer);
    }
}

std::optional<Options> parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "%s: missing value\n", a.c_str());
            return std::nullopt;
        }
        const std::string v = argv[++i];
        if (a == "--seconds")
            o.seconds = std::max(1, std::atoi(v.c_str()));
        else if (a == "--rate")
            o.rate = std::max(1, std::atoi(v.c_str()));
        else if (a == "--ratelimit")
            o.rateLimit = v;
        else if (a == "--stratumone")
            o.paths.stratumone = v;
        else if (a == "--chronyd")
            o.paths.chronyd = v;
        else if (a == "--only")
            o.only = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return std::nullopt;
        }
    }
    return o;
}

} // namespace

int main(int argc, char **argv)
{
    const std::optional<Options> options = parse(argc, argv);
    if (!options)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    char dirTemplate[] = "/tmp/s1-bench-ratelimit.XXXXXX";
    const char *dir = mkdtemp(dirTemplate);
    if (!dir) {
        std::perror("mkdtemp");
        return 1;
    }
    pinTo(1);
    std::vector<Result> results;
    for (const char *name : {"stratumone", "chronyd"})
        if (options->only.empty() || options->only == name)
            results.push_back(runServer(*options, name, dir));
    print(*options, results);
    std::printf("\nlogs in %s\n", dir);
    return 0;
}
