#include "gps/GpsState.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace s1 {

namespace {

constexpr Nanoseconds kHalfDay = std::chrono::hours(12);
constexpr Nanoseconds kDay = std::chrono::hours(24);

// NMEA 4.x satellite numbering (NMEA_UBX_FACTS.md section 2).
constexpr int kGpsLast = 32;
constexpr int kSbasNmeaFirst = 33;
constexpr int kSbasNmeaLast = 64;
constexpr int kSbasNmeaOffset = 87; // NMEA 33-64 = PRN 120-151
constexpr int kGlonassNmeaFirst = 65;
constexpr int kGlonassNmeaLast = 96;
constexpr int kGlonassNmeaOffset = 64;
constexpr int kSbasPrnFirst = 120;
constexpr int kSbasPrnLast = 158;
constexpr int kQzssExtendedFirst = 193; // older u-blox: QZSS 193-202
constexpr int kQzssExtendedLast = 202;
constexpr int kQzssExtendedOffset = 192;
constexpr int kBeiDouSkytraqFirst = 201; // Skytraq BeiDou 201+
constexpr int kBeiDouSkytraqOffset = 200;
constexpr int kGalileoExtendedFirst = 301; // older u-blox: Galileo 301+
constexpr int kGalileoExtendedOffset = 300;
constexpr int kBeiDouExtendedFirst = 401; // older u-blox: BeiDou 401+
constexpr int kBeiDouExtendedOffset = 400;
constexpr int kExtendedBandWidth = 99; // each extended range spans < 100 numbers

// NMEA 4.10 GNSS system IDs.
constexpr int kSystemIdGps = 1;
constexpr int kSystemIdGlonass = 2;
constexpr int kSystemIdGalileo = 3;
constexpr int kSystemIdBeiDou = 4;
constexpr int kSystemIdQzss = 5;
constexpr int kSystemIdNavIc = 6;

constexpr int kGgaQualityInvalid = 0;
constexpr int kGsaFix2D = 2;
constexpr int kGsaFix3D = 3;

bool inRange(int n, int first, int last)
{
    return n >= first && n <= last;
}

std::optional<std::pair<GnssSystem, int>> byNumber(int n)
{
    if (inRange(n, 1, kGpsLast))
        return std::pair{GnssSystem::Gps, n};
    if (inRange(n, kSbasNmeaFirst, kSbasNmeaLast))
        return std::pair{GnssSystem::Sbas, n + kSbasNmeaOffset};
    if (inRange(n, kGlonassNmeaFirst, kGlonassNmeaLast))
        return std::pair{GnssSystem::Glonass, n - kGlonassNmeaOffset};
    if (inRange(n, kSbasPrnFirst, kSbasPrnLast))
        return std::pair{GnssSystem::Sbas, n};
    if (inRange(n, kQzssExtendedFirst, kQzssExtendedLast))
        return std::pair{GnssSystem::Qzss, n - kQzssExtendedOffset};
    if (inRange(n, kGalileoExtendedFirst, kGalileoExtendedFirst + kExtendedBandWidth))
        return std::pair{GnssSystem::Galileo, n - kGalileoExtendedOffset};
    if (inRange(n, kBeiDouExtendedFirst, kBeiDouExtendedFirst + kExtendedBandWidth))
        return std::pair{GnssSystem::BeiDou, n - kBeiDouExtendedOffset};
    return std::nullopt;
}

std::optional<std::pair<GnssSystem, int>> inSystem(GnssSystem system, int n)
{
    switch (system) {
    case GnssSystem::Gps:
    case GnssSystem::Sbas:
        return byNumber(n);
    case GnssSystem::Glonass:
        return std::pair{system, inRange(n, kGlonassNmeaFirst, kGlonassNmeaLast) ? n - kGlonassNmeaOffset : n};
    case GnssSystem::Galileo:
        return std::pair{system, n >= kGalileoExtendedFirst ? n - kGalileoExtendedOffset : n};
    case GnssSystem::BeiDou:
        if (n >= kBeiDouExtendedFirst)
            return std::pair{system, n - kBeiDouExtendedOffset};
        return std::pair{system, n >= kBeiDouSkytraqFirst ? n - kBeiDouSkytraqOffset : n};
    case GnssSystem::Qzss:
        return std::pair{system, n >= kQzssExtendedFirst ? n - kQzssExtendedOffset : n};
    case GnssSystem::NavIc:
        return std::pair{system, n};
    }
    return std::nullopt;
}

std::optional<GnssSystem> systemOfId(int id)
{
    switch (id) {
    case kSystemIdGps:
        return GnssSystem::Gps;
    case kSystemIdGlonass:
        return GnssSystem::Glonass;
    case kSystemIdGalileo:
        return GnssSystem::Galileo;
    case kSystemIdBeiDou:
        return GnssSystem::BeiDou;
    case kSystemIdQzss:
        return GnssSystem::Qzss;
    case kSystemIdNavIc:
        return GnssSystem::NavIc;
    default:
        return std::nullopt;
    }
}

std::optional<GnssSystem> systemOfUbx(std::uint8_t gnssId)
{
    switch (static_cast<UbxGnssId>(gnssId)) {
    case UbxGnssId::Gps:
        return GnssSystem::Gps;
    case UbxGnssId::Sbas:
        return GnssSystem::Sbas;
    case UbxGnssId::Galileo:
        return GnssSystem::Galileo;
    case UbxGnssId::BeiDou:
        return GnssSystem::BeiDou;
    case UbxGnssId::Qzss:
        return GnssSystem::Qzss;
    case UbxGnssId::Glonass:
        return GnssSystem::Glonass;
    case UbxGnssId::NavIc:
        return GnssSystem::NavIc;
    case UbxGnssId::Imes:
        break;
    }
    return std::nullopt;
}

GpsFixMode fixOfUbx(std::uint8_t fixType, bool fixOk)
{
    switch (static_cast<UbxFixType>(fixType)) {
    case UbxFixType::Fix2D:
        return fixOk ? GpsFixMode::Fix2D : GpsFixMode::None;
    case UbxFixType::Fix3D:
    case UbxFixType::GnssDeadReckoning:
        return fixOk ? GpsFixMode::Fix3D : GpsFixMode::None;
    case UbxFixType::TimeOnly:
        return fixOk ? GpsFixMode::TimeOnly : GpsFixMode::None;
    case UbxFixType::None:
    case UbxFixType::DeadReckoning:
        break; // no GNSS solution: nothing a time server can use
    }
    return GpsFixMode::None;
}

bool olderThan(RealTime updated, RealTime now, double maxAge)
{
    return toSeconds(now - updated) > maxAge;
}

// u-blox's own satellite numbering (NAV-SVINFO): GPS 1-32, BeiDou B6-B37 as 33-64 and B1-B5
// as 159-163, GLONASS 65-96 (255: slot not yet known), SBAS 120-158, QZSS 193-202, Galileo
// 211-246.
constexpr int kUbxBeiDouLowFirst = 33;
constexpr int kUbxBeiDouLowLast = 64;
constexpr int kUbxBeiDouLowOffset = 27; // 33 = B6
constexpr int kUbxBeiDouHighFirst = 159;
constexpr int kUbxBeiDouHighLast = 163;
constexpr int kUbxBeiDouHighOffset = 158; // 159 = B1
constexpr int kUbxQzssFirst = 193;
constexpr int kUbxQzssLast = 202;
constexpr int kUbxGalileoFirst = 211;
constexpr int kUbxGalileoLast = 246;
constexpr int kUbxGalileoOffset = 210;

std::optional<std::pair<GnssSystem, int>> ubxSvId(int n)
{
    if (inRange(n, 1, kGpsLast))
        return std::pair{GnssSystem::Gps, n};
    if (inRange(n, kUbxBeiDouLowFirst, kUbxBeiDouLowLast))
        return std::pair{GnssSystem::BeiDou, n - kUbxBeiDouLowOffset};
    if (inRange(n, kGlonassNmeaFirst, kGlonassNmeaLast))
        return std::pair{GnssSystem::Glonass, n - kGlonassNmeaOffset};
    if (inRange(n, kSbasPrnFirst, kSbasPrnLast))
        return std::pair{GnssSystem::Sbas, n};
    if (inRange(n, kUbxBeiDouHighFirst, kUbxBeiDouHighLast))
        return std::pair{GnssSystem::BeiDou, n - kUbxBeiDouHighOffset};
    if (inRange(n, kUbxQzssFirst, kUbxQzssLast))
        return std::pair{GnssSystem::Qzss, n - kQzssExtendedOffset};
    if (inRange(n, kUbxGalileoFirst, kUbxGalileoLast))
        return std::pair{GnssSystem::Galileo, n - kUbxGalileoOffset};
    return std::nullopt;
}

// Range checks: a value no receiver on Earth reports is a corrupted or crafted message.
std::optional<double> checkedDop(std::optional<double> v)
{
    // 0 is what receivers without a DOP send, 99.99 what u-blox sends without a fix.
    if (!v || !std::isfinite(*v) || *v <= 0 || *v > GpsState::kMaxDop)
        return std::nullopt;
    return v;
}

std::optional<double> checkedAltitude(std::optional<double> v)
{
    if (!v || !std::isfinite(*v) || *v < GpsState::kMinAltitude || *v > GpsState::kMaxAltitude)
        return std::nullopt;
    return v;
}

bool validCoordinates(std::optional<double> latitude, std::optional<double> longitude)
{
    constexpr double kMaxLatitude = 90.0;
    constexpr double kMaxLongitude = 180.0;
    return latitude && longitude && std::isfinite(*latitude) && std::isfinite(*longitude)
           && std::fabs(*latitude) <= kMaxLatitude && std::fabs(*longitude) <= kMaxLongitude;
}

std::optional<int> checkedInt(std::optional<int> v, int min, int max)
{
    if (!v || *v < min || *v > max)
        return std::nullopt;
    return v;
}

// Lines of u-blox's start-up identity (NMEA TXT or UBX INF-NOTICE): "HW UBX-G70xx 00070000",
// "ROM CORE 1.00 (59842)", "PROTVER=14.00", "MOD=NEO-M8T"; the other notices are status.
bool isIdentityText(const std::string &text)
{
    for (const char *prefix : {"HW ", "ROM ", "FWVER=", "PROTVER=", "MOD=", "SW "}) {
        if (text.starts_with(prefix))
            return true;
    }
    return false;
}

} // namespace

