// What reading a configuration reports: diagnostics with their exact position, and the result of
// a read.
#pragma once

#include "config/EngineConfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace s1 {

struct ConfigDiagnostic
{
    enum class Severity : std::uint8_t { Warning, Error };

    Severity severity = Severity::Error;
    std::string file;
    int line = 0;   // 1-based; 0 when the problem concerns the file as a whole
    int column = 0; // 1-based byte column of the offending word; 0 with line 0
    std::string message;

    // "file:line:col: error: message" (or "warning:").
    std::string toString() const;

    friend bool operator==(const ConfigDiagnostic &, const ConfigDiagnostic &) = default;
};

struct ConfigReadResult
{
    EngineConfig config;
    std::vector<ConfigDiagnostic> diagnostics;
    // Every file read, the main one first, then included, confdir and sourcedir files in the
    // order they were read. Empty for text that did not come from a file and included nothing.
    std::vector<std::string> files;

    // True when there is no error; warnings do not count.
    bool ok() const;
};

} // namespace s1
