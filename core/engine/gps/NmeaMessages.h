// Typed decoders for the NMEA sentences a time server reads (RMC, ZDA, GGA, GNS, GSA, GSV,
// GBS, VTG, TXT). Every field the receiver left empty, or sent malformed, is an empty
// std::optional rather than a zero, so callers can tell "no data" from "0". A decoder returns
// nullopt only when the sentence has the wrong formatter or a field that must be there
// (a GSV's sentence numbering) is unusable.
#pragma once

#include "gps/GpsDate.h"
#include "gps/NmeaSentence.h"

#include <optional>
#include <string>
#include <vector>

namespace s1 {

struct NmeaRmc
{
    std::optional<GpsTimeOfDay> time;
    bool statusValid = false;        // status 'A'; 'V' and anything else mean void
    std::optional<double> latitude;  // degrees, north positive
    std::optional<double> longitude; // degrees, east positive
    std::optional<double> speedKnots;
    std::optional<double> courseDegrees;
    std::optional<GpsDate> date;       // two-digit year expanded with kCenturyPivotYY
    std::optional<char> modeIndicator; // NMEA 2.3+; 'N' = not valid
};

struct NmeaZda
{
    std::optional<GpsTimeOfDay> time;
    std::optional<GpsDate> date;
    std::optional<int> zoneHours;
    std::optional<int> zoneMinutes;
};

struct NmeaGga
{
    std::optional<GpsTimeOfDay> time;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::optional<int> quality; // 0 invalid, 1 SPS, 2 DGPS, ... 6 estimated
    std::optional<int> satellitesUsed;
    std::optional<double> hdop;
    std::optional<double> altitudeMsl;     // m
    std::optional<double> geoidSeparation; // m, ellipsoid - MSL
};

struct NmeaGns
{
    std::optional<GpsTimeOfDay> time;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::string modes; // one character per system: GPS, GLONASS, Galileo, BeiDou, QZSS, NavIC
    std::optional<int> satellitesUsed;
    std::optional<double> hdop;
    std::optional<double> altitudeMsl;
    std::optional<double> geoidSeparation;
};

struct NmeaGsa
{
    std::optional<char> selection; // 'M' manual, 'A' automatic
    std::optional<int> fixType;    // 1 none, 2 2D, 3 3D
    std::vector<int> prns;         // non-empty slots, in order
    std::optional<double> pdop;
    std::optional<double> hdop;
    std::optional<double> vdop;
    std::optional<int> systemId; // NMEA 4.10: 1 GPS ... 6 NavIC
};

struct NmeaGsvSatellite
{
    int prn = 0;
    std::optional<int> elevation; // degrees
    std::optional<int> azimuth;   // degrees
    std::optional<int> snr;       // dB-Hz, empty when not tracked
};

struct NmeaGsv
{
    int sentenceCount = 0;
    int sentenceNumber = 0;
    std::optional<int> satellitesInView;
    std::vector<NmeaGsvSatellite> satellites;
    std::optional<int> signalId; // NMEA 4.10, hex
    std::optional<int> systemId; // Quectel $PQGSV only: NMEA 4.10 system ID (4 BeiDou, 5 QZSS)
};

struct NmeaGbs
{
    std::optional<GpsTimeOfDay> time;
    std::optional<double> latitudeError;  // m, 1 sigma
    std::optional<double> longitudeError; // m
    std::optional<double> altitudeError;  // m
    std::optional<int> failedSatellite;
    std::optional<int> systemId;
    std::optional<int> signalId;
};

struct NmeaVtg
{
    std::optional<double> courseTrue;
    std::optional<double> courseMagnetic;
    std::optional<double> speedKnots;
    std::optional<double> speedKmh;
    std::optional<char> modeIndicator;
};

struct NmeaTxt
{
    std::optional<int> total;
    std::optional<int> number;
    std::optional<int> type;
    std::string text;
};

std::optional<NmeaRmc> decodeRmc(const NmeaSentence &s);
std::optional<NmeaZda> decodeZda(const NmeaSentence &s);
std::optional<NmeaGga> decodeGga(const NmeaSentence &s);
std::optional<NmeaGns> decodeGns(const NmeaSentence &s);
std::optional<NmeaGsa> decodeGsa(const NmeaSentence &s);
std::optional<NmeaGsv> decodeGsv(const NmeaSentence &s);
// Quectel's $PQGSV (LC79D: BeiDou and QZSS): a GSV with a system ID after the signal ID.
std::optional<NmeaGsv> decodePqgsv(const NmeaSentence &s);
std::optional<NmeaGbs> decodeGbs(const NmeaSentence &s);
std::optional<NmeaVtg> decodeVtg(const NmeaSentence &s);
std::optional<NmeaTxt> decodeTxt(const NmeaSentence &s);

// Field helpers, public for the tests and the proprietary-sentence code.
std::optional<double> nmeaNumber(std::string_view field);
std::optional<int> nmeaInteger(std::string_view field, int base = 10);
std::optional<GpsTimeOfDay> nmeaTime(std::string_view field);                              // hhmmss[.s...]
std::optional<double> nmeaCoordinate(std::string_view value, std::string_view hemisphere); // [d]ddmm.mmmm + N/S/E/W

} // namespace s1
