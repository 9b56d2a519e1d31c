#include "history/SourceDumpFiles.h"

#include "file/AtomicFile.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

namespace s1 {

namespace {

// Like the drift file: nothing secret in it.
constexpr mode_t kDumpFileMode = 0644;
// A full dump is about 25 kB (256 samples of about 100 bytes); anything much larger is not ours.
constexpr std::uintmax_t kMaxDumpFileBytes = 1024 * 1024;
constexpr const char *kDumpExtension = ".dat";

} // namespace

std::vector<std::string> writeSourceDumpFiles(const std::filesystem::path &directory,
                                              const std::vector<SourceDump> &dumps)
{
    std::vector<std::string> problems;
    if (dumps.empty())
        return problems;
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) {
        problems.push_back("cannot create " + directory.string() + ": " + ec.message());
        return problems;
    }
    for (const SourceDump &dump : dumps) {
        const std::filesystem::path path = directory / dump.source.fileName();
        AtomicFileAttributes attributes;
        attributes.mode = kDumpFileMode;
        AtomicWriteError failure;
        if (!writeFileAtomically(path.string(), formatSourceDump(dump), attributes, failure))
            problems.push_back("dump file " + path.string() + ": " + failure.reason());
    }
    return problems;
}

std::vector<SourceDump> readSourceDumpFiles(const std::filesystem::path &directory, std::vector<std::string> &problems)
{
    std::vector<SourceDump> dumps;
    std::error_code ec;
    std::filesystem::directory_iterator it(directory, ec);
    if (ec)
        return dumps;
    std::vector<std::filesystem::path> paths;
    for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (ec)
            break;
        const std::filesystem::path &path = it->path();
        // The hidden temporary files of a write in progress start with a dot: never ours to read.
        if (path.extension() == kDumpExtension && path.filename().string().front() != '.')
            paths.push_back(path);
    }
    std::sort(paths.begin(), paths.end()); // a stable order for the messages
    for (const std::filesystem::path &path : paths) {
        const auto refuse = [&](const std::string &why) {
            problems.push_back("dump file " + path.string() + " not loaded: " + why);
        };
        std::error_code sizeError;
        const std::uintmax_t size = std::filesystem::file_size(path, sizeError);
        if (sizeError || size > kMaxDumpFileBytes) {
            refuse(sizeError ? sizeError.message() : "larger than any dump");
            continue;
        }
        std::ifstream in(path, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) {
            refuse("cannot read it");
            continue;
        }
        SourceDumpParse parsed = parseSourceDump(text);
        if (!parsed.dump) {
            refuse(parsed.error);
            continue;
        }
        if (parsed.dump->source.fileName() != path.filename().string()) {
            refuse("it holds the history of " + parsed.dump->source.text() + ", whose file is "
                   + parsed.dump->source.fileName());
            continue;
        }
        dumps.push_back(std::move(*parsed.dump));
    }
    return dumps;
}

} // namespace s1
