#include "config/ConfigValues.h"

#include "config/ConfigLexer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

namespace s1 {

namespace {

constexpr int kDecimalBase = 10;
constexpr int kHexBase = 16;
constexpr std::string_view kHexPrefix = "0x";
constexpr int kBitsPerOctet = 8;
constexpr int kMaxOctetValue = 255;
constexpr int kIpv4OctetCount = 4;
constexpr std::size_t kNumberTextCapacity = 32; // chars; any double's shortest form fits

// sscanf, which chronyd uses, accepts a leading '+'; from_chars does not.
std::string_view withoutPlusSign(std::string_view text)
{
    if (text.size() > 1 && text.front() == '+' && text[1] != '-')
        text.remove_prefix(1);
    return text;
}

template <typename T>
NumberStatus fromChars(std::string_view text, T &out, int base = kDecimalBase)
{
    if (text.empty())
        return NumberStatus::Invalid;
    const char *end = text.data() + text.size();
    std::from_chars_result r{};
    if constexpr (std::is_floating_point_v<T>)
        r = std::from_chars(text.data(), end, out);
    else
        r = std::from_chars(text.data(), end, out, base);
    if (r.ec == std::errc::result_out_of_range && r.ptr == end)
        return NumberStatus::OutOfRange;
    if (r.ec != std::errc() || r.ptr != end)
        return NumberStatus::Invalid;
    return NumberStatus::Ok;
}

struct ShortenedIpv4
{
    IpAddress address;
    int givenOctets = 0;
};

// chrony's shortened network notation, "10", "192.168", "1.2.3": missing octets are zero. This
// is not inet_aton's numbers-and-dots form ("10.1" is 10.0.0.1 there).
std::optional<ShortenedIpv4> parseShortenedIpv4(std::string_view text)
{
    std::uint32_t value = 0;
    int octets = 0;
    while (true) {
        const std::size_t dot = text.find('.');
        const std::string_view part = text.substr(0, dot);
        long long octet = 0;
        if (!allDigits(part) || parseInteger(part, octet) != NumberStatus::Ok || octet > kMaxOctetValue)
            return std::nullopt;
        ++octets;
        if (octets >= kIpv4OctetCount)
            return std::nullopt; // four octets are a full address, handled by IpAddress::parse
        value |= std::uint32_t(octet) << (kBitsPerOctet * (kIpv4OctetCount - octets));
        if (dot == std::string_view::npos)
            break;
        text.remove_prefix(dot + 1);
    }
    return ShortenedIpv4{IpAddress::v4(value), octets};
}

// ASCII classes, spelled out: <cctype> follows the process locale, which Qt sets from the
// environment.
bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isHostNameChar(char c)
{
    return isAsciiLetter(c) || isAsciiDigit(c) || c == '-' || c == '.' || c == '_';
}

bool looksLikeHostName(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), isHostNameChar)
           && std::any_of(text.begin(), text.end(), isAsciiLetter);
}

} // namespace

bool allDigits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), isAsciiDigit);
}

NumberStatus parseInteger(std::string_view text, long long &out)
{
    return fromChars(withoutPlusSign(text), out);
}

NumberStatus parseHexInteger(std::string_view text, long long &out)
{
    if (text.size() > kHexPrefix.size() && equalsIgnoreCase(text.substr(0, kHexPrefix.size()), kHexPrefix))
        text.remove_prefix(kHexPrefix.size());
    if (!text.empty() && (text.front() == '+' || text.front() == '-'))
        return NumberStatus::Invalid;
    return fromChars(text, out, kHexBase);
}

NumberStatus parseReal(std::string_view text, double &out)
{
    const NumberStatus status = fromChars(withoutPlusSign(text), out);
    if (status == NumberStatus::Ok && !std::isfinite(out))
        return NumberStatus::Invalid; // "inf" and "nan" read, but are no configuration values
    return status;
}

std::string formatNumber(double value)
{
    std::array<char, kNumberTextCapacity> buffer{};
    const auto r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), r.ptr);
}

std::string inQuotes(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

// The forms of chronyd's CPS_ParseAllowDeny, minus host names: an address with an optional
// "/bits", or a shortened IPv4 network ("10", "192.168", "1.2.3") with an optional "/bits".
SubnetParse parseSubnet(std::string_view text)
{
    const std::size_t slash = text.find('/');
    const std::string_view network = text.substr(0, slash);
    std::optional<int> bits;
    if (slash != std::string_view::npos) {
        const std::string_view bitsText = text.substr(slash + 1);
        long long parsed = 0;
        if (!allDigits(bitsText) || parseInteger(bitsText, parsed) != NumberStatus::Ok || parsed > INT32_MAX)
            return {std::nullopt, "invalid prefix length in " + inQuotes(text)};
        bits = static_cast<int>(parsed);
    }

    std::optional<IpAddress> address = IpAddress::parse(network);
    int impliedBits = address ? address->bitLength() : 0;
    if (!address) {
        if (const auto shortened = parseShortenedIpv4(network)) {
            address = shortened->address;
            impliedBits = shortened->givenOctets * kBitsPerOctet;
        }
    }
    if (!address) {
        if (!bits && looksLikeHostName(network))
            return {std::nullopt, "host names in allow/deny are not supported"};
        return {std::nullopt, "invalid subnet " + inQuotes(text)};
    }

    const int prefixLength = bits.value_or(impliedBits);
    if (prefixLength > address->bitLength())
        return {std::nullopt, "prefix length " + std::to_string(prefixLength) + " is longer than the "
                                  + std::to_string(address->bitLength()) + " bits of the address"};
    return {Subnet::of(*address, prefixLength), {}};
}

bool isPlausibleHost(std::string_view text)
{
    if (IpAddress::parse(text))
        return true;
    // A link-local IPv6 address with its interface, "fe80::1%eth0".
    const std::size_t percent = text.find('%');
    if (percent != std::string_view::npos && percent + 1 < text.size() && IpAddress::parse(text.substr(0, percent)))
        return true;
    return !text.empty() && std::all_of(text.begin(), text.end(), isHostNameChar);
}

} // namespace s1
