#include "SystemdReporter.h"

#include "host/EngineThread.h"

#include <algorithm>
#include <chrono>
#include <ctime>

namespace s1 {

namespace {

// Below this many requests a second the rate gets one decimal ("0.3 clients/s").
constexpr double kWholeRateFrom = 10;

std::chrono::nanoseconds steadyNow()
{
    return std::chrono::steady_clock::now().time_since_epoch();
}

} // namespace

SystemdReporter::SystemdReporter(SystemdNotifier notifier)
    : m_notifier(std::move(notifier))
{ }

void SystemdReporter::watch(EngineThread &engine) const
{
    const std::optional<std::chrono::microseconds> interval = m_notifier.watchdogInterval();
    if (!interval)
        return;
    const auto milliseconds = std::chrono::ceil<std::chrono::milliseconds>(*interval);
    engine.setHeartbeat(std::max(milliseconds, std::chrono::milliseconds(1)), m_notifier.watchdogPing());
}

void SystemdReporter::ready()
{
    m_notifier.ready(statusText().toStdString());
}

void SystemdReporter::snapshot(const EngineSnapshot &snapshot)
{
    m_state.update(snapshot, steadyNow());
    m_notifier.status(statusText().toStdString());
}

void SystemdReporter::reloading()
{
    // systemd compares MONOTONIC_USEC with its own CLOCK_MONOTONIC, not with steady_clock.
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const auto usec = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::seconds(now.tv_sec)
                                                                            + std::chrono::nanoseconds(now.tv_nsec));
    m_notifier.reloading(usec);
}

void SystemdReporter::stopping()
{
    m_notifier.stopping();
}

QString SystemdReporter::statusText() const
{
    QString text = m_state.stateText();
    if (!m_state.hasSnapshot())
        return text;
    if (m_state.snapshot()->ntpPort == 0)
        return text + QStringLiteral(", not serving");
    if (const std::optional<double> rate = m_state.clientsPerSecond())
        text += QStringLiteral(", %1 clients/s").arg(*rate, 0, 'f', *rate >= kWholeRateFrom ? 0 : 1);
    return text;
}

} // namespace s1
