#include "refclock/SockRefClockSocket.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace s1 {

namespace {

// Room for a sample and then some, so that a long datagram is seen as long; MSG_TRUNC reports
// the full length of longer ones.
constexpr std::size_t kReceiveBufferBytes = 2 * sizeof(SockSampleWire);

std::string errnoText(int error)
{
    return std::strerror(error);
}

bool fillAddress(const std::string &path, sockaddr_un &address, std::string &error)
{
    address = {};
    address.sun_family = AF_UNIX;
    if (path.empty()) {
        error = "SOCK refclock: empty socket path";
        return false;
    }
    if (path.size() >= sizeof(address.sun_path)) {
        error = path + ": socket path too long (at most " + std::to_string(sizeof(address.sun_path) - 1) + " bytes)";
        return false;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    return true;
}

// Is a process receiving on the datagram socket at `address`? Connecting succeeds only if one
// is bound there; a stale file gives ECONNREFUSED.
bool someoneBound(const sockaddr_un &address)
{
    const int probe = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (probe < 0)
        return false;
    const bool connected = ::connect(probe, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    ::close(probe);
    return connected;
}

// Clears the way for bind(): nothing there, or a stale socket we removed.
bool clearStaleSocket(const std::string &path, const sockaddr_un &address, std::string &error)
{
    struct stat st
    { };
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return true;
        error = path + ": " + errnoText(errno);
        return false;
    }
    if (!S_ISSOCK(st.st_mode)) {
        error = path + ": exists and is not a socket; not replacing it";
        return false;
    }
    if (someoneBound(address)) {
        error = path + ": another process is receiving on this socket (a chronyd or another Stratum One?)";
        return false;
    }
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        error = path + ": cannot remove the stale socket: " + errnoText(errno);
        return false;
    }
    return true;
}

} // namespace

std::unique_ptr<SockRefClockSocket> SockRefClockSocket::open(const std::string &path, std::string &error, mode_t mode)
{
    sockaddr_un address{};
    if (!fillAddress(path, address, error) || !clearStaleSocket(path, address, error))
        return nullptr;

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = path + ": cannot create a datagram socket: " + errnoText(errno);
        return nullptr;
    }
    const auto fail = [&](const std::string &what, bool unlinkFile) {
        error = path + ": " + what + ": " + errnoText(errno);
        ::close(fd);
        if (unlinkFile)
            ::unlink(path.c_str());
        return nullptr;
    };
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0)
        return fail("cannot bind", false);
    // bind() applies the umask; the writer is usually another user and needs `mode` exactly.
    if (::chmod(path.c_str(), mode) != 0)
        return fail("cannot set the socket's mode", true);
    struct stat st
    { };
    if (::lstat(path.c_str(), &st) != 0)
        return fail("cannot stat the socket", true);
    return std::unique_ptr<SockRefClockSocket>(new SockRefClockSocket(fd, path, st.st_dev, st.st_ino));
}

SockRefClockSocket::SockRefClockSocket(int fd, std::string path, dev_t device, ino_t inode)
    : m_fd(fd)
    , m_path(std::move(path))
    , m_device(device)
    , m_inode(inode)
{ }

SockRefClockSocket::~SockRefClockSocket()
{
    ::close(m_fd);
    // Only our own file: a newer instance may have replaced a socket it took for stale.
    struct stat st
    { };
    if (::lstat(m_path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode) && st.st_dev == m_device && st.st_ino == m_inode)
        ::unlink(m_path.c_str());
}

std::vector<SockSample> SockRefClockSocket::drain(std::size_t maxDatagrams)
{
    std::vector<SockSample> samples;
    std::array<std::uint8_t, kReceiveBufferBytes> buffer{};
    for (std::size_t attempt = 0; attempt < maxDatagrams; ++attempt) {
        const ssize_t length = ::recv(m_fd, buffer.data(), buffer.size(), MSG_TRUNC | MSG_DONTWAIT);
        if (length < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                m_status.lastError = m_path + ": receive failed: " + errnoText(errno);
            break;
        }
        const auto size = static_cast<std::size_t>(length);
        if (size > buffer.size()) {
            ++m_status.badDatagrams;
            m_status.lastError = m_path + ": datagram of " + std::to_string(size) + " bytes, a sample is "
                                 + std::to_string(sizeof(SockSampleWire));
            continue;
        }
        auto decoded = decodeSockSample(std::span<const std::uint8_t>(buffer.data(), size));
        if (auto *reason = std::get_if<std::string>(&decoded)) {
            ++m_status.badDatagrams;
            m_status.lastError = m_path + ": " + *reason;
            continue;
        }
        ++m_status.samplesReceived;
        samples.push_back(std::get<SockSample>(decoded));
    }
    return samples;
}

} // namespace s1
