// Replacing a file so that a reader, a crash or a kill -9 sees either the old or the new
// contents, never a mixture: the configuration, its .bak, the drift file and the history file
// are all written this way.
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>

namespace s1 {

// Whose mode and owner the new file takes.
struct AtomicFileAttributes
{
    // For a new file, and for every file when neither of the two below applies.
    mode_t mode = 0644;
    // Keep the mode and owner of the file being replaced (a user's chmod 600 survives a save).
    bool keepExisting = false;
    // Take this file's mode and owner instead (a backup looks like the file it copies).
    std::string copyFrom;
    // Replace the target of a symbolic link, so that the link survives.
    bool followSymlink = false;
};

// Why a write failed: the step, the file it concerns and errno.
struct AtomicWriteError
{
    std::string step; // "cannot write", "cannot replace", ...
    std::string file; // the temporary file or the target
    int code = 0;

    // "cannot replace /etc/x.conf: Permission denied"
    std::string text() const;
    // "cannot replace: Permission denied", for callers that name the file themselves.
    std::string reason() const;
};

// Writes `bytes` to a temporary file next to `path` (rename() is atomic only within one file
// system), flushes it, renames it over `path` and syncs the directory so that the rename
// itself survives a power cut. On failure no temporary file is left and `error` says which
// step failed; `path` is untouched unless only the final directory sync failed.
bool writeFileAtomically(const std::string &path, std::string_view bytes, const AtomicFileAttributes &attributes,
                         AtomicWriteError &error);

} // namespace s1
