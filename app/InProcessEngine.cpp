#include "InProcessEngine.h"

#include "MainWindow.h"
#include "ServiceViewer.h"

#include "config/ConfigReader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace s1 {

InProcessEngine::InProcessEngine(LaunchOptions options, EngineConfig config, HostOptions host, QObject *parent)
    : SnapshotFeed(parent)
    , m_options(std::move(options))
    , m_config(std::move(config))
    , m_host(std::move(host))
{
    connect(this, &InProcessEngine::reloadDone, this, &SnapshotFeed::actionFinished);
    connect(this, &InProcessEngine::makeStepDone, this, [this](quint64, bool ok, double stepped, const QString &error) {
        emit actionFinished(ok, ServiceViewer::describeMakeStep(ok, stepped, error));
    });
}

InProcessEngine::~InProcessEngine()
{
    stop();
}

void InProcessEngine::start()
{
    if (!m_engine)
        startEngine();
}

void InProcessEngine::stop()
{
    if (m_engine)
        m_engine->stop();
}

void InProcessEngine::startEngine()
{
    m_engine = std::make_unique<EngineThread>(m_config, m_host);
    connect(m_engine.get(), &EngineThread::snapshotReady, this, &InProcessEngine::snapshotReady);
    connect(m_engine.get(), &EngineThread::makeStepDone, this, &InProcessEngine::makeStepDone);
    connect(m_engine.get(), &EngineThread::started, this, &InProcessEngine::onEngineStarted);
    m_engine->start();
}

void InProcessEngine::requestMakeStep()
{
    makeStep(++m_makeStepTicket);
}

void InProcessEngine::makeStep(quint64 ticket)
{
    if (!m_engine || m_reload) {
        emit makeStepDone(ticket, false, 0, tr("the engine is restarting; try again"));
        return;
    }
    m_engine->makeStep(ticket);
}

void InProcessEngine::reload()
{
    if (m_reload) {
        emit reloadDone(false, ServiceViewer::describeReload(false, {}, tr("a reload is already in progress")));
        return;
    }
    std::string path;
    const ConfigReadResult read = readConfiguration(m_options, &path);
    const QString file = path.empty() ? tr("(built-in configuration)") : QString::fromStdString(path);
    QStringList messages;
    for (const ConfigDiagnostic &d : read.diagnostics)
        messages << QString::fromStdString(d.toString());
    if (!read.ok()) {
        emit reloadDone(false, ServiceViewer::describeReload(false, {},
                                                             tr("%1 has errors; the running configuration is kept\n%2")
                                                                 .arg(file, messages.join(QLatin1Char('\n')))));
        return;
    }
    m_reload = PendingReload{m_config, messages, false, {}};
    m_config = read.config;
    m_engine->stop();
    startEngine();
}

void InProcessEngine::onEngineStarted(bool ok, const QString &error, quint16 port)
{
    emit started(ok, error, port);
    emit connectionChanged(
        describeEngineStart(ok, error, port, QCoreApplication::translate("main", "In-process engine")));
    if (!m_reload)
        return;
    if (ok && !m_reload->rollingBack) {
        const QJsonObject result{{"reloaded", true}, {"warnings", QJsonArray::fromStringList(m_reload->warnings)}};
        finishReload(true, ServiceViewer::describeReload(true, result, {}));
        return;
    }
    if (ok || m_reload->rollingBack) {
        finishReload(false, ServiceViewer::describeReload(
                                false, {},
                                ok ? tr("the new configuration did not start (%1); running the previous one again")
                                         .arg(m_reload->failure)
                                   : tr("neither the new nor the previous configuration starts: %1").arg(error)));
        return;
    }
    // Valid but not runnable here: back to the configuration that ran. Later, from the event
    // loop: this slot runs inside the failed engine thread's signal.
    m_reload->rollingBack = true;
    m_reload->failure = error;
    m_config = m_reload->previous;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_engine->stop();
            startEngine();
        },
        Qt::QueuedConnection);
}

void InProcessEngine::finishReload(bool ok, const QString &message)
{
    m_reload.reset();
    emit reloadDone(ok, message);
}

void connectWindowActions(MainWindow &window, InProcessEngine &engine)
{
    QObject::connect(&window, &MainWindow::reloadRequested, &engine, &InProcessEngine::requestReload);
    QObject::connect(&window, &MainWindow::makeStepRequested, &engine, &InProcessEngine::requestMakeStep);
    QObject::connect(&engine, &InProcessEngine::actionFinished, &window, &MainWindow::showActionResult);
}

QString describeEngineStart(bool ok, const QString &error, quint16 port, const QString &what)
{
    if (!ok)
        return QCoreApplication::translate("main", "Engine failed: %1").arg(error);
    if (port != 0)
        return QCoreApplication::translate("main", "%1, serving NTP on UDP port %2").arg(what).arg(port);
    return QCoreApplication::translate("main", "%1, not serving NTP").arg(what);
}

} // namespace s1
