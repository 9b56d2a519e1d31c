// Stratum One's own serial GPS driver (`refclock NMEA /dev/ttyAMA0[:BAUD]`): reads the receiver
// through QSerialPort, decodes NMEA and UBX, and hands one time sample per epoch to the engine,
// timestamped at the first byte of the epoch's burst. It lives in the Qt host's thread.
//
// Faults never take it down: a port that cannot be opened or that disappears (unplugged USB,
// closed pseudo-terminal) is reopened every kReopenIntervalMs; bytes that never form a valid
// sentence suggest a wrong baud rate and say so; a silent port says so. The state is a line of
// text in the sources view and the GPS status.
#pragma once

#include "config/RefClockConfig.h"
#include "gps/GpsStatus.h"
#include "gps/GpsStreamDecoder.h"
#include "refclock/RefClockSample.h"

#include <QObject>
#include <QSerialPort>
#include <QTimer>

#include <functional>
#include <optional>
#include <string>

namespace s1 {

class NmeaSerialRefClock : public QObject
{
    Q_OBJECT
public:
    using SampleSink = std::function<void(std::size_t index, const RefClockSample &)>;

    static constexpr int kReopenIntervalMs = 2000;
    // No byte for this long: the receiver is silent (wrong port, unpowered, not configured).
    static constexpr int kSilenceTimeoutMs = 3000;
    // This many garbage bytes (counted by the decoder after framing, so frames still arriving,
    // RTCM 3 and bad checksums are not) without one good message: the baud rate is probably wrong.
    static constexpr std::uint64_t kGarbageBeforeBaudWarning = 400;
    // This many bad checksums without one good message: the line is damaged, the speed right.
    static constexpr std::uint64_t kChecksumErrorsBeforeWarning = 5;
    // Serial time is good to a few milliseconds at best (NMEA_UBX_FACTS.md §4).
    static constexpr double kSerialPrecision = 1e-3; // s

    NmeaSerialRefClock(std::size_t index, const RefClockConfig &config, SampleSink sink, QObject *parent = nullptr);
    ~NmeaSerialRefClock() override;

    void start();
    GpsStatus gpsStatus() const;
    // One line: "reading /dev/ttyAMA0 at 9600 baud, 812 messages" or what is wrong.
    const std::string &status() const { return m_status; }
    bool isOpen() const { return m_port.isOpen(); }
    // The port cannot be read (missing, unplugged, silent): status() says why.
    bool hasFault() const { return !m_fault.empty(); }
    // Why QSerialPort::open failed, in words: its own error, or the errno it left behind.
    static std::string openFailureReason(QSerialPort::SerialPortError error, const QString &errorString, int savedErrno);

private:
    void tryOpen();
    void onReadyRead();
    void onEpochDeadline();
    void deliverFixes();
    void scheduleEpochDeadline();
    void onError(QSerialPort::SerialPortError error);
    void onSilence();
    void countOverruns();
    void updateStatus();
    void setFault(std::string fault);

    std::size_t m_index;
    RefClockConfig m_config;
    SampleSink m_sink;
    QSerialPort m_port;
    QTimer m_reopenTimer;
    QTimer m_silenceTimer;
    QTimer m_epochTimer; // ends the epoch whose burst is over (GpsStreamDecoder::poll)
    GpsStreamDecoder m_decoder;
    std::string m_status;
    std::string m_fault;
    std::uint64_t m_goodMessages = 0;
    // The decoder's counters at the last good message.
    std::uint64_t m_garbageAtGood = 0;
    std::uint64_t m_checksumErrorsAtGood = 0;
    std::uint64_t m_reopens = 0;
    std::uint64_t m_overruns = 0;
    std::optional<std::uint64_t> m_overrunBaseline; // kernel's UART overrun count at the last read
};

} // namespace s1
