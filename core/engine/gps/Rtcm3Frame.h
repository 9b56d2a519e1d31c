// One RTCM 3 frame as receivers interleave them with NMEA and UBX on one port (base stations,
// RTK receivers): preamble 0xD3, six reserved zero bits and a 10-bit payload length, the
// payload (its first 12 bits are the message number), then a CRC-24Q over header and payload.
// The time server does not use RTCM; it recognises the frames only to skip them without
// counting them as line noise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace s1 {

class Rtcm3Frame
{
public:
    static constexpr std::uint8_t kPreamble = 0xD3;
    static constexpr std::size_t kHeaderSize = 3; // preamble, reserved bits + length
    static constexpr std::size_t kCrcSize = 3;
    static constexpr std::size_t kMaxPayload = 1023; // 10 bits

    enum class Result { Frame, NeedMore, Invalid, BadChecksum };

    // Tries to read a frame at the start of `bytes`. Frame: `messageNumber` and `consumed`
    // are set. Invalid: the header cannot start a frame (wrong preamble, reserved bits set).
    // BadChecksum: a well-formed header whose CRC does not match; `consumed` is the size the
    // header claims.
    static Result parse(std::span<const std::uint8_t> bytes, int &messageNumber, std::size_t &consumed);
    // The wire form of a frame (for tests).
    static std::vector<std::uint8_t> encode(std::span<const std::uint8_t> payload);
    // CRC-24Q (polynomial 0x1864CFB, initial value 0) over `bytes`.
    static std::uint32_t crc24q(std::span<const std::uint8_t> bytes);
};

} // namespace s1
