#include "EngineProbe.h"

#include "ProcessHelpers.h"

#include <QDebug>

namespace s1test {

namespace {
constexpr std::chrono::seconds kStartTimeout{5};
}

EngineProbe::EngineProbe(const QString &configText, const s1::IpAddress &bind, s1::RefClockSeams seams,
                         bool kernelTransmitTimestamps)
{
    const s1::ConfigReadResult read = s1::readConfigText(configText.toStdString(), "test.conf");
    for (const auto &d : read.diagnostics)
        qWarning() << d.toString().c_str();
    m_configOk = read.ok();
    s1::HostOptions options;
    options.serverAddresses = {bind};
    options.seed = 1;
    options.refClockSeams = seams;
    options.kernelTransmitTimestamps = kernelTransmitTimestamps;
    m_thread = std::make_unique<s1::EngineThread>(read.config, options);
    m_thread->setSnapshotInterval(kSnapshotIntervalMs);
    connect(m_thread.get(), &s1::EngineThread::snapshotReady, this,
            [this](const s1::EngineSnapshot &s) { m_latest = s; });
    connect(m_thread.get(), &s1::EngineThread::started, this, [this](bool ok, const QString &error, quint16 port) {
        if (!ok)
            qWarning() << "engine failed:" << error;
        m_started = ok;
        m_serverPort = port;
    });
}

EngineProbe::~EngineProbe()
{
    stop();
}

bool EngineProbe::start()
{
    m_thread->start();
    return waitFor([this] { return m_started.has_value(); }, kStartTimeout) && *m_started;
}

void EngineProbe::stop()
{
    if (m_thread)
        m_thread->stop();
}

std::optional<s1::SourceSnapshot> EngineProbe::source(const std::string &name) const
{
    if (!m_latest)
        return std::nullopt;
    for (const auto &s : m_latest->sources)
        if (s.name == name)
            return s;
    return std::nullopt;
}

} // namespace s1test
