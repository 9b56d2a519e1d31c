// What the service tells systemd, from what ServiceRunner sees: ready once the engine serves,
// its state in words from each snapshot ("Synchronised to PPS, stratum 1, 12 clients/s", the
// dashboard's words), a reload from start to end, the stop, and the watchdog ping, which the
// engine thread sends itself so that a hung engine stops pinging and systemd restarts it.
#pragma once

#include "SystemdNotifier.h"

#include "dashboard/DashboardState.h"
#include "report/EngineSnapshot.h"

#include <QString>

namespace s1 {

class EngineThread;

class SystemdReporter
{
public:
    explicit SystemdReporter(SystemdNotifier notifier);

    // Gives a new engine thread (a start or a reload) the watchdog ping; before its start().
    void watch(EngineThread &engine) const;
    // The sockets are bound and the configuration loaded: READY=1 (again after a reload).
    void ready();
    void snapshot(const EngineSnapshot &snapshot);
    void reloading();
    void stopping();

    // "Synchronised to PPS, stratum 1, 12 clients/s"; "Unsynchronised, not serving".
    QString statusText() const;

private:
    SystemdNotifier m_notifier;
    DashboardState m_state;
};

} // namespace s1
