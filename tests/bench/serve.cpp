// s1-bench-serve: how fast and how small we serve, beside chronyd in the same run. For each
// server (our `stratumone --service -x`, then the unpacked chronyd with `-x`, both with the same
// configuration on 127.0.0.1, a `ratelimit` line that keeps the client log and the limiter
// working but limits nobody), one generator socket sends requests from many addresses of
// 127.0.0.0/8 (IP_PKTINFO per datagram, sendmmsg in batches) and counts the replies; it prints
//   - responses/s at saturation: an offered load above what either server answers, replies
//     received over the window (the rest the server's socket drops),
//   - CPU per response at a fixed offered load (default 100k/s): utime + stime of the server
//     process (all threads, /proc/PID/stat) over the window, per reply received,
//   - resident memory after the run: VmRSS and VmHWM from /proc/PID/status,
// and the ratios ours / chronyd. The server runs pinned to CPU 0 and the generator to CPU 1
// when there are two. Numbers only, no assertions (tests/bench/README.md); loopback only;
// every loop is bounded by its window.
//
//   s1-bench-serve [--seconds N] [--saturation R] [--rate R] [--clients N] [--rounds N]
//                  [--ratelimit "..."] [--stratumone PATH] [--chronyd PATH] [--only NAME]
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
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using namespace s1bench;

namespace {

constexpr int kSocketBuffer = 32 << 20;            // bytes: the generator's receive buffer
constexpr std::uint32_t kFirstClient = 0x7F000100; // 127.0.1.0
constexpr auto kWarmUp = 1s;                       // at the fixed rate: every client address gets a log record
constexpr auto kSettle = 300ms;                    // between windows: the last replies drain, not counted
constexpr auto kGrace = 200ms;                     // after the fixed-rate window: its last replies
constexpr auto kIdleSleep = 50us;                  // when the generator is ahead of its schedule
constexpr int kMaxClients = 60'000;
constexpr std::size_t kReplyBytes = 128;
constexpr std::uint8_t kModeMask = 0x07;
constexpr std::uint8_t kModeServer = 4;

struct Options
{
    int seconds = 5;
    int saturation = 1'000'000; // offered requests/s, above what either server answers
    int rate = 100'000;         // offered requests/s for the CPU figure
    int clients = 1000;
    int rounds = 1;
    // One response per 2^-12 s per address, 16 in a burst: 4096/s each, far above what an
    // address here sends (the offered load over `clients`), so the limiter runs but never limits.
    std::string rateLimit = "interval -12 burst 16 leak 2";
    ServerPaths paths = ServerPaths::defaults();
    std::string only;
};

struct Result
{
    std::string name;
    int round = 0;
    bool ran = false;
    std::string error;
    // Saturation window.
    double satOffered = 0;      // requests/s actually sent
    double satResponses = 0;    // replies/s received
    double satCpuShare = 0;     // the server's CPU time over the window's wall time
    std::uint64_t satDrops = 0; // the server socket's
    // Fixed-rate window.
    double fixedOffered = 0;
    double fixedResponses = 0;
    double fixedCpuSeconds = 0;
    std::uint64_t fixedReplies = 0;
    std::uint64_t fixedDrops = 0;
    std::uint64_t kods = 0;           // RATE kisses over both windows: must be 0
    std::uint64_t generatorDrops = 0; // replies the generator's own socket had no room for
    // After the run.
    std::uint64_t rssKb = 0;
    std::uint64_t hwmKb = 0;

