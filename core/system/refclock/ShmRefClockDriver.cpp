#include "refclock/ShmRefClockDriver.h"

namespace s1 {

ShmRefClockDriver::ShmRefClockDriver(const RefClockConfig &config, ShmSegmentApi &api, Sinks sinks)
    : RefClockDriverInterface(std::move(sinks))
    , m_reader(api, config.shmSegment, config.shmPermissions)
{ }

bool ShmRefClockDriver::open(RealTime)
{
    return m_reader.attach();
}

bool ShmRefClockDriver::isOpen() const
{
    return m_reader.status().attached;
}

void ShmRefClockDriver::poll(RealTime)
{
    if (auto s = m_reader.read())
        sample(*s);
}

RefClockDriverStatus ShmRefClockDriver::status() const
{
    const ShmReaderStatus &st = m_reader.status();
    if (!st.attached)
        return {st.error.empty() ? "SHM " + std::to_string(m_reader.unit()) + " not attached" : st.error, true};
    std::string text = "SHM " + std::to_string(m_reader.unit()) + ": " + std::to_string(st.samplesRead) + " samples, "
                       + std::to_string(st.tornReads) + " torn reads, " + std::to_string(st.invalidSamples)
                       + " invalid";
    if (!st.lastInvalid.empty())
        text += " (last: " + st.lastInvalid + ")";
    return {text, false};
}

} // namespace s1
