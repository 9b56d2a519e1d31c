// The answer to a symmetric active (mode 1) packet from a configured `peer`: a symmetric
// passive (mode 2) packet built like a server reply. Peers exchange time whatever the access
// rules say (a `peer` line is the permission, as in chrony), so this is not NtpResponder's
// business, which answers clients only.
#pragma once

#include "ntp/NtpPacket.h"
#include "ntp/NtpResponder.h"

#include <cstdint>
#include <vector>

namespace s1 {

// `request` must be mode 1. `receiveTime` is its arrival on the engine's time scale; the
// transmit timestamp holds it until the host stamps the packet for real.
std::vector<std::uint8_t> symmetricPassiveReply(const NtpHeader &request, RealTime receiveTime,
                                                const ServedReference &reference);

} // namespace s1
