// The serial GPS driver over a pseudo-terminal (issue 11, items 16 and 19): a healthy stream
// with large UBX frames and RTCM 3 is not "wrong baud rate?", damaged frames are reported as
// bad checksums, each epoch gives one sample once its burst is over, and a port that cannot
// be opened says why instead of "No error".
#include "NmeaText.h"
#include "clock/HostClock.h"
#include "gps/Rtcm3Frame.h"
#include "gps/UbxFrame.h"
#include "refclock/NmeaRefClockDriver.h"
#include "refclock/TtyByteSource.h"

#include <QtTest>

#include <poll.h>
#include <pty.h>
#include <unistd.h>

#include <functional>

#include <cerrno>
#include <random>

using namespace s1;
using s1::test::nmea;

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr int kWaitMs = 5000; // generous: the driver answers within a burst gap (0.1 s)

Bytes binaryPayload(std::size_t size, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    Bytes p(size);
    for (auto &b : p) {
        do
            b = static_cast<std::uint8_t>(rng());
        while (b == UbxFrame::kSync1 || b == Rtcm3Frame::kPreamble || b == '$');
    }
    return p;
}

RefClockConfig configFor(const std::string &path)
{
    RefClockConfig c;
    c.driver = RefClockDriver::Nmea;
    c.parameter = path;
    c.baudRate = 115200;
    return c;
}

// The serial driver as a host runs it: read when its fd is readable, polled at its deadline.
class SerialClock
{
public:
    explicit SerialClock(const RefClockConfig &config, std::function<void(const RefClockSample &)> sink = {})
        : m_driver(config, std::make_unique<TtyByteSource>(), {std::move(sink), {}})
    {
        m_driver.open(readRealTimeClock());
    }
    NmeaRefClockDriver &driver() { return m_driver; }
    bool isOpen() const { return m_driver.isOpen(); }
    std::string status() const { return m_driver.status().text; }
    GpsStatus gpsStatus() const { return *m_driver.gpsStatus(readRealTimeClock()); }
    // Runs the driver for up to `ms` milliseconds or until `done`; returns done().
    bool runUntil(const std::function<bool()> &done, int ms)
    {
        const RealTime end = readRealTimeClock() + std::chrono::milliseconds(ms);
        for (;;) {
            if (done())
                return true;
            const RealTime now = readRealTimeClock();
            if (now >= end)
                return false;
            RealTime wake = end;
            if (const auto due = m_driver.deadline(); due && *due < wake)
                wake = *due;
            pollfd fd{m_driver.fd(), POLLIN, 0};
            const int waitMs = static_cast<int>(std::max<std::int64_t>(
                0, std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count() + 1));
            const int n = ::poll(&fd, 1, waitMs);
            if (n > 0 && (fd.revents & POLLIN))
                m_driver.readable(readRealTimeClock());
            if (const auto due = m_driver.deadline(); due && readRealTimeClock() >= *due)
                m_driver.poll(readRealTimeClock());
        }
    }
    void run(int ms)
    {
        runUntil([] { return false; }, ms);
    }

private:
    NmeaRefClockDriver m_driver;
};

class Pty
{
public:
    Pty()
    {
        char name[128] = {};
        if (::openpty(&m_master, &m_slave, name, nullptr, nullptr) != 0)
            qFatal("openpty failed");
        m_name = name;
    }
    ~Pty()
    {
        ::close(m_master);
        ::close(m_slave);
    }
    const std::string &name() const { return m_name; }
    void write(const Bytes &bytes) const
    {
        std::size_t at = 0;
        while (at < bytes.size()) {
            const ssize_t n = ::write(m_master, bytes.data() + at, bytes.size() - at);
            if (n <= 0)
                qFatal("pty write failed");
            at += std::size_t(n);
        }
    }
    void write(const std::string &s) const { write(Bytes(s.begin(), s.end())); }

private:
    int m_master = -1;
    int m_slave = -1;
    std::string m_name;
};

} // namespace

class TestNmeaSerialRefClock : public QObject
{
    Q_OBJECT
private slots:
    void openFailureSaysWhy();
    void healthyBinaryStreamIsNotAWrongSpeed();
    void badChecksumsAreReportedAsSuch();
};

