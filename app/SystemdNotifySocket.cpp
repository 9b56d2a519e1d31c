#include "SystemdNotifySocket.h"

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace s1 {

namespace {

// systemd's USEC_INFINITY: a watchdog that never fires is none.
constexpr std::uint64_t kInfiniteUsec = std::numeric_limits<std::uint64_t>::max();
// The shortest address sd_notify takes: the '/' or '@' and one more character.
constexpr std::size_t kMinAddressLength = 2;

// A whole decimal number, nothing before or after it.
template <typename T>
std::optional<T> parseDecimal(std::string_view text)
{
    T value{};
    const char *end = text.data() + text.size();
    const auto [ptr, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

} // namespace

std::optional<SystemdNotifySocket> SystemdNotifySocket::fromAddress(std::string_view address)
{
    if (address.size() < kMinAddressLength || (address.front() != '/' && address.front() != '@'))
        return std::nullopt;
    // A path needs its terminator in sun_path; sd_notify asks the same of an abstract name.
    if (address.size() >= sizeof(sockaddr_un::sun_path))
        return std::nullopt;
    std::string path(address);
    if (path.front() == '@')
        path.front() = '\0';
    return SystemdNotifySocket(std::move(path));
}

std::optional<std::chrono::microseconds> SystemdNotifySocket::watchdogTimeout(const char *watchdogUsec,
                                                                              const char *watchdogPid, pid_t self)
{
    if (!watchdogUsec)
        return std::nullopt;
    const std::optional<std::uint64_t> usec = parseDecimal<std::uint64_t>(watchdogUsec);
    if (!usec || *usec == 0 || *usec == kInfiniteUsec
        || *usec > static_cast<std::uint64_t>(std::chrono::microseconds::max().count()))
        return std::nullopt;
    if (watchdogPid) {
        const std::optional<pid_t> pid = parseDecimal<pid_t>(watchdogPid);
        if (!pid || *pid <= 0 || *pid != self)
            return std::nullopt;
    }
    return std::chrono::microseconds(static_cast<std::chrono::microseconds::rep>(*usec));
}

SystemdNotifySocket::SystemdNotifySocket(std::string path)
    : m_path(std::move(path))
{ }

bool SystemdNotifySocket::send(std::string_view state) const
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, m_path.data(), m_path.size());
    // A path's length counts its terminator (zeroed above); an abstract name's does not.
    const std::size_t pathBytes = m_path.size() + (m_path.front() == '\0' ? 0 : 1);
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + pathBytes);

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    iovec part{const_cast<char *>(state.data()), state.size()};
    msghdr message{};
    message.msg_name = &address;
    message.msg_namelen = length;
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    // No credentials of our own: libsystemd adds them only for another pid or when the real
    // and effective IDs differ, and the service drops its privileges with setresuid/setresgid,
    // which set all three alike. The kernel gives systemd the sender's pid either way.
    const bool sent = ::sendmsg(fd, &message, MSG_NOSIGNAL) >= 0;
    const int sendError = errno;
    ::close(fd);
    errno = sendError;
    return sent;
}

} // namespace s1
