// A Linux PPS source (/dev/ppsN, the RFC 2783 kernel API of linux/pps.h) read for one edge.
//
// open() checks that the source can capture the wanted edge (assert, or clear for chrony's
// `:clear`) and wait for events, then switches capture to that edge in timespec format.
// fetch() asks the kernel for its latest edge (PPS_FETCH) and hands out a RefClockPulse only
// when that edge's sequence number moved: a repeated number is the pulse already delivered.
// The kernel keeps just the latest edge, so a reader that falls behind sees the sequence jump;
// the jump is counted as missed pulses.
//
// Every failure is recorded with a text a user can act on (missing device, permissions,
// missing capability, device gone); none aborts. A device that disappears (ENODEV) is closed
// so that the host can open it again when it comes back. All I/O goes through DeviceApi.
// Not thread-safe: one host thread owns it.
#pragma once

#include "refclock/DeviceApi.h"
#include "refclock/RefClockSample.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <optional>
#include <string>

namespace s1 {

enum class PpsEdge { Assert, Clear };

// "assert" or "clear".
const char *ppsEdgeName(PpsEdge edge);

// What the GPS view shows about one PPS device.
struct PpsDeviceStatus
{
    std::string device;
    PpsEdge edge = PpsEdge::Assert;
    bool open = false;
    std::optional<RealTime> lastPulse;
    std::uint64_t pulseCount = 0;
    // Edges the kernel saw that were never fetched (sequence gaps).
    std::uint64_t missedPulses = 0;
    std::uint64_t errorCount = 0;
    // The most recent failure, empty if none has happened since open().
    std::string lastError;

    friend bool operator==(const PpsDeviceStatus &, const PpsDeviceStatus &) = default;
};

class PpsDevice
{
public:
    // The longest fetch() will block (s): a host thread must stay responsive to shutdown.
    static constexpr double kMaxFetchTimeout = 10.0;

    // `api` must outlive the device.
    PpsDevice(DeviceApi &api, std::string path, PpsEdge edge = PpsEdge::Assert);
    // Closes the device.
    ~PpsDevice();
    PpsDevice(const PpsDevice &) = delete;
    PpsDevice &operator=(const PpsDevice &) = delete;

    // Opens and configures the device; false with lastError() when it cannot be used.
    // Configuring capture needs CAP_SYS_TIME (the kernel's rule for PPS_SETPARAMS).
    bool open();
    void close();
    bool isOpen() const { return m_fd >= 0; }

    // The newest edge if it was not delivered before. `timeout` (s) is how long the kernel may
    // wait for one: 0 returns at once (a poll), up to kMaxFetchTimeout; negative or NaN counts
    // as 0. nullopt when there is no new edge or on failure (see lastError()).
    std::optional<RefClockPulse> fetch(double timeout = 0.0);

    PpsDeviceStatus status() const;
    const std::string &lastError() const { return m_status.lastError; }
    const std::string &path() const { return m_status.device; }
    PpsEdge edge() const { return m_status.edge; }

private:
    void fail(const std::string &message);
    // Opening failed: close and record.
    bool failOpen(const std::string &message);
    bool configure();

    DeviceApi &m_api;
    int m_fd = -1;
    PpsDeviceStatus m_status;
    // Sequence number of the last edge delivered since open(); empty before the first.
    std::optional<std::uint32_t> m_lastSequence;
};

} // namespace s1
