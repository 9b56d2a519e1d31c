// Stratum One's own serial GPS driver (`refclock NMEA /dev/ttyAMA0[:BAUD]`): reads the receiver
// through a ByteSource, decodes NMEA and UBX (gps/GpsStreamDecoder), and hands one time sample
// per epoch on, timestamped at the first byte of the epoch's burst. Read when the source's fd
// is readable; deadline() asks for a poll() at the end of a burst and when the port falls
// silent.
//
// Faults never take it down: a port that cannot be opened or that disappears (unplugged USB,
// closed pseudo-terminal) is reopened every kReopenInterval; bytes that never form a valid
// sentence suggest a wrong baud rate and say so; a silent port says so. All of it shows in
// status().
#pragma once

#include "config/RefClockConfig.h"
#include "gps/GpsStreamDecoder.h"
#include "refclock/ByteSource.h"
#include "refclock/RefClockDriverInterface.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace s1 {

class NmeaRefClockDriver final : public RefClockDriverInterface
{
public:
    static constexpr Nanoseconds kReopenInterval = std::chrono::seconds(2);
    // No byte for this long: the receiver is silent (wrong port, unpowered, not configured).
    static constexpr Nanoseconds kSilenceTimeout = std::chrono::seconds(3);
    // This many garbage bytes (counted by the decoder after framing, so frames still arriving,
    // RTCM 3 and bad checksums are not) without one good message: the baud rate is probably wrong.
    static constexpr std::uint64_t kGarbageBeforeBaudWarning = 400;
    // This many bad checksums without one good message: the line is damaged, the speed right.
    static constexpr std::uint64_t kChecksumErrorsBeforeWarning = 5;
    // Serial time is good to a few milliseconds at best (NMEA_UBX_FACTS.md §4).
    static constexpr double kSerialPrecision = 1e-3; // s
    // Bytes taken per read, and reads per readable(): bounded, the event loop comes back.
    static constexpr std::size_t kReadChunk = 4096;
    static constexpr int kMaxReadsPerWakeup = 16;

    NmeaRefClockDriver(const RefClockConfig &config, std::unique_ptr<ByteSource> source, Sinks sinks);

    bool open(RealTime now) override;
    bool isOpen() const override { return m_source->isOpen(); }
    int fd() const override { return m_source->fd(); }
    void readable(RealTime now) override;
    bool polled() const override { return false; }
    void poll(RealTime now) override;
    std::optional<RealTime> deadline() const override;
    Nanoseconds reopenInterval() const override { return kReopenInterval; }
    RefClockDriverStatus status() const override;
    std::optional<GpsStatus> gpsStatus(RealTime now) const override;

private:
    void deliverFixes();
    void countOverruns();
    void setFault(std::string fault) { m_fault = std::move(fault); }

    RefClockConfig m_config;
    std::unique_ptr<ByteSource> m_source;
    GpsStreamDecoder m_decoder;
    std::string m_fault;
    std::optional<RealTime> m_lastByte; // or the opening, while no byte came
    std::uint64_t m_goodMessages = 0;
    // The decoder's counters at the last good message.
    std::uint64_t m_garbageAtGood = 0;
    std::uint64_t m_checksumErrorsAtGood = 0;
    std::uint64_t m_overruns = 0;
    std::optional<std::uint64_t> m_overrunBaseline; // the device's count at the last read
};

} // namespace s1
