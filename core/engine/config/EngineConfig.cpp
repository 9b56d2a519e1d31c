#include "config/EngineConfig.h"

#include <algorithm>
#include <cstddef>

namespace s1 {

std::vector<IpAddress> ntpListenAddresses(const EngineConfig &config)
{
    const auto anyAllowed = [&](IpAddress::Family family) {
        return std::any_of(config.ntpAccess.begin(), config.ntpAccess.end(), [&](const AccessRule &rule) {
            return rule.allow && (!rule.subnet || rule.subnet->address.family() == family);
        });
    };
    std::vector<IpAddress> addresses;
    if (anyAllowed(IpAddress::Family::V4))
        addresses.push_back(config.server.bindAddressV4.value_or(IpAddress::v4(0)));
    if (anyAllowed(IpAddress::Family::V6))
        addresses.push_back(config.server.bindAddressV6.value_or(IpAddress::v6({})));
    return addresses;
}

} // namespace s1
