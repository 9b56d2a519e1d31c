// Devices opened while the service still has the rights to, kept for the drivers that open them
// after it gave those rights up (`user`, or the packaged unit's start-up capabilities). chronyd
// opens its reference clocks and the PHCs of `hwtimestamp` as root before it drops root; the
// service does the same (PrivilegedDevices), so that a device only root may open (Debian makes
// /dev/pps0 and /dev/ptp0 root's, mode 0600) works as it does under chronyd.
//
// While retaining, a device opened through this stays open when its user closes it. Afterwards
// every open goes to the system first, so a device the user may open is opened afresh (and one
// that was unplugged and came back is found again); only an open the system refuses for want of
// rights (EACCES, EPERM) gets the retained descriptor of the same path opened with the same
// flags. Closing a retained descriptor keeps it for the next driver: a reload's new engine opens
// its devices again. The drivers share a retained descriptor, as they would share the device.
//
// Thread-safe: the service retains in its main thread, the engine thread opens and closes.
#pragma once

#include "refclock/DeviceApi.h"

#include <mutex>
#include <string>
#include <vector>

namespace s1 {

class RetainedDeviceApi final : public DeviceApi
{
public:
    // `system` makes the calls and must outlive this.
    explicit RetainedDeviceApi(DeviceApi &system);
    ~RetainedDeviceApi() override;
    RetainedDeviceApi(const RetainedDeviceApi &) = delete;
    RetainedDeviceApi &operator=(const RetainedDeviceApi &) = delete;

    // Whether the devices opened from now on are retained.
    void setRetaining(bool retaining);
    // The paths of the retained devices, each once, in the order they were opened.
    std::vector<std::string> retainedPaths() const;
    // How many opens got a retained descriptor because the system refused them.
    std::uint64_t handedOver() const;

    int open(const std::string &path, int flags) override;
    int close(int fd) override;
    int ioctl(int fd, unsigned long request, void *arg) override;
    long read(int fd, void *buffer, std::size_t size) override;
    int poll(int fd, short events, int timeoutMs) override;

private:
    struct Retained
    {
        std::string path;
        int flags = 0;
        int fd = -1;
    };

    const Retained *find(const std::string &path, int flags) const;
    bool isRetained(int fd) const;

    DeviceApi &m_system;
    mutable std::mutex m_mutex;
    bool m_retaining = false;
    std::vector<Retained> m_retained;
    std::uint64_t m_handedOver = 0;
};

} // namespace s1
