// Editing the configuration file a running engine reads, for a window or a control client that
// cannot (or should not) open the file itself: read it with the files it includes and a
// revision, check a proposed replacement exactly as a reload would read it, and write it
// atomically with the previous file kept as PATH.bak. An edit made from a revision that is no
// longer on disk is refused (Conflict), never merged, so no change made meanwhile is lost.
//
// Writing only: reloading the engine is the caller's (the service or the window's own engine),
// and so is undo() when the written configuration does not start.
#pragma once

#include "config/ConfigurationEdit.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace s1 {

// The revision of a file that does not exist (the built-in configuration runs).
inline constexpr std::string_view kAbsentRevision = "absent";
// The longest configuration text accepted for writing: chrony.conf files are a few KiB; the
// bound keeps a control request from making the service hold arbitrary amounts.
inline constexpr std::size_t kMaxConfigurationBytes = 1024 * 1024;
inline constexpr std::string_view kBackupSuffix = ".bak";

// "md5:<32 hex digits>" of the bytes (MD5 detects changes here; nothing relies on it against an
// adversary, who could write the file anyway).
std::string configurationRevision(std::string_view bytes);

// "file:line:col: error: message", as `stratumone --check-config` prints it.
std::string formatProblem(const ConfigurationProblem &problem);

class ConfigurationEditor
{
public:
    explicit ConfigurationEditor(std::string path)
        : m_path(std::move(path))
    { }

    const std::string &path() const { return m_path; }
    std::string backupPath() const { return m_path + std::string(kBackupSuffix); }

    // The main file (text and revision; an absent file reads as empty with kAbsentRevision) and
    // the files it includes as a reload would find them. False with `error` when the main file
    // exists but cannot be read. `builtIn` is left false: only the caller knows whether a
    // missing file means the built-in configuration.
    bool read(ConfigurationText &text, std::string &error) const;
    // The revision of the file on disk now; false with `error` when it exists but is unreadable.
    bool currentRevision(std::string &revision, std::string &error) const;

    // Every error and warning in `text` read as this file (includes resolved as a reload
    // resolves them); true when there is no error.
    bool check(std::string_view text, std::vector<ConfigurationProblem> &problems) const;

    // Checks `text`, refuses it when the file on disk is no longer `revision`, keeps the old
    // file as backupPath() and writes `text` in its place, both atomically. Outcome Applied here
    // means written: the caller reloads. Never ReloadFailed.
    ConfigurationApplyResult apply(const std::string &text, const std::string &revision) const;

    // Puts back what apply() replaced: the file must still be `writtenRevision` (nothing
    // written since); `previousRevision` absent removes it, else the backup (which must still
    // be `previousRevision`) is copied back atomically. False with `error` otherwise.
    bool undo(const std::string &writtenRevision, const std::string &previousRevision, std::string &error) const;
    // `result` (Applied) wrote a file whose reload then failed for `reason`: puts the previous
    // file back with undo() so that the file and the running engine agree, and turns `result`
    // into the ReloadFailed answer, saying whether the old file is back and giving the
    // revision now on disk.
    void revertFailedReload(ConfigurationApplyResult &result, const std::string &previousRevision,
                            const std::string &reason) const;

private:
    std::string m_path;
};

} // namespace s1
