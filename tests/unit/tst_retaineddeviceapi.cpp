// RetainedDeviceApi: devices opened before the privilege drop serve the drivers that may no
// longer open them, and only those; against a fake system whose devices are root's or not.
#include "refclock/RetainedDeviceApi.h"

#include <QtTest>

#include <fcntl.h>

#include <cerrno>
#include <map>
#include <set>

using namespace s1;

namespace {

constexpr int kFirstFd = 10;
constexpr int kPpsFlags = O_RDWR | O_CLOEXEC;
constexpr int kPhcFlags = O_RDONLY | O_NONBLOCK | O_CLOEXEC;

class FakeSystem final : public DeviceApi
{
public:
    bool root = true;
    std::set<std::string> rootOnly{"/dev/pps0", "/dev/ptp0"};
    std::set<std::string> present{"/dev/pps0", "/dev/ptp0", "/dev/pps1"};
    std::set<int> openFds;
    std::vector<int> closed;
    int ioctlFd = -1;

    int open(const std::string &path, int) override
    {
        if (!present.count(path))
            return -ENOENT;
        if (!root && rootOnly.count(path))
            return -EACCES;
        const int fd = m_next++;
        openFds.insert(fd);
        return fd;
    }
    int close(int fd) override
    {
        closed.push_back(fd);
        return openFds.erase(fd) ? 0 : -EBADF;
    }
    int ioctl(int fd, unsigned long, void *) override
    {
        ioctlFd = fd;
        return openFds.count(fd) ? 0 : -EBADF;
    }
    long read(int fd, void *, std::size_t) override { return openFds.count(fd) ? 0 : -EBADF; }
    int poll(int fd, short, int) override { return openFds.count(fd) ? 0 : -EBADF; }

private:
    int m_next = kFirstFd;
};

} // namespace

class TestRetainedDeviceApi : public QObject
{
    Q_OBJECT
private slots:
    void retainedDescriptorServesARefusedOpen();
    void onlyWantOfRightsFallsBack();
    void freshOpenComesFirst();
    void sharedWhileRetaining();
    void closesWhatItRetainedAtTheEnd();
};

void TestRetainedDeviceApi::retainedDescriptorServesARefusedOpen()
{
    FakeSystem system;
    RetainedDeviceApi devices(system);
    devices.setRetaining(true);
    const int fd = devices.open("/dev/pps0", kPpsFlags);
    QCOMPARE(fd, kFirstFd);
    QCOMPARE(devices.close(fd), 0); // the driver is done with it; the device stays open
    devices.setRetaining(false);
    QVERIFY(system.closed.empty());
    QCOMPARE(devices.retainedPaths(), std::vector<std::string>{"/dev/pps0"});

    system.root = false;
    const int again = devices.open("/dev/pps0", kPpsFlags);
    QCOMPARE(again, fd);
    QCOMPARE(devices.handedOver(), std::uint64_t(1));
    QCOMPARE(devices.ioctl(again, 0, nullptr), 0);
    QCOMPARE(system.ioctlFd, fd);
    // A reload's engine closes and opens it again.
    QCOMPARE(devices.close(again), 0);
    QCOMPARE(devices.open("/dev/pps0", kPpsFlags), fd);
    QVERIFY(system.closed.empty());
}

void TestRetainedDeviceApi::onlyWantOfRightsFallsBack()
{
    FakeSystem system;
    RetainedDeviceApi devices(system);
    devices.setRetaining(true);
    QVERIFY(devices.open("/dev/pps0", kPpsFlags) >= 0);
    devices.setRetaining(false);
    system.root = false;
    // Other flags (a PHC opened read-only and non-blocking) are not what was retained.
    QCOMPARE(devices.open("/dev/pps0", kPhcFlags), -EACCES);
    // A device not retained stays refused.
    QCOMPARE(devices.open("/dev/ptp0", kPhcFlags), -EACCES);
    // A device that is gone is gone: the error is the system's.
    system.present.erase("/dev/pps0");
    QCOMPARE(devices.open("/dev/pps0", kPpsFlags), -ENOENT);
    QCOMPARE(devices.handedOver(), std::uint64_t(0));
}

void TestRetainedDeviceApi::freshOpenComesFirst()
{
    FakeSystem system;
    system.rootOnly.erase("/dev/pps0"); // given to the user's group
    RetainedDeviceApi devices(system);
    devices.setRetaining(true);
    const int retained = devices.open("/dev/pps0", kPpsFlags);
    devices.setRetaining(false);
    system.root = false;
    const int fresh = devices.open("/dev/pps0", kPpsFlags);
    QVERIFY(fresh >= 0);
    QVERIFY(fresh != retained);
    QCOMPARE(devices.close(fresh), 0);
    QCOMPARE(system.closed, std::vector<int>{fresh}); // a fresh one is really closed
    QCOMPARE(devices.handedOver(), std::uint64_t(0));
}

void TestRetainedDeviceApi::sharedWhileRetaining()
{
    // A PHC refclock and `hwtimestamp` on the same card's clock: one descriptor.
    FakeSystem system;
    RetainedDeviceApi devices(system);
    devices.setRetaining(true);
    const int first = devices.open("/dev/ptp0", kPhcFlags);
    QCOMPARE(devices.open("/dev/ptp0", kPhcFlags), first);
    QVERIFY(devices.open("/dev/pps1", kPpsFlags) != first);
    QCOMPARE(devices.open("/dev/missing", kPpsFlags), -ENOENT);
    devices.setRetaining(false);
    QCOMPARE(devices.retainedPaths(), (std::vector<std::string>{"/dev/ptp0", "/dev/pps1"}));
    QCOMPARE(system.openFds.size(), std::size_t(2));
}

void TestRetainedDeviceApi::closesWhatItRetainedAtTheEnd()
{
    FakeSystem system;
    {
        RetainedDeviceApi devices(system);
        devices.setRetaining(true);
        devices.open("/dev/pps0", kPpsFlags);
        devices.open("/dev/ptp0", kPhcFlags);
        devices.setRetaining(false);
    }
    QVERIFY(system.openFds.empty());
    QCOMPARE(system.closed.size(), std::size_t(2));
}

QTEST_APPLESS_MAIN(TestRetainedDeviceApi)
#include "tst_retaineddeviceapi.moc"
