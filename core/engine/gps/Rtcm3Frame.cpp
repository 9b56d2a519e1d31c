#include "gps/Rtcm3Frame.h"

#include <algorithm>

namespace s1 {

namespace {
constexpr std::uint32_t kCrc24QPolynomial = 0x1864CFB;
constexpr std::uint32_t kCrc24Mask = 0xFFFFFF;
constexpr std::uint32_t kCrc24TopBit = 0x800000;
constexpr int kCrcBits = 24;
constexpr int kByteBits = 8;
constexpr std::uint8_t kReservedMask = 0xFC; // the six bits before the 10-bit length
constexpr std::uint8_t kLengthHighMask = 0x03;
constexpr int kMessageNumberShift = 4; // 12-bit number: payload byte 0 and the high nibble of byte 1
} // namespace

std::uint32_t Rtcm3Frame::crc24q(std::span<const std::uint8_t> bytes)
{
    std::uint32_t crc = 0;
    for (std::uint8_t byte : bytes) {
        crc ^= std::uint32_t(byte) << (kCrcBits - kByteBits);
        for (int bit = 0; bit < kByteBits; ++bit) {
            crc <<= 1;
            if (crc & (kCrc24TopBit << 1))
                crc ^= kCrc24QPolynomial;
        }
        crc &= kCrc24Mask;
    }
    return crc;
}

Rtcm3Frame::Result Rtcm3Frame::parse(std::span<const std::uint8_t> bytes, int &messageNumber, std::size_t &consumed)
{
    consumed = 0;
    messageNumber = 0;
    if (bytes.empty())
        return Result::NeedMore;
    if (bytes[0] != kPreamble)
        return Result::Invalid;
    if (bytes.size() >= 2 && (bytes[1] & kReservedMask) != 0)
        return Result::Invalid;
    if (bytes.size() < kHeaderSize)
        return Result::NeedMore;
    const std::size_t length = (std::size_t(bytes[1] & kLengthHighMask) << kByteBits) | bytes[2];
    const std::size_t total = kHeaderSize + length + kCrcSize;
    if (bytes.size() < total)
        return Result::NeedMore;
    const std::uint32_t expected = crc24q(bytes.first(kHeaderSize + length));
    const std::size_t at = kHeaderSize + length;
    const std::uint32_t got =
        (std::uint32_t(bytes[at]) << 16) | (std::uint32_t(bytes[at + 1]) << kByteBits) | bytes[at + 2];
    consumed = total;
    if (expected != got)
        return Result::BadChecksum;
    if (length >= 2)
        messageNumber = (bytes[kHeaderSize] << kMessageNumberShift) | (bytes[kHeaderSize + 1] >> kMessageNumberShift);
    return Result::Frame;
}

std::vector<std::uint8_t> Rtcm3Frame::encode(std::span<const std::uint8_t> payload)
{
    const std::size_t length = std::min(payload.size(), kMaxPayload);
    std::vector<std::uint8_t> out;
    out.reserve(kHeaderSize + length + kCrcSize);
    out.push_back(kPreamble);
    out.push_back(static_cast<std::uint8_t>((length >> kByteBits) & kLengthHighMask));
    out.push_back(static_cast<std::uint8_t>(length & 0xFF));
    out.insert(out.end(), payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(length));
    const std::uint32_t crc = crc24q(out);
    out.push_back(static_cast<std::uint8_t>(crc >> 16));
    out.push_back(static_cast<std::uint8_t>(crc >> kByteBits));
    out.push_back(static_cast<std::uint8_t>(crc));
    return out;
}

} // namespace s1
