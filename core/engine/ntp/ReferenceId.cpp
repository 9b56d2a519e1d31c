#include "ntp/ReferenceId.h"

#include "ntp/Md5.h"

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

std::uint32_t referenceIdOf(const IpAddress &address)
{
    if (address.isV4())
        return address.v4Value();
    if (!address.isV6())
        return 0;
    const Md5::Digest digest = Md5::hash(address.bytes());
    return (std::uint32_t(digest[0]) << 24) | (std::uint32_t(digest[1]) << 16) | (std::uint32_t(digest[2]) << 8)
           | std::uint32_t(digest[3]);
}

} // namespace s1
