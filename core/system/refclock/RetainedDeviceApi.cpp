#include "refclock/RetainedDeviceApi.h"

#include <algorithm>
#include <cerrno>

namespace s1 {

RetainedDeviceApi::RetainedDeviceApi(DeviceApi &system)
    : m_system(system)
{ }

RetainedDeviceApi::~RetainedDeviceApi()
{
    for (const Retained &r : m_retained)
        m_system.close(r.fd);
}

void RetainedDeviceApi::setRetaining(bool retaining)
{
    const std::lock_guard lock(m_mutex);
    m_retaining = retaining;
}

std::vector<std::string> RetainedDeviceApi::retainedPaths() const
{
    const std::lock_guard lock(m_mutex);
    std::vector<std::string> paths;
    for (const Retained &r : m_retained)
        if (std::find(paths.begin(), paths.end(), r.path) == paths.end())
            paths.push_back(r.path);
    return paths;
}

std::uint64_t RetainedDeviceApi::handedOver() const
{
    const std::lock_guard lock(m_mutex);
    return m_handedOver;
}

const RetainedDeviceApi::Retained *RetainedDeviceApi::find(const std::string &path, int flags) const
{
    const auto it = std::find_if(m_retained.begin(), m_retained.end(),
                                 [&](const Retained &r) { return r.path == path && r.flags == flags; });
    return it == m_retained.end() ? nullptr : &*it;
}

bool RetainedDeviceApi::isRetained(int fd) const
{
    return std::any_of(m_retained.begin(), m_retained.end(), [fd](const Retained &r) { return r.fd == fd; });
}

int RetainedDeviceApi::open(const std::string &path, int flags)
{
    const std::lock_guard lock(m_mutex);
    if (m_retaining) {
        // A second driver of the same device shares the first one's descriptor.
        if (const Retained *r = find(path, flags))
            return r->fd;
        const int fd = m_system.open(path, flags);
        if (fd >= 0)
            m_retained.push_back({path, flags, fd});
        return fd;
    }
    const int fd = m_system.open(path, flags);
    if (fd >= 0 || (fd != -EACCES && fd != -EPERM))
        return fd;
    const Retained *r = find(path, flags);
    if (!r)
        return fd;
    ++m_handedOver;
    return r->fd;
}

int RetainedDeviceApi::close(int fd)
{
    const std::lock_guard lock(m_mutex);
    if (isRetained(fd))
        return 0;
    return m_system.close(fd);
}

int RetainedDeviceApi::ioctl(int fd, unsigned long request, void *arg)
{
    return m_system.ioctl(fd, request, arg);
}

long RetainedDeviceApi::read(int fd, void *buffer, std::size_t size)
{
    return m_system.read(fd, buffer, size);
}

int RetainedDeviceApi::poll(int fd, short events, int timeoutMs)
{
    return m_system.poll(fd, events, timeoutMs);
}

} // namespace s1
