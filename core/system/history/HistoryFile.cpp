#include "history/HistoryFile.h"

#include "file/AtomicFile.h"
#include "file/FileDescriptor.h"
#include "history/HistoryCodec.h"

#include <cerrno>
#include <cstring>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace s1 {

namespace {

// Readable by everyone like the drift file: it holds nothing secret.
constexpr mode_t kHistoryFileMode = 0644;
// A full store is about 40 MB; anything much larger is not ours.
constexpr std::uintmax_t kMaxHistoryFileBytes = 256ULL * 1024 * 1024;

std::string describe(const std::filesystem::path &path, std::string_view what, int code)
{
    std::string text = "history file " + path.string() + ": " + std::string(what);
    if (code != 0)
        text += ": " + std::string(std::strerror(code));
    return text;
}

} // namespace

std::optional<HistoryStore> readHistoryFile(const std::filesystem::path &path, std::string &error)
{
    error.clear();
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) {
        if (errno != ENOENT)
            error = describe(path, "cannot open", errno);
        return std::nullopt;
    }
    struct stat info
    { };
    if (::fstat(file.get(), &info) < 0 || static_cast<std::uintmax_t>(info.st_size) > kMaxHistoryFileBytes) {
        error = describe(path, "cannot read it, or larger than any history", 0);
        return std::nullopt;
    }
    std::string bytes;
    bytes.resize(static_cast<std::size_t>(info.st_size));
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::read(file.get(), bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error = describe(path, "cannot read", errno);
            return std::nullopt;
        }
        if (n == 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
    std::string reason;
    std::optional<HistoryStore> store = decodeHistory(bytes, reason);
    if (!store)
        error = describe(path, "ignored: " + reason, 0);
    return store;
}

bool writeHistoryFile(const std::filesystem::path &path, const HistoryStore &store, std::string &error)
{
    error.clear();
    if (!path.has_filename()) {
        error = describe(path, "not a file name", 0);
        return false;
    }
    AtomicFileAttributes attributes;
    attributes.mode = kHistoryFileMode;
    AtomicWriteError failure;
    if (writeFileAtomically(path.string(), encodeHistory(store), attributes, failure))
        return true;
    error = describe(path, failure.reason(), 0);
    return false;
}

} // namespace s1
