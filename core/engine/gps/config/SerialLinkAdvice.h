// What to do about a serial line that cannot carry what the receiver sends: which messages to
// turn off, biggest first, and which standard speed would carry the rest (or all of it).
//
// What the engine needs comes from the receiver configuration plan (kNeededSentences): RMC
// and GGA for time and fix (and UBX's time and fix messages); GSA and GSV only feed the
// satellite view, so they may go when the line is short, with that said. Everything else
// (GLL, VTG, ZDA, GST, NAV-SAT, RAWX, RTCM passing through) is not needed. Messages that
// answer us or tell us something (TXT, INF, ACK, MON-VER) are never named: they are not
// periodic and turning them off would hide exactly what tells us about trouble.
#pragma once

#include "gps/GpsLinkLoad.h"

#include <optional>
#include <string>
#include <vector>

namespace s1 {

struct SerialLinkFix
{
    // Message types to turn off (GpsTalkerLoad::type), biggest first, as few as bring the
    // line within its headroom; empty when turning off everything not needed is not enough.
    std::vector<std::string> turnOff;
    // The smallest standard speed that carries the load with headroom; none above 230400.
    std::optional<int> baudRate;
    // The line was saturated or the receiver dropped messages: it wants more than we saw, so
    // the speed is a lower bound.
    bool atLeast = false;
};

enum class MessageNeed { Time, SatelliteView, NotNeeded, Never };
// How much the engine needs a message type ("RMC", "GSV", "UBX-NAV-PVT", "RTCM3-1005").
MessageNeed messageNeed(const std::string &type);

SerialLinkFix serialLinkFix(const GpsLinkLoad &load);
// The fix in words for the alarm, `stratumctl gps` and the window.
std::string serialLinkAdvice(const GpsLinkLoad &load);

} // namespace s1
