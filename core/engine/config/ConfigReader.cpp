#include "config/ConfigReader.h"

#include "config/ConfigFile.h"
#include "config/ConfigIncludes.h"
#include "config/ConfigValues.h"
#include "config/DirectiveParser.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace s1 {

namespace {

// chronyd reads lines into a buffer of this many bytes and refuses a line that fills it (with its
// line break), so no accepted line is that long.
constexpr std::size_t kMaxLineLength = 2048; // bytes

enum class FileKind : std::uint8_t {
    Config,  // chrony.conf and the files include and confdir name
    Sources, // sourcedir's *.sources: server, pool, peer and refclock lines only
};

bool isSourceDirective(std::string_view name)
{
    return equalsIgnoreCase(name, "server") || equalsIgnoreCase(name, "pool") || equalsIgnoreCase(name, "peer")
           || equalsIgnoreCase(name, "refclock");
}

// The identity of a file for loop detection: the same file reached by two spellings is one file.
std::string canonicalPath(const std::string &path)
{
    std::error_code error;
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
    return error ? path : canonical.string();
}

// Reads one configuration and everything it includes into one result.
class ConfigLoader
{
public:
    explicit ConfigLoader(const ConfigReadOptions &options)
        : m_options(options)
        , m_report(m_result.diagnostics)
        , m_parser(m_result.config, m_report)
    { }

    void readMainFile(const std::string &path);
    void readMainDocument(const ConfigDocument &document, const std::string &fileName);
    ConfigReadResult finish();

private:
    // A sourcedir line whose directories are read once the configuration is complete, as
    // chronyd adds sourcedir sources after the configured ones.
    struct PendingSourceDir
    {
        std::vector<std::string> directories;
        std::string fileName;
        int line = 0;
        int column = 0;
    };

    void readDocument(const ConfigDocument &document, const std::string &fileName, FileKind kind,
                      const std::string &canonical);
    void readLine(const ConfigLine &line, int number, const std::string &fileName, FileKind kind);
    void readSourcesLine(const ConfigWords &words);
    void followInclude(const ConfigWords &words, const std::string &fileName, int number);
    void followDirectories(const ConfigWords &words, const std::string &fileName, int number, FileKind kind);
    void readIncluded(const std::string &path, const std::string &fromFile, int fromLine, int column, FileKind kind);

