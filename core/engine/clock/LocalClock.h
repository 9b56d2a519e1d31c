// The engine's own notion of time over the host's raw clock.
//
// Everything the engine serves is on this "cooked" scale: raw clock reading + a correction that
// is a straight line (offset + frequency since a reference instant) plus a remaining slew that
// shrinks linearly to zero. With clock control off this is the virtual clock of `chronyd -x`:
// the system clock is never touched and all corrections live here. Measurements are kept on the
// raw scale, so a correction never disturbs the statistics it was computed from.
#pragma once

#include "time/Timestamps.h"

namespace s1 {

class LocalClock
{
public:
    LocalClock() = default;

    // raw + correctionAt(raw); exact to the nanosecond for the unadjusted clock.
    RealTime cook(RealTime raw) const;
    // The raw reading at which cooked time is `cooked` (inverse of cook).
    RealTime uncook(RealTime cooked) const;
    // Seconds to add to a raw reading to get cooked time at `raw`.
    double correctionAt(RealTime raw) const;
    // Of correctionAt(raw), the part still being slewed away (s); 0 when none.
    double pendingSlewAt(RealTime raw) const;

    // From `raw` on, the correction tends to the line offset + frequency * (t - raw). The
    // change is applied at once (a step) when slewRate is 0 or negative, and otherwise slewed
    // at `slewRate` (relative, e.g. 0.083 for chrony's default maxslewrate) so that cooked
    // time stays continuous.
    void correct(RealTime raw, double offset, double frequency, double slewRate);
    // Adds `offset` seconds to the correction from `raw` on, at once.
    void applyStep(RealTime raw, double offset);
    // Sets the frequency correction from `raw` on, keeping the correction continuous at `raw`.
    void setFrequency(RealTime raw, double relative);
    double frequency() const { return m_frequency; }

private:
    double lineAt(RealTime raw) const;

    RealTime m_referenceRaw{};
    double m_offsetAtReference = 0; // s, the line's value at the reference
    double m_frequency = 0;         // relative (s/s)
    double m_slewAtReference = 0;   // s still to remove, as of the reference instant
    double m_slewRate = 0;          // relative; the slew shrinks by this many s per s
};

} // namespace s1