std::optional<GnssSystem> systemOfTalker(std::string_view talker)
{
    if (talker == "GL")
        return GnssSystem::Glonass;
    if (talker == "GA")
        return GnssSystem::Galileo;
    if (talker == "GB" || talker == "BD")
        return GnssSystem::BeiDou;
    if (talker == "GQ" || talker == "QZ")
        return GnssSystem::Qzss;
    if (talker == "GI")
        return GnssSystem::NavIc;
    return std::nullopt; // GP, GN and others: decided by the number
}

std::optional<std::pair<GnssSystem, int>> nmeaSatellite(std::string_view talker, int number,
                                                        std::optional<int> systemId)
{
    if (number <= 0)
        return std::nullopt;
    std::optional<GnssSystem> system = systemOfTalker(talker);
    if (!system && systemId)
        system = systemOfId(*systemId);
    return system ? inSystem(*system, number) : byNumber(number);
}

void GpsState::count(const std::string &type)
{
    auto &counts = m_status.sentenceCounts;
    if (counts.size() >= kMaxCountedTypes && !counts.contains(type)) {
        ++counts[kOtherType];
        return;
    }
    ++counts[type];
}

void GpsState::addIdentity(const std::string &part)
{
    if (part.empty() || m_identity.size() >= kMaxIdentityParts
        || std::find(m_identity.begin(), m_identity.end(), part) != m_identity.end())
        return;
    m_identity.push_back(part);
    std::string joined;
    for (const std::string &p : m_identity)
        joined += (joined.empty() ? "" : "; ") + p;
    m_status.receiver = joined;
}

