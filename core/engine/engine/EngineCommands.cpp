// Engine's runtime commands: chronyc's state-changing commands (add, delete, allow, burst,
// offline, minpoll, local, ...) as plain methods, and runCommand(), which reads chronyc's
// syntax for their arguments. Statuses and messages are chronyc's (client.c, cmdmon.c).
#include "engine/Engine.h"

#include "config/ConfigReader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>

namespace s1 {

std::string chronycStatusLine(CommandStatus status)
{
    switch (status) {
    case CommandStatus::Ok:
        return "200 OK";
    case CommandStatus::Failed:
        return "500 Failure";
    case CommandStatus::Invalid:
        return "502 Invalid command";
    case CommandStatus::NoSuchSource:
        return "503 No such source";
    case CommandStatus::NotEnabled:
        return "505 Facility not enabled in daemon";
    case CommandStatus::BadSubnet:
        return "507 Bad subnet";
    case CommandStatus::SourceAlreadyKnown:
        return "511 Source already present";
    case CommandStatus::InvalidAddressFamily:
        return "515 Invalid address family";
    case CommandStatus::Inactive:
        return "519 Client logging is not active in the daemon";
    case CommandStatus::InvalidName:
        return "521 Invalid name";
    case CommandStatus::SyntaxError:
        break;
    }
    return {};
}

namespace {

// Where the commands' text "comes from" in the parser's diagnostics.
constexpr const char *kCommandOrigin = "command";

std::vector<std::string> wordsOf(std::string_view text)
{
    std::vector<std::string> words;
    std::istringstream in{std::string(text)};
    std::string word;
    while (in >> word)
        words.push_back(word);
    return words;
}

std::string_view trimmed(std::string_view text)
{
    const auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string lowercase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

template <typename Number>
std::optional<Number> parseNumber(std::string_view text)
{
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// The configuration parser's verdict on one directive line: its diagnostics as text.
struct DirectiveRead
{
    ConfigReadResult read;
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
};

DirectiveRead readDirective(std::string_view line)
{
    DirectiveRead d;
    ConfigReadOptions options;
    options.followIncludes = false;
    d.read = readConfigText(line, kCommandOrigin, options);
    for (const ConfigDiagnostic &diagnostic : d.read.diagnostics)
        (diagnostic.severity == ConfigDiagnostic::Severity::Error ? d.errors : d.warnings)
            .push_back(diagnostic.toString());
    return d;
}

CommandResult syntaxWithDetails(std::string message, const std::vector<std::string> &details)
{
    for (const std::string &detail : details)
        message += "\n" + detail;
    return CommandResult::syntax(std::move(message));
}

// chronyc's mask/address argument (read_mask_address): nothing (every source), an address, or
// ADDRESS/BITS. chronyc also accepts a host name, which it resolves itself; the engine does not.
struct MaskRead
{
    bool ok = false;
    std::optional<Subnet> subnet;
    std::string error;
};

MaskRead readMaskAddress(std::string_view text)
{
    text = trimmed(text);
    if (text.empty())
        return {true, std::nullopt, {}};
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        const auto ip = IpAddress::parse(text);
        if (!ip)
            return {false, std::nullopt, "Could not get address for hostname"};
        return {true, Subnet::of(*ip, ip->isV4() ? 32 : 128), {}};
    }
    const auto ip = IpAddress::parse(text.substr(0, slash));
    const auto bits = parseNumber<int>(text.substr(slash + 1));
    if (!ip || !bits || *bits < 0 || *bits > (ip->isV4() ? 32 : 128))
        return {false, std::nullopt, "Invalid syntax for mask/address"};
    return {true, Subnet::of(*ip, *bits), {}};
}

bool isNameCommand(const std::string &name, std::initializer_list<const char *> names)
{
    return std::any_of(names.begin(), names.end(), [&](const char *n) { return name == n; });
}

} // namespace

CommandResult Engine::runCommand(std::string_view name, std::string_view arguments, RealTime reading)
{
    const std::string command(name);
    if (arguments.find_first_of("\r\n") != std::string_view::npos)
        return CommandResult::syntax("Command too long"); // one line per command, as chronyc reads them
    arguments = trimmed(arguments);
    if (command == "add") {
        const std::vector<std::string> words = wordsOf(arguments);
        if (words.empty() || !isNameCommand(lowercase(words.front()), {"server", "pool", "peer"}))
            return CommandResult::syntax("Invalid syntax for add command");
        return addSourceLine(arguments, reading);
    }
    if (command == "delete") {
        const std::vector<std::string> words = wordsOf(arguments);
        if (words.empty())
            return CommandResult::syntax("Invalid syntax for address");
        return deleteSource(words.front(), reading);
    }
    if (command == "allow" || command == "deny")
        return changeAccess(command + (arguments.empty() ? "" : " " + std::string(arguments)));
    if (command == "burst") {
        const std::vector<std::string> words = wordsOf(arguments);
        std::optional<int> good, total;
        if (!words.empty()) {
            const std::string &counts = words.front();
            const auto slash = counts.find('/');
            if (slash != std::string::npos) {
                good = parseNumber<int>(std::string_view(counts).substr(0, slash));
                total = parseNumber<int>(std::string_view(counts).substr(slash + 1));
            }
        }
        if (!good || !total)
            return CommandResult::syntax("Invalid syntax for burst command");
        const MaskRead which = readMaskAddress(words.size() > 1 ? words[1] : std::string());
        if (!which.ok)
            return CommandResult::syntax(which.error);
        return burst(*good, *total, which.subnet, reading);
    }
    if (command == "online" || command == "offline") {
        const MaskRead which = readMaskAddress(arguments);
        if (!which.ok)
            return CommandResult::syntax(which.error);
        return setOnline(command == "online", which.subnet, reading);
    }
    static constexpr std::pair<const char *, SourceSetting> kSettings[] = {
        {"minpoll", SourceSetting::MinPoll},
        {"maxpoll", SourceSetting::MaxPoll},
        {"maxdelay", SourceSetting::MaxDelay},
        {"maxdelayratio", SourceSetting::MaxDelayRatio},
        {"maxdelaydevratio", SourceSetting::MaxDelayDevRatio},
        {"minstratum", SourceSetting::MinStratum},
        {"polltarget", SourceSetting::PollTarget},
    };
    for (const auto &[settingName, setting] : kSettings) {
        if (command != settingName)
            continue;
        // chronyc's read_address_integer/read_address_double: the value is read first.
        const std::vector<std::string> words = wordsOf(arguments);
        const bool integer = setting == SourceSetting::MinPoll || setting == SourceSetting::MaxPoll
                             || setting == SourceSetting::MinStratum || setting == SourceSetting::PollTarget;
        std::optional<double> value;
        if (words.size() >= 2) {
            if (integer) {
                if (const auto n = parseNumber<int>(words[1]))
                    value = *n;
            } else {
                value = parseNumber<double>(words[1]);
            }
        }
        if (!value)
            return CommandResult::syntax("Invalid syntax for address value");
        const auto address = IpAddress::parse(words[0]);
        if (!address)
            return CommandResult::syntax("Could not get address for hostname");
        return modifySource(*address, setting, *value);
    }
    if (command == "reselect")
        return reselectNow(reading);
    if (command == "refresh")
        return refreshNames(reading);
    if (command == "local")
        return setLocal(arguments);
    if (command == "resetclients")
        return resetClients();
    return CommandResult::of(CommandStatus::Invalid);
}

CommandResult Engine::addSourceLine(std::string_view directive, RealTime reading)
{
    const DirectiveRead d = readDirective(directive);
    if (!d.errors.empty()) {
        // chronyc's three words for what CPS_ParseNTPSourceAdd refused, then ours in full.
        const bool badOption = std::any_of(d.errors.begin(), d.errors.end(), [](const std::string &e) {
            return e.find("unknown option") != std::string::npos;
        });
        const bool badValue = !badOption && d.read.config.sources.empty()
                              && std::any_of(d.errors.begin(), d.errors.end(),
                                             [](const std::string &e) { return e.find("value") != std::string::npos; });
        return syntaxWithDetails(badOption  ? "Invalid option in add command"
                                 : badValue ? "Invalid value in add command"
                                            : "Invalid syntax for add command",
                                 d.errors);
    }
    if (d.read.config.sources.size() != 1)
        return CommandResult::syntax("Invalid syntax for add command");
    SourceConfig config = d.read.config.sources.front();
    config.origin = kCommandOrigin;
    const RealTime now = rawTime(m_options.clockDriver, reading);
    CommandResult result;
    result.warnings = d.warnings;
    const auto literal = IpAddress::parse(config.host);
    if (literal && config.kind != SourceConfig::Kind::Pool) {
        if (!addSource(config, config.host, *literal, {}, now))
            return CommandResult::of(CommandStatus::SourceAlreadyKnown);
        m_records.at(m_nextSourceId - 1).addedAtRunTime = true;
        return result;
    }
    // A name: known when a source or a lookup in progress already goes by it.
    const std::vector<NtpSource *> sources = ntpSources();
    const bool known = std::any_of(sources.begin(), sources.end(),
                                   [&](const NtpSource *s) {
                                       return (s->name() == config.host || s->poolName() == config.host)
                                              && s->address().port == config.port;
                                   })
                       || std::any_of(m_pendingResolves.begin(), m_pendingResolves.end(), [&](const auto &entry) {
                              return !entry.second.refresh && entry.second.config.host == config.host;
                          });
    if (known)
        return CommandResult::of(CommandStatus::SourceAlreadyKnown);
    PendingResolve pending{config, now, kResolveRetryFirst, false, false, true, std::nullopt};

    m_pendingResolves.emplace(m_nextResolveToken++, pending);
    requestDueResolves(now);
    return result;
}

CommandResult Engine::deleteSource(std::string_view addressOrName, RealTime reading)
{
    const RealTime now = rawTime(m_options.clockDriver, reading);
    const std::string text(addressOrName);
    const auto address = IpAddress::parse(text);
    bool removed = false;
    for (NtpSource *source : ntpSources()) {
        const bool match = address ? source->address().ip == address->unmapped() : source->name() == text;
        if (!match)
            continue;
        m_records.erase(source->id());
        removed = true;
    }
    if (!address) {
        // A name still being looked up goes as well.
        for (auto it = m_pendingResolves.begin(); it != m_pendingResolves.end();) {
            if (!it->second.refresh && it->second.config.host == text) {
                it = m_pendingResolves.erase(it);
                removed = true;
            } else {
                ++it;
            }
        }
    }
    if (!removed)
        return CommandResult::of(CommandStatus::NoSuchSource);
    reselect(now, std::nullopt);
    return {};
}

CommandResult Engine::changeAccess(std::string_view directive)
{
    const DirectiveRead d = readDirective(directive);
    // chronyc sends ADDRESS/BITS with any BITS and chronyd refuses a prefix that is too long.
    const bool badPrefix = std::any_of(d.errors.begin(), d.errors.end(), [](const std::string &e) {
        return e.find("prefix length") != std::string::npos;
    });
    if (badPrefix)
        return {CommandStatus::BadSubnet, d.errors.front(), {}};
    if (!d.errors.empty() || d.read.config.ntpAccess.size() != 1)
        return syntaxWithDetails("Could not read address", d.errors);
    m_config.ntpAccess.push_back(d.read.config.ntpAccess.front());
    m_responder.setAccess(AccessFilter(m_config.ntpAccess));
    return {};
}

std::vector<NtpSource *> Engine::sourcesIn(const std::optional<Subnet> &which) const
{
    std::vector<NtpSource *> sources = ntpSources();
    if (which)
        std::erase_if(sources, [&](const NtpSource *s) { return !which->contains(s->address().ip.unmapped()); });
    return sources;
}

NtpSource *Engine::sourceAt(const IpAddress &address) const
{
    for (NtpSource *source : ntpSources())
        if (source->address().ip == address.unmapped())
            return source;
    return nullptr;
}

CommandResult Engine::burst(int good, int total, const std::optional<Subnet> &which, RealTime reading)
{
    const RealTime now = rawTime(m_options.clockDriver, reading);
    const std::vector<NtpSource *> sources = sourcesIn(which);
    if (sources.empty())
        return CommandResult::of(CommandStatus::NoSuchSource);
    for (NtpSource *source : sources)
        source->startBurst(good, total, now);
    return {};
}

CommandResult Engine::setOnline(bool online, const std::optional<Subnet> &which, RealTime reading)
{
    const RealTime now = rawTime(m_options.clockDriver, reading);
    const std::vector<NtpSource *> sources = sourcesIn(which);
    if (sources.empty())
        return CommandResult::of(CommandStatus::NoSuchSource);
    for (NtpSource *source : sources)
        source->setOnline(online, now);
    return {};
}

CommandResult Engine::modifySource(const IpAddress &address, SourceSetting setting, double value)
{
    NtpSource *source = sourceAt(address);
    if (!source)
        return CommandResult::of(CommandStatus::NoSuchSource);
    SourceConfig config = source->config();
    const auto pollValue = [value]() -> std::optional<int> {
        if (value < kMinPollLimit || value > kMaxPollLimit)
            return std::nullopt;
        return static_cast<int>(value);
    };
    switch (setting) {
    case SourceSetting::MinPoll:
    case SourceSetting::MaxPoll: {
        // chronyd ignores an interval out of range without a word; we say so.
        const auto poll = pollValue();
        if (!poll)
            return {CommandStatus::Invalid, "poll interval out of range", {}};
        (setting == SourceSetting::MinPoll ? config.minPoll : config.maxPoll) = *poll;
        break;
    }
    case SourceSetting::MaxDelay:
        config.maxDelay = std::max(value, 0.0);
        break;
    case SourceSetting::MaxDelayRatio:
        config.maxDelayRatio = std::max(value, 0.0);
        break;
    case SourceSetting::MaxDelayDevRatio:
        config.maxDelayDevRatio = std::max(value, 0.0);
        break;
    case SourceSetting::PollTarget:
        config.pollTarget = std::max(static_cast<int>(value), 1); // chronyd's floor
        break;
    case SourceSetting::MinStratum:
        // chronyd takes any value and caps it at 15 when it raises a reply's stratum; the file's
        // range (0..16) is the one we report.
        if (value < 0 || value > kNtpMaxStratum)
            return {CommandStatus::Invalid, "minstratum must be between 0 and 16", {}};
        config.minStratum = static_cast<int>(value);
        break;
    }
    source->setConfig(config);
    m_records.at(source->id()).sampling->tests = SampleTestConfig::fromSource(config);
    return {};
}

CommandResult Engine::reselectNow(RealTime reading)
{
    reselect(rawTime(m_options.clockDriver, reading), std::nullopt);
    return {};
}

CommandResult Engine::refreshNames(RealTime reading)
{
    const RealTime now = rawTime(m_options.clockDriver, reading);
    for (const NtpSource *source : ntpSources()) {
        // chronyd's NSR_RefreshAddresses: every source known by a name, a pool's members too
        // (their config's host is the pool's name), is looked up again.
        if (IpAddress::parse(source->config().host))
            continue;
        PendingResolve pending{source->config(), now, kResolveRetryFirst, false, false, false, source->id()};
        m_pendingResolves.emplace(m_nextResolveToken++, pending);
    }
    requestDueResolves(now);
    return {};
}

void Engine::moveRefreshedSource(std::uint32_t id, const std::vector<IpAddress> &addresses, RealTime now)
{
    const NtpSource *source = findSource(id);
    if (!source || addresses.empty())
        return;
    const IpAddress current = source->address().ip;
    if (std::find(addresses.begin(), addresses.end(), current) != addresses.end())
        return;
    // As chronyd's process_resolved_name: the first address no other source uses; when every one
    // is taken (a pool's other members), the source stays where it is.
    const auto next =
        std::find_if(addresses.begin(), addresses.end(), [this](const IpAddress &a) { return sourceAt(a) == nullptr; });
    if (next == addresses.end())
        return;
    const SourceConfig config = source->config();
    const std::string poolName = source->poolName();
    const bool runtime = m_records.at(id).addedAtRunTime;
    m_events.push_back({EngineEvent::Category::Ntp,
                        "source " + (poolName.empty() ? config.host : current.toString() + " of pool " + poolName)
                            + " moved from " + current.toString() + " to " + next->toString() + " (refresh)"});
    m_records.erase(id);
    // A pool's member goes by its address, a server by its configured name.
    if (addSource(config, poolName.empty() ? config.host : next->toString(), *next, poolName, now))
        m_records.at(m_nextSourceId - 1).addedAtRunTime = runtime;
    reselect(now, std::nullopt);
}

CommandResult Engine::setLocal(std::string_view arguments)
{
    if (trimmed(arguments) == "off") {
        m_config.local.enabled = false;
        return {};
    }
    const DirectiveRead d = readDirective("local " + std::string(arguments));
    if (!d.errors.empty() || !d.read.config.local.enabled)
        return syntaxWithDetails("Invalid syntax for local command", d.errors);
    m_config.local = d.read.config.local;
    CommandResult result;
    result.warnings = d.warnings;
    return result;
}

CommandResult Engine::resetClients()
{
    if (!m_clientLog)
        return CommandResult::of(CommandStatus::Inactive);
    m_clientLog->resetCounters();
    return {};
}

} // namespace s1
