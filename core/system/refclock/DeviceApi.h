// The character-device system calls the PPS and PHC drivers make, behind a seam. The drivers
// build the real linux/pps.h and linux/ptp_clock.h ioctl requests and structs themselves; only
// the system call is behind this interface, so a test's model of the kernel interprets exactly
// the request numbers and bytes a real kernel would see. SystemDeviceApi makes the real calls.
#pragma once

#include <cstddef>
#include <string>

namespace s1 {

class DeviceApi
{
public:
    virtual ~DeviceApi() = default;

    // Each call returns -errno on failure rather than leaving it in errno, so that a fake needs
    // no global state and a driver cannot read a stale errno.

    // open(2): a file descriptor or -errno.
    virtual int open(const std::string &path, int flags) = 0;
    // close(2): 0 or -errno.
    virtual int close(int fd) = 0;
    // ioctl(2): the call's non-negative result or -errno.
    virtual int ioctl(int fd, unsigned long request, void *arg) = 0;
    // read(2): bytes read (0 at end of file) or -errno.
    virtual long read(int fd, void *buffer, std::size_t size) = 0;
    // poll(2) on one descriptor: the returned events (0 when none before the timeout) or -errno.
    virtual int poll(int fd, short events, int timeoutMs) = 0;
};

class SystemDeviceApi final : public DeviceApi
{
public:
    int open(const std::string &path, int flags) override;
    int close(int fd) override;
    int ioctl(int fd, unsigned long request, void *arg) override;
    long read(int fd, void *buffer, std::size_t size) override;
    int poll(int fd, short events, int timeoutMs) override;
};

// "<strerror text>" for a positive errno value, for the drivers' error messages.
std::string errnoText(int error);

} // namespace s1
