#include "refclock/DeviceApi.h"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <system_error>
#include <unistd.h>

namespace s1 {

int SystemDeviceApi::open(const std::string &path, int flags)
{
    const int fd = ::open(path.c_str(), flags);
    return fd < 0 ? -errno : fd;
}

int SystemDeviceApi::close(int fd)
{
    // Linux releases the descriptor even when close() fails (EINTR included), so it is never
    // retried: a retry could close a descriptor another thread has just been given.
    return ::close(fd) < 0 ? -errno : 0;
}

int SystemDeviceApi::ioctl(int fd, unsigned long request, void *arg)
{
    const int result = ::ioctl(fd, request, arg);
    return result < 0 ? -errno : result;
}

long SystemDeviceApi::read(int fd, void *buffer, std::size_t size)
{
    const ssize_t n = ::read(fd, buffer, size);
    return n < 0 ? -errno : static_cast<long>(n);
}

int SystemDeviceApi::poll(int fd, short events, int timeoutMs)
{
    pollfd descriptor{fd, events, 0};
    const int ready = ::poll(&descriptor, 1, timeoutMs);
    if (ready < 0)
        return -errno;
    return ready == 0 ? 0 : descriptor.revents;
}

std::string errnoText(int error)
{
    return std::generic_category().message(error);
}

} // namespace s1
