// Runs an in-process engine (the Qt host in its worker thread) and keeps its latest snapshot,
// for tests that look at what the engine measured.
#pragma once

#include "config/ConfigReader.h"
#include "host/EngineThread.h"

#include <QObject>

#include <memory>
#include <optional>

namespace s1test {

class EngineProbe : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSnapshotIntervalMs = 100;

    // Parses `configText` (chrony.conf syntax) and serves on `bind` only.
    // `seams`: fake devices for the refclock drivers; `kernelTransmitTimestamps`: the host's
    // option (off: the daemon's transmit stamps only).
    EngineProbe(const QString &configText, const s1::IpAddress &bind, s1::RefClockSeams seams = {},
                bool kernelTransmitTimestamps = true);
    ~EngineProbe() override;

    bool configOk() const { return m_configOk; }
    // Starts the thread and waits (bounded) for the host to report; false on failure.
    bool start();
    void stop();

    const std::optional<s1::EngineSnapshot> &latest() const { return m_latest; }
    // The source with that name in the latest snapshot, if any.
    std::optional<s1::SourceSnapshot> source(const std::string &name) const;
    quint16 serverPort() const { return m_serverPort; }
    s1::EngineThread &thread() { return *m_thread; }

private:
    bool m_configOk = false;
    std::unique_ptr<s1::EngineThread> m_thread;
    std::optional<s1::EngineSnapshot> m_latest;
    std::optional<bool> m_started;
    quint16 m_serverPort = 0;
};

} // namespace s1test
