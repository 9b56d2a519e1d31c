// Turns the raw bytes of a GPS serial port into decoded messages for GpsState, and epochs
// into time fixes for the serial time refclock.
//
// Framing: bytes arrive in arbitrary chunks (a read may end inside a sentence or hold
// several), NMEA and UBX interleaved, with line noise. NMEA sentences run from '$' or '!' to
// CR or LF; a non-printable byte or a new '$' inside one means it was cut short. UBX frames
// are recognised by sync, length and checksum only; a failed frame resyncs one byte later.
// RTCM 3 frames (corrections that RTK receivers and base stations send on the same port) are
// recognised by preamble, length and CRC-24Q, counted and skipped. Garbage is counted after
// framing: only bytes that are none of these (line ends between sentences are not garbage; a
// frame still arriving is not either). A sentence or frame whose checksum fails is a checksum
// error, not garbage, so a healthy stream at the right speed never looks like a wrong one.
// The result does not depend on how the stream was chunked.
//
// Line load: every read, every framed message (with its line end), every sentence cut short
// and every checksum error, and the receiver's texts go to a SerialLinkLoad, whose figures
// and verdict status(now) adds to the receiver's status.
//
// Burst timestamps: serial time is only as good as the instant the receiver *starts*
// talking about an epoch. A receiver sends one burst per epoch and is then silent, so the
// decoder estimates when the first byte of each burst arrived: a read's first byte arrived
// about (bytes in the read x 10 bits / baud) before the read returned, and a read whose first
// byte came more than kBurstGap after the previous read ended starts a new burst. Each
// message belongs to the burst of its first byte, even if it is completed by a later read.
// The time fix of an epoch carries that burst's start. No fix comes from the first burst
// after start-up: the port may have been opened in the middle of it, so its start is unknown.
//
// One fix per receiver epoch: a receiver often reports an epoch in several time messages
// (NAV-PVT, NAV-TIMEUTC, NAV-TIMEGPS, RMC, ZDA). They are one epoch when UBX's iTOW says so or
// their times agree; the best of them (GpsTimeMessage order, GpsState.h) is the epoch's fix.
// The fix is final when nothing better can follow: the best kind arrived, the receiver ends
// the epoch (NAV-EOE), a later epoch or a new burst starts, or poll() finds the line idle for
// kBurstGap. Hosts call poll() at nextDeadline().
#pragma once

#include "gps/GpsState.h"
#include "gps/SerialLinkLoad.h"
#include "gps/UbxFrame.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace s1 {

struct GpsTimeFix
{
    RealTime epochUtc;   // the epoch the receiver reported (UTC)
    RealTime burstStart; // raw clock: estimated arrival of the first byte of its burst
    bool fromUbx = false;
    bool operator==(const GpsTimeFix &) const = default;
};

class GpsStreamDecoder
{
public:
    // Idle time that separates two bursts. Inside a burst the line pauses only between reads
    // (tty latency, a few ms) and while the receiver formats the next message (tens of ms);
    // between the bursts of a 1 Hz receiver it is idle for most of the second. 0.1 s sits
    // between the two and still separates the bursts of a 5 Hz receiver.
    static constexpr double kBurstGap = 0.1; // s
    // A UART frame per byte: start bit, 8 data bits, stop bit.
    static constexpr int kBitsPerByte = 10;
    // Two fixes closer than this are one epoch reported twice (NMEA and UBX, or a UBX time
    // rounded to the second and one corrected by `nano`); 20 Hz receivers are 50 ms apart.
    static constexpr double kSameEpochTolerance = 0.02; // s
    // Fixes kept until takeTimeFixes(); older ones are dropped first.
    static constexpr std::size_t kMaxPendingFixes = 64;
    // Bytes fed to the framer at a time, so a huge read cannot grow the buffer.
    static constexpr std::size_t kFeedSlice = 4096;

    // Called for every good message with its kind ("GPRMC", "UBX-NAV-PVT") and raw bytes,
    // after GpsState has taken it. For tests and logging.
    using MessageObserver = std::function<void(std::string_view type, std::span<const std::uint8_t> raw)>;

    GpsStreamDecoder();

    void setBaudRate(int baud);
    void setUsbLink(bool usb) { m_load.setUsb(usb); }
    void setRolloverPivot(RealTime pivot) { m_state.setRolloverPivot(pivot); }
    void setMessageObserver(MessageObserver observer) { m_observer = std::move(observer); }
    // `readTime`: the raw clock right after the read returned.
    void feed(std::span<const std::uint8_t> bytes, RealTime readTime);
    // Ends the epoch whose burst is over (no byte for kBurstGap before `now`, raw clock).
    void poll(RealTime now);
    // When poll() must be called; nothing while no epoch waits for its end.
    std::optional<RealTime> nextDeadline() const;
    void countOverrun() { m_state.countOverrun(); }

    std::vector<GpsTimeFix> takeTimeFixes();
    const GpsState &state() const { return m_state; }
    GpsState &state() { return m_state; }
    // The receiver's status as of `now` (GpsState::status) with the serial line's load.
    GpsStatus status(RealTime now) const;
    const SerialLinkLoad &linkLoad() const { return m_load; }

private:
    struct BurstMark
    {
        std::uint64_t position; // stream offset of the burst's first byte
        RealTime start;
        bool complete; // false for the first burst: we may have missed its beginning
    };

    void process(RealTime readTime);
    // Tries to consume one item at the front of the buffer; false when more bytes are needed.
    bool consumeOne(RealTime readTime);
    bool consumeNmea(RealTime readTime);
    bool consumeUbx(RealTime readTime);
    bool consumeRtcm3(RealTime readTime);
    void badChecksum(std::size_t claimedSize);
    void drop(std::size_t bytes, bool garbage);
    const BurstMark *burstOf(std::uint64_t position) const;
    void offerEpoch(const GpsValidEpoch &epoch, std::uint64_t position);
    void finishEpoch();

    struct Candidate
    {
        GpsValidEpoch epoch;
        // Start of the burst of the epoch's first valid time message; none for the first burst.
        std::optional<RealTime> burstStart;
    };

    GpsState m_state;
    SerialLinkLoad m_load;
    int m_baud = 0;
    std::vector<std::uint8_t> m_buffer;
    std::uint64_t m_bufferPosition = 0; // stream offset of m_buffer[0]
    std::uint64_t m_streamEnd = 0;
    std::deque<BurstMark> m_bursts;
    std::optional<RealTime> m_lastReadTime;
    std::deque<GpsTimeFix> m_fixes;
    std::optional<Candidate> m_candidate;   // the epoch being reported, best message so far
    std::optional<GpsValidEpoch> m_lastFix; // the last epoch given a fix (or skipped as first)
    std::uint64_t m_quietUntil = 0;         // stream offset: bytes before it are not garbage
    MessageObserver m_observer;
    UbxFrame m_frame; // reused to avoid an allocation per frame
};

} // namespace s1
