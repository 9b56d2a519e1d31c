// One reference-clock driver, as every host runs it (the role of chrony's driver table): it
// opens its device from the `refclock` line, names the fd to watch (or none when it is only
// polled), reads when that fd is readable or when its poll is due, and says in one status
// value what it is doing or what is wrong. Samples and pulses go to the sinks with the raw
// clock reading of their arrival; the host adds the refclock's index and hands them to the
// engine. Standard C++ only: devices are reached through seams (DeviceApi, ShmSegmentApi,
// ByteSource), so tests and clock simulators can stand in for them.
#pragma once

#include "gps/GpsStatus.h"
#include "refclock/RefClockSample.h"
#include "time/Timestamps.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace s1 {

// What the sources view shows about a driver.
struct RefClockDriverStatus
{
    // What it is doing ("/dev/pps0 (assert): 812 pulses, 0 missed") or what is wrong.
    std::string text;
    // The device cannot be used (missing, failing, silent); `text` says why.
    bool fault = false;
};

class RefClockDriverInterface
{
public:
    struct Sinks
    {
        std::function<void(const RefClockSample &)> sample;
        std::function<void(const RefClockPulse &)> pulse;
    };

    // How long a driver that cannot be opened waits before it tries again.
    static constexpr Nanoseconds kReopenInterval = std::chrono::seconds(5);

    explicit RefClockDriverInterface(Sinks sinks)
        : m_sinks(std::move(sinks))
    { }
    virtual ~RefClockDriverInterface() = default;
    RefClockDriverInterface(const RefClockDriverInterface &) = delete;
    RefClockDriverInterface &operator=(const RefClockDriverInterface &) = delete;

    // Opens the device; false when it cannot (status() says why). The host calls it again
    // every reopenInterval() while it fails, and after the driver closed itself.
    virtual bool open(RealTime now) = 0;
    virtual bool isOpen() const = 0;
    // The fd to watch for readability while open; -1: none (a polled driver).
    virtual int fd() const { return -1; }
    // The fd is readable: read what is there.
    virtual void readable(RealTime /*now*/) { }
    // Whether poll() is due every driver poll (`dpoll`) while open.
    virtual bool polled() const { return true; }
    // The poll timer: read a polled device, or act on deadline().
    virtual void poll(RealTime now) = 0;
    // A moment at which poll() must run besides the driver polls (the end of a serial
    // burst, a silent port); nothing when none.
    virtual std::optional<RealTime> deadline() const { return std::nullopt; }
    virtual Nanoseconds reopenInterval() const { return kReopenInterval; }
    virtual RefClockDriverStatus status() const = 0;
    // The PPS part of the GPS view (PPS drivers).
    virtual std::optional<GpsPpsStatus> ppsStatus() const { return std::nullopt; }
    // What a GPS receiver reports (serial drivers); `now` dates its age.
    virtual std::optional<GpsStatus> gpsStatus(RealTime /*now*/) const { return std::nullopt; }

protected:
    void sample(const RefClockSample &s) const
    {
        if (m_sinks.sample)
            m_sinks.sample(s);
    }
    void pulse(const RefClockPulse &p) const
    {
        if (m_sinks.pulse)
            m_sinks.pulse(p);
    }

private:
    Sinks m_sinks;
};

} // namespace s1
