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


bool inRange(int n, int first, int last) { return n >= first && n <= last; }

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
    case kSystemIdGps: return GnssSystem::Gps;
    case kSystemIdGlonass: return GnssSystem::Glonass;
    case kSystemIdGalileo: return GnssSystem::Galileo;
    case kSystemIdBeiDou: return GnssSystem::BeiDou;
    case kSystemIdQzss: return GnssSystem::Qzss;
    case kSystemIdNavIc: return GnssSystem::NavIc;
    default: return std::nullopt;
    }
}

std::optional<GnssSystem> systemOfUbx(std::uint8_t gnssId)
{
    switch (static_cast<UbxGnssId>(gnssId)) {
    case UbxGnssId::Gps: return GnssSystem::Gps;
    case UbxGnssId::Sbas: return GnssSystem::Sbas;
    case UbxGnssId::Galileo: return GnssSystem::Galileo;
    case UbxGnssId::BeiDou: return GnssSystem::BeiDou;
    case UbxGnssId::Qzss: return GnssSystem::Qzss;
    case UbxGnssId::Glonass: return GnssSystem::Glonass;
    case UbxGnssId::NavIc: return GnssSystem::NavIc;
    case UbxGnssId::Imes: break;
    }
    return std::nullopt;
}

GpsFixMode fixOfUbx(std::uint8_t fixType, bool fixOk)
{
    switch (static_cast<UbxFixType>(fixType)) {
    case UbxFixType::Fix2D: return fixOk ? GpsFixMode::Fix2D : GpsFixMode::None;
    case UbxFixType::Fix3D:
    case UbxFixType::GnssDeadReckoning: return fixOk ? GpsFixMode::Fix3D : GpsFixMode::None;
    case UbxFixType::TimeOnly: return fixOk ? GpsFixMode::TimeOnly : GpsFixMode::None;
    case UbxFixType::None:
    case UbxFixType::DeadReckoning: break; // no GNSS solution: nothing a time server can use
    }
    return GpsFixMode::None;
}

