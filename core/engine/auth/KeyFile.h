// chrony's keyfile: one key a line, "ID [TYPE] KEY", where KEY is "HEX:" and hexadecimal digits,
// or "ASCII:" and text, or text without a prefix; TYPE defaults to MD5. Lines starting with one
// of ! ; # % are comments. A line that cannot be used is left out with an error at its
// position, and the others are read on; keys shorter than 80 bits and a second key of an ID get
// a warning. Bytes in, keys out: the host reads the file.
#pragma once

#include "auth/KeyTable.h"
#include "config/ConfigDiagnostic.h"

#include <string>
#include <string_view>
#include <vector>

namespace s1 {

// chronyd's limit on a keyfile line (characters, without the newline).
constexpr std::size_t kKeyFileMaxLineLength = 2047;
// chronyd warns about keys shorter than this (bytes: 80 bits).
constexpr std::size_t kMinSecureKeyBytes = 10;

struct KeyFileResult
{
    KeyTable keys;
    std::vector<ConfigDiagnostic> diagnostics;
};

KeyFileResult parseKeyFile(std::string_view text, const std::string &fileName);

} // namespace s1
