// The plain host: the engine in one thread with poll(), no Qt event loop, and only the libc
// calls that clock-and-network simulators intercept (socket, fcntl, bind, recvmsg, sendto,
// poll, clock_gettime, getaddrinfo). Lets chrony's clknetsim run Stratum One beside other NTP
// daemons in one simulated network.
#pragma once

#include "host/EngineRuntime.h"

#include <cstdio>

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

    EngineRuntime m_runtime;
    PlainHostOptions m_options;
};

} // namespace s1
