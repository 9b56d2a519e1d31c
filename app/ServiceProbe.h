// Whether a service answers on a control socket, asked once when the window starts without
// engine options: a running `stratumone --service` is then shown instead of starting a second
// engine beside it (which would poll the same servers and find the NTP port taken). Blocking but
// bounded: a missing socket costs nothing, a hung service at most kProbeTimeout.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace s1 {

enum class ProbeOutcome : std::uint8_t {
    Absent,  // no socket, or nobody listening on it
    Answers, // a service answered a request
    Denied,  // a socket is there but we may not open it: a service runs, for other users
};

struct ProbeResult
{
    ProbeOutcome outcome = ProbeOutcome::Absent;
    std::string detail; // why it is not Answers, for the log
};

constexpr std::chrono::milliseconds kProbeTimeout{1000};

ProbeResult probeService(const std::string &path, std::chrono::milliseconds timeout = kProbeTimeout);

} // namespace s1
