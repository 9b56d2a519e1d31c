// The history file's bytes: a compact little-endian binary layout with a version header and a
// checksum, so that a truncated or damaged file is recognised as such instead of being loaded
// half. Std only; core/system/history/HistoryFile writes and reads the file.
//
//   "S1HISTORY\n" u32 version (1) u32 series-count
//   per series: u16 name-length, name, i64 full-resolution-since, u32 n, n x (i64 time ns,
//               f64 value), u32 m, m x (i64 minute start ns, u32 count, f64 min, f64 max, f64 sum)
//   u64 FNV-1a of everything before it
#pragma once

#include "history/HistoryStore.h"

#include <optional>
#include <string>
#include <string_view>

namespace s1 {

inline constexpr std::uint32_t kHistoryFormatVersion = 1;

std::string encodeHistory(const HistoryStore &store);
// nullopt with `error` saying where the bytes stopped making sense.
std::optional<HistoryStore> decodeHistory(std::string_view bytes, std::string &error);

} // namespace s1
