#include "transport/ControlClient.h"

#include "net/IpAddress.h"

#include <netinet/in.h>

#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace s1 {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadChunkBytes = 65536;
constexpr int kConnectRetryMs = 20;
constexpr long kMillisPerSecond = 1000;

int millisecondsLeft(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

std::string groupName(gid_t gid)
{
    if (const group *g = ::getgrgid(gid))
        return g->gr_name;
    return std::to_string(gid);
}

std::string userName(uid_t uid)
{
    if (const passwd *p = ::getpwuid(uid))
        return p->pw_name;
    return std::to_string(uid);
}

std::string parentOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0)
        return slash == 0 ? "/" : ".";
    return path.substr(0, slash);
}

std::string permissionHint(const std::string &path)
{
    struct stat st
    { };
    if (::stat(path.c_str(), &st) != 0) {
        // The directory on the way cannot be searched.
        const std::string dir = parentOf(path);
        struct stat dst
        { };
        if (::stat(dir.c_str(), &dst) == 0)
            return " (cannot enter " + dir + ", owned by " + userName(dst.st_uid) + ":" + groupName(dst.st_gid)
                   + "; run as a member of group " + groupName(dst.st_gid) + " or as root)";
        return " (run as root or as a member of the control group)";
    }
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%04o", static_cast<unsigned>(st.st_mode & 07777));
    const std::string group = groupName(st.st_gid);
    return " (the socket is " + userName(st.st_uid) + ":" + group + " mode " + mode + "; run as a member of group "
           + group + " or as root)";
}

} // namespace

std::string describeConnectError(const std::string &path, int errorNumber)
{
    std::string message = "cannot connect to " + path + ": " + std::strerror(errorNumber);
    switch (errorNumber) {
    case ENOENT:
    case ECONNREFUSED:
    case ENOTDIR:
        message += " (is stratumone --service running?)";
        break;
    case EACCES:
    case EPERM:
        message += permissionHint(path);
        break;
    default:
        break;
    }
    return message;
}

ControlClient::ControlClient()
    : m_framer(control::kMaxMessageBytes)
{ }

ControlClient::~ControlClient()
{
    close();
}

void ControlClient::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_framer = LineFramer(control::kMaxMessageBytes);
}

bool ControlClient::connectTo(const std::string &path, std::string &error)
{
    close();
    m_path = path;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.empty() || path.size() >= sizeof(address.sun_path)) {
        error = "cannot connect to " + path + ": socket path is empty or too long";
        return false;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        error = std::string("cannot create a socket: ") + std::strerror(errno);
        return false;
    }
    // A Unix socket connects at once, or says EAGAIN while the server's backlog is full; there
    // is no asynchronous completion to wait for, so retry until the deadline.
    const Clock::time_point deadline = Clock::now() + kConnectTimeout;
    while (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0) {
        const int reason = errno;
        if (reason == EINTR)
            continue;
        if (reason != EAGAIN) {
            error = describeConnectError(path, reason);
            ::close(fd);
            return false;
        }
        if (Clock::now() >= deadline) {
            error = "cannot connect to " + path + ": no room for a connection within "
                    + std::to_string(kConnectTimeout.count() / kMillisPerSecond) + " s (is the service hung?)";
            ::close(fd);
            return false;
        }
        ::poll(nullptr, 0, kConnectRetryMs);
    }
    m_fd = fd;
    return true;
}

