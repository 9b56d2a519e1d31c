#include "net/UdpSocket.h"

#include "net/LoopedPacket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace s1 {

namespace {

// Software receive timestamps: taken by the kernel when the packet reaches the socket layer,
// well before our process is scheduled to read it. Software transmit timestamps are asked for
// per packet (kTransmitTimestampFlag in a control message, Linux 4.7 and later): taken by the
// driver as it hands the packet to the device, after everything our process and the stack do.
constexpr int kTimestampingFlags = SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE;
constexpr std::uint32_t kTransmitTimestampFlag = SOF_TIMESTAMPING_TX_SOFTWARE;
// Longest frame looped back to the error queue we read: link, IP and UDP headers and any NTP
// packet we send.
constexpr std::size_t kErrorQueueBytes = 2048;
// Stamps asked for and not come back are not counted beyond this: a kernel that never sends
// them only costs a read that finds nothing at each wake-up.
constexpr std::size_t kMaxPendingStamps = 1024;

struct KernelTimestamping
{
    int scmType = 0; // 0: none available
    bool transmit = false;
};

KernelTimestamping enableTimestamps(int fd)
{
    int flags = kTimestampingFlags;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof flags) == 0)
        return {SCM_TIMESTAMPING, true};
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0)
        return {SCM_TIMESTAMPNS, false};
    return {};
}

RealTime timespecToRealTime(const timespec &ts)
{
    return RealTime(Nanoseconds(static_cast<std::int64_t>(ts.tv_sec) * kNanosPerSecond + ts.tv_nsec));
}

// The kernel's stamps in a message's control data: SCM_TIMESTAMPING's software (ts[0]) and
// raw hardware (ts[2]) stamps, or SCM_TIMESTAMPNS's, and SCM_TIMESTAMPING_PKTINFO's interface
// and frame length.
struct ControlStamps
{
    std::optional<RealTime> software;
    std::optional<RealTime> hardware;
    int interfaceIndex = -1;
    std::size_t layer2Length = 0;
};

bool isSet(const timespec &ts)
{
    return ts.tv_sec != 0 || ts.tv_nsec != 0;
}

ControlStamps extractStamps(const msghdr &msg)
{
    ControlStamps out;
    for (cmsghdr *c = CMSG_FIRSTHDR(const_cast<msghdr *>(&msg)); c; c = CMSG_NXTHDR(const_cast<msghdr *>(&msg), c)) {
        if (c->cmsg_level != SOL_SOCKET)
            continue;
        if (c->cmsg_type == SCM_TIMESTAMPING && c->cmsg_len >= CMSG_LEN(sizeof(timespec))) {
            constexpr std::size_t kSoftware = 0;
            constexpr std::size_t kRawHardware = 2;
            std::array<timespec, 3> ts{};
            const std::size_t have = std::min<std::size_t>(ts.size(), (c->cmsg_len - CMSG_LEN(0)) / sizeof(timespec));
            std::memcpy(ts.data(), CMSG_DATA(c), have * sizeof(timespec));
            if (isSet(ts[kSoftware]))
                out.software = timespecToRealTime(ts[kSoftware]);
            if (have > kRawHardware && isSet(ts[kRawHardware]))
                out.hardware = timespecToRealTime(ts[kRawHardware]);
        } else if (c->cmsg_type == SCM_TIMESTAMPNS && c->cmsg_len >= CMSG_LEN(sizeof(timespec))) {
            timespec ts{};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            out.software = timespecToRealTime(ts);
        } else if (c->cmsg_type == SCM_TIMESTAMPING_PKTINFO && c->cmsg_len >= CMSG_LEN(sizeof(scm_ts_pktinfo))) {
            scm_ts_pktinfo info{};
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            out.interfaceIndex = static_cast<int>(info.if_index);
            out.layer2Length = info.pkt_length;
        }
    }
    return out;
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

IpAddress extractDestination(const msghdr &msg, int &interfaceIndex)
{
    for (cmsghdr *c = CMSG_FIRSTHDR(const_cast<msghdr *>(&msg)); c; c = CMSG_NXTHDR(const_cast<msghdr *>(&msg), c)) {
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO && c->cmsg_len >= CMSG_LEN(sizeof(in_pktinfo))) {
            in_pktinfo info{};
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            interfaceIndex = info.ipi_ifindex;
            return IpAddress::v4(ntohl(info.ipi_addr.s_addr));
        }
        if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO
            && c->cmsg_len >= CMSG_LEN(sizeof(in6_pktinfo))) {
            in6_pktinfo info{};
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            interfaceIndex = static_cast<int>(info.ipi6_ifindex);
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

UdpSocket::UdpSocket(int fd, IpAddress::Family family, std::uint16_t port, bool kernelTimestamps,
                     bool transmitTimestamps)
    : m_fd(fd)
    , m_family(family)
    , m_localPort(port)
    , m_kernelTimestamps(kernelTimestamps)
    , m_transmitTimestamps(transmitTimestamps)
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
    return std::unique_ptr<UdpSocket>(new UdpSocket(fd, bindAddress.ip.family(), port, ts.scmType != 0, ts.transmit));
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
        const ControlStamps stamps = extractStamps(m);
        d.kernelTimestamp = stamps.software.has_value();
        if (stamps.software)
            d.receiveTime = *stamps.software;
        int arrivedOn = -1;
        d.local = extractDestination(m, arrivedOn);
        if (m_hardwareTimestamps) {
            d.hardwareTime = stamps.hardware;
            d.interfaceIndex = stamps.interfaceIndex >= 0 ? stamps.interfaceIndex : arrivedOn;
            d.layer2Length = stamps.layer2Length;
        }
        if (!d.kernelTimestamp)
            d.receiveTime = readTime;
        batch.m_received.push_back(d);
    }
    return count;
}

