#include "gps/UbxMessages.h"

#include <cmath>
#include <cstring>
#include <map>
#include <numbers>

namespace s1 {

namespace {

constexpr std::size_t kNavPvtSize = 92;
constexpr std::size_t kNavTimeUtcSize = 20;
constexpr std::size_t kNavTimeGpsSize = 16;
constexpr std::size_t kNavStatusSize = 16;
constexpr std::size_t kNavSolSize = 52;
constexpr std::size_t kNavPosLlhSize = 28;
constexpr std::size_t kNavDopSize = 18;
constexpr std::size_t kNavSvInfoHeader = 8;
constexpr std::size_t kNavSvInfoBlock = 12;
constexpr std::size_t kNavSatHeader = 8;
constexpr std::size_t kNavSatBlock = 12;
constexpr std::size_t kAckSize = 2;
constexpr std::size_t kMonVerSwSize = 30;
constexpr std::size_t kMonVerHwSize = 10;
constexpr std::size_t kMonVerExtSize = 30;
constexpr double kDegreesPerUnit = 1e-7; // lat/lon I4 units
constexpr double kMetresPerMm = 1e-3;
constexpr double kMetresPerCm = 1e-2;
// WGS-84 ellipsoid.
constexpr double kWgs84A = 6378137.0;                // m, semi-major axis
constexpr double kWgs84F = 1.0 / 298.257223563;      // flattening
constexpr double kWgs84E2 = kWgs84F * (2 - kWgs84F); // first eccentricity squared
constexpr int kGeodeticIterations = 6;               // converges to < 1 mm in 3-4 steps
constexpr double kRadToDeg = 180.0 / std::numbers::pi;
constexpr double kDopScale = 0.01;
constexpr std::int64_t kNanosPerMs = 1'000'000;
constexpr std::int64_t kGpsEpochUnixSeconds = 315'964'800; // 1980-01-06T00:00:00Z
constexpr std::int64_t kSecondsPerWeek = 7 * 86400;

// Little-endian readers; callers have checked the payload size.
struct Reader
{
    const std::vector<std::uint8_t> &p;
    std::uint8_t u1(std::size_t at) const { return p[at]; }
    std::int8_t i1(std::size_t at) const { return static_cast<std::int8_t>(p[at]); }
    std::uint16_t u2(std::size_t at) const { return static_cast<std::uint16_t>(p[at] | (p[at + 1] << 8)); }
    std::int16_t i2(std::size_t at) const { return static_cast<std::int16_t>(u2(at)); }
    std::uint32_t u4(std::size_t at) const
    {
        return std::uint32_t(p[at]) | (std::uint32_t(p[at + 1]) << 8) | (std::uint32_t(p[at + 2]) << 16)
               | (std::uint32_t(p[at + 3]) << 24);
    }
    std::int32_t i4(std::size_t at) const { return static_cast<std::int32_t>(u4(at)); }
    // A fixed-size, NUL-padded character field.
    std::string chars(std::size_t at, std::size_t size) const
    {
        std::string s(reinterpret_cast<const char *>(p.data() + at), size);
        s.resize(std::strlen(s.c_str()));
        return s;
    }
};

bool has(const UbxFrame &f, std::uint8_t cls, std::uint8_t id, std::size_t size)
{
    return f.is(cls, id) && f.payload.size() >= size;
}

GpsTimeOfDay timeOfDay(int hour, int minute, int second)
{
    return {hour, minute, second * kNanosPerSecond};
}

std::optional<RealTime> epochOf(const GpsDate &date, const GpsTimeOfDay &tod, std::int32_t nano)
{
    const auto t = toRealTime(date, tod);
    if (!t)
        return std::nullopt;
    return *t + Nanoseconds(nano);
}

} // namespace

bool UbxNavPvt::timeUsable() const
{
    const std::uint8_t required = kValidDate | kValidTime | kFullyResolved;
    const auto fix = static_cast<UbxFixType>(fixType);
    const bool fixOk = fix == UbxFixType::Fix2D || fix == UbxFixType::Fix3D || fix == UbxFixType::GnssDeadReckoning
                       || fix == UbxFixType::TimeOnly;
    return (valid & required) == required && fixOk;
}

std::optional<RealTime> UbxNavPvt::epoch() const
{
    return epochOf(date, timeOfDay, nano);
}
std::optional<RealTime> UbxNavTimeUtc::epoch() const
{
    return epochOf(date, timeOfDay, nano);
}

RealTime UbxNavTimeGps::epochUtc() const
{
    const std::int64_t ns =
        (kGpsEpochUnixSeconds + std::int64_t(week) * kSecondsPerWeek - leapSeconds) * kNanosPerSecond
        + std::int64_t(iTowMs) * kNanosPerMs + fTowNs;
    return realTimeFromNanos(ns);
}

RealTime UbxNavSol::epochUtc(int leapSeconds) const
{
    const std::int64_t ns =
        (kGpsEpochUnixSeconds + std::int64_t(week) * kSecondsPerWeek - leapSeconds) * kNanosPerSecond
        + std::int64_t(iTowMs) * kNanosPerMs + fTowNs;
    return realTimeFromNanos(ns);
}

GeodeticPosition ecefToGeodetic(double x, double y, double z)
{
    // Iterative solution of the geodetic latitude; at the poles (p = 0) the longitude is 0.
    const double p = std::hypot(x, y);
    double lat = std::atan2(z, p * (1 - kWgs84E2));
    double height = 0;
    for (int i = 0; i < kGeodeticIterations; ++i) {
        const double sinLat = std::sin(lat);
        const double n = kWgs84A / std::sqrt(1 - kWgs84E2 * sinLat * sinLat);
        height = std::fabs(std::cos(lat)) > 1e-12 ? p / std::cos(lat) - n : std::fabs(z) - n * (1 - kWgs84E2);
        lat = std::atan2(z, p * (1 - kWgs84E2 * n / (n + height)));
    }
    return {lat * kRadToDeg, std::atan2(y, x) * kRadToDeg, height};
}

std::optional<UbxNavPvt> decodeNavPvt(const UbxFrame &f)
{
    if (!has(f, ubx::kClassNav, ubx::kIdNavPvt, kNavPvtSize))
        return std::nullopt;
    const Reader r{f.payload};
    UbxNavPvt m;
    m.iTowMs = r.u4(0);
    m.date = {r.u2(4), r.u1(6), r.u1(7)};
    m.timeOfDay = timeOfDay(r.u1(8), r.u1(9), r.u1(10));
    m.valid = r.u1(11);
    m.tAccNs = r.u4(12);
    m.nano = r.i4(16);
    m.fixType = r.u1(20);
    m.flags = r.u1(21);
    m.numSv = r.u1(23);
    m.longitude = r.i4(24) * kDegreesPerUnit;
    m.latitude = r.i4(28) * kDegreesPerUnit;
    m.heightEllipsoid = r.i4(32) * kMetresPerMm;
    m.heightMsl = r.i4(36) * kMetresPerMm;
    m.pdop = r.u2(76) * kDopScale;
    return m;
}

std::optional<UbxNavTimeUtc> decodeNavTimeUtc(const UbxFrame &f)
{
    if (!has(f, ubx::kClassNav, ubx::kIdNavTimeUtc, kNavTimeUtcSize))
        return std::nullopt;
    const Reader r{f.payload};
    UbxNavTimeUtc m;
    m.iTowMs = r.u4(0);
    m.tAccNs = r.u4(4);
    m.nano = r.i4(8);
    m.date = {r.u2(12), r.u1(14), r.u1(15)};
    m.timeOfDay = timeOfDay(r.u1(16), r.u1(17), r.u1(18));
    m.valid = r.u1(19);
    return m;
}

std::optional<UbxNavTimeGps> decodeNavTimeGps(const UbxFrame &f)
{
    if (!has(f, ubx::kClassNav, ubx::kIdNavTimeGps, kNavTimeGpsSize))
        return std::nullopt;
    const Reader r{f.payload};
    UbxNavTimeGps m;
    m.iTowMs = r.u4(0);
    m.fTowNs = r.i4(4);
    m.week = r.i2(8);
    m.leapSeconds = r.i1(10);
    m.valid = r.u1(11);
    m.tAccNs = r.u4(12);
    return m;
}

std::optional<UbxNavStatus> decodeNavStatus(const UbxFrame &f)
{
    if (!has(f, ubx::kClassNav, ubx::kIdNavStatus, kNavStatusSize))
        return std::nullopt;
    const Reader r{f.payload};
    return UbxNavStatus{r.u4(0), r.u1(4), r.u1(5)};
}

std::optional<UbxNavSol> decodeNavSol(const UbxFrame &f)
{
    if (!has(f, ubx::kClassNav, ubx::kIdNavSol, kNavSolSize))
        return std::nullopt;
    const Reader r{f.payload};
    UbxNavSol m;
    m.iTowMs = r.u4(0);
    m.fTowNs = r.i4(4);
    m.week = r.i2(8);
    m.gpsFix = r.u1(10);
    m.flags = r.u1(11);
    m.ecefX = r.i4(12) * kMetresPerCm;
    m.ecefY = r.i4(16) * kMetresPerCm;
    m.ecefZ = r.i4(20) * kMetresPerCm;
    m.pdop = r.u2(44) * kDopScale;
    m.numSv = r.u1(47);
    return m;
}

std::optional<UbxNavPosLlh> decodeNavPosLlh(const UbxFrame &f)
{
    if (!has(f, ubx::kClassNav, ubx::kIdNavPosLlh, kNavPosLlhSize))
        return std::nullopt;
    const Reader r{f.payload};
    return UbxNavPosLlh{r.u4(0), r.i4(4) * kDegreesPerUnit, r.i4(8) * kDegreesPerUnit, r.i4(12) * kMetresPerMm,
                        r.i4(16) * kMetresPerMm};
}

std::optional<UbxNavDop> decodeNavDop(const UbxFrame &f)
{
    if (!has(f, ubx::kClassNav, ubx::kIdNavDop, kNavDopSize))
        return std::nullopt;
    const Reader r{f.payload};
    return UbxNavDop{r.u4(0),
                     r.u2(4) * kDopScale,
                     r.u2(6) * kDopScale,
                     r.u2(8) * kDopScale,
                     r.u2(10) * kDopScale,
                     r.u2(12) * kDopScale};
}

std::optional<UbxNavSat> decodeNavSat(const UbxFrame &f)
{
    if (!has(f, ubx::kClassNav, ubx::kIdNavSat, kNavSatHeader))
        return std::nullopt;
    const Reader r{f.payload};
    UbxNavSat m;
    m.iTowMs = r.u4(0);
    m.version = r.u1(4);
    const std::size_t count = r.u1(5);
    if (f.payload.size() < kNavSatHeader + count * kNavSatBlock)
        return std::nullopt;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t at = kNavSatHeader + i * kNavSatBlock;
        m.satellites.push_back({r.u1(at), r.u1(at + 1), r.u1(at + 2), r.i1(at + 3), r.i2(at + 4), r.u4(at + 8)});
    }
    return m;
}

