// PpsDevice against a model of the Linux PPS character device (FakePpsKernel): the driver's
// real PPS_* ioctl requests and linux/pps.h structs are interpreted as drivers/pps/pps.c does
// (capability checks on SETPARAMS, CAP_SYS_TIME, the read-only bits the kernel adds, FETCH
// timeouts); only the system call is faked.
#include "refclock/DeviceApi.h"
#include "refclock/PpsDevice.h"

#include <QtTest>

#include <linux/pps.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <deque>
#include <fcntl.h>
#include <limits>
#include <vector>

using namespace s1;

namespace {

constexpr std::int64_t kStartNs = 1'700'000'000LL * kNanosPerSecond; // 2023-11-14
constexpr int kFakeFd = 7;
const std::string kPath = "/dev/pps0";
// What pps-gpio and pps-ldisc register: both edges, offsets, echo, waiting, timespec.
constexpr int kFullCapabilities = PPS_CAPTUREBOTH | PPS_OFFSETASSERT | PPS_OFFSETCLEAR | PPS_ECHOASSERT | PPS_ECHOCLEAR
                                  | PPS_CANWAIT | PPS_TSFMT_TSPEC;

pps_ktime ktime(std::int64_t ns)
{
    pps_ktime t{};
    t.sec = ns / kNanosPerSecond;
    t.nsec = static_cast<std::int32_t>(ns % kNanosPerSecond);
    return t;
}

struct Edge
{
    PpsEdge edge;
    std::int64_t timeNs;
};

class FakePpsKernel : public DeviceApi
{
public:
    // Model state, public so that tests can preset and inspect it.
    bool exists = true;
    int openError = 0;       // errno for open(), when set
    bool isPpsDevice = true; // false: a character device that knows no PPS ioctl
    bool privileged = true;  // CAP_SYS_TIME
    bool vanished = false;   // the source was unregistered: every ioctl gives ENODEV
    int capabilities = kFullCapabilities;
    pps_kparams params{};
    pps_kinfo info{};
    // Edges that arrive while a FETCH with a timeout waits, one per call.
    std::deque<Edge> arriveDuringWait;

    // What the driver did.
    int openFlags = 0;
    int opens = 0;
    int closes = 0;
    std::vector<unsigned long> requests;
    std::vector<pps_kparams> setParams;
    std::vector<pps_ktime> fetchTimeouts;

    FakePpsKernel()
    {
        params.api_version = PPS_API_VERS;
        params.mode = PPS_CAPTUREASSERT | PPS_TSFMT_TSPEC | PPS_CANWAIT;
    }

    void edge(PpsEdge which, std::int64_t timeNs)
    {
        if (which == PpsEdge::Assert) {
            ++info.assert_sequence;
            info.assert_tu = ktime(timeNs);
        } else {
            ++info.clear_sequence;
            info.clear_tu = ktime(timeNs);
        }
    }

    int open(const std::string &path, int flags) override
    {
        openFlags = flags;
        if (openError)
            return -openError;
        if (path != kPath || !exists)
            return -ENOENT;
        ++opens;
        return kFakeFd;
    }

    int close(int fd) override
    {
        if (fd != kFakeFd)
            return -EBADF;
        ++closes;
        return 0;
    }

    int ioctl(int fd, unsigned long request, void *arg) override
    {
        requests.push_back(request);
        if (fd != kFakeFd)
            return -EBADF;
        if (!isPpsDevice)
            return -ENOTTY;
        if (vanished)
            return -ENODEV;
        switch (request) {
        case PPS_GETCAP:
            *static_cast<int *>(arg) = capabilities;
            return 0;
        case PPS_GETPARAMS:
            *static_cast<pps_kparams *>(arg) = params;
            return 0;
        case PPS_SETPARAMS:
            return setParameters(*static_cast<const pps_kparams *>(arg));
        case PPS_FETCH:
            return fetch(*static_cast<pps_fdata *>(arg));
        default:
            return -ENOTTY;
        }
    }

