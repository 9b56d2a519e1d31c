#include "SystemdNotifier.h"

#ifdef S1_HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include <cstdint>

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
#ifdef S1_HAVE_LIBSYSTEMD
    std::optional<std::chrono::microseconds> timeout;
    std::uint64_t usec = 0;
    // 0: keep WATCHDOG_USEC for a reload's re-read; > 0 only when it is set and meant for us.
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        timeout = std::chrono::microseconds(static_cast<std::int64_t>(usec));
    return SystemdNotifier([](const std::string &state) { sd_notify(0, state.c_str()); }, timeout);
#else
    return SystemdNotifier([](const std::string &) {}, std::nullopt);
#endif
}

bool SystemdNotifier::builtWithLibsystemd()
{
#ifdef S1_HAVE_LIBSYSTEMD
    return true;
#else
    return false;
#endif
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
