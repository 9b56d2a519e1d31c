#include "SimulationFeed.h"

#include "InProcessEngine.h"

#include <QCoreApplication>

namespace s1 {

namespace {

QString unavailableInSimulation()
{
    return QCoreApplication::translate("main", "not available in the simulation");
}

} // namespace

SimulationFeed::SimulationFeed(SimulationHost &simulation, QObject *parent)
    : SnapshotFeed(parent)
    , m_simulation(simulation)
{
    connect(&m_simulation, &SimulationHost::snapshotReady, this, &SnapshotFeed::snapshotReady);
    connect(&m_simulation, &SimulationHost::started, this, [this](bool ok, const QString &error, quint16 port) {
        emit started(ok, error, port);
        emit connectionChanged(describeEngineStart(ok, error, port, QCoreApplication::translate("main", "Simulation")));
    });
}

void SimulationFeed::start()
{
    m_simulation.start();
}

void SimulationFeed::stop()
{
    m_simulation.stop();
}

QString SimulationFeed::reloadUnavailableReason() const
{
    return unavailableInSimulation();
}

QString SimulationFeed::makeStepUnavailableReason() const
{
    return unavailableInSimulation();
}

void SimulationFeed::requestReload()
{
    emit actionFinished(false, unavailableInSimulation());
}

void SimulationFeed::requestMakeStep()
{
    emit actionFinished(false, unavailableInSimulation());
}

} // namespace s1
