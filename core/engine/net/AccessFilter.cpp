#include "net/AccessFilter.h"

#include <algorithm>

namespace s1 {

namespace {

constexpr int kWholeFamilyPrefix = 0;

Subnet wholeFamily(IpAddress::Family family)
{
    const IpAddress zero = family == IpAddress::Family::V4 ? IpAddress::v4(0) : IpAddress::v6({});
    return Subnet::of(zero, kWholeFamilyPrefix);
}

} // namespace

AccessFilter::AccessFilter(const std::vector<AccessRule> &rules)
{
    for (const AccessRule &rule : rules)
        add(rule);
}

void AccessFilter::add(const AccessRule &rule)
{
    if (!rule.subnet) {
        set(m_v4, wholeFamily(IpAddress::Family::V4), rule.allow, rule.all);
        set(m_v6, wholeFamily(IpAddress::Family::V6), rule.allow, rule.all);
        return;
    }
    // Normalised again so that a hand-built rule with host bits set still compares equal to
    // the same subnet written canonically.
    const Subnet subnet = Subnet::of(rule.subnet->address, rule.subnet->prefixLength);
    if (subnet.address.isV4())
        set(m_v4, subnet, rule.allow, rule.all);
    else if (subnet.address.isV6())
        set(m_v6, subnet, rule.allow, rule.all);
}

bool AccessFilter::allows(const IpAddress &address) const
{
    const IpAddress client = address.unmapped();
    if (client.isV4())
        return lookup(m_v4, client);
    if (client.isV6())
        return lookup(m_v6, client);
    return false;
}

void AccessFilter::set(Entries &entries, const Subnet &subnet, bool allow, bool overrideInner)
{
    if (overrideInner) {
        std::erase_if(entries, [&](const Entry &e) {
            return e.subnet.prefixLength > subnet.prefixLength && subnet.contains(e.subnet.address);
        });
    }
    const auto same = std::find_if(entries.begin(), entries.end(), [&](const Entry &e) { return e.subnet == subnet; });
    if (same != entries.end()) {
        same->allow = allow;
        return;
    }
    // Subnets of equal length never overlap, so their relative order does not matter.
    const auto position = std::find_if(entries.begin(), entries.end(),
                                       [&](const Entry &e) { return e.subnet.prefixLength < subnet.prefixLength; });
    entries.insert(position, Entry{subnet, allow});
}

bool AccessFilter::lookup(const Entries &entries, const IpAddress &address)
{
    for (const Entry &e : entries) {
        if (e.subnet.contains(address))
            return e.allow;
    }
    return false; // default deny, as chronyd
}

} // namespace s1
