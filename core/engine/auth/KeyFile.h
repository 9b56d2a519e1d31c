// chrony's keyfile: one key a line, "ID [TYPE] KEY", where KEY is "HEX:" and hexadecimal digits,
// or "ASCII:" and text, or text without a prefix; TYPE defaults to MD5. Lines starting with one
// of ! ; # % are comments; type names are case-sensitive (chronyd refuses "md5"). A line that
// cannot be used is left out with a warning at its position, and the others are read on; keys
// shorter than 80 bits get a warning, and so does a second key of an ID, which replaces the
// first (what chronyd 4.3 does). Bytes in, keys out: the host reads the file.
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
