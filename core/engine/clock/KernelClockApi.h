// The Linux clock system calls behind a seam. KernelClockDriver talks only to this interface,
// so that tests can put a model of the kernel behind it: no test ever adjusts the machine's
// clock. SystemKernelClockApi (system layer) is the one place that makes the real calls.
#pragma once

#include <sys/timex.h>

#include <ctime>

namespace s1 {

class KernelClockApi
{
public:
    virtual ~KernelClockApi() = default;

    // clock_adjtime(CLOCK_REALTIME, &tx): the clock state (TIME_OK, TIME_ERROR, ...) with `tx`
    // filled with the kernel's current values, or -errno. Errors are returned rather than left
    // in errno so that a fake needs no global state.
    virtual int adjtime(timex &tx) = 0;
    // clock_gettime(CLOCK_REALTIME): 0 or -errno.
    virtual int gettime(timespec &ts) = 0;
    // clock_settime(CLOCK_REALTIME): 0 or -errno.
    virtual int settime(const timespec &ts) = 0;
    // USER_HZ, the unit of timex.tick (sysconf(_SC_CLK_TCK)); <= 0 when unknown.
    virtual long userHz() = 0;
};

} // namespace s1
