// Reads chrony.conf syntax into the typed EngineConfig.
//
// Lexing follows chronyd (CPS_NormalizeLine/CNF_ParseLine): one directive per line, words
// separated by white space, a line whose first non-blank character is one of "#%;!" is a
// comment (there are no trailing comments), directive and option names are case-insensitive.
// Unlike chronyd, which stops at the first fatal error, every problem is collected so that a
// user sees all of them at once; a line with an error contributes nothing to the config.
// Valid chrony directives and options that are not implemented yet are accepted with a warning
// so that an existing chrony.conf can be loaded.
#pragma once

#include "config/EngineConfig.h"

#include <string>
#include <string_view>
#include <vector>

namespace s1 {

struct ConfigDiagnostic
{
    enum class Severity : std::uint8_t { Warning, Error };

    Severity severity = Severity::Error;
    std::string file;
    int line = 0;    // 1-based; 0 when the problem concerns the file as a whole
    int column = 0;  // 1-based byte column of the offending word; 0 with line 0
    std::string message;

    // "file:line:col: error: message" (or "warning:").
    std::string toString() const;

    friend bool operator==(const ConfigDiagnostic &, const ConfigDiagnostic &) = default;
};

struct ConfigReadResult
{
    EngineConfig config;
    std::vector<ConfigDiagnostic> diagnostics;

    // True when there is no error; warnings do not count.
    bool ok() const;
};

// `fileName` is used only in diagnostics and source origins.
ConfigReadResult readConfigText(std::string_view text, const std::string &fileName);

// A missing or unreadable file yields an error diagnostic with line 0.
ConfigReadResult readConfigFile(const std::string &path);

} // namespace s1
