// Datagrams handed to the kernel together (sendmmsg): a batch of replies costs one system call
// instead of one each. Preallocated, so the packet path does not allocate; the payloads are
// borrowed (spans) and must stay valid until send() returns.
//
// Only the Qt host's batched mode uses it: simulators that run unmodified daemons (clknetsim)
// see the plain host's one sendto/sendmsg per packet.
#pragma once

#include "net/IpAddress.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace s1 {

class DatagramSendBatch
{
public:
    explicit DatagramSendBatch(std::size_t capacity);
    ~DatagramSendBatch();
    DatagramSendBatch(const DatagramSendBatch &) = delete;
    DatagramSendBatch &operator=(const DatagramSendBatch &) = delete;

    std::size_t capacity() const { return m_capacity; }
    std::size_t size() const { return m_size; }
    bool full() const { return m_size == m_capacity; }
    bool empty() const { return m_size == 0; }

    // Queues `data` for `to`; false when the batch is full or `to` has no socket address.
    bool add(const SocketAddress &to, std::span<const std::uint8_t> data);
    // Sends everything queued on `fd` and empties the batch. A datagram the kernel refuses
    // (e.g. an unreachable address) is skipped and the rest still go, as one sendto each
    // would. Returns how many were sent.
    std::size_t send(int fd);
    void clear() { m_size = 0; }

private:
    struct Storage;
    std::size_t m_capacity;
    std::size_t m_size = 0;
    std::unique_ptr<Storage> m_storage;
};

} // namespace s1
