#include "config/DirectiveParser.h"

#include "config/ConfigEffects.h"
#include "config/ConfigSyntax.h"
#include "config/ConfigValues.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cmath>

namespace s1 {

namespace {

constexpr double kMaxPort = 65535;
constexpr double kOrphanWaitUnsynced = 300.0; // s, chrony's waitunsynced default with orphan
constexpr int kOctalBase = 8;
constexpr int kDecimalBase = 10;
constexpr long long kMaxFileMode = 0777;

constexpr ValueRange kNonNegative{0.0, kUnbounded};
constexpr ValueRange kPositive{0.0, kUnbounded, true};
constexpr ValueRange kPortRange{0, kMaxPort};
constexpr ValueRange kListenPortRange{1, kMaxPort}; // a port to listen on: 0 would pick a random one
constexpr ValueRange kMinSourcesRange{1, INT_MAX};
constexpr ValueRange kAnyInt{INT_MIN, INT_MAX};
constexpr ValueRange kByteCountRange{0, static_cast<double>(LLONG_MAX)};

// Standard serial rates an NMEA receiver is run at, in baud.
constexpr auto kNmeaBaudRates = std::to_array<int>({4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600});

struct DriverName
{
    std::string_view name;
    RefClockDriver driver;
};

// chronyd compares driver names case-sensitively.
constexpr auto kDrivers = std::to_array<DriverName>({
    {"PPS", RefClockDriver::Pps},
    {"SHM", RefClockDriver::Shm},
    {"SOCK", RefClockDriver::Sock},
    {"PHC", RefClockDriver::Phc},
    {"RTC", RefClockDriver::Rtc},
    {"NMEA", RefClockDriver::Nmea},
});

struct LogName
{
    std::string_view name;
    bool LoggingConfig::*flag;
};

// chronyd compares log names case-sensitively.
constexpr auto kLogNames = std::to_array<LogName>({
    {"measurements", &LoggingConfig::measurements},
    {"rawmeasurements", &LoggingConfig::rawMeasurements},
    {"refclocks", &LoggingConfig::refclocks},
    {"rtc", &LoggingConfig::rtc},
    {"selection", &LoggingConfig::selection},
    {"statistics", &LoggingConfig::statistics},
    {"tempcomp", &LoggingConfig::tempcomp},
    {"tracking", &LoggingConfig::tracking},
});

std::string commentHint(std::string_view word)
{
    return startsComment(word) ? " (comments must be on a line of their own)" : "";
}

std::string_view expectedKind(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Integer:
        return "expected an integer";
    case ValueKind::HexInteger:
        return "expected a hexadecimal number";
    case ValueKind::Real:
        return "expected a number";
    case ValueKind::Flag:
    case ValueKind::Text:
        break;
    }
    return "expected a value";
}

std::string invalidValue(const ConfigWord &owner, const ConfigWord &value, std::string_view reason)
{
    return "invalid value " + inQuotes(value.text) + " for " + inQuotes(owner.text) + ": " + std::string(reason);
}

// Integer ranges up to INT_MAX or LLONG_MAX mean "no upper limit" to a reader of messages;
// 32-bit limits (key ids) are real limits and are spelt out.
bool isUnboundedAbove(const ValueRange &range, bool integer)
{
    return range.max == kUnbounded
           || (integer && (range.max == INT_MAX || range.max >= static_cast<double>(LLONG_MAX)));
}

bool inRange(double value, const ValueRange &range)
{
    const bool aboveMin = range.exclusiveMin ? value > range.min : value >= range.min;
    return aboveMin && value <= range.max;
}

// "a, b, c or d"
template <typename Names>
std::string listOfNames(const Names &names)
{
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            text += i + 1 == names.size() ? " or " : ", ";
        text += names[i].name;
    }
    return text;
}

} // namespace

constexpr std::string_view kRateLimitWithoutClientLog =
    "'ratelimit' cannot be used with 'noclientlog': rate limiting keeps its state in the client log";

// ---- DiagnosticReporter

void DiagnosticReporter::startLine(const std::string &file, int line)
{
    m_file = &file;
    m_line = line;
    m_lineHasError = false;
}

void DiagnosticReporter::error(int column, std::string message)
{
    m_lineHasError = true;
    report(m_errorsAreWarnings ? ConfigDiagnostic::Severity::Warning : ConfigDiagnostic::Severity::Error, column,
           std::move(message));
}

