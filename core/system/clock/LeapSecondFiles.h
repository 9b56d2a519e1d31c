// Reads the leap second table the configuration names: `leapseclist FILE` (the IERS list) or
// `leapsectz ZONE` (a TZif file under TZDIR or /usr/share/zoneinfo), the list winning when
// both are given, as in chronyd. A table that cannot be read or does not know the 2012 leap
// seconds is left out with a warning; an expired list is used with a warning.
#pragma once

#include "config/EngineConfig.h"
#include "leap/LeapSecondTable.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

// Where `leapsectz ZONE` is looked for: $TZDIR, else the system's zoneinfo.
std::filesystem::path timeZoneFile(const std::string &zone);

std::optional<LeapSecondTable> loadLeapSecondTable(const ClockControlConfig &config, RealTime now,
                                                   std::vector<std::string> &warnings);

} // namespace s1
