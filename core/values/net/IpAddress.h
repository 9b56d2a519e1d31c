// Plain value types for IP addresses and UDP endpoints, free of Qt and of sockets, so that the
// sans-I/O engine can store and compare them and hosts can convert them to sockaddr.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

struct sockaddr;
struct sockaddr_storage;

namespace s1 {

class IpAddress
{
public:
    enum class Family : std::uint8_t { None, V4, V6 };

    IpAddress() = default;
    static IpAddress v4(std::uint32_t hostOrder);
    static IpAddress v6(const std::array<std::uint8_t, 16> &bytes);
    // Parses dotted-quad IPv4 or RFC 4291 IPv6 text (no brackets, no zone); nullopt otherwise.
    static std::optional<IpAddress> parse(std::string_view text);

    Family family() const { return m_family; }
    bool isNull() const { return m_family == Family::None; }
    bool isV4() const { return m_family == Family::V4; }
    bool isV6() const { return m_family == Family::V6; }
    bool isLoopback() const;
    // IPv4 value in host byte order; 0 for other families.
    std::uint32_t v4Value() const;
    // IPv4 addresses are stored in the first 4 bytes.
    const std::array<std::uint8_t, 16> &bytes() const { return m_bytes; }
    int bitLength() const { return m_family == Family::V4 ? 32 : m_family == Family::V6 ? 128 : 0; }
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address; others unchanged.
    IpAddress unmapped() const;

    std::string toString() const;

    friend bool operator==(const IpAddress &, const IpAddress &) = default;
    friend auto operator<=>(const IpAddress &, const IpAddress &) = default;

private:
    Family m_family = Family::None;
    std::array<std::uint8_t, 16> m_bytes{};
};

struct SocketAddress
{
    IpAddress ip;
    std::uint16_t port = 0;

    // "192.0.2.1:123" or "[2001:db8::1]:123".
    std::string toString() const;
    // Converts to a sockaddr_in/sockaddr_in6; returns the length to pass to the kernel.
    unsigned toSockaddr(sockaddr_storage &out) const;
    static std::optional<SocketAddress> fromSockaddr(const sockaddr *sa, unsigned length);

    friend bool operator==(const SocketAddress &, const SocketAddress &) = default;
    friend auto operator<=>(const SocketAddress &, const SocketAddress &) = default;
};

} // namespace s1
