#include "net/UdpSocket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/net_tstamp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace s1 {

namespace {

// Software receive timestamps: taken by the kernel when the packet reaches the socket layer,
// well before our process is scheduled to read it.
constexpr int kTimestampingFlags = SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE;

struct KernelTimestamping
{
    int scmType = 0; // 0: none available
};

KernelTimestamping enableTimestamps(int fd)
{
    int flags = kTimestampingFlags;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof flags) == 0)
        return {SCM_TIMESTAMPING};
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0)
        return {SCM_TIMESTAMPNS};
    return {};
}

RealTime timespecToRealTime(const timespec &ts)
{
    return RealTime(Nanoseconds(static_cast<std::int64_t>(ts.tv_sec) * kNanosPerSecond + ts.tv_nsec));
}

// Finds the receive timestamp in a message's control data.
bool extractTimestamp(const msghdr &msg, RealTime &out)
{
    for (cmsghdr *c = CMSG_FIRSTHDR(const_cast<msghdr *>(&msg)); c; c = CMSG_NXTHDR(const_cast<msghdr *>(&msg), c)) {
        if (c->cmsg_level != SOL_SOCKET)
            continue;
        if (c->cmsg_type == SCM_TIMESTAMPING && c->cmsg_len >= CMSG_LEN(sizeof(timespec))) {
            // ts[0] is the software timestamp; ts[2] the hardware one we did not ask for.
            timespec ts{};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            if (ts.tv_sec != 0 || ts.tv_nsec != 0) {
                out = timespecToRealTime(ts);
                return true;
            }
        } else if (c->cmsg_type == SCM_TIMESTAMPNS && c->cmsg_len >= CMSG_LEN(sizeof(timespec))) {
            timespec ts{};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            out = timespecToRealTime(ts);
            return true;
        }
    }
    return false;
}

// Asks for the destination address of each datagram (IP_PKTINFO / IPV6_PKTINFO), which is the
// local address of the exchange that `ntpdata` shows. Best effort: a socket without it works.
void enableDestinationAddress(int fd, int domain)
{
    int on = 1;
    if (domain == AF_INET6)
        (void)setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof on);
    else
        (void)setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on);
}

IpAddress extractDestination(const msghdr &msg)
{
    for (cmsghdr *c = CMSG_FIRSTHDR(const_cast<msghdr *>(&msg)); c; c = CMSG_NXTHDR(const_cast<msghdr *>(&msg), c)) {
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO && c->cmsg_len >= CMSG_LEN(sizeof(in_pktinfo))) {
            in_pktinfo info{};
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            return IpAddress::v4(ntohl(info.ipi_addr.s_addr));
        }
        if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO
            && c->cmsg_len >= CMSG_LEN(sizeof(in6_pktinfo))) {
            in6_pktinfo info{};
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            std::array<std::uint8_t, 16> bytes{};
            std::memcpy(bytes.data(), &info.ipi6_addr, bytes.size());
            return IpAddress::v6(bytes);
        }
    }
    return {};
}

} // namespace

struct DatagramBatch::Storage
{
    explicit Storage(std::size_t n)
        : buffers(n)
        , control(n)
        , addresses(n)
        , iovecs(n)
        , headers(n)
    {
        for (std::size_t i = 0; i < n; ++i) {
            iovecs[i].iov_base = buffers[i].data();
            iovecs[i].iov_len = buffers[i].size();
        }
    }
    void prepare(std::size_t i)
    {
        msghdr &m = headers[i].msg_hdr;
        std::memset(&m, 0, sizeof m);
        m.msg_name = &addresses[i];
        m.msg_namelen = sizeof addresses[i];
        m.msg_iov = &iovecs[i];
        m.msg_iovlen = 1;
        m.msg_control = control[i].data();
        m.msg_controllen = control[i].size();
        headers[i].msg_len = 0;
    }

    std::vector<std::array<std::uint8_t, kBufferBytes>> buffers;
    std::vector<std::array<std::uint8_t, kControlBytes>> control;
    std::vector<sockaddr_storage> addresses;
    std::vector<iovec> iovecs;
    std::vector<mmsghdr> headers;
};

DatagramBatch::DatagramBatch(std::size_t capacity)
    : m_capacity(capacity == 0 ? 1 : capacity)
    , m_storage(std::make_unique<Storage>(m_capacity))
{
    m_received.reserve(m_capacity);
}

