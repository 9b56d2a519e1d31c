// The text report `stratumctl gps` prints: receiver, fix, time, position, DOPs, counters and
// PPS as "label : value" lines, then a fixed-width satellite table sorted by system and PRN.
// Unknown values print as "-", never as zero.
#pragma once

#include "gps/GpsStatus.h"

#include <string>

namespace s1 {

std::string formatGpsReport(const GpsStatus &status);
// "2019-04-22T21:19:19.999872241Z"
std::string formatGpsTime(RealTime time);

} // namespace s1
