#include "net/NicApi.h"

#include <ifaddrs.h>
#include <linux/ethtool.h>
#include <linux/net_tstamp.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace s1 {

namespace {

// An ioctl on interface `name` through a throw-away UDP socket, as the interface ioctls need
// one. 0 or -errno.
int interfaceIoctl(const std::string &name, unsigned long request, ifreq &req)
{
    if (name.size() >= sizeof req.ifr_name)
        return -ENAMETOOLONG;
    std::memset(req.ifr_name, 0, sizeof req.ifr_name);
    std::memcpy(req.ifr_name, name.data(), name.size());
    // Plain SOCK_DGRAM, no SOCK_CLOEXEC flag: clknetsim accepts only that type. The socket lives
    // for this call only. IPv4 first; an IPv6-only host has the other.
    int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        fd = ::socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0)
        return -errno;
    const int result = ::ioctl(fd, request, &req);
    const int error = result < 0 ? errno : 0;
    ::close(fd);
    return -error;
}

} // namespace

std::vector<std::string> SystemNicApi::interfaceNames()
{
    std::vector<std::string> names;
    ifaddrs *list = nullptr;
    if (::getifaddrs(&list) != 0)
        return names;
    for (const ifaddrs *a = list; a; a = a->ifa_next)
        if (a->ifa_name && std::find(names.begin(), names.end(), a->ifa_name) == names.end())
            names.emplace_back(a->ifa_name);
    ::freeifaddrs(list);
    return names;
}

int SystemNicApi::interfaceIndex(const std::string &name)
{
    ifreq req{};
    const int result = interfaceIoctl(name, SIOCGIFINDEX, req);
    return result < 0 ? result : req.ifr_ifindex;
}

int SystemNicApi::timestampingInfo(const std::string &name, NicTimestampingInfo &info)
{
    ethtool_ts_info ts{};
    ts.cmd = ETHTOOL_GET_TS_INFO;
    ifreq req{};
    req.ifr_data = reinterpret_cast<char *>(&ts);
    const int result = interfaceIoctl(name, SIOCETHTOOL, req);
    if (result < 0)
        return result;
    info.soTimestamping = ts.so_timestamping;
    info.phcIndex = ts.phc_index;
    info.txTypes = ts.tx_types;
    info.rxFilters = ts.rx_filters;
    return 0;
}

int SystemNicApi::setTimestamping(const std::string &name, NicTimestampingConfig &config)
{
    hwtstamp_config hw{};
    hw.tx_type = config.txType;
    hw.rx_filter = config.rxFilter;
    ifreq req{};
    req.ifr_data = reinterpret_cast<char *>(&hw);
    const int result = interfaceIoctl(name, SIOCSHWTSTAMP, req);
    if (result == 0) {
        config.txType = hw.tx_type;
        config.rxFilter = hw.rx_filter;
    }
    return result;
}

int SystemNicApi::getTimestamping(const std::string &name, NicTimestampingConfig &config)
{
    hwtstamp_config hw{};
    ifreq req{};
    req.ifr_data = reinterpret_cast<char *>(&hw);
    const int result = interfaceIoctl(name, SIOCGHWTSTAMP, req);
    if (result == 0) {
        config.txType = hw.tx_type;
        config.rxFilter = hw.rx_filter;
    }
    return result;
}

int SystemNicApi::linkSpeed(const std::string &name)
{
    ethtool_cmd cmd{};
    cmd.cmd = ETHTOOL_GSET;
    ifreq req{};
    req.ifr_data = reinterpret_cast<char *>(&cmd);
    const int result = interfaceIoctl(name, SIOCETHTOOL, req);
    if (result < 0)
        return result;
    const std::uint32_t speed = ethtool_cmd_speed(&cmd);
    // SPEED_UNKNOWN (-1 as u32) or 0: no link.
    return speed == static_cast<std::uint32_t>(SPEED_UNKNOWN) ? 0 : static_cast<int>(speed);
}

} // namespace s1
