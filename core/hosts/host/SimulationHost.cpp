#include "host/SimulationHost.h"

#include "host/SnapshotMetaTypes.h"
#include "sim/Simulation.h"

namespace s1 {

namespace {
constexpr double kMillisPerSecond = 1000.0;
}

SimulationHost::SimulationHost(sim::Scenario scenario, std::uint64_t seed, QObject *parent)
    : QObject(parent)
    , m_simulation(std::make_unique<sim::Simulation>(std::move(scenario), seed))
    , m_stepTimer(this)
{
    registerSnapshotMetaTypes();
    m_stepTimer.setInterval(kStepIntervalMs);
    connect(&m_stepTimer, &QTimer::timeout, this, &SimulationHost::step);
}

SimulationHost::~SimulationHost() = default;

void SimulationHost::start()
{
    m_wallClock.start();
    m_stepTimer.start();
    emit started(true, {}, 0);
    step();
}

void SimulationHost::stop()
{
    m_stepTimer.stop();
}

void SimulationHost::step()
{
    const double simulated = static_cast<double>(m_wallClock.elapsed()) / kMillisPerSecond * m_speed;
    const sim::RunResult result = m_simulation->run(simulated);
    if (m_wallClock.elapsed() - m_lastSnapshotMs >= kSnapshotIntervalMs || m_lastSnapshotMs == 0) {
        m_lastSnapshotMs = std::max<qint64>(m_wallClock.elapsed(), 1);
        emit snapshotReady(result.finalSnapshot);
    }
}

} // namespace s1
