#include "InProcessEngine.h"

#include "FeedHistory.h"
#include "MainWindow.h"
#include "ServiceViewer.h"

#include "config/ConfigFile.h"
#include "config/ConfigReader.h"
#include "config/ConfigurationEditor.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <pwd.h>
#include <unistd.h>

namespace s1 {

InProcessEngine::InProcessEngine(LaunchOptions options, EngineConfig config, HostOptions host, QObject *parent)
    : SnapshotFeed(parent)
    , m_options(std::move(options))
    , m_config(std::move(config))
    , m_host(std::move(host))
    , m_history(new HistoryKeeper(this))
    , m_alarms(new AlarmNotifier(this))
    , m_metrics(new MetricsEndpoint(this))
{
    m_metrics->setVersion(S1_VERSION);
    // Recorded before the window sees the snapshot, so that a history request it makes in
    // response already finds the snapshot's points.
    connect(this, &SnapshotFeed::snapshotReady, m_history, &HistoryKeeper::record);
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
    m_history->save();
}

void InProcessEngine::startEngine()
{
    // The service's rule (HistoryKeeper::followStateDirectory): the history lives in `dumpdir`
    // and follows a reload that moves it.
    m_history->followStateDirectory(m_config.dumpDir);
    HostOptions host = m_host;
    // A reload's new engine carries on the alarms of the one it replaces.
    host.previousAlarms = m_lastAlarms;
    m_engine = std::make_unique<EngineThread>(m_config, host);
    connect(m_engine.get(), &EngineThread::snapshotReady, this,
            [this](const EngineSnapshot &snapshot) { m_lastAlarms = snapshot.alarms; });
    m_alarms->setCommand(QString::fromStdString(m_config.alarmCommand));
    connect(m_engine.get(), &EngineThread::snapshotReady, m_alarms, &AlarmNotifier::record);
    connect(m_engine.get(), &EngineThread::snapshotReady, m_metrics, &MetricsEndpoint::publishSnapshot);
    connect(m_engine.get(), &EngineThread::snapshotReady, this, &InProcessEngine::snapshotReady);
    connect(m_engine.get(), &EngineThread::makeStepDone, this, &InProcessEngine::makeStepDone);
    connect(m_engine.get(), &EngineThread::started, this, &InProcessEngine::onEngineStarted);
    m_engine->start();
}

quint64 InProcessEngine::requestHistory(const HistoryRangeRequest &request)
{
    return answerHistoryLater(queryHistoryRange(m_history->store(), request));
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
        const QString error =
            tr("%1 has errors; the running configuration is kept\n%2").arg(file, messages.join(QLatin1Char('\n')));
        if (m_edit)
            finishEdit(false, error);
        emit reloadDone(false, ServiceViewer::describeReload(false, {}, error));
        return;
    }
    m_reload.emplace(m_config, messages);
    m_config = read.config;
    m_engine->stop();
    startEngine();
}

void InProcessEngine::onEngineStarted(bool ok, const QString &error, quint16 port)
{
    if (ok)
        m_metrics->configure(m_config); // a failure is logged; the engine runs on
    emit started(ok, error, port);
    QString status = describeEngineStart(ok, error, port, QCoreApplication::translate("main", "In-process engine"));
    // A viewer's user often cannot write the service's dumpdir: the status line says that the
    // charts' history will be gone with the window (the log has said it too).
    if (const std::string &problem = m_history->savingProblem(); ok && !problem.empty())
        status += tr("; history not saved (%1)").arg(QString::fromStdString(problem));
    emit connectionChanged(status);
    if (!m_reload)
        return;
    const ReloadAttempt::Step step = m_reload->engineStarted(ok, error);
    switch (step.outcome) {
    case ReloadAttempt::Outcome::Reloaded: {
        const QJsonObject result{{"reloaded", true}, {"warnings", QJsonArray::fromStringList(m_reload->warnings())}};
        finishEdit(true, {});
        finishReload(true, ServiceViewer::describeReload(true, result, {}));
        return;
    }
    case ReloadAttempt::Outcome::RolledBack:
    case ReloadAttempt::Outcome::BothFailed:
        finishEdit(false, step.message);
        finishReload(false, ServiceViewer::describeReload(false, {}, step.message));
        return;
    case ReloadAttempt::Outcome::RollBack:
        // Valid but not runnable here: back to the configuration that ran. Later, from the
        // event loop: this slot runs inside the failed engine thread's signal.
        m_config = m_reload->previous();
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_engine->stop();
                startEngine();
            },
            Qt::QueuedConnection);
        return;
    }
}