void GpsState::setFix(GpsFixMode mode, RealTime readTime)
{
    m_status.fixMode = mode;
    if (mode != GpsFixMode::None) {
        m_lastFixConfirmed = readTime;
        return;
    }
    // No fix: the last position and DOPs are history, and no time is valid without a fix.
    m_status.latitude.reset();
    m_status.longitude.reset();
    m_status.altitude.reset();
    m_status.ellipsoidHeight.reset();
    m_status.pdop.reset();
    m_status.hdop.reset();
    m_status.vdop.reset();
    m_lastValidEpoch.reset();
    m_status.epochTimeValid = false;
}

void GpsState::setDops(std::optional<double> pdop, std::optional<double> hdop, std::optional<double> vdop)
{
    m_status.pdop = checkedDop(pdop);
    m_status.hdop = checkedDop(hdop);
    m_status.vdop = checkedDop(vdop);
}

void GpsState::applyRtcm3(const std::string &type, RealTime readTime)
{
    count(type);
    m_previousWasGsa = false;
    m_status.lastSentenceTime = readTime;
}

bool GpsState::fixIsCurrent(RealTime readTime) const
{
    return m_status.fixMode != GpsFixMode::None && m_lastFixConfirmed
           && toSeconds(readTime - *m_lastFixConfirmed) <= kFixConfirmationAge;
}

