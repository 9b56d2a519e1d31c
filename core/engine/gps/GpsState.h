// What we know about the receiver, built from decoded NMEA sentences and UBX frames: fix, time,
// position, DOPs, satellites, identity and counters. GpsStreamDecoder feeds it; status() gives
// the GpsStatus snapshot.
//
// Satellites: a GSV set is kept per talker and signal ID and replaces the previous set for that
// key only when it is complete (a set interrupted by a lost sentence is dropped), so a
// multi-GNSS receiver's GPS, GLONASS and Galileo lists coexist; a set whose signal ID comes
// only on its last sentence (Quectel LC79D) is one set, and Quectel's $PQGSV is a GSV with a
// system ID. "Used" comes from GSA (one used list per system; used satellites no GSV lists
// are shown with position and signal unknown) or from NAV-SAT / NAV-SVINFO, which replace the
// NMEA view entirely while they keep coming. Sets not refreshed for kSatelliteMaxAge are dropped, so a constellation the
// receiver stops reporting does not linger.
//
// Time: apply...() returns the epoch when a message makes a time *valid* under the facts'
// rules: RMC status A with a date, ZDA while a fix is current, NAV-PVT with validDate,
// validTime, fullyResolved and a usable fix type, NAV-TIMEUTC validUTC or NAV-TIMEGPS with
// all three valid bits while a fix is current, NAV-SOL with week and time of week set and a
// fix. One rollover rule for every time message, NMEA or UBX, calendar or week number: dates
// before the rollover pivot are moved forward by 1024 weeks (see GpsDate.h), so two messages
// of one epoch never disagree by 1024 weeks.
//
// Ageing: status(now) is what is known *now*: when no message came for kStatusTimeout the
// fix, time validity, position, DOPs and satellites are unknown (the counters, the receiver's
// name and lastSentenceTime stay, and lastMessageAge says how long it has been silent).
// Values outside what a receiver on Earth can report (altitude, DOP, elevation, SNR) are
// dropped as unknown, and a DOP of 0 (sent by receivers that have none) is unknown too.
#pragma once

#include "gps/GpsStatus.h"
#include "gps/NmeaMessages.h"
#include "gps/NmeaSentence.h"
#include "gps/UbxFrame.h"
#include "gps/UbxMessages.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace s1 {

// The messages that can make an epoch's time valid, best first: the order in which one
// epoch's messages compete for its single clock sample (GpsStreamDecoder).
// - NAV-PVT: calendar time with `nano`, validity and fully-resolved flags and the fix type in
//   one message;
// - NAV-TIMEUTC: the same time with `nano` and validUTC, but the fix comes from elsewhere;
// - NAV-TIMEGPS: week and time of week with the receiver's leap-second count;
// - NAV-SOL: week and time of week without leap seconds (the last count the receiver sent in
//   NAV-TIMEGPS, or kDefaultLeapSeconds);
// - RMC: centisecond time with the status and date of the fix;
// - ZDA: time and date, valid only beside a current fix.
enum class GpsTimeMessage { UbxNavPvt, UbxNavTimeUtc, UbxNavTimeGps, UbxNavSol, NmeaRmc, NmeaZda, Best = UbxNavPvt };

struct GpsValidEpoch
{
    RealTime epochUtc;
    bool fromUbx = false;
    GpsTimeMessage message = GpsTimeMessage::NmeaRmc;
    std::optional<std::uint32_t> iTowMs; // UBX: the epoch's GPS time of week, shared by its messages
};

class GpsState
{
public:
    // A fix confirmed longer ago than this (raw seconds) no longer makes a ZDA or a
    // NAV-TIMEUTC valid: the confirmation must come from the same or the previous epoch
    // of a 1 Hz receiver.
    static constexpr double kFixConfirmationAge = 1.5; // s
    // The reported epoch stays "valid" this long after the last validated epoch, so the
    // flag does not flicker while the sentence that validates the next epoch is on its way.
    // A time-of-day message (GGA, GNS, GBS: no date, no verdict) keeps the previous verdict
    // only for the next epoch of a 1 Hz receiver, so the flag does not flicker while the
    // sentence that validates it is on its way; any message that can say "invalid" (void RMC,
    // ZDA without a fix, UBX without its valid bits) and a lost fix clear it at once.
    static constexpr double kEpochValidityHold = 1.1;           // s
    static constexpr double kSatelliteMaxAge = 10.0;            // s
    static constexpr double kStatusTimeout = kGpsStatusTimeout; // s
    // GPS - UTC for NAV-SOL time before the receiver told its own count: the value since
    // 2017-01-01, still in force at the build's rollover pivot.
    static constexpr int kDefaultLeapSeconds = 18;
    // Plausible ranges; anything outside is a corrupted or crafted message.
    static constexpr double kMinAltitude = -1'000.0;  // m, below the lowest land (Dead Sea -430 m)
    static constexpr double kMaxAltitude = 100'000.0; // m, above what airborne receivers allow (50 km)
    static constexpr double kMaxDop = 99.0;           // receivers send 99.99 for "no DOP"
    static constexpr int kMaxSnr = 99;                // dB-Hz, two digits in GSV
    static constexpr int kMaxElevation = 90;          // degrees
    static constexpr int kMaxAzimuth = 360;           // degrees
    // Bounds on what bad or hostile input can grow.
    static constexpr std::size_t kMaxCountedTypes = 64;
    static constexpr std::size_t kMaxIdentityParts = 8;
    static constexpr std::size_t kMaxSatellitesPerSet = 64;
    static constexpr std::size_t kMaxSatelliteSets = 32;
    static constexpr const char *kOtherType = "other";

    void setRolloverPivot(RealTime pivot) { m_rolloverPivot = pivot; }
    RealTime rolloverPivot() const { return m_rolloverPivot; }

