// Finds the speed a GPS receiver talks at, and says what it is, for the set-up wizard.
//
// Sans-I/O: the caller owns the serial port, feeds the bytes it reads with the time it read
// them, calls poll() at nextDeadline(), and switches the port to baudRate() whenever feed()
// or poll() return true. The probe tries each speed of its list in turn for at most
// kListenTime; a speed is taken as soon as kMessagesToLock well-framed messages (NMEA with a
// good checksum, UBX with a good Fletcher sum, or RTCM 3 with a good CRC-24Q) arrive at it.
// Noise is the decoder's garbage count, after framing, the same the serial driver uses. A speed that gives only
// noise is left early: at a wrong speed a UART still delivers bytes, just never a valid
// frame, so noise is the sign to move on, and silence at every speed means nothing talks.
//
// After a speed is found the probe keeps decoding, so findings() follows the fix and the
// satellites as they come while the wizard shows them.
#pragma once

#include "gps/GpsStatus.h"
#include "gps/GpsStreamDecoder.h"
#include "time/Timestamps.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace s1 {

// One speed tried, and what came at it.
struct ProbeAttempt
{
    int baudRate = 0;
    std::uint64_t bytes = 0;
    std::uint64_t messages = 0;
    bool operator==(const ProbeAttempt &) const = default;
};

// What the receiver said about itself at the speed found.
struct ReceiverFindings
{
    int baudRate = 0;
    bool nmea = false;
    bool ubx = false;
    std::set<std::string> talkers;       // "GP", "GN", ... of standard NMEA sentences
    std::set<std::string> vendorPrefixes; // "PMTK", "PUBX", ...: how proprietary sentences start
    std::set<GnssSystem> constellations; // from talkers and from the satellites listed
    std::string receiver;                // model and firmware, when it says (MON-VER, TXT, PMTK)
    GpsFixMode fixMode = GpsFixMode::None;
    int satellitesVisible = 0;
    int satellitesUsed = 0;
    std::optional<RealTime> epochTime; // the receiver's last reported UTC epoch
    bool epochTimeValid = false;
    std::uint64_t messages = 0;
    std::uint64_t garbageBytes = 0;
};

class ReceiverProbe
{
public:
    enum class Outcome {
        Probing, // still trying speeds
        Found,   // a speed gives valid frames; findings() describes the receiver
        NoData,  // no byte at any speed: wrong port, receiver unpowered or not wired
        Garbage, // bytes at some speeds but never a valid frame: not a GPS, or a speed not tried
    };

    // Long enough to see two bursts of a 1 Hz receiver whatever the phase we open at, so at
    // least one arrives whole.
    static constexpr double kListenTime = 2.0; // s per speed
    // One good message could be chance in noise (a UBX sum is only 16 bits); three cannot.
    static constexpr std::uint64_t kMessagesToLock = 3;
    // Noise without a single message after this many bytes: the speed is wrong, move on
    // without waiting for kListenTime. Above the binary start-up noise some receivers send
    // before their first sentence at the right speed (a few hundred bytes in the captures).
    static constexpr std::uint64_t kGarbageToSkip = 512; // bytes
    // Most likely first: 9600 is what u-blox M8, MediaTek, Quectel and SiRF start with,
    // 38400 the u-blox M9/F9 default, 115200 common on configured timing receivers, 4800 the
    // NMEA 0183 standard speed (older Garmin), then the rest. A USB CDC receiver ignores the
    // speed and is found at the first.
    static constexpr std::array<int, 6> kDefaultBaudOrder{9600, 38400, 115200, 4800, 57600, 19200};
    // "P" and a vendor's three letters; a bounded set, as noise cannot fake a checksummed line
    // often but the count of distinct vendors on one port is small anyway.
    static constexpr std::size_t kVendorPrefixLength = 4;
    static constexpr std::size_t kMaxVendorPrefixes = 8;

    // `baudOrder` empty: kDefaultBaudOrder. Non-positive speeds are dropped.
    explicit ReceiverProbe(std::vector<int> baudOrder = {});
    // The decoder reports messages back to this object: it stays where it was made.
    ReceiverProbe(const ReceiverProbe &) = delete;
    ReceiverProbe &operator=(const ReceiverProbe &) = delete;

    // Starts (or restarts) at the first speed; the port must be set to baudRate().
    void start(RealTime now);
    // Bytes read from the port while it was at baudRate(), read at `readTime`. True when the
    // port must now switch to baudRate() (and drop what it has buffered at the old speed).
    bool feed(std::span<const std::uint8_t> bytes, RealTime readTime);
    // Ends the current speed's turn if its time is up. Same return as feed().
    bool poll(RealTime now);

    Outcome outcome() const { return m_outcome; }
    bool isRunning() const { return m_started && m_outcome == Outcome::Probing; }
    // The speed the port should be at; after NoData/Garbage, the last one tried.
    int baudRate() const;
    // When poll() must next be called; nothing when no turn is running.
    std::optional<RealTime> nextDeadline() const;
    const std::vector<int> &baudOrder() const { return m_baudOrder; }
    // Every speed tried so far, the current one last.
    const std::vector<ProbeAttempt> &attempts() const { return m_attempts; }
    // What the current (or found) speed's stream says; `now` ages out old satellites.
    ReceiverFindings findings(RealTime now) const;

private:
    void beginAttempt(std::size_t index, RealTime now);
    // Ends the current turn without a lock: next speed, or the final outcome.
    void nextSpeed(RealTime now);
    void onMessage(std::string_view type);

    std::vector<int> m_baudOrder;
    std::size_t m_index = 0;
    bool m_started = false;
    Outcome m_outcome = Outcome::Probing;
    RealTime m_attemptStart{};
    std::vector<ProbeAttempt> m_attempts;
    // A fresh decoder per speed, so noise from a wrong speed leaves nothing behind.
    std::unique_ptr<GpsStreamDecoder> m_decoder;
    bool m_nmea = false;
    bool m_ubx = false;
    std::set<std::string> m_talkers;
    std::set<std::string> m_vendorPrefixes;
};

const char *toString(ReceiverProbe::Outcome outcome);

} // namespace s1
