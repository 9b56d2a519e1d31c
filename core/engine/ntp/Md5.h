// MD5 (RFC 1321) through Nettle: NTP names an IPv6 reference by the first four octets of its
// address's MD5 hash (RFC 5905), and the configuration's revision is an MD5 of its bytes.
// Not for anything that needs collision resistance.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace s1 {

class Md5
{
public:
    static constexpr std::size_t kDigestBytes = 16;
    using Digest = std::array<std::uint8_t, kDigestBytes>;

    Md5();
    ~Md5();
    Md5(const Md5 &) = delete;
    Md5 &operator=(const Md5 &) = delete;

    void add(std::span<const std::uint8_t> data);
    // Returns the digest; the object is spent afterwards.
    Digest finish();

    static Digest hash(std::span<const std::uint8_t> data);

private:
    struct State;
    std::unique_ptr<State> m_state; // Nettle's context, kept out of this header
};

} // namespace s1
