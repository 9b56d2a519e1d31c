#include "ServiceProcesses.h"

#include "ProcessHelpers.h"

#include <chrono>
#include <csignal>

namespace s1test {

namespace {
constexpr std::chrono::seconds kStopTimeout{5};
}

ServiceProcesses::~ServiceProcesses()
{
    stopProcess(service, SIGKILL, kStopTimeout);
    stopProcess(server, SIGTERM, kStopTimeout);
}

} // namespace s1test
