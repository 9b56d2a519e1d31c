#include "transport/ControlSocketFile.h"

#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace s1 {

namespace {

// Pending connections the kernel queues before the event loop accepts them.
constexpr int kListenBacklog = 16;
// getgrnam_r's buffer when sysconf gives no hint.
constexpr std::size_t kDefaultGroupBufferBytes = 16384;

std::string errnoText(int error)
{
    return std::strerror(error);
}

std::string parentOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    if (slash == 0)
        return "/";
    return path.substr(0, slash);
}

bool fillAddress(const std::string &path, sockaddr_un &address, std::string &error)
{
    address = {};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof(address.sun_path)) {
        error = path + ": socket path too long (at most " + std::to_string(sizeof(address.sun_path) - 1) + " bytes)";
        return false;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    return true;
}

// mkdir -p; only the directories created here get `mode` and `group`.
bool makeDirectories(const std::string &dir, mode_t mode, std::optional<gid_t> group, std::string &error)
{
    struct stat st
    { };
    if (::stat(dir.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return true;
        error = dir + ": not a directory";
        return false;
    }
    if (errno != ENOENT) {
        error = dir + ": " + errnoText(errno);
        return false;
    }
    if (!makeDirectories(parentOf(dir), kControlDirectoryMode, std::nullopt, error))
        return false;
    if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) {
        error = "cannot create directory " + dir + ": " + errnoText(errno);
        return false;
    }
    // mkdir's mode is filtered by the umask; the group needs exactly `mode`.
    if (::chmod(dir.c_str(), mode) != 0) {
        error = "cannot set the mode of " + dir + ": " + errnoText(errno);
        return false;
    }
    if (group && ::chown(dir.c_str(), static_cast<uid_t>(-1), *group) != 0) {
        error = "cannot give directory " + dir + " to the control group: " + errnoText(errno);
        return false;
    }
    return true;
}

// Is a server accepting connections on `path`?
bool someoneListens(const sockaddr_un &address)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const bool connected = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    ::close(fd);
    return connected;
}

} // namespace

std::optional<gid_t> lookupGroup(const std::string &name, std::string &error)
{
    const long hint = ::sysconf(_SC_GETGR_R_SIZE_MAX);
    std::vector<char> buffer(hint > 0 ? static_cast<std::size_t>(hint) : kDefaultGroupBufferBytes);
    group entry{};
    group *found = nullptr;
    int rc = 0;
    while ((rc = ::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found)) == ERANGE)
        buffer.resize(buffer.size() * 2);
    if (rc != 0) {
        error = "cannot look up group " + name + ": " + errnoText(rc);
        return std::nullopt;
    }
    if (!found) {
        error = "no such group: " + name;
        return std::nullopt;
    }
    return found->gr_gid;
}

int bindControlSocket(const std::string &path, std::optional<gid_t> group, std::string &error)
{
    sockaddr_un address{};
    if (path.empty() || path.front() != '/') {
        error = "control socket path must be absolute: " + path;
        return -1;
    }
    if (!fillAddress(path, address, error))
        return -1;
    const std::string dir = parentOf(path);
    if (!makeDirectories(dir, group ? kControlGroupDirectoryMode : kControlDirectoryMode, group, error))
        return -1;

    struct stat st
    { };
    if (::lstat(path.c_str(), &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            error = path + ": exists and is not a socket; not replacing it";
            return -1;
        }
        if (someoneListens(address)) {
            error = path + ": another server is listening on it (is stratumone --service already running?)";
            return -1;
        }
        // A stale socket from a previous run: the rename below replaces it.
    }

    const std::string temporary = dir + "/.stratumone-" + std::to_string(::getpid()) + ".sock";
    sockaddr_un temporaryAddress{};
    if (!fillAddress(temporary, temporaryAddress, error))
        return -1;
    ::unlink(temporary.c_str());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = "cannot create the control socket: " + errnoText(errno);
        return -1;
    }
    const auto fail = [&](const std::string &what) {
        error = what + ": " + errnoText(errno);
        ::close(fd);
        ::unlink(temporary.c_str());
        return -1;
    };
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&temporaryAddress), sizeof(temporaryAddress)) != 0)
        return fail("cannot bind the control socket in " + dir);
    if (::chmod(temporary.c_str(), kControlSocketMode) != 0)
        return fail("cannot set the control socket's mode");
    if (group && ::chown(temporary.c_str(), static_cast<uid_t>(-1), *group) != 0)
        return fail("cannot give the control socket to its group (the service must be root or a member)");
    if (::listen(fd, kListenBacklog) != 0)
        return fail("cannot listen on the control socket");
    if (::rename(temporary.c_str(), path.c_str()) != 0)
        return fail("cannot move the control socket to " + path);
    return fd;
}

std::optional<SocketFileId> socketFileId(const std::string &path)
{
    struct stat st
    { };
    if (::lstat(path.c_str(), &st) != 0 || !S_ISSOCK(st.st_mode))
        return std::nullopt;
    return SocketFileId{st.st_dev, st.st_ino};
}

void removeSocketFileIfOurs(const std::string &path, const SocketFileId &id)
{
    const auto current = socketFileId(path);
    if (current && current->device == id.device && current->inode == id.inode)
        ::unlink(path.c_str());
}

} // namespace s1
