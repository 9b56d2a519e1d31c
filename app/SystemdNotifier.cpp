#include "SystemdNotifier.h"

#include "SystemdNotifySocket.h"

#include <cstdlib>

#include <unistd.h>

namespace s1 {

namespace {

// A status is one line of a datagram of assignments: a newline in it would start a new one.
std::string oneLine(std::string_view text)
{
    std::string line(text);
    for (char &c : line) {
        if (c == '\n' || c == '\r')
            c = ' ';
    }
    return line;
}

} // namespace

SystemdNotifier SystemdNotifier::fromEnvironment()
{
    // Read once: the engine thread's pings must not call getenv while the main thread might
    // change the environment. WATCHDOG_USEC stays set for a reload's re-read, as with
    // sd_watchdog_enabled(0, ...).
    const std::optional<std::chrono::microseconds> timeout =
        SystemdNotifySocket::watchdogTimeout(std::getenv("WATCHDOG_USEC"), std::getenv("WATCHDOG_PID"), ::getpid());
    const char *address = std::getenv("NOTIFY_SOCKET");
    const std::optional<SystemdNotifySocket> socket =
        address ? SystemdNotifySocket::fromAddress(address) : std::optional<SystemdNotifySocket>();
    if (!socket) // not started by systemd, or an address sd_notify would refuse: nowhere to send
        return SystemdNotifier([](const std::string &) {}, timeout);
    return SystemdNotifier([socket = *socket](const std::string &state) { socket.send(state); }, timeout);
}

SystemdNotifier::SystemdNotifier(Sender sender, std::optional<std::chrono::microseconds> watchdogTimeout)
    : m_send(std::move(sender))
    , m_watchdogTimeout(watchdogTimeout)
{ }

void SystemdNotifier::ready(std::string_view text)
{
    m_lastStatus = oneLine(text);
    m_send("READY=1\nSTATUS=" + m_lastStatus);
}

void SystemdNotifier::status(std::string_view text)
{
    std::string line = oneLine(text);
    if (line == m_lastStatus)
        return;
    m_lastStatus = std::move(line);
    m_send("STATUS=" + m_lastStatus);
}

void SystemdNotifier::reloading(std::chrono::microseconds monotonicNow)
{
    m_lastStatus = "Reloading the configuration";
    m_send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonicNow.count()) + "\nSTATUS=" + m_lastStatus);
}

void SystemdNotifier::stopping()
{
    m_lastStatus = "Stopping";
    m_send("STOPPING=1\nSTATUS=" + m_lastStatus);
}

std::optional<std::chrono::microseconds> SystemdNotifier::watchdogInterval() const
{
    if (!m_watchdogTimeout)
        return std::nullopt;
    return *m_watchdogTimeout / 2;
}

std::function<void()> SystemdNotifier::watchdogPing() const
{
    return [send = m_send] { send("WATCHDOG=1"); };
}

} // namespace s1
