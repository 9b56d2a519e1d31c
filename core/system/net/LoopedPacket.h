// The packets the kernel loops back to a socket's error queue with their transmit timestamps
// (SO_TIMESTAMPING, SOF_TIMESTAMPING_TX_SOFTWARE): each comes back whole as it left, with its
// link-layer header when the device has one (Ethernet, VLAN tags; loopback has an Ethernet
// header of zeros), then IPv4 or IPv6 and UDP. What names the packet for the engine is the
// destination and the UDP payload, as chronyd extracts them (extract_udp_data).
//
// A pure function, so that tests feed it frames without a kernel.
#pragma once

#include "net/IpAddress.h"

#include <cstdint>
#include <optional>
#include <span>

namespace s1 {

struct LoopedPacket
{
    SocketAddress remote;                  // where the packet went
    std::span<const std::uint8_t> payload; // the UDP payload, within the frame
};

// Nothing when the frame is no UDP packet we can read (another link layer, IPv6 extension
// headers, truncated).
std::optional<LoopedPacket> parseLoopedPacket(std::span<const std::uint8_t> frame);

} // namespace s1
