// The network-interface system calls hardware timestamping makes, behind a seam: interface
// names (getifaddrs), SIOCGIFINDEX, ETHTOOL_GET_TS_INFO and ETHTOOL_GSET (SIOCETHTOOL), and
// SIOCSHWTSTAMP / SIOCGHWTSTAMP. The values are those of linux/ethtool.h and
// linux/net_tstamp.h, so a test's fake answers as a kernel driver would; SystemNicApi makes
// the real calls. The PHC itself is read through DeviceApi (PhcDevice).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace s1 {

// What ETHTOOL_GET_TS_INFO reports of an interface.
struct NicTimestampingInfo
{
    std::uint32_t soTimestamping = 0; // SOF_TIMESTAMPING_* the interface can do
    int phcIndex = -1;                // /dev/ptpN of its clock; negative: none
    std::uint32_t txTypes = 0;        // 1 << HWTSTAMP_TX_*
    std::uint32_t rxFilters = 0;      // 1 << HWTSTAMP_FILTER_*
};

// struct hwtstamp_config's settings.
struct NicTimestampingConfig
{
    int txType = 0;   // HWTSTAMP_TX_*
    int rxFilter = 0; // HWTSTAMP_FILTER_*

    friend bool operator==(const NicTimestampingConfig &, const NicTimestampingConfig &) = default;
};

class NicApi
{
public:
    virtual ~NicApi() = default;

    // As DeviceApi: -errno on failure, never errno.

    // The names of the interfaces (each once), for `hwtimestamp *`; empty on failure.
    virtual std::vector<std::string> interfaceNames() = 0;
    // SIOCGIFINDEX: the interface's index or -errno.
    virtual int interfaceIndex(const std::string &name) = 0;
    // SIOCETHTOOL ETHTOOL_GET_TS_INFO: 0 or -errno.
    virtual int timestampingInfo(const std::string &name, NicTimestampingInfo &info) = 0;
    // SIOCSHWTSTAMP: 0 or -errno; `config` holds what the driver set (it may widen the filter).
    virtual int setTimestamping(const std::string &name, NicTimestampingConfig &config) = 0;
    // SIOCGHWTSTAMP: 0 or -errno.
    virtual int getTimestamping(const std::string &name, NicTimestampingConfig &config) = 0;
    // SIOCETHTOOL ETHTOOL_GSET: the link speed in Mb/s, or -errno.
    virtual int linkSpeed(const std::string &name) = 0;
};

class SystemNicApi final : public NicApi
{
public:
    std::vector<std::string> interfaceNames() override;
    int interfaceIndex(const std::string &name) override;
    int timestampingInfo(const std::string &name, NicTimestampingInfo &info) override;
    int setTimestamping(const std::string &name, NicTimestampingConfig &config) override;
    int getTimestamping(const std::string &name, NicTimestampingConfig &config) override;
    int linkSpeed(const std::string &name) override;
};

} // namespace s1
