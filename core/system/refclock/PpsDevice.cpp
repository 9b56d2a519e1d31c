#include "refclock/PpsDevice.h"

#include <linux/pps.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fcntl.h>
#include <utility>

namespace s1 {

namespace {

constexpr int kCaptureBits = PPS_CAPTUREASSERT | PPS_CAPTURECLEAR;
constexpr int kFormatBits = PPS_TSFMT_TSPEC | PPS_TSFMT_NTPFP;

int captureBit(PpsEdge edge)
{
    return edge == PpsEdge::Assert ? PPS_CAPTUREASSERT : PPS_CAPTURECLEAR;
}

std::string hex(int bits)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%x", static_cast<unsigned>(bits));
    return text;
}

std::string callFailure(const char *call, int error)
{
    return std::string(" (") + call + ": " + errnoText(error) + ")";
}

// Why opening failed, in words that point at the fix.
std::string openFailure(int error)
{
    switch (error) {
    case ENOENT:
        return "no such device (is a PPS source registered under this name? pps-gpio, or "
               "`ldattach PPS` for a serial port's DCD line)";
    case EACCES:
    case EPERM:
        return "permission denied (read and write access to the device is needed)";
    case ENODEV:
    case ENXIO:
        return "device not present";
    default:
        return "cannot open: " + errnoText(error);
    }
}

// A kernel timestamp as RealTime; nullopt when it cannot be a capture time.
std::optional<RealTime> toRealTime(const pps_ktime &t)
{
    constexpr std::int64_t kMaxSeconds = INT64_MAX / kNanosPerSecond - 1;
    if (t.sec < 0 || t.sec > kMaxSeconds || t.nsec < 0 || t.nsec >= kNanosPerSecond)
        return std::nullopt;
    return realTimeFromNanos(t.sec * kNanosPerSecond + t.nsec);
}

pps_ktime toKtime(double seconds)
{
    pps_ktime t{};
    const double whole = std::floor(seconds);
    t.sec = static_cast<std::int64_t>(whole);
    // The fraction rounds to at most 1e9 ns, which a double holds exactly.
    const double nanos = std::round((seconds - whole) * kNanosPerSecond);
    t.nsec = static_cast<std::int32_t>(std::min<double>(nanos, kNanosPerSecond - 1));
    return t;
}

} // namespace

const char *ppsEdgeName(PpsEdge edge)
{
    return edge == PpsEdge::Assert ? "assert" : "clear";
}

PpsDevice::PpsDevice(DeviceApi &api, std::string path, PpsEdge edge)
    : m_api(api)
{
    m_status.device = std::move(path);
    m_status.edge = edge;
}

PpsDevice::~PpsDevice()
{
    close();
}

bool PpsDevice::open()
{
    if (isOpen())
        return true;
    m_status.lastError.clear();
    m_lastSequence.reset();

    // Read and write, as pps-tools and chrony open it; close-on-exec keeps it from children.
    const int fd = m_api.open(m_status.device, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        fail(m_status.device + ": " + openFailure(-fd));
        return false;
    }
    m_fd = fd;
    if (!configure())
        return false;

    // The kernel keeps the last edge it saw, possibly from long before we opened; remember
    // its sequence so that only edges from now on are delivered.
    pps_fdata data{};
    const int result = m_api.ioctl(m_fd, PPS_FETCH, &data);
    if (result < 0)
        return failOpen("reading the current edge" + callFailure("PPS_FETCH", -result));
    m_lastSequence = m_status.edge == PpsEdge::Assert ? data.info.assert_sequence : data.info.clear_sequence;
    return true;
}

