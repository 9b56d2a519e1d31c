#include "gps/config/SerialLinkAdvice.h"

#include "gps/SerialLinkLoad.h"
#include "gps/config/ReceiverConfigPlan.h"
#include "text/NumberText.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace s1 {

namespace {

// The NMEA sentences that feed only the satellite view (sky plot and signal bars).
constexpr std::array<std::string_view, 2> kSatelliteViewSentences{"GSA", "GSV"};
// The UBX messages the engine takes time, fix, position or DOPs from.
constexpr std::array<std::string_view, 8> kUbxTimeMessages{"UBX-NAV-PVT", "UBX-NAV-TIMEUTC", "UBX-NAV-TIMEGPS",
                                                           "UBX-NAV-SOL", "UBX-NAV-EOE",     "UBX-NAV-STATUS",
                                                           "UBX-NAV-DOP", "UBX-NAV-POSLLH"};
constexpr std::array<std::string_view, 2> kUbxSatelliteView{"UBX-NAV-SAT", "UBX-NAV-SVINFO"};
// Answers and texts: not periodic output a setting turns off.
constexpr std::array<std::string_view, 5> kNeverPrefixes{"UBX-INF-", "UBX-ACK-", "UBX-CFG-", "UBX-MON-VER", "PMTK"};

template <typename List>
bool contains(const List &list, std::string_view value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::string rate(double bytesPerSecond)
{
    return fixedText(bytesPerSecond, 0) + " B/s";
}

} // namespace

MessageNeed messageNeed(const std::string &type)
{
    for (const std::string_view prefix : kNeverPrefixes)
        if (type.starts_with(prefix))
            return MessageNeed::Never;
    if (type == "TXT" || type == SerialLinkLoad::kOtherType)
        return MessageNeed::Never;
    if (type.starts_with("UBX-")) {
        if (contains(kUbxTimeMessages, type))
            return MessageNeed::Time;
        return contains(kUbxSatelliteView, type) ? MessageNeed::SatelliteView : MessageNeed::NotNeeded;
    }
    if (contains(kSatelliteViewSentences, type))
        return MessageNeed::SatelliteView;
    // The plan's needed sentences, less the satellite view: what time and fix come from.
    return contains(kNeededSentences, type) ? MessageNeed::Time : MessageNeed::NotNeeded;
}

SerialLinkFix serialLinkFix(const GpsLinkLoad &load)
{
    SerialLinkFix fix;
    if (load.baudRate <= 0 || load.usb)
        return fix;
    const double capacity = double(load.baudRate) / SerialLinkLoad::kBitsPerByte; // bytes/s
    const double interval = load.epochInterval.value_or(SerialLinkLoad::kDefaultEpochInterval);
    const double burstBytes = load.longestBurst * capacity;
    fix.atLeast =
        load.load > SerialLinkLoad::kSaturatedLoad || load.receiverWarnings > 0 || load.truncatedSentences > 0;

    // Fits when the average and the longest burst, shrunk in proportion to what is left, stay
    // within the headroom. A receiver that dropped messages wants more than we saw: turning
    // off only what brings the measured load just under the limit would not be enough, so
    // then the sentences must bring it under the busy limit.
    const double fraction = fix.atLeast ? SerialLinkLoad::kBusyLoad : SerialLinkLoad::kMaxLoad;
    const double limit = capacity * fraction;
    const double burstLimit = std::min(fraction, SerialLinkLoad::kMaxBurstFraction) * interval * capacity; // bytes
    const auto fits = [&](double removed) {
        const double left = std::max(load.bytesPerSecond - removed, 0.0);
        const double share = load.bytesPerSecond > 0 ? left / load.bytesPerSecond : 0.0;
        return left <= limit && burstBytes * share <= burstLimit;
    };
    const auto pick = [&](bool withSatelliteView) {
        std::vector<std::string> chosen;
        double removed = 0;
        for (const GpsTalkerLoad &t : load.talkers) { // biggest first
            const MessageNeed need = messageNeed(t.type);
            if (need != MessageNeed::NotNeeded && !(withSatelliteView && need == MessageNeed::SatelliteView))
                continue;
            chosen.push_back(t.type);
            removed += t.bytesPerSecond;
            if (fits(removed))
                return chosen;
        }
        return std::vector<std::string>{};
    };
    // What the engine does not need at all first; the satellite view only when that is not enough.
    fix.turnOff = pick(false);
    if (fix.turnOff.empty())
        fix.turnOff = pick(true);

    // The speed for all of it: the average and the longest burst within the headroom.
    const double needed =
        std::max(load.bytesPerSecond * SerialLinkLoad::kBitsPerByte / SerialLinkLoad::kMaxLoad,
                 burstBytes * SerialLinkLoad::kBitsPerByte / (SerialLinkLoad::kMaxBurstFraction * interval));
    for (const int baud : SerialLinkLoad::kStandardBaudRates)
        if (baud > load.baudRate && double(baud) >= needed) {
            fix.baudRate = baud;
            break;
        }
    return fix;
}

std::string serialLinkAdvice(const GpsLinkLoad &load)
{
    if (load.usb) {
        // Only the receiver's warnings get here. u-blox receivers share their transmit buffers
        // between ports, so a UART sending at a low speed that nobody reads fills them too.
        std::string biggest;
        for (const GpsTalkerLoad &t : load.talkers)
            if (messageNeed(t.type) == MessageNeed::NotNeeded) {
                biggest = t.type;
                break;
            }
        return "USB is not limited by a speed, but the receiver's transmit buffers are shared between its ports: "
               "turn off the output on the ports not in use (often UART1 at 9600 baud with nothing reading it)"
               + (biggest.empty() ? std::string() : ", or turn off " + biggest + ", which the engine does not need")
               + ", with the GPS set-up wizard's \"Configure the receiver\" page or the receiver's own tool.";
    }
    const SerialLinkFix fix = serialLinkFix(load);
    std::string words;
    if (!fix.turnOff.empty()) {
        words = "Turn off ";
        bool satelliteView = false;
        for (std::size_t i = 0; i < fix.turnOff.size(); ++i) {
            const std::string &type = fix.turnOff[i];
            const auto t = std::find_if(load.talkers.begin(), load.talkers.end(),
                                        [&](const GpsTalkerLoad &l) { return l.type == type; });
            words += (i == 0 ? "" : i + 1 == fix.turnOff.size() ? " and " : ", ") + type;
            if (t != load.talkers.end())
                words += " (" + rate(t->bytesPerSecond) + ")";
            satelliteView = satelliteView || messageNeed(type) == MessageNeed::SatelliteView;
        }
        words += satelliteView ? ", which the engine does not need for time (the GPS page then shows fewer satellites)"
                               : ", which the engine does not need";
        words += fix.baudRate ? ", or set " : ".";
    } else if (fix.baudRate) {
        words = "Set ";
    }
    if (fix.baudRate) {
        words +=
            "the receiver and the refclock (NMEA :BAUD) to " + std::to_string(*fix.baudRate) + " baud"
            + (fix.atLeast ? " or more (the receiver already dropped messages, so it sends more than was seen)" : "")
            + ".";
    }
    if (fix.turnOff.empty() && !fix.baudRate)
        return "No standard speed carries this load: turn off messages the engine does not need (GSV, GLL, VTG, "
               "NAV-SAT, RAWX) or lower the receiver's navigation rate, with the GPS set-up wizard's \"Configure "
               "the receiver\" page or the receiver's own tool.";
    words += " The GPS set-up wizard's \"Configure the receiver\" page does both; `stratumctl gps` shows the load.";
    return words;
}

} // namespace s1
