// The receiving end of a chrony SOCK refclock: a Unix datagram socket bound at the configured
// path, where gpsd sends one `struct sock_sample` per datagram. Plain POSIX (socket, bind,
// chmod, recv), so both the Qt host (QSocketNotifier on fd()) and the plain poll() host can
// drive it.
//
// Like chronyd we create the socket and the writer connects to it, so the writer must start (or
// reconnect) after us; gpsd only connects if the file exists.
//
// The path: a stale socket file (nobody bound to it, e.g. after a crash) is removed, a live one
// (another chronyd or Stratum One receiving there) or anything that is not a socket is left
// alone and reported. On destruction the socket is closed and its file removed if it is still
// the one we bound.
//
// Permissions: sending to a Unix socket needs write permission on its file, and gpsd usually
// runs as its own user (or drops root), so the file is made mode 0666 by default. Anyone on the
// host who can reach the directory can then feed samples; this is the same exposure as an SHM
// unit >= 2 (0666 by the ntpd/gpsd convention). Tighten it with a narrower mode plus a shared
// group, or with the directory's permissions (gpsd uses /run for root, else /tmp).
#pragma once

#include "refclock/SockSample.h"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace s1 {

struct SockReaderStatus
{
    std::uint64_t samplesReceived = 0;
    std::uint64_t badDatagrams = 0;
    // Why the last bad datagram was dropped, or the last receive error.
    std::string lastError;

    friend bool operator==(const SockReaderStatus &, const SockReaderStatus &) = default;
};

class SockRefClockSocket
{
public:
    // Who may send: see the file comment.
    static constexpr mode_t kDefaultSocketMode = 0666;
    // Datagrams handled per drain() by default: more than the kernel queues on a Unix datagram
    // socket (net.unix.max_dgram_qlen, 10 by default), so one call normally empties it. More
    // stay queued for the next call (the notifier fires again): a flood cannot hold the thread.
    static constexpr std::size_t kMaxDatagramsPerDrain = 64;

    // Binds at `path`; nullptr with `error` naming the path and the cause.
    static std::unique_ptr<SockRefClockSocket> open(const std::string &path, std::string &error,
                                                    mode_t mode = kDefaultSocketMode);
    ~SockRefClockSocket();
    SockRefClockSocket(const SockRefClockSocket &) = delete;
    SockRefClockSocket &operator=(const SockRefClockSocket &) = delete;

    // Non-blocking and close-on-exec; readable when a datagram is queued.
    int fd() const { return m_fd; }
    const std::string &path() const { return m_path; }

    // Reads what is queued, up to `maxDatagrams`, without blocking, and returns the
    // well-formed samples in arrival order; malformed ones are counted in status().
    std::vector<SockSample> drain(std::size_t maxDatagrams = kMaxDatagramsPerDrain);

    const SockReaderStatus &status() const { return m_status; }

private:
    SockRefClockSocket(int fd, std::string path, dev_t device, ino_t inode);

    int m_fd;
    std::string m_path;
    // Identity of the file we bound, so that we never remove someone else's.
    dev_t m_device;
    ino_t m_inode;
    SockReaderStatus m_status;
};

} // namespace s1
