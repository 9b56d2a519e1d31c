#include "gps/NmeaMessages.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace s1 {

namespace {

constexpr std::size_t kTimeDigits = 6; // hhmmss
constexpr int kMaxFractionDigits = 9;  // nanoseconds
constexpr double kMinutesPerDegree = 60.0;
constexpr double kDegreesScale = 100.0; // ddmm.mm: degrees * 100 + minutes
constexpr double kMaxLatitude = 90.0;
constexpr double kMaxLongitude = 180.0;
constexpr int kGsvHeaderFields = 3; // count, number, in view
constexpr int kGsvBlockFields = 4;  // PRN, elevation, azimuth, SNR
constexpr int kGsaFirstPrnField = 3;
constexpr int kGsaLastPrnField = 14;
constexpr int kHexBase = 16;
constexpr int kMaxGsvSentences = 99; // two digits

std::optional<int> digits2(std::string_view s, std::size_t at)
{
    if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9')
        return std::nullopt;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

std::optional<char> singleChar(std::string_view field)
{
    if (field.empty())
        return std::nullopt;
    return field.front();
}

bool isNmea(const NmeaSentence &s, std::string_view formatter)
{
    return !s.isProprietary() && s.formatter() == formatter;
}

} // namespace

std::optional<double> nmeaNumber(std::string_view field)
{
    if (field.empty())
        return std::nullopt;
    if (field.front() == '+')
        field.remove_prefix(1);
    double v = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    if (ec != std::errc() || end != field.data() + field.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<int> nmeaInteger(std::string_view field, int base)
{
    if (field.empty())
        return std::nullopt;
    if (field.front() == '+')
        field.remove_prefix(1);
    int v = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v, base);
    if (ec != std::errc() || end != field.data() + field.size())
        return std::nullopt;
    return v;
}

std::optional<GpsTimeOfDay> nmeaTime(std::string_view field)
{
    if (field.size() < kTimeDigits)
        return std::nullopt;
    const auto hh = digits2(field, 0);
    const auto mm = digits2(field, 2);
    const auto ss = digits2(field, 4);
    if (!hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 60)
        return std::nullopt;
    std::int64_t fraction = 0;
    if (field.size() > kTimeDigits) {
        if (field[kTimeDigits] != '.')
            return std::nullopt;
        std::int64_t scale = kNanosPerSecond;
        int used = 0;
        for (std::size_t i = kTimeDigits + 1; i < field.size(); ++i) {
            const char c = field[i];
            if (c < '0' || c > '9')
                return std::nullopt;
            if (used < kMaxFractionDigits) { // finer digits than 1 ns are dropped
                scale /= 10;
                fraction += (c - '0') * scale;
                ++used;
            }
        }
    }
    return GpsTimeOfDay{*hh, *mm, *ss * kNanosPerSecond + fraction};
}

std::optional<double> nmeaCoordinate(std::string_view value, std::string_view hemisphere)
{
    const auto v = nmeaNumber(value);
    if (!v || *v < 0 || hemisphere.size() != 1)
        return std::nullopt;
    const double degrees = std::floor(*v / kDegreesScale);
    const double minutes = *v - degrees * kDegreesScale;
    if (minutes >= kMinutesPerDegree)
        return std::nullopt;
    double result = degrees + minutes / kMinutesPerDegree;
    switch (hemisphere.front()) {
    case 'N':
    case 'E':
        break;
    case 'S':
    case 'W':
        result = -result;
        break;
    default:
        return std::nullopt;
    }
    const double limit = (hemisphere.front() == 'N' || hemisphere.front() == 'S') ? kMaxLatitude : kMaxLongitude;
    if (std::fabs(result) > limit)
        return std::nullopt;
    return result;
}

std::optional<NmeaRmc> decodeRmc(const NmeaSentence &s)
{
    if (!isNmea(s, "RMC"))
        return std::nullopt;
    NmeaRmc r;
    r.time = nmeaTime(s.field(1));
    r.statusValid = s.field(2) == "A";
    r.latitude = nmeaCoordinate(s.field(3), s.field(4));
    r.longitude = nmeaCoordinate(s.field(5), s.field(6));
    r.speedKnots = nmeaNumber(s.field(7));
    r.courseDegrees = nmeaNumber(s.field(8));
    const std::string_view date = s.field(9);
    if (date.size() == kTimeDigits) {
        const auto dd = digits2(date, 0);
        const auto mo = digits2(date, 2);
        const auto yy = digits2(date, 4);
        if (dd && mo && yy) {
            const GpsDate d{expandTwoDigitYear(*yy), *mo, *dd};
            if (isValidDate(d))
                r.date = d;
        }
    }
    r.modeIndicator = singleChar(s.field(12));
    return r;
}

std::optional<NmeaZda> decodeZda(const NmeaSentence &s)
{
    if (!isNmea(s, "ZDA"))
        return std::nullopt;
    NmeaZda z;
    z.time = nmeaTime(s.field(1));
    const auto day = nmeaInteger(s.field(2));
    const auto month = nmeaInteger(s.field(3));
    const auto year = nmeaInteger(s.field(4));
    if (day && month && year && s.field(4).size() == 4) {
        const GpsDate d{*year, *month, *day};
        if (isValidDate(d))
            z.date = d;
    }
    z.zoneHours = nmeaInteger(s.field(5));
    z.zoneMinutes = nmeaInteger(s.field(6));
    return z;
}

std::optional<NmeaGga> decodeGga(const NmeaSentence &s)
{
    if (!isNmea(s, "GGA"))
        return std::nullopt;
    NmeaGga g;
    g.time = nmeaTime(s.field(1));
    g.latitude = nmeaCoordinate(s.field(2), s.field(3));
    g.longitude = nmeaCoordinate(s.field(4), s.field(5));
    g.quality = nmeaInteger(s.field(6));
    g.satellitesUsed = nmeaInteger(s.field(7));
    g.hdop = nmeaNumber(s.field(8));
    g.altitudeMsl = nmeaNumber(s.field(9));
    g.geoidSeparation = nmeaNumber(s.field(11));
    return g;
}

std::optional<NmeaGns> decodeGns(const NmeaSentence &s)
{
    if (!isNmea(s, "GNS"))
        return std::nullopt;
    NmeaGns g;
    g.time = nmeaTime(s.field(1));
    g.latitude = nmeaCoordinate(s.field(2), s.field(3));
    g.longitude = nmeaCoordinate(s.field(4), s.field(5));
    g.modes = std::string(s.field(6));
    g.satellitesUsed = nmeaInteger(s.field(7));
    g.hdop = nmeaNumber(s.field(8));
    g.altitudeMsl = nmeaNumber(s.field(9));
    g.geoidSeparation = nmeaNumber(s.field(10));
    return g;
}

std::optional<NmeaGsa> decodeGsa(const NmeaSentence &s)
{
    if (!isNmea(s, "GSA"))
        return std::nullopt;
    NmeaGsa g;
    g.selection = singleChar(s.field(1));
    g.fixType = nmeaInteger(s.field(2));
    for (int i = kGsaFirstPrnField; i <= kGsaLastPrnField; ++i) {
        if (const auto prn = nmeaInteger(s.field(i)); prn && *prn > 0)
            g.prns.push_back(*prn);
    }
    g.pdop = nmeaNumber(s.field(15));
    g.hdop = nmeaNumber(s.field(16));
    g.vdop = nmeaNumber(s.field(17));
    g.systemId = nmeaInteger(s.field(18));
    return g;
}

namespace {

// GSV and Quectel's PQGSV: the header, blocks of four, then the optional signal ID and (PQGSV
// only) the system ID. Padding blocks may be left out, so the fields after the last whole
// block tell which trailing fields there are.
std::optional<NmeaGsv> decodeGsvFields(const NmeaSentence &s, bool withSystemId)
{
    const auto count = nmeaInteger(s.field(1));
    const auto number = nmeaInteger(s.field(2));
    if (!count || !number || *count < 1 || *count > kMaxGsvSentences || *number < 1 || *number > *count)
        return std::nullopt;
    NmeaGsv g;
    g.sentenceCount = *count;
    g.sentenceNumber = *number;
    g.satellitesInView = nmeaInteger(s.field(3));
    const int fields = static_cast<int>(s.fieldCount());
    const int blocks = std::max(0, (fields - kGsvHeaderFields) / kGsvBlockFields);
    for (int b = 0; b < blocks; ++b) {
        const int f = kGsvHeaderFields + 1 + b * kGsvBlockFields;
        const auto prn = nmeaInteger(s.field(f));
        if (!prn || *prn <= 0)
            continue; // padding blocks (",,,,") carry no satellite
        g.satellites.push_back(
            {*prn, nmeaInteger(s.field(f + 1)), nmeaInteger(s.field(f + 2)), nmeaInteger(s.field(f + 3))});
    }
    const int after = kGsvHeaderFields + blocks * kGsvBlockFields;
    if (fields - after >= 1)
        g.signalId = nmeaInteger(s.field(after + 1), kHexBase);
    if (withSystemId && fields - after >= 2)
        g.systemId = nmeaInteger(s.field(after + 2));
    return g;
}

} // namespace

std::optional<NmeaGsv> decodeGsv(const NmeaSentence &s)
{
    if (!isNmea(s, "GSV"))
        return std::nullopt;
    return decodeGsvFields(s, false);
}

std::optional<NmeaGsv> decodePqgsv(const NmeaSentence &s)
{
    if (!s.isProprietary() || s.formatter() != "QGSV")
        return std::nullopt;
    return decodeGsvFields(s, true);
}

std::optional<NmeaGbs> decodeGbs(const NmeaSentence &s)
{
    if (!isNmea(s, "GBS"))
        return std::nullopt;
    NmeaGbs g;
    g.time = nmeaTime(s.field(1));
    g.latitudeError = nmeaNumber(s.field(2));
    g.longitudeError = nmeaNumber(s.field(3));
    g.altitudeError = nmeaNumber(s.field(4));
    g.failedSatellite = nmeaInteger(s.field(5));
    g.systemId = nmeaInteger(s.field(9));
    g.signalId = nmeaInteger(s.field(10), kHexBase);
    return g;
}

std::optional<NmeaVtg> decodeVtg(const NmeaSentence &s)
{
    if (!isNmea(s, "VTG"))
        return std::nullopt;
    NmeaVtg v;
    v.courseTrue = nmeaNumber(s.field(1));
    v.courseMagnetic = nmeaNumber(s.field(3));
    v.speedKnots = nmeaNumber(s.field(5));
    v.speedKmh = nmeaNumber(s.field(7));
    v.modeIndicator = singleChar(s.field(9));
    return v;
}

std::optional<NmeaTxt> decodeTxt(const NmeaSentence &s)
{
    if (!isNmea(s, "TXT"))
        return std::nullopt;
    NmeaTxt t;
    t.total = nmeaInteger(s.field(1));
    t.number = nmeaInteger(s.field(2));
    t.type = nmeaInteger(s.field(3));
    t.text = std::string(s.field(4));
    return t;
}

} // namespace s1
