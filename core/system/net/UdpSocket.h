// A non-blocking UDP socket with kernel receive timestamps, for the hosts around the engine.
//
// Deliberately plain POSIX: socket(AF_INET*, SOCK_DGRAM, 0), fcntl(O_NONBLOCK), recvmsg or
// recvmmsg, sendto. Clock-and-network simulators that intercept libc (chrony's clknetsim) know
// exactly these calls, so the plain host can run inside them.
#pragma once

#include "net/IpAddress.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace s1 {

struct ReceivedDatagram
{
    SocketAddress from;
    IpAddress local;                    // the datagram's destination; null when unknown
    std::span<const std::uint8_t> data; // valid until the batch is reused
    bool truncated = false;
    RealTime receiveTime;
    bool kernelTimestamp = false;
    // With hardware timestamps on (enableHardwareTimestamps()): the card's raw stamp in its
    // clock's time, the interface it came in on (-1: unknown) and the frame's length at layer
    // 2 (0: unknown), for NicTimestamping to convert.
    std::optional<RealTime> hardwareTime;
    int interfaceIndex = -1;
    std::size_t layer2Length = 0;
};

// A packet of ours the kernel stamped as it left (software transmit timestamp, from the error
// queue): where it went, the UDP payload as sent, and when.
struct TransmitStamp
{
    SocketAddress remote;
    std::vector<std::uint8_t> data;
    RealTime time;                        // the software stamp, when `software`
    bool software = true;                 // false: the kernel gave only a hardware stamp
    std::optional<RealTime> hardwareTime; // the card's raw stamp, in its clock's time
    int interfaceIndex = -1;              // where it left, when the kernel said (-1: unknown)
};

// Preallocated receive buffers, so the packet path does not allocate.
class DatagramBatch
{
public:
    // Longer than any NTP packet we answer (header + extension fields + MAC); longer ones are
    // reported truncated and dropped.
    static constexpr std::size_t kBufferBytes = 1024;
    static constexpr std::size_t kControlBytes = 256;

    explicit DatagramBatch(std::size_t capacity);
    ~DatagramBatch();
    DatagramBatch(const DatagramBatch &) = delete;
    DatagramBatch &operator=(const DatagramBatch &) = delete;

    std::size_t capacity() const { return m_capacity; }
    std::size_t size() const { return m_received.size(); }
    const ReceivedDatagram &operator[](std::size_t i) const { return m_received[i]; }

private:
    friend class UdpSocket;
    struct Storage;
    std::size_t m_capacity;
    std::unique_ptr<Storage> m_storage;
    std::vector<ReceivedDatagram> m_received;
};

class UdpSocket
{
public:
    enum class Receive : std::uint8_t {
        Single,  // one recvmsg per datagram: the plain host, simulators
        Batched, // recvmmsg: fewer system calls under load
    };

    ~UdpSocket();
    UdpSocket(const UdpSocket &) = delete;
    UdpSocket &operator=(const UdpSocket &) = delete;

    // Opens and binds; port 0 picks an ephemeral port. IPv6 sockets are IPv6-only so that an
    // IPv4 socket can share the port.
    static std::unique_ptr<UdpSocket> open(const SocketAddress &bindAddress, std::string &error);

    int fd() const { return m_fd; }
    IpAddress::Family family() const { return m_family; }
    std::uint16_t localPort() const { return m_localPort; }
    bool kernelTimestamping() const { return m_kernelTimestamps; }
    // Whether send() can ask the kernel for a transmit timestamp (SO_TIMESTAMPING with
    // software timestamps; per packet, as chronyd asks, so that packets that need none cost no
    // error-queue traffic).
    bool transmitTimestamping() const { return m_transmitTimestamps; }
    // Asks the kernel for the cards' raw hardware stamps too (SOF_TIMESTAMPING_RAW_HARDWARE,
    // RX_HARDWARE, and TX_HARDWARE per stamped send), with the interface of each stamp
    // (SOF_TIMESTAMPING_OPT_PKTINFO where the kernel has it). Only the interfaces
    // NicTimestamping enabled stamp anything. False when the socket cannot.
    bool enableHardwareTimestamps();
    bool hardwareTimestamping() const { return m_hardwareTimestamps; }

    // The host's clock, read once per batch for datagrams the kernel gave no timestamp: the
    // socket does not choose which clock stands in for the kernel's.
    using ReadClock = RealTime (*)();

    // Reads what is queued, up to the batch's capacity, without blocking. Datagrams without a
    // kernel timestamp get readClock() at the time of the read. Returns the number received
    // (0: none queued).
    std::size_t receive(DatagramBatch &batch, Receive mode, ReadClock readClock);
    // With `stampTransmit` (and transmitTimestamping()) the kernel queues the packet with its
    // transmit timestamp on the socket's error queue, for takeTransmitStamps().
    bool send(const SocketAddress &to, std::span<const std::uint8_t> data, bool stampTransmit = false);
    // Reads the error queue without blocking: the transmit timestamps queued so far, at most
    // `limit`. Anything else there (ICMP errors) is read and dropped, so the queue never keeps
    // the socket's poll state on error. Reads only while stamps asked for are outstanding:
    // clock and network simulators that run unmodified daemons (clknetsim) answer an error
    // queue read with the next datagram when they hold no stamp.
    std::vector<TransmitStamp> takeTransmitStamps(std::size_t limit);
    // Asks for a receive buffer of `bytes` (SO_RCVBUF; the kernel caps it at
    // net.core.rmem_max). A server socket with room for a burst of requests loses none of them
    // while the process is not scheduled. False when the kernel refuses.
    bool setReceiveBuffer(int bytes);
    // IPv4: sends with Don't Fragment and without consulting the path MTU
    // (IP_PMTUDISC_PROBE), so the kernel gives each packet the ID 0 (RFC 6864) instead of
    // drawing one from its shared generator, a few per cent of what a reply costs it (perf, loopback). For
    // sockets whose packets never need fragmenting: our replies are never longer than the
    // request they answer, a header and at most a MAC. No-op on IPv6. False when refused.
    bool setDontFragment();

private:
    UdpSocket(int fd, IpAddress::Family family, std::uint16_t port, bool kernelTimestamps, bool transmitTimestamps);

    int m_fd;
    IpAddress::Family m_family;
    std::uint16_t m_localPort;
    bool m_kernelTimestamps;
    bool m_transmitTimestamps;
    bool m_hardwareTimestamps = false;
    // Transmit timestamps asked for and not read yet (at most kMaxPendingStamps).
    std::size_t m_stampsPending = 0;
};

} // namespace s1
