// Hardware timestamping of NTP packets (`hwtimestamp IFACE|*`, chrony's semantics): enables it
// on the configured interfaces and puts the cards' raw timestamps on the host's clock.
//
// Per interface: SIOCGIFINDEX, ETHTOOL_GET_TS_INFO (raw hardware RX and TX stamps and a PHC are
// needed), SIOCSHWTSTAMP with transmit stamps on and the receive filter `rxfilter` asks for
// (where the driver only reports its settings, SIOCGHWTSTAMP showing them already so is as
// good), then the PHC /dev/ptpN opened for reading. An interface that cannot, or `*` with no
// interface that can, gets one log line and the kernel's software stamps, which the sockets
// keep taking either way.
//
// Each enabled interface keeps a HardwareClock: the PHC read against the host clock (PhcDevice:
// the cross-timestamp unless `nocrossts`, else the narrowest of 25 sandwiched reads) whenever a
// stamp of it is converted and the last reading is 2^minpoll s old, and at least every 2^maxpoll
// s (nextWakeup()); the readings are on the raw scale (`toRaw`, the engine's clock driver map),
// so the kernel's slewing of the system clock never bends the line. A receive stamp is moved
// from the frame's start to its end at the link's speed (ETHTOOL_GSET, read again after every
// PHC reading), then corrected by -rxcomp; a transmit stamp by +txcomp. A converted stamp more
// than 1 s from the kernel's software stamp or the host's reading is refused (chrony's check).
//
// Not thread-safe; the host owning the sockets calls it.
#pragma once

#include "clock/HardwareClock.h"
#include "config/EngineConfig.h"
#include "net/NicApi.h"
#include "refclock/DeviceApi.h"
#include "refclock/PhcDevice.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

class NicTimestamping
{
public:
    // A stamp further than this from the kernel's or the host's time is a conversion gone
    // wrong (chrony's MAX_TS_DELAY).
    static constexpr double kMaxTimestampDelay = 1.0; // s
    // chronyd's assumption until ETHTOOL_GSET answers: 1 Gb/s.
    static constexpr int kDefaultLinkSpeed = 1000; // Mb/s
    // Bytes before the UDP payload in an Ethernet frame without VLAN tags or IP options:
    // Ethernet 14 + IPv4 20 + UDP 8, and with IPv6 40.
    static constexpr std::size_t kUdp4PayloadStart = 42;
    static constexpr std::size_t kUdp6PayloadStart = 62;
    // PHC reads per PTP_SYS_OFFSET(_EXTENDED) call: the kernel's most.
    static constexpr int kPhcReadings = PhcDevice::kMaxSamples;

    // Host time (CLOCK_REALTIME readings) to the raw scale and back; identity without a clock
    // driver.
    using TimeMap = std::function<RealTime(RealTime)>;

    struct Interface
    {
        std::string name;
        int index = -1;
        std::string phcPath;
        bool receive = true; // false: the card stamps only transmissions (rx filter none)
        HwTimestampConfig config;
        std::unique_ptr<PhcDevice> phc;
        HardwareClock clock;
        int linkSpeed = kDefaultLinkSpeed; // Mb/s
        RealTime lastPoll{};               // raw; when the PHC was last read
        std::uint64_t phcReadings = 0;
        std::uint64_t phcFailures = 0;
        std::uint64_t receiveStamps = 0;  // converted
        std::uint64_t transmitStamps = 0; // converted
        std::uint64_t refused = 0;        // not convertible, or too far off
        bool phcFailureLogged = false;
    };

    // `nic` and `devices` must outlive this.
    NicTimestamping(std::vector<HwTimestampConfig> configs, NicApi &nic, DeviceApi &devices, TimeMap toRaw,
                    TimeMap toHost);
    ~NicTimestamping();
    NicTimestamping(const NicTimestamping &) = delete;
    NicTimestamping &operator=(const NicTimestamping &) = delete;

    // Enables what the configuration asks for; one line per interface enabled or not (and one
    // for `*` finding none) goes to `log`.
    void start(std::vector<std::string> &log);
    // Whether any interface stamps in hardware: the sockets then ask for raw hardware stamps.
    bool enabled() const { return !m_interfaces.empty(); }
    const std::vector<std::unique_ptr<Interface>> &interfaces() const { return m_interfaces; }

    // A receive stamp of interface `ifIndex` (-1: unknown; with one interface enabled it is
    // that one) in PHC time, for a frame of `layer2Bytes` (0: unknown, then the UDP payload of
    // `payloadBytes` is taken to start where it does without options) from an IPv4 or IPv6
    // peer; `reference` is the kernel's software stamp or the host's reading. The host time of
    // the frame's end, or nullopt to keep the software stamp.
    std::optional<RealTime> convertReceive(int ifIndex, RealTime hardware, std::size_t layer2Bytes,
                                           std::size_t payloadBytes, bool ipv6, RealTime reference);
    // The same for a transmit stamp (taken at the frame's start, as sent).
    std::optional<RealTime> convertTransmit(int ifIndex, RealTime hardware, RealTime reference);

    // When a PHC next needs reading though no stamp came (2^maxpoll after the last reading);
    // nullopt when nothing is enabled. Host time.
    std::optional<RealTime> nextWakeup() const;
    // Reads the PHCs that are due at host time `now`; failures go to `log`, once per fault.
    void timeout(RealTime now, std::vector<std::string> &log);

private:
    Interface *find(int ifIndex);
    // Adds an interface when it can stamp in hardware; otherwise why not (empty: added).
    std::string enable(const HwTimestampConfig &config, const std::string &name);
    void poll(Interface &iface, RealTime rawNow, bool force, std::vector<std::string> *log);
    std::optional<RealTime> finish(Interface &iface, RealTime raw, RealTime reference);

    std::vector<HwTimestampConfig> m_configs;
    NicApi &m_nic;
    DeviceApi &m_devices;
    TimeMap m_toRaw;
    TimeMap m_toHost;
    std::vector<std::unique_ptr<Interface>> m_interfaces;
};

} // namespace s1
