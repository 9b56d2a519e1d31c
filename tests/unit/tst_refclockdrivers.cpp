// Every refclock driver through the one interface a host uses (RefClockDriverInterface), with
// fake devices: PPS pulses from a model kernel, NMEA samples from a fake byte source, and for
// each driver what a device that cannot be opened looks like (fault, status, reopen, fd); then
// the list the hosts run (RefClockDevices) reopening a serial port that went away.
#include "NmeaText.h"
#include "host/RefClockDevices.h"
#include "refclock/DeviceApi.h"
#include "refclock/NmeaRefClockDriver.h"
#include "refclock/RefClockDriverFactory.h"
#include "refclock/ShmSegmentApi.h"

#include <QtTest>

#include <linux/pps.h>

#include <cerrno>
#include <deque>

using namespace s1;
using namespace std::chrono_literals;

namespace {

constexpr int kFakeFd = 7;
const RealTime kStart = realTimeFromNanos(1'700'000'000'000'000'000);

// A PPS kernel with one device, /dev/pps0, whose assert edge moves on with edge().
class FakePps final : public DeviceApi
{
public:
    bool exists = true;
    pps_kparams params{};
    pps_kinfo info{};

    FakePps()
    {
        params.api_version = PPS_API_VERS;
        params.mode = PPS_CAPTUREASSERT | PPS_TSFMT_TSPEC;
    }
    void edge(RealTime t)
    {
        const std::int64_t ns = nanosSinceEpoch(t);
        ++info.assert_sequence;
        info.assert_tu.sec = ns / 1'000'000'000;
        info.assert_tu.nsec = static_cast<std::int32_t>(ns % 1'000'000'000);
    }
    int open(const std::string &path, int) override { return exists && path == "/dev/pps0" ? kFakeFd : -ENOENT; }
    int close(int) override { return 0; }
    int ioctl(int, unsigned long request, void *arg) override
    {
        switch (request) {
        case PPS_GETCAP:
            *static_cast<int *>(arg) = PPS_CAPTUREBOTH | PPS_TSFMT_TSPEC | PPS_CANWAIT;
            return 0;
        case PPS_GETPARAMS:
            *static_cast<pps_kparams *>(arg) = params;
            return 0;
        case PPS_SETPARAMS:
            params = *static_cast<const pps_kparams *>(arg);
            return 0;
        case PPS_FETCH: {
            auto &data = *static_cast<pps_fdata *>(arg);
            info.current_mode = params.mode;
            data.info = info;
            return 0;
        }
        default:
            return -ENOTTY;
        }
    }
    long read(int, void *, std::size_t) override { return -EINVAL; }
    int poll(int, short, int) override { return -EINVAL; }
};

class NoShm final : public ShmSegmentApi
{
public:
    int get(key_t, std::size_t, int) override { return -ENOENT; }
    int attach(int, void *&) override { return -EINVAL; }
    int detach(void *) override { return 0; }
    void barrier() override { }
};

// A serial port in memory: bytes queued by the test, read by the driver; it can be unplugged.
class FakeSerial final : public ByteSource
{
public:
    struct Line
    {
        bool present = true;
        bool open = false;
        int opens = 0;
        std::deque<std::uint8_t> bytes;
        void write(const std::string &s) { bytes.insert(bytes.end(), s.begin(), s.end()); }
    };
    explicit FakeSerial(Line &line)
        : m_line(line)
    { }
    bool open(const std::string &, int, std::string &error) override
    {
        if (!m_line.present) {
            error = std::strerror(ENOENT);
            return false;
        }
        ++m_line.opens;
        return m_line.open = true;
    }
    void close() override { m_line.open = false; }
    bool isOpen() const override { return m_line.open; }
    int fd() const override { return m_line.open ? kFakeFd : -1; }
    std::optional<std::size_t> read(std::span<std::uint8_t> buffer, std::string &error) override
    {
        if (!m_line.present) {
            error = "hung up";
            return std::nullopt;
        }
        std::size_t n = 0;
        while (n < buffer.size() && !m_line.bytes.empty()) {
            buffer[n++] = m_line.bytes.front();
            m_line.bytes.pop_front();
        }
        return n;
    }

private:
    Line &m_line;
};

RefClockConfig config(RefClockDriver driver, std::string parameter)
{
    RefClockConfig c;
    c.driver = driver;
    c.parameter = std::move(parameter);
    c.baudRate = 9600;
    return c;
}

std::string rmc(int second)
{
    char body[96];
    std::snprintf(body, sizeof body, "GPRMC,1200%02d.00,A,4807.038,N,01131.000,E,0.0,0.0,010627,,,A", second);
    return s1::test::nmea(body);
}

} // namespace

class TestRefClockDrivers : public QObject
{
    Q_OBJECT
private slots:
    void everyDriverSaysWhyItCannotOpen();
    void ppsPulsesReachTheSink();
    void nmeaSamplesReachTheSinkAtTheEndOfABurst();
    void nmeaPortThatGoesAwayIsReopened();
};

void TestRefClockDrivers::everyDriverSaysWhyItCannotOpen()
{
    FakePps noPps;
    noPps.exists = false;
    NoShm noShm;
    FakeSerial::Line unplugged;
    unplugged.present = false;
    RefClockSeams seams;
    seams.devices = &noPps;
    seams.shm = &noShm;
    seams.serial = [&](const RefClockConfig &) { return std::make_unique<FakeSerial>(unplugged); };
    struct Case
    {
        RefClockConfig config;
        std::string says;
    };
    RefClockConfig shm = config(RefClockDriver::Shm, "0");
    const std::vector<Case> cases = {
        {config(RefClockDriver::Pps, "/dev/pps0"), "/dev/pps0"},
        {config(RefClockDriver::Phc, "/dev/ptp0"), "/dev/ptp0"},
        {shm, "SHM"},
        {config(RefClockDriver::Sock, "/nonexistent/dir/gps.sock"), "/nonexistent/dir/gps.sock"},
        {config(RefClockDriver::Nmea, "/dev/ttyGPS"), "cannot open /dev/ttyGPS: " + std::string(std::strerror(ENOENT))},
    };
    for (const Case &c : cases) {
        const auto driver = makeRefClockDriver(c.config, seams, {});
        QVERIFY(driver);
        QVERIFY(!driver->open(kStart));
        QVERIFY(!driver->isOpen());
        QCOMPARE(driver->fd(), -1);
        const RefClockDriverStatus status = driver->status();
        QVERIFY2(status.fault, status.text.c_str());
        QVERIFY2(status.text.find(c.says) != std::string::npos, status.text.c_str());
        QVERIFY(driver->reopenInterval() > 0s);
    }
    QVERIFY(!makeRefClockDriver(config(RefClockDriver::Rtc, "/dev/rtc0"), seams, {}));
}

void TestRefClockDrivers::ppsPulsesReachTheSink()
{
    FakePps kernel;
    RefClockSeams seams;
    seams.devices = &kernel;
    std::vector<RefClockPulse> pulses;
    const auto driver = makeRefClockDriver(config(RefClockDriver::Pps, "/dev/pps0"), seams,
                                           {{}, [&](const RefClockPulse &p) { pulses.push_back(p); }});
    QVERIFY2(driver->open(kStart), driver->status().text.c_str());
    QVERIFY(driver->polled());
    QCOMPARE(driver->fd(), -1); // read on the poll timer, no fd
    for (int k = 1; k <= 3; ++k) {
        kernel.edge(kStart + k * 1s);
        driver->poll(kStart + k * 1s + 100ms);
    }
    QCOMPARE(pulses.size(), std::size_t{3});
    QCOMPARE(pulses.back().receiveTime, kStart + 3s);
    QVERIFY(!driver->status().fault);
    QCOMPARE(driver->ppsStatus()->pulseCount, std::uint64_t{3});
}

void TestRefClockDrivers::nmeaSamplesReachTheSinkAtTheEndOfABurst()
{
    FakeSerial::Line line;
    std::vector<RefClockSample> samples;
    NmeaRefClockDriver driver(config(RefClockDriver::Nmea, "/dev/ttyGPS"), std::make_unique<FakeSerial>(line),
                              {[&](const RefClockSample &s) { samples.push_back(s); }, {}});
    QVERIFY(driver.open(kStart));
    QCOMPARE(driver.fd(), kFakeFd);
    QVERIFY(!driver.polled());
    // Three 1 Hz bursts; the first burst's time is not trusted (it may have started earlier).
    for (int k = 0; k < 3; ++k) {
        const RealTime at = kStart + (k + 1) * 1s;
        line.write(rmc(k));
        driver.readable(at);
        const auto due = driver.deadline();
        QVERIFY(due && *due > at && *due < at + 1s);
        driver.poll(*due);
    }
    QCOMPARE(samples.size(), std::size_t{2});
    QCOMPARE(samples.back().referenceTime - samples.front().referenceTime, Nanoseconds(1s));
    QCOMPARE(samples.back().precision, NmeaRefClockDriver::kSerialPrecision);
    const RefClockDriverStatus status = driver.status();
    QVERIFY2(!status.fault && status.text == "reading /dev/ttyGPS at 9600 baud, 3 messages", status.text.c_str());
    QCOMPARE(driver.gpsStatus(kStart + 4s)->sentenceCounts.at("GPRMC"), std::uint64_t{3});
    // Silence: the driver asks to be polled when the port has been quiet too long, and says so.
    const auto silent = driver.deadline();
    QVERIFY(silent);
    driver.poll(*silent);
    QVERIFY2(driver.status().fault && driver.status().text.starts_with("no data from /dev/ttyGPS"),
             driver.status().text.c_str());
}

void TestRefClockDrivers::nmeaPortThatGoesAwayIsReopened()
{
    FakeSerial::Line line;
    RefClockSeams seams;
    seams.serial = [&](const RefClockConfig &) { return std::make_unique<FakeSerial>(line); };
    std::vector<RefClockSample> samples;
    RefClockDevices devices(
        {config(RefClockDriver::Nmea, "/dev/ttyGPS")}, seams,
        [&](std::size_t index, const RefClockSample &s) {
            QCOMPARE(index, std::size_t{0});
            samples.push_back(s);
        },
        [](std::size_t, const RefClockPulse &) {});
    devices.start(kStart);
    QCOMPARE(devices.fds(), std::vector<int>{kFakeFd});
    QVERIFY(!devices.fault(0));
    const std::uint64_t generation = devices.fdGeneration();

    line.present = false; // unplugged: the next read fails
    devices.readable(kFakeFd, kStart + 1s);
    QVERIFY(devices.fds().empty());
    QVERIFY(devices.fdGeneration() != generation);
    QVERIFY2(devices.fault(0) && devices.status(0).find("is gone") != std::string::npos, devices.status(0).c_str());
    const std::vector<std::string> reports = devices.takeFaultReports();
    QCOMPARE(reports.size(), std::size_t{1});
    QVERIFY2(reports.front().find("trying again every 2 s") != std::string::npos, reports.front().c_str());
    QCOMPARE(devices.nextWakeup(), std::optional<RealTime>(kStart + 1s + NmeaRefClockDriver::kReopenInterval));

    line.present = true;
    devices.timeout(kStart + 1s + NmeaRefClockDriver::kReopenInterval);
    QCOMPARE(line.opens, 2);
    QCOMPARE(devices.fds(), std::vector<int>{kFakeFd});
    for (int k = 0; k < 2; ++k) {
        line.write(rmc(10 + k));
        const RealTime at = kStart + (4 + k) * 1s;
        devices.readable(kFakeFd, at);
        devices.timeout(*devices.nextWakeup());
    }
    QCOMPARE(samples.size(), std::size_t{1});
    QVERIFY(!devices.fault(0));
    QVERIFY(devices.gpsStatus(kStart + 6s));
}

QTEST_GUILESS_MAIN(TestRefClockDrivers)
#include "tst_refclockdrivers.moc"
