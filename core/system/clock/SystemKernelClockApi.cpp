#include "clock/SystemKernelClockApi.h"

#include <cerrno>
#include <unistd.h>

namespace s1 {

int SystemKernelClockApi::adjtime(timex &tx)
{
    const int state = ::clock_adjtime(CLOCK_REALTIME, &tx);
    return state < 0 ? -errno : state;
}

int SystemKernelClockApi::gettime(timespec &ts)
{
    return ::clock_gettime(CLOCK_REALTIME, &ts) < 0 ? -errno : 0;
}

int SystemKernelClockApi::settime(const timespec &ts)
{
    return ::clock_settime(CLOCK_REALTIME, &ts) < 0 ? -errno : 0;
}

long SystemKernelClockApi::userHz()
{
    return ::sysconf(_SC_CLK_TCK);
}

} // namespace s1
