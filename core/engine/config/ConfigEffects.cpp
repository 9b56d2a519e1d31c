#include "config/ConfigEffects.h"

#include <algorithm>
#include <array>

namespace s1 {

namespace {

// Each entry was checked against what reads it: the engine (core/engine, core/sources,
// core/refclock, core/clock), the hosts (core/host) and the service (app/).
constexpr auto kDirectivesInEffect = std::to_array<std::string_view>({
    // Stratum One's own: the service and the window's engine run it (AlarmNotifier).
    "alarmcommand",
    "allow",
    // The engine applies it to the selection options (Engine::applyAuthSelectMode).
    "authselectmode",
    "bindaddress",
    "bindcmdaddress",
    "clientloglimit",
    "cmdallow",
    "cmddeny",
    "cmdport",
    "combinelimit",
    "confdir",
    // The clock discipline's slewing pace when the service steers the system clock.
    "corrtimeratio",
    "deny",
    "driftfile",
    // The hosts enable the cards' timestamps and convert them through the PHC
    // (core/system/net/NicTimestamping); an interface that cannot falls back to kernel
    // software stamps with a log line.
    "hwtimestamp",
    // The service keeps its history file there (HistoryKeeper); the window's own engine keeps
    // its history in memory only.
    "dumpdir",
    "include",
    // The host reads the keys (core/system/auth); the engine signs and checks MACs.
    "keyfile",
    // The host reads the leap second table; the engine applies leap seconds (LeapSecondHandler).
    "leapsecmode",
    "leapseclist",
    "leapsectz",
    "local",
    "log",
    "logdir",
    "makestep",
    "maxdistance",
    "maxjitter",
    "maxslewrate",
    "maxupdateskew",
    // Stratum One's own: the service serves /metrics there (MetricsEndpoint), and so does the
    // window's own engine.
    "metricsaddress",
    "minsources",
    "noclientlog",
    "pool",
    "port",
    "ratelimit",
    "refclock",
    "reselectdist",
    "rtcsync",
    "server",
    "sourcedir",
    "stratumweight",
    // The service drops root after opening its sockets (ServiceRunner, core/system/process);
    // the window's own engine runs as whoever started it.
    "user",
    // `peer` polls in symmetric mode; what it still lacks (chrony's test D against loops) is
    // warned about separately.
    "peer",
});

struct OptionInEffect
{
    std::string_view directive;
    std::string_view option;
};

constexpr auto kSourceOptionsInEffect = std::to_array<std::string_view>({
    "asymmetry",     "filter",        "iburst",     "key",        "maxdelay",   "maxdelaydevratio",
    "maxdelayquant", "maxdelayratio", "maxpoll",    "maxsamples", "maxsources", "mindelay",
    "minpoll",       "minsamples",    "minstratum", "noselect",   "offset",     "polltarget",
    "port",          "prefer",        "require",    "trust",      "version",
});

constexpr auto kRefClockOptionsInEffect = std::to_array<std::string_view>({
    "delay",      "dpoll",    "filter",  "lock",    "maxdispersion", "maxlockage", "maxsamples",
    "minsamples", "noselect", "offset",  "poll",    "pps",           "precision",  "prefer",
    "rate",       "refid",    "require", "stratum", "tai",           "trust",      "width",
});

constexpr auto kOtherOptionsInEffect = std::to_array<OptionInEffect>({
    {"local", "stratum"},
    {"driftfile", "interval"},
    {"hwtimestamp", "maxpoll"},
    {"hwtimestamp", "maxsamples"},
    {"hwtimestamp", "minpoll"},
    {"hwtimestamp", "minsamples"},
    {"hwtimestamp", "nocrossts"},
    {"hwtimestamp", "precision"},
    {"hwtimestamp", "rxcomp"},
    {"hwtimestamp", "rxfilter"},
    {"hwtimestamp", "txcomp"},
    {"ratelimit", "burst"},
    {"ratelimit", "interval"},
    {"ratelimit", "kod"},
    {"ratelimit", "leak"},
});

constexpr auto kLogsInEffect = std::to_array<std::string_view>({
    "measurements",
    "refclocks",
    "statistics",
    "tracking",
});

template <typename List>
bool contains(const List &list, std::string_view name)
{
    return std::find(list.begin(), list.end(), name) != list.end();
}

bool isSourceDirective(std::string_view directive)
{
    return directive == "server" || directive == "pool" || directive == "peer";
}

} // namespace

bool directiveInEffect(std::string_view directive)
{
    return contains(kDirectivesInEffect, directive);
}

bool optionInEffect(std::string_view directive, std::string_view option)
{
    if (isSourceDirective(directive)) {
        // Interleaved mode is the client/server one: a `peer` with `xleave` still exchanges
        // its symmetric polls in basic mode.
        if (option == "xleave")
            return directive != "peer";
        return contains(kSourceOptionsInEffect, option);
    }
    if (directive == "refclock")
        return contains(kRefClockOptionsInEffect, option);
    return std::any_of(kOtherOptionsInEffect.begin(), kOtherOptionsInEffect.end(),
                       [&](const OptionInEffect &o) { return o.directive == directive && o.option == option; });
}

bool logInEffect(std::string_view name)
{
    return contains(kLogsInEffect, name);
}

bool refClockDriverInEffect(RefClockDriver driver)
{
    return driver != RefClockDriver::Rtc;
}

std::string authenticationUnavailable(const SourceConfig &source)
{
    if (source.nts)
        return "it requires NTS authentication, which is not supported yet";
    return {};
}

} // namespace s1