std::optional<RealTime> GpsState::withKnownDate(const GpsTimeOfDay &tod) const
{
    if (!m_dateAnchor)
        return std::nullopt;
    const auto midnight = std::chrono::floor<std::chrono::days>(*m_dateAnchor);
    RealTime t = midnight + Nanoseconds(tod.nanosOfDay());
    // Midnight: a time of day far behind the anchor's belongs to the next day (GGA has no
    // date of its own), far ahead of it to the previous one.
    if (t < *m_dateAnchor - kHalfDay)
        t += kDay;
    else if (t > *m_dateAnchor + kHalfDay)
        t -= kDay;
    return t;
}

void GpsState::reportEpoch(RealTime epoch, std::optional<bool> verdict)
{
    m_status.epochTime = epoch;
    if (verdict == true)
        m_lastValidEpoch = epoch;
    else if (verdict == false)
        m_lastValidEpoch.reset();
    m_status.epochTimeValid = m_lastValidEpoch && std::fabs(toSeconds(epoch - *m_lastValidEpoch)) <= kEpochValidityHold;
}

std::optional<GpsValidEpoch> GpsState::validEpoch(RealTime epoch, GpsTimeMessage message,
                                                  std::optional<std::uint32_t> iTowMs)
{
    m_dateAnchor = epoch;
    reportEpoch(epoch, true);
    const bool fromUbx = message != GpsTimeMessage::NmeaRmc && message != GpsTimeMessage::NmeaZda;
    return GpsValidEpoch{epoch, fromUbx, message, iTowMs};
}

void GpsState::applyTimeOfDay(const std::optional<GpsTimeOfDay> &tod)
{
    if (!tod)
        return;
    if (const auto t = withKnownDate(*tod))
        reportEpoch(*t, std::nullopt);
}

void GpsState::applyRmc(const NmeaRmc &m, RealTime readTime, std::optional<GpsValidEpoch> &out)
{
    const bool valid = m.statusValid && m.modeIndicator.value_or('A') != 'N';
    if (valid) {
        if (m_status.fixMode == GpsFixMode::None)
            setFix(GpsFixMode::Fix2D, readTime);
        else
            m_lastFixConfirmed = readTime;
        if (validCoordinates(m.latitude, m.longitude)) {
            m_status.latitude = m.latitude;
            m_status.longitude = m.longitude;
        }
    } else {
        setFix(GpsFixMode::None, readTime);
    }
    if (!m.time)
        return;
    if (m.date) {
        if (const auto t = toRealTime(*m.date, *m.time)) {
            // A void RMC's date may be a firmware default (MTK: 1980-01-05): shown, never trusted.
            if (valid)
                out = validEpoch(corrected(*t), GpsTimeMessage::NmeaRmc);
            else
                reportEpoch(corrected(*t), false);
            return;
        }
    }
    if (valid)
        applyTimeOfDay(m.time);
    else if (const auto t = withKnownDate(*m.time))
        reportEpoch(*t, false);
}

void GpsState::applyZda(const NmeaZda &m, RealTime readTime, std::optional<GpsValidEpoch> &out)
{
    if (!m.time)
        return;
    if (m.date) {
        if (const auto t = toRealTime(*m.date, *m.time)) {
            if (fixIsCurrent(readTime))
                out = validEpoch(corrected(*t), GpsTimeMessage::NmeaZda);
            else
                reportEpoch(corrected(*t), false);
            return;
        }
    }
    applyTimeOfDay(m.time);
}

void GpsState::applyGga(const NmeaGga &m, RealTime readTime)
{
    const int quality = m.quality.value_or(kGgaQualityInvalid);
    if (quality == kGgaQualityInvalid) {
        setFix(GpsFixMode::None, readTime);
    } else {
        applyPosition(m.latitude, m.longitude, m.altitudeMsl, m.hdop, readTime);
    }
    applyTimeOfDay(m.time);
}

