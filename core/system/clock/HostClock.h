// Reading the host's clocks. Only hosts call these; the engine is handed the readings.
#pragma once

#include "time/Timestamps.h"

namespace s1 {

// CLOCK_REALTIME, the scale kernel receive timestamps use.
RealTime readRealTimeClock();
// CLOCK_MONOTONIC in nanoseconds, for measuring how long things take.
Nanoseconds readMonotonicClock();
// log2 of the time one reading of the real-time clock resolves, as NTP's precision field wants
// it (chrony measures the same way: the smallest nonzero difference of back-to-back readings).
int measureClockPrecision();

} // namespace s1
