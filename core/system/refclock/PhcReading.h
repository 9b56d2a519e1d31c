// Values that relate a PTP hardware clock (PHC) to the system clock, and the pure arithmetic
// on them. PhcDevice produces them; a refclock host uses phcToSystem to put a PHC-timestamped
// pulse (an external timestamp) on the raw system clock the engine works in.
#pragma once

#include "time/Timestamps.h"

#include <optional>
#include <span>

namespace s1 {

// The PHC read `phcTime` at system (raw CLOCK_REALTIME) time `systemTime`, known to within
// `window` (s): the width of the system-clock readings around the PHC read, 0 for a hardware
// cross-timestamp.
struct PhcReading
{
    RealTime phcTime;
    RealTime systemTime;
    double window = 0.0; // s

    friend bool operator==(const PhcReading &, const PhcReading &) = default;
};

// One PHC read between two system-clock reads, as PTP_SYS_OFFSET(_EXTENDED) return them.
struct PhcSandwich
{
    RealTime systemBefore;
    RealTime phc;
    RealTime systemAfter;
};

// An external timestamp (an edge on a PHC input pin) in PHC time.
struct PhcExternalEvent
{
    RealTime phcTime;
    unsigned channel = 0;

    friend bool operator==(const PhcExternalEvent &, const PhcExternalEvent &) = default;
};

// The sandwich with the narrowest system window, with the PHC time placed at the window's
// midpoint: the PHC was read somewhere inside the window, and the midpoint is off by at most
// half its width whichever way the read was delayed. Delays (interrupts, bus contention) only
// ever widen a window, so the narrowest is the least disturbed. Sandwiches with a negative
// window (the system clock stepped back between the reads) are skipped. nullopt if none is
// left.
std::optional<PhcReading> narrowestReading(std::span<const PhcSandwich> sandwiches);

// The system-clock time of PHC time `phcTime`, by the PHC-minus-system offset of `reading`.
//
// `phcFrequencyOffset` is the PHC's rate relative to the system clock minus one (PHC seconds
// per system second - 1). It is normally left 0: ignoring it costs phcFrequencyOffset x (phcTime -
// reading.phcTime), and a host reads the PHC against the system clock right after collecting
// the events of the last second, so that interval is under a second. A PHC that ptp4l/phc2sys
// keeps locked, against a system clock the engine keeps within a few ppm, then loses at most a
// few microseconds, below the pulse's own interrupt-to-timestamp jitter on most NICs; with
// older readings or a free-running PHC (tens of ppm) the caller should pass its estimate.
RealTime phcToSystem(RealTime phcTime, const PhcReading &reading, double phcFrequencyOffset = 0.0);

} // namespace s1
