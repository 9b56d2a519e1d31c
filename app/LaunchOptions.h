// Command-line options shared by `stratumone` and `stratumone-core-host`, and loading of the
// configuration they name.
#pragma once

#include "config/ConfigDiagnostic.h"
#include "config/ConfigFile.h"
#include "config/EngineConfig.h"
#include "host/EngineRuntime.h"

#include <QStringList>

#include <optional>
#include <string>

namespace s1 {

struct LaunchOptions
{
    bool service = false;
    bool noClockControl = false;
    bool restoreDumps = false; // -r: reload the sources' dumps from `dumpdir` at start
    std::string configPath; // empty: the default path, if it exists
    std::vector<IpAddress> bindAddresses;
    double reportInterval = 0; // core host only
    double duration = 0;       // core host only
    std::uint64_t seed = 0;
    bool simulate = false;       // window only: run the simulator instead of the network
    std::string screenshotPath;  // window only: grab the window to this PNG, then quit
    double screenshotDelay = 5;  // s after start
    std::string controlSocket;   // --control-socket; empty: from the configuration
    std::string controlGroup;    // --control-group; empty: the service's own group
    std::string user;            // -u: the user the service runs as (overrides `user`); empty: the file's
    int syscallFilterLevel = 0;  // -F: the service's system call filter (SyscallFilterPolicy), 0: none
    std::string checkConfigPath; // --check-config FILE: check it and exit
    bool printConfig = false;    // -p: print the configuration and exit
    bool debug = false;          // -d: debug logging (the service always logs to stderr)
    bool attach = false;         // window only: show a running service (--attach [SOCKET])
    std::string attachSocket;    // its socket: SOCKET, else --control-socket, else the default
    bool inProcess = false;      // window only: run an engine of its own even beside a service
    bool kiosk = false;          // window only: full screen, the dashboard, screen saver inhibited
};

// Whether the window was told what to show (an engine option, --simulate, --in-process or
// --attach). Without, it shows a running service if one answers on the default socket.
bool windowSourceChosen(const LaunchOptions &options);

enum class LaunchProgram { Application, CoreHost };

// Parses `arguments` (argv as strings, program name first). On error or --help/--version,
// prints to stdout/stderr and returns the exit code to use instead of options.
struct LaunchParse
{
    std::optional<LaunchOptions> options;
    int exitCode = 0;
};
LaunchParse parseLaunchOptions(const QStringList &arguments, LaunchProgram program);

// Reads the configuration the options name (-f, else the default file, else the built-in one)
// and says which file that was ("" for the built-in configuration).
ConfigReadResult readConfiguration(const LaunchOptions &options, std::string *usedPath = nullptr);

// Reads the configuration; prints diagnostics as "file:line:col: ..." to stderr. nullopt when
// it has errors. Without a path and without the default file, a built-in configuration that
// uses the public NTP pool is returned.
std::optional<EngineConfig> loadConfiguration(const LaunchOptions &options);

// Clock control is on unless -x.
HostOptions hostOptionsFor(const LaunchOptions &options);

// --check-config FILE: every diagnostic to stderr, then "FILE: OK" on stdout. Exit code 0 or 1.
int checkConfiguration(const std::string &path);
// -p: the configuration's directives, one per line as chronyd -p prints them (comments and
// blank lines dropped, words separated by one space), each file after a "# FILE" line, included
// files after the main one. Exit code 0, or 1 (with the diagnostics) when it has errors.
int printConfiguration(const LaunchOptions &options);

// The control socket the service listens on: --control-socket, else the configuration's
// `bindcmdaddress /path`, else control::kDefaultSocketPath. chrony's compiled-in default path
// counts as "not configured" (Stratum One never takes chronyd's socket). Empty: disabled by
// `bindcmdaddress /`. `explicitlySet` tells whether the user chose it (then failing to listen
// is fatal).
std::string controlSocketPath(const LaunchOptions &options, const EngineConfig &config, bool *explicitlySet = nullptr);

// Debug output of the Stratum One logging categories ("s1.*"): on with -d, off otherwise (Qt
// would print it by default).
void setDebugLogging(bool enabled);

// Logs how an engine start went (s1.service); `mentionVirtualClock`: also say that the window
// does not steer the system clock although -x was not given. (Whether the service steers it,
// the engine host logs in s1.clock.)
void logEngineStarted(bool ok, const QString &error, quint16 port, bool mentionVirtualClock);

} // namespace s1