    std::optional<GpsValidEpoch> applyNmea(const NmeaSentence &sentence, RealTime readTime);
    std::optional<GpsValidEpoch> applyUbx(const UbxFrame &frame, RealTime readTime);

    // An RTCM 3 frame ("RTCM3-1005") passed through the port: counted, not decoded.
    void applyRtcm3(const std::string &type, RealTime readTime);

    void countChecksumError() { ++m_status.checksumErrors; }
    std::uint64_t checksumErrors() const { return m_status.checksumErrors; }
    std::uint64_t garbageBytes() const { return m_status.garbageBytes; }
    void countGarbage(std::uint64_t bytes) { m_status.garbageBytes += bytes; }
    void countOverrun() { ++m_status.serialOverruns; }
    void setBaudRate(int baud) { m_status.baudRate = baud; }
    void setPps(const GpsPpsStatus &pps) { m_status.pps = pps; }

    // The snapshot as of `now` (raw clock, from the host's timer or poll): stale satellite
    // sets are dropped and, after kStatusTimeout without a message, everything the receiver
    // reports is unknown.
    GpsStatus status(RealTime now) const;
    // The snapshot as of the last message.
    GpsStatus status() const;

private:
    using SatelliteId = std::pair<GnssSystem, int>;
    struct SatelliteSet
    {
        std::vector<GpsSatellite> satellites;
        RealTime updated{};
    };
    struct PendingGsv
    {
        int count = 0;
        int next = 0;
        std::optional<int> signalId; // from whichever sentence of the set carries it
        std::optional<int> systemId; // $PQGSV: likewise
        std::vector<NmeaGsvSatellite> satellites;
    };
    struct UsedSet
    {
        std::set<SatelliteId> ids;
        RealTime updated{};
        std::uint64_t run = 0; // the run of consecutive GSAs it came from
    };

    void count(const std::string &type);
    void addIdentity(const std::string &part);
    void setFix(GpsFixMode mode, RealTime readTime);
    void setDops(std::optional<double> pdop, std::optional<double> hdop, std::optional<double> vdop);
    // Composes a time of day with the last trusted date; nullopt before any date is known.
    std::optional<RealTime> withKnownDate(const GpsTimeOfDay &tod) const;
    RealTime corrected(RealTime t) const { return correctWeekRollover(t, m_rolloverPivot); }
    bool fixIsCurrent(RealTime readTime) const;
    // `verdict`: true/false from a message that validates or invalidates its epoch, nothing
    // from a time-of-day message that cannot tell.
    void reportEpoch(RealTime epoch, std::optional<bool> verdict);
    std::optional<GpsValidEpoch> validEpoch(RealTime epoch, GpsTimeMessage message,
                                            std::optional<std::uint32_t> iTowMs = std::nullopt);

    void applyRmc(const NmeaRmc &m, RealTime readTime, std::optional<GpsValidEpoch> &out);
    void applyZda(const NmeaZda &m, RealTime readTime, std::optional<GpsValidEpoch> &out);
    void applyGga(const NmeaGga &m, RealTime readTime);
    void applyGns(const NmeaGns &m, RealTime readTime);
    // The fix, position and HDOP of a GGA or GNS with a fix.
    void applyPosition(std::optional<double> latitude, std::optional<double> longitude, std::optional<double> altitude,
                       std::optional<double> hdop, RealTime readTime);
    void applyGsa(const NmeaSentence &s, const NmeaGsa &m, RealTime readTime);
    void applyGsv(const std::string &talker, const NmeaGsv &m, RealTime readTime);
    void applyTimeOfDay(const std::optional<GpsTimeOfDay> &tod);
    void applyProprietaryIdentity(const NmeaSentence &s);
    void applyNavSat(const UbxNavSat &m, RealTime readTime);
    void applyNavSvInfo(const UbxNavSvInfo &m, RealTime readTime);
    void applyNavSol(const UbxNavSol &m, RealTime readTime, std::optional<GpsValidEpoch> &out);
    void applyUbxIdentity(const std::string &text);
    std::vector<GpsSatellite> satellites(RealTime now) const;

    GpsStatus m_status;
    RealTime m_rolloverPivot = kDefaultRolloverPivot;
    std::optional<RealTime> m_dateAnchor;       // a trusted date + time, rollover-corrected
    std::optional<RealTime> m_lastFixConfirmed; // raw read time
    std::optional<RealTime> m_lastValidEpoch;
    int m_leapSeconds = kDefaultLeapSeconds; // GPS - UTC, as the receiver last said
    std::vector<std::string> m_identity;

    // (talker, signal): -1 for a set whose first sentence carries no signal ID.
    std::map<std::pair<std::string, int>, PendingGsv> m_pendingGsv;
    std::map<std::pair<std::string, int>, SatelliteSet> m_gsvSets;
    std::map<std::string, UsedSet> m_usedByGsa; // key: system or talker
    std::optional<SatelliteSet> m_navSat;
    bool m_previousWasGsa = false;
    std::uint64_t m_gsaRun = 0;
};

// NMEA satellite number in a sentence from `talker` (with the NMEA 4.10 system ID when the
// sentence has one) to a system and the system's own PRN; nullopt for numbers no convention
// assigns.
std::optional<std::pair<GnssSystem, int>> nmeaSatellite(std::string_view talker, int number,
                                                        std::optional<int> systemId = std::nullopt);
// The constellation an NMEA talker ID stands for on its own: GL, GA, GB/BD, GQ/QZ, GI. Not GP,
// whose sentences also carry SBAS numbers, nor GN (combined): there the number decides.
std::optional<GnssSystem> systemOfTalker(std::string_view talker);

} // namespace s1
