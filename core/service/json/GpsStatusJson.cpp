#include "json/GpsStatusJson.h"

#include "json/JsonReader.h"
#include "json/SnapshotJson.h"

#include <QJsonArray>

#include <limits>

namespace s1 {

namespace {

constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();
// Generous bounds for angles and SNR: JSON may come from elsewhere.
constexpr std::int64_t kMaxAngle = 360;
constexpr std::int64_t kMinAngle = -360;
constexpr std::int64_t kMaxSnr = 255;

QJsonValue optionalTime(const std::optional<RealTime> &t)
{
    return t ? QJsonValue(timeToJsonString(*t)) : QJsonValue();
}

QJsonValue optionalNumber(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonValue optionalInt(const std::optional<int> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonValue counterValue(std::uint64_t n)
{
    return static_cast<qint64>(n);
}

std::optional<double> optionalNumberFrom(const JsonReader &in, const QString &key)
{
    if (in.isNull(key))
        return std::nullopt;
    return in.number(key);
}

std::optional<int> optionalIntFrom(const JsonReader &in, const QString &key, std::int64_t min, std::int64_t max)
{
    if (in.isNull(key))
        return std::nullopt;
    return static_cast<int>(in.integerIn(key, min, max));
}

QJsonObject satelliteToJson(const GpsSatellite &s)
{
    return {
        {"system", toString(s.system)},
        {"prn", s.prn},
        {"elevation", optionalInt(s.elevation)},
        {"azimuth", optionalInt(s.azimuth)},
        {"snr", optionalInt(s.snr)},
        {"used", s.used},
    };
}

GpsSatellite satelliteFromJson(const JsonReader &in)
{
    GpsSatellite s;
    const QString system = in.string(QStringLiteral("system"));
    if (const auto parsed = gnssSystemFromString(system.toStdString()))
        s.system = *parsed;
    else
        in.fail(QStringLiteral("system"), QStringLiteral("unknown system '%1'").arg(system));
    s.prn = static_cast<int>(in.integerIn(QStringLiteral("prn"), 0, kMaxInt));
    s.elevation = optionalIntFrom(in, QStringLiteral("elevation"), kMinAngle, kMaxAngle);
    s.azimuth = optionalIntFrom(in, QStringLiteral("azimuth"), kMinAngle, kMaxAngle);
    s.snr = optionalIntFrom(in, QStringLiteral("snr"), 0, kMaxSnr);
    s.used = in.boolean(QStringLiteral("used"));
    return s;
}

} // namespace

QJsonObject gpsStatusToJson(const GpsStatus &status)
{
    QJsonArray satellites;
    for (const GpsSatellite &s : status.satellites)
        satellites.append(satelliteToJson(s));
    QJsonObject counts;
    for (const auto &[type, n] : status.sentenceCounts)
        counts.insert(QString::fromStdString(type), counterValue(n));
    return {
        {"fixMode", toString(status.fixMode)},
        {"epochTime", optionalTime(status.epochTime)},
        {"epochTimeValid", status.epochTimeValid},
        {"latitude", optionalNumber(status.latitude)},
        {"longitude", optionalNumber(status.longitude)},
        {"altitude", optionalNumber(status.altitude)},
        {"ellipsoidHeight", optionalNumber(status.ellipsoidHeight)},
        {"pdop", optionalNumber(status.pdop)},
        {"hdop", optionalNumber(status.hdop)},
        {"vdop", optionalNumber(status.vdop)},
        {"satellites", satellites},
        {"receiver", QString::fromStdString(status.receiver)},
        {"baudRate", status.baudRate},
        {"sentenceCounts", counts},
        {"checksumErrors", counterValue(status.checksumErrors)},
        {"garbageBytes", counterValue(status.garbageBytes)},
        {"serialOverruns", counterValue(status.serialOverruns)},
        {"lastSentenceTime", optionalTime(status.lastSentenceTime)},
        {"lastMessageAge", optionalNumber(status.lastMessageAge)},
        {"pps",
         QJsonObject{
             {"lastPulse", optionalTime(status.pps.lastPulse)},
             {"pulseCount", counterValue(status.pps.pulseCount)},
             {"jitter", status.pps.jitter},
         }},
    };
}

std::optional<GpsStatus> gpsStatusFromJson(const QJsonObject &json, QString *error)
{
    const JsonReader in(json);
    GpsStatus s;
    if (in.has(QStringLiteral("fixMode"))) {
        const QString mode = in.string(QStringLiteral("fixMode"));
        if (const auto parsed = gpsFixModeFromString(mode.toStdString()))
            s.fixMode = *parsed;
        else
            in.fail(QStringLiteral("fixMode"), QStringLiteral("unknown fix mode '%1'").arg(mode));
    }
    s.epochTime = in.time(QStringLiteral("epochTime"));
    s.epochTimeValid = in.boolean(QStringLiteral("epochTimeValid"));
    s.latitude = optionalNumberFrom(in, QStringLiteral("latitude"));
    s.longitude = optionalNumberFrom(in, QStringLiteral("longitude"));
    s.altitude = optionalNumberFrom(in, QStringLiteral("altitude"));
    s.ellipsoidHeight = optionalNumberFrom(in, QStringLiteral("ellipsoidHeight"));
    s.pdop = optionalNumberFrom(in, QStringLiteral("pdop"));
    s.hdop = optionalNumberFrom(in, QStringLiteral("hdop"));
    s.vdop = optionalNumberFrom(in, QStringLiteral("vdop"));
    const QJsonArray satellites = in.array(QStringLiteral("satellites"));
    s.satellites.reserve(static_cast<std::size_t>(satellites.size()));
    for (qsizetype i = 0; i < satellites.size(); ++i)
        s.satellites.push_back(satelliteFromJson(in.element(satellites, i, QStringLiteral("satellites"))));
    s.receiver = in.string(QStringLiteral("receiver")).toStdString();
    s.baudRate = static_cast<int>(in.integerIn(QStringLiteral("baudRate"), 0, kMaxInt));
    const JsonReader counts = in.object(QStringLiteral("sentenceCounts"));
    for (const QString &key : json.value(QStringLiteral("sentenceCounts")).toObject().keys())
        s.sentenceCounts[key.toStdString()] = counts.counter(key);
    s.checksumErrors = in.counter(QStringLiteral("checksumErrors"));
    s.garbageBytes = in.counter(QStringLiteral("garbageBytes"));
    s.serialOverruns = in.counter(QStringLiteral("serialOverruns"));
    s.lastSentenceTime = in.time(QStringLiteral("lastSentenceTime"));
    s.lastMessageAge = optionalNumberFrom(in, QStringLiteral("lastMessageAge"));
    if (s.lastMessageAge && *s.lastMessageAge < 0)
        in.fail(QStringLiteral("lastMessageAge"), QStringLiteral("must not be negative"));
    const JsonReader pps = in.object(QStringLiteral("pps"));
    s.pps.lastPulse = pps.time(QStringLiteral("lastPulse"));
    s.pps.pulseCount = pps.counter(QStringLiteral("pulseCount"));
    s.pps.jitter = pps.number(QStringLiteral("jitter"));
    if (!in.ok()) {
        if (error)
            *error = in.error();
        return std::nullopt;
    }
    return s;
}

} // namespace s1