std::optional<UbxNavSvInfo> decodeNavSvInfo(const UbxFrame &f)
{
    if (!has(f, ubx::kClassNav, ubx::kIdNavSvInfo, kNavSvInfoHeader))
        return std::nullopt;
    const Reader r{f.payload};
    UbxNavSvInfo m;
    m.iTowMs = r.u4(0);
    const std::size_t count = r.u1(4);
    if (f.payload.size() < kNavSvInfoHeader + count * kNavSvInfoBlock)
        return std::nullopt;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t at = kNavSvInfoHeader + i * kNavSvInfoBlock;
        m.channels.push_back({r.u1(at + 1), r.u1(at + 2), r.u1(at + 4), r.i1(at + 5), r.i2(at + 6)});
    }
    return m;
}

std::optional<std::string> decodeInfNotice(const UbxFrame &f)
{
    if (!f.is(ubx::kClassInf, ubx::kIdInfNotice))
        return std::nullopt;
    return Reader{f.payload}.chars(0, f.payload.size());
}

std::optional<UbxMonVer> decodeMonVer(const UbxFrame &f)
{
    if (!has(f, ubx::kClassMon, ubx::kIdMonVer, kMonVerSwSize + kMonVerHwSize))
        return std::nullopt;
    const Reader r{f.payload};
    UbxMonVer m;
    m.softwareVersion = r.chars(0, kMonVerSwSize);
    m.hardwareVersion = r.chars(kMonVerSwSize, kMonVerHwSize);
    for (std::size_t at = kMonVerSwSize + kMonVerHwSize; at + kMonVerExtSize <= f.payload.size(); at += kMonVerExtSize)
        m.extensions.push_back(r.chars(at, kMonVerExtSize));
    return m;
}