void TestNmeaSerialRefClock::openFailureSaysWhy()
{
    // Real ports: a missing device and a file that is no terminal.
    SerialClock missing(configFor("/nonexistent/ttyGPS"));
    QVERIFY2(missing.status() == "cannot open /nonexistent/ttyGPS: " + std::string(std::strerror(ENOENT)),
             missing.status().c_str());
    SerialClock notATty(configFor("/dev/null"));
    QVERIFY2(notATty.status().starts_with("cannot open /dev/null: ")
                 && notATty.status().find("No error") == std::string::npos,
             notATty.status().c_str());
}

void TestNmeaSerialRefClock::healthyBinaryStreamIsNotAWrongSpeed()
{
    Pty pty;
    std::vector<RefClockSample> samples;
    SerialClock clock(configFor(pty.name()), [&](const RefClockSample &s) { samples.push_back(s); });
    QVERIFY2(clock.isOpen(), clock.status().c_str());
    const std::string rmc1 = nmea("GPRMC,120000.00,A,4807.038,N,01131.000,E,0.0,0.0,010627,,,A");
    const std::string rmc2 = nmea("GPRMC,120001.00,A,4807.038,N,01131.000,E,0.0,0.0,010627,,,A");
    // Burst 1 (the driver ignores the first burst's time), then burst 2: RMC, a 2 kB NAV-SIG
    // and three RTCM 3 frames, written in pieces so the driver reads them in parts.
    pty.write(rmc1);
    QVERIFY(clock.runUntil([&] { return clock.gpsStatus().sentenceCounts.contains("GPRMC"); }, kWaitMs));
    // The line is idle between bursts. A pseudo-terminal delivers at once what a 115200 baud
    // line takes 0.3 s for, and the driver dates a read's first byte by the baud rate: wait
    // as long as a 1 Hz receiver would.
    clock.run(1000);
    Bytes burst(rmc2.begin(), rmc2.end());
    const Bytes sig = UbxFrame::encode(0x01, 0x43, binaryPayload(2048, 1));
    burst.insert(burst.end(), sig.begin(), sig.end());
    for (int i = 0; i < 3; ++i) {
        const Bytes rtcm = Rtcm3Frame::encode(binaryPayload(500, std::uint32_t(2 + i)));
        burst.insert(burst.end(), rtcm.begin(), rtcm.end());
    }
    for (std::size_t at = 0; at < burst.size(); at += 256)
        pty.write(Bytes(burst.begin() + std::ptrdiff_t(at),
                        burst.begin() + std::ptrdiff_t(std::min(burst.size(), at + 256))));
    // One sample for the epoch once its burst is over.
    QVERIFY(clock.runUntil([&] { return samples.size() == 1; }, kWaitMs));
    const GpsStatus s = clock.gpsStatus();
    QCOMPARE(s.garbageBytes, std::uint64_t(0));
    QCOMPARE(s.sentenceCounts.at("UBX-NAV-SIG"), std::uint64_t(1));
    // The driver's status carries the line's load at the configured speed (not USB: a pty).
    QVERIFY(s.link);
    QCOMPARE(s.link->baudRate, 115200);
    QVERIFY(!s.link->usb);
    QVERIFY(!s.link->overloaded);
    QVERIFY2(clock.status().find("wrong baud rate") == std::string::npos, clock.status().c_str());
    QVERIFY2(clock.status().starts_with("reading "), clock.status().c_str());
    clock.run(300);
    QCOMPARE(samples.size(), std::size_t(1));
}

void TestNmeaSerialRefClock::badChecksumsAreReportedAsSuch()
{
    Pty pty;
    SerialClock clock(configFor(pty.name()));
    QVERIFY2(clock.isOpen(), clock.status().c_str());
    Bytes stream;
    for (int i = 0; i < 6; ++i) {
        Bytes frame = UbxFrame::encode(0x01, 0x43, binaryPayload(600, std::uint32_t(10 + i)));
        frame[300] ^= 0x01;
        stream.insert(stream.end(), frame.begin(), frame.end());
    }
    pty.write(stream);
    QVERIFY(clock.runUntil([&] { return clock.gpsStatus().checksumErrors == 6; }, kWaitMs));
    QCOMPARE(clock.gpsStatus().garbageBytes, std::uint64_t(0));
    QVERIFY2(clock.status().find("bad checksum") != std::string::npos, clock.status().c_str());
    QVERIFY2(clock.status().find("wrong baud rate") == std::string::npos, clock.status().c_str());
}

QTEST_GUILESS_MAIN(TestNmeaSerialRefClock)
#include "tst_nmeaserialrefclock.moc"
