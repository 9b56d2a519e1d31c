// Typed decoders for the UBX messages the time server reads: NAV-PVT, NAV-TIMEUTC and
// NAV-TIMEGPS (time), NAV-STATUS, NAV-POSLLH and NAV-DOP (fix and position on receivers that
// are not configured for NAV-PVT, such as the M8T timing set), NAV-SAT (satellites), MON-VER
// (identity) and ACK-ACK/NAK; for older receivers without NAV-PVT/NAV-POSLLH also NAV-SOL
// (fix, ECEF position, week and time of week), NAV-SVINFO (satellites) and INF-NOTICE
// (the identity lines u-blox 6 and older print at start). Offsets are those of the u-blox M8/F9 protocol descriptions;
// a payload shorter than the fields read gives nullopt, a longer one is accepted (newer
// protocol versions append fields).
#pragma once

#include "gps/GpsDate.h"
#include "gps/UbxFrame.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

namespace ubx {
constexpr std::uint8_t kClassNav = 0x01;
constexpr std::uint8_t kClassRxm = 0x02;
constexpr std::uint8_t kClassInf = 0x04;
constexpr std::uint8_t kClassAck = 0x05;
constexpr std::uint8_t kClassCfg = 0x06;
constexpr std::uint8_t kClassMon = 0x0A;
constexpr std::uint8_t kClassTim = 0x0D;
constexpr std::uint8_t kIdInfNotice = 0x02;
constexpr std::uint8_t kIdNavPosLlh = 0x02;
constexpr std::uint8_t kIdNavStatus = 0x03;
constexpr std::uint8_t kIdNavDop = 0x04;
constexpr std::uint8_t kIdNavSol = 0x06;
constexpr std::uint8_t kIdNavPvt = 0x07;
constexpr std::uint8_t kIdNavTimeGps = 0x20;
constexpr std::uint8_t kIdNavTimeUtc = 0x21;
constexpr std::uint8_t kIdNavSvInfo = 0x30;
constexpr std::uint8_t kIdNavSat = 0x35;
constexpr std::uint8_t kIdNavEoe = 0x61;
constexpr std::uint8_t kIdAckNak = 0x00;
constexpr std::uint8_t kIdAckAck = 0x01;
constexpr std::uint8_t kIdMonVer = 0x04;
} // namespace ubx

// fixType / gpsFix values shared by NAV-PVT, NAV-STATUS and NAV-SOL.
enum class UbxFixType : std::uint8_t {
    None = 0,
    DeadReckoning = 1,
    Fix2D = 2,
    Fix3D = 3,
    GnssDeadReckoning = 4,
    TimeOnly = 5
};

struct UbxNavPvt
{
    std::uint32_t iTowMs = 0;
    GpsDate date;
    GpsTimeOfDay timeOfDay; // hour, min, sec as sent (rounded: add `nano`)
    std::int32_t nano = 0;  // ns, may be negative
    std::uint8_t valid = 0;
    std::uint32_t tAccNs = 0;
    std::uint8_t fixType = 0;
    std::uint8_t flags = 0;
    std::uint8_t numSv = 0;
    double longitude = 0; // degrees
    double latitude = 0;
    double heightEllipsoid = 0; // m
    double heightMsl = 0;       // m
    double pdop = 0;

    static constexpr std::uint8_t kValidDate = 0x01;
    static constexpr std::uint8_t kValidTime = 0x02;
    static constexpr std::uint8_t kFullyResolved = 0x04;
    static constexpr std::uint8_t kFlagGnssFixOk = 0x01;
    // The facts' validity rule: date, time and fully resolved, with a 2D/3D/GNSS+DR or
    // time-only fix.
    bool timeUsable() const;
    // The epoch: the rounded date and time corrected by `nano`; nullopt for impossible dates.
    std::optional<RealTime> epoch() const;
};

struct UbxNavTimeUtc
{
    std::uint32_t iTowMs = 0;
    std::uint32_t tAccNs = 0;
    std::int32_t nano = 0;
    GpsDate date;
    GpsTimeOfDay timeOfDay;
    std::uint8_t valid = 0;

    static constexpr std::uint8_t kValidTow = 0x01;
    static constexpr std::uint8_t kValidWkn = 0x02;
    static constexpr std::uint8_t kValidUtc = 0x04;
    bool utcValid() const { return (valid & kValidUtc) != 0; }
    std::optional<RealTime> epoch() const;
};

struct UbxNavTimeGps
{
    std::uint32_t iTowMs = 0;
    std::int32_t fTowNs = 0;
    std::int16_t week = 0;
    std::int8_t leapSeconds = 0;
    std::uint8_t valid = 0;
    std::uint32_t tAccNs = 0;

    static constexpr std::uint8_t kAllValid = 0x07; // towValid, weekValid, leapSValid
    bool timeUsable() const { return (valid & kAllValid) == kAllValid; }
    // UTC = GPS epoch + week, time of week - leap seconds.
    RealTime epochUtc() const;
};