bool ControlClient::connectToHost(const std::string &host, std::uint16_t port, std::string &error)
{
    close();
    m_path = host + " port " + std::to_string(port);
    const auto ip = IpAddress::parse(host);
    if (!ip) {
        error = "cannot connect to " + host + ": not an IP address (host names are not resolved)";
        return false;
    }
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (ip->isV4()) {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = htonl(ip->v4Value());
        length = sizeof(sockaddr_in);
    } else {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        std::memcpy(in6->sin6_addr.s6_addr, ip->bytes().data(), ip->bytes().size());
        length = sizeof(sockaddr_in6);
    }
    const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        error = std::string("cannot create a socket: ") + std::strerror(errno);
        return false;
    }
    const auto fail = [&](const std::string &why) {
        error = "cannot connect to " + m_path + ": " + why;
        ::close(fd);
        return false;
    };
    const std::string hint = " (is the service running with bindcmdaddress, cmdport and cmdallow set?)";
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0) {
        if (errno != EINPROGRESS)
            return fail(std::strerror(errno) + hint);
        // A TCP connect completes asynchronously: wait for writability, then ask for the outcome.
        const Clock::time_point deadline = Clock::now() + kConnectTimeout;
        pollfd pfd{fd, POLLOUT, 0};
        int ready = 0;
        do {
            ready = ::poll(&pfd, 1, millisecondsLeft(deadline));
        } while (ready < 0 && errno == EINTR && Clock::now() < deadline);
        if (ready <= 0)
            return fail("no answer within " + std::to_string(kConnectTimeout.count() / kMillisPerSecond) + " s");
        int reason = 0;
        socklen_t reasonLength = sizeof(reason);
        if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &reason, &reasonLength) != 0)
            reason = errno;
        if (reason != 0)
            return fail(std::strerror(reason) + hint);
    }
    m_fd = fd;
    return true;
}

bool ControlClient::sendAll(const QByteArray &bytes, Clock::time_point deadline, std::string &error)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n =
            ::send(m_fd, bytes.constData() + sent, static_cast<std::size_t>(bytes.size() - sent), MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd pfd{m_fd, POLLOUT, 0};
            if (::poll(&pfd, 1, millisecondsLeft(deadline)) > 0)
                continue;
            error = "timed out sending to " + m_path;
            return false;
        }
        error = "cannot send to " + m_path + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

std::optional<control::ControlMessage> ControlClient::readMessage(std::chrono::milliseconds timeout, std::string &error)
{
    if (m_fd < 0) {
        error = "not connected";
        return std::nullopt;
    }
    const Clock::time_point deadline = Clock::now() + timeout;
    std::array<char, kReadChunkBytes> chunk{};
    for (;;) {
        if (const auto line = m_framer.next()) {
            QString parseError;
            auto message = control::parseMessage(*line, &parseError);
            if (!message) {
                error = "bad message from the service: " + parseError.toStdString();
                return std::nullopt;
            }
            return message;
        }
        if (m_framer.overflowed()) {
            error = "message from the service longer than " + std::to_string(control::kMaxMessageBytes) + " bytes";
            return std::nullopt;
        }
        pollfd pfd{m_fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, millisecondsLeft(deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            error = "no answer from the service within "
                    + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(timeout).count()) + " s";
            return std::nullopt;
        }
        const ssize_t n = ::recv(m_fd, chunk.data(), chunk.size(), 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
            continue;
        if (n <= 0) {
            error = n == 0 ? std::string("the service closed the connection")
                           : "cannot read from " + m_path + ": " + std::strerror(errno);
            return std::nullopt;
        }
        m_framer.append(QByteArrayView(chunk.data(), n));
    }
}

std::optional<control::ControlMessage> ControlClient::call(control::Command command, const QJsonObject &args,
                                                           std::chrono::milliseconds timeout, std::string &error)
{
    const qint64 id = m_nextId++;
    const Clock::time_point deadline = Clock::now() + timeout;
    if (!sendAll(control::encodeRequest({id, command, args}), deadline, error))
        return std::nullopt;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        auto message = readMessage(std::max(left, std::chrono::milliseconds(0)), error);
        if (!message)
            return std::nullopt;
        if (message->kind != control::ControlMessage::Kind::Response)
            continue;
        // A response without an id answers a line the server could not read: ours.
        if (message->id.isNull() || message->id.toInteger() == id)
            return message;
    }
}

} // namespace s1
