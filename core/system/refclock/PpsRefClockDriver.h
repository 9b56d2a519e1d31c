// `refclock PPS /dev/ppsN`: fetches the last edge from the kernel's PPS API every driver poll.
#pragma once

#include "config/RefClockConfig.h"
#include "refclock/PpsDevice.h"
#include "refclock/PulseJitter.h"
#include "refclock/RefClockDriverInterface.h"

namespace s1 {

class PpsRefClockDriver final : public RefClockDriverInterface
{
public:
    PpsRefClockDriver(const RefClockConfig &config, DeviceApi &api, Sinks sinks);
    bool open(RealTime now) override;
    bool isOpen() const override;
    void poll(RealTime now) override;
    RefClockDriverStatus status() const override;
    std::optional<GpsPpsStatus> ppsStatus() const override;

private:
    PpsDevice m_device;
    PulseJitter m_jitter;
};

} // namespace s1