void DiagnosticReporter::warning(int column, std::string message)
{
    report(ConfigDiagnostic::Severity::Warning, column, std::move(message));
}

void DiagnosticReporter::warningAt(std::size_t index, int column, std::string message)
{
    index = std::min(index, m_diagnostics.size());
    m_diagnostics.insert(
        m_diagnostics.begin() + static_cast<std::ptrdiff_t>(index),
        {ConfigDiagnostic::Severity::Warning, m_file ? *m_file : std::string(), m_line, column, std::move(message)});
}

void DiagnosticReporter::fileError(const std::string &file, std::string message)
{
    m_diagnostics.push_back({ConfigDiagnostic::Severity::Error, file, 0, 0, std::move(message)});
}

std::string DiagnosticReporter::origin() const
{
    return (m_file ? *m_file : std::string()) + ":" + std::to_string(m_line);
}

void DiagnosticReporter::report(ConfigDiagnostic::Severity severity, int column, std::string message)
{
    m_diagnostics.push_back({severity, m_file ? *m_file : std::string(), m_line, column, std::move(message)});
}

// ---- dispatch

std::span<const DirectiveParser::HandlerEntry> DirectiveParser::handlers()
{
    using P = DirectiveParser;
    using W = ConfigWords;
    // Sorted by name. Lambdas: several directives share a parser with different targets.
    static constexpr HandlerEntry kHandlers[] = {
        {"alarmcommand", [](P &p, const W &w) { p.parseText(w, p.m_config.alarmCommand, "a program"); }},
        {"allow", [](P &p, const W &w) { p.parseAccess(w, p.m_config.ntpAccess, true); }},
        {"authselectmode", [](P &p, const W &w) { p.parseAuthSelectMode(w); }},
        {"bindaddress", [](P &p, const W &w) { p.parseBindAddress(w); }},
        {"bindcmdaddress", [](P &p, const W &w) { p.parseBindCmdAddress(w); }},
        {"clientloglimit", [](P &p, const W &w) { p.parseByteCount(w, p.m_config.server.clientLogLimit); }},
        {"cmdallow", [](P &p, const W &w) { p.parseAccess(w, p.m_config.command.access, true); }},
        {"cmddeny", [](P &p, const W &w) { p.parseAccess(w, p.m_config.command.access, false); }},
        {"cmdport", [](P &p, const W &w) { p.parsePort(w, p.m_config.command.port); }},
        {"combinelimit",
         [](P &p, const W &w) { p.parseRealValue(w, p.m_config.selection.combineLimit, kNonNegative); }},
        {"corrtimeratio",
         [](P &p, const W &w) { p.parseRealValue(w, p.m_config.clock.correctionTimeRatio, kPositive); }},
        {"deny", [](P &p, const W &w) { p.parseAccess(w, p.m_config.ntpAccess, false); }},
        {"driftfile", [](P &p, const W &w) { p.parseDriftFile(w); }},
        {"dumpdir", [](P &p, const W &w) { p.parseText(w, p.m_config.dumpDir, "a directory"); }},
        {"hwtimestamp", [](P &p, const W &w) { p.parseHwTimestamp(w); }},
        {"keyfile", [](P &p, const W &w) { p.parseText(w, p.m_config.keyFile, "a file name"); }},
        {"leapseclist", [](P &p, const W &w) { p.parseText(w, p.m_config.clock.leapSecList, "a file name"); }},
        {"leapsecmode", [](P &p, const W &w) { p.parseLeapSecMode(w); }},
        {"leapsectz", [](P &p, const W &w) { p.parseText(w, p.m_config.clock.leapSecTimezone, "a time zone name"); }},
        {"local", [](P &p, const W &w) { p.parseLocal(w); }},
        {"log", [](P &p, const W &w) { p.parseLog(w); }},
        {"logchange", [](P &p, const W &w) { p.parseRealValue(w, p.m_config.logging.logChange, kNonNegative); }},
        {"logdir", [](P &p, const W &w) { p.parseText(w, p.m_config.logging.logDir, "a directory"); }},
        {"makestep", [](P &p, const W &w) { p.parseMakeStep(w); }},
        {"maxdistance", [](P &p, const W &w) { p.parseRealValue(w, p.m_config.selection.maxDistance, kNonNegative); }},
        {"maxjitter", [](P &p, const W &w) { p.parseRealValue(w, p.m_config.selection.maxJitter, kNonNegative); }},
        {"maxslewrate", [](P &p, const W &w) { p.parseRealValue(w, p.m_config.clock.maxSlewRate, kNonNegative); }},
        {"maxupdateskew", [](P &p, const W &w) { p.parseRealValue(w, p.m_config.clock.maxUpdateSkew, kNonNegative); }},
        {"metricsaddress", [](P &p, const W &w) { p.parseMetricsAddress(w); }},
        {"minsources",
         [](P &p, const W &w) { p.parseIntegerValue(w, p.m_config.selection.minSources, kMinSourcesRange); }},
        {"noclientlog", [](P &p, const W &w) { p.parseNoClientLog(w); }},
        {"peer", [](P &p, const W &w) { p.parseSource(w, SourceConfig::Kind::Peer); }},
        {"pidfile", [](P &p, const W &w) { p.parsePidFile(w); }},
        {"pool", [](P &p, const W &w) { p.parseSource(w, SourceConfig::Kind::Pool); }},
        {"port", [](P &p, const W &w) { p.parsePort(w, p.m_config.ntpPort); }},
        {"ratelimit", [](P &p, const W &w) { p.parseRateLimit(w); }},
        {"refclock", [](P &p, const W &w) { p.parseRefClock(w); }},
        {"reselectdist",
         [](P &p, const W &w) { p.parseRealValue(w, p.m_config.selection.reselectDistance, kNonNegative); }},
        {"rtcsync", [](P &p, const W &w) { p.parseFlag(w, p.m_config.clock.rtcSync); }},
        {"server", [](P &p, const W &w) { p.parseSource(w, SourceConfig::Kind::Server); }},
        {"stratumweight",
         [](P &p, const W &w) { p.parseRealValue(w, p.m_config.selection.stratumWeight, kNonNegative); }},
        {"user", [](P &p, const W &w) { p.parseText(w, p.m_config.user, "a user name"); }},
    };
    return kHandlers;
}

