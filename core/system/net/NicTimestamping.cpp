#include "net/NicTimestamping.h"

#include <linux/net_tstamp.h>

#include <algorithm>
#include <cerrno>
#include <cmath>

namespace s1 {

namespace {

// What a card must do for us: report raw hardware stamps, of received and of sent packets.
constexpr std::uint32_t kNeededCapabilities =
    SOF_TIMESTAMPING_RAW_HARDWARE | SOF_TIMESTAMPING_RX_HARDWARE | SOF_TIMESTAMPING_TX_HARDWARE;
// chrony's PHC poll limits (MIN_PHC_POLL, MAX_PHC_POLL): 2^-6 s to 2^15 s.
constexpr int kMinPhcPoll = -6;
constexpr int kMaxPhcPoll = 15;

bool has(std::uint32_t filters, int filter)
{
    return (filters & (1U << static_cast<unsigned>(filter))) != 0;
}

// The receive filter `rxfilter` asks for, among those the card has (chrony's choice).
int receiveFilter(HwTimestampConfig::RxFilter wanted, std::uint32_t filters)
{
    using RxFilter = HwTimestampConfig::RxFilter;
    switch (wanted) {
    case RxFilter::Any:
        if (has(filters, HWTSTAMP_FILTER_NTP_ALL))
            return HWTSTAMP_FILTER_NTP_ALL;
        return has(filters, HWTSTAMP_FILTER_ALL) ? HWTSTAMP_FILTER_ALL : HWTSTAMP_FILTER_NONE;
    case RxFilter::None:
        return HWTSTAMP_FILTER_NONE;
    case RxFilter::Ntp:
        return HWTSTAMP_FILTER_NTP_ALL;
    case RxFilter::Ptp:
        if (has(filters, HWTSTAMP_FILTER_PTP_V2_L4_EVENT))
            return HWTSTAMP_FILTER_PTP_V2_L4_EVENT;
        return has(filters, HWTSTAMP_FILTER_PTP_V2_EVENT) ? HWTSTAMP_FILTER_PTP_V2_EVENT : HWTSTAMP_FILTER_NONE;
    case RxFilter::All:
        return HWTSTAMP_FILTER_ALL;
    }
    return HWTSTAMP_FILTER_ALL;
}

double log2Seconds(int exponent)
{
    return std::ldexp(1.0, exponent);
}

} // namespace

NicTimestamping::NicTimestamping(std::vector<HwTimestampConfig> configs, NicApi &nic, DeviceApi &devices, TimeMap toRaw,
                                 TimeMap toHost)
    : m_configs(std::move(configs))
    , m_nic(nic)
    , m_devices(devices)
    , m_toRaw(std::move(toRaw))
    , m_toHost(std::move(toHost))
{ }

NicTimestamping::~NicTimestamping() = default;

void NicTimestamping::start(std::vector<std::string> &log)
{
    const auto enabledLine = [](const Interface &iface) {
        return "hardware timestamping enabled on " + iface.name + (iface.receive ? "" : " (transmit only)") + " ("
               + iface.phcPath + ")";
    };
    // Named interfaces first, each tried and said once (the first line naming it counts);
    // then `*` (its first line only, as chronyd) adds whatever else can.
    std::vector<std::string> tried;
    for (const HwTimestampConfig &config : m_configs) {
        if (config.interface == "*" || std::find(tried.begin(), tried.end(), config.interface) != tried.end())
            continue;
        tried.push_back(config.interface);
        const std::string why = enable(config, config.interface);
        if (why.empty())
            log.push_back(enabledLine(*m_interfaces.back()));
        else
            log.push_back("cannot enable hardware timestamping on " + config.interface + ": " + why
                          + "; its NTP packets keep kernel software timestamps");
    }
    const auto all =
        std::find_if(m_configs.begin(), m_configs.end(), [](const HwTimestampConfig &c) { return c.interface == "*"; });
    if (all == m_configs.end())
        return;
    bool any = false;
    for (const std::string &name : m_nic.interfaceNames()) {
        if (std::find(tried.begin(), tried.end(), name) != tried.end())
            continue;
        if (enable(*all, name).empty()) {
            log.push_back(enabledLine(*m_interfaces.back()));
            any = true;
        }
    }
    if (!any)
        log.push_back("hwtimestamp *: no other interface can timestamp in hardware (raw hardware receive and "
                      "transmit stamps and a PHC); NTP packets keep kernel software timestamps");
}

std::string NicTimestamping::enable(const HwTimestampConfig &config, const std::string &name)
{
    const int index = m_nic.interfaceIndex(name);
    if (index < 0)
        return "no such interface (" + errnoText(-index) + ")";
    NicTimestampingInfo info;
    if (const int result = m_nic.timestampingInfo(name, info); result < 0)
        return "ETHTOOL_GET_TS_INFO failed (" + errnoText(-result) + ")";
    if ((info.soTimestamping & kNeededCapabilities) != kNeededCapabilities)
        return "the card has no raw hardware receive and transmit timestamps";
    if (info.phcIndex < 0)
        return "the card has no PTP hardware clock";
    NicTimestampingConfig wanted{HWTSTAMP_TX_ON, receiveFilter(config.rxFilter, info.rxFilters)};
    NicTimestampingConfig set = wanted;
    if (const int result = m_nic.setTimestamping(name, set); result < 0) {
        // A driver may only report its settings; if they are already what we want, fine.
        NicTimestampingConfig current;
        if (m_nic.getTimestamping(name, current) < 0 || current.txType != wanted.txType
            || current.rxFilter != wanted.rxFilter)
            return "SIOCSHWTSTAMP failed (" + errnoText(-result) + ")";
        set = current;
    }
    if (set.txType != HWTSTAMP_TX_ON)
        return "the driver did not turn transmit timestamps on";
    auto iface = std::make_unique<Interface>(Interface{
        name, index, "/dev/ptp" + std::to_string(info.phcIndex), set.rxFilter != HWTSTAMP_FILTER_NONE, config, nullptr,
        HardwareClock({config.minSamples, config.maxSamples,
                       log2Seconds(std::clamp(config.minPoll, kMinPhcPoll, kMaxPhcPoll)), config.precision})});
    PhcDevice::Options options;
    options.noCrossTimestamps = config.noCrossTimestamp;
    iface->phc = std::make_unique<PhcDevice>(m_devices, iface->phcPath, options);
    if (!iface->phc->open())
        return iface->phc->lastError();
    m_interfaces.push_back(std::move(iface));
    return {};
}

NicTimestamping::Interface *NicTimestamping::find(int ifIndex)
{
    // A stamp whose interface the kernel did not say (no SCM_TIMESTAMPING_PKTINFO) can only
    // be placed when one interface stamps.
    if (ifIndex < 0)
        return m_interfaces.size() == 1 ? m_interfaces.front().get() : nullptr;
    for (const auto &iface : m_interfaces)
        if (iface->index == ifIndex)
            return iface.get();
    return nullptr;
}

void NicTimestamping::poll(Interface &iface, RealTime rawNow, bool force, std::vector<std::string> *log)
{
    if (!force && !iface.clock.needsSample(rawNow))
        return;
    iface.lastPoll = rawNow;
    const std::optional<PhcReading> reading = iface.phc->readOffset(kPhcReadings);
    if (!reading) {
        ++iface.phcFailures;
        if (log && !iface.phcFailureLogged)
            log->push_back("hardware timestamps of " + iface.name + ": " + iface.phc->lastError());
        iface.phcFailureLogged = true;
        if (!iface.phc->isOpen())
            iface.phc->open(); // a vanished device: tried again at the next poll
        return;
    }
    if (log && iface.phcFailureLogged)
        log->push_back("hardware timestamps of " + iface.name + ": reading " + iface.phcPath + " again");
    iface.phcFailureLogged = false;
    ++iface.phcReadings;
    // The reading is exact for a cross-timestamp; else the PHC was read somewhere in the
    // window around its midpoint.
    iface.clock.addSample(reading->phcTime, m_toRaw(reading->systemTime), reading->window / 2.0);
    if (const int speed = m_nic.linkSpeed(iface.name); speed > 0)
        iface.linkSpeed = speed;
}

std::optional<RealTime> NicTimestamping::finish(Interface &iface, RealTime raw, RealTime reference)
{
    const RealTime host = m_toHost(raw);
    if (std::abs(toSeconds(host - reference)) > kMaxTimestampDelay) {
        ++iface.refused;
        return std::nullopt;
    }
    return host;
}

std::optional<RealTime> NicTimestamping::convertReceive(int ifIndex, RealTime hardware, std::size_t layer2Bytes,
                                                        std::size_t payloadBytes, bool ipv6, RealTime reference)
{
    Interface *iface = find(ifIndex);
    if (!iface)
        return std::nullopt;
    poll(*iface, m_toRaw(reference), false, nullptr);
    if (layer2Bytes == 0)
        layer2Bytes = (ipv6 ? kUdp6PayloadStart : kUdp4PayloadStart) + payloadBytes;
    const RealTime end = hardware + fromSeconds(frameDuration(layer2Bytes, iface->linkSpeed));
    const std::optional<RealTime> raw = iface->clock.localTime(end);
    if (!raw) {
        ++iface->refused;
        return std::nullopt;
    }
    const std::optional<RealTime> host = finish(*iface, *raw - fromSeconds(iface->config.rxComp), reference);
    if (host)
        ++iface->receiveStamps;
    return host;
}

std::optional<RealTime> NicTimestamping::convertTransmit(int ifIndex, RealTime hardware, RealTime reference)
{
    Interface *iface = find(ifIndex);
    if (!iface)
        return std::nullopt;
    poll(*iface, m_toRaw(reference), false, nullptr);
    const std::optional<RealTime> raw = iface->clock.localTime(hardware);
    if (!raw) {
        ++iface->refused;
        return std::nullopt;
    }
    const std::optional<RealTime> host = finish(*iface, *raw + fromSeconds(iface->config.txComp), reference);
    if (host)
        ++iface->transmitStamps;
    return host;
}

std::optional<RealTime> NicTimestamping::nextWakeup() const
{
    std::optional<RealTime> next;
    for (const auto &iface : m_interfaces) {
        const int maxPoll = std::clamp(iface->config.maxPoll, kMinPhcPoll, kMaxPhcPoll);
        const RealTime due = m_toHost(iface->lastPoll + fromSeconds(log2Seconds(maxPoll)));
        if (!next || due < *next)
            next = due;
    }
    return next;
}

void NicTimestamping::timeout(RealTime now, std::vector<std::string> &log)
{
    const RealTime rawNow = m_toRaw(now);
    for (const auto &iface : m_interfaces) {
        const int maxPoll = std::clamp(iface->config.maxPoll, kMinPhcPoll, kMaxPhcPoll);
        if (rawNow - iface->lastPoll >= fromSeconds(log2Seconds(maxPoll)))
            poll(*iface, rawNow, true, &log);
    }
}

} // namespace s1