    long read(int, void *, std::size_t) override { return -EINVAL; }
    int poll(int, short, int) override { return -EINVAL; }

private:
    int setParameters(const pps_kparams &asked)
    {
        setParams.push_back(asked);
        if (!privileged)
            return -EPERM;
        if (!(asked.mode & PPS_CAPTUREBOTH) || (asked.mode & ~capabilities))
            return -EINVAL;
        params = asked;
        if (!(params.mode & (PPS_TSFMT_TSPEC | PPS_TSFMT_NTPFP)))
            params.mode |= PPS_TSFMT_TSPEC;
        if (capabilities & PPS_CANWAIT)
            params.mode |= PPS_CANWAIT;
        params.api_version = PPS_API_VERS;
        return 0;
    }

    int fetch(pps_fdata &data)
    {
        fetchTimeouts.push_back(data.timeout);
        // A test must never block for ever: the model refuses what the kernel would honour.
        if (data.timeout.flags & PPS_TIME_INVALID)
            return -EDEADLK;
        const bool waits = data.timeout.sec > 0 || data.timeout.nsec > 0;
        if (waits) {
            if (arriveDuringWait.empty())
                return -ETIMEDOUT;
            edge(arriveDuringWait.front().edge, arriveDuringWait.front().timeNs);
            arriveDuringWait.pop_front();
        }
        info.current_mode = params.mode;
        data.info = info;
        return 0;
    }
};

// A deterministic jitter of a few microseconds around the second (ns).
std::int64_t jitterNs(int k)
{
    constexpr int kSpread = 11;
    constexpr std::int64_t kStepNs = 700;
    return ((k * 37) % kSpread - kSpread / 2) * kStepNs;
}

} // namespace

class TestPpsDevice : public QObject
{
    Q_OBJECT

private slots:
    void missingDeviceIsExplained_data();
    void missingDeviceIsExplained();
    void notAPpsDevice();
    void capabilityRefusal_data();
    void capabilityRefusal();
    void paramsSetForTheEdge_data();
    void paramsSetForTheEdge();
    void setParamsNeedsPrivilege();
    void pulsesWithJitterInOrder_data();
    void pulsesWithJitterInOrder();
    void edgeFromBeforeOpenIsNotDelivered();
    void noNewPulse();
    void sequenceGapsCountedAsMissed();
    void sequenceWrapIsNotAGap();
    void waitingFetchUsesTheTimeout();
    void deviceVanishes();
};

void TestPpsDevice::missingDeviceIsExplained_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ENOENT") << ENOENT << "no such device";
    QTest::newRow("EACCES") << EACCES << "permission denied";
}

void TestPpsDevice::missingDeviceIsExplained()
{
    QFETCH(int, error);
    QFETCH(QString, expected);
    FakePpsKernel kernel;
    kernel.openError = error;
    PpsDevice device(kernel, kPath);
    QVERIFY(!device.open());
    QVERIFY(!device.isOpen());
    const QString message = QString::fromStdString(device.lastError());
    QVERIFY2(message.startsWith(QString::fromStdString(kPath)), qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message));
    QCOMPARE(device.status().errorCount, 1u);
    QVERIFY(kernel.requests.empty());
    QVERIFY(!device.fetch().has_value());
    QVERIFY(QString::fromStdString(device.lastError()).contains("not open"));
}

void TestPpsDevice::notAPpsDevice()
{
    FakePpsKernel kernel;
    kernel.isPpsDevice = false;
    PpsDevice device(kernel, kPath);
    QVERIFY(!device.open());
    QVERIFY2(QString::fromStdString(device.lastError()).contains("not a PPS device"), device.lastError().c_str());
    QCOMPARE(kernel.closes, 1);
}

void TestPpsDevice::capabilityRefusal_data()
{
    QTest::addColumn<int>("capabilities");
    QTest::addColumn<bool>("clearEdge");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no clear capture") << (kFullCapabilities & ~PPS_CAPTURECLEAR) << true
                                      << "cannot capture clear edges";
    QTest::newRow("no assert capture") << (kFullCapabilities & ~PPS_CAPTUREASSERT) << false
                                       << "cannot capture assert edges";
    QTest::newRow("cannot wait") << (kFullCapabilities & ~PPS_CANWAIT) << false << "PPS_CANWAIT";
}

