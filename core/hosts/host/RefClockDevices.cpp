#include "host/RefClockDevices.h"

#include "refclock/DeviceApi.h"
#include "refclock/PhcDevice.h"
#include "refclock/PhcReading.h"
#include "refclock/PpsDevice.h"
#include "refclock/ShmRefClock.h"
#include "refclock/ShmSegmentApi.h"
#include "refclock/SockRefClockSocket.h"
#include "refclock/SockSample.h"

#include <cmath>
#include <utility>
#include <variant>

namespace s1 {

namespace {

Nanoseconds driverPollInterval(int dpoll)
{
    return std::chrono::duration_cast<Nanoseconds>(std::chrono::duration<double>(std::ldexp(1.0, dpoll)));
}

DeviceApi &systemDevices()
{
    static SystemDeviceApi api;
    return api;
}

ShmSegmentApi &systemShm()
{
    static SystemShmSegmentApi api;
    return api;
}

} // namespace

// One refclock's driver as the host runs it.
class RefClockDevices::Driver
{
public:
    Driver(std::size_t index, const RefClockConfig &config, RefClockDevices::SampleSink &samples,
           RefClockDevices::PulseSink &pulses)
        : m_index(index)
        , m_config(config)
        , m_samples(samples)
        , m_pulses(pulses)
    {
    }
    virtual ~Driver() = default;

    virtual bool open() = 0;
    virtual bool isOpen() const = 0;
    virtual int fd() const { return -1; }
    virtual bool polled() const { return true; }
    virtual void poll(RealTime now) = 0;
    virtual void readable(RealTime /*now*/) {}
    virtual std::string status() const = 0;
    virtual std::optional<GpsPpsStatus> ppsStatus() const { return std::nullopt; }

    // Opens or reopens as due, polls as due.
    void service(RealTime now)
    {
        if (!isOpen()) {
            if (m_retryAt && now < *m_retryAt)
                return;
            if (!open()) {
                m_retryAt = now + kReopenInterval;
                return;
            }
            m_retryAt.reset();
            m_nextPoll = now;
        }
        if (polled() && now >= m_nextPoll) {
            poll(now);
            m_nextPoll = std::max(m_nextPoll + driverPollInterval(m_config.driverPoll), now);
        }
    }

    std::optional<RealTime> nextWakeup() const
    {
        if (!isOpen())
            return m_retryAt;
        return polled() ? std::optional<RealTime>(m_nextPoll) : std::nullopt;
    }

protected:
    void sample(const RefClockSample &s) { m_samples(m_index, s); }
    void pulse(const RefClockPulse &p) { m_pulses(m_index, p); }

    std::size_t m_index;
    RefClockConfig m_config;

private:
    RefClockDevices::SampleSink &m_samples;
    RefClockDevices::PulseSink &m_pulses;
    std::optional<RealTime> m_retryAt;
    RealTime m_nextPoll{};
};

namespace {

class ShmDriver final : public RefClockDevices::Driver
{
public:
    ShmDriver(std::size_t index, const RefClockConfig &config, RefClockDevices::SampleSink &samples,
              RefClockDevices::PulseSink &pulses, ShmSegmentApi &api)
        : Driver(index, config, samples, pulses)
        , m_reader(api, config.shmSegment, config.shmPermissions)
    {
    }
    bool open() override { return m_reader.attach(); }
    bool isOpen() const override { return m_reader.status().attached; }
    void poll(RealTime) override
    {
        if (auto s = m_reader.read())
            sample(*s);
    }
    std::string status() const override
    {
        const ShmReaderStatus &st = m_reader.status();
        if (!st.attached)
            return st.error.empty() ? "SHM " + std::to_string(m_reader.unit()) + " not attached" : st.error;
        std::string text = "SHM " + std::to_string(m_reader.unit()) + ": " + std::to_string(st.samplesRead)
            + " samples, " + std::to_string(st.tornReads) + " torn reads, " + std::to_string(st.invalidSamples)
            + " invalid";
        if (!st.lastInvalid.empty())
            text += " (last: " + st.lastInvalid + ")";
        return text;
    }

private:
    ShmRefClock m_reader;
};

class SockDriver final : public RefClockDevices::Driver
{
public:
    using Driver::Driver;
    bool open() override
    {
        m_socket = SockRefClockSocket::open(m_config.parameter, m_error);
        return m_socket != nullptr;
    }
    bool isOpen() const override { return m_socket != nullptr; }
    int fd() const override { return m_socket ? m_socket->fd() : -1; }
    bool polled() const override { return false; }
    void poll(RealTime) override {}
    void readable(RealTime) override
    {
        if (!m_socket)
            return;
        for (const SockSample &s : m_socket->drain()) {
            if (s.pulse)
                pulse(toRefClockPulse(s, ++m_pulseSequence));
            else
                sample(toRefClockSample(s));
        }
    }
    std::string status() const override
    {
        if (!m_socket)
            return m_error;
        const SockReaderStatus &st = m_socket->status();
        std::string text = "SOCK " + m_socket->path() + ": " + std::to_string(st.samplesReceived) + " samples, "
            + std::to_string(st.badDatagrams) + " bad";
        if (!st.lastError.empty())
            text += " (last: " + st.lastError + ")";
        return text;
    }

private:
    std::unique_ptr<SockRefClockSocket> m_socket;
    std::string m_error;
    std::uint32_t m_pulseSequence = 0;
};

// The PPS jitter the GPS view shows: the RMS of the second differences of the edge times,
// which cancel the clock's offset and frequency; for independent jitter of sd s they have an
// RMS of sqrt(6) s.
class PulseJitter
{
public:
    static constexpr double kSecondDifferenceFactor = 2.449489742783178; // sqrt(6)
    static constexpr double kWeight = 0.05; // of a new squared difference in the running mean
    // A gap (missed pulses) would look like a huge difference; such triples are skipped.
    static constexpr double kMaxDifference = 0.01; // s