void DirectiveParser::parse(const ConfigWords &words)
{
    const ConfigWord &directive = words.front();
    const std::string name = lowercase(directive.text);
    const auto table = handlers();
    const auto it = std::lower_bound(table.begin(), table.end(), name,
                                     [](const HandlerEntry &e, const std::string &n) { return e.name < n; });
    if (it != table.end() && it->name == name) {
        // The directive's own warning goes before those of its options, in column order.
        const std::size_t firstOfLine = m_report.count();
        it->handler(*this, words);
        warnIfWithoutEffect(directive, name, firstOfLine);
        return;
    }

    const DirectiveSyntax *syntax = findDirectiveSyntax(name);
    if (!syntax)
        m_report.error(directive.column, "unknown directive " + inQuotes(directive.text));
    else if (syntax->support == DirectiveSupport::Obsolete)
        m_report.warning(directive.column, inQuotes(directive.text) + " is obsolete; ignored");
    else
        m_report.warning(directive.column, inQuotes(directive.text) + " has no effect yet");
}

void DirectiveParser::warnIfWithoutEffect(const ConfigWord &directive, const std::string &name, std::size_t at)
{
    if (m_report.lineHasError())
        return; // the line is not used at all
    if (name == "peer")
        m_report.warningAt(at, directive.column,
                           "loop detection of " + inQuotes(directive.text)
                               + " has no effect yet: symmetric polls are exchanged, but a "
                                 "synchronisation loop through the peer is not detected");
    else if (!directiveInEffect(name))
        m_report.warningAt(at, directive.column, inQuotes(directive.text) + " has no effect yet");
}

// ---- server, pool, peer

void DirectiveParser::parseSource(const ConfigWords &words, SourceConfig::Kind kind)
{
    const ConfigWord &directive = words.front();
    if (words.size() < 2) {
        m_report.error(directive.column, inQuotes(directive.text) + " needs a host name or address");
        return;
    }

    SourceOptions options;
    options.source.kind = kind;
    options.source.host = std::string(words[1].text);
    options.source.origin = m_report.origin();
    warnImplausibleHost(words[1]);
    parseOptions(words, 2, sourceOptionRules(), options);

    SourceConfig &source = options.source;
    // As chronyd's NCR_CreateInstance: a maxpoll below minpoll is raised, not rejected.
    source.maxPoll = std::max(source.maxPoll, source.minPoll);
    if (options.maxSourcesColumn != 0 && kind != SourceConfig::Kind::Pool) {
        // chronyd accepts it on any source and uses it only for pools.
        m_report.warning(options.maxSourcesColumn, "'maxsources' applies only to pool; ignored");
        source.maxSources = kDefaultPoolMaxSources;
    }

    if (!m_report.lineHasError())
        m_config.sources.push_back(std::move(source));
}