void TestPpsDevice::capabilityRefusal()
{
    QFETCH(int, capabilities);
    QFETCH(bool, clearEdge);
    QFETCH(QString, expected);
    FakePpsKernel kernel;
    kernel.capabilities = capabilities;
    PpsDevice device(kernel, kPath, clearEdge ? PpsEdge::Clear : PpsEdge::Assert);
    QVERIFY(!device.open());
    QVERIFY2(QString::fromStdString(device.lastError()).contains(expected), device.lastError().c_str());
    QVERIFY(kernel.setParams.empty()); // refused before touching the source
    QCOMPARE(kernel.closes, 1);
    QVERIFY(!device.status().open);
}

void TestPpsDevice::paramsSetForTheEdge_data()
{
    QTest::addColumn<bool>("clearEdge");
    QTest::newRow("assert") << false;
    QTest::newRow("clear") << true;
}

void TestPpsDevice::paramsSetForTheEdge()
{
    QFETCH(bool, clearEdge);
    const PpsEdge edge = clearEdge ? PpsEdge::Clear : PpsEdge::Assert;
    FakePpsKernel kernel;
    // Someone captured the other edge in NTP format, with an offset and echo of their own.
    kernel.params.mode =
        (clearEdge ? PPS_CAPTUREASSERT : PPS_CAPTURECLEAR) | PPS_OFFSETASSERT | PPS_ECHOCLEAR | PPS_CANWAIT;
    kernel.params.assert_off_tu = ktime(1234);
    kernel.params.clear_off_tu = ktime(5678);
    PpsDevice device(kernel, kPath, edge);
    QVERIFY2(device.open(), device.lastError().c_str());
    QVERIFY(device.isOpen());
    QVERIFY(kernel.openFlags & O_RDWR);
    QVERIFY(kernel.openFlags & O_CLOEXEC);

    // GETCAP, then GETPARAMS before SETPARAMS, then the baseline FETCH.
    const std::vector<unsigned long> expectedRequests{PPS_GETCAP, PPS_GETPARAMS, PPS_SETPARAMS, PPS_FETCH};
    QCOMPARE(kernel.requests, expectedRequests);
    QCOMPARE(kernel.setParams.size(), 1u);
    const pps_kparams &set = kernel.setParams.front();
    const int captureBit = clearEdge ? PPS_CAPTURECLEAR : PPS_CAPTUREASSERT;
    QCOMPARE(set.mode, captureBit | PPS_OFFSETASSERT | PPS_ECHOCLEAR | PPS_CANWAIT | PPS_TSFMT_TSPEC);
    QCOMPARE(set.api_version, PPS_API_VERS);
    QCOMPARE(set.assert_off_tu.nsec, 1234);
    QCOMPARE(set.clear_off_tu.nsec, 5678);
    // The model kernel accepted it as is.
    QCOMPARE(kernel.params.mode, set.mode);

    const PpsDeviceStatus status = device.status();
    QCOMPARE(status.device, kPath);
    QVERIFY(status.edge == edge);
    QVERIFY(status.open);
    QVERIFY(status.lastError.empty());
    QCOMPARE(status.errorCount, 0u);
}

void TestPpsDevice::setParamsNeedsPrivilege()
{
    FakePpsKernel kernel;
    kernel.privileged = false;
    PpsDevice device(kernel, kPath);
    QVERIFY(!device.open());
    QVERIFY2(QString::fromStdString(device.lastError()).contains("CAP_SYS_TIME"), device.lastError().c_str());
    QCOMPARE(kernel.closes, 1);
}

void TestPpsDevice::pulsesWithJitterInOrder_data()
{
    QTest::addColumn<bool>("clearEdge");
    QTest::newRow("assert") << false;
    QTest::newRow("clear") << true;
}

