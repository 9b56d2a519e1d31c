// What the simulated GPS receiver of `stratumone --simulate` reports: a fixed position and a
// sky of satellites from four constellations that rise, cross and set over the simulated hours,
// with signal strength growing with elevation. Deterministic: a function of simulated time, so
// the GPS view can be tried (and screenshotted) without a receiver.
#pragma once

#include "gps/GpsStatus.h"
#include "time/Timestamps.h"

namespace s1::sim {

class SimGpsReceiver
{
public:
    // Satellites below this elevation are tracked but not used in the fix (a common mask).
    static constexpr int kElevationMaskDeg = 10;
    static constexpr int kBaudRate = 9600;

    // The status at simulated time `elapsed` (s since the start), whose UTC is `utc`, with the
    // PPS jitter the scenario models (s).
    static GpsStatus status(double elapsed, RealTime utc, double ppsJitter);
};

} // namespace s1::sim
