#include "process/SyscallFilterPolicy.h"

#include <fcntl.h>
#include <linux/pps.h>
#include <linux/ptp_clock.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <utility>

namespace s1 {

namespace {

// Argument `index` is one of `values`.
std::vector<SyscallArguments> argumentIn(unsigned index, std::initializer_list<std::uint64_t> values)
{
    std::vector<SyscallArguments> permitted;
    for (std::uint64_t v : values)
        permitted.push_back({{index, v}});
    return permitted;
}

// Arguments `first` and `first + 1` are one of the pairs (a socket option's level and name).
std::vector<SyscallArguments> argumentPairIn(unsigned first,
                                             std::initializer_list<std::pair<std::uint64_t, std::uint64_t>> pairs)
{
    std::vector<SyscallArguments> permitted;
    for (const auto &[a, b] : pairs)
        permitted.push_back({{first, a}, {first + 1, b}});
    return permitted;
}

// setsockopt's level and name: ours (UdpSocket), Qt's (QTcpServer, QLocalSocket) and glibc's
// resolver (IP_RECVERR), and the common SOL_SOCKET ones a library may set on its own socket.
// Not, among others, the netfilter tables at SOL_IP (IPT_SO_SET_REPLACE) or packet sockets'.
std::vector<SyscallArguments> socketOptions()
{
    return argumentPairIn(1, {
                                 {SOL_SOCKET, SO_REUSEADDR},
                                 {SOL_SOCKET, SO_REUSEPORT},
                                 {SOL_SOCKET, SO_KEEPALIVE},
                                 {SOL_SOCKET, SO_OOBINLINE},
                                 {SOL_SOCKET, SO_BROADCAST},
                                 {SOL_SOCKET, SO_RCVBUF},
                                 {SOL_SOCKET, SO_SNDBUF},
                                 {SOL_SOCKET, SO_PASSCRED},
                                 {SOL_SOCKET, SO_LINGER},
                                 {SOL_SOCKET, SO_PRIORITY},
                                 {SOL_SOCKET, SO_TIMESTAMP_OLD},
                                 {SOL_SOCKET, SO_TIMESTAMP_NEW},
                                 {SOL_SOCKET, SO_TIMESTAMPNS_OLD},
                                 {SOL_SOCKET, SO_TIMESTAMPNS_NEW},
                                 {SOL_SOCKET, SO_TIMESTAMPING_OLD},
                                 {SOL_SOCKET, SO_TIMESTAMPING_NEW},
                                 {SOL_SOCKET, SO_RCVTIMEO_OLD},
                                 {SOL_SOCKET, SO_RCVTIMEO_NEW},
                                 {SOL_SOCKET, SO_SNDTIMEO_OLD},
                                 {SOL_SOCKET, SO_SNDTIMEO_NEW},
                                 {SOL_SOCKET, SO_SELECT_ERR_QUEUE},
                                 {IPPROTO_IP, IP_PKTINFO},
                                 {IPPROTO_IP, IP_MTU_DISCOVER},
                                 {IPPROTO_IP, IP_RECVERR},
                                 {IPPROTO_IP, IP_TOS},
                                 {IPPROTO_IP, IP_FREEBIND},
                                 {IPPROTO_IP, IP_RECVTTL},
                                 {IPPROTO_IPV6, IPV6_V6ONLY},
                                 {IPPROTO_IPV6, IPV6_RECVPKTINFO},
                                 {IPPROTO_IPV6, IPV6_RECVERR},
                                 {IPPROTO_IPV6, IPV6_TCLASS},
                                 {IPPROTO_IPV6, IPV6_MTU_DISCOVER},
                                 {IPPROTO_IPV6, IPV6_RECVHOPLIMIT},
                                 {IPPROTO_TCP, TCP_NODELAY},
                                 {IPPROTO_TCP, TCP_KEEPIDLE},
                                 {IPPROTO_TCP, TCP_KEEPINTVL},
                                 {IPPROTO_TCP, TCP_KEEPCNT},
                             });
}

// ioctl's requests: FIONREAD (Qt's sockets), the serial port's termios and modem lines
// (tcgetattr, tcsetattr, tcflush, TIOCGICOUNT for overruns), RFC 2783 PPS, the PHC's readings and
// external timestamps, and the interface calls of hardware timestamping (and read-only interface
// facts). Not, among others, TIOCSTI (typing into a terminal) or any setting of an interface.
// glibc 2.36 (Debian 12) makes termios calls with TCGETS/TCSETS*; a libc that uses the termios2
// requests (TCGETS2) for the serial port needs them added.
std::vector<SyscallArguments> ioctlRequests()
{
    return argumentIn(1, {
                             FIONREAD,
                             FIONBIO,
                             FIOCLEX,
                             FIONCLEX,
                             TCGETS,
                             TCSETS,
                             TCSETSW,
                             TCSETSF,
                             TCFLSH,
                             TCSBRK,
                             TCXONC,
                             TIOCMGET,
                             TIOCMSET,
                             TIOCMBIS,
                             TIOCMBIC,
                             TIOCEXCL,
                             TIOCNXCL,
                             TIOCOUTQ,
                             TIOCGICOUNT,
                             TIOCGWINSZ,
                             TIOCGSERIAL,
                             PPS_GETPARAMS,
                             PPS_SETPARAMS,
                             PPS_GETCAP,
                             PPS_FETCH,
                             PPS_KC_BIND,
                             PTP_CLOCK_GETCAPS,
                             PTP_SYS_OFFSET,
                             PTP_SYS_OFFSET_PRECISE,
                             PTP_SYS_OFFSET_EXTENDED,
                             PTP_EXTTS_REQUEST,
                             PTP_PIN_GETFUNC,
                             PTP_PIN_SETFUNC,
#ifdef PTP_CLOCK_GETCAPS2
                             PTP_CLOCK_GETCAPS2,
                             PTP_SYS_OFFSET2,
                             PTP_SYS_OFFSET_PRECISE2,
                             PTP_SYS_OFFSET_EXTENDED2,
                             PTP_EXTTS_REQUEST2,
                             PTP_PIN_GETFUNC2,
                             PTP_PIN_SETFUNC2,
#endif
                             SIOCETHTOOL,
                             SIOCGIFINDEX,
                             SIOCSHWTSTAMP,
                             SIOCGHWTSTAMP,
                             SIOCGIFNAME,
                             SIOCGIFCONF,
                             SIOCGIFFLAGS,
                             SIOCGIFMTU,
                             SIOCGIFHWADDR,
                             SIOCGIFADDR,
                             SIOCGIFNETMASK,
                             SIOCGIFBRDADDR,
                         });
}

// glibc (2.34 and later) creates threads with clone3 and falls back to clone when the kernel
// says ENOSYS. clone3 takes its flags in a structure in memory, which a seccomp filter cannot
// read; clone takes them in a register, so refusing clone3 lets the filter tell a thread from a
// fork.
SyscallGroup clone3Group()
{
    return {"clone3",
            "threads through clone, whose flags the filter can read",
            SyscallAction::FailNoSystem,
            SyscallCondition::Always,
            false,
            {"clone3"}};
}

} // namespace

const std::vector<SyscallGroup> &SyscallFilterPolicy::allowList()
{
    static const std::vector<SyscallGroup> groups = {
        {"memory",
         "malloc, thread stacks, Qt's and the libraries' mappings",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"brk", "mmap", "mmap2", "munmap", "mremap", "mprotect", "madvise", "membarrier"}},
        {"threads",
         "Qt's threads: the engine, name lookups, the thread pool",
         SyscallAction::Allow,
         SyscallCondition::ThreadsOnly,
         false,
         {"clone"}},
        clone3Group(),
        {"thread state",
         "what glibc and Qt do around a thread's start, wait and end",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"futex",
          "futex_time64",
          "set_robust_list",
          "get_robust_list",
          "rseq",
          "set_tid_address",
          "gettid",
          "getpid",
          "getppid",
          "sched_getaffinity",
          "sched_yield",
          "sched_getparam",
          "sched_getscheduler",
          "sched_setscheduler",
          "sched_get_priority_min",
          "sched_get_priority_max",
          "prctl",
          "prlimit64",
          "getrlimit",
          "ugetrlimit",
          "set_tls",
          "exit",
          "exit_group",
          "arch_prctl"}},
        {"signals",
         "SIGTERM/SIGHUP/SIGUSR handling (a self-pipe), abort()",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigreturn", "sigaltstack", "tgkill", "restart_syscall"}},
        {"time",
         "reading clocks (the vDSO's fallback), sleeping, timers",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"clock_gettime", "clock_gettime64", "clock_getres", "clock_getres_time64", "gettimeofday", "time",
          "nanosleep", "clock_nanosleep", "clock_nanosleep_time64", "timerfd_create", "timerfd_settime",
          "timerfd_settime64", "timerfd_gettime", "timerfd_gettime64"}},
        {"clock control",
         "steering and stepping the system clock: only without -x",
         SyscallAction::Allow,
         SyscallCondition::Always,
         true,
         {"clock_adjtime", "clock_adjtime64", "adjtimex", "clock_settime", "clock_settime64", "settimeofday"}},
        {"event loop",
         "Qt's event loop, cross-thread wake-ups, the engine's poll loop, file watching",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"poll", "ppoll", "ppoll_time64", "select", "_newselect", "pselect6", "pselect6_time64", "epoll_create1",
          "epoll_ctl", "epoll_wait", "epoll_pwait", "eventfd2", "pipe", "pipe2", "inotify_init1", "inotify_add_watch",
          "inotify_rm_watch"}},
        {"files",
         "the configuration and keyfile (reload), drift, dump, history and log files (written to a "
         "temporary file and renamed over), the log rotation's reopen, devices",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"openat",    "open",       "close",    "read",       "write",     "readv",     "writev",     "pread64",
          "pwrite64",  "lseek",      "_llseek",  "fstat64",    "stat64",    "lstat64",   "fstatat64",  "ftruncate64",
          "statfs64",  "fstatfs64",  "fstat",    "newfstatat", "stat",      "lstat",     "statx",      "fstatfs",
          "statfs",    "flock",      "fsync",    "fdatasync",  "ftruncate", "fallocate", "getdents64", "access",
          "faccessat", "faccessat2", "readlink", "readlinkat", "getcwd",    "rename",    "renameat",   "renameat2",
          "unlink",    "unlinkat",   "link",     "linkat",     "mkdir",     "mkdirat",   "chmod",      "fchmod",
          "fchmodat",  "fchown",     "umask",    "dup",        "dup2",      "dup3"}},
        {"descriptor flags",
         "close-on-exec, non-blocking, duplicates and locks; not leases, owners, signals or pipe sizes",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"fcntl", "fcntl64"},
         argumentIn(1, {F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_SETLKW,
                        F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW})},
        {"devices",
         "PPS (time_pps_fetch), PHC (PTP_SYS_OFFSET), the serial port's settings, SIOC* for hardware "
         "timestamping and interfaces: those requests only",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"ioctl"},
         ioctlRequests()},
        {"shared memory",
         "the SHM refclock's segment (gpsd, ntpd's driver 28)",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"shmget", "shmat", "shmdt", "shmctl"}},
        {"sockets",
         "NTP (batched receive, the error queue's transmit stamps), the control socket, remote control, "
         "metrics, the SOCK refclock, sd_notify, name lookups, interface lists (netlink)",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"bind", "connect", "listen", "accept", "accept4", "getsockname", "getpeername", "send", "sendto", "recv",
          "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "recvmmsg_time64", "shutdown"}},
        {"socket families",
         "IPv4, IPv6, local sockets, netlink for the interfaces' addresses (the unit's RestrictAddressFamilies)",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"socket"},
         argumentIn(0, {AF_INET, AF_INET6, AF_UNIX, AF_NETLINK})},
        {"socket pairs",
         "local ones only",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"socketpair"},
         argumentIn(0, {AF_UNIX})},
        {"socket options",
         "the options the service, Qt and the resolver set (timestamps, packet info, buffers, reuse)",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"setsockopt"},
         socketOptions()},
        {"socket queries",
         "reading options at the socket, IP, IPv6, TCP and UDP levels (and SCTP's, which Qt asks of "
         "every socket it adopts)",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"getsockopt"},
         argumentIn(1, {SOL_SOCKET, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP})},
        {"system facts",
         "who the service runs as, the machine's name and state, Qt's random numbers",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"getuid",   "geteuid",   "getgid",   "getegid",   "getgroups",   "getresuid",   "getresgid",
          "getuid32", "geteuid32", "getgid32", "getegid32", "getgroups32", "getresuid32", "getresgid32",
          "capget",   "uname",     "sysinfo",  "getrusage", "times",       "getrandom"}},
    };
    return groups;
}

