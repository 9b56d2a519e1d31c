// How much of its serial line a GPS receiver uses, and whether the line can carry it.
//
// A UART at B baud with 8N1 framing carries B / 10 bytes per second. A receiver that is set
// to send more (every NMEA sentence of every constellation, NAV-SAT, RAWX, 5 or 10 Hz) at
// 9600 baud fills its transmit buffer and then drops or cuts messages; well before that, a
// 1 Hz receiver's burst runs so close to the next second that the line is never idle between
// epochs, and the burst start that stamps the serial time (GpsStreamDecoder) is lost. So the
// estimator keeps, over a sliding window of whole seconds of the raw clock:
// - every byte received and each message type's bytes (NMEA by formatter, so GPGSV, GLGSV and
//   GAGSV are one "GSV", UBX by class and ID, RTCM 3 by message number);
// - the bursts (same rule as the decoder: a new burst after kBurstGap of silence), as the
//   time the line needs for each at this baud rate, against the epoch interval;
// - the signs of overflow: sentences cut short by the start of another, checksum errors, and
//   the receiver's own warnings (u-blox: "txbuf alloc" in a TXT sentence or an INF message
//   when its transmit buffer is full).
// snapshot(now) gives the figures (GpsLinkLoad) with the verdict and, when overloaded, what to
// do (SerialLinkAdvice). Sans-I/O: bytes and raw read times in, values out.
#pragma once

#include "gps/GpsLinkLoad.h"
#include "time/Timestamps.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace s1 {

class NmeaSentence;
class UbxFrame;

class SerialLinkLoad
{
public:
    // A UART frame per byte: start bit, 8 data bits, stop bit.
    static constexpr int kBitsPerByte = 10;
    // The rates are averages over this many whole seconds: long enough for what receivers send
    // every few seconds (u-blox NAV-SAT at 1/5 Hz, GSV sets growing as satellites rise), short
    // enough that the alarm clears within a minute or two of a fix.
    static constexpr int kWindowSeconds = 60;
    // Headroom: a line loaded beyond this fraction of its capacity is overloaded. What a
    // receiver sends grows with the sky (more satellites, longer GSV sets), configuration
    // answers need room, and a 1 Hz burst above 0.8 s leaves less than twice the decoder's
    // burst gap of silence before the next epoch.
    static constexpr double kMaxLoad = 0.8;
    // Likewise the longest epoch burst against the epoch interval.
    static constexpr double kMaxBurstFraction = 0.8;
    // Damaged or cut sentences on a line this busy are taken as overflow, not line noise, once
    // there are this many in the window: one is a spike on the wire, several are a pattern.
    static constexpr double kBusyLoad = 0.5;
    static constexpr std::uint64_t kOverflowSigns = 3;
    // Beyond this the line is saturated: the receiver may want more than we could measure.
    static constexpr double kSaturatedLoad = 0.95;
    // Silence that separates two bursts (GpsStreamDecoder::kBurstGap).
    static constexpr double kBurstGap = 0.1; // s
    // Assumed when fewer than two bursts were seen: the usual 1 Hz.
    static constexpr double kDefaultEpochInterval = 1.0; // s
    // Types listed in the snapshot, biggest first.
    static constexpr std::size_t kMaxTalkers = 8;
    // Bound on types kept per second (hostile or noisy input); the rest count as kOtherType.
    static constexpr std::size_t kMaxTypes = 64;
    static constexpr const char *kOtherType = "other";
    // The speeds receivers and the configuration wizard offer, slowest first.
    static constexpr std::array kStandardBaudRates{9600, 19200, 38400, 57600, 115200, 230400};

    void setBaudRate(int baud) { m_baud = baud > 0 ? baud : 0; }
    int baudRate() const { return m_baud; }
    // The receiver's own USB port (ttyACM): the baud rate set on it means nothing.
    void setUsb(bool usb) { m_usb = usb; }

    // Every read: `bytes` received, `readTime` the raw clock right after the read returned.
    void addRead(std::size_t bytes, RealTime readTime);
    // A framed message of `type` (talkerKey()) and its bytes on the wire, line end included.
    void addMessage(const std::string &type, std::size_t bytes, RealTime readTime);
    // A sentence cut short by the start of another (or by a UBX frame, or grown too long).
    void countTruncated(RealTime readTime);
    // A sentence or frame whose checksum failed.
    void countDamaged(RealTime readTime);
    // A text the receiver sent (NMEA TXT, UBX INF): kept when it is a buffer warning.
    void noteReceiverText(std::string_view text, RealTime readTime);

    GpsLinkLoad snapshot(RealTime now) const;

    // "GSV" for $GPGSV/$GLGSV, the address for proprietary sentences ("PUBX"), so that one
    // key stands for what one receiver setting turns on or off.
    static std::string talkerKey(const NmeaSentence &sentence);
    // The receiver says its transmit buffer overflowed: u-blox "txbuf alloc" (TXT or
    // INF-ERROR), "txbuf", "buffer overflow", "tx buffer full" and the like.
    static bool isBufferWarning(std::string_view text);
    // A receiver's own USB port (CDC ACM: /dev/ttyACM0, or a by-id link naming it), as the
    // wizard tells it; a USB-serial adapter (ttyUSB) has a real UART behind it.
    static bool isUsbDevice(std::string_view path);

private:
    struct Second
    {
        std::int64_t index = 0; // whole seconds of the raw clock
        std::uint64_t bytes = 0;
        std::map<std::string, std::uint64_t> types;
        std::uint64_t truncated = 0;
        std::uint64_t damaged = 0;
        std::uint64_t warnings = 0;
    };
    struct Burst
    {
        RealTime start; // estimated arrival of its first byte
        RealTime end;   // the last read's time
        std::uint64_t bytes = 0;
    };

    Second &second(RealTime t);
    void prune(RealTime t);

    int m_baud = 0;
    bool m_usb = false;
    std::deque<Second> m_seconds; // oldest first
    std::deque<Burst> m_bursts;   // oldest first
    std::optional<std::int64_t> m_firstSecond;
    std::string m_lastWarning;
};

} // namespace s1
