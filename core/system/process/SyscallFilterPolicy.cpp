#include "process/SyscallFilterPolicy.h"

#include <algorithm>
#include <charconv>

namespace s1 {

namespace {

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
         {"brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "membarrier"}},
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
          "exit",
          "exit_group",
          "arch_prctl"}},
        {"signals",
         "SIGTERM/SIGHUP/SIGUSR handling (a self-pipe), abort()",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "tgkill", "restart_syscall"}},
        {"time",
         "reading clocks (the vDSO's fallback), sleeping, timers",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep", "clock_nanosleep", "timerfd_create",
          "timerfd_settime", "timerfd_gettime"}},
        {"clock control",
         "steering and stepping the system clock: only without -x",
         SyscallAction::Allow,
         SyscallCondition::Always,
         true,
         {"clock_adjtime", "adjtimex", "clock_settime", "settimeofday"}},
        {"event loop",
         "Qt's event loop, cross-thread wake-ups, the engine's poll loop, file watching",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"poll", "ppoll", "select", "pselect6", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "eventfd2",
          "pipe", "pipe2", "inotify_init1", "inotify_add_watch", "inotify_rm_watch"}},
        {"files",
         "the configuration and keyfile (reload), drift, dump, history and log files (written to a "
         "temporary file and renamed over), the log rotation's reopen, devices",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"openat",    "open",      "close",      "read",       "write",      "readv",     "writev",    "pread64",
          "pwrite64",  "lseek",     "fstat",      "newfstatat", "stat",       "lstat",     "statx",     "fstatfs",
          "statfs",    "fcntl",     "flock",      "fsync",      "fdatasync",  "ftruncate", "fallocate", "getdents64",
          "access",    "faccessat", "faccessat2", "readlink",   "readlinkat", "getcwd",    "rename",    "renameat",
          "renameat2", "unlink",    "unlinkat",   "link",       "linkat",     "mkdir",     "mkdirat",   "chmod",
          "fchmod",    "fchmodat",  "fchown",     "umask",      "dup",        "dup2",      "dup3"}},
        {"devices",
         "PPS (time_pps_fetch), PHC (PTP_SYS_OFFSET), the serial port's settings, SIOC* for hardware "
         "timestamping and interfaces",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"ioctl"}},
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
         {"socket", "socketpair", "bind", "connect", "listen", "accept", "accept4", "getsockname", "getpeername",
          "getsockopt", "setsockopt", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "shutdown"}},
        {"system facts",
         "who the service runs as, the machine's name and state, Qt's random numbers",
         SyscallAction::Allow,
         SyscallCondition::Always,
         false,
         {"getuid", "geteuid", "getgid", "getegid", "getgroups", "getresuid", "getresgid", "capget", "uname", "sysinfo",
          "getrusage", "times", "getrandom"}},
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
