// One u-blox UBX frame: class, ID and payload, framed by the B5 62 sync, a little-endian
// payload length and the 8-bit Fletcher checksum over class, ID, length and payload.
// Payloads may contain B5 62, '$' and LF, so a frame is only ever recognised by length and
// checksum; the stream decoder resyncs at the next B5 62 when one fails.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace s1 {

class UbxFrame
{
public:
    static constexpr std::uint8_t kSync1 = 0xB5;
    static constexpr std::uint8_t kSync2 = 0x62;
    static constexpr std::size_t kHeaderSize = 6; // sync, class, ID, length
    static constexpr std::size_t kChecksumSize = 2;
    // Larger than any message we decode (MON-VER with many extensions, NAV-SAT with
    // ~100 satellites: 8 + 12 * 100 bytes); a larger length is taken as line noise, which
    // keeps a corrupted length from swallowing kilobytes of good data.
    static constexpr std::size_t kMaxPayload = 4096;

    enum class Result { Frame, NeedMore, Invalid, BadChecksum };

    std::uint8_t messageClass = 0;
    std::uint8_t messageId = 0;
    std::vector<std::uint8_t> payload;

    bool is(std::uint8_t cls, std::uint8_t id) const { return messageClass == cls && messageId == id; }

    // Tries to read a frame at the start of `bytes` (which must start with the sync).
    // Frame: `frame` is filled and `consumed` is its size. NeedMore: the frame is not complete
    // yet. Invalid: not a frame here (bad sync or oversized length). BadChecksum: sync and
    // length fit but the Fletcher sum does not; `consumed` is the size the header claims.
    static Result parse(std::span<const std::uint8_t> bytes, UbxFrame &frame, std::size_t &consumed);
    // The wire form of a frame (for tests and for commands to the receiver).
    static std::vector<std::uint8_t> encode(std::uint8_t cls, std::uint8_t id, std::span<const std::uint8_t> payload);
    // Fletcher-8 over `bytes`: CK_A in the low byte, CK_B in the high byte.
    static std::uint16_t checksum(std::span<const std::uint8_t> bytes);
};

} // namespace s1
