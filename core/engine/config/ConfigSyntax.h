// What chrony.conf directives exist and how their options are shaped: enough to edit a line
// (ConfigDocument) without knowing what the values mean. Covers every chrony 4.x directive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace s1 {

enum class DirectiveSupport : std::uint8_t {
    Implemented,    // read into EngineConfig
    NotImplemented, // a valid chrony directive, accepted with a warning and ignored
    Obsolete,       // chronyd still accepts it and ignores it
};

struct OptionSyntax
{
    std::string_view name; // lower case
    bool takesValue = false;
};

struct DirectiveSyntax
{
    std::string_view name; // lower case
    DirectiveSupport support = DirectiveSupport::Implemented;
    // Words between the directive name and its first named option ("server HOST": 1,
    // "refclock DRIVER PARAMETER": 2); 0 for directives without named options.
    std::size_t positionalArguments = 0;
    // Named options; empty for directives that have none.
    std::span<const OptionSyntax> options;
};

// Case-insensitive, as chronyd; nullptr for an unknown directive.
const DirectiveSyntax *findDirectiveSyntax(std::string_view name);
const OptionSyntax *findOptionSyntax(const DirectiveSyntax &directive, std::string_view option);
std::span<const DirectiveSyntax> allDirectiveSyntax();

} // namespace s1
