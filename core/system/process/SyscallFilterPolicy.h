// `-F LEVEL`, as chronyd's: which system calls the service may make once it runs (its sockets
// and devices open, root dropped). The pure part: the level's meaning and the lists, as data;
// SyscallFilter installs them through libseccomp.
//
// Levels (chronyd(8)): 0 no filter; 1 only the calls the service is known to make are allowed,
// any other kills the process; 2 every call is allowed but a few that a time service never
// needs (running programs, forking, debugging others, loading modules, mounting), which kill
// it. A negative level (-1, -2) is the same filter sending SIGSYS instead of killing, for
// debugging (a core dump or a debugger shows the call).
//
// Level 1's list comes from what the service does (strace -f -c of a full session: serving
// NTP, polling servers, an NMEA refclock, stratumctl, reload, cyclelogs, dump, metrics), what
// its code calls (PPS/PHC/serial ioctls, SHM segments, the clock calls) and what glibc and Qt
// 6.4 call on its behalf (threads, the event loop, name resolution), with the names the same
// calls have on 32-bit architectures (armhf Raspberry Pi OS: mmap2, _llseek, fcntl64, the *_time64
// and *32 calls, send/recv), taken from the kernel's tables and not run there. A different libc or Qt can
// make a call missing here: level 1 is for installations where it was seen to work, as chronyd
// says of its own level 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

// What happens to a call a group lists.
enum class SyscallAction : std::uint8_t {
    Allow,
    Forbid,       // the level's penalty: killed, or SIGSYS
    FailNoSystem, // fails with ENOSYS: clone3, so that glibc creates threads with clone, whose flags the filter can read
};

// A call whose arguments decide: clone makes threads (CLONE_THREAD) and new processes (fork).
enum class SyscallCondition : std::uint8_t {
    Always,
    ThreadsOnly, // clone with CLONE_THREAD in its flags
    NotAThread,  // clone without CLONE_THREAD: a fork
};

// One argument the kernel checks: argument `index` (from 0) equals `value` in the bits of `mask`.
// Arguments the kernel reads as int (a socket's family, fcntl's command, ioctl's request) are
// compared in their low 32 bits only: the upper half of the register is not theirs.
struct SyscallArgument
{
    static constexpr std::uint64_t kLow32 = 0xffffffffULL;
    unsigned index = 0;
    std::uint64_t value = 0;
    std::uint64_t mask = kLow32;

    friend bool operator==(const SyscallArgument &, const SyscallArgument &) = default;
};
// One permitted combination: every argument as given.
using SyscallArguments = std::vector<SyscallArgument>;

struct SyscallGroup
{
    const char *name; // for the log and the tests
    const char *why;
    SyscallAction action = SyscallAction::Allow;
    SyscallCondition condition = SyscallCondition::Always;
    bool clockControlOnly = false; // only when the service steers the clock (without -x)
    std::vector<const char *> calls;
    // With `action` only for these combinations of arguments (chronyd's level 1 does the same for
    // socket families, socket options, fcntl commands and ioctl requests); empty: any arguments.
    // Other arguments get the level's default action.
    std::vector<SyscallArguments> permitted = {};
};

class SyscallFilterPolicy
{
public:
    static constexpr int kMaxLevel = 2;

    // The level `text` names (chronyd's -F: -2 to 2); nullopt with `error` in words otherwise.
    static std::optional<SyscallFilterPolicy> fromText(const std::string &text, std::string &error);
    static std::optional<SyscallFilterPolicy> fromLevel(int level, std::string &error);

    int level() const { return m_level; }
    bool enabled() const { return m_level != 0; }
    // Level 1: everything not listed is forbidden. Level 2: everything not listed is allowed.
    bool allowListOnly() const { return m_level == 1 || m_level == -1; }
    // Negative levels: SIGSYS instead of killing the process.
    bool signalsInsteadOfKilling() const { return m_level < 0; }
    // The action for calls no group lists.
    SyscallAction defaultAction() const { return allowListOnly() ? SyscallAction::Forbid : SyscallAction::Allow; }

    // The groups this level installs; with `clockControl` off the clock-steering calls are left
    // out of level 1's list (so forbidden: -x must not touch the clock).
    std::vector<SyscallGroup> groups(bool clockControl) const;
    // Every call the groups name with `action`, sorted, each once.
    std::vector<std::string> calls(bool clockControl, SyscallAction action) const;
    // In words, for the log: "system call filter level 1 (...)".
    std::string describe() const;

    // The lists themselves (for the tests and the man page).
    static const std::vector<SyscallGroup> &allowList();
    static const std::vector<SyscallGroup> &denyList();

private:
    explicit SyscallFilterPolicy(int level)
        : m_level(level)
    { }
    int m_level = 0;
};

} // namespace s1
