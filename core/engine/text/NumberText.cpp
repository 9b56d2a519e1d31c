#include "text/NumberText.h"

#include <array>
#include <charconv>
#include <system_error>

namespace s1 {

namespace {

// Large enough for any double in %e or %f with a sane precision (%f of 1e308 is 309 digits).
constexpr std::size_t kNumberBuffer = 512;

// std::to_chars is specified to round exactly as printf does in the "C" locale.
std::string numberText(double value, std::chars_format style, int precision)
{
    std::array<char, kNumberBuffer> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, style, precision);
    if (result.ec != std::errc())
        return "?";
    return std::string(buffer.data(), result.ptr);
}

} // namespace

std::string fixedText(double value, int decimals)
{
    return numberText(value, std::chars_format::fixed, decimals);
}

std::string scientificText(double value, int digits)
{
    return numberText(value, std::chars_format::scientific, digits);
}

} // namespace s1
