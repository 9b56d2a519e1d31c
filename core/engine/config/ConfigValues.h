// Internal to core/config: the value syntax of chrony.conf words (numbers as chronyd's sscanf
// reads them, shortened subnets, host names) and how values are quoted in messages.
#pragma once

#include "config/EngineConfig.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace s1 {

enum class NumberStatus : std::uint8_t { Ok, Invalid, OutOfRange };

// Decimal integer with an optional sign ('+' too, as sscanf).
NumberStatus parseInteger(std::string_view text, long long &out);
// Hexadecimal integer with an optional 0x, as sscanf's %x.
NumberStatus parseHexInteger(std::string_view text, long long &out);
// A finite decimal number with an optional sign and exponent.
NumberStatus parseReal(std::string_view text, double &out);
bool allDigits(std::string_view text);

// The shortest text that reads back as `value`: "0.5", "1000", "1e-09".
std::string formatNumber(double value);
// "'text'"
std::string inQuotes(std::string_view text);

// A subnet of allow/deny/cmdallow/cmddeny, or why the word is not one. `error` is set exactly
// when `subnet` is not.
struct SubnetParse
{
    std::optional<Subnet> subnet;
    std::string error;
};
SubnetParse parseSubnet(std::string_view text);

// True for an address, or a name made of the characters DNS names use. Anything else is accepted
// by chronyd too but can never resolve (a "<placeholder>" copied from a how-to, say).
bool isPlausibleHost(std::string_view text);

} // namespace s1
