#include "refclock/PhcRefClockDriver.h"

namespace s1 {

PhcRefClockDriver::PhcRefClockDriver(const RefClockConfig &config, DeviceApi &api, Sinks sinks)
    : RefClockDriverInterface(std::move(sinks))
    , m_config(config)
    , m_device(api, config.parameter, PhcDevice::Options{config.noCrossTimestamp, config.externalPps})
{ }

bool PhcRefClockDriver::open(RealTime)
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

bool PhcRefClockDriver::isOpen() const
{
    return m_device.isOpen();
}

int PhcRefClockDriver::fd() const
{
    return m_config.externalPps ? m_device.fd() : -1;
}

void PhcRefClockDriver::poll(RealTime)
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

void PhcRefClockDriver::readable(RealTime)
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

RefClockDriverStatus PhcRefClockDriver::status() const
{
    if (!m_device.isOpen())
        return {m_device.lastError().empty() ? m_device.path() + " not open" : m_device.lastError(), true};
    std::string text = m_device.path() + ": " + phcReadMethodName(m_device.method()) + " readings";
    if (m_config.externalPps)
        text += ", " + std::to_string(m_device.eventCount()) + " external pulses";
    return {text, false};
}

} // namespace s1
