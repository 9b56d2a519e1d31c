// The history file in the state directory (`dumpdir`): the whole HistoryStore, replaced
// atomically and durably like the drift file (temporary file in the same directory, fsync,
// rename, directory fsync), so that a crash leaves the previous file or the new one.
#pragma once

#include "history/HistoryStore.h"

#include <filesystem>
#include <optional>
#include <string>

namespace s1 {

// Its name inside the state directory.
inline constexpr const char *kHistoryFileName = "stratumone.history";

// nullopt with an empty `error` when the file does not exist; with a message when it cannot be
// read or is truncated, damaged or of another version (the caller keeps what it has).
std::optional<HistoryStore> readHistoryFile(const std::filesystem::path &path, std::string &error);

// False with a message when it could not be written; `path` then keeps its old content.
bool writeHistoryFile(const std::filesystem::path &path, const HistoryStore &store, std::string &error);

} // namespace s1