void GpsState::applyPosition(std::optional<double> latitude, std::optional<double> longitude,
                             std::optional<double> altitude, std::optional<double> hdop, RealTime readTime)
{
    // GSA says 2D or 3D when the receiver sends it; GGA or GNS alone can only tell by the altitude.
    const GpsFixMode mode = m_status.fixMode != GpsFixMode::None ? m_status.fixMode
                            : altitude                           ? GpsFixMode::Fix3D
                                                                 : GpsFixMode::Fix2D;
    setFix(mode, readTime);
    if (validCoordinates(latitude, longitude)) {
        m_status.latitude = latitude;
        m_status.longitude = longitude;
    }
    m_status.altitude = checkedAltitude(altitude);
    m_status.hdop = checkedDop(hdop);
}

void GpsState::applyGns(const NmeaGns &m, RealTime readTime)
{
    const bool anyFix = std::any_of(m.modes.begin(), m.modes.end(), [](char c) { return c != 'N'; });
    if (!anyFix) {
        setFix(GpsFixMode::None, readTime);
    } else {
        applyPosition(m.latitude, m.longitude, m.altitudeMsl, m.hdop, readTime);
    }
    applyTimeOfDay(m.time);
}

void GpsState::applyGsa(const NmeaSentence &s, const NmeaGsa &m, RealTime readTime)
{
    if (m.fixType == kGsaFix3D)
        setFix(GpsFixMode::Fix3D, readTime);
    else if (m.fixType == kGsaFix2D)
        setFix(GpsFixMode::Fix2D, readTime);
    else if (m.fixType)
        setFix(GpsFixMode::None, readTime);
    if (m_status.fixMode != GpsFixMode::None)
        setDops(m.pdop, m.hdop, m.vdop);

    // One used list per system: multi-GNSS receivers send one GSA per constellation each
    // epoch. Without a system ID (or talker) the first PRN's numbering range decides.
    UsedSet used;
    used.updated = readTime;
    std::optional<GnssSystem> keySystem = systemOfTalker(s.talker());
    if (!keySystem && m.systemId)
        keySystem = systemOfId(*m.systemId);
    for (int prn : m.prns) {
        if (const auto id = nmeaSatellite(s.talker(), prn, m.systemId)) {
            used.ids.insert(*id);
            if (!keySystem)
                keySystem = id->first == GnssSystem::Sbas ? GnssSystem::Gps : id->first;
        }
    }
    if (!keySystem) {
        // An empty GSA that names no system: the fix is gone for this talker's systems.
        if (m.fixType.value_or(0) < kGsaFix2D)
            m_usedByGsa.clear();
        return;
    }
    // Receivers that track two signals send two GSAs per system in one run (ST Teseo: L1 and
    // L5): a run of consecutive GSAs is one epoch's report, so they add up.
    if (!m_previousWasGsa)
        ++m_gsaRun;
    used.run = m_gsaRun;
    UsedSet &slot = m_usedByGsa[toString(*keySystem)];
    if (slot.run == m_gsaRun)
        used.ids.insert(slot.ids.begin(), slot.ids.end());
    slot = std::move(used);
}

