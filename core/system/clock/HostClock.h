// Reading the host's clocks. Only hosts call these; the engine is handed the readings.
#pragma once

#include "clock/ExternalStepDetector.h"
#include "time/Timestamps.h"

#include <optional>

namespace s1 {

// CLOCK_REALTIME, the scale kernel receive timestamps use.
RealTime readRealTimeClock();
// CLOCK_MONOTONIC in nanoseconds, for measuring how long things take.
Nanoseconds readMonotonicClock();
// log2 of the time one reading of the real-time clock resolves, as NTP's precision field wants
// it (chrony measures the same way: the smallest nonzero difference of back-to-back readings).
int measureClockPrecision();
// CLOCK_REALTIME read between two readings of CLOCK_BOOTTIME, which no step of the real-time
// clock moves, for ExternalStepDetector: the narrowest pair of a few tries, so that a
// preemption between the readings widens the spread rather than faking a step. Where
// CLOCK_BOOTTIME cannot be read (clknetsim simulates only the real-time and monotonic clocks)
// CLOCK_MONOTONIC, which differs only in not counting a suspend; nullopt when neither reads.
std::optional<ExternalStepDetector::Reading> readClockStepReading();

} // namespace s1