struct UbxNavStatus
{
    std::uint32_t iTowMs = 0;
    std::uint8_t gpsFix = 0;
    std::uint8_t flags = 0;
    static constexpr std::uint8_t kFlagGpsFixOk = 0x01;
};

// NAV-SOL (M8 and older): fix, GPS time (week and time of week) and the ECEF position.
struct UbxNavSol
{
    std::uint32_t iTowMs = 0;
    std::int32_t fTowNs = 0; // ns, +-500000
    std::int16_t week = 0;
    std::uint8_t gpsFix = 0;
    std::uint8_t flags = 0;
    double ecefX = 0, ecefY = 0, ecefZ = 0; // m
    double pdop = 0;
    std::uint8_t numSv = 0;
    static constexpr std::uint8_t kFlagGpsFixOk = 0x01;
    static constexpr std::uint8_t kFlagWeekSet = 0x04;
    static constexpr std::uint8_t kFlagTowSet = 0x08;
    bool timeSet() const { return (flags & (kFlagWeekSet | kFlagTowSet)) == (kFlagWeekSet | kFlagTowSet); }
    // GPS time of the epoch, shifted to UTC by `leapSeconds` (GPS - UTC).
    RealTime epochUtc(int leapSeconds) const;
};

// WGS-84 geodetic position of an ECEF point.
struct GeodeticPosition
{
    double latitude = 0;  // degrees
    double longitude = 0; // degrees
    double height = 0;    // m above the WGS-84 ellipsoid
};
GeodeticPosition ecefToGeodetic(double x, double y, double z);

struct UbxNavPosLlh
{
    std::uint32_t iTowMs = 0;
    double longitude = 0;
    double latitude = 0;
    double heightEllipsoid = 0;
    double heightMsl = 0;
};

struct UbxNavDop
{
    std::uint32_t iTowMs = 0;
    double gdop = 0, pdop = 0, tdop = 0, vdop = 0, hdop = 0;
};

// NAV-SAT gnssId values.
enum class UbxGnssId : std::uint8_t {
    Gps = 0,
    Sbas = 1,
    Galileo = 2,
    BeiDou = 3,
    Imes = 4,
    Qzss = 5,
    Glonass = 6,
    NavIc = 7
};

struct UbxNavSatellite
{
    std::uint8_t gnssId = 0;
    std::uint8_t svId = 0;
    std::uint8_t cno = 0;      // dB-Hz
    std::int8_t elevation = 0; // degrees
    std::int16_t azimuth = 0;  // degrees
    std::uint32_t flags = 0;
    static constexpr std::uint32_t kFlagSvUsed = 0x08;
    bool used() const { return (flags & kFlagSvUsed) != 0; }
};

// NAV-SVINFO (u-blox 5 to M8): one block per channel; svid in u-blox's numbering.
struct UbxNavSvInfoChannel
{
    std::uint8_t svId = 0;
    std::uint8_t flags = 0;
    std::uint8_t cno = 0;      // dB-Hz
    std::int8_t elevation = 0; // degrees
    std::int16_t azimuth = 0;  // degrees
    static constexpr std::uint8_t kFlagSvUsed = 0x01;
    bool used() const { return (flags & kFlagSvUsed) != 0; }
};

struct UbxNavSvInfo
{
    std::uint32_t iTowMs = 0;
    std::vector<UbxNavSvInfoChannel> channels;
};

struct UbxNavSat
{
    std::uint32_t iTowMs = 0;
    std::uint8_t version = 0;
    std::vector<UbxNavSatellite> satellites;
};

struct UbxMonVer
{
    std::string softwareVersion;
    std::string hardwareVersion;
    std::vector<std::string> extensions; // "PROTVER=18.00", "FWVER=TIM 1.10", ...
};

struct UbxAck
{
    bool acknowledged = false; // ACK-ACK; false for ACK-NAK
    std::uint8_t messageClass = 0;
    std::uint8_t messageId = 0;
};

std::optional<UbxNavPvt> decodeNavPvt(const UbxFrame &f);
std::optional<UbxNavTimeUtc> decodeNavTimeUtc(const UbxFrame &f);
std::optional<UbxNavTimeGps> decodeNavTimeGps(const UbxFrame &f);
std::optional<UbxNavStatus> decodeNavStatus(const UbxFrame &f);
std::optional<UbxNavPosLlh> decodeNavPosLlh(const UbxFrame &f);
std::optional<UbxNavSol> decodeNavSol(const UbxFrame &f);
std::optional<UbxNavDop> decodeNavDop(const UbxFrame &f);
std::optional<UbxNavSat> decodeNavSat(const UbxFrame &f);
std::optional<UbxNavSvInfo> decodeNavSvInfo(const UbxFrame &f);
std::optional<UbxMonVer> decodeMonVer(const UbxFrame &f);
// INF-NOTICE text, NUL padding removed.
std::optional<std::string> decodeInfNotice(const UbxFrame &f);
std::optional<UbxAck> decodeAck(const UbxFrame &f);

// "UBX-NAV-PVT" for every message the u-blox protocol descriptions name (decoded or not),
// "UBX-0x01-0x7F" for the others.
std::string ubxMessageName(const UbxFrame &f);

} // namespace s1