    ConfigReadOptions m_options;
    ConfigReadResult m_result;
    DiagnosticReporter m_report;
    DirectiveParser m_parser;
    std::vector<std::string> m_openFiles; // canonical paths of the files being read, outermost first
    std::vector<PendingSourceDir> m_pendingSourceDirs;
};

void ConfigLoader::readMainFile(const std::string &path)
{
    std::string text;
    std::string error;
    if (!readTextFile(path, "configuration file", text, error)) {
        m_report.fileError(path, error);
        return;
    }
    m_result.files.push_back(path);
    readDocument(ConfigDocument::fromText(text), path, FileKind::Config, canonicalPath(path));
}

void ConfigLoader::readMainDocument(const ConfigDocument &document, const std::string &fileName)
{
    readDocument(document, fileName, FileKind::Config, canonicalPath(fileName));
}

ConfigReadResult ConfigLoader::finish()
{
    for (const PendingSourceDir &pending : m_pendingSourceDirs)
        for (const std::string &path : searchDirectories(pending.directories, kSourceDirSuffix))
            readIncluded(path, pending.fileName, pending.line, pending.column, FileKind::Sources);
    m_pendingSourceDirs.clear();
    // The engine carries its configuration's warnings into its snapshots, for the window.
    for (const ConfigDiagnostic &d : m_result.diagnostics)
        if (d.severity == ConfigDiagnostic::Severity::Warning)
            m_result.config.warnings.push_back(d.toString());
    return std::move(m_result);
}

void ConfigLoader::readDocument(const ConfigDocument &document, const std::string &fileName, FileKind kind,
                                const std::string &canonical)
{
    m_openFiles.push_back(canonical);
    m_report.setErrorsAreWarnings(kind == FileKind::Sources);
    const auto lines = document.lines();
    for (std::size_t i = 0; i < lines.size(); ++i)
        readLine(lines[i], static_cast<int>(i) + 1, fileName, kind);
    m_report.setErrorsAreWarnings(false); // only sources files are read from here, and none nest
    m_openFiles.pop_back();
}

void ConfigLoader::readLine(const ConfigLine &line, int number, const std::string &fileName, FileKind kind)
{
    m_report.startLine(fileName, number);
    if (line.text().size() + line.terminator().size() >= kMaxLineLength) {
        m_report.error(1, "line is longer than chronyd's limit of " + std::to_string(kMaxLineLength - 1) + " bytes");
        return;
    }
    if (!line.isDirective())
        return;
    const ConfigWords words = line.words();
    if (kind == FileKind::Sources) {
        // chronyd stops at a line without a line break: the file may be being written.
        if (line.terminator().empty())
            m_report.warning(words.front().column, "last line of a sources file has no line break; ignored");
        else
            readSourcesLine(words);
        return;
    }

    const std::string name = lowercase(words.front().text);
    if (name == "include")
        followInclude(words, fileName, number);
    else if (name == "confdir")
        followDirectories(words, fileName, number, FileKind::Config);
    else if (name == "sourcedir")
        followDirectories(words, fileName, number, FileKind::Sources);
    else
        m_parser.parse(words);
}

void ConfigLoader::readSourcesLine(const ConfigWords &words)
{
    if (isSourceDirective(words.front().text))
        m_parser.parse(words);
    else
        m_report.warning(words.front().column,
                         "only server, pool, peer and refclock lines are read from sources files; ignored");
}

void ConfigLoader::followInclude(const ConfigWords &words, const std::string &fileName, int number)
{
    const ConfigWord &directive = words.front();
    if (words.size() < 2) {
        m_report.error(directive.column, inQuotes(directive.text) + " needs a file name or pattern");
        return;
    }
    if (words.size() > 2) {
        m_report.error(words[2].column,
                       "unexpected argument " + inQuotes(words[2].text) + " for " + inQuotes(directive.text));
        return;
    }
    if (!m_options.followIncludes)
        return;

    const ConfigWord &pattern = words[1];
    const IncludeMatches matches = expandIncludePattern(std::string(pattern.text));
    if (!matches.error.empty())
        m_report.error(pattern.column,
                       "cannot search for files matching " + inQuotes(pattern.text) + ": " + matches.error);
    for (const std::string &path : matches.paths)
        readIncluded(path, fileName, number, pattern.column, FileKind::Config);
}

void ConfigLoader::followDirectories(const ConfigWords &words, const std::string &fileName, int number, FileKind kind)
{
    const ConfigWord &directive = words.front();
    if (words.size() < 2) {
        m_report.error(directive.column, inQuotes(directive.text) + " needs a directory");
        return;
    }
    if (words.size() - 1 > kMaxSearchDirectories) {
        m_report.error(words[kMaxSearchDirectories + 1].column, "too many directories for " + inQuotes(directive.text)
                                                                    + ": chronyd reads at most "
                                                                    + std::to_string(kMaxSearchDirectories));
        return;
    }
    std::vector<std::string> directories;
    for (std::size_t i = 1; i < words.size(); ++i)
        directories.emplace_back(words[i].text);

    if (kind == FileKind::Sources) {
        m_result.config.sourceDirs.insert(m_result.config.sourceDirs.end(), directories.begin(), directories.end());
        if (m_options.followIncludes)
            m_pendingSourceDirs.push_back({std::move(directories), fileName, number, words[1].column});
        return;
    }
    if (!m_options.followIncludes)
        return;
    for (const std::string &path : searchDirectories(directories, kConfDirSuffix))
        readIncluded(path, fileName, number, words[1].column, kind);
}

// Reads a file named on line `fromLine` of `fromFile`; problems opening it are reported there.
void ConfigLoader::readIncluded(const std::string &path, const std::string &fromFile, int fromLine, int column,
                                FileKind kind)
{
    m_report.startLine(fromFile, fromLine); // an earlier included file moved the position on
    const std::string canonical = canonicalPath(path);
    if (std::find(m_openFiles.begin(), m_openFiles.end(), canonical) != m_openFiles.end()) {
        m_report.error(column, "include loop: " + inQuotes(path) + " is already being read");
        return;
    }
    if (m_openFiles.size() >= kMaxIncludeDepth) {
        m_report.error(column, "cannot include " + inQuotes(path) + ": chronyd nests at most "
                                   + std::to_string(kMaxIncludeDepth) + " files");
        return;
    }
    std::string text;
    std::string error;
    if (!readTextFile(path, "included file " + inQuotes(path), text, error)) {
        m_report.error(column, error);
        return;
    }
    m_result.files.push_back(path);
    readDocument(ConfigDocument::fromText(text), path, kind, canonical);
}

} // namespace

std::string ConfigDiagnostic::toString() const
{
    const char *kind = severity == Severity::Error ? "error" : "warning";
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + kind + ": " + message;
}

bool ConfigReadResult::ok() const
{
    return std::none_of(diagnostics.begin(), diagnostics.end(),
                        [](const ConfigDiagnostic &d) { return d.severity == ConfigDiagnostic::Severity::Error; });
}

ConfigReadResult readConfigText(std::string_view text, const std::string &fileName)
{
    return readConfigText(text, fileName, ConfigReadOptions{});
}

ConfigReadResult readConfigText(std::string_view text, const std::string &fileName, const ConfigReadOptions &options)
{
    return readConfigDocument(ConfigDocument::fromText(text), fileName, options);
}

ConfigReadResult readConfigFile(const std::string &path)
{
    return readConfigFile(path, ConfigReadOptions{});
}

ConfigReadResult readConfigFile(const std::string &path, const ConfigReadOptions &options)
{
    ConfigLoader loader(options);
    loader.readMainFile(path);
    return loader.finish();
}

ConfigReadResult readConfigDocument(const ConfigDocument &document, const std::string &fileName,
                                    const ConfigReadOptions &options)
{
    ConfigLoader loader(options);
    loader.readMainDocument(document, fileName);
    return loader.finish();
}

} // namespace s1
