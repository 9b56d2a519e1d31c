// Internal to core/config: the typed option tables of the directives that take named options.
// The directive parser applies them; ConfigSyntax derives from them which options exist and
// whether they take a value, so that ConfigDocument edits lines with the same knowledge.
#pragma once

#include "config/ConfigLexer.h"
#include "config/EngineConfig.h"

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

namespace s1 {

enum class ValueKind : std::uint8_t {
    Flag,       // no value
    Integer,    // decimal, an optional sign
    HexInteger, // as sscanf's %x: an optional 0x
    Real,       // as sscanf's %lf, finite
    Text,       // any word; the rule checks it
};

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// Accepted values of an Integer or Real option.
struct ValueRange
{
    double min = -kUnbounded;
    double max = kUnbounded;
    bool exclusiveMin = false; // "must be positive" rather than "must not be negative"
};

struct OptionValue
{
    std::string_view text; // the value word; empty for a flag
    long long integer = 0; // Integer and HexInteger
    double real = 0.0;     // Real
    int optionColumn = 0;  // column of the option name
};

// Stores the value; returns why it is refused ("expected F323 or F324"), empty when accepted.
template <typename Target>
using ApplyOption = std::string_view (*)(Target &, const OptionValue &);

template <typename Target>
struct OptionRule
{
    std::string_view name; // lower case
    ValueKind kind = ValueKind::Flag;
    ValueRange range;
    ApplyOption<Target> apply = nullptr;
};

// What a source line's options are applied to, with what the parser checks afterwards.
struct SourceOptions
{
    SourceConfig source;
    int maxSourcesColumn = 0; // where maxsources was given; chronyd uses it only for pools
};

struct LocalOptions
{
    LocalReferenceConfig local;
    bool waitUnsyncedGiven = false; // otherwise chrony derives it from orphan
};

struct HwTimestampOptions
{
    HwTimestampConfig config;
    bool maxPollGiven = false; // otherwise chrony uses minpoll + 1
};

std::span<const OptionRule<SourceOptions>> sourceOptionRules();
std::span<const OptionRule<RefClockConfig>> refClockOptionRules();
std::span<const OptionRule<LocalOptions>> localOptionRules();
std::span<const OptionRule<HwTimestampOptions>> hwTimestampOptionRules();
std::span<const OptionRule<RateLimitConfig>> rateLimitOptionRules();
std::span<const OptionRule<ClockControlConfig>> driftFileOptionRules();

// Option names are case-insensitive, as in chronyd.
template <typename Target>
const OptionRule<Target> *findOptionRule(std::span<const OptionRule<Target>> rules, std::string_view name)
{
    for (const OptionRule<Target> &rule : rules)
        if (equalsIgnoreCase(rule.name, name))
            return &rule;
    return nullptr;
}

} // namespace s1
