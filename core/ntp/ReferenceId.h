// Reference IDs as text: reference clocks and kiss codes put ASCII in the 32-bit field.
#pragma once

#include <cstdint>
#include <string>

namespace s1 {

// The printable ASCII bytes of a reference ID in order, others skipped: "PPS" for 0x50505300,
// "" for 127.127.1.1. What chronyc and chronyd's logs print for reference clocks.
std::string printableReferenceId(std::uint32_t referenceId);

} // namespace s1
