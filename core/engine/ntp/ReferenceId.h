// Reference IDs: naming a server by its address, and as text (reference clocks and kiss codes
// put ASCII in the 32-bit field).
#pragma once

#include "net/IpAddress.h"

#include <cstdint>
#include <string>

namespace s1 {

// The printable ASCII bytes of a reference ID in order, others skipped: "PPS" for 0x50505300,
// "" for 127.127.1.1. What chronyc and chronyd's logs print for reference clocks.
std::string printableReferenceId(std::uint32_t referenceId);

// RFC 5905: an IPv4 server is named by its address; an IPv6 one by the first four octets of the
// MD5 hash of its address (chrony's UTI_IPToRefid). 0 for a null address.
std::uint32_t referenceIdOf(const IpAddress &address);

} // namespace s1