void GpsState::applyGsv(const std::string &talker, const NmeaGsv &m, RealTime readTime)
{
    // A set is per talker and signal, but some receivers (Quectel LC79D) put the signal ID
    // (and in $PQGSV the system ID) on the set's last sentence only: a sentence with a signal
    // ID continues the set of its own signal or, failing that, the set of its talker that has
    // none yet, and the set's satellites are numbered when it is complete.
    const std::pair<std::string, int> key{talker, m.signalId.value_or(-1)};
    if (m.sentenceNumber == 1)
        m_pendingGsv[key] = PendingGsv{m.sentenceCount, 1, m.signalId, m.systemId, {}};
    auto it = m_pendingGsv.find(key);
    if (it == m_pendingGsv.end() && m.signalId)
        it = m_pendingGsv.find({talker, -1});
    if (it == m_pendingGsv.end())
        return; // middle of a set whose start we missed
    PendingGsv &pending = it->second;
    if (pending.count != m.sentenceCount || pending.next != m.sentenceNumber) {
        m_pendingGsv.erase(it); // a sentence of the set was lost: the set is incomplete
        return;
    }
    if (m.signalId)
        pending.signalId = m.signalId;
    if (m.systemId)
        pending.systemId = m.systemId;
    for (const NmeaGsvSatellite &sat : m.satellites) {
        if (pending.satellites.size() < kMaxSatellitesPerSet)
            pending.satellites.push_back(sat);
    }
    ++pending.next;
    if (m.sentenceNumber == m.sentenceCount) {
        SatelliteSet set;
        set.updated = readTime;
        for (const NmeaGsvSatellite &sat : pending.satellites) {
            const auto id = nmeaSatellite(talker, sat.prn, pending.systemId);
            if (!id)
                continue;
            set.satellites.push_back({id->first, id->second, checkedInt(sat.elevation, -kMaxElevation, kMaxElevation),
                                      checkedInt(sat.azimuth, 0, kMaxAzimuth), checkedInt(sat.snr, 0, kMaxSnr), false});
        }
        const std::pair<std::string, int> setKey{talker + std::to_string(pending.systemId.value_or(0)),
                                                 pending.signalId.value_or(-1)};
        if (m_gsvSets.size() < kMaxSatelliteSets || m_gsvSets.contains(setKey))
            m_gsvSets[setKey] = std::move(set);
        m_pendingGsv.erase(it);
    }
    if (m_pendingGsv.size() > kMaxSatelliteSets)
        m_pendingGsv.clear();
}

void GpsState::applyProprietaryIdentity(const NmeaSentence &s)
{
    // MediaTek/Quectel PMTK705 (release), ST PSTMVER: the firmware names itself.
    if (s.formatter() == "MTK705" || s.formatter() == "STMVER") {
        std::string text;
        for (std::size_t i = 1; i <= s.fieldCount(); ++i) {
            if (!s.field(i).empty())
                text += (text.empty() ? "" : " ") + std::string(s.field(i));
        }
        addIdentity(text);
    }
}

std::optional<GpsValidEpoch> GpsState::applyNmea(const NmeaSentence &s, RealTime readTime)
{
    count(s.address());
    m_status.lastSentenceTime = readTime;
    std::optional<GpsValidEpoch> out;
    // Stays true only through a run of GSAs (read by applyGsa, set again below).
    m_previousWasGsa = m_previousWasGsa && !s.isProprietary() && s.formatter() == "GSA";
    if (const auto pqgsv = decodePqgsv(s)) {
        // Quectel's BeiDou/QZSS view: a GSV with the system ID after the signal ID.
        applyGsv("PQ", *pqgsv, readTime);
    } else if (s.isProprietary()) {
        applyProprietaryIdentity(s);
    } else if (const auto rmc = decodeRmc(s)) {
        applyRmc(*rmc, readTime, out);
    } else if (const auto zda = decodeZda(s)) {
        applyZda(*zda, readTime, out);
    } else if (const auto gga = decodeGga(s)) {
        applyGga(*gga, readTime);
    } else if (const auto gns = decodeGns(s)) {
        applyGns(*gns, readTime);
    } else if (const auto gsa = decodeGsa(s)) {
        applyGsa(s, *gsa, readTime);
        m_previousWasGsa = true;
    } else if (const auto gsv = decodeGsv(s)) {
        applyGsv(s.talker(), *gsv, readTime);
    } else if (const auto txt = decodeTxt(s)) {
        if (isIdentityText(txt->text))
            addIdentity(txt->text);
    } else if (const auto gbs = decodeGbs(s)) {
        applyTimeOfDay(gbs->time);
    }
    return out;
}

void GpsState::applyNavSat(const UbxNavSat &m, RealTime readTime)
{
    SatelliteSet set;
    set.updated = readTime;
    for (const UbxNavSatellite &sat : m.satellites) {
        const auto system = systemOfUbx(sat.gnssId);
        if (!system || set.satellites.size() >= kMaxSatellitesPerSet * kMaxSatelliteSets)
            continue;
        GpsSatellite s{*system,
                       sat.svId,
                       checkedInt(sat.elevation, -kMaxElevation, kMaxElevation),
                       checkedInt(sat.azimuth, 0, kMaxAzimuth),
                       std::nullopt,
                       sat.used()};
        if (sat.cno > 0)
            s.snr = checkedInt(sat.cno, 0, kMaxSnr);
        set.satellites.push_back(s);
    }
    m_navSat = std::move(set);
}

