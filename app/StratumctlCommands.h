// stratumctl's commands that talk to the running service over its control socket: chronyc's
// reports (printed with chronyc's exact layouts), reload and makestep.
#pragma once

#include <QStringList>

#include <cstdint>
#include <string>

namespace s1 {

struct StratumctlOptions
{
    bool numeric = false;         // -n: numeric addresses, no reverse lookups
    bool configuredNames = false; // -N: the names the sources were configured with
    bool csv = false;             // -c: chronyc's CSV forms (implies -n, like chronyc)
    bool json = false;            // --json: the service's JSON result, as it is
    std::string socketPath;       // -s/--socket
    std::string remoteHost;       // -h ADDRESS: the remote TCP control port instead of the socket
    std::uint16_t remotePort = 0; // -p
};

// Whether `command` is one of these (the rest of stratumctl handles `query`).
bool isControlCommand(const QString &command);

// Runs `command` with its `args`; prints the result to stdout, problems to stderr, each as one
// "stratumctl: ..." line. Returns the exit code: 0, 1 (the service said no, or could not be
// reached) or 2 (bad arguments).
int runControlCommand(const StratumctlOptions &options, const QString &command, const QStringList &args);

// chronyc's runtime commands (add, delete, allow, deny, burst, online, offline, minpoll,
// maxpoll, maxdelay, maxdelayratio, maxdelaydevratio, minstratum, polltarget, reselect,
// refresh, local) and waitsync.
bool isRuntimeCommand(const QString &command);
// Prints what chronyc prints: "200 OK", chronyc's numbered error ("503 No such source") on
// stdout, or its message for a line it refuses itself on stderr. Returns 0 or 1, as chronyc.
int runRuntimeCommand(const StratumctlOptions &options, const QString &command, const QStringList &args);

} // namespace s1
