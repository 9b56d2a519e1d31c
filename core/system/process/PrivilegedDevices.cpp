#include "process/PrivilegedDevices.h"

#include "net/NicTimestamping.h"
#include "refclock/RefClockDriverFactory.h"
#include "refclock/RetainedDeviceApi.h"

#include <algorithm>

namespace s1 {

namespace {

bool opensDevice(const RefClockConfig &config)
{
    return config.driver == RefClockDriver::Pps || config.driver == RefClockDriver::Phc;
}

} // namespace

std::string openPrivilegedDevices(const EngineConfig &config, RetainedDeviceApi &devices, NicApi &nic)
{
    const bool anyRefClock = std::any_of(config.refClocks.begin(), config.refClocks.end(), opensDevice);
    if (!anyRefClock && config.hwTimestamps.empty())
        return {};
    devices.setRetaining(true);
    // The drivers and the cards' set-up the engine runs, so that each device is opened with the
    // flags the engine will ask for; what they find is the engine's to report.
    RefClockSeams seams;
    seams.devices = &devices;
    for (const RefClockConfig &refClock : config.refClocks) {
        if (!opensDevice(refClock))
            continue;
        if (const auto driver = makeRefClockDriver(refClock, seams, {}))
            driver->open(RealTime{});
    }
    std::vector<std::string> cardNames;
    if (!config.hwTimestamps.empty()) {
        const auto identity = [](RealTime t) { return t; };
        NicTimestamping cards(config.hwTimestamps, nic, devices, identity, identity);
        std::vector<std::string> ignored;
        cards.start(ignored);
        for (const auto &iface : cards.interfaces())
            cardNames.push_back(iface->name);
    }
    devices.setRetaining(false);

    // Nothing done is nothing to say: the engine reports what fails.
    const auto list = [](const std::vector<std::string> &items) {
        std::string text;
        for (const std::string &item : items)
            text += (text.empty() ? "" : ", ") + item;
        return text;
    };
    const std::string opened = list(devices.retainedPaths());
    const std::string cardList = list(cardNames);
    if (opened.empty() && cardList.empty())
        return {};
    std::string line = "before giving up privileges: ";
    if (!opened.empty())
        line += "opened " + opened + (cardList.empty() ? "" : "; ");
    if (!cardList.empty())
        line += "hardware timestamping set up on " + cardList;
    return line;
}

} // namespace s1
