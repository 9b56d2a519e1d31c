#include "net/LoopedPacket.h"

#include <array>
#include <cstring>

namespace s1 {

namespace {

constexpr std::size_t kMacAddressesBytes = 12; // destination and source MAC
constexpr std::size_t kEtherTypeBytes = 2;
constexpr std::size_t kVlanTagBytes = 4;
constexpr std::uint16_t kEtherTypeVlan = 0x8100;
constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
constexpr std::uint16_t kEtherTypeIpv6 = 0x86dd;
constexpr std::size_t kIpv4MinHeaderBytes = 20;
constexpr std::size_t kIpv4ProtocolOffset = 9;
constexpr std::size_t kIpv4DestinationOffset = 16;
constexpr std::size_t kIpv6HeaderBytes = 40;
constexpr std::size_t kIpv6NextHeaderOffset = 6;
constexpr std::size_t kIpv6DestinationOffset = 24;
constexpr std::size_t kIpv6AddressBytes = 16;
constexpr std::uint8_t kProtocolUdp = 17;
constexpr std::size_t kUdpHeaderBytes = 8;
constexpr std::size_t kUdpDestinationPortOffset = 2;
constexpr std::size_t kUdpLengthOffset = 4;
constexpr int kIpVersion4 = 4;
constexpr int kIpVersion6 = 6;
constexpr int kIpVersionShift = 4;
constexpr std::uint8_t kIhlMask = 0x0f;
constexpr std::size_t kIhlUnitBytes = 4;

std::uint16_t readU16(std::span<const std::uint8_t> data, std::size_t offset)
{
    return static_cast<std::uint16_t>((data[offset] << 8) | data[offset + 1]);
}

// The UDP header and payload that follow an IP header naming `destination`.
std::optional<LoopedPacket> udp(std::span<const std::uint8_t> afterIp, const IpAddress &destination)
{
    if (afterIp.size() < kUdpHeaderBytes)
        return std::nullopt;
    const std::uint16_t port = readU16(afterIp, kUdpDestinationPortOffset);
    const std::size_t udpLength = readU16(afterIp, kUdpLengthOffset);
    if (udpLength < kUdpHeaderBytes || udpLength > afterIp.size())
        return std::nullopt;
    return LoopedPacket{{destination, port}, afterIp.subspan(kUdpHeaderBytes, udpLength - kUdpHeaderBytes)};
}

std::optional<LoopedPacket> ip(std::span<const std::uint8_t> packet)
{
    if (packet.empty())
        return std::nullopt;
    const int version = packet[0] >> kIpVersionShift;
    if (version == kIpVersion4) {
        const std::size_t ihl = (packet[0] & kIhlMask) * kIhlUnitBytes;
        if (ihl < kIpv4MinHeaderBytes || packet.size() < ihl || packet[kIpv4ProtocolOffset] != kProtocolUdp)
            return std::nullopt;
        std::uint32_t address = 0;
        for (std::size_t i = 0; i < 4; ++i)
            address = (address << 8) | packet[kIpv4DestinationOffset + i];
        return udp(packet.subspan(ihl), IpAddress::v4(address));
    }
    if (version == kIpVersion6) {
        // Extension headers are not followed: our packets carry none.
        if (packet.size() < kIpv6HeaderBytes || packet[kIpv6NextHeaderOffset] != kProtocolUdp)
            return std::nullopt;
        std::array<std::uint8_t, kIpv6AddressBytes> address{};
        std::memcpy(address.data(), packet.data() + kIpv6DestinationOffset, address.size());
        return udp(packet.subspan(kIpv6HeaderBytes), IpAddress::v6(address));
    }
    return std::nullopt;
}

} // namespace

std::optional<LoopedPacket> parseLoopedPacket(std::span<const std::uint8_t> frame)
{
    // An Ethernet header (with VLAN tags) first; a device without one gives the IP packet.
    if (frame.size() > kMacAddressesBytes + kEtherTypeBytes) {
        std::size_t at = kMacAddressesBytes;
        while (frame.size() >= at + kVlanTagBytes && readU16(frame, at) == kEtherTypeVlan)
            at += kVlanTagBytes;
        if (frame.size() >= at + kEtherTypeBytes) {
            const std::uint16_t type = readU16(frame, at);
            if (type == kEtherTypeIpv4 || type == kEtherTypeIpv6)
                if (auto parsed = ip(frame.subspan(at + kEtherTypeBytes)))
                    return parsed;
        }
    }
    return ip(frame);
}

} // namespace s1
