// The GPS receiver as the rest of the program sees it: a plain value snapshot made by GpsState
// (serial protocol) and completed by the PPS driver, sent to the GUI and to `stratumctl gps`.
#pragma once

#include "gps/GpsLinkLoad.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

enum class GpsFixMode { None, Fix2D, Fix3D, TimeOnly };

enum class GnssSystem { Gps, Sbas, Glonass, Galileo, BeiDou, Qzss, NavIc };

struct GpsSatellite
{
    GnssSystem system = GnssSystem::Gps;
    int prn = 0;                  // the system's own number: GPS 1-32, SBAS 120-158, GLONASS slot, ...
    std::optional<int> elevation; // degrees
    std::optional<int> azimuth;   // degrees
    std::optional<int> snr;       // dB-Hz; empty when not tracked
    bool used = false;            // in the navigation solution
    bool operator==(const GpsSatellite &) const = default;
};

struct GpsPpsStatus
{
    std::optional<RealTime> lastPulse;
    std::uint64_t pulseCount = 0;
    double jitter = 0; // s
    bool operator==(const GpsPpsStatus &) const = default;
};

// No message for this long (raw seconds): the receiver's fix, time, position, DOPs and
// satellites are unknown. Four missed epochs of a 1 Hz receiver. The window ages its own view
// of a silent feed by the same limit.
inline constexpr double kGpsStatusTimeout = 5.0; // s

struct GpsStatus
{
    GpsFixMode fixMode = GpsFixMode::None;
    // The last epoch (UTC) the receiver reported, and whether it met the time-fix rules
    // (valid RMC with date, ZDA during a fix, UBX validity flags).
    std::optional<RealTime> epochTime;
    bool epochTimeValid = false;
    std::optional<double> latitude;        // degrees, north positive
    std::optional<double> longitude;       // degrees, east positive
    std::optional<double> altitude;        // m above mean sea level
    std::optional<double> ellipsoidHeight; // m above the WGS-84 ellipsoid (UBX; NAV-SOL has no MSL)
    std::optional<double> pdop;
    std::optional<double> hdop;
    std::optional<double> vdop;
    std::vector<GpsSatellite> satellites; // sorted by system, then PRN

    std::string receiver; // identity from MON-VER, $GPTXT or PMTK version texts; empty if unknown
    int baudRate = 0;     // bit/s; 0 when not known

    std::map<std::string, std::uint64_t> sentenceCounts; // "GPRMC", "UBX-NAV-PVT", ...
    std::uint64_t checksumErrors = 0;
    std::uint64_t garbageBytes = 0;
    std::uint64_t serialOverruns = 0;         // counted by the serial driver
    std::optional<RealTime> lastSentenceTime; // raw clock, read time of the last good message
    // Seconds from lastSentenceTime to when the snapshot was made ("last message 12 s ago");
    // past GpsState::kStatusTimeout the fix, time, position, DOPs and satellites are unknown.
    std::optional<double> lastMessageAge;
    // The serial line's load (SerialLinkLoad); none for a status without a serial receiver.
    std::optional<GpsLinkLoad> link;

    GpsPpsStatus pps;

    bool operator==(const GpsStatus &) const = default;

    int satellitesUsed() const;
};

inline int GpsStatus::satellitesUsed() const
{
    int n = 0;
    for (const GpsSatellite &s : satellites)
        n += s.used ? 1 : 0;
    return n;
}

const char *toString(GpsFixMode mode);
const char *toString(GnssSystem system);
std::optional<GpsFixMode> gpsFixModeFromString(std::string_view text);
std::optional<GnssSystem> gnssSystemFromString(std::string_view text);

} // namespace s1
