// The headless daemon (`stratumone --service`), shared by the two executables that can run it:
// `stratumone-service`, which links Qt Core and Network but none of the window's libraries
// (Widgets, Gui, Charts, OpenGL: half the resident memory of a process that maps them), and
// `stratumone` itself, which hands --service over to it (execLeanService) and runs the service
// in-process only when it is not there.
#pragma once

#include "LaunchOptions.h"

#include <string>

class QCoreApplication;

namespace s1 {

// Runs the service until a termination signal or a fatal error; its exit code.
int runService(QCoreApplication &app, const LaunchOptions &options, const EngineConfig &config);

// Replaces this process (same pid, arguments and environment, so systemd and the tests see no
// difference) with `stratumone-service` from this executable's directory. Returns only when
// that cannot be done, with the reason.
std::string execLeanService(char **argv);

} // namespace s1
