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
#include "ntp/NtpPacket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char **environ;

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kPoliteClients = 50;
constexpr int kBatch = 64;             // datagrams per sendmmsg/recvmmsg
constexpr int kSocketBuffer = 8 << 20; // bytes: the flooder's receive buffer
constexpr auto kReadyTimeout = 15s;    // for a server to answer its first request
constexpr auto kGrace = 1500ms;        // after the load, for the last answers
constexpr auto kStopTimeout = 5s;      // SIGTERM, then SIGKILL
constexpr auto kPoliteInterval = 1s;
constexpr auto kPoliteDrain = 10ms;                // how often the 50 polite sockets are read
constexpr std::uint32_t kFlooder = 0x7F000002;     // 127.0.0.2
constexpr std::uint32_t kFirstPolite = 0x7F00000A; // 127.0.0.10
constexpr std::uint32_t kProbe = 0x7F0000C8;       // 127.0.0.200: readiness probe
constexpr std::uint32_t kServer = 0x7F000001;

struct Options
{
    int seconds = 10;
    int rate = 100'000; // flood requests per second
    std::string rateLimit = "interval 0 burst 8 leak 2";
    std::string stratumone;
    std::string chronyd;
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

std::string exeDir()
{
    std::array<char, 4096> path{};
    const ssize_t n = readlink("/proc/self/exe", path.data(), path.size() - 1);
    std::string p(path.data(), n > 0 ? std::size_t(n) : 0);
    return p.substr(0, p.rfind('/'));
}

bool exists(const std::string &path)
{
    struct stat st
    { };
    return stat(path.c_str(), &st) == 0;
}

sockaddr_in address(std::uint32_t hostOrder, std::uint16_t port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(hostOrder);
    a.sin_port = htons(port);
    return a;
}

// A non-blocking UDP socket bound to `local` (any port); -1 on failure.
int boundSocket(std::uint32_t local, int receiveBuffer = 0)
{
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (receiveBuffer > 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    const sockaddr_in a = address(local, 0);
    if (bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

std::uint16_t freeUdpPort()
{
    const int fd = boundSocket(kServer);
    sockaddr_in a{};
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

std::array<std::uint8_t, s1::kNtpHeaderLength> request()
{
    s1::NtpHeader h;
    h.mode = s1::NtpMode::Client;
    h.poll = 0;
    h.transmitTime = s1::NtpTimestamp::fromRaw(0x0123'4567'89ab'cdefULL);
    return s1::serializeNtpHeader(h);
}

enum class Reply { Normal, Kod, Other };

Reply classify(const std::uint8_t *data, std::size_t length)
{
    const auto parsed = s1::parseNtpPacket(std::span(data, length));
    if (!parsed.ok() || parsed.packet.header.mode != s1::NtpMode::Server)
        return Reply::Other;
    if (parsed.packet.header.stratum == 0)
        return parsed.packet.header.referenceId == s1::kKissRate ? Reply::Kod : Reply::Other;
    return Reply::Normal;
}

// Reads everything waiting on `fd`; counts normal replies and KoDs.
void drain(int fd, std::uint64_t &normal, std::uint64_t &kod)
{
    std::array<std::array<std::uint8_t, 128>, kBatch> buffers{};
    std::array<iovec, kBatch> iov{};
    std::array<mmsghdr, kBatch> msgs{};
    for (int round = 0; round < 1000; ++round) { // bounded: 64k datagrams a call at most
        for (int i = 0; i < kBatch; ++i) {
            iov[std::size_t(i)] = {buffers[std::size_t(i)].data(), buffers[std::size_t(i)].size()};
            msgs[std::size_t(i)] = {};
            msgs[std::size_t(i)].msg_hdr.msg_iov = &iov[std::size_t(i)];
            msgs[std::size_t(i)].msg_hdr.msg_iovlen = 1;
        }
        const int n = recvmmsg(fd, msgs.data(), kBatch, MSG_DONTWAIT, nullptr);
        if (n <= 0)
            return;
        for (int i = 0; i < n; ++i) {
            switch (classify(buffers[std::size_t(i)].data(), msgs[std::size_t(i)].msg_len)) {
            case Reply::Normal:
                ++normal;
                break;
            case Reply::Kod:
                ++kod;
                break;
            case Reply::Other:
                break;
            }
        }
    }
}

void pinTo(int cpu)
{
    if (std::thread::hardware_concurrency() < 2)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

// Starts `argv` with its output to `logPath`, pinned to CPU 0 (the child inherits the mask set
// around the spawn). Returns the pid or -1.
pid_t spawn(const std::vector<std::string> &argv, const std::string &logPath)
{
    std::vector<char *> args;
    for (const std::string &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pinTo(0);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    pinTo(1);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

void stop(pid_t pid)
{
    kill(pid, SIGTERM);
    const auto deadline = Clock::now() + kStopTimeout;
    while (Clock::now() < deadline) {
        if (waitpid(pid, nullptr, WNOHANG) == pid)
            return;
        std::this_thread::sleep_for(20ms);
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

// utime + stime of `pid`, s.
double cpuSeconds(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t close = text.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    // Fields 3.. after the command; utime and stime are fields 14 and 15.
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i >= 14)
            ticks += std::stod(field);
    return ticks / double(sysconf(_SC_CLK_TCK));
}

// The receive-buffer drops of the UDP socket bound to 127.0.0.1:port (/proc/net/udp's last
// column), whichever process owns it.
std::uint64_t socketDrops(std::uint16_t port)
{
    std::ifstream in("/proc/net/udp");
    char local[32];
    std::snprintf(local, sizeof local, "0100007F:%04X", port);
    std::string line;
    std::getline(in, line); // the header
    for (int i = 0; i < 100'000 && std::getline(in, line); ++i) {
        std::istringstream fields(line);
        std::string slot;
        std::string address;
        fields >> slot >> address;
        if (address != local)
            continue;
        std::string field;
        std::string last;
        while (fields >> field)
            last = field;
        return std::strtoull(last.c_str(), nullptr, 10);
    }
    return 0;
}

// Polls the server from the probe address until it answers (bounded).
bool waitUntilServing(std::uint16_t port, pid_t pid)
{
    const int fd = boundSocket(kProbe);
    const auto packet = request();
    const sockaddr_in to = address(kServer, port);
    const auto deadline = Clock::now() + kReadyTimeout;
    bool ready = false;
    while (!ready && Clock::now() < deadline && waitpid(pid, nullptr, WNOHANG) == 0) {
        sendto(fd, packet.data(), packet.size(), 0, reinterpret_cast<const sockaddr *>(&to), sizeof to);
        std::this_thread::sleep_for(50ms);
        std::uint64_t normal = 0;
        std::uint64_t kod = 0;
        drain(fd, normal, kod);
        ready = normal + kod > 0;
    }
    close(fd);
    return ready;
}

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

std::string currentUser()
{
    const passwd *pw = getpwuid(geteuid());
    return pw ? pw->pw_name : "root";
}

std::string writeFile(const std::string &path, const std::string &text)
{
    std::ofstream(path) << text;
    return path;
}

Result runServer(const Options &o, const std::string &name, const std::string &dir)
{
    Result r;
    r.name = name;
    const std::uint16_t port = freeUdpPort();
    const std::string common =
        "port " + std::to_string(port) + "\nallow 127.0.0.0/8\nlocal stratum 1\nratelimit " + o.rateLimit + "\n";
    std::vector<std::string> argv;
    if (name == "stratumone") {
        const std::string conf = writeFile(dir + "/stratumone.conf", common);
        argv = {o.stratumone,       "--service",     "-f", conf, "-x", "--bind", "127.0.0.1",
                "--control-socket", dir + "/s1.sock"};
    } else {
        const std::string conf = writeFile(dir + "/chrony.conf", common + "bindaddress 127.0.0.1\ncmdport 0\npidfile "
                                                                     + dir + "/chronyd.pid\n");
        argv = {o.chronyd, "-x", "-d", "-u", currentUser(), "-F", "0", "-f", conf};
    }
    if (!exists(argv[0])) {
        r.error = argv[0] + " not found";
        return r;
    }
    const pid_t pid = spawn(argv, dir + "/" + name + ".log");
    if (pid < 0) {
        r.error = "cannot start " + argv[0];
        return r;
    }
    if (!waitUntilServing(port, pid))
        r.error =
            "no answer within " + std::to_string(kReadyTimeout.count()) + " s (log: " + dir + "/" + name + ".log)";
    else
        load(o, port, pid, r);
    stop(pid);
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
    const std::string dir = exeDir();
    o.stratumone = dir + "/../../app/stratumone";
    o.chronyd = dir + "/../../peers/root/usr/sbin/chronyd";
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
            o.stratumone = v;
        else if (a == "--chronyd")
            o.chronyd = v;
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
