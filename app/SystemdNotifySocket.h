// systemd's end of the sd_notify(3) protocol, without libsystemd: NOTIFY_SOCKET names a Unix
// datagram socket (an absolute path, or '@' and a name in the abstract namespace) and each
// notification is one datagram of newline-separated VARIABLE=value assignments. As libsystemd's
// sd_notify, a send opens its own socket, so it is thread-safe and holds no descriptor between
// messages. Linking libsystemd for this alone mapped it with its gcrypt and compression
// libraries, about 1 MB of the service's resident memory (tests/bench/README.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace s1 {

class SystemdNotifySocket
{
public:
    // From NOTIFY_SOCKET's value; none for what sd_notify refuses with EINVAL (not absolute,
    // not '@', shorter than two characters, too long for sockaddr_un with its terminator).
    static std::optional<SystemdNotifySocket> fromAddress(std::string_view address);

    // WATCHDOG_USEC as sd_watchdog_enabled(3) reads it: none when it is unset, not a decimal
    // number, 0 or infinity (UINT64_MAX), or when WATCHDOG_PID is set and names another
    // process than `self` (or no valid one). Null pointers stand for unset variables.
    static std::optional<std::chrono::microseconds> watchdogTimeout(const char *watchdogUsec, const char *watchdogPid,
                                                                    pid_t self);

    // Sends one notification; false (errno set) when the socket or the send failed, which
    // sd_notify reports the same way and the service, as before, ignores.
    bool send(std::string_view state) const;

    // sun_path's bytes: a leading NUL for an abstract name, which has no terminator.
    const std::string &socketPath() const { return m_path; }

private:
    explicit SystemdNotifySocket(std::string path);

    std::string m_path;
};

} // namespace s1
