#include "host/QtEngineHost.h"

#include "host/SnapshotMetaTypes.h"
#include "logging/LogCategories.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

// The longest single QTimer interval we arm; longer waits are re-armed on expiry, so a clock
// step never leaves the engine asleep for long.
constexpr qint64 kMaxTimerMs = 60'000;

std::optional<IpAddress> fromQHostAddress(const QHostAddress &address)
{
    return IpAddress::parse(address.toString().toStdString());
}

} // namespace

QtEngineHost::QtEngineHost(EngineConfig config, HostOptions options, QObject *parent)
    : QObject(parent)
    , m_runtime(std::move(config), std::move(options))
    , m_wakeTimer(this)
    , m_snapshotTimer(this)
    , m_heartbeatTimer(this)
{
    registerSnapshotMetaTypes();
    m_wakeTimer.setSingleShot(true);
    m_wakeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_wakeTimer, &QTimer::timeout, this, &QtEngineHost::onWakeTimer);
    m_snapshotTimer.setInterval(kDefaultSnapshotIntervalMs);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &QtEngineHost::publishSnapshot);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] {
        if (m_heartbeat)
            m_heartbeat();
    });
    m_runtime.setResolver([this](const ResolveRequest &request) { resolve(request); });
    m_runtime.setEventSink([](const EngineEvent &event) {
        const QString message = QString::fromStdString(event.message);
        switch (event.category) {
        case EngineEvent::Category::Clock:
            qCInfo(lcClock).noquote() << message;
            break;
        case EngineEvent::Category::RefClock:
            qCInfo(lcRefclock).noquote() << message;
            break;
        case EngineEvent::Category::Ntp:
            qCInfo(lcNtp).noquote() << message;
            break;
        }
    });
}

QtEngineHost::~QtEngineHost() = default;

void QtEngineHost::watchFds()
{
    for (QSocketNotifier *notifier : m_notifiers) {
        notifier->setEnabled(false);
        notifier->deleteLater();
    }
    m_notifiers.clear();
    m_fdGeneration = m_runtime.fdGeneration();
    const std::vector<int> fds = m_runtime.fds();
    for (const int fd : fds) {
        auto *notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(notifier, &QSocketNotifier::activated, this, [this, fd] {
            m_runtime.readable(fd);
            reschedule();
        });
        m_notifiers.push_back(notifier);
    }
}

void QtEngineHost::setSnapshotInterval(int milliseconds)
{
    m_snapshotTimer.setInterval(milliseconds);
}

void QtEngineHost::setHeartbeat(std::chrono::milliseconds interval, std::function<void()> beat)
{
    m_heartbeat = std::move(beat);
    m_heartbeatTimer.setInterval(interval);
}

void QtEngineHost::start()
{
    if (m_running)
        return;
    std::string error;
    if (!m_runtime.start(error)) {
        qCWarning(lcNtp) << "engine did not start:" << error.c_str();
        emit started(false, QString::fromStdString(error), 0);
        return;
    }
    for (const std::string &warning : m_runtime.warnings())
        qCInfo(lcNtp) << warning.c_str();
    if (!m_runtime.clockWarning().empty())
        qCWarning(lcClock).noquote() << QString::fromStdString(m_runtime.clockWarning());
    else if (m_runtime.controlsClock())
        qCInfo(lcClock) << "steering the system clock";
    watchFds();
    m_running = true;
    reschedule();
    m_snapshotTimer.start();
    if (m_heartbeat) {
        m_heartbeat();
        m_heartbeatTimer.start();
    }
    emit started(true, {}, m_runtime.serverPort());
    publishSnapshot();
}

void QtEngineHost::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_runtime.shutdown();
    m_wakeTimer.stop();
    m_snapshotTimer.stop();
    m_heartbeatTimer.stop();
    for (QSocketNotifier *notifier : m_notifiers)
        notifier->setEnabled(false);
    publishSnapshot();
}

void QtEngineHost::publishSnapshot()
{
    if (m_running)
        m_runtime.reportGpsStatus();
    emit snapshotReady(m_runtime.snapshot());
}

void QtEngineHost::makeStep(quint64 ticket)
{
    if (!m_running) {
        emit makeStepDone(ticket, false, 0, QStringLiteral("makestep: the engine is not running"));
        return;
    }
    const double stepped = m_runtime.makeStep();
    reschedule();
    emit makeStepDone(ticket, true, stepped, {});
    publishSnapshot();
}

void QtEngineHost::runCommand(quint64 ticket, const QString &name, const QString &arguments)
{
    if (!m_running) {
        emit commandDone(ticket, false, QString::fromStdString(chronycStatusLine(CommandStatus::Failed)), {});
        return;
    }
    const CommandResult result = m_runtime.runCommand(name.toStdString(), arguments.toStdString());
    reschedule();
    QStringList warnings;
    for (const std::string &warning : result.warnings)
        warnings << QString::fromStdString(warning);
    const QString reply = QString::fromStdString(
        result.status == CommandStatus::SyntaxError ? result.message : chronycStatusLine(result.status));
    if (result.ok())
        qCInfo(lcNtp).noquote() << name << arguments << "done";
    else
        qCInfo(lcNtp).noquote() << name << arguments << "refused:" << reply;
    emit commandDone(ticket, result.ok(), reply, warnings);
    publishSnapshot();
}

void QtEngineHost::onWakeTimer()
{
    if (!m_running)
        return;
    m_runtime.timeout();
    reschedule();
}

void QtEngineHost::reschedule()
{
    if (!m_running)
        return;
    if (m_runtime.fdGeneration() != m_fdGeneration)
        watchFds();
    const auto next = m_runtime.nextWakeup();
    if (!next) {
        m_wakeTimer.stop();
        return;
    }
    const Nanoseconds wait = *next - m_runtime.readClock();
    // Rounded up: waking a little late is harmless, waking early just spins once more.
    const qint64 ms =
        std::clamp<qint64>(static_cast<qint64>(std::ceil(static_cast<double>(wait.count()) / 1e6)), 0, kMaxTimerMs);
    m_wakeTimer.start(static_cast<int>(ms));
}

void QtEngineHost::resolve(const ResolveRequest &request)
{
    const std::uint64_t token = request.token;
    QHostInfo::lookupHost(QString::fromStdString(request.host), this, [this, token](const QHostInfo &info) {
        std::vector<IpAddress> addresses;
        for (const QHostAddress &address : info.addresses())
            if (const auto ip = fromQHostAddress(address))
                addresses.push_back(*ip);
        if (addresses.empty())
            qCWarning(lcNtp) << "could not resolve" << info.hostName() << info.errorString();
        m_runtime.resolved(token, addresses);
        reschedule();
    });
}

} // namespace s1
