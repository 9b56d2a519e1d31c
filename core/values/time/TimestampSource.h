// Where a local timestamp of an NTP exchange was taken. chronyc's ntpdata prints "Daemon",
// "Kernel", "Hardware"; chrony's measurements log prints 'D', 'K', 'H'.
#pragma once

#include <cstdint>

namespace s1 {

enum class TimestampSource : std::uint8_t {
    Daemon,   // user space, after the datagram was read
    Kernel,   // SO_TIMESTAMPING software stamps
    Hardware, // the NIC's clock
};

} // namespace s1
