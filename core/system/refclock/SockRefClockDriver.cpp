#include "refclock/SockRefClockDriver.h"

#include "refclock/SockSample.h"

namespace s1 {

SockRefClockDriver::SockRefClockDriver(const RefClockConfig &config, Sinks sinks)
    : RefClockDriverInterface(std::move(sinks))
    , m_path(config.parameter)
{ }

SockRefClockDriver::~SockRefClockDriver() = default;

bool SockRefClockDriver::open(RealTime)
{
    m_socket = SockRefClockSocket::open(m_path, m_error);
    return m_socket != nullptr;
}

int SockRefClockDriver::fd() const
{
    return m_socket ? m_socket->fd() : -1;
}

void SockRefClockDriver::readable(RealTime)
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

RefClockDriverStatus SockRefClockDriver::status() const
{
    if (!m_socket)
        return {m_error, true};
    const SockReaderStatus &st = m_socket->status();
    std::string text = "SOCK " + m_socket->path() + ": " + std::to_string(st.samplesReceived) + " samples, "
                       + std::to_string(st.badDatagrams) + " bad";
    if (!st.lastError.empty())
        text += " (last: " + st.lastError + ")";
    return {text, false};
}

} // namespace s1