    double cpuPerResponseUs() const { return fixedReplies ? fixedCpuSeconds * 1e6 / double(fixedReplies) : 0; }
};

// One socket on 0.0.0.0 that sends from `clients` addresses of 127.0.0.0/8 in turn: each
// datagram of a batch carries its source address in an IP_PKTINFO control message.
class Generator
{
public:
    Generator(int clients, std::uint16_t serverPort)
        : m_clients(clients)
        , m_to(address(kServer, serverPort))
        , m_packet(request())
    {
        m_fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            return;
        if (setsockopt(m_fd, SOL_SOCKET, SO_RCVBUFFORCE, &kSocketBuffer, sizeof kSocketBuffer) != 0)
            setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &kSocketBuffer, sizeof kSocketBuffer);
        const sockaddr_in any = address(INADDR_ANY, 0);
        if (bind(m_fd, reinterpret_cast<const sockaddr *>(&any), sizeof any) != 0) {
            close(m_fd);
            m_fd = -1;
            return;
        }
        sockaddr_in bound{};
        socklen_t length = sizeof bound;
        getsockname(m_fd, reinterpret_cast<sockaddr *>(&bound), &length);
        m_port = ntohs(bound.sin_port);
        for (std::size_t i = 0; i < kBatch; ++i) {
            m_sendIov[i] = {const_cast<std::uint8_t *>(m_packet.data()), m_packet.size()};
            msghdr &h = m_send[i].msg_hdr;
            h.msg_name = &m_to;
            h.msg_namelen = sizeof m_to;
            h.msg_iov = &m_sendIov[i];
            h.msg_iovlen = 1;
            h.msg_control = m_control[i].data();
            h.msg_controllen = m_control[i].size();
            cmsghdr *c = CMSG_FIRSTHDR(&h);
            c->cmsg_level = IPPROTO_IP;
            c->cmsg_type = IP_PKTINFO;
            c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
            m_receiveIov[i] = {m_replies[i].data(), m_replies[i].size()};
        }
    }
    ~Generator()
    {
        if (m_fd >= 0)
            close(m_fd);
    }
    Generator(const Generator &) = delete;
    Generator &operator=(const Generator &) = delete;

    bool ok() const { return m_fd >= 0; }
    std::uint16_t port() const { return m_port; }

    // Sends up to `n` (at most a batch) requests, each from the next client address; the
    // number the kernel took.
    int send(int n)
    {
        n = std::min(n, kBatch);
        for (int i = 0; i < n; ++i) {
            in_pktinfo info{};
            info.ipi_spec_dst.s_addr = htonl(kFirstClient + std::uint32_t(m_next));
            std::memcpy(CMSG_DATA(CMSG_FIRSTHDR(&m_send[std::size_t(i)].msg_hdr)), &info, sizeof info);
            m_next = (m_next + 1) % m_clients;
        }
        const int sent = sendmmsg(m_fd, m_send.data(), unsigned(n), 0);
        return std::max(sent, 0);
    }

    // Reads the replies waiting (bounded: a few batches); counts them and the KoDs among them.
    void receive(std::uint64_t &replies, std::uint64_t &kods)
    {
        constexpr int kRounds = 16;
        for (int round = 0; round < kRounds; ++round) {
            for (std::size_t i = 0; i < kBatch; ++i) {
                m_receive[i] = {};
                m_receive[i].msg_hdr.msg_iov = &m_receiveIov[i];
                m_receive[i].msg_hdr.msg_iovlen = 1;
            }
            const int n = recvmmsg(m_fd, m_receive.data(), kBatch, MSG_DONTWAIT, nullptr);
            if (n <= 0)
                return;
            for (std::size_t i = 0; i < std::size_t(n); ++i) {
                // A look at the mode and stratum only: the generator's CPU is the load's limit.
                const std::uint8_t *b = m_replies[i].data();
                if (m_receive[i].msg_len < s1::kNtpHeaderLength || (b[0] & kModeMask) != kModeServer)
                    continue;
                ++replies;
                if (b[1] == 0)
                    ++kods;
            }
            if (n < kBatch)
                return;
        }
    }

private:
    int m_fd = -1;
    std::uint16_t m_port = 0;
    int m_clients;
    int m_next = 0;
    sockaddr_in m_to;
    std::array<std::uint8_t, s1::kNtpHeaderLength> m_packet;
    std::array<iovec, kBatch> m_sendIov{};
    std::array<mmsghdr, kBatch> m_send{};
    alignas(cmsghdr) std::array<std::array<std::uint8_t, CMSG_SPACE(sizeof(in_pktinfo))>, kBatch> m_control{};
    std::array<std::array<std::uint8_t, kReplyBytes>, kBatch> m_replies{};
    std::array<iovec, kBatch> m_receiveIov{};
    std::array<mmsghdr, kBatch> m_receive{};
};

