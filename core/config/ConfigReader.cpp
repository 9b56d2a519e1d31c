#include "config/ConfigReader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <type_traits>

namespace s1 {

namespace {

// Lexing, as chronyd's CPS_NormalizeLine.
constexpr std::string_view kCommentStarters = "!;#%";

// Value ranges. Where chrony's own limits are used they come from its cmdparse.c and conf.c.
constexpr int kMinSourcePort = 1;
constexpr int kMaxPort = 65535;
constexpr int kMinServerPort = 0;         // "port 0" disables the NTP server
constexpr int kMinNtpVersion = 1;
constexpr int kMaxNtpVersion = 4;
constexpr int kMinPoolSources = 1;
constexpr int kMaxPoolSources = 16;       // chrony's MAX_POOL_SOURCES
constexpr int kMinLocalStratum = 1;
constexpr int kMaxLocalStratum = 15;      // 16 means unsynchronised
constexpr int kChronyMaxStratum = 16;
constexpr int kChronyPollBound = 32;      // log2 s, presend accepts -32..32
constexpr long long kMaxUint32 = UINT32_MAX;

constexpr int kBitsPerOctet = 8;
constexpr int kMaxOctetValue = 255;
constexpr int kIpv4OctetCount = 4;
constexpr int kDecimalBase = 10;
constexpr int kHexBase = 16;

// How many words an option takes up, its name included.
constexpr std::size_t kFlagWords = 1;
constexpr std::size_t kValueOptionWords = 2;

// What an option expects after its name.
enum class ValueKind : std::uint8_t { None, Integer, HexInteger, Real };

struct OptionSpec
{
    std::string_view name;
    ValueKind kind = ValueKind::None;
    long long min = 0;
    long long max = 0;
};

// chrony source options this reader accepts, validates and ignores for now.
constexpr std::array kUnimplementedSourceOptions = {
    OptionSpec{"asymmetry", ValueKind::Real},
    OptionSpec{"auto_offline", ValueKind::None},
    OptionSpec{"burst", ValueKind::None},
    OptionSpec{"certset", ValueKind::Integer, 0, kMaxUint32},
    OptionSpec{"copy", ValueKind::None},
    OptionSpec{"extfield", ValueKind::HexInteger, 0, kMaxUint32},
    OptionSpec{"filter", ValueKind::Integer, 0, INT_MAX},
    OptionSpec{"ipv4", ValueKind::None},
    OptionSpec{"ipv6", ValueKind::None},
    OptionSpec{"key", ValueKind::Integer, 1, kMaxUint32}, // key 0 means "no key" in chrony
    OptionSpec{"maxdelay", ValueKind::Real},
    OptionSpec{"maxdelaydevratio", ValueKind::Real},
    OptionSpec{"maxdelayquant", ValueKind::Real},
    OptionSpec{"maxdelayratio", ValueKind::Real},
    OptionSpec{"maxsamples", ValueKind::Integer, 0, INT_MAX},
    OptionSpec{"maxunreach", ValueKind::Integer, 0, INT_MAX},
    OptionSpec{"mindelay", ValueKind::Real},
    OptionSpec{"minsamples", ValueKind::Integer, 0, INT_MAX},
    OptionSpec{"minstratum", ValueKind::Integer, 0, kChronyMaxStratum},
    OptionSpec{"nts", ValueKind::None},
    OptionSpec{"ntsport", ValueKind::Integer, 0, kMaxPort},
    OptionSpec{"offline", ValueKind::None},
    OptionSpec{"offset", ValueKind::Real},
    OptionSpec{"polltarget", ValueKind::Integer, 1, INT_MAX},
    OptionSpec{"presend", ValueKind::Integer, -kChronyPollBound, kChronyPollBound},
    OptionSpec{"require", ValueKind::None},
    OptionSpec{"trust", ValueKind::None},
    OptionSpec{"xleave", ValueKind::None},
};

constexpr std::array kUnimplementedLocalOptions = {
    OptionSpec{"activate", ValueKind::Real},
    OptionSpec{"waitsynced", ValueKind::Real},
    OptionSpec{"waitunsynced", ValueKind::Real},
};

// chrony 4.x directives (conf.c) that are valid but not implemented here yet.
constexpr auto kUnimplementedDirectives = std::to_array<std::string_view>({
    "acquisitionport", "authselectmode", "bindacqaddress", "bindacqdevice", "bindaddress",
    "bindcmdaddress", "bindcmddevice", "binddevice", "broadcast", "clientloglimit",
    "clockprecision", "cmdallow", "cmddeny", "cmdport", "cmdratelimit", "combinelimit",
    "confdir", "corrtimeratio", "driftfile", "dscp", "dumpdir", "fallbackdrift", "hwclockfile",
    "hwtimestamp", "hwtstimeout", "include", "initstepslew", "keyfile", "leapsecmode",
    "leapseclist", "leapsectz", "lock_all", "log", "logbanner", "logchange", "logdir",
    "mailonchange", "makestep", "manual", "maxchange", "maxclockerror", "maxdistance",
    "maxdrift", "maxjitter", "maxntsconnections", "maxsamples", "maxslewrate", "maxupdateskew",
    "minsamples", "minsources", "nocerttimecheck", "noclientlog", "nosystemcert",
    "ntpsigndsocket", "ntsaeads", "ntscachedir", "ntsdumpdir", "ntsntpserver", "ntsport",
    "ntsprocesses", "ntsratelimit", "ntsrefresh", "ntsrotate", "ntsservercert", "ntsserverkey",
    "ntstrustedcerts", "opencommands", "pidfile", "ptpdomain", "ptpport", "ratelimit",
    "refclock", "refresh", "reselectdist", "rtcautotrim", "rtcdevice", "rtcfile", "rtconutc",
    "rtcsync", "sched_priority", "smoothtime", "sourcedir", "stratumweight", "tempcomp", "user",
    // Obsolete directives chronyd still accepts and ignores.
    "commandkey", "dumponexit", "generatecommandkey", "linux_freq_scale", "linux_hz",
});

struct Word
{
    std::string_view text;
    int column = 0; // 1-based byte column
};

using Words = std::vector<Word>;

bool isBlank(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string lowercase(std::string_view text)
{
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

Words splitWords(std::string_view line)
{
    Words words;
    std::size_t i = 0;
    while (i < line.size()) {
        if (isBlank(line[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < line.size() && !isBlank(line[i]))
            ++i;
        words.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
    }
    return words;
}

bool isCommentOrBlank(const Words &words)
{
    return words.empty() || kCommentStarters.find(words.front().text.front()) != std::string_view::npos;
}

// sscanf, which chrony uses, accepts a leading '+'; from_chars does not.
std::string_view withoutPlusSign(std::string_view text)
{
    if (text.size() > 1 && text.front() == '+' && text[1] != '-')
        text.remove_prefix(1);
    return text;
}

enum class NumberStatus : std::uint8_t { Ok, Invalid, OutOfRange };

template <typename T>
NumberStatus parseNumber(std::string_view text, T &out, int base = kDecimalBase)
{
    const char *end = text.data() + text.size();
    std::from_chars_result r{};
    if constexpr (std::is_floating_point_v<T>)
        r = std::from_chars(text.data(), end, out);
    else
        r = std::from_chars(text.data(), end, out, base);
    if (r.ec == std::errc::result_out_of_range && r.ptr == end)
        return NumberStatus::OutOfRange;
    if (r.ec != std::errc() || r.ptr != end || text.empty())
        return NumberStatus::Invalid;
    return NumberStatus::Ok;
}

bool allDigits(std::string_view text)
{
    return !text.empty()
        && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

struct ShortenedIpv4
{
    IpAddress address;
    int givenOctets = 0;
};

// chrony's shortened network notation, "10", "192.168", "1.2.3": missing octets are zero. This
// is not inet_aton's numbers-and-dots form ("10.1" is 10.0.0.1 there).
std::optional<ShortenedIpv4> parseShortenedIpv4(std::string_view text)
{
    std::uint32_t value = 0;
    int octets = 0;
    while (true) {
        const std::size_t dot = text.find('.');
        const std::string_view part = text.substr(0, dot);
        int octet = 0;
        if (!allDigits(part) || parseNumber(part, octet) != NumberStatus::Ok || octet > kMaxOctetValue)
            return std::nullopt;
        ++octets;
        if (octets >= kIpv4OctetCount)
            return std::nullopt; // four octets are a full address, handled by IpAddress::parse
        value |= std::uint32_t(octet) << (kBitsPerOctet * (kIpv4OctetCount - octets));
        if (dot == std::string_view::npos)
            break;
        text.remove_prefix(dot + 1);
    }
    return ShortenedIpv4{IpAddress::v4(value), octets};
}

bool looksLikeHostName(std::string_view text)
{
    const auto hostChar = [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_'; };
    const auto letter = [](unsigned char c) { return std::isalpha(c) != 0; };
    return std::all_of(text.begin(), text.end(), hostChar) && std::any_of(text.begin(), text.end(), letter);
}

const OptionSpec *findOption(std::span<const OptionSpec> specs, std::string_view name)
{
    const auto it = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec &s) { return s.name == name; });
    return it == specs.end() ? nullptr : &*it;
}

bool isUnimplementedDirective(std::string_view name)
{
    return std::find(kUnimplementedDirectives.begin(), kUnimplementedDirectives.end(), name)
        != kUnimplementedDirectives.end();
}

class Reader
{
public:
    explicit Reader(const std::string &fileName) : m_fileName(fileName) {}

    ConfigReadResult read(std::string_view text);

private:
    void parseLine(std::string_view line);
    void parseSource(const Words &words, SourceConfig::Kind kind, bool pool);
    std::size_t applySourceOption(SourceConfig &source, bool pool, const Word &directive,
                                  const Word &option, const Word *value);
    void parseAccess(const Words &words, bool allow);
    std::optional<Subnet> parseSubnet(const Word &word);
    void parseLocal(const Words &words);
    std::size_t applyLocalOption(LocalReferenceConfig &local, const Word &directive,
                                 const Word &option, const Word *value);
    void parsePort(const Words &words);

    std::optional<int> readInteger(const Word &owner, const Word *value, long long min, long long max);
    std::optional<double> readReal(const Word &owner, const Word *value);
    void checkHexInteger(const Word &owner, const Word *value, long long min, long long max);
    std::size_t acceptUnimplementedOption(const OptionSpec &spec, const Word &option, const Word *value);
    void unknownOption(const Word &directive, const Word &option);
    void rejectExtraArguments(const Words &words, std::size_t first);

    void report(ConfigDiagnostic::Severity severity, int column, std::string message);
    void error(int column, std::string message);
    void warning(int column, std::string message);

    const std::string &m_fileName;
    ConfigReadResult m_result;
    int m_lineNumber = 0;
    bool m_lineHasError = false;
    std::set<std::string, std::less<>> m_warnedOptions;
};

ConfigReadResult Reader::read(std::string_view text)
{
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        ++m_lineNumber;
        parseLine(text.substr(0, newline));
        if (newline == std::string_view::npos)
            break;
        text.remove_prefix(newline + 1);
    }
    return std::move(m_result);
}

void Reader::parseLine(std::string_view line)
{
    m_lineHasError = false;
    const Words words = splitWords(line);
    if (isCommentOrBlank(words))
        return;

    const Word &directive = words.front();
    const std::string name = lowercase(directive.text);
    if (name == "server")
        parseSource(words, SourceConfig::Kind::Server, false);
    else if (name == "pool")
        parseSource(words, SourceConfig::Kind::Pool, true);
    else if (name == "peer")
        parseSource(words, SourceConfig::Kind::Peer, false);
    else if (name == "allow" || name == "deny")
        parseAccess(words, name == "allow");
    else if (name == "local")
        parseLocal(words);
    else if (name == "port")
        parsePort(words);
    else if (isUnimplementedDirective(name))
        warning(directive.column, quoted(directive.text) + " is not supported yet; ignored");
    else
        error(directive.column, "unknown directive " + quoted(directive.text));
}

void Reader::parseSource(const Words &words, SourceConfig::Kind kind, bool pool)
{
    const Word &directive = words.front();
    if (words.size() < 2) {
        error(directive.column, quoted(directive.text) + " needs a host name or address");
        return;
    }

    SourceConfig source;
    source.kind = kind;
    source.host = std::string(words[1].text);
    source.origin = m_fileName + ":" + std::to_string(m_lineNumber);
    for (std::size_t i = 2; i < words.size();) {
        const Word *value = i + 1 < words.size() ? &words[i + 1] : nullptr;
        const std::size_t consumed = applySourceOption(source, pool, directive, words[i], value);
        if (consumed == 0)
            break; // an unknown option: its arguments cannot be told from further options
        i += consumed;
    }
    // As chronyd's NCR_CreateInstance: a maxpoll below minpoll is raised, not rejected.
    source.maxPoll = std::max(source.maxPoll, source.minPoll);

    if (!m_lineHasError)
        m_result.config.sources.push_back(std::move(source));
}

// Returns how many words the option used (name and value), 0 for an unknown option.
std::size_t Reader::applySourceOption(SourceConfig &source, bool pool, const Word &directive,
                                      const Word &option, const Word *value)
{
    const std::string name = lowercase(option.text);

    if (name == "iburst" || name == "prefer" || name == "noselect") {
        bool &flag = name == "iburst" ? source.iburst : name == "prefer" ? source.prefer : source.noselect;
        flag = true;
        return kFlagWords;
    }
    if (name == "minpoll" || name == "maxpoll") {
        if (const auto poll = readInteger(option, value, kMinPollLimit, kMaxPollLimit))
            (name == "minpoll" ? source.minPoll : source.maxPoll) = *poll;
        return kValueOptionWords;
    }
    if (name == "port") {
        if (const auto port = readInteger(option, value, kMinSourcePort, kMaxPort))
            source.port = static_cast<std::uint16_t>(*port);
        return kValueOptionWords;
    }
    if (name == "version") {
        if (const auto version = readInteger(option, value, kMinNtpVersion, kMaxNtpVersion))
            source.version = *version;
        return kValueOptionWords;
    }
    if (name == "maxsources") {
        const auto count = readInteger(option, value, kMinPoolSources, kMaxPoolSources);
        if (count && pool)
            source.maxSources = *count;
        else if (count) // chronyd accepts it on any source and uses it only for pools
            warning(option.column, "'maxsources' applies only to pool; ignored");
        return kValueOptionWords;
    }
    if (const OptionSpec *spec = findOption(kUnimplementedSourceOptions, name))
        return acceptUnimplementedOption(*spec, option, value);

    unknownOption(directive, option);
    return 0;
}

void Reader::parseAccess(const Words &words, bool allow)
{
    AccessRule rule;
    rule.allow = allow;
    std::size_t next = 1;
    // chronyd compares "all" case-sensitively; "ALL" would be looked up as a host name.
    if (next < words.size() && words[next].text == "all") {
        rule.all = true;
        ++next;
    }
    if (next < words.size())
        rule.subnet = parseSubnet(words[next++]);
    rejectExtraArguments(words, next);

    if (!m_lineHasError)
        m_result.config.ntpAccess.push_back(rule);
}

// The forms of chronyd's CPS_ParseAllowDeny, minus host names: an address with an optional
// "/bits", or a shortened IPv4 network ("10", "192.168", "1.2.3") with an optional "/bits".
std::optional<Subnet> Reader::parseSubnet(const Word &word)
{
    const std::size_t slash = word.text.find('/');
    const std::string_view network = word.text.substr(0, slash);
    std::optional<int> bits;
    if (slash != std::string_view::npos) {
        const std::string_view bitsText = word.text.substr(slash + 1);
        int parsed = 0;
        if (!allDigits(bitsText) || parseNumber(bitsText, parsed) != NumberStatus::Ok) {
            error(word.column, "invalid prefix length in " + quoted(word.text));
            return std::nullopt;
        }
        bits = parsed;
    }

    std::optional<IpAddress> address = IpAddress::parse(network);
    int impliedBits = address ? address->bitLength() : 0;
    if (!address) {
        if (const auto shortened = parseShortenedIpv4(network)) {
            address = shortened->address;
            impliedBits = shortened->givenOctets * kBitsPerOctet;
        }
    }
    if (!address) {
        if (!bits && looksLikeHostName(network))
            error(word.column, "host names in allow/deny are not supported");
        else
            error(word.column, "invalid subnet " + quoted(word.text));
        return std::nullopt;
    }

    const int prefixLength = bits.value_or(impliedBits);
    if (prefixLength > address->bitLength()) {
        error(word.column, "prefix length " + std::to_string(prefixLength) + " is longer than the "
                               + std::to_string(address->bitLength()) + " bits of the address");
        return std::nullopt;
    }
    return Subnet::of(*address, prefixLength);
}

void Reader::parseLocal(const Words &words)
{
    const Word &directive = words.front();
    // Each `local` line starts from the defaults, as in chronyd.
    LocalReferenceConfig local;
    local.enabled = true;
    for (std::size_t i = 1; i < words.size();) {
        const Word *value = i + 1 < words.size() ? &words[i + 1] : nullptr;
        const std::size_t consumed = applyLocalOption(local, directive, words[i], value);
        if (consumed == 0)
            break;
        i += consumed;
    }

    if (!m_lineHasError)
        m_result.config.local = local;
}

std::size_t Reader::applyLocalOption(LocalReferenceConfig &local, const Word &directive,
                                     const Word &option, const Word *value)
{
    const std::string name = lowercase(option.text);

    if (name == "orphan") {
        local.orphan = true;
        return kFlagWords;
    }
    if (name == "stratum") {
        if (const auto stratum = readInteger(option, value, kMinLocalStratum, kMaxLocalStratum))
            local.stratum = *stratum;
        return kValueOptionWords;
    }
    if (name == "distance") {
        const auto distance = readReal(option, value);
        if (distance && *distance >= 0.0)
            local.distance = *distance;
        else if (distance)
            error(value->column, "'distance' must not be negative, got " + std::string(value->text));
        return kValueOptionWords;
    }
    if (const OptionSpec *spec = findOption(kUnimplementedLocalOptions, name))
        return acceptUnimplementedOption(*spec, option, value);

    unknownOption(directive, option);
    return 0;
}

void Reader::parsePort(const Words &words)
{
    const Word &directive = words.front();
    if (words.size() < 2) {
        error(directive.column, quoted(directive.text) + " needs a port number");
        return;
    }
    const auto port = readInteger(directive, &words[1], kMinServerPort, kMaxPort);
    rejectExtraArguments(words, 2);
    if (port && !m_lineHasError)
        m_result.config.ntpPort = static_cast<std::uint16_t>(*port);
}

// `owner` is the option or directive the value belongs to, named in messages.
std::optional<int> Reader::readInteger(const Word &owner, const Word *value, long long min, long long max)
{
    if (!value) {
        error(owner.column, "missing value for " + quoted(owner.text));
        return std::nullopt;
    }
    long long number = 0;
    const NumberStatus status = parseNumber(withoutPlusSign(value->text), number);
    if (status == NumberStatus::Invalid) {
        error(value->column, "invalid value " + quoted(value->text) + " for " + quoted(owner.text)
                                 + ": expected an integer");
        return std::nullopt;
    }
    if (status == NumberStatus::OutOfRange || number < min || number > max) {
        error(value->column, quoted(owner.text) + " must be between " + std::to_string(min) + " and "
                                 + std::to_string(max) + ", got " + std::string(value->text));
        return std::nullopt;
    }
    // Every range passed in fits an int except the 32-bit ones of ignored options.
    return static_cast<int>(std::clamp<long long>(number, INT_MIN, INT_MAX));
}

std::optional<double> Reader::readReal(const Word &owner, const Word *value)
{
    if (!value) {
        error(owner.column, "missing value for " + quoted(owner.text));
        return std::nullopt;
    }
    double number = 0.0;
    if (parseNumber(withoutPlusSign(value->text), number) != NumberStatus::Ok || !std::isfinite(number)) {
        error(value->column, "invalid value " + quoted(value->text) + " for " + quoted(owner.text)
                                 + ": expected a number");
        return std::nullopt;
    }
    return number;
}

std::size_t Reader::acceptUnimplementedOption(const OptionSpec &spec, const Word &option, const Word *value)
{
    // One warning per option kind: a chrony.conf often repeats the same options on every source.
    if (m_warnedOptions.insert(std::string(spec.name)).second)
        warning(option.column, "option " + quoted(spec.name) + " is not supported yet; ignored");

    switch (spec.kind) {
    case ValueKind::None:
        return kFlagWords;
    case ValueKind::Integer:
        readInteger(option, value, spec.min, spec.max);
        return kValueOptionWords;
    case ValueKind::Real:
        readReal(option, value);
        return kValueOptionWords;
    case ValueKind::HexInteger:
        checkHexInteger(option, value, spec.min, spec.max);
        return kValueOptionWords;
    }
    return kFlagWords;
}

// As sscanf's %x, which chronyd uses: an optional 0x prefix.
void Reader::checkHexInteger(const Word &owner, const Word *value, long long min, long long max)
{
    if (!value) {
        error(owner.column, "missing value for " + quoted(owner.text));
        return;
    }
    constexpr std::string_view kHexPrefix = "0x";
    std::string_view digits = value->text;
    if (digits.size() > kHexPrefix.size() && lowercase(digits.substr(0, kHexPrefix.size())) == kHexPrefix)
        digits.remove_prefix(kHexPrefix.size());
    long long number = 0;
    if (parseNumber(digits, number, kHexBase) != NumberStatus::Ok || number < min || number > max)
        error(value->column, "invalid value " + quoted(value->text) + " for " + quoted(owner.text)
                                 + ": expected a hexadecimal number");
}

void Reader::unknownOption(const Word &directive, const Word &option)
{
    std::string message = "unknown option " + quoted(option.text) + " for " + quoted(directive.text);
    if (kCommentStarters.find(option.text.front()) != std::string_view::npos)
        message += " (comments must be on a line of their own)";
    error(option.column, std::move(message));
}

void Reader::rejectExtraArguments(const Words &words, std::size_t first)
{
    for (std::size_t i = first; i < words.size(); ++i) {
        std::string message = "unexpected argument " + quoted(words[i].text) + " for " + quoted(words.front().text);
        if (kCommentStarters.find(words[i].text.front()) != std::string_view::npos)
            message += " (comments must be on a line of their own)";
        error(words[i].column, std::move(message));
        return; // the first one is enough: the rest of the line is likely the same mistake
    }
}

void Reader::report(ConfigDiagnostic::Severity severity, int column, std::string message)
{
    m_result.diagnostics.push_back({severity, m_fileName, m_lineNumber, column, std::move(message)});
}

void Reader::error(int column, std::string message)
{
    m_lineHasError = true;
    report(ConfigDiagnostic::Severity::Error, column, std::move(message));
}

void Reader::warning(int column, std::string message)
{
    report(ConfigDiagnostic::Severity::Warning, column, std::move(message));
}

struct FileCloser
{
    void operator()(std::FILE *f) const { std::fclose(f); }
};

ConfigReadResult fileError(const std::string &path, const std::string &what, int errorNumber)
{
    ConfigReadResult result;
    result.diagnostics.push_back({ConfigDiagnostic::Severity::Error, path, 0, 0,
                                  what + ": " + std::strerror(errorNumber)});
    return result;
}

} // namespace

std::string ConfigDiagnostic::toString() const
{
    const char *kind = severity == Severity::Error ? "error" : "warning";
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + kind + ": " + message;
}

bool ConfigReadResult::ok() const
{
    return std::none_of(diagnostics.begin(), diagnostics.end(), [](const ConfigDiagnostic &d) {
        return d.severity == ConfigDiagnostic::Severity::Error;
    });
}

ConfigReadResult readConfigText(std::string_view text, const std::string &fileName)
{
    return Reader(fileName).read(text);
}

ConfigReadResult readConfigFile(const std::string &path)
{
    const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file)
        return fileError(path, "cannot open configuration file", errno);

    constexpr std::size_t kReadChunk = 4096; // bytes
    std::string text;
    std::array<char, kReadChunk> buffer{};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0)
        text.append(buffer.data(), got);
    if (std::ferror(file.get()))
        return fileError(path, "cannot read configuration file", errno);

    return readConfigText(text, path);
}

} // namespace s1
