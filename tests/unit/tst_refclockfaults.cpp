// A refclock device that cannot be opened (a `refclock PPS /dev/pps0` with no such device) is
// retried every RefClockDevices::kReopenInterval; the log hears about it once, not at every
// retry, and again only when it changes; the snapshot's source is marked as faulty.
#include "host/RefClockDevices.h"
#include "refclock/DeviceApi.h"

#include <QtTest>

#include <cerrno>

using namespace s1;
using namespace std::chrono_literals;

namespace {

// A kernel without the device: every open fails with ENOENT.
class MissingDevice final : public DeviceApi
{
public:
    int opens = 0;
    int open(const std::string &, int) override
    {
        ++opens;
        return -ENOENT;
    }
    int close(int) override { return 0; }
    int ioctl(int, unsigned long, void *) override { return -ENOTTY; }
    long read(int, void *, std::size_t) override { return -EIO; }
    int poll(int, short, int) override { return 0; }
};

} // namespace

class TestRefClockFaults : public QObject
{
    Q_OBJECT

private slots:
    void missingDeviceIsReportedOnce();
};

void TestRefClockFaults::missingDeviceIsReportedOnce()
{
    RefClockConfig pps;
    pps.driver = RefClockDriver::Pps;
    pps.parameter = "/dev/pps0";
    MissingDevice kernel;
    RefClockDevices devices(
        {pps}, RefClockSeams{&kernel, nullptr, {}}, [](std::size_t, const RefClockSample &) {},
        [](std::size_t, const RefClockPulse &) {});
    const RealTime start = realTimeFromNanos(1'700'000'000'000'000'000);
    devices.start(start);
    QVERIFY(devices.fault(0));
    QVERIFY2(devices.status(0).find("/dev/pps0: no such device") != std::string::npos, devices.status(0).c_str());
    std::vector<std::string> reports = devices.takeFaultReports();
    QCOMPARE(reports.size(), std::size_t{1});
    QVERIFY2(reports.front().find("/dev/pps0: no such device") != std::string::npos, reports.front().c_str());

    // Retried as promised, and silent about it.
    constexpr int kRetries = 5;
    for (int i = 1; i <= kRetries; ++i) {
        devices.timeout(start + i * (RefClockDevices::kReopenInterval + 1s));
        QVERIFY(devices.takeFaultReports().empty());
    }
    QCOMPARE(kernel.opens, 1 + kRetries);
    QVERIFY(devices.fault(0));
}

QTEST_MAIN(TestRefClockFaults)
#include "tst_refclockfaults.moc"
