// `refclock SHM N`: polls the NTP shared-memory segment every driver poll.
#pragma once

#include "config/RefClockConfig.h"
#include "refclock/RefClockDriverInterface.h"
#include "refclock/ShmRefClock.h"

namespace s1 {

class ShmRefClockDriver final : public RefClockDriverInterface
{
public:
    ShmRefClockDriver(const RefClockConfig &config, ShmSegmentApi &api, Sinks sinks);
    bool open(RealTime now) override;
    bool isOpen() const override;
    void poll(RealTime now) override;
    RefClockDriverStatus status() const override;

private:
    ShmRefClock m_reader;
};

} // namespace s1