void DirectiveParser::warnImplausibleHost(const ConfigWord &host)
{
    if (!isPlausibleHost(host.text))
        m_report.warning(host.column,
                         inQuotes(host.text) + " is neither an address nor a valid host name; it will never resolve");
}

// ---- refclock

void DirectiveParser::parseRefClock(const ConfigWords &words)
{
    const ConfigWord &directive = words.front();
    if (words.size() < 3) {
        m_report.error(directive.column, inQuotes(directive.text) + " needs a driver and a driver parameter");
        return;
    }

    RefClockConfig clock;
    clock.origin = m_report.origin();
    const ConfigWord &driver = words[1];
    const auto known =
        std::find_if(kDrivers.begin(), kDrivers.end(), [&](const DriverName &d) { return d.name == driver.text; });
    if (known == kDrivers.end()) {
        const bool wrongCase = std::any_of(kDrivers.begin(), kDrivers.end(),
                                           [&](const DriverName &d) { return equalsIgnoreCase(d.name, driver.text); });
        m_report.error(driver.column, "unknown refclock driver " + inQuotes(driver.text) + "; expected "
                                          + listOfNames(kDrivers)
                                          + (wrongCase ? " (driver names are upper case)" : ""));
        return; // the parameter and options depend on the driver
    }
    clock.driver = known->driver;
    if (!refClockDriverInEffect(clock.driver))
        m_report.warning(driver.column, "refclock driver " + inQuotes(driver.text) + " has no effect yet");
    parseDriverParameter(clock, words[2]);
    parseOptions(words, 3, refClockOptionRules(), clock);

    if (!m_report.lineHasError())
        m_config.refClocks.push_back(std::move(clock));
}

// "PARAMETER[:option]...": the options are separated by ':' as in chronyd's refclock drivers.
void DirectiveParser::parseDriverParameter(RefClockConfig &clock, const ConfigWord &word)
{
    const std::size_t colon = word.text.find(':');
    clock.parameter = std::string(word.text.substr(0, colon));
    if (clock.parameter.empty()) {
        m_report.error(word.column, "missing driver parameter in " + inQuotes(word.text));
        return;
    }
    if (clock.driver == RefClockDriver::Shm) {
        long long segment = 0;
        if (!allDigits(clock.parameter) || parseInteger(clock.parameter, segment) != NumberStatus::Ok
            || segment > INT_MAX) {
            m_report.error(word.column,
                           "invalid SHM segment " + inQuotes(clock.parameter) + ": expected a non-negative integer");
            return;
        }
        clock.shmSegment = static_cast<int>(segment);
    }

    std::size_t start = colon;
    while (start != std::string_view::npos) {
        const std::size_t next = word.text.find(':', start + 1);
        const std::string_view option =
            word.text.substr(start + 1, next == std::string_view::npos ? next : next - start - 1);
        applyDriverOption(clock, option, word.column + static_cast<int>(start) + 1);
        start = next;
    }
}

