// What the service opens before it gives up its rights (`user`, or the start-up capabilities of
// the packaged unit), as chronyd does before it drops root: the PPS and PHC devices of the
// `refclock` lines and the PHCs of `hwtimestamp` (retained by RetainedDeviceApi for the engine
// that opens them later), and the cards' hardware timestamping itself, which SIOCSHWTSTAMP sets
// only with CAP_NET_ADMIN. The engine then finds each card set up as it wants it (NicTimestamping
// accepts a card that SIOCGHWTSTAMP shows so) and opens the devices it may not open itself
// through the retained descriptors.
//
// Serial receivers are not opened here: opening a tty toggles its modem lines, and the dialout
// group gives the user the port. A device named only by a reload's new configuration is opened
// as the user; the log says so when that fails (a restart opens it with the rights).
#pragma once

#include "config/EngineConfig.h"

#include <string>
#include <vector>

namespace s1 {

class NicApi;
class RetainedDeviceApi;

// Opens the devices of `config` through `devices` while it retains them, and sets up the cards of
// its `hwtimestamp` lines through `nic`. Failures are left for the engine to meet and report
// (it opens the same devices the same way). Returns one line for the log saying what was done,
// empty when nothing was.
std::string openPrivilegedDevices(const EngineConfig &config, RetainedDeviceApi &devices, NicApi &nic);

} // namespace s1