void GpsState::applyNavSvInfo(const UbxNavSvInfo &m, RealTime readTime)
{
    SatelliteSet set;
    set.updated = readTime;
    for (const UbxNavSvInfoChannel &ch : m.channels) {
        const auto id = ubxSvId(ch.svId);
        if (!id || set.satellites.size() >= kMaxSatellitesPerSet * kMaxSatelliteSets)
            continue;
        GpsSatellite s{id->first,
                       id->second,
                       checkedInt(ch.elevation, -kMaxElevation, kMaxElevation),
                       checkedInt(ch.azimuth, 0, kMaxAzimuth),
                       std::nullopt,
                       ch.used()};
        if (ch.cno > 0)
            s.snr = checkedInt(ch.cno, 0, kMaxSnr);
        set.satellites.push_back(s);
    }
    m_navSat = std::move(set);
}

void GpsState::applyNavSol(const UbxNavSol &m, RealTime readTime, std::optional<GpsValidEpoch> &out)
{
    setFix(fixOfUbx(m.gpsFix, (m.flags & UbxNavSol::kFlagGpsFixOk) != 0), readTime);
    if (m_status.fixMode == GpsFixMode::None)
        return;
    // Receivers without NAV-PVT/NAV-POSLLH report the position only here, in ECEF. NAV-SOL
    // has no geoid: the height is above the ellipsoid, the MSL altitude stays unknown unless
    // another message gives it.
    if (m.ecefX != 0 || m.ecefY != 0 || m.ecefZ != 0) {
        const GeodeticPosition p = ecefToGeodetic(m.ecefX, m.ecefY, m.ecefZ);
        m_status.latitude = p.latitude;
        m_status.longitude = p.longitude;
        m_status.ellipsoidHeight = checkedAltitude(p.height);
    }
    m_status.pdop = checkedDop(m.pdop);
    if (m.timeSet())
        out = validEpoch(corrected(m.epochUtc(m_leapSeconds)), GpsTimeMessage::UbxNavSol, m.iTowMs);
}

void GpsState::applyUbxIdentity(const std::string &text)
{
    if (isIdentityText(text))
        addIdentity(text);
}

std::optional<GpsValidEpoch> GpsState::applyUbx(const UbxFrame &f, RealTime readTime)
{
    count(ubxMessageName(f));
    m_previousWasGsa = false;
    m_status.lastSentenceTime = readTime;
    std::optional<GpsValidEpoch> out;
    if (const auto pvt = decodeNavPvt(f)) {
        setFix(fixOfUbx(pvt->fixType, (pvt->flags & UbxNavPvt::kFlagGnssFixOk) != 0), readTime);
        if (m_status.fixMode != GpsFixMode::None) {
            if (validCoordinates(pvt->latitude, pvt->longitude)) {
                m_status.latitude = pvt->latitude;
                m_status.longitude = pvt->longitude;
            }
            m_status.altitude = checkedAltitude(pvt->heightMsl);
            m_status.ellipsoidHeight = checkedAltitude(pvt->heightEllipsoid);
            m_status.pdop = checkedDop(pvt->pdop);
        }
        if (const auto epoch = pvt->epoch()) {
            if (pvt->timeUsable())
                return validEpoch(corrected(*epoch), GpsTimeMessage::UbxNavPvt, pvt->iTowMs);
            reportEpoch(corrected(*epoch), false);
        }
    } else if (const auto utc = decodeNavTimeUtc(f)) {
        if (const auto epoch = utc->epoch()) {
            if (utc->utcValid() && fixIsCurrent(readTime))
                return validEpoch(corrected(*epoch), GpsTimeMessage::UbxNavTimeUtc, utc->iTowMs);
            reportEpoch(corrected(*epoch), false);
        }
    } else if (const auto gpsTime = decodeNavTimeGps(f)) {
        // The week is the full GPS week, but firmware resolves it with its own pivot like the
        // calendar date: the same rollover rule applies, or this message and NAV-PVT of the
        // same epoch would differ by 1024 weeks.
        if (gpsTime->timeUsable()) {
            m_leapSeconds = gpsTime->leapSeconds;
            if (fixIsCurrent(readTime))
                return validEpoch(corrected(gpsTime->epochUtc()), GpsTimeMessage::UbxNavTimeGps, gpsTime->iTowMs);
            reportEpoch(corrected(gpsTime->epochUtc()), false);
        }
    } else if (const auto status = decodeNavStatus(f)) {
        setFix(fixOfUbx(status->gpsFix, (status->flags & UbxNavStatus::kFlagGpsFixOk) != 0), readTime);
    } else if (const auto sol = decodeNavSol(f)) {
        applyNavSol(*sol, readTime, out);
    } else if (const auto llh = decodeNavPosLlh(f)) {
        // Time-only mode still reports the surveyed position the receiver holds.
        if (m_status.fixMode != GpsFixMode::None) {
            if (validCoordinates(llh->latitude, llh->longitude)) {
                m_status.latitude = llh->latitude;
                m_status.longitude = llh->longitude;
            }
            m_status.altitude = checkedAltitude(llh->heightMsl);
            m_status.ellipsoidHeight = checkedAltitude(llh->heightEllipsoid);
        }
    } else if (const auto dop = decodeNavDop(f)) {
        if (m_status.fixMode != GpsFixMode::None)
            setDops(dop->pdop, dop->hdop, dop->vdop);
    } else if (const auto sat = decodeNavSat(f)) {
        applyNavSat(*sat, readTime);
    } else if (const auto svInfo = decodeNavSvInfo(f)) {
        applyNavSvInfo(*svInfo, readTime);
    } else if (const auto ver = decodeMonVer(f)) {
        addIdentity("u-blox " + ver->hardwareVersion + " " + ver->softwareVersion);
        for (const std::string &ext : ver->extensions)
            addIdentity(ext);
    } else if (const auto notice = decodeInfNotice(f)) {
        // u-blox 6 and older print their identity as INF-NOTICE lines at start-up.
        applyUbxIdentity(*notice);
    }
    return out;
}

