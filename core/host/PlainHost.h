// The plain host: the engine in one thread with poll(), no Qt event loop, and only the libc
// calls that clock-and-network simulators intercept (socket, fcntl, bind, recvmsg, sendto,
// poll, clock_gettime, getaddrinfo, and clock_adjtime when it steers the clock). Lets chrony's
// clknetsim run Stratum One beside other NTP daemons in one simulated network.
#pragma once

#include "host/EngineRuntime.h"

#include <cstdio>
#include <string>

namespace s1 {

struct PlainHostOptions
{
    // Seconds between JSON snapshot lines on `report`; 0: none.
    double reportInterval = 0;
    std::FILE *report = nullptr;
    // Stop after this many seconds (0: run until stopFd becomes readable).
    double duration = 0;
    // Readable when the host must stop (the read end of a signal self-pipe); -1: none.
    int stopFd = -1;
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
