#include "host/EngineThread.h"

namespace s1 {

EngineThread::EngineThread(EngineConfig config, HostOptions options, QObject *parent)
    : QObject(parent)
    // No parent: it must move to the worker thread, and it is deleted there when the thread ends.
    , m_host(new QtEngineHost(std::move(config), std::move(options)))
{
    m_thread.setObjectName(QStringLiteral("engine"));
    m_host->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_host, &QtEngineHost::start);
    connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
    connect(m_host, &QtEngineHost::started, this, &EngineThread::started);
    connect(m_host, &QtEngineHost::snapshotReady, this, &EngineThread::snapshotReady);
    connect(m_host, &QtEngineHost::makeStepDone, this, &EngineThread::makeStepDone);
    connect(m_host, &QtEngineHost::commandDone, this, &EngineThread::commandDone);
}

EngineThread::~EngineThread()
{
    stop();
    if (!m_thread.isFinished() && m_host) {
        // Never started: the host still belongs to no running thread.
        delete m_host;
    }
}

void EngineThread::setSnapshotInterval(int milliseconds)
{
    QMetaObject::invokeMethod(
        m_host, [host = m_host, milliseconds] { host->setSnapshotInterval(milliseconds); },
        m_thread.isRunning() ? Qt::QueuedConnection : Qt::DirectConnection);
}

void EngineThread::setHeartbeat(std::chrono::milliseconds interval, std::function<void()> beat)
{
    // Before start(): the host does not live in a running thread yet.
    if (!m_thread.isRunning())
        m_host->setHeartbeat(interval, std::move(beat));
}

void EngineThread::start()
{
    m_thread.start();
}

void EngineThread::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(m_host, &QtEngineHost::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_host = nullptr; // deleteLater ran as the thread finished
}

void EngineThread::requestSnapshot()
{
    if (m_thread.isRunning())
        QMetaObject::invokeMethod(m_host, &QtEngineHost::publishSnapshot, Qt::QueuedConnection);
}

void EngineThread::makeStep(quint64 ticket)
{
    if (!m_thread.isRunning()) {
        emit makeStepDone(ticket, false, 0, QStringLiteral("makestep: the engine is not running"));
        return;
    }
    QMetaObject::invokeMethod(
        m_host, [host = m_host, ticket] { host->makeStep(ticket); }, Qt::QueuedConnection);
}

void EngineThread::runCommand(quint64 ticket, const QString &name, const QString &arguments)
{
    if (!m_thread.isRunning()) {
        emit commandDone(ticket, false, QStringLiteral("500 Failure"), {});
        return;
    }
    QMetaObject::invokeMethod(
        m_host, [host = m_host, ticket, name, arguments] { host->runCommand(ticket, name, arguments); },
        Qt::QueuedConnection);
}

} // namespace s1
