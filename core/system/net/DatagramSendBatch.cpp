#include "net/DatagramSendBatch.h"

#include <sys/socket.h>

#include <vector>

namespace s1 {

struct DatagramSendBatch::Storage
{
    explicit Storage(std::size_t n)
        : addresses(n)
        , iovecs(n)
        , headers(n)
    { }
    std::vector<sockaddr_storage> addresses;
    std::vector<iovec> iovecs;
    std::vector<mmsghdr> headers;
};

DatagramSendBatch::DatagramSendBatch(std::size_t capacity)
    : m_capacity(capacity == 0 ? 1 : capacity)
    , m_storage(std::make_unique<Storage>(m_capacity))
{ }

DatagramSendBatch::~DatagramSendBatch() = default;

bool DatagramSendBatch::add(const SocketAddress &to, std::span<const std::uint8_t> data)
{
    if (full())
        return false;
    Storage &st = *m_storage;
    const unsigned length = to.toSockaddr(st.addresses[m_size]);
    if (length == 0)
        return false;
    st.iovecs[m_size] = {const_cast<std::uint8_t *>(data.data()), data.size()};
    mmsghdr &h = st.headers[m_size];
    h = {};
    h.msg_hdr.msg_name = &st.addresses[m_size];
    h.msg_hdr.msg_namelen = length;
    h.msg_hdr.msg_iov = &st.iovecs[m_size];
    h.msg_hdr.msg_iovlen = 1;
    ++m_size;
    return true;
}

std::size_t DatagramSendBatch::send(int fd)
{
    Storage &st = *m_storage;
    std::size_t sent = 0;
    std::size_t next = 0;
    // Each round sends at least one datagram or skips the one the kernel refused: bounded by
    // the batch's size.
    while (next < m_size) {
        const int n = ::sendmmsg(fd, st.headers.data() + next, static_cast<unsigned>(m_size - next), 0);
        if (n <= 0) {
            ++next; // refused: skip it, as a failed sendto drops its packet
            continue;
        }
        sent += static_cast<std::size_t>(n);
        next += static_cast<std::size_t>(n);
    }
    m_size = 0;
    return sent;
}

} // namespace s1
