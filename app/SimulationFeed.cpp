#include "SimulationFeed.h"

#include "FeedHistory.h"
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
    , m_history(new HistoryKeeper(this))
{
    connect(this, &SnapshotFeed::snapshotReady, m_history, &HistoryKeeper::record);
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

quint64 SimulationFeed::requestHistory(const HistoryRangeRequest &request)
{
    return answerHistoryLater(queryHistoryRange(m_history->store(), request));
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