void TestPpsDevice::pulsesWithJitterInOrder()
{
    QFETCH(bool, clearEdge);
    const PpsEdge edge = clearEdge ? PpsEdge::Clear : PpsEdge::Assert;
    const PpsEdge other = clearEdge ? PpsEdge::Assert : PpsEdge::Clear;
    constexpr int kPulses = 20;
    constexpr std::int64_t kPulseWidthNs = 100'000'000; // the other edge, 100 ms later

    FakePpsKernel kernel;
    PpsDevice device(kernel, kPath, edge);
    QVERIFY2(device.open(), device.lastError().c_str());

    std::vector<RefClockPulse> pulses;
    for (int k = 1; k <= kPulses; ++k) {
        const std::int64_t onTime = kStartNs + k * kNanosPerSecond + jitterNs(k);
        kernel.edge(edge, onTime);
        if (const auto pulse = device.fetch())
            pulses.push_back(*pulse);
        kernel.edge(other, onTime + kPulseWidthNs);
        // The other edge is no new pulse for this reader.
        QVERIFY(!device.fetch().has_value());
    }

    QCOMPARE(pulses.size(), std::size_t(kPulses));
    for (int k = 1; k <= kPulses; ++k) {
        const RefClockPulse &pulse = pulses[static_cast<std::size_t>(k - 1)];
        QCOMPARE(nanosSinceEpoch(pulse.receiveTime), kStartNs + k * kNanosPerSecond + jitterNs(k));
        QCOMPARE(pulse.sequence, std::uint32_t(k));
    }
    const PpsDeviceStatus status = device.status();
    QCOMPARE(status.pulseCount, std::uint64_t(kPulses));
    QCOMPARE(status.missedPulses, 0u);
    QCOMPARE(status.errorCount, 0u);
    QVERIFY(status.lastPulse == pulses.back().receiveTime);
}

void TestPpsDevice::edgeFromBeforeOpenIsNotDelivered()
{
    FakePpsKernel kernel;
    kernel.edge(PpsEdge::Assert, kStartNs); // an hour-old edge the kernel still holds
    kernel.info.assert_sequence = 41;
    PpsDevice device(kernel, kPath);
    QVERIFY(device.open());
    QVERIFY(!device.fetch().has_value());

    kernel.edge(PpsEdge::Assert, kStartNs + 3600 * kNanosPerSecond);
    const auto pulse = device.fetch();
    QVERIFY(pulse.has_value());
    QCOMPARE(pulse->sequence, 42u);
    QCOMPARE(device.status().missedPulses, 0u);
}

void TestPpsDevice::noNewPulse()
{
    FakePpsKernel kernel;
    PpsDevice device(kernel, kPath);
    QVERIFY(device.open());
    // Nothing captured yet (sequence 0, zero timestamp).
    QVERIFY(!device.fetch().has_value());
    kernel.edge(PpsEdge::Assert, kStartNs);
    QVERIFY(device.fetch().has_value());
    // The same edge again: not a new pulse.
    QVERIFY(!device.fetch().has_value());
    QVERIFY(!device.fetch().has_value());
    const PpsDeviceStatus status = device.status();
    QCOMPARE(status.pulseCount, 1u);
    QCOMPARE(status.errorCount, 0u);
    QVERIFY(status.lastError.empty());
    // Polls use a zero timeout: they must not wait.
    for (const pps_ktime &t : kernel.fetchTimeouts) {
        QCOMPARE(t.sec, 0);
        QCOMPARE(t.nsec, 0);
        QCOMPARE(t.flags, 0u);
    }
}

void TestPpsDevice::sequenceGapsCountedAsMissed()
{
    FakePpsKernel kernel;
    PpsDevice device(kernel, kPath);
    QVERIFY(device.open());
    kernel.edge(PpsEdge::Assert, kStartNs + 1 * kNanosPerSecond);
    QVERIFY(device.fetch().has_value());
    // Three edges while the reader was busy: it sees only the last.
    kernel.edge(PpsEdge::Assert, kStartNs + 2 * kNanosPerSecond);
    kernel.edge(PpsEdge::Assert, kStartNs + 3 * kNanosPerSecond);
    kernel.edge(PpsEdge::Assert, kStartNs + 4 * kNanosPerSecond);
    const auto pulse = device.fetch();
    QVERIFY(pulse.has_value());
    QCOMPARE(nanosSinceEpoch(pulse->receiveTime), kStartNs + 4 * kNanosPerSecond);
    QCOMPARE(pulse->sequence, 4u);
    QCOMPARE(device.status().missedPulses, 2u);
    QCOMPARE(device.status().pulseCount, 2u);
}

