#include "refclock/PpsRefClockDriver.h"

namespace s1 {

PpsRefClockDriver::PpsRefClockDriver(const RefClockConfig &config, DeviceApi &api, Sinks sinks)
    : RefClockDriverInterface(std::move(sinks))
    , m_device(api, config.parameter, config.clearEdge ? PpsEdge::Clear : PpsEdge::Assert)
{ }

bool PpsRefClockDriver::open(RealTime)
{
    return m_device.open();
}

bool PpsRefClockDriver::isOpen() const
{
    return m_device.isOpen();
}

void PpsRefClockDriver::poll(RealTime)
{
    if (const auto p = m_device.fetch(0.0)) {
        m_jitter.add(p->receiveTime);
        pulse(*p);
    }
}

RefClockDriverStatus PpsRefClockDriver::status() const
{
    const PpsDeviceStatus st = m_device.status();
    if (!st.open)
        return {st.lastError.empty() ? st.device + " not open" : st.lastError, true};
    return {st.device + " (" + ppsEdgeName(st.edge) + "): " + std::to_string(st.pulseCount) + " pulses, "
                + std::to_string(st.missedPulses) + " missed",
            false};
}

std::optional<GpsPpsStatus> PpsRefClockDriver::ppsStatus() const
{
    const PpsDeviceStatus st = m_device.status();
    GpsPpsStatus pps;
    pps.lastPulse = st.lastPulse;
    pps.pulseCount = st.pulseCount;
    pps.jitter = m_jitter.jitter();
    return pps;
}

} // namespace s1
