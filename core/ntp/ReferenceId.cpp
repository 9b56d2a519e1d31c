#include "ntp/ReferenceId.h"

namespace s1 {

namespace {
constexpr int kBytes = 4;
constexpr int kBitsPerByte = 8;
constexpr unsigned kByteMask = 0xffU;
constexpr unsigned kFirstPrintable = 0x20; // ' '
constexpr unsigned kLastPrintable = 0x7e;  // '~'
} // namespace

std::string printableReferenceId(std::uint32_t referenceId)
{
    std::string text;
    for (int i = 0; i < kBytes; ++i) {
        const unsigned byte = (referenceId >> ((kBytes - 1 - i) * kBitsPerByte)) & kByteMask;
        if (byte >= kFirstPrintable && byte <= kLastPrintable)
            text.push_back(static_cast<char>(byte));
    }
    return text;
}

} // namespace s1
