// A blocking client of the control socket for command-line tools (stratumctl) and tests: plain
// POSIX calls with deadlines, no event loop. Every wait is bounded: a missing or hung service
// costs at most the connect timeout or the reply timeout, never a hang.
#pragma once

#include "transport/LineFramer.h"
#include "json/ControlProtocol.h"

#include <QJsonObject>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace s1 {

class ControlClient
{
public:
    static constexpr std::chrono::milliseconds kConnectTimeout{2000};
    static constexpr std::chrono::milliseconds kReplyTimeout{5000};

    ControlClient();
    ~ControlClient();
    ControlClient(const ControlClient &) = delete;
    ControlClient &operator=(const ControlClient &) = delete;

    // On failure `error` explains it for a person: the path, the system's reason and what to do
    // ("... No such file or directory (is stratumone --service running?)", or for a permission
    // problem which group owns the socket).
    bool connectTo(const std::string &path, std::string &error);
    // The service's remote control port over TCP (chronyc's -h HOST -p PORT). `host` is an IPv4
    // or IPv6 address: names are not resolved, so no resolver can stall the tool. The connect
    // waits at most kConnectTimeout.
    bool connectToHost(const std::string &host, std::uint16_t port, std::string &error);
    bool isConnected() const { return m_fd >= 0; }
    void close();

    // Sends one request and returns its response (events that arrive meanwhile are skipped).
    std::optional<control::ControlMessage> call(control::Command command, const QJsonObject &args,
                                                std::chrono::milliseconds timeout, std::string &error);
    // The next line from the service (a response or an event), e.g. after `subscribe`.
    std::optional<control::ControlMessage> readMessage(std::chrono::milliseconds timeout, std::string &error);

private:
    bool sendAll(const QByteArray &bytes, std::chrono::steady_clock::time_point deadline, std::string &error);

    int m_fd = -1;
    std::string m_path;
    qint64 m_nextId = 1;
    LineFramer m_framer;
};

// The message for a failed connect(): `errorNumber` from the system, the socket's owner and
// group looked up where that helps.
std::string describeConnectError(const std::string &path, int errorNumber);

} // namespace s1
