// Command-line options shared by `stratumone` and `stratumone-core-host`, and loading of the
// configuration they name.
#pragma once

#include "config/EngineConfig.h"
#include "host/EngineRuntime.h"

#include <QStringList>

#include <optional>
#include <string>

namespace s1 {

constexpr const char *kDefaultConfigPath = "/etc/stratumone/stratumone.conf";

struct LaunchOptions
{
    bool service = false;
    bool noClockControl = false;
    std::string configPath;           // empty: the default path, if it exists
    std::vector<IpAddress> bindAddresses;
    double reportInterval = 0;        // core host only
    double duration = 0;              // core host only
    std::uint64_t seed = 0;
    std::string screenshotPath;       // window only: grab the window to this PNG, then quit
    double screenshotDelay = 5;       // s after start
};

enum class LaunchProgram { Application, CoreHost };

// Parses `arguments` (argv as strings, program name first). On error or --help/--version,
// prints to stdout/stderr and returns the exit code to use instead of options.
struct LaunchParse
{
    std::optional<LaunchOptions> options;
    int exitCode = 0;
};
LaunchParse parseLaunchOptions(const QStringList &arguments, LaunchProgram program);

// Reads the configuration; prints diagnostics as "file:line:col: ..." to stderr. nullopt when
// it has errors. Without a path and without the default file, a built-in configuration that
// uses the public NTP pool is returned.
std::optional<EngineConfig> loadConfiguration(const LaunchOptions &options);

HostOptions hostOptionsFor(const LaunchOptions &options);

} // namespace s1
