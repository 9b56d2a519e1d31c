#include "sim/SimGpsReceiver.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace s1::sim {

namespace {

// Where the simulated antenna is (Berlin), and its figures of merit.
constexpr double kLatitude = 52.5200;  // degrees
constexpr double kLongitude = 13.4050; // degrees
constexpr double kAltitude = 34.0;     // m
constexpr double kPdop = 1.6, kHdop = 0.9, kVdop = 1.3;
// One cycle of a satellite (a pass over the sky, then below the horizon), the share of it
// spent above the horizon, and its signal at the horizon and at the zenith.
constexpr double kCycleSeconds = 8.0 * 3600.0;
constexpr double kVisibleShare = 0.7;
constexpr double kHighestElevation = 85.0; // degrees
constexpr double kPi = 3.141592653589793;
constexpr double kHorizonSnr = 22.0; // dB-Hz
constexpr double kZenithSnr = 48.0;  // dB-Hz
constexpr double kDegreesPerRadian = 57.29577951308232;
// NMEA sentences a receiver sends per second (RMC, GGA, GSA, several GSV, ...).
constexpr std::uint64_t kSentencesPerSecond = 8;

struct Orbit
{
    GnssSystem system;
    int prn;
    double phase;       // of the pass, 0..1 at the start
    double azimuthFrom; // degrees where it rises
};

constexpr std::array kOrbits{
    Orbit{GnssSystem::Gps, 3, 0.15, 20},       Orbit{GnssSystem::Gps, 7, 0.42, 110},
    Orbit{GnssSystem::Gps, 11, 0.63, 200},     Orbit{GnssSystem::Gps, 19, 0.85, 300},
    Orbit{GnssSystem::Gps, 28, 0.30, 250},     Orbit{GnssSystem::Glonass, 68, 0.55, 60},
    Orbit{GnssSystem::Glonass, 77, 0.22, 160}, Orbit{GnssSystem::Galileo, 4, 0.48, 330},
    Orbit{GnssSystem::Galileo, 12, 0.71, 80},  Orbit{GnssSystem::Galileo, 26, 0.05, 180},
    Orbit{GnssSystem::BeiDou, 23, 0.37, 130},  Orbit{GnssSystem::BeiDou, 37, 0.92, 270},
    Orbit{GnssSystem::Gps, 14, 0.77, 30},      Orbit{GnssSystem::Gps, 22, 0.10, 140},
    Orbit{GnssSystem::Glonass, 85, 0.66, 230}, Orbit{GnssSystem::Galileo, 33, 0.25, 15},
    Orbit{GnssSystem::BeiDou, 11, 0.58, 320},  Orbit{GnssSystem::Sbas, 127, 0.35, 150},
};

} // namespace

GpsStatus SimGpsReceiver::status(double elapsed, RealTime utc, double ppsJitter)
{
    GpsStatus s;
    s.fixMode = GpsFixMode::Fix3D;
    const RealTime second = RealTime(std::chrono::floor<std::chrono::seconds>(utc.time_since_epoch()));
    s.epochTime = second;
    s.epochTimeValid = true;
    s.latitude = kLatitude;
    s.longitude = kLongitude;
    s.altitude = kAltitude;
    s.pdop = kPdop;
    s.hdop = kHdop;
    s.vdop = kVdop;
    s.receiver = "Simulated M8T";
    s.baudRate = kBaudRate;
    s.lastSentenceTime = utc;
    const auto seconds = static_cast<std::uint64_t>(std::max(elapsed, 0.0));
    s.sentenceCounts = {
        {"GPRMC", seconds}, {"GPGGA", seconds}, {"GNGSA", seconds}, {"GPGSV", seconds * (kSentencesPerSecond - 3)}};
    for (const Orbit &orbit : kOrbits) {
        // Each satellite rises at azimuthFrom, culminates and sets 280 degrees further on,
        // then stays below the horizon for the rest of its cycle.
        const double phase = std::fmod(orbit.phase + elapsed / kCycleSeconds, 1.0);
        if (phase >= kVisibleShare)
            continue;
        const double elevation = kHighestElevation * std::sin(kPi * phase / kVisibleShare);
        GpsSatellite sat;
        sat.system = orbit.system;
        sat.prn = orbit.prn;
        sat.elevation = static_cast<int>(std::lround(elevation));
        sat.azimuth =
            static_cast<int>(std::lround(std::fmod(orbit.azimuthFrom + 280.0 * phase / kVisibleShare, 360.0)));
        sat.snr = static_cast<int>(
            std::lround(kHorizonSnr + (kZenithSnr - kHorizonSnr) * std::sin(elevation / kDegreesPerRadian)));
        sat.used = elevation >= kElevationMaskDeg;
        s.satellites.push_back(sat);
    }
    std::sort(s.satellites.begin(), s.satellites.end(), [](const GpsSatellite &a, const GpsSatellite &b) {
        return a.system != b.system ? a.system < b.system : a.prn < b.prn;
    });
    s.pps.lastPulse = second;
    s.pps.pulseCount = seconds;
    s.pps.jitter = ppsJitter;
    return s;
}

} // namespace s1::sim
