// The host side of reference clocks: for each configured `refclock` it opens the driver (SHM
// segment, SOCK socket, PPS device, PHC), reads it every driver poll (`dpoll`) or when its fd is
// readable, and hands the samples and pulses on with the refclock's index. A driver that cannot
// be opened, or that fails later, is reopened every kReopenInterval; its state is a line of text
// for the sources view. Plain POSIX through the drivers' seams, so both the Qt host and the
// plain poll() host use it, and simulators that intercept shmget or the PPS/PTP ioctls see it.
// NMEA refclocks are left to the Qt host, which owns the serial port.
#pragma once

#include "config/RefClockConfig.h"
#include "gps/GpsStatus.h"
#include "refclock/RefClockSample.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

class DeviceApi;
class ShmSegmentApi;

// Where drivers do their I/O; null members mean the real system calls.
struct RefClockSeams
{
    DeviceApi *devices = nullptr;
    ShmSegmentApi *shm = nullptr;
};

class RefClockDevices
{
public:
    using SampleSink = std::function<void(std::size_t index, const RefClockSample &)>;
    using PulseSink = std::function<void(std::size_t index, const RefClockPulse &)>;

    static constexpr Nanoseconds kReopenInterval = std::chrono::seconds(5);

    RefClockDevices(const std::vector<RefClockConfig> &configs, RefClockSeams seams, SampleSink samples,
                    PulseSink pulses);
    ~RefClockDevices();
    RefClockDevices(const RefClockDevices &) = delete;
    RefClockDevices &operator=(const RefClockDevices &) = delete;

    // Opens every driver; failures are only recorded (and retried).
    void start(RealTime now);

    // Readable fds of the drivers; they change when a driver is reopened, which bumps
    // fdGeneration() so that an event loop knows to watch the new set.
    std::vector<int> fds() const;
    std::uint64_t fdGeneration() const { return m_fdGeneration; }
    void readable(int fd, RealTime now);
    // Reads the drivers whose poll is due and reopens failed ones.
    void timeout(RealTime now);
    std::optional<RealTime> nextWakeup() const;

    // One line about refclock `index`'s driver ("open /dev/pps0, 812 pulses, 0 missed", or
    // what is wrong); empty for refclocks this class does not drive (NMEA).
    std::string status(std::size_t index) const;
    // The device of refclock `index` cannot be used (status() says why); false for refclocks
    // this class does not drive.
    bool fault(std::size_t index) const;
    // Lines for the log about devices that became unusable ("refclock /dev/pps0: no such
    // device ... (trying again every 5 s)") or usable again since the last call: once per
    // change, not at every retry.
    std::vector<std::string> takeFaultReports();
    // The PPS part of the GPS view, from the first PPS device; nothing without one.
    std::optional<GpsPpsStatus> ppsStatus() const;

    class Driver;

private:
    SampleSink m_samplesSink;
    PulseSink m_pulsesSink;
    std::vector<std::unique_ptr<Driver>> m_drivers; // in configuration order; null for NMEA
    std::vector<bool> m_faultReported;              // by refclock index
    std::uint64_t m_fdGeneration = 0;
};

} // namespace s1