struct Window
{
    double seconds = 0;
    std::uint64_t sent = 0;
    std::uint64_t replies = 0;
    std::uint64_t kods = 0;
};

// Offers `rate` requests/s for `length`, counting the replies that arrive meanwhile (and for
// `grace` after it).
Window offer(Generator &g, int rate, std::chrono::nanoseconds length, std::chrono::nanoseconds grace)
{
    Window w;
    const auto start = Clock::now();
    const auto end = start + length;
    for (auto now = start; now < end; now = Clock::now()) {
        const double elapsed = std::chrono::duration<double>(now - start).count();
        const auto due = std::uint64_t(elapsed * rate);
        bool behind = w.sent < due;
        if (behind) {
            const int sent = g.send(int(std::min<std::uint64_t>(due - w.sent, kBatch)));
            w.sent += std::uint64_t(sent);
            behind = sent > 0 && w.sent < due;
        }
        g.receive(w.replies, w.kods);
        if (!behind)
            std::this_thread::sleep_for(kIdleSleep);
    }
    w.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const auto graceEnd = Clock::now() + grace;
    while (Clock::now() < graceEnd) {
        g.receive(w.replies, w.kods);
        std::this_thread::sleep_for(kIdleSleep);
    }
    return w;
}

Result runServer(const Options &o, const std::string &name, int round, const std::string &dir)
{
    Result r;
    r.name = name;
    r.round = round;
    ServerProcess server;
    if (!server.start(name, o.paths, dir, "allow 127.0.0.0/8\nlocal stratum 1\nratelimit " + o.rateLimit + "\n",
                      r.error))
        return r;
    Generator g(o.clients, server.port());
    if (!g.ok()) {
        r.error = "cannot open the generator's socket";
        return r;
    }
    const std::uint64_t generatorDropsBefore = socketDrops(g.port(), INADDR_ANY);
    const auto window = std::chrono::seconds(o.seconds);
    offer(g, o.rate, kWarmUp, kSettle);

    double cpu = cpuSeconds(server.pid());
    std::uint64_t drops = socketDrops(server.port());
    const Window sat = offer(g, o.saturation, window, std::chrono::nanoseconds(0));
    r.satCpuShare = (cpuSeconds(server.pid()) - cpu) / sat.seconds;
    r.satDrops = socketDrops(server.port()) - drops;
    r.satOffered = double(sat.sent) / sat.seconds;
    r.satResponses = double(sat.replies) / sat.seconds;
    offer(g, 0, kSettle, std::chrono::nanoseconds(0));

    cpu = cpuSeconds(server.pid());
    drops = socketDrops(server.port());
    const Window fixed = offer(g, o.rate, window, kGrace);
    r.fixedCpuSeconds = cpuSeconds(server.pid()) - cpu;
    r.fixedDrops = socketDrops(server.port()) - drops;
    r.fixedOffered = double(fixed.sent) / fixed.seconds;
    r.fixedResponses = double(fixed.replies) / fixed.seconds;
    r.fixedReplies = fixed.replies;
    r.kods = sat.kods + fixed.kods;
    r.generatorDrops = socketDrops(g.port(), INADDR_ANY) - generatorDropsBefore;

    r.rssKb = statusKb(server.pid(), "VmRSS");
    r.hwmKb = statusKb(server.pid(), "VmHWM");
    r.ran = true;
    return r;
}

const Result *find(const std::vector<Result> &results, const std::string &name, int round)
{
    for (const Result &r : results)
        if (r.name == name && r.round == round && r.ran)
            return &r;
    return nullptr;
}