bool olderThan(RealTime updated, RealTime now, double maxAge)
{
    return toSeconds(now - updated) > maxAge;
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

std::optional<std::pair<GnssSystem, int>> nmeaSatellite(std::string_view talker, int number, std::optional<int> systemId)
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
    if (mode != GpsFixMode::None)
        m_lastFixConfirmed = readTime;
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

void GpsState::reportEpoch(RealTime epoch, bool valid)
{
    m_status.epochTime = epoch;
    if (valid)
        m_lastValidEpoch = epoch;
    m_status.epochTimeValid = m_lastValidEpoch
        && std::fabs(toSeconds(epoch - *m_lastValidEpoch)) <= kEpochValidityHold;
}

std::optional<GpsValidEpoch> GpsState::validEpoch(RealTime epoch, bool fromUbx)
{
    m_dateAnchor = epoch;
    reportEpoch(epoch, true);
    return GpsValidEpoch{epoch, fromUbx};
}

void GpsState::applyTimeOfDay(const std::optional<GpsTimeOfDay> &tod)
{
    if (!tod)
        return;
    if (const auto t = withKnownDate(*tod))
        reportEpoch(*t, false);
}

void GpsState::applyRmc(const NmeaRmc &m, RealTime readTime, std::optional<GpsValidEpoch> &out)
{
    const bool valid = m.statusValid && m.modeIndicator.value_or('A') != 'N';
    if (valid) {
        if (m_status.fixMode == GpsFixMode::None)
            setFix(GpsFixMode::Fix2D, readTime);
        else
            m_lastFixConfirmed = readTime;
        if (m.latitude && m.longitude) {
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
                out = validEpoch(corrected(*t), false);
            else
                reportEpoch(corrected(*t), false);
            return;
        }
    }
    applyTimeOfDay(m.time);
}

void GpsState::applyZda(const NmeaZda &m, RealTime readTime, std::optional<GpsValidEpoch> &out)
{
    if (!m.time)
        return;
    if (m.date) {
        if (const auto t = toRealTime(*m.date, *m.time)) {
            if (fixIsCurrent(readTime))
                out = validEpoch(corrected(*t), false);
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
        : altitude ? GpsFixMode::Fix3D : GpsFixMode::Fix2D;
    setFix(mode, readTime);
    if (latitude && longitude) {
        m_status.latitude = latitude;
        m_status.longitude = longitude;
    }
    if (altitude)
        m_status.altitude = altitude;
    if (hdop)
        m_status.hdop = hdop;
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
    if (m.pdop)
        m_status.pdop = m.pdop;
    if (m.hdop)
        m_status.hdop = m.hdop;
    if (m.vdop)
        m_status.vdop = m.vdop;

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

void GpsState::applyGsv(const NmeaSentence &s, const NmeaGsv &m, RealTime readTime)
{
    const std::pair<std::string, int> key{s.talker(), m.signalId.value_or(-1)};
    if (m.sentenceNumber == 1)
        m_pendingGsv[key] = PendingGsv{m.sentenceCount, 1, {}};
    const auto it = m_pendingGsv.find(key);
    if (it == m_pendingGsv.end())
        return; // middle of a set whose start we missed
    PendingGsv &pending = it->second;
    if (pending.count != m.sentenceCount || pending.next != m.sentenceNumber) {
        m_pendingGsv.erase(it); // a sentence of the set was lost: the set is incomplete
        return;
    }
    for (const NmeaGsvSatellite &sat : m.satellites) {
        const auto id = nmeaSatellite(s.talker(), sat.prn);
        if (!id || pending.satellites.size() >= kMaxSatellitesPerSet)
            continue;
        pending.satellites.push_back({id->first, id->second, sat.elevation, sat.azimuth, sat.snr, false});
    }
    ++pending.next;
    if (m.sentenceNumber == m.sentenceCount) {
        if (m_gsvSets.size() < kMaxSatelliteSets || m_gsvSets.contains(key))
            m_gsvSets[key] = SatelliteSet{std::move(pending.satellites), readTime};
        m_pendingGsv.erase(key);
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
    if (s.isProprietary()) {
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
        applyGsv(s, *gsv, readTime);
    } else if (const auto txt = decodeTxt(s)) {
        // u-blox prints its identity at start-up as TXT notices ("HW UBX-G70xx 00070000",
        // "ROM CORE 1.00 (59842)", "PROTVER=14.00", "MOD=NEO-M8T"); the other notices are status.
        for (const char *prefix : {"HW ", "ROM ", "FWVER=", "PROTVER=", "MOD=", "SW "}) {
            if (txt->text.starts_with(prefix))
                addIdentity(txt->text);
        }
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
        GpsSatellite s{*system, sat.svId, int(sat.elevation), int(sat.azimuth), std::nullopt, sat.used()};
        if (sat.cno > 0)
            s.snr = sat.cno;
        set.satellites.push_back(s);
    }
    m_navSat = std::move(set);
}

std::optional<GpsValidEpoch> GpsState::applyUbx(const UbxFrame &f, RealTime readTime)
{
    count(ubxMessageName(f));
    m_previousWasGsa = false;
    m_status.lastSentenceTime = readTime;
    if (const auto pvt = decodeNavPvt(f)) {
        setFix(fixOfUbx(pvt->fixType, (pvt->flags & UbxNavPvt::kFlagGnssFixOk) != 0), readTime);
        if (m_status.fixMode != GpsFixMode::None) {
            m_status.latitude = pvt->latitude;
            m_status.longitude = pvt->longitude;
            m_status.altitude = pvt->heightMsl;
            m_status.pdop = pvt->pdop;
        }
        if (const auto epoch = pvt->epoch()) {
            if (pvt->timeUsable())
                return validEpoch(corrected(*epoch), true);
            reportEpoch(corrected(*epoch), false);
        }
    } else if (const auto utc = decodeNavTimeUtc(f)) {
        if (const auto epoch = utc->epoch()) {
            if (utc->utcValid() && fixIsCurrent(readTime))
                return validEpoch(corrected(*epoch), true);
            reportEpoch(corrected(*epoch), false);
        }
    } else if (const auto gpsTime = decodeNavTimeGps(f)) {
        // The week is the full GPS week, not mod 1024: no rollover repair.
        if (gpsTime->timeUsable() && fixIsCurrent(readTime))
            return validEpoch(gpsTime->epochUtc(), true);
        if (gpsTime->timeUsable())
            reportEpoch(gpsTime->epochUtc(), false);
    } else if (const auto status = decodeNavStatus(f)) {
        setFix(fixOfUbx(status->gpsFix, (status->flags & UbxNavStatus::kFlagGpsFixOk) != 0), readTime);
    } else if (const auto sol = decodeNavSol(f)) {
        setFix(fixOfUbx(sol->gpsFix, (sol->flags & UbxNavSol::kFlagGpsFixOk) != 0), readTime);
    } else if (const auto llh = decodeNavPosLlh(f)) {
        // Time-only mode still reports the surveyed position the receiver holds.
        if (m_status.fixMode != GpsFixMode::None) {
            m_status.latitude = llh->latitude;
            m_status.longitude = llh->longitude;
            m_status.altitude = llh->heightMsl;
        }
    } else if (const auto dop = decodeNavDop(f)) {
        m_status.pdop = dop->pdop;
        m_status.hdop = dop->hdop;
        m_status.vdop = dop->vdop;
    } else if (const auto sat = decodeNavSat(f)) {
        applyNavSat(*sat, readTime);
    } else if (const auto ver = decodeMonVer(f)) {
        addIdentity("u-blox " + ver->hardwareVersion + " " + ver->softwareVersion);
        for (const std::string &ext : ver->extensions)
            addIdentity(ext);
    }
    return std::nullopt;
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
    s.satellites = satellites(now);
    return s;
}

GpsStatus GpsState::status() const
{
    return status(m_status.lastSentenceTime.value_or(RealTime{}));
}

} // namespace s1
