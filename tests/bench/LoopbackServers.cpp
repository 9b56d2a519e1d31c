#include "LoopbackServers.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

extern char **environ;

using namespace std::chrono_literals;

namespace s1bench {

namespace {

constexpr auto kReadyTimeout = 15s; // for a server to answer its first request
constexpr auto kStopTimeout = 5s;   // SIGTERM, then SIGKILL
constexpr auto kProbeInterval = 50ms;
constexpr int kMaxDrainRounds = 1000; // batches a drain() reads at most
constexpr int kMaxProcLines = 100'000;

std::string currentUser()
{
    const passwd *pw = getpwuid(geteuid());
    return pw ? pw->pw_name : "root";
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
        std::this_thread::sleep_for(kProbeInterval);
        std::uint64_t normal = 0;
        std::uint64_t kod = 0;
        drain(fd, normal, kod);
        ready = normal + kod > 0;
    }
    close(fd);
    return ready;
}

} // namespace

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

int boundSocket(std::uint32_t local, int receiveBuffer)
{
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (receiveBuffer > 0) {
        // Beyond net.core.rmem_max only with CAP_NET_ADMIN; the plain call is the fallback.
        if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &receiveBuffer, sizeof receiveBuffer) != 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    }
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

Reply classify(const std::uint8_t *data, std::size_t length)
{
    const auto parsed = s1::parseNtpPacket(std::span(data, length));
    if (!parsed.ok() || parsed.packet.header.mode != s1::NtpMode::Server)
        return Reply::Other;
    if (parsed.packet.header.stratum == 0)
        return parsed.packet.header.referenceId == s1::kKissRate ? Reply::Kod : Reply::Other;
    return Reply::Normal;
}

void drain(int fd, std::uint64_t &normal, std::uint64_t &kod)
{
    std::array<std::array<std::uint8_t, 128>, kBatch> buffers{};
    std::array<iovec, kBatch> iov{};
    std::array<mmsghdr, kBatch> msgs{};
    for (int round = 0; round < kMaxDrainRounds; ++round) {
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

std::uint64_t socketDrops(std::uint16_t port, std::uint32_t localAddress)
{
    std::ifstream in("/proc/net/udp");
    char local[32];
    // The kernel prints the address as the hex of its network-order 32 bits read natively.
    std::snprintf(local, sizeof local, "%08X:%04X", unsigned(htonl(localAddress)), port);
    std::string line;
    std::getline(in, line); // the header
    for (int i = 0; i < kMaxProcLines && std::getline(in, line); ++i) {
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

std::uint64_t statusKb(pid_t pid, const std::string &field)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    for (int i = 0; i < kMaxProcLines && std::getline(in, line); ++i)
        if (line.compare(0, field.size() + 1, field + ":") == 0)
            return std::strtoull(line.c_str() + field.size() + 1, nullptr, 10);
    return 0;
}

double loadAverage()
{
    double load = 0;
    std::ifstream("/proc/loadavg") >> load;
    return load;
}

std::string writeFile(const std::string &path, const std::string &text)
{
    std::ofstream(path) << text;
    return path;
}

ServerPaths ServerPaths::defaults()
{
    const std::string dir = exeDir();
    return {dir + "/../../app/stratumone", dir + "/../../peers/root/usr/sbin/chronyd"};
}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const std::string &name, const ServerPaths &paths, const std::string &dir,
                          const std::string &config, std::string &error)
{
    m_port = freeUdpPort();
    const std::string common = "port " + std::to_string(m_port) + "\n" + config;
    std::vector<std::string> argv;
    if (name == "stratumone") {
        const std::string conf = writeFile(dir + "/stratumone.conf", common);
        argv = {paths.stratumone,   "--service",     "-f", conf, "-x", "--bind", "127.0.0.1",
                "--control-socket", dir + "/s1.sock"};
    } else {
        const std::string conf = writeFile(dir + "/chrony.conf", common + "bindaddress 127.0.0.1\ncmdport 0\npidfile "
                                                                     + dir + "/chronyd.pid\n");
        argv = {paths.chronyd, "-x", "-d", "-u", currentUser(), "-F", "0", "-f", conf};
    }
    if (!exists(argv[0])) {
        error = argv[0] + " not found";
        return false;
    }
    m_logPath = dir + "/" + name + ".log";
    m_pid = spawn(argv, m_logPath);
    if (m_pid < 0) {
        error = "cannot start " + argv[0];
        return false;
    }
    if (!waitUntilServing(m_port, m_pid)) {
        error = "no answer within " + std::to_string(kReadyTimeout.count()) + " s (log: " + m_logPath + ")";
        stop();
        return false;
    }
    return true;
}

void ServerProcess::stop()
{
    if (m_pid < 0)
        return;
    kill(m_pid, SIGTERM);
    const auto deadline = Clock::now() + kStopTimeout;
    bool stopped = false;
    while (!stopped && Clock::now() < deadline) {
        stopped = waitpid(m_pid, nullptr, WNOHANG) == m_pid;
        if (!stopped)
            std::this_thread::sleep_for(20ms);
    }
    if (!stopped) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    m_pid = -1;
}

} // namespace s1bench
