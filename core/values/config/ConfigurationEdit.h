// What the window and the control socket exchange to edit the configuration file the engine
// reads: the text as it is now (with the files it includes, read-only here), and the answer to
// "replace it with this". Plain values: the same types serve the in-process engine (which
// writes the file itself) and a service (which writes it for a member of the control group).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace s1 {

struct ConfigurationFile
{
    std::string path;
    std::string text;
};

struct ConfigurationText
{
    // The main file the engine reads, and its text as read now.
    ConfigurationFile main;
    // What the file was when read (a digest of its bytes, or "absent"): handed back with a
    // replacement so that an edit of a file changed on disk meanwhile is refused, not merged.
    std::string revision;
    // The file does not exist yet and the built-in configuration runs.
    bool builtIn = false;
    // Files pulled in by include/confdir/sourcedir, in the order read; shown, not edited here.
    std::vector<ConfigurationFile> includes;
};

// One problem in a proposed configuration, at its place (1-based; 0 for the file as a whole).
struct ConfigurationProblem
{
    enum class Severity : std::uint8_t { Warning, Error };
    Severity severity = Severity::Error;
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;
};

struct ConfigurationApplyResult
{
    enum class Outcome : std::uint8_t {
        Applied,     // written (the old file kept as PATH.bak) and the engine reloaded with it
        Invalid,     // the text has errors: nothing written, the running configuration stays
        Conflict,    // the file changed since `revision` was read: nothing written
        WriteFailed, // validated, but could not be written: the old file stays
        ReloadFailed // written, but the new configuration did not start; the previous one runs
    };
    Outcome outcome = Outcome::Invalid;
    // In words for the user ("Configuration written and reloaded", the write error, ...).
    std::string message;
    // Every error and warning found, with file:line:col (warnings also when applied).
    std::vector<ConfigurationProblem> problems;
    // The revision of the file as now on disk (after a write: the new one).
    std::string revision;

    bool ok() const { return outcome == Outcome::Applied; }
};

} // namespace s1