void TestPpsDevice::sequenceWrapIsNotAGap()
{
    FakePpsKernel kernel;
    kernel.info.assert_sequence = std::numeric_limits<std::uint32_t>::max() - 1;
    PpsDevice device(kernel, kPath);
    QVERIFY(device.open());
    const std::vector<std::uint32_t> expected{std::numeric_limits<std::uint32_t>::max(), 0, 1};
    for (std::size_t k = 0; k < expected.size(); ++k) {
        kernel.edge(PpsEdge::Assert, kStartNs + static_cast<std::int64_t>(k) * kNanosPerSecond);
        const auto pulse = device.fetch();
        QVERIFY(pulse.has_value());
        QCOMPARE(pulse->sequence, expected[k]);
    }
    QCOMPARE(device.status().missedPulses, 0u);
}

void TestPpsDevice::waitingFetchUsesTheTimeout()
{
    FakePpsKernel kernel;
    PpsDevice device(kernel, kPath);
    QVERIFY(device.open());
    kernel.fetchTimeouts.clear();

    kernel.arriveDuringWait.push_back({PpsEdge::Assert, kStartNs + 5 * kNanosPerSecond});
    const auto pulse = device.fetch(1.5);
    QVERIFY(pulse.has_value());
    QCOMPARE(nanosSinceEpoch(pulse->receiveTime), kStartNs + 5 * kNanosPerSecond);
    QCOMPARE(kernel.fetchTimeouts.back().sec, 1);
    QCOMPARE(kernel.fetchTimeouts.back().nsec, 500'000'000);
    QCOMPARE(kernel.fetchTimeouts.back().flags, 0u);

    // Nothing arrives: the kernel times out, which is no error.
    QVERIFY(!device.fetch(0.25).has_value());
    QCOMPARE(device.status().errorCount, 0u);

    // Nonsense timeouts never ask for an unbounded or a negative wait.
    QVERIFY(!device.fetch(-3.0).has_value());
    QCOMPARE(kernel.fetchTimeouts.back().sec, 0);
    QCOMPARE(kernel.fetchTimeouts.back().nsec, 0);
    QVERIFY(!device.fetch(std::nan("")).has_value());
    QCOMPARE(kernel.fetchTimeouts.back().sec, 0);
    QVERIFY(!device.fetch(1e12).has_value());
    QCOMPARE(kernel.fetchTimeouts.back().sec, static_cast<std::int64_t>(PpsDevice::kMaxFetchTimeout));
    QCOMPARE(kernel.fetchTimeouts.back().nsec, 0);
    QCOMPARE(device.status().errorCount, 0u);
}

void TestPpsDevice::deviceVanishes()
{
    FakePpsKernel kernel;
    PpsDevice device(kernel, kPath);
    QVERIFY(device.open());
    kernel.edge(PpsEdge::Assert, kStartNs);
    QVERIFY(device.fetch().has_value());

    kernel.vanished = true;
    QVERIFY(!device.fetch().has_value());
    PpsDeviceStatus status = device.status();
    QVERIFY(!status.open);
    QVERIFY(!device.isOpen());
    QCOMPARE(status.errorCount, 1u);
    QVERIFY2(QString::fromStdString(status.lastError).contains("vanished"), status.lastError.c_str());
    QVERIFY(QString::fromStdString(status.lastError).contains("No such device"));
    QCOMPARE(kernel.closes, 1);
    // What the view showed before stays.
    QCOMPARE(status.pulseCount, 1u);
    QVERIFY(status.lastPulse == realTimeFromNanos(kStartNs));

    // The source comes back (a new registration): reopening works and clears the error.
    kernel.vanished = false;
    kernel.exists = false;
    QVERIFY(!device.open());
    QVERIFY(QString::fromStdString(device.lastError()).contains("no such device"));
    kernel.exists = true;
    QVERIFY(device.open());
    QVERIFY(device.lastError().empty());
    kernel.edge(PpsEdge::Assert, kStartNs + kNanosPerSecond);
    QVERIFY(device.fetch().has_value());
    QCOMPARE(device.status().pulseCount, 2u);
}

QTEST_GUILESS_MAIN(TestPpsDevice)
#include "tst_ppsdevice.moc"
