// The NTP access filter: chrony's allow/deny semantics over client addresses.
//
// Everything is denied until a rule says otherwise. Each rule sets the state of its subnet (a
// rule without a subnet sets the whole of both address families); a later rule for the same
// subnet replaces the earlier one, and an `all` rule also drops every earlier rule for subnets
// strictly inside its own. An address gets the state of the most specific subnet that contains
// it. (chronyd stores subnets in a tree with 4-bit levels, so a prefix that is not a multiple of
// 4 can overwrite an earlier longer one that shares its tree node; this filter keeps the
// documented longest-prefix rule instead.)
#pragma once

#include "net/AccessRule.h"
#include "net/IpAddress.h"

#include <vector>

namespace s1 {

class AccessFilter
{
public:
    AccessFilter() = default;
    explicit AccessFilter(const std::vector<AccessRule> &rules);

    void add(const AccessRule &rule);

    // IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry, since a dual-stack
    // socket reports IPv4 clients that way. Does not allocate.
    bool allows(const IpAddress &address) const;

private:
    struct Entry
    {
        Subnet subnet;
        bool allow = false;
    };
    // One list per family, longest prefix first, so the first containing entry decides.
    using Entries = std::vector<Entry>;

    static void set(Entries &entries, const Subnet &subnet, bool allow, bool overrideInner);
    static bool lookup(const Entries &entries, const IpAddress &address);

    Entries m_v4;
    Entries m_v6;
};

} // namespace s1