bool PpsDevice::configure()
{
    int capabilities = 0;
    int result = m_api.ioctl(m_fd, PPS_GETCAP, &capabilities);
    if (result < 0) {
        return failOpen(result == -ENOTTY ? "not a PPS device" + callFailure("PPS_GETCAP", ENOTTY)
                                          : "reading capabilities" + callFailure("PPS_GETCAP", -result));
    }
    const int wanted = captureBit(m_status.edge);
    if (!(capabilities & wanted)) {
        return failOpen(std::string("cannot capture ") + ppsEdgeName(m_status.edge) + " edges (capabilities "
                        + hex(capabilities) + ")");
    }
    // Without it PPS_FETCH cannot wait for an edge with a timeout.
    if (!(capabilities & PPS_CANWAIT)) {
        return failOpen("cannot wait for edges (no PPS_CANWAIT in capabilities " + hex(capabilities) + ")");
    }

    // Start from the current parameters so that offsets and echo settings made by others
    // survive; only the capture edge and the timestamp format are ours.
    pps_kparams params{};
    result = m_api.ioctl(m_fd, PPS_GETPARAMS, &params);
    if (result < 0)
        return failOpen("reading parameters" + callFailure("PPS_GETPARAMS", -result));
    params.mode &= ~(kCaptureBits | kFormatBits);
    params.mode |= wanted;
    // The kernel refuses mode bits outside the capabilities; with no format bit it picks
    // timespec itself, so asking for it explicitly is only done where it is allowed.
    if (capabilities & PPS_TSFMT_TSPEC)
        params.mode |= PPS_TSFMT_TSPEC;
    result = m_api.ioctl(m_fd, PPS_SETPARAMS, &params);
    if (result == -EPERM) {
        return failOpen("setting the capture edge needs CAP_SYS_TIME (run as root or grant the "
                        "capability)"
                        + callFailure("PPS_SETPARAMS", EPERM));
    }
    if (result < 0)
        return failOpen("setting the capture edge" + callFailure("PPS_SETPARAMS", -result));
    return true;
}

void PpsDevice::close()
{
    if (m_fd >= 0)
        m_api.close(m_fd);
    m_fd = -1;
}

std::optional<RefClockPulse> PpsDevice::fetch(double timeout)
{
    if (!isOpen()) {
        fail(m_status.device + ": not open");
        return std::nullopt;
    }
    if (!(timeout > 0)) // also NaN
        timeout = 0;
    timeout = std::min(timeout, kMaxFetchTimeout);

    pps_fdata data{};
    // flags 0: the timeout is valid (PPS_TIME_INVALID would mean "wait for ever").
    data.timeout = toKtime(timeout);
    const int result = m_api.ioctl(m_fd, PPS_FETCH, &data);
    if (result == -ETIMEDOUT || result == -EINTR)
        return std::nullopt; // no edge within the timeout, or a signal: nothing is wrong
    if (result == -ENODEV || result == -ENXIO) {
        fail(m_status.device + ": device vanished" + callFailure("PPS_FETCH", -result));
        close();
        return std::nullopt;
    }
    if (result < 0) {
        fail(m_status.device + ": reading the edge failed" + callFailure("PPS_FETCH", -result));
        return std::nullopt;
    }

    const bool assert = m_status.edge == PpsEdge::Assert;
    const std::uint32_t sequence = assert ? data.info.assert_sequence : data.info.clear_sequence;
    if (m_lastSequence && sequence == *m_lastSequence)
        return std::nullopt;
    const pps_ktime &stamp = assert ? data.info.assert_tu : data.info.clear_tu;
    if (stamp.sec == 0 && stamp.nsec == 0)
        return std::nullopt; // the kernel has not captured this edge yet
    const std::optional<RealTime> time = toRealTime(stamp);
    if (!time) {
        fail(m_status.device + ": kernel returned an invalid timestamp");
        return std::nullopt;
    }

    if (m_lastSequence) {
        // Unsigned arithmetic also covers the counter wrapping past 2^32 - 1.
        const std::uint32_t advance = sequence - *m_lastSequence;
        m_status.missedPulses += advance - 1;
    }
    m_lastSequence = sequence;
    ++m_status.pulseCount;
    m_status.lastPulse = *time;
    return RefClockPulse{*time, sequence};
}

PpsDeviceStatus PpsDevice::status() const
{
    PpsDeviceStatus status = m_status;
    status.open = isOpen();
    return status;
}

void PpsDevice::fail(const std::string &message)
{
    m_status.lastError = message;
    ++m_status.errorCount;
}

bool PpsDevice::failOpen(const std::string &message)
{
    fail(m_status.device + ": " + message);
    close();
    return false;
}

} // namespace s1
