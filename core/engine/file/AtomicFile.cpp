#include "file/AtomicFile.h"

#include "file/FileDescriptor.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace s1 {

namespace {

constexpr mode_t kPermissionBits = 07777;

// errno of the failure; ENOSPC when write() wrote nothing without saying why.
int writeAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            return errno;
        if (written == 0)
            return ENOSPC;
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

std::string directoryOf(const std::string &path)
{
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

bool resolveTarget(const std::string &path, bool followSymlink, std::string &target, AtomicWriteError &error)
{
    struct stat info
    { };
    if (!followSymlink || ::lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) {
        target = path;
        return true;
    }
    std::array<char, PATH_MAX> resolved{};
    if (!::realpath(path.c_str(), resolved.data())) {
        error = {"cannot resolve symbolic link", path, errno};
        return false;
    }
    target = resolved.data();
    return true;
}

// The new file's mode and owner. Only root may give a file away; for others the new file is
// theirs, which is fine, so fchown's result is not an error.
void applyAttributes(int fd, const std::string &target, const AtomicFileAttributes &attributes)
{
    const std::string &model = !attributes.copyFrom.empty() ? attributes.copyFrom
                               : attributes.keepExisting    ? target
                                                            : std::string();
    struct stat info
    { };
    if (model.empty() || ::stat(model.c_str(), &info) != 0) {
        ::fchmod(fd, attributes.mode);
        return;
    }
    ::fchmod(fd, info.st_mode & kPermissionBits);
    [[maybe_unused]] const int ownerKept = ::fchown(fd, info.st_uid, info.st_gid);
}

} // namespace

std::string AtomicWriteError::text() const
{
    return step + " " + file + ": " + std::strerror(code);
}

std::string AtomicWriteError::reason() const
{
    return step + ": " + std::strerror(code);
}

bool writeFileAtomically(const std::string &path, std::string_view bytes, const AtomicFileAttributes &attributes,
                         AtomicWriteError &error)
{
    std::string target;
    if (!resolveTarget(path, attributes.followSymlink, target, error))
        return false;
    // Hidden while it is being written, so that a directory listing or an include glob does
    // not pick up a half-written file.
    const std::string directory = directoryOf(target);
    const std::string name = target.substr(target.rfind('/') == std::string::npos ? 0 : target.rfind('/') + 1);
    std::string temporary = directory + "/." + name + ".tmp.XXXXXX";
    FileDescriptor file(::mkostemp(temporary.data(), O_CLOEXEC));
    if (!file.valid()) {
        error = {"cannot create a temporary file next to", target, errno};
        return false;
    }
    const auto fail = [&](std::string step, const std::string &concerning, int code) {
        file.close();
        ::unlink(temporary.c_str());
        error = {std::move(step), concerning, code};
        return false;
    };
    applyAttributes(file.get(), target, attributes);
    if (const int code = writeAll(file.get(), bytes); code != 0)
        return fail("cannot write", temporary, code);
    // On disk before the rename makes it visible, or a crash could leave an empty file.
    if (::fsync(file.get()) != 0)
        return fail("cannot sync", temporary, errno);
    if (file.close() != 0)
        return fail("cannot close", temporary, errno);
    if (::rename(temporary.c_str(), target.c_str()) != 0)
        return fail("cannot replace", target, errno);
    FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid() || ::fsync(dir.get()) != 0) {
        error = {"written, but could not sync the directory of", target, errno};
        return false;
    }
    return true;
}

} // namespace s1
