// One estimate of how a source's time runs against our raw clock, at a chosen instant (chrony's
// SST_GetTrackingData figures). The same value goes the whole way from a source's statistics
// through combining to the clock update; each step adds only what it knows besides.
#pragma once

namespace s1 {

struct TrackingEstimate
{
    double offset = 0;         // s, positive: the source is ahead of the raw clock
    double offsetSd = 0;       // s, standard deviation of `offset`
    double frequency = 0;      // relative, positive: the raw clock is fast against the source
    double frequencySd = 0;    // relative
    double skew = 0;           // relative, error bound of `frequency`
    double rootDelay = 0;      // s, to the reference
    double rootDispersion = 0; // s

    friend bool operator==(const TrackingEstimate &, const TrackingEstimate &) = default;
};

} // namespace s1
