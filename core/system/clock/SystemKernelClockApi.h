// The real Linux clock system calls behind KernelClockApi: the only code that may adjust the
// machine's clock. Tests and benchmarks never construct it.
#pragma once

#include "clock/KernelClockApi.h"

namespace s1 {

class SystemKernelClockApi final : public KernelClockApi
{
public:
    int adjtime(timex &tx) override;
    int gettime(timespec &ts) override;
    int settime(const timespec &ts) override;
    long userHz() override;
};

} // namespace s1
