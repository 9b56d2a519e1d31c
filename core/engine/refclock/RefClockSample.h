// What reference-clock drivers hand to the engine. Drivers live in hosts (they open devices,
// segments and sockets); the engine only ever sees these values, so a simulator can feed it
// the same samples a GPS receiver would.
#pragma once

#include "ntp/NtpPacket.h"
#include "time/Timestamps.h"

#include <cstdint>

namespace s1 {

// A time-of-day sample: at raw clock reading `receiveTime` the reference said `referenceTime`.
// Both are on the Unix scale; a `tai` refclock's reference time is converted by the engine.
struct RefClockSample
{
    RealTime referenceTime;
    RealTime receiveTime;
    LeapIndicator leap = LeapIndicator::None;
    // The driver's own resolution of the reading (s); 0: use the refclock's precision.
    double precision = 0.0;

    friend bool operator==(const RefClockSample &, const RefClockSample &) = default;
};

// A pulse-per-second edge timestamped on the raw clock. It says only where a second starts;
// which second comes from the engine's own time or from the refclock it is locked to.
struct RefClockPulse
{
    RealTime receiveTime;
    // Kernel sequence number of the edge (PPS_FETCH assert/clear sequence); pulses missed by
    // the reader show as gaps.
    std::uint32_t sequence = 0;

    friend bool operator==(const RefClockPulse &, const RefClockPulse &) = default;
};

} // namespace s1
