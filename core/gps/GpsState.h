// What we know about the receiver, built from decoded NMEA sentences and UBX frames: fix, time,
// position, DOPs, satellites, identity and counters. GpsStreamDecoder feeds it; status() gives
// the GpsStatus snapshot.
//
// Satellites: a GSV set is kept per talker and signal ID and replaces the previous set for that
// key only when it is complete (a set interrupted by a lost sentence is dropped), so a
// multi-GNSS receiver's GPS, GLONASS and Galileo lists coexist. "Used" comes from GSA (one used
// list per system) or from NAV-SAT, which replaces the NMEA view entirely while it keeps
// coming. Sets not refreshed for kSatelliteMaxAge are dropped, so a constellation the
// receiver stops reporting does not linger.
//
// Time: apply...() returns the epoch when a message makes a time *valid* under the facts'
// rules: RMC status A with a date, ZDA while a fix is current, NAV-PVT with validDate,
// validTime, fullyResolved and a usable fix type, NAV-TIMEUTC validUTC or NAV-TIMEGPS with
// all three valid bits while a fix is current. Dates before the rollover pivot are moved
// forward by 1024 weeks (see GpsDate.h).
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

struct GpsValidEpoch
{
    RealTime epochUtc;
    bool fromUbx = false;
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
    static constexpr double kEpochValidityHold = 2.0; // s
    static constexpr double kSatelliteMaxAge = 10.0;  // s
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

    void countChecksumError() { ++m_status.checksumErrors; }
    void countGarbage(std::uint64_t bytes) { m_status.garbageBytes += bytes; }
    void countOverrun() { ++m_status.serialOverruns; }
    void setBaudRate(int baud) { m_status.baudRate = baud; }
    void setPps(const GpsPpsStatus &pps) { m_status.pps = pps; }

    // The snapshot; `now` (raw clock) ages out stale satellite sets.
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
        std::vector<GpsSatellite> satellites;
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
    // Composes a time of day with the last trusted date; nullopt before any date is known.
    std::optional<RealTime> withKnownDate(const GpsTimeOfDay &tod) const;
    RealTime corrected(RealTime t) const { return correctWeekRollover(t, m_rolloverPivot); }
    bool fixIsCurrent(RealTime readTime) const;
    void reportEpoch(RealTime epoch, bool valid);
    std::optional<GpsValidEpoch> validEpoch(RealTime epoch, bool fromUbx);

    void applyRmc(const NmeaRmc &m, RealTime readTime, std::optional<GpsValidEpoch> &out);
    void applyZda(const NmeaZda &m, RealTime readTime, std::optional<GpsValidEpoch> &out);
    void applyGga(const NmeaGga &m, RealTime readTime);
    void applyGns(const NmeaGns &m, RealTime readTime);
    // The fix, position and HDOP of a GGA or GNS with a fix.
    void applyPosition(std::optional<double> latitude, std::optional<double> longitude,
                       std::optional<double> altitude, std::optional<double> hdop, RealTime readTime);
    void applyGsa(const NmeaSentence &s, const NmeaGsa &m, RealTime readTime);
    void applyGsv(const NmeaSentence &s, const NmeaGsv &m, RealTime readTime);
    void applyTimeOfDay(const std::optional<GpsTimeOfDay> &tod);
    void applyProprietaryIdentity(const NmeaSentence &s);
    void applyNavSat(const UbxNavSat &m, RealTime readTime);
    std::vector<GpsSatellite> satellites(RealTime now) const;

    GpsStatus m_status;
    RealTime m_rolloverPivot = kDefaultRolloverPivot;
    std::optional<RealTime> m_dateAnchor; // a trusted date + time, rollover-corrected
    std::optional<RealTime> m_lastFixConfirmed; // raw read time
    std::optional<RealTime> m_lastValidEpoch;
    std::vector<std::string> m_identity;

    std::map<std::pair<std::string, int>, PendingGsv> m_pendingGsv; // (talker, signal)
    std::map<std::pair<std::string, int>, SatelliteSet> m_gsvSets;
    std::map<std::string, UsedSet> m_usedByGsa; // key: system or talker
    std::optional<SatelliteSet> m_navSat;
    bool m_previousWasGsa = false;
    std::uint64_t m_gsaRun = 0;
};

// NMEA satellite number in a sentence from `talker` (with the NMEA 4.10 system ID when the
// sentence has one) to a system and the system's own PRN; nullopt for numbers no convention
// assigns.
std::optional<std::pair<GnssSystem, int>> nmeaSatellite(std::string_view talker, int number, std::optional<int> systemId = std::nullopt);
// The constellation an NMEA talker ID stands for on its own: GL, GA, GB/BD, GQ/QZ, GI. Not GP,
// whose sentences also carry SBAS numbers, nor GN (combined): there the number decides.
std::optional<GnssSystem> systemOfTalker(std::string_view talker);

} // namespace s1
