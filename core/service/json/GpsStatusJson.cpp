#include "json/GpsStatusJson.h"

#include "json/JsonFields.h"

#include <array>
#include <limits>

namespace s1 {

namespace json {

namespace {

// Generous bounds for angles and SNR: JSON may come from elsewhere.
constexpr std::int64_t kMaxAngle = 360;
constexpr std::int64_t kMinAngle = -360;
constexpr std::int64_t kMaxSnr = 255;

constexpr std::array kFixModes{GpsFixMode::None, GpsFixMode::Fix2D, GpsFixMode::Fix3D, GpsFixMode::TimeOnly};
constexpr std::array kSystems{GnssSystem::Gps,    GnssSystem::Sbas, GnssSystem::Glonass, GnssSystem::Galileo,
                              GnssSystem::BeiDou, GnssSystem::Qzss, GnssSystem::NavIc};

} // namespace

inline auto describe(Type<GpsSatellite>)
{
    using S = GpsSatellite;
    return std::tuple{
        field(
            "system", &S::system,
            Enum<GnssSystem>{.values = kSystems, .name = toString, .unknown = "unknown system '%1'", .required = true}),
        field("prn", &S::prn, Integer<int>{.min = 0}),
        field("elevation", &S::elevation, Nullable<Integer<int>>{.inner = {.min = kMinAngle, .max = kMaxAngle}}),
        field("azimuth", &S::azimuth, Nullable<Integer<int>>{.inner = {.min = kMinAngle, .max = kMaxAngle}}),
        field("snr", &S::snr, Nullable<Integer<int>>{.inner = {.min = 0, .max = kMaxSnr}}),
        field("used", &S::used),
    };
}

inline auto describe(Type<GpsPpsStatus>)
{
    using P = GpsPpsStatus;
    return std::tuple{field("lastPulse", &P::lastPulse), field("pulseCount", &P::pulseCount),
                      field("jitter", &P::jitter)};
}

inline auto describe(Type<GpsTalkerLoad>)
{
    using T = GpsTalkerLoad;
    return std::tuple{field("type", &T::type), field("bytesPerSecond", &T::bytesPerSecond)};
}

inline auto describe(Type<GpsLinkLoad>)
{
    using L = GpsLinkLoad;
    return std::tuple{
        field("baudRate", &L::baudRate, Integer<int>{.min = 0}),
        field("usb", &L::usb),
        field("windowSeconds", &L::windowSeconds),
        field("bytesPerSecond", &L::bytesPerSecond),
        field("load", &L::load),
        field("longestBurst", &L::longestBurst),
        field("epochInterval", &L::epochInterval),
        field("talkers", &L::talkers),
        field("truncatedSentences", &L::truncatedSentences),
        field("damagedMessages", &L::damagedMessages),
        field("receiverWarnings", &L::receiverWarnings),
        field("lastReceiverWarning", &L::lastReceiverWarning),
        field("overloaded", &L::overloaded),
        field("advice", &L::advice),
    };
}

inline auto describe(Type<GpsStatus>)
{
    using G = GpsStatus;
    return std::tuple{
        field("fixMode", &G::fixMode,
              Enum<GpsFixMode>{.values = kFixModes, .name = toString, .unknown = "unknown fix mode '%1'"}),
        field("epochTime", &G::epochTime),
        field("epochTimeValid", &G::epochTimeValid),
        field("latitude", &G::latitude),
        field("longitude", &G::longitude),
        field("altitude", &G::altitude),
        field("ellipsoidHeight", &G::ellipsoidHeight),
        field("pdop", &G::pdop),
        field("hdop", &G::hdop),
        field("vdop", &G::vdop),
        field("satellites", &G::satellites),
        field("receiver", &G::receiver),
        field("baudRate", &G::baudRate, Integer<int>{.min = 0}),
        field("sentenceCounts", &G::sentenceCounts),
        field("checksumErrors", &G::checksumErrors),
        field("garbageBytes", &G::garbageBytes),
        field("serialOverruns", &G::serialOverruns),
        field("lastSentenceTime", &G::lastSentenceTime),
        field("lastMessageAge", &G::lastMessageAge, Nullable<Number>{.inner = {.nonNegative = true}}),
        field("pps", &G::pps),
        // Left out when there is no serial line, so older readers see the status they knew.
        field("link", &G::link, Nullable<Object>{.omitWhenEmpty = true}),
    };
}

} // namespace json

QJsonObject gpsStatusToJson(const GpsStatus &status)
{
    return json::encodeObject(status);
}

std::optional<GpsStatus> gpsStatusFromJson(const QJsonObject &object, QString *error)
{
    return json::decodeMessage<GpsStatus>(object, error);
}

} // namespace s1
