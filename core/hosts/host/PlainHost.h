// The plain host: the engine in one thread with poll(), no Qt event loop, and only the libc
// calls that clock-and-network simulators intercept (socket, fcntl, bind, recvmsg, sendto,
// poll, clock_gettime, getaddrinfo, and clock_adjtime when it steers the clock). Lets chrony's
// clknetsim run Stratum One beside other NTP daemons in one simulated network.
#pragma once

#include "host/EngineRuntime.h"

#include <csignal>
#include <cstdio>
#include <string>

namespace s1 {

struct PlainHostOptions
{
    // Seconds between JSON snapshot lines on `report`; 0: none.
    double reportInterval = 0;
    std::FILE *report = nullptr;
    // Stop after this many seconds (0: run until *stopRequested).
    double duration = 0;
    // Set (by a signal handler) when the host must stop; checked before every poll() and when
    // poll() returns, which a signal interrupts with EINTR. A flag and not a self-pipe: every fd
    // in the poll() set must be one a clock-and-network simulator simulates (clknetsim reports
    // any other fd as always readable). nullptr: none.
    const volatile std::sig_atomic_t *stopRequested = nullptr;
    // Where warnings, errors and engine events go.
    std::FILE *diagnostics = stderr;
};

class PlainHost
{
public:
    PlainHost(EngineConfig config, HostOptions options, PlainHostOptions plainOptions);

    // Runs until stopped; returns the process exit code.
    int run();

private:
    void resolve(const ResolveRequest &request);
    void report();
    void say(const std::string &message) const;

    EngineRuntime m_runtime;
    PlainHostOptions m_options;
};

} // namespace s1