const std::vector<SyscallGroup> &SyscallFilterPolicy::denyList()
{
    static const std::vector<SyscallGroup> groups = {
        {"programs",
         "running another program (no alarmcommand under a filter)",
         SyscallAction::Forbid,
         SyscallCondition::Always,
         false,
         {"execve", "execveat"}},
        {"processes",
         "new processes: fork, vfork, clone without CLONE_THREAD",
         SyscallAction::Forbid,
         SyscallCondition::Always,
         false,
         {"fork", "vfork"}},
        {"clone as fork",
         "clone that makes a process, not a thread",
         SyscallAction::Forbid,
         SyscallCondition::NotAThread,
         false,
         {"clone"}},
        clone3Group(),
        {"other processes",
         "reading or steering another process",
         SyscallAction::Forbid,
         SyscallCondition::Always,
         false,
         {"ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd"}},
        {"kernel",
         "modules, a new kernel, rebooting, swap, accounting, BPF programs, performance counters",
         SyscallAction::Forbid,
         SyscallCondition::Always,
         false,
         {"init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot", "swapon",
          "swapoff", "acct", "bpf", "perf_event_open", "iopl", "ioperm"}},
        {"mounts and namespaces",
         "changing what the file system or the namespaces are",
         SyscallAction::Forbid,
         SyscallCondition::Always,
         false,
         {"mount", "umount2", "pivot_root", "chroot", "setns", "unshare", "fsopen", "fsmount", "move_mount",
          "open_tree"}},
        {"kernel keys",
         "the kernel's key store",
         SyscallAction::Forbid,
         SyscallCondition::Always,
         false,
         {"add_key", "request_key", "keyctl"}},
    };
    return groups;
}

