#include "net/IpAddress.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace s1 {

namespace {
constexpr std::uint8_t kLoopbackV4FirstOctet = 127;
constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
} // namespace

IpAddress IpAddress::v4(std::uint32_t hostOrder)
{
    IpAddress a;
    a.m_family = Family::V4;
    a.m_bytes[0] = static_cast<std::uint8_t>(hostOrder >> 24);
    a.m_bytes[1] = static_cast<std::uint8_t>(hostOrder >> 16);
    a.m_bytes[2] = static_cast<std::uint8_t>(hostOrder >> 8);
    a.m_bytes[3] = static_cast<std::uint8_t>(hostOrder);
    return a;
}

IpAddress IpAddress::v6(const std::array<std::uint8_t, 16> &bytes)
{
    IpAddress a;
    a.m_family = Family::V6;
    a.m_bytes = bytes;
    return a;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text)
{
    // inet_pton needs a terminated string; addresses are short.
    constexpr std::size_t kMaxAddressText = 64;
    if (text.empty() || text.size() >= kMaxAddressText)
        return std::nullopt;
    char buffer[kMaxAddressText] = {};
    std::memcpy(buffer, text.data(), text.size());
    in_addr a4{};
    if (inet_pton(AF_INET, buffer, &a4) == 1)
        return v4(ntohl(a4.s_addr));
    in6_addr a6{};
    if (inet_pton(AF_INET6, buffer, &a6) == 1) {
        std::array<std::uint8_t, 16> bytes{};
        std::memcpy(bytes.data(), &a6, bytes.size());
        return v6(bytes);
    }
    return std::nullopt;
}

bool IpAddress::isLoopback() const
{
    if (m_family == Family::V4)
        return m_bytes[0] == kLoopbackV4FirstOctet;
    if (m_family == Family::V6) {
        const IpAddress u = unmapped();
        if (u.isV4())
            return u.isLoopback();
        for (std::size_t i = 0; i < 15; ++i)
            if (m_bytes[i] != 0)
                return false;
        return m_bytes[15] == 1;
    }
    return false;
}

std::uint32_t IpAddress::v4Value() const
{
    if (m_family != Family::V4)
        return 0;
    return (std::uint32_t(m_bytes[0]) << 24) | (std::uint32_t(m_bytes[1]) << 16) | (std::uint32_t(m_bytes[2]) << 8)
           | std::uint32_t(m_bytes[3]);
}

IpAddress IpAddress::unmapped() const
{
    if (m_family != Family::V6 || std::memcmp(m_bytes.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size()) != 0)
        return *this;
    return v4((std::uint32_t(m_bytes[12]) << 24) | (std::uint32_t(m_bytes[13]) << 16)
              | (std::uint32_t(m_bytes[14]) << 8) | std::uint32_t(m_bytes[15]));
}

std::string IpAddress::toString() const
{
    char buffer[INET6_ADDRSTRLEN] = {};
    if (m_family == Family::V4)
        inet_ntop(AF_INET, m_bytes.data(), buffer, sizeof buffer);
    else if (m_family == Family::V6)
        inet_ntop(AF_INET6, m_bytes.data(), buffer, sizeof buffer);
    else
        return "[UNSPEC]";
    return buffer;
}

std::string SocketAddress::toString() const
{
    if (ip.isV6())
        return "[" + ip.toString() + "]:" + std::to_string(port);
    return ip.toString() + ":" + std::to_string(port);
}

unsigned SocketAddress::toSockaddr(sockaddr_storage &out) const
{
    std::memset(&out, 0, sizeof out);
    if (ip.isV4()) {
        auto *sin = reinterpret_cast<sockaddr_in *>(&out);
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        std::memcpy(&sin->sin_addr, ip.bytes().data(), 4);
        return sizeof(sockaddr_in);
    }
    if (ip.isV6()) {
        auto *sin6 = reinterpret_cast<sockaddr_in6 *>(&out);
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        std::memcpy(&sin6->sin6_addr, ip.bytes().data(), 16);
        return sizeof(sockaddr_in6);
    }
    return 0;
}

std::optional<SocketAddress> SocketAddress::fromSockaddr(const sockaddr *sa, unsigned length)
{
    if (!sa)
        return std::nullopt;
    if (sa->sa_family == AF_INET && length >= sizeof(sockaddr_in)) {
        const auto *sin = reinterpret_cast<const sockaddr_in *>(sa);
        return SocketAddress{IpAddress::v4(ntohl(sin->sin_addr.s_addr)), ntohs(sin->sin_port)};
    }
    if (sa->sa_family == AF_INET6 && length >= sizeof(sockaddr_in6)) {
        const auto *sin6 = reinterpret_cast<const sockaddr_in6 *>(sa);
        std::array<std::uint8_t, 16> bytes{};
        std::memcpy(bytes.data(), &sin6->sin6_addr, 16);
        return SocketAddress{IpAddress::v6(bytes), ntohs(sin6->sin6_port)};
    }
    return std::nullopt;
}

} // namespace s1