    void add(RealTime edge)
    {
        if (m_previous && m_beforePrevious) {
            const double d = toSeconds((edge - *m_previous) - (*m_previous - *m_beforePrevious));
            if (std::abs(d) < kMaxDifference)
                m_meanSquare = m_count++ == 0 ? d * d : (1 - kWeight) * m_meanSquare + kWeight * d * d;
        }
        m_beforePrevious = m_previous;
        m_previous = edge;
    }
    double jitter() const { return std::sqrt(m_meanSquare) / kSecondDifferenceFactor; }

private:
    std::optional<RealTime> m_previous, m_beforePrevious;
    double m_meanSquare = 0;
    std::uint64_t m_count = 0;
};

class PpsDriver final : public RefClockDevices::Driver
{
public:
    PpsDriver(std::size_t index, const RefClockConfig &config, RefClockDevices::SampleSink &samples,
              RefClockDevices::PulseSink &pulses, DeviceApi &api)
        : Driver(index, config, samples, pulses)
        , m_device(api, config.parameter, config.clearEdge ? PpsEdge::Clear : PpsEdge::Assert)
    {
    }
    bool open() override { return m_device.open(); }
    bool isOpen() const override { return m_device.isOpen(); }
    void poll(RealTime) override
    {
        if (const auto p = m_device.fetch(0.0)) {
            m_jitter.add(p->receiveTime);
            pulse(*p);
        }
    }
    std::string status() const override
    {
        const PpsDeviceStatus st = m_device.status();
        if (!st.open)
            return st.lastError.empty() ? st.device + " not open" : st.lastError;
        return st.device + " (" + ppsEdgeName(st.edge) + "): " + std::to_string(st.pulseCount) + " pulses, "
            + std::to_string(st.missedPulses) + " missed";
    }
    std::optional<GpsPpsStatus> ppsStatus() const override
    {
        const PpsDeviceStatus st = m_device.status();
        GpsPpsStatus pps;
        pps.lastPulse = st.lastPulse;
        pps.pulseCount = st.pulseCount;
        pps.jitter = m_jitter.jitter();
        return pps;
    }

private:
    PpsDevice m_device;
    PulseJitter m_jitter;
};

class PhcDriver final : public RefClockDevices::Driver
{
public:
    // Reads per offset measurement: the kernel's maximum, the narrowest of which is used.
    static constexpr int kReadsPerSample = PhcDevice::kMaxSamples;

    PhcDriver(std::size_t index, const RefClockConfig &config, RefClockDevices::SampleSink &samples,
              RefClockDevices::PulseSink &pulses, DeviceApi &api)
        : Driver(index, config, samples, pulses)
        , m_device(api, config.parameter, PhcDevice::Options{config.noCrossTimestamp, config.externalPps})
    {
    }
    bool open() override
    {
        if (!m_device.open())
            return false;
        if (m_config.externalPps
            && !m_device.enableExternalTimestamps(static_cast<unsigned>(m_config.pin),
                                                  static_cast<unsigned>(m_config.channel),
                                                  m_config.clearEdge ? PhcEdge::Falling : PhcEdge::Rising)) {
            m_device.close();
            return false;
        }
        return true;
    }
    bool isOpen() const override { return m_device.isOpen(); }
    int fd() const override { return m_config.externalPps ? m_fdForEvents() : -1; }
    void poll(RealTime) override
    {
        const auto reading = m_device.readOffset(kReadsPerSample);
        if (!reading)
            return;
        m_lastReading = reading;
        if (m_config.externalPps)
            return; // the readings only place the pulses on the system clock
        RefClockSample s;
        s.referenceTime = reading->phcTime;
        s.receiveTime = reading->systemTime;
        s.precision = reading->window / 2;
        sample(s);
    }
    void readable(RealTime) override
    {
        for (const PhcExternalEvent &event : m_device.readEvents()) {
            if (!m_lastReading)
                continue; // no reading yet to put it on the system clock
            RefClockPulse p;
            p.receiveTime = phcToSystem(event.phcTime, *m_lastReading);
            p.sequence = static_cast<std::uint32_t>(m_device.eventCount());
            pulse(p);
        }
    }
    std::string status() const override
    {
        if (!m_device.isOpen())
            return m_device.lastError().empty() ? m_device.path() + " not open" : m_device.lastError();
        std::string text = m_device.path() + ": " + phcReadMethodName(m_device.method()) + " readings";
        if (m_config.externalPps)
            text += ", " + std::to_string(m_device.eventCount()) + " external pulses";
        return text;
    }

private:
    int m_fdForEvents() const { return m_device.fd(); }