std::optional<SyscallFilterPolicy> SyscallFilterPolicy::fromLevel(int level, std::string &error)
{
    if (level < -kMaxLevel || level > kMaxLevel) {
        error = "-F " + std::to_string(level)
                + ": the system call filter's level is 0 (off), 1 (only the calls the service makes), 2 (all but "
                  "a few dangerous calls), or -1/-2 (the same, sending SIGSYS instead of killing)";
        return std::nullopt;
    }
    return SyscallFilterPolicy(level);
}

std::optional<SyscallFilterPolicy> SyscallFilterPolicy::fromText(const std::string &text, std::string &error)
{
    int level = 0;
    const char *const end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, level);
    if (text.empty() || ec != std::errc() || ptr != end) {
        error = "-F needs a level (0, 1, 2, -1 or -2), not '" + text + "'";
        return std::nullopt;
    }
    return fromLevel(level, error);
}

std::vector<SyscallGroup> SyscallFilterPolicy::groups(bool clockControl) const
{
    if (!enabled())
        return {};
    std::vector<SyscallGroup> chosen;
    for (const SyscallGroup &group : allowListOnly() ? allowList() : denyList()) {
        if (group.clockControlOnly && !clockControl)
            continue;
        chosen.push_back(group);
    }
    return chosen;
}

std::vector<std::string> SyscallFilterPolicy::calls(bool clockControl, SyscallAction action) const
{
    std::vector<std::string> names;
    for (const SyscallGroup &group : groups(clockControl)) {
        if (group.action != action)
            continue;
        names.insert(names.end(), group.calls.begin(), group.calls.end());
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::string SyscallFilterPolicy::describe() const
{
    if (!enabled())
        return "no system call filter (-F 0)";
    const std::string penalty = signalsInsteadOfKilling() ? "SIGSYS" : "killed";
    return "system call filter level " + std::to_string(m_level)
           + (allowListOnly() ? ": only the calls the service makes; any other: " + penalty
                              : ": programs, forks, module loading, mounts and the like: " + penalty);
}

} // namespace s1
