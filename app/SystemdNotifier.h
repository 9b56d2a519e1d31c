// Tells systemd how the service is doing (Type=notify, sd_notify(3)): READY=1 once it serves,
// STATUS= in words, RELOADING=1 around a reload, STOPPING=1, and WATCHDOG=1 so that a hung
// engine is restarted. Over NOTIFY_SOCKET (SystemdNotifySocket); when systemd did not start us
// (no NOTIFY_SOCKET) every message goes nowhere. Tests pass their own sender.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace s1 {

class SystemdNotifier
{
public:
    // Sends one notification: newline-separated VARIABLE=value assignments. Called from the
    // engine thread too (the watchdog), so it must be thread-safe (SystemdNotifySocket is).
    using Sender = std::function<void(const std::string &state)>;

    // NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID of this process's environment, read as
    // libsystemd's sd_notify and sd_watchdog_enabled read them.
    static SystemdNotifier fromEnvironment();

    // `watchdogTimeout`: systemd's WatchdogSec (WATCHDOG_USEC), none when it does not watch us.
    SystemdNotifier(Sender sender, std::optional<std::chrono::microseconds> watchdogTimeout);

    void ready(std::string_view status);
    // Sends the status only when it changed.
    void status(std::string_view text);
    // `monotonicNow`: CLOCK_MONOTONIC, which systemd wants with RELOADING=1.
    void reloading(std::chrono::microseconds monotonicNow);
    void stopping();

    // How often to send WATCHDOG=1: half the timeout, as sd_watchdog_enabled(3) advises.
    std::optional<std::chrono::microseconds> watchdogInterval() const;
    // The ping itself, to be called by the thread whose liveness it vouches for.
    std::function<void()> watchdogPing() const;

private:
    Sender m_send;
    std::optional<std::chrono::microseconds> m_watchdogTimeout;
    std::string m_lastStatus;
};

} // namespace s1