DatagramBatch::~DatagramBatch() = default;

UdpSocket::UdpSocket(int fd, IpAddress::Family family, std::uint16_t port, bool kernelTimestamps)
    : m_fd(fd)
    , m_family(family)
    , m_localPort(port)
    , m_kernelTimestamps(kernelTimestamps)
{ }

UdpSocket::~UdpSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::unique_ptr<UdpSocket> UdpSocket::open(const SocketAddress &bindAddress, std::string &error)
{
    const int domain = bindAddress.ip.isV6() ? AF_INET6 : AF_INET;
    const int fd = ::socket(domain, SOCK_DGRAM, 0);
    if (fd < 0) {
        error = std::string("socket: ") + std::strerror(errno);
        return nullptr;
    }
    const auto fail = [&](const char *what) {
        error = std::string(what) + ": " + std::strerror(errno);
        ::close(fd);
        return nullptr;
    };
    const int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        return fail("fcntl(O_NONBLOCK)");
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
        return fail("fcntl(FD_CLOEXEC)");
    if (domain == AF_INET6) {
        int on = 1;
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) < 0)
            return fail("setsockopt(IPV6_V6ONLY)");
    }
    const KernelTimestamping ts = enableTimestamps(fd);
    enableDestinationAddress(fd, domain);

    sockaddr_storage addr{};
    const unsigned length = bindAddress.toSockaddr(addr);
    if (length == 0) {
        ::close(fd);
        error = "no address to bind to";
        return nullptr;
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), length) < 0)
        return fail(("bind " + bindAddress.toString()).c_str());
    socklen_t boundLength = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &boundLength) < 0)
        return fail("getsockname");
    const auto bound = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&addr), boundLength);
    const std::uint16_t port = bound ? bound->port : bindAddress.port;
    return std::unique_ptr<UdpSocket>(new UdpSocket(fd, bindAddress.ip.family(), port, ts.scmType != 0));
}

std::size_t UdpSocket::receive(DatagramBatch &batch, Receive mode, ReadClock readClock)
{
    DatagramBatch::Storage &st = *batch.m_storage;
    batch.m_received.clear();
    std::size_t count = 0;
    if (mode == Receive::Batched) {
        for (std::size_t i = 0; i < batch.m_capacity; ++i)
            st.prepare(i);
        const int n =
            ::recvmmsg(m_fd, st.headers.data(), static_cast<unsigned>(batch.m_capacity), MSG_DONTWAIT, nullptr);
        count = n > 0 ? static_cast<std::size_t>(n) : 0;
    } else {
        while (count < batch.m_capacity) {
            st.prepare(count);
            const ssize_t n = ::recvmsg(m_fd, &st.headers[count].msg_hdr, MSG_DONTWAIT);
            if (n < 0)
                break;
            st.headers[count].msg_len = static_cast<unsigned>(n);
            ++count;
        }
    }
    if (count == 0)
        return 0;

    // One fallback reading serves the whole batch: it is only used where the kernel gave none.
    const RealTime readTime = readClock();
    for (std::size_t i = 0; i < count; ++i) {
        const msghdr &m = st.headers[i].msg_hdr;
        ReceivedDatagram d;
        const auto from =
            SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr *>(&st.addresses[i]), m.msg_namelen);
        if (from)
            d.from = *from;
        const std::size_t length = std::min<std::size_t>(st.headers[i].msg_len, DatagramBatch::kBufferBytes);
        d.data = std::span<const std::uint8_t>(st.buffers[i].data(), length);
        d.truncated = (m.msg_flags & MSG_TRUNC) != 0;
        d.kernelTimestamp = extractTimestamp(m, d.receiveTime);
        d.local = extractDestination(m);
        if (!d.kernelTimestamp)
            d.receiveTime = readTime;
        batch.m_received.push_back(d);
    }
    return count;
}

bool UdpSocket::send(const SocketAddress &to, std::span<const std::uint8_t> data)
{
    sockaddr_storage addr{};
    const unsigned length = to.toSockaddr(addr);
    if (length == 0)
        return false;
    const ssize_t n = ::sendto(m_fd, data.data(), data.size(), 0, reinterpret_cast<sockaddr *>(&addr), length);
    return n == static_cast<ssize_t>(data.size());
}

} // namespace s1
