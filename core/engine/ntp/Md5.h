// MD5 (RFC 1321), std-only so that the engine needs no Qt: NTP names an IPv6 reference by the
// first four octets of its address's MD5 hash (RFC 5905), and NTP symmetric keys use MD5 too.
// Not for anything that needs collision resistance.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace s1 {

class Md5
{
public:
    static constexpr std::size_t kDigestBytes = 16;
    using Digest = std::array<std::uint8_t, kDigestBytes>;

    void add(std::span<const std::uint8_t> data);
    // Pads and returns the digest; the object is spent afterwards.
    Digest finish();

    static Digest hash(std::span<const std::uint8_t> data);

private:
    static constexpr std::size_t kBlockBytes = 64;

    void processBlock(const std::uint8_t *block);

    std::array<std::uint32_t, 4> m_state{0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
    std::array<std::uint8_t, kBlockBytes> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_totalBytes = 0;
};

} // namespace s1
