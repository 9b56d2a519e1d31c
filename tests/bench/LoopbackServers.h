// What the loopback benchmarks beside chronyd share (s1-bench-ratelimit, s1-bench-serve):
// starting our `stratumone --service -x` or the unpacked chronyd (`-x -d`) with the same
// configuration on 127.0.0.1, pinned to CPU 0 with the load generator on CPU 1; NTP requests
// and replies; the server process's CPU time, memory and socket drops from /proc.
//
// POSIX only, no Qt event loop; every loop is bounded.
#pragma once

#include <netinet/in.h>
#include <sys/types.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "ntp/NtpPacket.h"

namespace s1bench {

using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kServer = 0x7F000001; // 127.0.0.1
constexpr std::uint32_t kProbe = 0x7F0000C8;  // 127.0.0.200: readiness probe
constexpr int kBatch = 64;                    // datagrams per sendmmsg/recvmmsg

// The directory of the running program.
std::string exeDir();
bool exists(const std::string &path);
sockaddr_in address(std::uint32_t hostOrder, std::uint16_t port);
// A non-blocking UDP socket bound to `local` (any port); -1 on failure.
int boundSocket(std::uint32_t local, int receiveBuffer = 0);
std::uint16_t freeUdpPort();
// A client request (mode 3, NTPv4, poll 0), 48 bytes.
std::array<std::uint8_t, s1::kNtpHeaderLength> request();

enum class Reply { Normal, Kod, Other };
Reply classify(const std::uint8_t *data, std::size_t length);
// Reads everything waiting on `fd` (bounded); counts normal replies and KoDs.
void drain(int fd, std::uint64_t &normal, std::uint64_t &kod);

// This thread (and what it spawns) to `cpu`, when the machine has two CPUs or more.
void pinTo(int cpu);
// utime + stime of `pid` (all its threads), s.
double cpuSeconds(pid_t pid);
// The receive-buffer drops of the UDP socket bound to `local`:port (/proc/net/udp's last
// column), whichever process owns it.
std::uint64_t socketDrops(std::uint16_t port, std::uint32_t local = kServer);
// A "VmRSS"-like field of /proc/PID/status, kB; 0 when absent.
std::uint64_t statusKb(pid_t pid, const std::string &field);
// The 1-minute load average.
double loadAverage();
std::string writeFile(const std::string &path, const std::string &text);

struct ServerPaths
{
    std::string stratumone; // default: next to the benchmarks in the build tree
    std::string chronyd;    // default: build/peers (scripts/fetch-peers.sh)
    static ServerPaths defaults();
};

// A server under test, started by start() and stopped by its destructor.
class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // `name` is "stratumone" or "chronyd"; `config` the common configuration lines (the port,
    // `bindaddress` and the files chronyd needs are added). Pinned to CPU 0; the caller stays
    // on CPU 1. False with `error` set when it does not start or answer within 15 s.
    bool start(const std::string &name, const ServerPaths &paths, const std::string &dir, const std::string &config,
               std::string &error);
    void stop();

    pid_t pid() const { return m_pid; }
    std::uint16_t port() const { return m_port; }
    const std::string &logPath() const { return m_logPath; }

private:
    pid_t m_pid = -1;
    std::uint16_t m_port = 0;
    std::string m_logPath;
};

} // namespace s1bench