bool DirectiveParser::applyDriverOption(RefClockConfig &clock, std::string_view option, int column)
{
    const std::size_t equals = option.find('=');
    const std::string_view name = option.substr(0, equals);
    const std::string_view value = equals == std::string_view::npos ? std::string_view() : option.substr(equals + 1);
    const auto driverName = std::find_if(kDrivers.begin(), kDrivers.end(), [&](const DriverName &d) {
                                return d.driver == clock.driver;
                            })->name;

    const auto flag = [&](bool &field) {
        if (equals != std::string_view::npos) {
            m_report.error(column, "driver option " + inQuotes(name) + " takes no value");
            return false;
        }
        field = true;
        return true;
    };
    const auto number = [&](int &field, int base, long long max, std::string_view expected) {
        long long parsed = 0;
        const bool digits = base == kOctalBase
                                ? std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '7'; })
                                : allDigits(value);
        if (value.empty() || !digits
            || std::from_chars(value.data(), value.data() + value.size(), parsed, base).ec != std::errc()
            || parsed > max) {
            m_report.error(column, "invalid value " + inQuotes(value) + " for driver option " + inQuotes(name) + ": "
                                       + std::string(expected));
            return false;
        }
        field = static_cast<int>(parsed);
        return true;
    };

    switch (clock.driver) {
    case RefClockDriver::Pps:
        if (name == "clear")
            return flag(clock.clearEdge);
        break;
    case RefClockDriver::Shm:
        if (name == "perm")
            return number(clock.shmPermissions, kOctalBase, kMaxFileMode, "expected an octal file mode up to 0777");
        break;
    case RefClockDriver::Phc:
        if (name == "nocrossts")
            return flag(clock.noCrossTimestamp);
        if (name == "extpps")
            return flag(clock.externalPps);
        if (name == "clear")
            return flag(clock.clearEdge);
        if (name == "pin")
            return number(clock.pin, kDecimalBase, INT_MAX, "expected a non-negative integer");
        if (name == "channel")
            return number(clock.channel, kDecimalBase, INT_MAX, "expected a non-negative integer");
        break;
    case RefClockDriver::Rtc:
        if (name == "utc")
            return flag(clock.rtcOnUtc);
        break;
    case RefClockDriver::Nmea:
        // The one option is the serial rate itself: "/dev/ttyAMA0:115200".
        if (allDigits(option)) {
            long long baud = 0;
            parseInteger(option, baud);
            if (std::find(kNmeaBaudRates.begin(), kNmeaBaudRates.end(), baud) == kNmeaBaudRates.end()) {
                m_report.error(column, "unsupported baud rate " + inQuotes(option) + " for refclock driver 'NMEA'");
                return false;
            }
            clock.baudRate = static_cast<int>(baud);
            return true;
        }
        break;
    case RefClockDriver::Sock:
        break;
    }
    m_report.error(column,
                   (option.empty() ? std::string("empty driver option") : "unknown driver option " + inQuotes(option))
                       + " for refclock driver " + inQuotes(driverName));
    return false;
}

// ---- allow, deny, cmdallow, cmddeny

void DirectiveParser::parseAccess(const ConfigWords &words, std::vector<AccessRule> &rules, bool allow)
{
    AccessRule rule;
    rule.allow = allow;
    std::size_t next = 1;
    // chronyd compares "all" case-sensitively; "ALL" would be looked up as a host name.
    if (next < words.size() && words[next].text == "all") {
        rule.all = true;
        ++next;
    }
    if (next < words.size()) {
        const SubnetParse parsed = parseSubnet(words[next].text);
        if (parsed.subnet)
            rule.subnet = parsed.subnet;
        else
            m_report.error(words[next].column, parsed.error);
        ++next;
    }
    rejectExtraArguments(words, next);

    if (!m_report.lineHasError())
        rules.push_back(rule);
}

// ---- local, hwtimestamp, ratelimit, driftfile

void DirectiveParser::parseLocal(const ConfigWords &words)
{
    // Each `local` line starts from the defaults, as in chronyd.
    LocalOptions options;
    options.local.enabled = true;
    parseOptions(words, 1, localOptionRules(), options);
    if (!options.waitUnsyncedGiven)
        options.local.waitUnsynced = options.local.orphan ? kOrphanWaitUnsynced : 0.0;

    if (!m_report.lineHasError())
        m_config.local = options.local;
}

void DirectiveParser::parseHwTimestamp(const ConfigWords &words)
{
    if (words.size() < 2) {
        m_report.error(words.front().column, inQuotes(words.front().text) + " needs an interface name or '*'");
        return;
    }
    HwTimestampOptions options;
    options.config.interface = std::string(words[1].text);
    parseOptions(words, 2, hwTimestampOptionRules(), options);
    if (!options.maxPollGiven)
        options.config.maxPoll = options.config.minPoll + 1;

    if (!m_report.lineHasError())
        m_config.hwTimestamps.push_back(std::move(options.config));
}

void DirectiveParser::parseRateLimit(const ConfigWords &words)
{
    // As chronyd: each line changes only the options it gives.
    RateLimitConfig limit = m_config.server.rateLimit;
    limit.enabled = true;
    parseOptions(words, 1, rateLimitOptionRules(), limit);
    // The buckets live in the client log; chronyd refuses to start with both.
    if (m_config.server.noClientLog)
        m_report.error(words.front().column, std::string(kRateLimitWithoutClientLog));
    if (!m_report.lineHasError())
        m_config.server.rateLimit = limit;
}

void DirectiveParser::parseNoClientLog(const ConfigWords &words)
{
    bool noClientLog = false;
    parseFlag(words, noClientLog);
    if (m_config.server.rateLimit.enabled)
        m_report.error(words.front().column, std::string(kRateLimitWithoutClientLog));
    if (!m_report.lineHasError())
        m_config.server.noClientLog = noClientLog;
}

