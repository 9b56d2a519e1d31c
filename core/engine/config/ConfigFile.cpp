#include "config/ConfigFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace s1 {

namespace {

constexpr mode_t kNewFileMode = 0644; // chrony.conf holds no secrets; keys live in keyfile
constexpr mode_t kPermissionBits = 07777;
constexpr std::size_t kReadChunk = 65536;           // bytes
constexpr std::string_view kTempSuffix = ".XXXXXX"; // mkstemp's template

std::string systemError(const std::string &what, int errorNumber)
{
    return what + ": " + std::strerror(errorNumber);
}

// Closes a descriptor on every path out of a function.
class FileDescriptor
{
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd)
    { }
    ~FileDescriptor() { close(); }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    // Returns close()'s result: a failing close can be a failed write.
    int close()
    {
        const int result = m_fd >= 0 ? ::close(m_fd) : 0;
        m_fd = -1;
        return result;
    }

private:
    int m_fd = -1;
};

bool writeAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

std::string directoryOf(const std::string &path)
{
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// The file a save replaces: the target of a symbolic link, so that the link survives.
bool resolveSaveTarget(const std::string &path, std::string &target, std::string &error)
{
    struct stat info
    { };
    if (::lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) {
        target = path;
        return true;
    }
    std::array<char, PATH_MAX> resolved{};
    if (!::realpath(path.c_str(), resolved.data())) {
        error = systemError("cannot resolve symbolic link " + path, errno);
        return false;
    }
    target = resolved.data();
    return true;
}

// The mode and owner of the file being replaced, given to the new one.
void copyAttributes(int fd, const std::string &target)
{
    struct stat info
    { };
    if (::stat(target.c_str(), &info) != 0) {
        ::fchmod(fd, kNewFileMode);
        return;
    }
    ::fchmod(fd, info.st_mode & kPermissionBits);
    // Only root may give a file away; for others the new file is theirs, which is fine.
    [[maybe_unused]] const int ownerKept = ::fchown(fd, info.st_uid, info.st_gid);
}

// Makes the rename itself durable.
void syncDirectory(const std::string &directory)
{
    FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.valid())
        ::fsync(dir.get());
}

} // namespace

bool readTextFile(const std::string &path, const std::string &what, std::string &text, std::string &error)
{
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!file.valid()) {
        error = systemError("cannot open " + what, errno);
        return false;
    }
    text.clear();
    std::vector<char> buffer(kReadChunk);
    while (true) {
        const ssize_t got = ::read(file.get(), buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            error = systemError("cannot read " + what, errno);
            return false;
        }
        if (got == 0)
            return true;
        text.append(buffer.data(), static_cast<std::size_t>(got));
    }
}

bool loadConfigFile(const std::string &path, ConfigDocument &document, std::string &error)
{
    std::string text;
    if (!readTextFile(path, "configuration file", text, error))
        return false;
    document = ConfigDocument::fromText(text);
    return true;
}

bool saveConfigFile(const ConfigDocument &document, const std::string &path, std::string &error)
{
    return saveTextFile(document.toText(), path, error);
}

bool saveTextFile(const std::string &text, const std::string &path, std::string &error,
                  const std::string &attributesFrom)
{
    std::string target;
    if (!resolveSaveTarget(path, target, error))
        return false;

    // The temporary file must be in the same directory: rename() does not cross file systems.
    std::string tempPath = target + std::string(kTempSuffix);
    FileDescriptor file(::mkstemp(tempPath.data()));
    if (!file.valid()) {
        error = systemError("cannot create a temporary file next to " + target, errno);
        return false;
    }
    const auto fail = [&](const std::string &what) {
        const int errorNumber = errno;
        file.close();
        ::unlink(tempPath.c_str());
        error = systemError(what, errorNumber);
        return false;
    };

    copyAttributes(file.get(), attributesFrom.empty() ? target : attributesFrom);
    if (!writeAll(file.get(), text))
        return fail("cannot write " + tempPath);
    if (::fsync(file.get()) != 0)
        return fail("cannot flush " + tempPath);
    if (file.close() != 0)
        return fail("cannot close " + tempPath);
    if (::rename(tempPath.c_str(), target.c_str()) != 0)
        return fail("cannot replace " + target);
    syncDirectory(directoryOf(target));
    return true;
}

} // namespace s1
