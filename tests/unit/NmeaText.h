// NMEA 0183 text for the decoder and driver tests: a sentence body framed with '$', its
// checksum and CR LF, as a receiver sends it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace s1::test {

inline std::string nmea(const std::string &body)
{
    std::uint8_t sum = 0;
    for (char c : body)
        sum ^= static_cast<std::uint8_t>(c);
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02X", sum);
    return "$" + body + "*" + hex + "\r\n";
}

} // namespace s1::test