    PhcDevice m_device;
    std::optional<PhcReading> m_lastReading;
};

} // namespace

RefClockDevices::RefClockDevices(const std::vector<RefClockConfig> &configs, RefClockSeams seams,
                                 SampleSink samples, PulseSink pulses)
    : m_samplesSink(std::move(samples))
    , m_pulsesSink(std::move(pulses))
{
    DeviceApi &devices = seams.devices ? *seams.devices : systemDevices();
    ShmSegmentApi &shm = seams.shm ? *seams.shm : systemShm();
    for (std::size_t i = 0; i < configs.size(); ++i) {
        const RefClockConfig &c = configs[i];
        std::unique_ptr<Driver> driver;
        switch (c.driver) {
        case RefClockDriver::Shm: driver = std::make_unique<ShmDriver>(i, c, m_samplesSink, m_pulsesSink, shm); break;
        case RefClockDriver::Sock: driver = std::make_unique<SockDriver>(i, c, m_samplesSink, m_pulsesSink); break;
        case RefClockDriver::Pps: driver = std::make_unique<PpsDriver>(i, c, m_samplesSink, m_pulsesSink, devices); break;
        case RefClockDriver::Phc: driver = std::make_unique<PhcDriver>(i, c, m_samplesSink, m_pulsesSink, devices); break;
        case RefClockDriver::Rtc:
        case RefClockDriver::Nmea: break; // RTC: not implemented; NMEA: the Qt host's serial port
        }
        m_drivers.push_back(std::move(driver));
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
    for (const auto &d : m_drivers)
        if (d && d->isOpen() && d->fd() >= 0)
            out.push_back(d->fd());
    return out;
}

void RefClockDevices::readable(int fd, RealTime now)
{
    for (const auto &d : m_drivers)
        if (d && d->isOpen() && d->fd() == fd)
            d->readable(now);
}

void RefClockDevices::timeout(RealTime now)
{
    const std::vector<int> before = fds();
    for (const auto &d : m_drivers)
        if (d)
            d->service(now);
    if (fds() != before)
        ++m_fdGeneration;
}

std::optional<RealTime> RefClockDevices::nextWakeup() const
{
    std::optional<RealTime> next;
    for (const auto &d : m_drivers) {
        if (!d)
            continue;
        if (const auto t = d->nextWakeup(); t && (!next || *t < *next))
            next = t;
    }
    return next;
}

std::string RefClockDevices::status(std::size_t index) const
{
    if (index >= m_drivers.size() || !m_drivers[index])
        return {};
    return m_drivers[index]->status();
}

bool RefClockDevices::fault(std::size_t index) const
{
    return index < m_drivers.size() && m_drivers[index] && !m_drivers[index]->isOpen();
}

std::vector<std::string> RefClockDevices::takeFaultReports()
{
    m_faultReported.resize(m_drivers.size(), false);
    std::vector<std::string> reports;
    const auto retry = std::chrono::duration_cast<std::chrono::seconds>(kReopenInterval);
    for (std::size_t i = 0; i < m_drivers.size(); ++i) {
        const bool now = fault(i);
        if (now == m_faultReported[i])
            continue;
        m_faultReported[i] = now;
        // The status names the device ("/dev/pps0: no such device ...").
        reports.push_back(now ? "refclock " + status(i) + " (trying again every " + std::to_string(retry.count()) + " s)"
                              : "refclock " + status(i));
    }
    return reports;
}

std::optional<GpsPpsStatus> RefClockDevices::ppsStatus() const
{
    for (const auto &d : m_drivers)
        if (d)
            if (auto pps = d->ppsStatus())
                return pps;
    return std::nullopt;
}

} // namespace s1
