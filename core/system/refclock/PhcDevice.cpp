#include "refclock/PhcDevice.h"

#include <linux/ptp_clock.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <utility>

namespace s1 {

namespace {

static_assert(PhcDevice::kMaxSamples == PTP_MAX_SAMPLES);

constexpr std::size_t kEventSize = sizeof(ptp_extts_event);
// Records asked for per read(); the kernel wants a whole number of them.
constexpr std::size_t kEventsPerRead = 16;
// The kernel queues at most 128 events (PTP_MAX_TIMESTAMPS); twice that many reads' worth
// drains any queue even while it refills, and bounds the loop.
constexpr int kKernelQueueEvents = 128;
constexpr int kMaxReadsPerCall = 2 * kKernelQueueEvents / static_cast<int>(kEventsPerRead);

std::string callFailure(const char *call, int error)
{
    return std::string(" (") + call + ": " + errnoText(error) + ")";
}

std::string openFailure(int error)
{
    switch (error) {
    case ENOENT:
        return "no such device (does the NIC driver expose a PHC? `ethtool -T <interface>` "
               "shows its index)";
    case EACCES:
    case EPERM:
        return "permission denied";
    case ENODEV:
    case ENXIO:
        return "device not present";
    default:
        return "cannot open: " + errnoText(error);
    }
}

bool unsupported(int error)
{
    return error == EOPNOTSUPP || error == ENOTTY;
}

// A PHC or system timestamp as RealTime; nullopt when it cannot be one. PHCs count from an
// epoch at or after 1970 (whatever set them), so a negative time is a broken reading.
std::optional<RealTime> toRealTime(const ptp_clock_time &t)
{
    constexpr std::int64_t kMaxSeconds = INT64_MAX / kNanosPerSecond - 1;
    if (t.sec < 0 || t.sec > kMaxSeconds || t.nsec >= static_cast<std::uint32_t>(kNanosPerSecond))
        return std::nullopt;
    return realTimeFromNanos(t.sec * kNanosPerSecond + t.nsec);
}

std::optional<PhcSandwich> sandwich(const ptp_clock_time &before, const ptp_clock_time &phc,
                                    const ptp_clock_time &after)
{
    const auto b = toRealTime(before);
    const auto p = toRealTime(phc);
    const auto a = toRealTime(after);
    if (!b || !p || !a)
        return std::nullopt;
    return PhcSandwich{*b, *p, *a};
}

} // namespace

const char *phcReadMethodName(PhcReadMethod method)
{
    switch (method) {
    case PhcReadMethod::Precise:
        return "precise";
    case PhcReadMethod::Extended:
        return "extended";
    case PhcReadMethod::Basic:
        return "basic";
    }
    return "?";
}

PhcDevice::PhcDevice(DeviceApi &api, std::string path)
    : PhcDevice(api, std::move(path), Options{})
{ }

PhcDevice::PhcDevice(DeviceApi &api, std::string path, Options options)
    : m_api(api)
    , m_path(std::move(path))
    , m_options(options)
{ }

PhcDevice::~PhcDevice()
{
    close();
}

bool PhcDevice::open()
{
    if (isOpen())
        return true;
    m_lastError.clear();
    m_eventCount = 0;
    m_method = m_options.noCrossTimestamps ? PhcReadMethod::Extended : PhcReadMethod::Precise;

    // Reading needs no write access; external timestamp requests do. Non-blocking so that a
    // stray read() can never hang the host (it also polls first, for kernels that ignore it).
    const int access = m_options.externalTimestamps ? O_RDWR : O_RDONLY;
    const int fd = m_api.open(m_path, access | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        fail(m_path + ": " + openFailure(-fd));
        return false;
    }
    m_fd = fd;

    ptp_clock_caps caps{};
    const int result = m_api.ioctl(m_fd, PTP_CLOCK_GETCAPS, &caps);
    if (result < 0) {
        fail(m_path + ": " + (result == -ENOTTY ? std::string("not a PTP hardware clock") : "reading capabilities")
             + callFailure("PTP_CLOCK_GETCAPS", -result));
        close();
        return false;
    }
    m_channels = caps.n_ext_ts;
    m_pins = caps.n_pins;
    m_crossTimestamps = caps.cross_timestamping != 0;
    return true;
}

void PhcDevice::close()
{
    if (m_fd < 0)
        return;
    disableExternalTimestamps();
    m_api.close(m_fd);
    m_fd = -1;
    m_pendingBytes.clear();
}

std::optional<PhcReading> PhcDevice::readOffset(int samples)
{
    if (!isOpen()) {
        fail(m_path + ": not open");
        return std::nullopt;
    }
    samples = std::clamp(samples, 1, kMaxSamples);

    // At most one pass over the three methods; m_method only ever moves down the list.
    constexpr int kMethods = 3;
    for (int pass = 0; pass < kMethods; ++pass) {
        const Attempt attempt = m_method == PhcReadMethod::Precise    ? readPrecise()
                                : m_method == PhcReadMethod::Extended ? readExtended(samples)
                                                                      : readBasic(samples);
        if (attempt.error == 0 && attempt.reading)
            return attempt.reading;
        const char *call = m_method == PhcReadMethod::Precise    ? "PTP_SYS_OFFSET_PRECISE"
                           : m_method == PhcReadMethod::Extended ? "PTP_SYS_OFFSET_EXTENDED"
                                                                 : "PTP_SYS_OFFSET";
        if (attempt.error == 0) {
            fail(m_path + ": no valid reading" + " (" + call + " returned invalid timestamps)");
            return std::nullopt;
        }
        if (!unsupported(attempt.error) || m_method == PhcReadMethod::Basic) {
            failCall("reading the clock", call, attempt.error);
            return std::nullopt;
        }
        m_method = m_method == PhcReadMethod::Precise ? PhcReadMethod::Extended : PhcReadMethod::Basic;
    }
    return std::nullopt;
}

PhcDevice::Attempt PhcDevice::readPrecise()
{
    ptp_sys_offset_precise data{};
    const int result = m_api.ioctl(m_fd, PTP_SYS_OFFSET_PRECISE, &data);
    if (result < 0)
        return {-result, std::nullopt};
    const auto phc = toRealTime(data.device);
    const auto system = toRealTime(data.sys_realtime);
    if (!phc || !system)
        return {};
    // Hardware latched both clocks at the same instant: there is no window.
    return {0, PhcReading{*phc, *system, 0.0}};
}

PhcDevice::Attempt PhcDevice::readExtended(int samples)
{
    ptp_sys_offset_extended data{};
    data.n_samples = static_cast<unsigned>(samples);
    const int result = m_api.ioctl(m_fd, PTP_SYS_OFFSET_EXTENDED, &data);
    if (result < 0)
        return {-result, std::nullopt};
    std::array<PhcSandwich, kMaxSamples> sandwiches{};
    std::size_t count = 0;
    for (int i = 0; i < samples; ++i) {
        if (const auto s = sandwich(data.ts[i][0], data.ts[i][1], data.ts[i][2]))
            sandwiches[count++] = *s;
    }
    return {0, narrowestReading(std::span(sandwiches.data(), count))};
}

PhcDevice::Attempt PhcDevice::readBasic(int samples)
{
    ptp_sys_offset data{};
    data.n_samples = static_cast<unsigned>(samples);
    const int result = m_api.ioctl(m_fd, PTP_SYS_OFFSET, &data);
    if (result < 0)
        return {-result, std::nullopt};
    // Interleaved system, PHC, system, ..., system: each PHC read sits between its neighbours.
    std::array<PhcSandwich, kMaxSamples> sandwiches{};
    std::size_t count = 0;
    for (int i = 0; i < samples; ++i) {
        if (const auto s = sandwich(data.ts[2 * i], data.ts[2 * i + 1], data.ts[2 * i + 2]))
            sandwiches[count++] = *s;
    }
    return {0, narrowestReading(std::span(sandwiches.data(), count))};
}

bool PhcDevice::enableExternalTimestamps(std::optional<unsigned> pin, unsigned channel, PhcEdge edge)
{
    if (!isOpen()) {
        fail(m_path + ": not open");
        return false;
    }
    if (!m_options.externalTimestamps) {
        fail(m_path + ": opened read-only; external timestamps need it opened with extpps");
        return false;
    }
    if (channel >= static_cast<unsigned>(std::max(m_channels, 0))) {
        fail(m_path + ": no external timestamp channel " + std::to_string(channel) + " (the clock has "
             + std::to_string(m_channels) + ")");
        return false;
    }
    if (pin && *pin >= static_cast<unsigned>(std::max(m_pins, 0))) {
        fail(m_path + ": no pin " + std::to_string(*pin) + " (the clock has " + std::to_string(m_pins) + ")");
        return false;
    }
    disableExternalTimestamps();

    if (pin) {
        ptp_pin_desc desc{};
        desc.index = *pin;
        desc.func = PTP_PF_EXTTS;
        desc.chan = channel;
        const int result = m_api.ioctl(m_fd, PTP_PIN_SETFUNC, &desc);
        if (result < 0) {
            failCall("routing pin " + std::to_string(*pin) + " to channel " + std::to_string(channel),
                     "PTP_PIN_SETFUNC", -result);
            return false;
        }
    }

    ptp_extts_request request{};
    request.index = channel;
    request.flags = PTP_ENABLE_FEATURE | (edge == PhcEdge::Rising ? PTP_RISING_EDGE : PTP_FALLING_EDGE);
#ifdef PTP_STRICT_FLAGS
    // Asks drivers to stamp exactly the edge given rather than whatever their hardware does.
    // The v1 request strips this bit before drivers see it (only PTP_EXTTS_REQUEST2 passes it
    // on), so today it is inert; it is set so that the request says what we mean and stays
    // right if the call is switched to the v2 ioctl.
    request.flags |= PTP_STRICT_FLAGS;
#endif
    const int result = m_api.ioctl(m_fd, PTP_EXTTS_REQUEST, &request);
    if (result < 0) {
        failCall("enabling external timestamps on channel " + std::to_string(channel), "PTP_EXTTS_REQUEST", -result);
        return false;
    }
    m_extts = ExternalTimestamps{channel};
    m_pendingBytes.clear();
    return true;
}

void PhcDevice::disableExternalTimestamps()
{
    if (!m_extts)
        return;
    ptp_extts_request request{};
    request.index = m_extts->channel; // flags 0: off
    m_extts.reset();
    if (isOpen()) {
        const int result = m_api.ioctl(m_fd, PTP_EXTTS_REQUEST, &request);
        if (result < 0)
            failCall("disabling external timestamps", "PTP_EXTTS_REQUEST", -result);
    }
}

std::vector<PhcExternalEvent> PhcDevice::readEvents()
{
    std::vector<PhcExternalEvent> events;
    if (!isOpen() || !m_extts)
        return events;

    std::array<unsigned char, kEventsPerRead * kEventSize> buffer{};
    for (int i = 0; i < kMaxReadsPerCall && isOpen(); ++i) {
        const int ready = m_api.poll(m_fd, POLLIN, 0);
        if (ready < 0) {
            if (ready != -EINTR)
                failCall("waiting for events", "poll", -ready);
            break;
        }
        if (ready & (POLLERR | POLLHUP | POLLNVAL)) {
            failCall("waiting for events", "poll", ENODEV);
            break;
        }
        if (!(ready & POLLIN))
            break;
        const long n = m_api.read(m_fd, buffer.data(), buffer.size());
        if (n == -EAGAIN || n == -EINTR || n == 0)
            break;
        if (n < 0) {
            failCall("reading events", "read", static_cast<int>(-n));
            break;
        }
        const auto count = std::min(static_cast<std::size_t>(n), buffer.size());
        m_pendingBytes.insert(m_pendingBytes.end(), buffer.begin(), buffer.begin() + count);
        takeRecords(events);
    }
    return events;
}

void PhcDevice::takeRecords(std::vector<PhcExternalEvent> &events)
{
    const std::size_t records = m_pendingBytes.size() / kEventSize;
    for (std::size_t r = 0; r < records; ++r) {
        ptp_extts_event event{};
        std::memcpy(&event, m_pendingBytes.data() + r * kEventSize, kEventSize);
        // Before Linux 6.7 every reader of a PHC shares one queue, so other channels' events
        // (and other programs') show up here too.
        if (!m_extts || event.index != m_extts->channel)
            continue;
        const auto time = toRealTime(event.t);
        if (!time) {
            fail(m_path + ": event with an invalid timestamp dropped");
            continue;
        }
        events.push_back(PhcExternalEvent{*time, event.index});
        ++m_eventCount;
    }
    m_pendingBytes.erase(m_pendingBytes.begin(),
                         m_pendingBytes.begin() + static_cast<std::ptrdiff_t>(records * kEventSize));
}

void PhcDevice::fail(const std::string &message)
{
    m_lastError = message;
    ++m_errorCount;
}

void PhcDevice::failCall(const std::string &what, const char *call, int error)
{
    if (error == ENODEV || error == ENXIO) {
        fail(m_path + ": device vanished" + callFailure(call, error));
        m_extts.reset(); // nothing left to disable
        close();
        return;
    }
    fail(m_path + ": " + what + " failed" + callFailure(call, error));
}

} // namespace s1
