#pragma once

#include "net/IpAddress.h"

#include <string>

namespace s1 {

// A subnet as chrony writes it: "192.168.1.0/24", "10/8", "2001:db8::/32", or a bare address.
struct Subnet
{
    IpAddress address; // the network, host bits cleared
    int prefixLength = 0;

    // The network of `address` with `prefixLength` leading bits kept and the rest cleared; the
    // length is clamped to the family's bit length.
    static Subnet of(const IpAddress &address, int prefixLength);

    // True if `ip` has the subnet's family and its first prefixLength bits match. Families are
    // compared strictly: callers unmap IPv4-mapped IPv6 addresses first.
    bool contains(const IpAddress &ip) const;
    // "192.168.1.0/24", "2001:db8::/32".
    std::string toString() const;
    friend bool operator==(const Subnet &, const Subnet &) = default;
};

} // namespace s1