void DirectiveParser::parseDriftFile(const ConfigWords &words)
{
    if (words.size() < 2) {
        m_report.error(words.front().column, inQuotes(words.front().text) + " needs a file name");
        return;
    }
    ClockControlConfig clock = m_config.clock;
    clock.driftFile = std::string(words[1].text);
    parseOptions(words, 2, driftFileOptionRules(), clock);
    if (!m_report.lineHasError())
        m_config.clock = clock;
}

// ---- makestep, leapsecmode, bindaddress, bindcmdaddress, log, pidfile

void DirectiveParser::parseMakeStep(const ConfigWords &words)
{
    if (!expectArguments(words, 2, "a threshold and a limit"))
        return;
    const auto threshold = readReal(words[0], words[1], kNonNegative);
    const auto limit = readInteger(words[0], words[2], kAnyInt);
    if (threshold && limit) {
        m_config.clock.makeStep.threshold = *threshold;
        m_config.clock.makeStep.limit = static_cast<int>(*limit);
    }
}

void DirectiveParser::parseAuthSelectMode(const ConfigWords &words)
{
    if (!expectArguments(words, 1, "a mode"))
        return;
    struct Mode
    {
        std::string_view name;
        AuthSelectMode mode;
    };
    static constexpr auto kModes = std::to_array<Mode>({
        {"require", AuthSelectMode::Require},
        {"prefer", AuthSelectMode::Prefer},
        {"mix", AuthSelectMode::Mix},
        {"ignore", AuthSelectMode::Ignore},
    });
    const ConfigWord &value = words[1];
    const auto it =
        std::find_if(kModes.begin(), kModes.end(), [&](const Mode &m) { return equalsIgnoreCase(m.name, value.text); });
    if (it == kModes.end())
        m_report.error(value.column, invalidValue(words[0], value, "expected " + listOfNames(kModes)));
    else
        m_config.selection.authSelectMode = it->mode;
}

void DirectiveParser::parseLeapSecMode(const ConfigWords &words)
{
    if (!expectArguments(words, 1, "a mode"))
        return;
    struct Mode
    {
        std::string_view name;
        LeapSecondMode mode;
    };
    static constexpr auto kModes = std::to_array<Mode>({
        {"system", LeapSecondMode::System},
        {"slew", LeapSecondMode::Slew},
        {"step", LeapSecondMode::Step},
        {"ignore", LeapSecondMode::Ignore},
    });
    const ConfigWord &value = words[1];
    const auto it =
        std::find_if(kModes.begin(), kModes.end(), [&](const Mode &m) { return equalsIgnoreCase(m.name, value.text); });
    if (it == kModes.end())
        m_report.error(value.column, invalidValue(words[0], value, "expected " + listOfNames(kModes)));
    else
        m_config.clock.leapSecMode = it->mode;
}

void DirectiveParser::parseBindAddress(const ConfigWords &words)
{
    if (!expectArguments(words, 1, "an address"))
        return;
    const auto address = IpAddress::parse(words[1].text);
    if (!address)
        m_report.error(words[1].column, invalidValue(words[0], words[1], "expected an IPv4 or IPv6 address"));
    else
        (address->isV4() ? m_config.server.bindAddressV4 : m_config.server.bindAddressV6) = address;
}

// An address for the command port, or a path starting with '/' for the Unix socket ("/"
// alone disables it).
void DirectiveParser::parseBindCmdAddress(const ConfigWords &words)
{
    if (!expectArguments(words, 1, "an address or a socket path"))
        return;
    const ConfigWord &value = words[1];
    if (value.text.front() == '/') {
        m_config.command.socketPath = value.text == "/" ? std::string() : std::string(value.text);
        return;
    }
    const auto address = IpAddress::parse(value.text);
    if (!address)
        m_report.error(value.column, invalidValue(words[0], value, "expected an address or a path starting with '/'"));
    else
        (address->isV4() ? m_config.command.bindAddressV4 : m_config.command.bindAddressV6) = address;
}

