// `stratumctl calibrate REFID [--dry-run]`: the `offset` and `delay` the engine proposes for a
// time-of-day refclock (NMEA, SOCK, SHM) from its measurement against a selected PPS or NTP
// source (SourceSnapshot::calibration), written into that refclock's line of the main
// configuration file through the service (as `config apply`: checked, .bak, reloaded).
#pragma once

#include "StratumctlCommands.h"

namespace s1 {

int runCalibrateCommand(const StratumctlOptions &options, const QStringList &args);

} // namespace s1