void print(const Options &o, const std::vector<Result> &results, double loadBefore)
{
    std::printf("s1-bench-serve: %d s windows; %d client addresses (127.0.1.0 on); 'ratelimit %s'; saturation "
                "offered %d/s, CPU figure at %d/s offered\nload average (1 min) before %.2f, after %.2f\n\n",
                o.seconds, o.clients, o.rateLimit.c_str(), o.saturation, o.rate, loadBefore, loadAverage());
    std::printf("%-11s %5s | %10s %10s %6s %9s | %9s %9s %8s %7s | %6s %8s | %8s %8s\n", "server", "round",
                "sat. sent/s", "answered/s", "CPU", "sock.drop", "sent/s", "answered/s", "drops", "us/resp", "KoD",
                "gen.drop", "RSS MB", "HWM MB");
    for (const Result &r : results) {
        if (!r.ran) {
            std::printf("%-11s %5d not run: %s\n", r.name.c_str(), r.round, r.error.c_str());
            continue;
        }
        std::printf("%-11s %5d | %10.0f %10.0f %5.0f%% %9llu | %9.0f %9.0f %8llu %7.2f | %6llu %8llu | %8.1f %8.1f\n",
                    r.name.c_str(), r.round, r.satOffered, r.satResponses, r.satCpuShare * 100,
                    (unsigned long long)r.satDrops, r.fixedOffered, r.fixedResponses, (unsigned long long)r.fixedDrops,
                    r.cpuPerResponseUs(), (unsigned long long)r.kods, (unsigned long long)r.generatorDrops,
                    double(r.rssKb) / 1000, double(r.hwmKb) / 1000);
    }
    std::printf("\n");
    for (int round = 1; round <= o.rounds; ++round) {
        const Result *ours = find(results, "stratumone", round);
        const Result *theirs = find(results, "chronyd", round);
        if (!ours || !theirs || theirs->satResponses <= 0 || theirs->cpuPerResponseUs() <= 0 || theirs->rssKb == 0)
            continue;
        std::printf("round %d, stratumone / chronyd: responses/s at saturation %.2f, CPU per response at %d/s %.2f, "
                    "RSS %.2f (HWM %.2f)\n",
                    round, ours->satResponses / theirs->satResponses, o.rate,
                    ours->cpuPerResponseUs() / theirs->cpuPerResponseUs(), double(ours->rssKb) / double(theirs->rssKb),
                    double(ours->hwmKb) / double(theirs->hwmKb));
    }
}

std::optional<Options> parse(int argc, char **argv)
{
    Options o;
    const auto number = [](const std::string &v, int min, int max) {
        return std::clamp(std::atoi(v.c_str()), min, max);
    };
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "%s: missing value\n", a.c_str());
            return std::nullopt;
        }
        const std::string v = argv[++i];
        if (a == "--seconds")
            o.seconds = number(v, 1, 600);
        else if (a == "--saturation")
            o.saturation = number(v, 1, 100'000'000);
        else if (a == "--rate")
            o.rate = number(v, 1, 100'000'000);
        else if (a == "--clients")
            o.clients = number(v, 1, kMaxClients);
        else if (a == "--rounds")
            o.rounds = number(v, 1, 100);
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
    char dirTemplate[] = "/tmp/s1-bench-serve.XXXXXX";
    const char *dir = mkdtemp(dirTemplate);
    if (!dir) {
        std::perror("mkdtemp");
        return 1;
    }
    pinTo(1);
    const double loadBefore = loadAverage();
    std::vector<Result> results;
    for (int round = 1; round <= options->rounds; ++round)
        for (const char *name : {"stratumone", "chronyd"})
            if (options->only.empty() || options->only == name)
                results.push_back(runServer(*options, name, round, dir));
    print(*options, results, loadBefore);
    std::printf("\nlogs in %s\n", dir);
    return 0;
}