// Flags accumulate over `log` lines, as in chronyd.
void DirectiveParser::parseLog(const ConfigWords &words)
{
    LoggingConfig logging = m_config.logging;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const auto it =
            std::find_if(kLogNames.begin(), kLogNames.end(), [&](const LogName &l) { return l.name == words[i].text; });
        if (it == kLogNames.end()) {
            m_report.error(words[i].column, "unknown log " + inQuotes(words[i].text) + "; expected "
                                                + listOfNames(kLogNames) + commentHint(words[i].text));
            continue;
        }
        logging.*(it->flag) = true;
        if (!logInEffect(it->name))
            m_report.warning(words[i].column, "log " + inQuotes(words[i].text) + " has no effect yet");
        if (it->flag == &LoggingConfig::rawMeasurements)
            logging.measurements = true;
    }
    if (!m_report.lineHasError())
        m_config.logging = logging;
}

void DirectiveParser::parsePidFile(const ConfigWords &words)
{
    std::string path;
    parseText(words, path, "a file name");
    if (!m_report.lineHasError())
        m_config.pidFile = path == "/" ? std::string() : path; // "/" disables the PID file
}

// ---- one-value directives

// `metricsaddress ADDRESS PORT`: both are required, so that the endpoint is never opened on
// an address nobody chose (Prometheus exporters commonly listen on every interface).
void DirectiveParser::parseMetricsAddress(const ConfigWords &words)
{
    if (!expectArguments(words, 2, "an address and a port"))
        return;
    const auto address = IpAddress::parse(words[1].text);
    if (!address)
        m_report.error(words[1].column, invalidValue(words[0], words[1], "expected an IPv4 or IPv6 address"));
    const auto port = readInteger(words[0], words[2], kListenPortRange);
    if (address && port)
        m_config.metrics = MetricsEndpointConfig{*address, static_cast<std::uint16_t>(*port)};
}

void DirectiveParser::parsePort(const ConfigWords &words, std::uint16_t &port)
{
    if (!expectArguments(words, 1, "a port number"))
        return;
    if (const auto value = readInteger(words[0], words[1], kPortRange))
        port = static_cast<std::uint16_t>(*value);
}

void DirectiveParser::parseRealValue(const ConfigWords &words, double &value, const ValueRange &range)
{
    if (!expectArguments(words, 1, "a number"))
        return;
    if (const auto parsed = readReal(words[0], words[1], range))
        value = *parsed;
}

void DirectiveParser::parseIntegerValue(const ConfigWords &words, int &value, const ValueRange &range)
{
    if (!expectArguments(words, 1, "a number"))
        return;
    if (const auto parsed = readInteger(words[0], words[1], range))
        value = static_cast<int>(*parsed);
}

void DirectiveParser::parseByteCount(const ConfigWords &words, std::uint64_t &value)
{
    if (!expectArguments(words, 1, "a number of bytes"))
        return;
    if (const auto parsed = readInteger(words[0], words[1], kByteCountRange))
        value = static_cast<std::uint64_t>(*parsed);
}

void DirectiveParser::parseText(const ConfigWords &words, std::string &value, std::string_view what)
{
    if (expectArguments(words, 1, what))
        value = std::string(words[1].text);
}

void DirectiveParser::parseFlag(const ConfigWords &words, bool &value)
{
    if (expectArguments(words, 0, {}))
        value = true;
}

// ---- options

template <typename Target>
void DirectiveParser::parseOptions(const ConfigWords &words, std::size_t first,
                                   std::span<const OptionRule<Target>> rules, Target &target)
{
    for (std::size_t i = first; i < words.size();) {
        const OptionRule<Target> *rule = findOptionRule(rules, words[i].text);
        if (!rule) {
            unknownOption(words.front(), words[i]);
            return; // the arguments of an unknown option cannot be told from further options
        }
        const ConfigWord *value = rule->kind != ValueKind::Flag && i + 1 < words.size() ? &words[i + 1] : nullptr;
        if (applyOption(*rule, words[i], value, target))
            warnIfWithoutEffect(words.front(), words[i], rule->name);
        i += rule->kind == ValueKind::Flag ? 1 : 2;
    }
}

void DirectiveParser::warnIfWithoutEffect(const ConfigWord &directive, const ConfigWord &option, std::string_view name)
{
    const std::string directiveName = lowercase(directive.text);
    // A directive without effect has been warned about as a whole.
    if (!directiveInEffect(directiveName) || optionInEffect(directiveName, name))
        return;
    std::string message = "option " + inQuotes(option.text) + " of " + inQuotes(directive.text) + " has no effect yet";
    if (name == "nts")
        message += ": NTS is not supported, so this source will never be selected";
    m_report.warning(option.column, message);
}