void InProcessEngine::finishReload(bool ok, const QString &message)
{
    m_reload.reset();
    emit reloadDone(ok, message);
}

std::string InProcessEngine::configurationPath() const
{
    return m_options.configPath.empty() ? std::string(kDefaultConfigPath) : m_options.configPath;
}

QString InProcessEngine::configurationEditUnavailableReason() const
{
    const std::string path = configurationPath();
    const QFileInfo info(QString::fromStdString(path));
    // Writing needs the file (when it exists) and its directory: the new file and the .bak are
    // created next to it and renamed over.
    const bool writable = (!info.exists() || ::access(path.c_str(), W_OK) == 0)
                          && ::access(QFile::encodeName(info.absolutePath()).constData(), W_OK) == 0;
    if (writable)
        return {};
    const passwd *user = ::getpwuid(::geteuid());
    const QString name = user ? QString::fromLocal8Bit(user->pw_name) : QString::number(::geteuid());
    return tr("%1 is not writable by user %2; run the service (stratumone --service) and join its control group")
        .arg(QString::fromStdString(path), name);
}

void InProcessEngine::requestConfigurationText()
{
    const ConfigurationEditor editor(configurationPath());
    ConfigurationText text;
    std::string error;
    const bool ok = editor.read(text, error);
    text.builtIn = m_options.configPath.empty() && text.revision == kAbsentRevision;
    // Answered from the event loop, as the service's answer would be.
    QMetaObject::invokeMethod(
        this,
        [this, ok, text, error] {
            if (ok)
                emit configurationTextReady(text);
            else
                emit configurationTextFailed(QString::fromStdString(error));
        },
        Qt::QueuedConnection);
}

void InProcessEngine::applyConfiguration(const std::string &text, const std::string &revision)
{
    const auto answer = [this](ConfigurationApplyResult result) {
        QMetaObject::invokeMethod(
            this, [this, result] { emit configurationApplied(result); }, Qt::QueuedConnection);
    };
    ConfigurationApplyResult refused;
    refused.outcome = ConfigurationApplyResult::Outcome::WriteFailed;
    refused.revision = revision;
    if (const QString reason = configurationEditUnavailableReason(); !reason.isEmpty()) {
        refused.message = reason.toStdString();
        answer(refused);
        return;
    }
    if (m_reload || m_edit) {
        refused.message = tr("a reload is already in progress; try again").toStdString();
        answer(refused);
        return;
    }
    PendingEdit edit{ConfigurationEditor(configurationPath()).apply(text, revision), revision};
    if (!edit.result.ok()) {
        answer(edit.result);
        return;
    }
    m_edit = std::move(edit);
    reload();
}

void InProcessEngine::finishEdit(bool ok, const QString &message)
{
    if (!m_edit)
        return;
    PendingEdit edit = std::move(*m_edit);
    m_edit.reset();
    ConfigurationApplyResult &result = edit.result;
    if (ok) {
        result.message += "; reloaded";
    } else {
        // Put the previous file back so that the file and the running engine agree.
        ConfigurationEditor(configurationPath())
            .revertFailedReload(result, edit.previousRevision, message.toStdString());
    }
    emit configurationApplied(result);
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