std::optional<UbxAck> decodeAck(const UbxFrame &f)
{
    if (f.messageClass != ubx::kClassAck || (f.messageId != ubx::kIdAckAck && f.messageId != ubx::kIdAckNak)
        || f.payload.size() < kAckSize)
        return std::nullopt;
    return UbxAck{f.messageId == ubx::kIdAckAck, f.payload[0], f.payload[1]};
}

std::string ubxMessageName(const UbxFrame &f)
{
    // The messages of the u-blox 6/M8/F9 protocol descriptions a receiver sends unasked or
    // answers with, so the counters name them instead of showing numbers.
    static const std::map<std::pair<int, int>, const char *> names{
        {{0x01, 0x01}, "UBX-NAV-POSECEF"}, {{0x01, 0x02}, "UBX-NAV-POSLLH"},    {{0x01, 0x03}, "UBX-NAV-STATUS"},
        {{0x01, 0x04}, "UBX-NAV-DOP"},     {{0x01, 0x05}, "UBX-NAV-ATT"},       {{0x01, 0x06}, "UBX-NAV-SOL"},
        {{0x01, 0x07}, "UBX-NAV-PVT"},     {{0x01, 0x09}, "UBX-NAV-ODO"},       {{0x01, 0x11}, "UBX-NAV-VELECEF"},
        {{0x01, 0x12}, "UBX-NAV-VELNED"},  {{0x01, 0x13}, "UBX-NAV-HPPOSECEF"}, {{0x01, 0x14}, "UBX-NAV-HPPOSLLH"},
        {{0x01, 0x20}, "UBX-NAV-TIMEGPS"}, {{0x01, 0x21}, "UBX-NAV-TIMEUTC"},   {{0x01, 0x22}, "UBX-NAV-CLOCK"},
        {{0x01, 0x23}, "UBX-NAV-TIMEGLO"}, {{0x01, 0x24}, "UBX-NAV-TIMEBDS"},   {{0x01, 0x25}, "UBX-NAV-TIMEGAL"},
        {{0x01, 0x26}, "UBX-NAV-TIMELS"},  {{0x01, 0x27}, "UBX-NAV-TIMEQZSS"},  {{0x01, 0x30}, "UBX-NAV-SVINFO"},
        {{0x01, 0x31}, "UBX-NAV-DGPS"},    {{0x01, 0x32}, "UBX-NAV-SBAS"},      {{0x01, 0x34}, "UBX-NAV-ORB"},
        {{0x01, 0x35}, "UBX-NAV-SAT"},     {{0x01, 0x36}, "UBX-NAV-COV"},       {{0x01, 0x39}, "UBX-NAV-GEOFENCE"},
        {{0x01, 0x3B}, "UBX-NAV-SVIN"},    {{0x01, 0x3C}, "UBX-NAV-RELPOSNED"}, {{0x01, 0x42}, "UBX-NAV-SLAS"},
        {{0x01, 0x43}, "UBX-NAV-SIG"},     {{0x01, 0x60}, "UBX-NAV-AOPSTATUS"}, {{0x01, 0x61}, "UBX-NAV-EOE"},
        {{0x02, 0x10}, "UBX-RXM-RAW"},     {{0x02, 0x11}, "UBX-RXM-SFRB"},      {{0x02, 0x13}, "UBX-RXM-SFRBX"},
        {{0x02, 0x14}, "UBX-RXM-MEASX"},   {{0x02, 0x15}, "UBX-RXM-RAWX"},      {{0x02, 0x20}, "UBX-RXM-SVSI"},
        {{0x02, 0x32}, "UBX-RXM-RTCM"},    {{0x02, 0x59}, "UBX-RXM-RLM"},       {{0x02, 0x61}, "UBX-RXM-IMES"},
        {{0x04, 0x00}, "UBX-INF-ERROR"},   {{0x04, 0x01}, "UBX-INF-WARNING"},   {{0x04, 0x02}, "UBX-INF-NOTICE"},
        {{0x04, 0x03}, "UBX-INF-TEST"},    {{0x04, 0x04}, "UBX-INF-DEBUG"},     {{0x05, 0x00}, "UBX-ACK-NAK"},
        {{0x05, 0x01}, "UBX-ACK-ACK"},     {{0x06, 0x00}, "UBX-CFG-PRT"},       {{0x06, 0x01}, "UBX-CFG-MSG"},
        {{0x06, 0x02}, "UBX-CFG-INF"},     {{0x06, 0x04}, "UBX-CFG-RST"},       {{0x06, 0x08}, "UBX-CFG-RATE"},
        {{0x06, 0x09}, "UBX-CFG-CFG"},     {{0x06, 0x13}, "UBX-CFG-ANT"},       {{0x06, 0x16}, "UBX-CFG-SBAS"},
        {{0x06, 0x17}, "UBX-CFG-NMEA"},    {{0x06, 0x24}, "UBX-CFG-NAV5"},      {{0x06, 0x31}, "UBX-CFG-TP5"},
        {{0x06, 0x3D}, "UBX-CFG-TMODE2"},  {{0x06, 0x3E}, "UBX-CFG-GNSS"},      {{0x06, 0x71}, "UBX-CFG-TMODE3"},
        {{0x06, 0x8A}, "UBX-CFG-VALSET"},  {{0x06, 0x8B}, "UBX-CFG-VALGET"},    {{0x06, 0x8C}, "UBX-CFG-VALDEL"},
        {{0x09, 0x14}, "UBX-UPD-SOS"},     {{0x0A, 0x02}, "UBX-MON-IO"},        {{0x0A, 0x04}, "UBX-MON-VER"},
        {{0x0A, 0x06}, "UBX-MON-MSGPP"},   {{0x0A, 0x07}, "UBX-MON-RXBUF"},     {{0x0A, 0x08}, "UBX-MON-TXBUF"},
        {{0x0A, 0x09}, "UBX-MON-HW"},      {{0x0A, 0x0B}, "UBX-MON-HW2"},       {{0x0A, 0x21}, "UBX-MON-RXR"},
        {{0x0A, 0x28}, "UBX-MON-GNSS"},    {{0x0A, 0x31}, "UBX-MON-SPAN"},      {{0x0A, 0x36}, "UBX-MON-COMMS"},
        {{0x0A, 0x37}, "UBX-MON-HW3"},     {{0x0A, 0x38}, "UBX-MON-RF"},        {{0x0A, 0x39}, "UBX-MON-SYS"},
        {{0x0B, 0x01}, "UBX-AID-INI"},     {{0x0B, 0x02}, "UBX-AID-HUI"},       {{0x0B, 0x31}, "UBX-AID-EPH"},
        {{0x0B, 0x33}, "UBX-AID-AOP"},     {{0x0D, 0x01}, "UBX-TIM-TP"},        {{0x0D, 0x03}, "UBX-TIM-TM2"},
        {{0x0D, 0x04}, "UBX-TIM-SVIN"},    {{0x0D, 0x06}, "UBX-TIM-VRFY"},      {{0x0D, 0x11}, "UBX-TIM-DOSC"},
        {{0x0D, 0x12}, "UBX-TIM-TOS"},     {{0x0D, 0x13}, "UBX-TIM-SMEAS"},     {{0x0D, 0x15}, "UBX-TIM-VCOCAL"},
        {{0x0D, 0x16}, "UBX-TIM-FCHG"},    {{0x0D, 0x17}, "UBX-TIM-HOC"},       {{0x10, 0x02}, "UBX-ESF-MEAS"},
        {{0x10, 0x03}, "UBX-ESF-RAW"},     {{0x10, 0x10}, "UBX-ESF-STATUS"},    {{0x13, 0x60}, "UBX-MGA-ACK"},
        {{0x21, 0x0E}, "UBX-LOG-INFO"},    {{0x27, 0x03}, "UBX-SEC-UNIQID"},    {{0x28, 0x00}, "UBX-HNR-PVT"},
    };
    if (const auto it = names.find({f.messageClass, f.messageId}); it != names.end())
        return it->second;
    constexpr char kHex[] = "0123456789ABCDEF";
    constexpr int kNibble = 4;
    constexpr int kNibbleMask = 0xF;
    std::string s = "UBX-0x";
    s += kHex[f.messageClass >> kNibble];
    s += kHex[f.messageClass & kNibbleMask];
    s += "-0x";
    s += kHex[f.messageId >> kNibble];
    s += kHex[f.messageId & kNibbleMask];
    return s;
}

} // namespace s1