std::vector<GpsSatellite> GpsState::satellites(RealTime now) const
{
    std::map<SatelliteId, GpsSatellite> merged;
    if (m_navSat && !olderThan(m_navSat->updated, now, kSatelliteMaxAge)) {
        for (const GpsSatellite &s : m_navSat->satellites)
            merged.try_emplace({s.system, s.prn}, s);
    } else {
        std::set<SatelliteId> used;
        for (const auto &[key, set] : m_usedByGsa) {
            if (!olderThan(set.updated, now, kSatelliteMaxAge))
                used.insert(set.ids.begin(), set.ids.end());
        }
        for (const auto &[key, set] : m_gsvSets) {
            if (olderThan(set.updated, now, kSatelliteMaxAge))
                continue;
            // The same satellite on two signals (L1 and L5 sets): one entry, the stronger SNR.
            for (const GpsSatellite &s : set.satellites) {
                auto [it, inserted] = merged.try_emplace({s.system, s.prn}, s);
                if (!inserted && s.snr.value_or(0) > it->second.snr.value_or(0))
                    it->second.snr = s.snr;
                if (!it->second.elevation)
                    it->second.elevation = s.elevation;
                if (!it->second.azimuth)
                    it->second.azimuth = s.azimuth;
            }
        }
        for (auto &[id, s] : merged)
            s.used = used.contains(id);
        // Used satellites of a receiver that sends GSA but no GSV (or whose GSV set for that
        // system was lost): listed as used, with position and signal unknown.
        for (const SatelliteId &id : used)
            merged.try_emplace(id, GpsSatellite{id.first, id.second, std::nullopt, std::nullopt, std::nullopt, true});
    }
    std::vector<GpsSatellite> out;
    out.reserve(merged.size());
    for (const auto &[id, s] : merged)
        out.push_back(s);
    return out;
}

GpsStatus GpsState::status(RealTime now) const
{
    GpsStatus s = m_status;
    if (m_status.lastSentenceTime)
        s.lastMessageAge = std::max(0.0, toSeconds(now - *m_status.lastSentenceTime));
    if (s.lastMessageAge && *s.lastMessageAge > kStatusTimeout) {
        // The receiver went silent: nothing it said about its fix is current any more.
        s.fixMode = GpsFixMode::None;
        s.epochTimeValid = false;
        s.latitude.reset();
        s.longitude.reset();
        s.altitude.reset();
        s.ellipsoidHeight.reset();
        s.pdop.reset();
        s.hdop.reset();
        s.vdop.reset();
        s.satellites.clear();
        return s;
    }
    s.satellites = satellites(now);
    return s;
}

GpsStatus GpsState::status() const
{
    return status(m_status.lastSentenceTime.value_or(RealTime{}));
}

} // namespace s1
