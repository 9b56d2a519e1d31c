#include "config/ConfigSyntax.h"

#include "config/ConfigLexer.h"
#include "config/OptionRules.h"

#include <algorithm>
#include <array>
#include <vector>

namespace s1 {

namespace {

template <typename Target>
std::vector<OptionSyntax> syntaxOf(std::span<const OptionRule<Target>> rules)
{
    std::vector<OptionSyntax> options;
    options.reserve(rules.size());
    for (const OptionRule<Target> &rule : rules)
        options.push_back({rule.name, rule.kind != ValueKind::Flag});
    return options;
}

// The option lists, derived once from the parser's rules so that both always agree.
struct OptionSyntaxTables
{
    std::vector<OptionSyntax> source = syntaxOf(sourceOptionRules());
    std::vector<OptionSyntax> refClock = syntaxOf(refClockOptionRules());
    std::vector<OptionSyntax> local = syntaxOf(localOptionRules());
    std::vector<OptionSyntax> hwTimestamp = syntaxOf(hwTimestampOptionRules());
    std::vector<OptionSyntax> rateLimit = syntaxOf(rateLimitOptionRules());
    std::vector<OptionSyntax> driftFile = syntaxOf(driftFileOptionRules());
};

const OptionSyntaxTables &optionTables()
{
    static const OptionSyntaxTables tables;
    return tables;
}

// chrony 4.x directives (conf.c) that are valid but not read into EngineConfig yet.
constexpr auto kNotImplemented = std::to_array<std::string_view>({
    "acquisitionport", "bindacqaddress",  "bindacqdevice",
    "bindcmddevice",   "binddevice",      "broadcast",
    "clockprecision",  "cmdratelimit",    "dscp",
    "fallbackdrift",   "hwclockfile",     "hwtstimeout",
    "initstepslew",    "lock_all",        "logbanner",
    "mailonchange",    "manual",          "maxchange",
    "maxclockerror",   "maxdrift",        "maxntsconnections",
    "maxsamples",      "minsamples",      "nocerttimecheck",
    "nosystemcert",    "ntpsigndsocket",  "ntsaeads",
    "ntscachedir",     "ntsdumpdir",      "ntsntpserver",
    "ntsport",         "ntsprocesses",    "ntsratelimit",
    "ntsrefresh",      "ntsrotate",       "ntsservercert",
    "ntsserverkey",    "ntstrustedcerts", "opencommands",
    "ptpdomain",       "ptpport",         "refresh",
    "rtcautotrim",     "rtcdevice",       "rtcfile",
    "rtconutc",        "sched_priority",  "smoothtime",
    "tempcomp",
});

// Directives chronyd still accepts and ignores.
constexpr auto kObsolete = std::to_array<std::string_view>({
    "commandkey",
    "dumponexit",
    "generatecommandkey",
    "linux_freq_scale",
    "linux_hz",
});

// Implemented directives without named options.
constexpr auto kPlainImplemented = std::to_array<std::string_view>({
    "alarmcommand",
    "allow",
    "bindaddress",
    "bindcmdaddress",
    "clientloglimit",
    "cmdallow",
    "cmddeny",
    "cmdport",
    "combinelimit",
    "confdir",
    "corrtimeratio",
    "deny",
    "dumpdir",
    "include",
    "keyfile",
    "leapseclist",
    "leapsecmode",
    "leapsectz",
    "log",
    "logchange",
    "logdir",
    "makestep",
    "maxdistance",
    "maxjitter",
    "maxslewrate",
    "maxupdateskew",
    "metricsaddress",
    "minsources",
    "noclientlog",
    "pidfile",
    "port",
    "reselectdist",
    "rtcsync",
    "sourcedir",
    "stratumweight",
    "user",
    // Symmetric-key authentication's selection policy.
    "authselectmode",
});

std::vector<DirectiveSyntax> buildDirectives()
{
    const OptionSyntaxTables &t = optionTables();
    std::vector<DirectiveSyntax> all = {
        {"driftfile", DirectiveSupport::Implemented, 1, t.driftFile},
        {"hwtimestamp", DirectiveSupport::Implemented, 1, t.hwTimestamp},
        {"local", DirectiveSupport::Implemented, 0, t.local},
        {"peer", DirectiveSupport::Implemented, 1, t.source},
        {"pool", DirectiveSupport::Implemented, 1, t.source},
        {"ratelimit", DirectiveSupport::Implemented, 0, t.rateLimit},
        {"refclock", DirectiveSupport::Implemented, 2, t.refClock},
        {"server", DirectiveSupport::Implemented, 1, t.source},
    };
    for (std::string_view name : kPlainImplemented)
        all.push_back({name, DirectiveSupport::Implemented, 0, {}});
    for (std::string_view name : kNotImplemented)
        all.push_back({name, DirectiveSupport::NotImplemented, 0, {}});
    for (std::string_view name : kObsolete)
        all.push_back({name, DirectiveSupport::Obsolete, 0, {}});
    std::sort(all.begin(), all.end(),
              [](const DirectiveSyntax &a, const DirectiveSyntax &b) { return a.name < b.name; });
    return all;
}

const std::vector<DirectiveSyntax> &directives()
{
    static const std::vector<DirectiveSyntax> table = buildDirectives();
    return table;
}

} // namespace

const DirectiveSyntax *findDirectiveSyntax(std::string_view name)
{
    const std::vector<DirectiveSyntax> &table = directives();
    const std::string key = lowercase(name);
    const auto it = std::lower_bound(table.begin(), table.end(), key,
                                     [](const DirectiveSyntax &d, const std::string &k) { return d.name < k; });
    return it != table.end() && it->name == key ? &*it : nullptr;
}

const OptionSyntax *findOptionSyntax(const DirectiveSyntax &directive, std::string_view option)
{
    const auto it = std::find_if(directive.options.begin(), directive.options.end(),
                                 [&](const OptionSyntax &o) { return equalsIgnoreCase(o.name, option); });
    return it == directive.options.end() ? nullptr : &*it;
}

std::span<const DirectiveSyntax> allDirectiveSyntax()
{
    return directives();
}

} // namespace s1
