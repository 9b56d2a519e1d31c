#include "net/Subnet.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace s1 {

namespace {

constexpr int kBitsPerByte = 8;
constexpr unsigned kFullByteMask = 0xff;

// The mask that keeps the leading `bits` (0..8) of a byte.
std::uint8_t leadingBitsMask(int bits)
{
    return static_cast<std::uint8_t>((kFullByteMask << (kBitsPerByte - bits)) & kFullByteMask);
}

} // namespace

Subnet Subnet::of(const IpAddress &address, int prefixLength)
{
    const int length = std::clamp(prefixLength, 0, address.bitLength());
    std::array<std::uint8_t, 16> bytes = address.bytes();
    const auto fullBytes = static_cast<std::size_t>(length / kBitsPerByte);
    const int partialBits = length % kBitsPerByte;
    for (std::size_t i = fullBytes; i < bytes.size(); ++i) {
        const bool partial = i == fullBytes && partialBits != 0;
        bytes[i] = partial ? static_cast<std::uint8_t>(bytes[i] & leadingBitsMask(partialBits)) : 0;
    }

    Subnet subnet;
    if (address.isV4())
        subnet.address = IpAddress::v4((std::uint32_t(bytes[0]) << 24) | (std::uint32_t(bytes[1]) << 16)
                                       | (std::uint32_t(bytes[2]) << 8) | std::uint32_t(bytes[3]));
    else if (address.isV6())
        subnet.address = IpAddress::v6(bytes);
    subnet.prefixLength = length;
    return subnet;
}

bool Subnet::contains(const IpAddress &ip) const
{
    if (address.isNull() || ip.family() != address.family())
        return false;
    const auto &mine = address.bytes();
    const auto &theirs = ip.bytes();
    const auto fullBytes = static_cast<std::size_t>(prefixLength / kBitsPerByte);
    if (!std::equal(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(fullBytes), theirs.begin()))
        return false;
    const int partialBits = prefixLength % kBitsPerByte;
    if (partialBits == 0)
        return true;
    const std::uint8_t mask = leadingBitsMask(partialBits);
    return (mine[fullBytes] & mask) == (theirs[fullBytes] & mask);
}

std::string Subnet::toString() const
{
    return address.toString() + "/" + std::to_string(prefixLength);
}

} // namespace s1
