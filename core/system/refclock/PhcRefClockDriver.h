// `refclock PHC /dev/ptpN`: reads the PTP hardware clock's offset every driver poll, or with
// `extpps` takes the pulses the PHC timestamped on a pin (read when its fd is readable) and
// places them on the system clock with the last offset reading.
#pragma once

#include "config/RefClockConfig.h"
#include "refclock/PhcDevice.h"
#include "refclock/PhcReading.h"
#include "refclock/RefClockDriverInterface.h"

namespace s1 {

class PhcRefClockDriver final : public RefClockDriverInterface
{
public:
    // Reads per offset measurement: the kernel's maximum, the narrowest of which is used.
    static constexpr int kReadsPerSample = PhcDevice::kMaxSamples;

    PhcRefClockDriver(const RefClockConfig &config, DeviceApi &api, Sinks sinks);
    bool open(RealTime now) override;
    bool isOpen() const override;
    int fd() const override;
    void poll(RealTime now) override;
    void readable(RealTime now) override;
    RefClockDriverStatus status() const override;

private:
    RefClockConfig m_config;
    PhcDevice m_device;
    std::optional<PhcReading> m_lastReading;
};

} // namespace s1