bool UdpSocket::enableHardwareTimestamps()
{
    if (!m_transmitTimestamps)
        return false; // no SO_TIMESTAMPING at all
    // Software stamps stay on: packets of interfaces without hardware stamps keep them.
    constexpr int kHardware = kTimestampingFlags | SOF_TIMESTAMPING_RAW_HARDWARE | SOF_TIMESTAMPING_RX_HARDWARE;
    // The interface and frame length of each received stamp (OPT_PKTINFO, Linux 4.13), and
    // IP_PKTINFO on the error queue's entries, which names the interface a transmit stamp
    // came from (OPT_CMSG, Linux 4.6), where the kernel has them.
    const int tries[] = {kHardware | SOF_TIMESTAMPING_OPT_PKTINFO | SOF_TIMESTAMPING_OPT_CMSG,
                         kHardware | SOF_TIMESTAMPING_OPT_CMSG, kHardware};
    const auto accepted = std::find_if(std::begin(tries), std::end(tries), [this](int flags) {
        return setsockopt(m_fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof flags) == 0;
    });
    if (accepted == std::end(tries))
        return false;
    m_hardwareTimestamps = true;
    return true;
}

bool UdpSocket::send(const SocketAddress &to, std::span<const std::uint8_t> data, bool stampTransmit)
{
    sockaddr_storage addr{};
    const unsigned length = to.toSockaddr(addr);
    if (length == 0)
        return false;
    if (!stampTransmit || !m_transmitTimestamps) {
        const ssize_t n = ::sendto(m_fd, data.data(), data.size(), 0, reinterpret_cast<sockaddr *>(&addr), length);
        return n == static_cast<ssize_t>(data.size());
    }
    iovec iov{const_cast<std::uint8_t *>(data.data()), data.size()};
    alignas(cmsghdr) std::array<std::uint8_t, CMSG_SPACE(sizeof(std::uint32_t))> control{};
    msghdr msg{};
    msg.msg_name = &addr;
    msg.msg_namelen = length;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SO_TIMESTAMPING;
    c->cmsg_len = CMSG_LEN(sizeof(std::uint32_t));
    const std::uint32_t flags =
        kTransmitTimestampFlag | (m_hardwareTimestamps ? static_cast<std::uint32_t>(SOF_TIMESTAMPING_TX_HARDWARE) : 0U);
    std::memcpy(CMSG_DATA(c), &flags, sizeof flags);
    const ssize_t n = ::sendmsg(m_fd, &msg, 0);
    if (n != static_cast<ssize_t>(data.size()))
        return false;
    m_stampsPending = std::min(m_stampsPending + 1, kMaxPendingStamps);
    return true;
}

bool UdpSocket::setReceiveBuffer(int bytes)
{
    return setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes) == 0;
}

bool UdpSocket::setDontFragment()
{
    if (m_family != IpAddress::Family::V4)
        return true;
    int mode = IP_PMTUDISC_PROBE;
    return setsockopt(m_fd, IPPROTO_IP, IP_MTU_DISCOVER, &mode, sizeof mode) == 0;
}

std::vector<TransmitStamp> UdpSocket::takeTransmitStamps(std::size_t limit)
{
    std::vector<TransmitStamp> taken;
    std::array<std::uint8_t, kErrorQueueBytes> frame{};
    std::array<std::uint8_t, DatagramBatch::kControlBytes> control{};
    // Bounded, so that a queue filled faster than we read cannot keep us here.
    for (std::size_t read = 0; read < 2 * limit + 1 && m_stampsPending > 0; ++read) {
        iovec iov{frame.data(), frame.size()};
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.data();
        msg.msg_controllen = control.size();
        const ssize_t n = ::recvmsg(m_fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
        if (n < 0)
            break;
        // A datagram that was no error-queue entry (a simulator without the stamp asked for):
        // it is lost, and no more reads until the next stamped send.
        if (!(msg.msg_flags & MSG_ERRQUEUE)) {
            m_stampsPending = 0;
            break;
        }
        --m_stampsPending;
        const ControlStamps stamps = extractStamps(msg);
        bool fromTimestamping = false;
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR)
                || (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR)) {
                sock_extended_err error{};
                if (c->cmsg_len >= CMSG_LEN(sizeof error)) {
                    std::memcpy(&error, CMSG_DATA(c), sizeof error);
                    fromTimestamping = error.ee_origin == SO_EE_ORIGIN_TIMESTAMPING;
                }
            }
        }
        const bool hardware = m_hardwareTimestamps && stamps.hardware;
        if ((!stamps.software && !hardware) || !fromTimestamping || taken.size() >= limit)
            continue;
        const auto looped = parseLoopedPacket(std::span<const std::uint8_t>(frame.data(), static_cast<std::size_t>(n)));
        if (!looped)
            continue;
        TransmitStamp stamp;
        stamp.remote = looped->remote;
        stamp.data.assign(looped->payload.begin(), looped->payload.end());
        stamp.software = stamps.software.has_value();
        stamp.time = stamps.software.value_or(RealTime{});
        if (hardware) {
            stamp.hardwareTime = stamps.hardware;
            int leftOn = -1;
            (void)extractDestination(msg, leftOn);
            stamp.interfaceIndex = stamps.interfaceIndex >= 0 ? stamps.interfaceIndex : leftOn;
        }
        taken.push_back(std::move(stamp));
    }
    return taken;
}

} // namespace s1
