#include "config/ConfigurationEditor.h"

#include "config/ConfigFile.h"
#include "config/ConfigReader.h"
#include "ntp/Md5.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>

namespace s1 {

namespace {

// Whether `path` names a file (a dangling symbolic link counts as absent, as for a reader).
bool fileExists(const std::string &path, std::string &error)
{
    struct stat info
    { };
    if (::stat(path.c_str(), &info) == 0)
        return true;
    if (errno != ENOENT && errno != ENOTDIR)
        error = path + ": " + std::strerror(errno);
    return false;
}

// The file's bytes and revision; absent: empty and kAbsentRevision.
bool readWithRevision(const std::string &path, std::string &bytes, std::string &revision, std::string &error)
{
    bytes.clear();
    std::string statError;
    if (!fileExists(path, statError)) {
        if (!statError.empty()) {
            error = statError;
            return false;
        }
        revision = std::string(kAbsentRevision);
        return true;
    }
    if (!readTextFile(path, "configuration file " + path, bytes, error))
        return false;
    revision = configurationRevision(bytes);
    return true;
}

ConfigurationProblem toProblem(const ConfigDiagnostic &d)
{
    ConfigurationProblem p;
    p.severity = d.severity == ConfigDiagnostic::Severity::Error ? ConfigurationProblem::Severity::Error
                                                                 : ConfigurationProblem::Severity::Warning;
    p.file = d.file;
    p.line = d.line;
    p.column = d.column;
    p.message = d.message;
    return p;
}

} // namespace

std::string configurationRevision(std::string_view bytes)
{
    const auto *data = reinterpret_cast<const std::uint8_t *>(bytes.data());
    const Md5::Digest digest = Md5::hash(std::span<const std::uint8_t>(data, bytes.size()));
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text = "md5:";
    for (const std::uint8_t byte : digest) {
        text += kHex[byte >> 4];
        text += kHex[byte & 0x0f];
    }
    return text;
}

std::string formatProblem(const ConfigurationProblem &problem)
{
    const char *kind = problem.severity == ConfigurationProblem::Severity::Error ? "error" : "warning";
    return problem.file + ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column) + ": " + kind + ": "
           + problem.message;
}

bool ConfigurationEditor::currentRevision(std::string &revision, std::string &error) const
{
    std::string bytes;
    return readWithRevision(m_path, bytes, revision, error);
}

bool ConfigurationEditor::read(ConfigurationText &text, std::string &error) const
{
    text = ConfigurationText{};
    text.main.path = m_path;
    if (!readWithRevision(m_path, text.main.text, text.revision, error))
        return false;
    if (text.revision == kAbsentRevision)
        return true;
    // The files a reload reads besides the main one; unreadable ones are left out (the
    // reload's own diagnostic names them).
    const ConfigReadResult read = readConfigText(text.main.text, m_path);
    for (const std::string &file : read.files) {
        if (file == m_path)
            continue;
        ConfigurationFile included;
        included.path = file;
        std::string ignored;
        if (readTextFile(file, "included file", included.text, ignored))
            text.includes.push_back(std::move(included));
    }
    return true;
}

bool ConfigurationEditor::check(std::string_view text, std::vector<ConfigurationProblem> &problems) const
{
    problems.clear();
    if (text.size() > kMaxConfigurationBytes) {
        problems.push_back({ConfigurationProblem::Severity::Error, m_path, 0, 0,
                            "the configuration is longer than " + std::to_string(kMaxConfigurationBytes) + " bytes"});
        return false;
    }
    // The same reader a reload uses, the text read as if it were the file itself.
    const ConfigReadResult read = readConfigText(text, m_path);
    for (const ConfigDiagnostic &d : read.diagnostics)
        problems.push_back(toProblem(d));
    return read.ok();
}

ConfigurationApplyResult ConfigurationEditor::apply(const std::string &text, const std::string &revision) const
{
    using Outcome = ConfigurationApplyResult::Outcome;
    ConfigurationApplyResult result;
    const bool valid = check(text, result.problems);

    std::string oldBytes;
    std::string error;
    if (!readWithRevision(m_path, oldBytes, result.revision, error)) {
        result.outcome = Outcome::WriteFailed;
        result.message = error + "; nothing written";
        return result;
    }
    if (!valid) {
        result.outcome = Outcome::Invalid;
        result.message = m_path + ": the new configuration has errors; nothing written, the running one stays";
        return result;
    }
    if (result.revision != revision) {
        result.outcome = Outcome::Conflict;
        result.message = m_path + " has changed since it was read; nothing written (read it again and redo the edit)";
        return result;
    }
    const bool hadFile = result.revision != kAbsentRevision;
    if (hadFile && !saveTextFile(oldBytes, backupPath(), error, m_path)) {
        result.outcome = Outcome::WriteFailed;
        result.message = "cannot keep the previous file as " + backupPath() + ": " + error + "; nothing written";
        return result;
    }
    if (!saveTextFile(text, m_path, error)) {
        result.outcome = Outcome::WriteFailed;
        result.message = error + "; " + m_path + " is unchanged";
        return result;
    }
    result.outcome = Outcome::Applied;
    result.revision = configurationRevision(text);
    result.message =
        hadFile ? "Written to " + m_path + " (the previous file kept as " + backupPath() + ")" : "Written to " + m_path;
    return result;
}

bool ConfigurationEditor::undo(const std::string &writtenRevision, const std::string &previousRevision,
                               std::string &error) const
{
    std::string now;
    if (!currentRevision(now, error))
        return false;
    if (now != writtenRevision) {
        error = m_path + " has changed since it was written; left as it is";
        return false;
    }
    if (previousRevision == kAbsentRevision) {
        if (::unlink(m_path.c_str()) != 0) {
            error = "cannot remove " + m_path + ": " + std::strerror(errno);
            return false;
        }
        return true;
    }
    std::string backup;
    std::string backupRevision;
    if (!readWithRevision(backupPath(), backup, backupRevision, error))
        return false;
    if (backupRevision != previousRevision) {
        error = backupPath() + " is not the previous file any more; " + m_path + " left as it is";
        return false;
    }
    return saveTextFile(backup, m_path, error);
}

void ConfigurationEditor::revertFailedReload(ConfigurationApplyResult &result, const std::string &previousRevision,
                                             const std::string &reason) const
{
    std::string undoError;
    const bool restored = undo(result.revision, previousRevision, undoError);
    result.outcome = ConfigurationApplyResult::Outcome::ReloadFailed;
    result.message = reason
                     + (restored ? "; the previous file was put back (" + backupPath() + ")"
                                 : "; the new file stays written (" + undoError + ")");
    std::string current;
    std::string ignored;
    if (currentRevision(current, ignored))
        result.revision = current;
}

} // namespace s1
