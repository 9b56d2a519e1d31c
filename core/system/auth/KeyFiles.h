// Reads the keyfile the configuration names (`keyfile`) into the engine's key table, with a
// warning for each problem: a file that cannot be read, one that other users can read (the
// keys are secrets), and every line the parser leaves out or warns about ("file:line:col: ...").
// A file that cannot be read gives no keys; the engine then sends nothing it cannot sign.
#pragma once

#include "auth/KeyTable.h"

#include <string>
#include <vector>

namespace s1 {

KeyTable loadKeyFile(const std::string &path, std::vector<std::string> &warnings);

} // namespace s1
