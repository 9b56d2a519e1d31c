// `user NAME` / `-u NAME`, as chronyd does it: once the sockets the service was asked for are
// open, it stops being root. It keeps CAP_SYS_TIME when it steers the clock and
// CAP_NET_BIND_SERVICE (a reload restarts the engine, which binds port 123 again), nothing else.
// Unlike chronyd, which clears the supplementary groups, it takes the user's own groups
// (initgroups' rule), so that membership of dialout opens the GPS serial port and a PPS device
// given to a group opens too.
//
// A service started as another user with more capabilities than it keeps (the packaged unit
// gives CAP_NET_ADMIN and CAP_DAC_OVERRIDE for PrivilegedDevices) gives the others up the same
// way: permitted and effective become the kept ones it holds, ambient none.
//
// Threads started after the drop from the thread that made it inherit its capabilities; threads
// already running keep none (setuid clears them). The service drops before its engine thread
// starts.
#pragma once

#include "process/CredentialsApi.h"

#include <string>
#include <vector>

namespace s1 {

struct PrivilegeDropResult
{
    enum class Outcome : std::uint8_t {
        NotNeeded, // not started as root, or the user is root: nothing changed
        Dropped,
        // Not started as root, but with capabilities beyond those kept (the packaged unit's
        // start-up ones): they are given up, the user stays.
        CapabilitiesDropped,
        Failed, // the service must not go on: it would run with more rights than configured
    };
    Outcome outcome = Outcome::NotNeeded;
    std::string message; // what happened, in words, for the log
    UserAccount account;
    std::vector<gid_t> groups;
    std::vector<Capability> capabilities; // kept
};

std::vector<Capability> capabilitiesToKeep(bool clockControl);

PrivilegeDropResult dropPrivileges(CredentialsApi &api, const std::string &user, bool clockControl);

} // namespace s1
