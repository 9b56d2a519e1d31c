#include "gps/UbxMessages.h"

#include <cstring>
#include <map>

namespace s1 {

namespace {

constexpr std::size_t kNavPvtSize = 92;
constexpr std::size_t kNavTimeUtcSize = 20;
constexpr std::size_t kNavTimeGpsSize = 16;
constexpr std::size_t kNavStatusSize = 16;
constexpr std::size_t kNavSolSize = 52;
constexpr std::size_t kNavPosLlhSize = 28;
constexpr std::size_t kNavDopSize = 18;
constexpr std::size_t kNavSatHeader = 8;
constexpr std::size_t kNavSatBlock = 12;
constexpr std::size_t kAckSize = 2;
constexpr std::size_t kMonVerSwSize = 30;
constexpr std::size_t kMonVerHwSize = 10;
constexpr std::size_t kMonVerExtSize = 30;
constexpr double kDegreesPerUnit = 1e-7; // lat/lon I4 units
constexpr double kMetresPerMm = 1e-3;
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
        return std::uint32_t(p[at]) | (std::uint32_t(p[at + 1]) << 8) | (std::uint32_t(p[at + 2]) << 16) | (std::uint32_t(p[at + 3]) << 24);
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

std::optional<RealTime> UbxNavPvt::epoch() const { return epochOf(date, timeOfDay, nano); }
std::optional<RealTime> UbxNavTimeUtc::epoch() const { return epochOf(date, timeOfDay, nano); }

RealTime UbxNavTimeGps::epochUtc() const
{
    const std::int64_t ns = (kGpsEpochUnixSeconds + std::int64_t(week) * kSecondsPerWeek - leapSeconds) * kNanosPerSecond
        + std::int64_t(iTowMs) * kNanosPerMs + fTowNs;
    return realTimeFromNanos(ns);
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
    return UbxNavSol{r.u4(0), r.u1(10), r.u1(11)};
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
    return UbxNavDop{r.u4(0), r.u2(4) * kDopScale, r.u2(6) * kDopScale, r.u2(8) * kDopScale, r.u2(10) * kDopScale,
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
    static const std::map<std::pair<int, int>, const char *> names{
        {{ubx::kClassNav, ubx::kIdNavPosLlh}, "UBX-NAV-POSLLH"}, {{ubx::kClassNav, ubx::kIdNavStatus}, "UBX-NAV-STATUS"},
        {{ubx::kClassNav, ubx::kIdNavDop}, "UBX-NAV-DOP"}, {{ubx::kClassNav, ubx::kIdNavSol}, "UBX-NAV-SOL"},       {{ubx::kClassNav, ubx::kIdNavPvt}, "UBX-NAV-PVT"},
        {{ubx::kClassNav, ubx::kIdNavTimeGps}, "UBX-NAV-TIMEGPS"}, {{ubx::kClassNav, ubx::kIdNavTimeUtc}, "UBX-NAV-TIMEUTC"},
        {{ubx::kClassNav, ubx::kIdNavSat}, "UBX-NAV-SAT"},       {{ubx::kClassAck, ubx::kIdAckAck}, "UBX-ACK-ACK"},
        {{ubx::kClassAck, ubx::kIdAckNak}, "UBX-ACK-NAK"},       {{ubx::kClassMon, ubx::kIdMonVer}, "UBX-MON-VER"},
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
