#include "ServiceRunner.h"
#include "logging/LogCategories.h"

#include "config/ConfigFile.h"
#include "config/ConfigReader.h"
#include "config/ConfigurationEditor.h"
#include "net/NicApi.h"
#include "process/PrivilegedDevices.h"
#include "process/SyscallFilter.h"
#include "process/SystemCredentialsApi.h"
#include "json/ConfigurationJson.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

#include <filesystem>

namespace s1 {

namespace {

QStringList diagnosticLines(const ConfigReadResult &read)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : read.diagnostics)
        lines << QString::fromStdString(d.toString());
    return lines;
}

} // namespace

ServiceRunner::ServiceRunner(LaunchOptions options, EngineConfig config, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_config(std::move(config))
{
    connect(&m_control, &ControlServer::reloadRequested, this, [this](quint64 ticket) { beginReload(ticket); });
    connect(&m_control, &ControlServer::makeStepRequested, this, &ServiceRunner::onMakeStep);
    connect(&m_control, &ControlServer::applyConfigurationRequested, this, &ServiceRunner::onApplyConfiguration);
    m_control.setHistory(&m_history.store());
    connect(&m_control, &ControlServer::runtimeCommandRequested, this, &ServiceRunner::onRuntimeCommand);
    m_metrics.setCommandCounters([this] { return m_control.counters(); });
    m_metrics.setVersion(S1_VERSION);
}

ServiceRunner::~ServiceRunner()
{
    stop();
}

bool ServiceRunner::start()
{
    if (!openControlSocket())
        return false;
    // Remote access is asked for explicitly (an address and cmdallow), so failing to open it is fatal.
    QString error;
    if (!m_control.listenRemote(m_config.command, error)) {
        qCCritical(lcService).noquote() << error;
        m_control.close();
        return false;
    }
    publishConfigurationPath();
    // Before dropping root, as the control ports. Not fatal: the time service matters more than
    // its metrics, and the log says why they are missing.
    m_metrics.configure(m_config);
    openPrivilegedDevices();
    if (!dropPrivileges() || !installSyscallFilter()) {
        m_control.close();
        return false;
    }
    startEngine();
    return true;
}

void ServiceRunner::openPrivilegedDevices()
{
    SystemNicApi nic;
    const std::string line = s1::openPrivilegedDevices(m_config, m_devices, nic);
    if (!line.empty())
        qCInfo(lcService).noquote() << QString::fromStdString(line);
}

bool ServiceRunner::dropPrivileges()
{
    const std::string user = m_options.user.empty() ? m_config.user : m_options.user;
    SystemCredentialsApi api;
    m_privileges = s1::dropPrivileges(api, user, !m_options.noClockControl);
    const QString message = QString::fromStdString(m_privileges.message);
    switch (m_privileges.outcome) {
    case PrivilegeDropResult::Outcome::Failed:
        qCCritical(lcService).noquote() << message;
        return false;
    case PrivilegeDropResult::Outcome::NotNeeded:
    case PrivilegeDropResult::Outcome::CapabilitiesDropped:
        qCInfo(lcService).noquote() << message;
        return true;
    case PrivilegeDropResult::Outcome::Dropped:
        qCInfo(lcService).noquote() << message;
        warnAboutUnwritableDirectories();
        return true;
    }
    return true;
}

bool ServiceRunner::installSyscallFilter()
{
    std::string error;
    const std::optional<SyscallFilterPolicy> policy =
        SyscallFilterPolicy::fromLevel(m_options.syscallFilterLevel, error);
    if (!policy) {
        qCCritical(lcService).noquote() << QString::fromStdString(error);
        return false;
    }
    if (!policy->enabled())
        return true;
    // chronyd refuses -F with mailonchange for the same reason: running a program is what the
    // filter forbids.
    if (!m_config.alarmCommand.empty()) {
        qCCritical(lcService).noquote() << alarmCommandForbiddenMessage();
        return false;
    }
    if (!SyscallFilter::install(*policy, !m_options.noClockControl, error)) {
        qCCritical(lcService).noquote() << QString::fromStdString(error);
        return false;
    }
    qCInfo(lcService).noquote() << QString::fromStdString(policy->describe());
    return true;
}

QString ServiceRunner::alarmCommandForbiddenMessage() const
{
    return QStringLiteral("-F %1: alarmcommand runs a program, which the system call filter forbids; "
                          "remove alarmcommand or run without -F")
        .arg(m_options.syscallFilterLevel);
}

// chronyd leaves these to the administrator too; saying so at the start beats a drift file that
// silently stops being written.
void ServiceRunner::warnAboutUnwritableDirectories() const
{
    const QString user = QString::fromStdString(m_privileges.account.name);
    const auto check = [&](const std::string &directory, const char *what) {
        if (directory.empty())
            return;
        const QFileInfo info(QString::fromStdString(directory));
        if (info.isDir() && !info.isWritable())
            qCWarning(lcService).noquote()
                << QStringLiteral("user %1 cannot write %2: %3 will not be saved (chown %1 %2)")
                       .arg(user, info.filePath(), QLatin1String(what));
    };
    if (!m_config.clock.driftFile.empty())
        check(std::filesystem::path(m_config.clock.driftFile).parent_path().string(), "the drift file");
    check(m_config.dumpDir, "the measurement history");
    check(m_config.logging.logDir, "the log files");
}

void ServiceRunner::publishConfigurationPath()
{
    // The file a reload would read, even while it does not exist and the built-in one runs
    // (readConfiguration's rule).
    const QString path = QString::fromStdString(configurationPath());
    m_control.setConfigurationPath(path, m_options.configPath.empty() && !QFileInfo::exists(path));
}

void ServiceRunner::stop()
{
    if (m_engine) {
        m_systemd.stopping();
        m_engine->stop();
    }
    m_history.save();
    m_metrics.close();
    m_control.close();
}

bool ServiceRunner::openControlSocket()
{
    bool chosen = false;
    const std::string path = controlSocketPath(m_options, m_config, &chosen);
    chosen = chosen || !m_options.controlGroup.empty();
    if (path.empty()) {
        qCInfo(lcService) << "control socket disabled (bindcmdaddress /)";
        return true;
    }
    QString error;
    if (m_control.listen(path, m_options.controlGroup, error))
        return true;
    if (chosen) {
        qCCritical(lcService).noquote() << "control socket:" << error;
        return false;
    }
    qCWarning(lcService).noquote() << "control socket unavailable, stratumctl cannot reach this service:" << error;
    return true;
}

void ServiceRunner::startEngine()
{
    // `dumpdir` is chrony's directory for state kept across restarts: the history goes there.
    m_history.followStateDirectory(m_config.dumpDir);
    HostOptions host = hostOptionsFor(m_options);
    host.refClockSeams.devices = &m_devices;
    host.phcDevices = &m_devices;
    // A reload's new engine carries on the alarms of the one it replaces.
    host.previousAlarms = m_lastAlarms;
    m_engine = std::make_unique<EngineThread>(m_config, host);
    m_systemd.watch(*m_engine);
    connect(m_engine.get(), &EngineThread::snapshotReady, this,
            [this](const EngineSnapshot &snapshot) { m_lastAlarms = snapshot.alarms; });
    connect(m_engine.get(), &EngineThread::snapshotReady, this,
            [this](const EngineSnapshot &snapshot) { m_systemd.snapshot(snapshot); });
    connect(m_engine.get(), &EngineThread::snapshotReady, &m_history, &HistoryKeeper::record);
    m_alarms.setCommand(QString::fromStdString(m_config.alarmCommand));
    connect(m_engine.get(), &EngineThread::snapshotReady, &m_alarms, &AlarmNotifier::record);
    connect(m_engine.get(), &EngineThread::snapshotReady, &m_control, &ControlServer::publishSnapshot);
    connect(m_engine.get(), &EngineThread::snapshotReady, &m_metrics, &MetricsEndpoint::publishSnapshot);
    connect(m_engine.get(), &EngineThread::started, this, &ServiceRunner::onEngineStarted);
    connect(m_engine.get(), &EngineThread::makeStepDone, this,
            [this](quint64 ticket, bool ok, double stepped, const QString &error) {
                m_control.completeRequest(ticket, ok, QJsonObject{{"stepped", stepped}}, error);
            });
    connect(m_engine.get(), &EngineThread::commandDone, this, &ServiceRunner::onRuntimeCommandDone);
    m_engine->start();
}

void ServiceRunner::onEngineStarted(bool ok, const QString &error, quint16 port)
{
    logEngineStarted(ok, error, port, false);
    if (!ok && m_privileges.outcome == PrivilegeDropResult::Outcome::Dropped)
        qCWarning(lcService).noquote()
            << QStringLiteral("the engine runs as user %1, without root: a device it opens must be readable by %1 "
                              "or one of its groups")
                   .arg(QString::fromStdString(m_privileges.account.name));

    // After a reload the endpoint follows the configuration that runs: the new one, or the
    // previous one after a roll back (unchanged: nothing to do, unless it could not listen).
    if (ok && !m_firstStart)
        m_metrics.configure(m_config);

    if (m_firstStart) {
        m_firstStart = false;
        if (!ok)
            emit fatal(1);
        else
            m_systemd.ready();
        return;
    }
    if (!m_reload)
        return;
    const ReloadAttempt::Step step = m_reload->attempt.engineStarted(ok, error);
    switch (step.outcome) {
    case ReloadAttempt::Outcome::Reloaded: {
        QJsonObject result{{"reloaded", true}, {"warnings", QJsonArray::fromStringList(m_reload->attempt.warnings())}};
        if (port)
            result.insert(QStringLiteral("ntpPort"), port);
        finishReload(true, result, {});
        return;
    }
    case ReloadAttempt::Outcome::RolledBack:
        finishReload(false, {}, step.message);
        return;
    case ReloadAttempt::Outcome::BothFailed:
        finishReload(false, {}, step.message);
        emit fatal(1);
        return;
    case ReloadAttempt::Outcome::RollBack:
        // The new configuration is valid but does not run here: go back to the one that did.
        // Later, from the event loop: this slot runs inside the failed engine thread's signal.
        m_config = m_reload->attempt.previous();
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

void ServiceRunner::reload()
{
    beginReload(std::nullopt);
}

void ServiceRunner::beginReload(std::optional<quint64> ticket, std::optional<AppliedEdit> edit)
{
    if (m_reload || m_firstStart) {
        if (ticket)
            m_control.completeRequest(*ticket, false, {},
                                      m_reload ? QStringLiteral("a reload is already in progress")
                                               : QStringLiteral("the engine is still starting; try again"));
        else
            qCWarning(lcService) << "reload ignored: the engine is still starting or reloading";
        return;
    }
    m_systemd.reloading();
    std::string path;
    const ConfigReadResult read = readConfiguration(m_options, &path);
    const QString file = path.empty() ? QStringLiteral("(built-in configuration)") : QString::fromStdString(path);
    const QStringList messages = diagnosticLines(read);
    if (!read.ok()) {
        qCWarning(lcConfig).noquote() << "reload:" << file << "has errors; keeping the running configuration";
        for (const QString &line : messages)
            qCWarning(lcConfig).noquote() << line;
        m_systemd.ready(); // the running configuration stays
        const QString error = QStringLiteral("%1 has errors; the running configuration is kept\n%2")
                                  .arg(file, messages.join(QLatin1Char('\n')));
        if (ticket && edit)
            finishEdit(*ticket, std::move(*edit), false, {}, error);
        else if (ticket)
            m_control.completeRequest(*ticket, false, {}, error);
        return;
    }
    for (const QString &line : messages)
        qCWarning(lcConfig).noquote() << line;
    // Under the filter the alarm command could not run; the engine would be killed at its first alarm.
    if (m_options.syscallFilterLevel != 0 && !read.config.alarmCommand.empty()) {
        const QString error = alarmCommandForbiddenMessage() + QStringLiteral("; the running configuration is kept");
        qCWarning(lcConfig).noquote() << "reload:" << error;
        m_systemd.ready();
        if (ticket && edit)
            finishEdit(*ticket, std::move(*edit), false, {}, error);
        else if (ticket)
            m_control.completeRequest(*ticket, false, {}, error);
        return;
    }
    qCInfo(lcConfig).noquote() << "reload: restarting the engine with" << file;
    bool chosen = false;
    if (controlSocketPath(m_options, read.config, &chosen) != m_control.socketPath() && m_control.isListening())
        qCInfo(lcService) << "the control socket's path changes at the next start, not on reload";
    CommandConfig remoteBefore = m_config.command;
    CommandConfig remoteAfter = read.config.command;
    remoteBefore.socketPath = remoteAfter.socketPath; // reported above
    if (!(remoteBefore == remoteAfter))
        qCInfo(lcService) << "remote control settings (cmdport, bindcmdaddress, cmdallow) change at the next start";
    if (m_options.user.empty() && read.config.user != m_config.user)
        qCInfo(lcService) << "the user the service runs as changes at the next start";
    m_reload = PendingReload{ticket, ReloadAttempt(m_config, messages), std::move(edit)};
    m_config = read.config;
    m_engine->stop();
    startEngine();
}

void ServiceRunner::finishReload(bool ok, const QJsonValue &result, const QString &error)
{
    const std::optional<quint64> ticket = m_reload->ticket;
    std::optional<AppliedEdit> edit = std::move(m_reload->edit);
    m_reload.reset();
    m_systemd.ready(); // reloaded, or back on the previous configuration
    if (ok)
        qCInfo(lcService) << "reload: done";
    else
        qCWarning(lcService).noquote() << "reload failed:" << error;
    // The file may have appeared since the start (the GPS wizard creates it).
    publishConfigurationPath();
    if (ticket && edit)
        finishEdit(*ticket, std::move(*edit), ok, result, error);
    else if (ticket)
        m_control.completeRequest(*ticket, ok, result, error);
}

std::string ServiceRunner::configurationPath() const
{
    return m_options.configPath.empty() ? std::string(kDefaultConfigPath) : m_options.configPath;
}

void ServiceRunner::onApplyConfiguration(quint64 ticket, const QString &text, const QString &revision)
{
    if (m_reload || m_firstStart) {
        m_control.completeRequest(ticket, false, {},
                                  m_reload ? QStringLiteral("a reload is already in progress; try again")
                                           : QStringLiteral("the engine is still starting; try again"));
        return;
    }
    const ConfigurationEditor editor(configurationPath());
    AppliedEdit edit{editor.apply(text.toStdString(), revision.toStdString()), revision.toStdString()};
    if (!edit.result.ok()) {
        qCWarning(lcConfig).noquote() << "applyconfig:" << QString::fromStdString(edit.result.message);
        m_control.completeRequest(ticket, true, applyResultToJson(edit.result), {});
        return;
    }
    qCInfo(lcConfig).noquote() << "applyconfig:" << QString::fromStdString(edit.result.message) << "; reloading";
    beginReload(ticket, std::move(edit));
}

void ServiceRunner::finishEdit(quint64 ticket, AppliedEdit edit, bool ok, const QJsonValue &result,
                               const QString &error)
{
    ConfigurationApplyResult &answer = edit.result;
    if (ok) {
        const QJsonArray warnings = result.toObject().value(QStringLiteral("warnings")).toArray();
        answer.message += warnings.isEmpty() ? "; reloaded" : "; reloaded with warnings";
        m_control.completeRequest(ticket, true, applyResultToJson(answer), {});
        return;
    }
    // Put the previous file back so that what is on disk is what runs.
    ConfigurationEditor(configurationPath()).revertFailedReload(answer, edit.previousRevision, error.toStdString());
    qCWarning(lcConfig).noquote() << "applyconfig:" << QString::fromStdString(answer.message);
    publishConfigurationPath();
    m_control.completeRequest(ticket, true, applyResultToJson(answer), {});
}

void ServiceRunner::onMakeStep(quint64 ticket)
{
    if (!m_engine) {
        m_control.completeRequest(ticket, false, {}, QStringLiteral("makestep: the engine is not running"));
        return;
    }
    m_engine->makeStep(ticket);
}

void ServiceRunner::onRuntimeCommand(quint64 ticket, const QString &command, const QString &arguments)
{
    // During a reload the engine is being replaced: its runtime state would be lost anyway.
    if (!m_engine || m_reload) {
        m_control.completeRequest(ticket, false, {}, QStringLiteral("500 Failure"));
        return;
    }
    m_engine->runCommand(ticket, command, arguments);
}

void ServiceRunner::onRuntimeCommandDone(quint64 ticket, bool ok, const QString &reply, const QStringList &warnings)
{
    m_control.completeRequest(
        ticket, ok, QJsonObject{{"status", reply}, {"warnings", QJsonArray::fromStringList(warnings)}}, reply);
}

} // namespace s1
