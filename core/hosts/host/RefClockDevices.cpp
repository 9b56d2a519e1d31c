#include "host/RefClockDevices.h"

#include <cmath>
#include <utility>

namespace s1 {

namespace {

Nanoseconds driverPollInterval(int dpoll)
{
    return std::chrono::duration_cast<Nanoseconds>(std::chrono::duration<double>(std::ldexp(1.0, dpoll)));
}

} // namespace

RefClockDevices::RefClockDevices(const std::vector<RefClockConfig> &configs, const RefClockSeams &seams,
                                 SampleSink samples, PulseSink pulses)
    : m_samplesSink(std::move(samples))
    , m_pulsesSink(std::move(pulses))
{
    for (std::size_t i = 0; i < configs.size(); ++i) {
        RefClockDriverInterface::Sinks sinks;
        sinks.sample = [this, i](const RefClockSample &s) { m_samplesSink(i, s); };
        sinks.pulse = [this, i](const RefClockPulse &p) { m_pulsesSink(i, p); };
        Slot slot;
        slot.driver = makeRefClockDriver(configs[i], seams, std::move(sinks));
        slot.driverPoll = configs[i].driverPoll;
        m_slots.push_back(std::move(slot));
    }
}

RefClockDevices::~RefClockDevices() = default;

void RefClockDevices::start(RealTime now)
{
    timeout(now);
}

std::vector<int> RefClockDevices::fds() const
{
    std::vector<int> out;
    for (const Slot &s : m_slots)
        if (s.driver && s.driver->isOpen() && s.driver->fd() >= 0)
            out.push_back(s.driver->fd());
    return out;
}

void RefClockDevices::readable(int fd, RealTime now)
{
    const std::vector<int> before = fds();
    for (Slot &s : m_slots) {
        if (!s.driver || !s.driver->isOpen() || s.driver->fd() != fd)
            continue;
        s.driver->readable(now);
        // A driver that found its device gone closed it: reopen after the interval.
        if (!s.driver->isOpen())
            s.retryAt = now + s.driver->reopenInterval();
    }
    if (fds() != before)
        ++m_fdGeneration;
}

void RefClockDevices::service(Slot &slot, RealTime now)
{
    RefClockDriverInterface &d = *slot.driver;
    if (!d.isOpen()) {
        if (slot.retryAt && now < *slot.retryAt)
            return;
        if (!d.open(now)) {
            slot.retryAt = now + d.reopenInterval();
            return;
        }
        slot.retryAt.reset();
        slot.nextPoll = now;
    }
    if (d.polled() && now >= slot.nextPoll) {
        d.poll(now);
        slot.nextPoll = std::max(slot.nextPoll + driverPollInterval(slot.driverPoll), now);
    } else if (const auto due = d.deadline(); due && now >= *due) {
        d.poll(now);
    }
}

void RefClockDevices::timeout(RealTime now)
{
    const std::vector<int> before = fds();
    for (Slot &s : m_slots)
        if (s.driver)
            service(s, now);
    if (fds() != before)
        ++m_fdGeneration;
}

std::optional<RealTime> RefClockDevices::nextWakeup(const Slot &slot)
{
    const RefClockDriverInterface &d = *slot.driver;
    if (!d.isOpen())
        return slot.retryAt;
    std::optional<RealTime> next = d.polled() ? std::optional<RealTime>(slot.nextPoll) : std::nullopt;
    if (const auto due = d.deadline(); due && (!next || *due < *next))
        next = due;
    return next;
}

std::optional<RealTime> RefClockDevices::nextWakeup() const
{
    std::optional<RealTime> next;
    for (const Slot &s : m_slots) {
        if (!s.driver)
            continue;
        if (const auto t = nextWakeup(s); t && (!next || *t < *next))
            next = t;
    }
    return next;
}

std::string RefClockDevices::status(std::size_t index) const
{
    if (index >= m_slots.size() || !m_slots[index].driver)
        return {};
    return m_slots[index].driver->status().text;
}

bool RefClockDevices::fault(std::size_t index) const
{
    return index < m_slots.size() && m_slots[index].driver && m_slots[index].driver->status().fault;
}

std::vector<std::string> RefClockDevices::takeFaultReports()
{
    std::vector<std::string> reports;
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        Slot &s = m_slots[i];
        const bool now = fault(i);
        if (now == s.faultReported)
            continue;
        s.faultReported = now;
        // The status names the device ("/dev/pps0: no such device ...").
        std::string report = "refclock " + status(i);
        if (now && !s.driver->isOpen()) {
            const auto retry = std::chrono::duration_cast<std::chrono::seconds>(s.driver->reopenInterval());
            report += " (trying again every " + std::to_string(retry.count()) + " s)";
        }
        reports.push_back(std::move(report));
    }
    return reports;
}

std::optional<GpsStatus> RefClockDevices::gpsStatus(RealTime now) const
{
    std::optional<GpsStatus> gps;
    for (const Slot &s : m_slots)
        if (s.driver && !gps)
            gps = s.driver->gpsStatus(now);
    for (const Slot &s : m_slots) {
        if (!s.driver)
            continue;
        if (const auto pps = s.driver->ppsStatus()) {
            if (!gps)
                gps = GpsStatus{};
            gps->pps = *pps;
            break;
        }
    }
    return gps;
}

} // namespace s1
