// The few NTP protocol values that reports, logs and the clock share with the packet codec
// (RFC 5905 LI and mode fields, the stratum limit), kept below all of them.
#pragma once

#include <cstdint>

namespace s1 {

constexpr std::uint8_t kNtpMaxStratum = 16; // "unsynchronised"; 0 on the wire

enum class LeapIndicator : std::uint8_t {
    None = 0,
    InsertSecond = 1,
    DeleteSecond = 2,
    Unsynchronised = 3,
};

enum class NtpMode : std::uint8_t {
    Reserved = 0,
    SymmetricActive = 1,
    SymmetricPassive = 2,
    Client = 3,
    Server = 4,
    Broadcast = 5,
    Control = 6,
    Private = 7,
};

} // namespace s1
