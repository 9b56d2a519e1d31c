// Internal to core/config: applies one directive line to an EngineConfig, reporting problems at
// their column. Every problem of a line is reported (chronyd stops at the first), and a line with
// an error contributes nothing. include, confdir and sourcedir are the reader's (ConfigReader),
// which follows them.
#pragma once

#include "config/ConfigDiagnostic.h"
#include "config/ConfigLexer.h"
#include "config/EngineConfig.h"
#include "config/OptionRules.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace s1 {

// Collects diagnostics for the line being parsed.
class DiagnosticReporter
{
public:
    explicit DiagnosticReporter(std::vector<ConfigDiagnostic> &diagnostics)
        : m_diagnostics(diagnostics)
    { }

    void startLine(const std::string &file, int line);
    void error(int column, std::string message);
    void warning(int column, std::string message);
    // A warning placed before the `index`th diagnostic (the ones after it came later on the line).
    void warningAt(std::size_t index, int column, std::string message);
    std::size_t count() const { return m_diagnostics.size(); }
    // A diagnostic about a whole file (line 0).
    void fileError(const std::string &file, std::string message);

    bool lineHasError() const { return m_lineHasError; }
    // chronyd skips bad lines of *.sources files instead of failing; there errors are warnings.
    void setErrorsAreWarnings(bool enabled) { m_errorsAreWarnings = enabled; }
    // "file:line" of the current line.
    std::string origin() const;

private:
    void report(ConfigDiagnostic::Severity severity, int column, std::string message);

    std::vector<ConfigDiagnostic> &m_diagnostics;
    const std::string *m_file = nullptr;
    int m_line = 0;
    bool m_lineHasError = false;
    bool m_errorsAreWarnings = false;
};

class DirectiveParser
{
public:
    DirectiveParser(EngineConfig &config, DiagnosticReporter &report)
        : m_config(config)
        , m_report(report)
    { }

    // `words` is a directive line: not blank, not a comment.
    void parse(const ConfigWords &words);

private:
    using Handler = void (*)(DirectiveParser &, const ConfigWords &);
    struct HandlerEntry
    {
        std::string_view name;
        Handler handler;
    };
    static std::span<const HandlerEntry> handlers();

    void parseSource(const ConfigWords &words, SourceConfig::Kind kind);
    void warnImplausibleHost(const ConfigWord &host);
    // "has no effect yet" warnings (ConfigEffects.h) for a directive and for one of its options.
    void warnIfWithoutEffect(const ConfigWord &directive, const std::string &name, std::size_t at);
    void warnIfWithoutEffect(const ConfigWord &directive, const ConfigWord &option, std::string_view name);
    void parseRefClock(const ConfigWords &words);
    void parseDriverParameter(RefClockConfig &clock, const ConfigWord &word);
    bool applyDriverOption(RefClockConfig &clock, std::string_view option, int column);
    void parseAccess(const ConfigWords &words, std::vector<AccessRule> &rules, bool allow);
    void parseLocal(const ConfigWords &words);
    void parseHwTimestamp(const ConfigWords &words);
    void parseRateLimit(const ConfigWords &words);
    void parseNoClientLog(const ConfigWords &words);
    void parseDriftFile(const ConfigWords &words);
    void parseMakeStep(const ConfigWords &words);
    void parseAuthSelectMode(const ConfigWords &words);
    void parseLeapSecMode(const ConfigWords &words);
    void parseBindAddress(const ConfigWords &words);
    void parseBindCmdAddress(const ConfigWords &words);
    void parseLog(const ConfigWords &words);
    void parsePidFile(const ConfigWords &words);
    void parseMetricsAddress(const ConfigWords &words);

    // Directives with one value.
    void parsePort(const ConfigWords &words, std::uint16_t &port);
    void parseRealValue(const ConfigWords &words, double &value, const ValueRange &range);
    void parseIntegerValue(const ConfigWords &words, int &value, const ValueRange &range);
    void parseByteCount(const ConfigWords &words, std::uint64_t &value);
    void parseText(const ConfigWords &words, std::string &value, std::string_view what);
    void parseFlag(const ConfigWords &words, bool &value);

    template <typename Target>
    void parseOptions(const ConfigWords &words, std::size_t first, std::span<const OptionRule<Target>> rules,
                      Target &target);
    // Applies one option; false (reported) when it is refused.
    template <typename Target>
    bool applyOption(const OptionRule<Target> &rule, const ConfigWord &option, const ConfigWord *value, Target &target);
    std::optional<long long> readInteger(const ConfigWord &owner, const ConfigWord &value, const ValueRange &range);
    std::optional<double> readReal(const ConfigWord &owner, const ConfigWord &value, const ValueRange &range);
    void rangeError(const ConfigWord &owner, const ConfigWord &value, const ValueRange &range, bool integer);

    // Checks the argument count; reports the first missing or extra argument.
    bool expectArguments(const ConfigWords &words, std::size_t count, std::string_view what);
    void rejectExtraArguments(const ConfigWords &words, std::size_t first);
    void unknownOption(const ConfigWord &directive, const ConfigWord &option);

    EngineConfig &m_config;
    DiagnosticReporter &m_report;
};

} // namespace s1
