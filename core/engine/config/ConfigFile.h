// Configuration files on disk: reading one into a ConfigDocument for editing, and saving a
// document atomically so that chronyd or a crash never sees a half-written file.
#pragma once

#include "config/ConfigDocument.h"

#include <string>

namespace s1 {

// What the service reads without -f, and what the window's GPS wizard edits by default.
inline constexpr const char *kDefaultConfigPath = "/etc/stratumone/stratumone.conf";

// Reads a whole file. On failure `error` says what failed, naming the file as `what`
// ("cannot open configuration file: No such file or directory").
bool readTextFile(const std::string &path, const std::string &what, std::string &text, std::string &error);

// Reads `path` into `document` for editing.
bool loadConfigFile(const std::string &path, ConfigDocument &document, std::string &error);

// Writes the document to a temporary file next to `path`, flushes it to disk and renames it over
// `path`, so that readers see either the old or the new file. An existing file keeps its
// permissions (and its owner when allowed); a symbolic link is followed and its target
// replaced. On failure `path` is untouched, no temporary file is left and `error` says why.
bool saveConfigFile(const ConfigDocument &document, const std::string &path, std::string &error);
// The same for bytes as they are (the configuration editor's text, its .bak copy). With
// `attributesFrom`, the new file takes that file's permissions and owner instead of `path`'s
// (a backup looks like the file it copies).
bool saveTextFile(const std::string &text, const std::string &path, std::string &error,
                  const std::string &attributesFrom = {});

} // namespace s1
