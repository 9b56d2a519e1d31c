// Makes the driver for one `refclock` line, with its I/O through the given seams.
#pragma once

#include "config/RefClockConfig.h"
#include "refclock/ByteSource.h"
#include "refclock/RefClockDriverInterface.h"

#include <functional>
#include <memory>

namespace s1 {

class DeviceApi;
class ShmSegmentApi;

// Where drivers do their I/O; empty members mean the real system calls (a tty for a serial
// refclock).
struct RefClockSeams
{
    DeviceApi *devices = nullptr;
    ShmSegmentApi *shm = nullptr;
    // The byte source of a serial (NMEA) refclock.
    std::function<std::unique_ptr<ByteSource>(const RefClockConfig &)> serial;
};

// A driver for `config`, or null for a driver Stratum One does not implement (RTC).
std::unique_ptr<RefClockDriverInterface> makeRefClockDriver(const RefClockConfig &config, const RefClockSeams &seams,
                                                            RefClockDriverInterface::Sinks sinks);

} // namespace s1
