// The host side of reference clocks: one RefClockDriverInterface per configured `refclock`
// (SHM, SOCK, PPS, PHC, NMEA), opened, reopened every driver's reopenInterval() while it
// fails, read when its fd is readable and polled every driver poll (`dpoll`) or at its own
// deadline. Samples and pulses go on with the refclock's index. Plain POSIX through the
// drivers' seams, so both the Qt host and the plain poll() host use it, and simulators that
// intercept shmget or the PPS/PTP ioctls see it.
#pragma once

#include "config/RefClockConfig.h"
#include "gps/GpsStatus.h"
#include "refclock/RefClockDriverFactory.h"
#include "refclock/RefClockSample.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

class RefClockDevices
{
public:
    using SampleSink = std::function<void(std::size_t index, const RefClockSample &)>;
    using PulseSink = std::function<void(std::size_t index, const RefClockPulse &)>;

    static constexpr Nanoseconds kReopenInterval = RefClockDriverInterface::kReopenInterval;

    RefClockDevices(const std::vector<RefClockConfig> &configs, const RefClockSeams &seams, SampleSink samples,
                    PulseSink pulses);
    ~RefClockDevices();
    RefClockDevices(const RefClockDevices &) = delete;
    RefClockDevices &operator=(const RefClockDevices &) = delete;

    // Opens every driver; failures are only recorded (and retried).
    void start(RealTime now);

    // Readable fds of the drivers; they change when a driver is reopened or closes itself,
    // which bumps fdGeneration() so that an event loop knows to watch the new set.
    std::vector<int> fds() const;
    std::uint64_t fdGeneration() const { return m_fdGeneration; }
    void readable(int fd, RealTime now);
    // Polls the drivers that are due and reopens failed ones.
    void timeout(RealTime now);
    std::optional<RealTime> nextWakeup() const;

    // One line about refclock `index`'s driver ("/dev/pps0 (assert): 812 pulses, 0 missed",
    // or what is wrong); empty for a refclock without a driver.
    std::string status(std::size_t index) const;
    // The device of refclock `index` cannot be used (status() says why).
    bool fault(std::size_t index) const;
    // Lines for the log about devices that became unusable ("refclock /dev/pps0: no such
    // device ... (trying again every 5 s)") or usable again since the last call: once per
    // change, not at every retry.
    std::vector<std::string> takeFaultReports();
    // The GPS view: the first serial receiver's state, with the first PPS device's pulses;
    // nothing without either.
    std::optional<GpsStatus> gpsStatus(RealTime now) const;

private:
    // One refclock's driver and when the host next opens or polls it.
    struct Slot
    {
        std::unique_ptr<RefClockDriverInterface> driver; // null: not implemented
        int driverPoll = 0;
        std::optional<RealTime> retryAt;
        RealTime nextPoll{};
        bool faultReported = false;
    };

    void service(Slot &slot, RealTime now);
    static std::optional<RealTime> nextWakeup(const Slot &slot);

    SampleSink m_samplesSink;
    PulseSink m_pulsesSink;
    std::vector<Slot> m_slots; // in configuration order
    std::uint64_t m_fdGeneration = 0;
};

} // namespace s1
