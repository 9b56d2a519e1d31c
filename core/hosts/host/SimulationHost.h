// Runs the simulator in real time for the application (`stratumone --simulate`): simulated
// true time follows the wall clock, and the simulated client engine's snapshots go out by the
// same signal as a real engine's, so the whole UI can be tried without hardware or network.
#pragma once

#include "report/EngineSnapshot.h"
#include "sim/Scenario.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace s1::sim {
class Simulation;
}

namespace s1 {

class SimulationHost : public QObject
{
    Q_OBJECT
public:
    static constexpr int kStepIntervalMs = 200;
    static constexpr int kSnapshotIntervalMs = 1000;

    explicit SimulationHost(sim::Scenario scenario, std::uint64_t seed = 1, QObject *parent = nullptr);
    ~SimulationHost() override;

    // Simulated seconds per wall-clock second (1: real time).
    void setSpeed(double factor) { m_speed = factor; }

public slots:
    void start();
    void stop();

signals:
    void started(bool ok, const QString &error, quint16 serverPort);
    void snapshotReady(const s1::EngineSnapshot &snapshot);

private:
    void step();

    std::unique_ptr<sim::Simulation> m_simulation;
    QTimer m_stepTimer;
    QElapsedTimer m_wallClock;
    qint64 m_lastSnapshotMs = 0;
    double m_speed = 1.0;
};

} // namespace s1
