// What the engine has measured of a time-of-day refclock's (NMEA, SOCK, SHM) offset against a
// better selected source (a PPS or an NTP server), and the `offset` and `delay` options it
// proposes from that: `stratumctl calibrate REFID` writes them into the refclock's line.
#pragma once

#include <string>

namespace s1 {

struct OffsetCalibration
{
    std::string reference; // the selected source the samples were measured against
    int samples = 0;
    double span = 0;   // s between the oldest and the newest sample measured
    double window = 0; // s the measurement wants before it proposes
    // The refclock's time minus the reference's, over the samples (s): positive = it is ahead.
    double medianError = 0;
    double spread = 0;         // s, between the 5th and the 95th percentile of those errors
    double currentOffset = 0;  // s, the refclock's `offset` option now
    double proposedOffset = 0; // s: currentOffset - medianError
    double proposedDelay = 0;  // s: the spread, so that offset ± delay/2 covers 90 % of samples
    bool ready = false;        // the samples span the window: the proposal stands

    friend bool operator==(const OffsetCalibration &, const OffsetCalibration &) = default;
};

} // namespace s1
