#include "history/HistoryFile.h"

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

class Descriptor
{
public:
    explicit Descriptor(int fd)
        : m_fd(fd)
    { }
    ~Descriptor() { close(); }
    Descriptor(const Descriptor &) = delete;
    Descriptor &operator=(const Descriptor &) = delete;
    int get() const { return m_fd; }
    int close()
    {
        const int result = m_fd >= 0 ? ::close(m_fd) : 0;
        m_fd = -1;
        return result;
    }

private:
    int m_fd;
};

std::string describe(const std::filesystem::path &path, std::string_view what, int code)
{
    std::string text = "history file " + path.string() + ": " + std::string(what);
    if (code != 0)
        text += ": " + std::string(std::strerror(code));
    return text;
}

bool writeAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

} // namespace

std::optional<HistoryStore> readHistoryFile(const std::filesystem::path &path, std::string &error)
{
    error.clear();
    Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
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
    const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    // Same directory: rename() is only atomic within one file system.
    std::string temporary = (directory / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
    Descriptor file(::mkostemp(temporary.data(), O_CLOEXEC));
    if (file.get() < 0) {
        error = describe(path, "cannot create a temporary file", errno);
        return false;
    }
    const auto fail = [&](std::string_view what, int code) {
        error = describe(path, what, code);
        file.close();
        ::unlink(temporary.c_str());
        return false;
    };
    if (::fchmod(file.get(), kHistoryFileMode) < 0)
        return fail("cannot set permissions", errno);
    if (!writeAll(file.get(), encodeHistory(store)))
        return fail("cannot write", errno);
    // On disk before the rename makes it visible, or a crash could leave an empty file.
    if (::fsync(file.get()) < 0)
        return fail("cannot sync", errno);
    if (file.close() < 0)
        return fail("cannot close", errno);
    if (::rename(temporary.c_str(), path.c_str()) < 0)
        return fail("cannot replace", errno);
    Descriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0 || ::fsync(dir.get()) < 0) {
        error = describe(path, "written, but the directory could not be synced", errno);
        return false;
    }
    return true;
}

} // namespace s1