template <typename Target>
bool DirectiveParser::applyOption(const OptionRule<Target> &rule, const ConfigWord &option, const ConfigWord *value,
                                  Target &target)
{
    OptionValue parsed;
    parsed.optionColumn = option.column;
    if (rule.kind != ValueKind::Flag) {
        if (!value) {
            m_report.error(option.column, "missing value for " + inQuotes(option.text));
            return false;
        }
        parsed.text = value->text;
    }

    switch (rule.kind) {
    case ValueKind::Flag:
    case ValueKind::Text:
        break;
    case ValueKind::Integer:
        if (const auto number = readInteger(option, *value, rule.range))
            parsed.integer = *number;
        else
            return false;
        break;
    case ValueKind::HexInteger: {
        long long number = 0;
        if (parseHexInteger(value->text, number) != NumberStatus::Ok
            || !inRange(static_cast<double>(number), rule.range)) {
            m_report.error(value->column, invalidValue(option, *value, expectedKind(rule.kind)));
            return false;
        }
        parsed.integer = number;
        break;
    }
    case ValueKind::Real:
        if (const auto number = readReal(option, *value, rule.range))
            parsed.real = *number;
        else
            return false;
        break;
    }

    const std::string_view reason = rule.apply(target, parsed);
    if (reason.empty())
        return true;
    if (value)
        m_report.error(value->column, invalidValue(option, *value, reason));
    else
        m_report.error(option.column, inQuotes(option.text) + ": " + std::string(reason));
    return false;
}

// `owner` is the option or directive the value belongs to, named in messages.
std::optional<long long> DirectiveParser::readInteger(const ConfigWord &owner, const ConfigWord &value,
                                                      const ValueRange &range)
{
    long long number = 0;
    const NumberStatus status = parseInteger(value.text, number);
    if (status == NumberStatus::Invalid) {
        m_report.error(value.column, invalidValue(owner, value, expectedKind(ValueKind::Integer)));
        return std::nullopt;
    }
    if (status == NumberStatus::OutOfRange && isUnboundedAbove(range, true)) {
        m_report.error(value.column, inQuotes(owner.text) + " is out of range, got " + std::string(value.text));
        return std::nullopt;
    }
    if (status == NumberStatus::OutOfRange || !inRange(static_cast<double>(number), range)) {
        rangeError(owner, value, range, true);
        return std::nullopt;
    }
    return number;
}

std::optional<double> DirectiveParser::readReal(const ConfigWord &owner, const ConfigWord &value,
                                                const ValueRange &range)
{
    double number = 0.0;
    if (parseReal(value.text, number) != NumberStatus::Ok) {
        m_report.error(value.column, invalidValue(owner, value, expectedKind(ValueKind::Real)));
        return std::nullopt;
    }
    if (!inRange(number, range)) {
        rangeError(owner, value, range, false);
        return std::nullopt;
    }
    return number;
}

void DirectiveParser::rangeError(const ConfigWord &owner, const ConfigWord &value, const ValueRange &range,
                                 bool integer)
{
    const auto format = [&](double bound) {
        return integer ? std::to_string(static_cast<long long>(bound)) : formatNumber(bound);
    };
    const bool unboundedAbove = isUnboundedAbove(range, integer);
    std::string rule;
    if (unboundedAbove && range.min == 0.0)
        rule = range.exclusiveMin ? "must be positive" : "must not be negative";
    else if (unboundedAbove)
        rule = "must be at least " + format(range.min);
    else
        rule = "must be between " + format(range.min) + " and " + format(range.max);
    m_report.error(value.column, inQuotes(owner.text) + " " + rule + ", got " + std::string(value.text));
}

bool DirectiveParser::expectArguments(const ConfigWords &words, std::size_t count, std::string_view what)
{
    if (words.size() < count + 1) {
        m_report.error(words.front().column, inQuotes(words.front().text) + " needs " + std::string(what));
        return false;
    }
    rejectExtraArguments(words, count + 1);
    return !m_report.lineHasError();
}

void DirectiveParser::rejectExtraArguments(const ConfigWords &words, std::size_t first)
{
    if (first < words.size()) // the first one is enough: the rest of the line is likely the same mistake
        m_report.error(words[first].column, "unexpected argument " + inQuotes(words[first].text) + " for "
                                                + inQuotes(words.front().text) + commentHint(words[first].text));
}

void DirectiveParser::unknownOption(const ConfigWord &directive, const ConfigWord &option)
{
    m_report.error(option.column, "unknown option " + inQuotes(option.text) + " for " + inQuotes(directive.text)
                                      + commentHint(option.text));
}

} // namespace s1
