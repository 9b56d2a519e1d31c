// One `refclock` directive: a reference clock attached to this host. The fields mirror
// chrony.conf(5) (chrony 4.x) plus Stratum One's own NMEA serial driver; defaults are chrony's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace s1 {

enum class RefClockDriver : std::uint8_t {
    Pps,  // PPS /dev/ppsN[:clear]
    Shm,  // SHM N[:perm=0NNN]  (the NTP shared-memory protocol, e.g. from gpsd)
    Sock, // SOCK /path/to/socket  (samples pushed by gpsd)
    Phc,  // PHC /dev/ptpN[:nocrossts][:extpps][:pin=N][:channel=N][:clear]
    Rtc,  // RTC /dev/rtcN[:utc]  (chrony 4.6)
    Nmea, // NMEA /dev/ttyXXX[:BAUD]  (Stratum One: reads NMEA sentences from a serial port)
};

constexpr int kDefaultRefClockPoll = 4;        // log2 s
constexpr int kDefaultRefClockDriverPoll = 0;  // log2 s
constexpr int kDefaultRefClockFilter = 64;     // samples
constexpr int kDefaultPpsRate = 1;             // pulses per second
constexpr int kDefaultMaxLockAge = 2;          // pulses
constexpr double kDefaultRefClockDelay = 1e-9; // s
constexpr int kDefaultShmPermissions = 0600;   // octal file mode of the segment
constexpr int kDefaultNmeaBaudRate = 9600;     // baud, what most GNSS receivers start with

struct RefClockConfig
{
    RefClockDriver driver = RefClockDriver::Pps;
    // The driver parameter without its ":option" suffixes: a device or socket path, a network
    // interface for PHC, or the segment number for SHM.
    std::string parameter;

    // Driver options (the ":option" suffixes of the parameter).
    int shmSegment = 0;                          // SHM
    int shmPermissions = kDefaultShmPermissions; // SHM :perm=
    bool clearEdge = false;                      // PPS, PHC :clear
    bool noCrossTimestamp = false;               // PHC :nocrossts
    bool externalPps = false;                    // PHC :extpps
    int pin = 0;                                 // PHC :pin=
    int channel = 0;                             // PHC :channel=
    bool rtcOnUtc = false;                       // RTC :utc
    int baudRate = kDefaultNmeaBaudRate;         // NMEA :BAUD

    // Directive options.
    int poll = kDefaultRefClockPoll;             // log2 s
    int driverPoll = kDefaultRefClockDriverPoll; // log2 s, "dpoll"
    std::string refId;                           // 1-4 characters; empty: chrony derives it
    std::string lockRefId;                       // "lock": refid of the clock pulses are paired with
    int rate = kDefaultPpsRate;                  // pulses per second
    int maxLockAge = kDefaultMaxLockAge;         // pulses
    double pulseWidth = 0.0;                     // s, "width"; 0 accepts both edges
    bool ppsForced = false;                      // "pps"
    bool local = false;                          // "local": not locked to UTC
    double offset = 0.0;                         // s
    double delay = kDefaultRefClockDelay;        // s
    int stratum = 0;
    std::optional<double> precision;     // s; unset: the driver's own
    std::optional<double> maxDispersion; // s; unset: no limit
    int filter = kDefaultRefClockFilter; // samples
    bool prefer = false;
    bool noselect = false;
    bool trust = false;
    bool require = false;
    bool tai = false;
    std::optional<int> minSamples; // unset: the global minsamples
    std::optional<int> maxSamples; // unset: the global maxsamples

    std::string origin; // "file:line", for messages

    friend bool operator==(const RefClockConfig &, const RefClockConfig &) = default;
};

} // namespace s1
