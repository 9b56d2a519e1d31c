#include "refclock/RefClockDriverFactory.h"

#include "refclock/DeviceApi.h"
#include "refclock/NmeaRefClockDriver.h"
#include "refclock/PhcRefClockDriver.h"
#include "refclock/PpsRefClockDriver.h"
#include "refclock/ShmRefClockDriver.h"
#include "refclock/ShmSegmentApi.h"
#include "refclock/SockRefClockDriver.h"
#include "refclock/TtyByteSource.h"

namespace s1 {

namespace {

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

std::unique_ptr<RefClockDriverInterface> makeRefClockDriver(const RefClockConfig &config, const RefClockSeams &seams,
                                                            RefClockDriverInterface::Sinks sinks)
{
    DeviceApi &devices = seams.devices ? *seams.devices : systemDevices();
    ShmSegmentApi &shm = seams.shm ? *seams.shm : systemShm();
    switch (config.driver) {
    case RefClockDriver::Shm:
        return std::make_unique<ShmRefClockDriver>(config, shm, std::move(sinks));
    case RefClockDriver::Sock:
        return std::make_unique<SockRefClockDriver>(config, std::move(sinks));
    case RefClockDriver::Pps:
        return std::make_unique<PpsRefClockDriver>(config, devices, std::move(sinks));
    case RefClockDriver::Phc:
        return std::make_unique<PhcRefClockDriver>(config, devices, std::move(sinks));
    case RefClockDriver::Nmea: {
        std::unique_ptr<ByteSource> source = seams.serial ? seams.serial(config) : nullptr;
        if (!source)
            source = std::make_unique<TtyByteSource>();
        return std::make_unique<NmeaRefClockDriver>(config, std::move(source), std::move(sinks));
    }
    case RefClockDriver::Rtc:
        break; // not implemented (the configuration says so)
    }
    return nullptr;
}

} // namespace s1
