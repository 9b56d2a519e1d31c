#include "gps/UbxFrame.h"

#include <algorithm>

namespace s1 {

namespace {
constexpr unsigned kByteBits = 8;
constexpr std::size_t kLengthOffset = 4;
} // namespace

std::uint16_t UbxFrame::checksum(std::span<const std::uint8_t> bytes)
{
    std::uint8_t a = 0;
    std::uint8_t b = 0;
    for (std::uint8_t byte : bytes) {
        a = static_cast<std::uint8_t>(a + byte);
        b = static_cast<std::uint8_t>(b + a);
    }
    return static_cast<std::uint16_t>(a | (b << kByteBits));
}

UbxFrame::Result UbxFrame::parse(std::span<const std::uint8_t> bytes, UbxFrame &frame, std::size_t &consumed)
{
    consumed = 0;
    if (!bytes.empty() && bytes[0] != kSync1)
        return Result::Invalid;
    if (bytes.size() >= 2 && bytes[1] != kSync2)
        return Result::Invalid;
    if (bytes.size() < kHeaderSize)
        return Result::NeedMore;
    const std::size_t length = bytes[kLengthOffset] | (std::size_t(bytes[kLengthOffset + 1]) << kByteBits);
    if (length > kMaxPayload)
        return Result::Invalid;
    const std::size_t total = kHeaderSize + length + kChecksumSize;
    if (bytes.size() < total)
        return Result::NeedMore;
    const std::uint16_t expected = checksum(bytes.subspan(2, kHeaderSize - 2 + length));
    const std::uint16_t got = static_cast<std::uint16_t>(bytes[total - 2] | (bytes[total - 1] << kByteBits));
    if (expected != got) {
        consumed = total;
        return Result::BadChecksum;
    }
    frame.messageClass = bytes[2];
    frame.messageId = bytes[3];
    frame.payload.assign(bytes.begin() + kHeaderSize,
                         bytes.begin() + static_cast<std::ptrdiff_t>(kHeaderSize + length));
    consumed = total;
    return Result::Frame;
}

std::vector<std::uint8_t> UbxFrame::encode(std::uint8_t cls, std::uint8_t id, std::span<const std::uint8_t> payload)
{
    std::vector<std::uint8_t> out(kHeaderSize + payload.size() + kChecksumSize);
    out[0] = kSync1;
    out[1] = kSync2;
    out[2] = cls;
    out[3] = id;
    out[kLengthOffset] = static_cast<std::uint8_t>(payload.size() & 0xFF);
    out[kLengthOffset + 1] = static_cast<std::uint8_t>((payload.size() >> kByteBits) & 0xFF);
    std::copy(payload.begin(), payload.end(), out.begin() + kHeaderSize);
    const std::size_t sumEnd = kHeaderSize + payload.size();
    const std::uint16_t ck = checksum(std::span<const std::uint8_t>(out).subspan(2, sumEnd - 2));
    out[sumEnd] = static_cast<std::uint8_t>(ck & 0xFF);
    out[sumEnd + 1] = static_cast<std::uint8_t>(ck >> kByteBits);
    return out;
}

} // namespace s1
