// `refclock SOCK /path`: receives the samples and pulses gpsd and friends send to a datagram
// socket; read when the socket is readable, never polled.
#pragma once

#include "config/RefClockConfig.h"
#include "refclock/RefClockDriverInterface.h"
#include "refclock/SockRefClockSocket.h"

#include <cstdint>
#include <memory>

namespace s1 {

class SockRefClockDriver final : public RefClockDriverInterface
{
public:
    SockRefClockDriver(const RefClockConfig &config, Sinks sinks);
    ~SockRefClockDriver() override;
    bool open(RealTime now) override;
    bool isOpen() const override { return m_socket != nullptr; }
    int fd() const override;
    bool polled() const override { return false; }
    void poll(RealTime) override { }
    void readable(RealTime now) override;
    RefClockDriverStatus status() const override;

private:
    std::string m_path;
    std::unique_ptr<SockRefClockSocket> m_socket;
    std::string m_error;
    std::uint32_t m_pulseSequence = 0;
};

} // namespace s1
