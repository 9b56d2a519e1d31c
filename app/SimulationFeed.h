// The window's feed from the built-in simulation (--simulate): the SimulationHost's snapshots.
// The simulation has neither a configuration file nor a clock to step outside its scenario, so
// both requests are unavailable, with the reason the window shows.
#pragma once

#include "SnapshotFeed.h"

#include "host/HistoryKeeper.h"
#include "host/SimulationHost.h"

namespace s1 {

class SimulationFeed : public SnapshotFeed
{
    Q_OBJECT
public:
    explicit SimulationFeed(SimulationHost &simulation, QObject *parent = nullptr);

    void start() override;
    void stop() override;
    QString reloadUnavailableReason() const override;
    QString makeStepUnavailableReason() const override;
    void requestReload() override;
    void requestMakeStep() override;
    // The simulated engine's history since the window started, in simulated time.
    QString historyUnavailableReason() const override { return {}; }
    quint64 requestHistory(const HistoryRangeRequest &request) override;

signals:
    void started(bool ok, const QString &error, quint16 serverPort);

private:
    SimulationHost &m_simulation;
    HistoryKeeper *m_history; // a child
};

} // namespace s1
