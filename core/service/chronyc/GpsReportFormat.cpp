#include "chronyc/GpsReportFormat.h"

#include "gps/GpsDate.h"
#include "text/NumberText.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <tuple>

namespace s1 {

namespace {

constexpr const char *kUnknown = "-";
constexpr int kLabelWidth = 16;
constexpr std::int64_t kNanosPerMinute = 60 * kNanosPerSecond;
constexpr std::int64_t kNanosPerHour = 60 * kNanosPerMinute;
constexpr double kMicrosPerSecond = 1e6;
constexpr std::size_t kLineBuffer = 160;
constexpr int kDegreeDecimals = 9; // about 0.1 mm
constexpr int kMetreDecimals = 3;
constexpr int kDopDecimals = 2;
constexpr int kJitterDecimals = 3; // us

// printf for integers and strings only: stratumctl runs under the user's locale (QCoreApplication
// sets it from LANG), and a double through printf would get a decimal comma in German. Doubles go
// through fixedText, which prints the C locale's point like chronyc.
template <typename... Args>
std::string format(const char *fmt, Args... args)
{
    char buf[kLineBuffer];
    std::snprintf(buf, sizeof buf, fmt, args...);
    return buf;
}

void line(std::string &out, const char *label, const std::string &value)
{
    out += format("%-*s: ", kLabelWidth, label) + value + "\n";
}

std::string optionalDouble(const std::optional<double> &v, int decimals, const char *unit = "")
{
    return v ? fixedText(*v, decimals) + unit : std::string(kUnknown);
}

std::string optionalInt(const std::optional<int> &v)
{
    return v ? std::to_string(*v) : std::string(kUnknown);
}

std::string coordinate(double degrees, char positive, char negative)
{
    return fixedText(degrees < 0 ? -degrees : degrees, kDegreeDecimals) + ' ' + (degrees < 0 ? negative : positive);
}

constexpr double kPercent = 100;
constexpr std::size_t kReportedTalkers = 5;

// "Serial link     : 62 % of 9600 baud (595 B/s over 60 s)" ("USB (...)" on the receiver's own
// USB port), the biggest talkers, and when the line is overloaded, why and what to do.
void serialLinkLines(std::string &out, const GpsLinkLoad &link)
{
    const bool measured = link.windowSeconds > 0;
    if (!link.usb && (link.baudRate <= 0 || !measured)) {
        line(out, "Serial link", link.baudRate > 0 ? "measuring" : kUnknown);
        return;
    }
    std::string value;
    const std::string rate =
        measured ? fixedText(link.bytesPerSecond, 0) + " B/s over " + fixedText(link.windowSeconds, 0) + " s"
                 : std::string("measuring");
    if (link.usb) {
        value = "USB (" + rate + ")";
    } else {
        value = fixedText(link.load * kPercent, 0) + " % of " + std::to_string(link.baudRate) + " baud (" + rate;
        if (link.longestBurst > 0)
            value += ", burst " + fixedText(link.longestBurst, 2) + " s of "
                     + fixedText(link.epochInterval.value_or(1.0), 2) + " s";
        value += ")";
    }
    if (link.overloaded)
        value += ", OVERLOADED";
    line(out, "Serial link", value);
    std::string talkers;
    for (std::size_t i = 0; i < link.talkers.size() && i < kReportedTalkers; ++i)
        talkers += (i == 0 ? "" : ", ") + link.talkers[i].type + " " + fixedText(link.talkers[i].bytesPerSecond, 0);
    if (!talkers.empty())
        line(out, "Top talkers", talkers + " B/s");
    if (link.truncatedSentences + link.damagedMessages + link.receiverWarnings > 0)
        line(out, "Overflow signs",
             std::to_string(link.truncatedSentences) + " cut short, " + std::to_string(link.damagedMessages)
                 + " checksum errors, " + std::to_string(link.receiverWarnings) + " receiver warnings"
                 + (link.lastReceiverWarning.empty() ? std::string() : " (\"" + link.lastReceiverWarning + "\")"));
    if (link.overloaded && !link.advice.empty())
        line(out, "Link advice", link.advice);
}

} // namespace

std::string formatGpsTime(RealTime time)
{
    const GpsDate d = dateOf(time);
    const auto midnight = std::chrono::floor<std::chrono::days>(time);
    const std::int64_t ns = (time - midnight).count();
    return format(
        "%04d-%02d-%02dT%02lld:%02lld:%02lld.%09lldZ", d.year, d.month, d.day,
        static_cast<long long>(ns / kNanosPerHour), static_cast<long long>(ns % kNanosPerHour / kNanosPerMinute),
        static_cast<long long>(ns % kNanosPerMinute / kNanosPerSecond), static_cast<long long>(ns % kNanosPerSecond));
}

std::string formatGpsReport(const GpsStatus &s)
{
    std::string out;
    line(out, "Receiver", s.receiver.empty() ? kUnknown : s.receiver);
    line(out, "Baud rate", s.baudRate > 0 ? std::to_string(s.baudRate) : kUnknown);
    line(out, "Fix", toString(s.fixMode));
    line(out, "Epoch (UTC)",
         s.epochTime ? formatGpsTime(*s.epochTime) + (s.epochTimeValid ? " (valid)" : " (not valid)") : kUnknown);
    line(out, "Position",
         s.latitude && s.longitude ? coordinate(*s.latitude, 'N', 'S') + " " + coordinate(*s.longitude, 'E', 'W')
                                   : kUnknown);
    line(out, "Altitude (MSL)", optionalDouble(s.altitude, kMetreDecimals, " m"));
    if (s.ellipsoidHeight)
        line(out, "Height (WGS-84)", optionalDouble(s.ellipsoidHeight, kMetreDecimals, " m"));
    line(out, "DOP",
         "P " + optionalDouble(s.pdop, kDopDecimals) + "  H " + optionalDouble(s.hdop, kDopDecimals) + "  V "
             + optionalDouble(s.vdop, kDopDecimals));
    // lastSentenceTime is on the host's raw clock, which means nothing to a reader; the age does.
    line(out, "Last message",
         s.lastMessageAge     ? fixedText(*s.lastMessageAge, 0) + " s ago"
         : s.lastSentenceTime ? std::string("just now")
                              : std::string(kUnknown));
    std::string counts;
    for (const auto &[type, n] : s.sentenceCounts)
        counts += (counts.empty() ? "" : ", ") + type + " " + std::to_string(n);
    line(out, "Messages", counts.empty() ? kUnknown : counts);
    line(out, "Checksum errors", std::to_string(s.checksumErrors));
    line(out, "Garbage bytes", std::to_string(s.garbageBytes));
    line(out, "Serial overruns", std::to_string(s.serialOverruns));
    if (s.link)
        serialLinkLines(out, *s.link);
    line(out, "PPS",
         s.pps.pulseCount == 0 ? std::string("no pulses")
                               : format("%llu pulses, jitter ", static_cast<unsigned long long>(s.pps.pulseCount))
                                     + fixedText(s.pps.jitter * kMicrosPerSecond, kJitterDecimals) + " us, last "
                                     + (s.pps.lastPulse ? formatGpsTime(*s.pps.lastPulse) : kUnknown));
    line(out, "Satellites", format("%zu in view, %d used", s.satellites.size(), s.satellitesUsed()));

    std::vector<GpsSatellite> sats = s.satellites;
    std::sort(sats.begin(), sats.end(), [](const GpsSatellite &a, const GpsSatellite &b) {
        return std::tie(a.system, a.prn) < std::tie(b.system, b.prn);
    });
    if (!sats.empty()) {
        out += "\nSystem    PRN  Elev  Azim  SNR  Used\n";
        for (const GpsSatellite &sat : sats) {
            out += format("%-8s %4d  %4s  %4s  %3s  %s\n", toString(sat.system), sat.prn,
                          optionalInt(sat.elevation).c_str(), optionalInt(sat.azimuth).c_str(),
                          optionalInt(sat.snr).c_str(), sat.used ? "yes" : "no");
        }
    }
    return out;
}

} // namespace s1
