// chrony's SOCK refclock protocol: strict decoding of `struct sock_sample` datagrams, the
// conversions to engine samples and pulses (signs as chronyd 4.3 interprets them, checked live
// in REFCLOCK_FACTS.md §2.4), and SockRefClockSocket on a real Unix datagram socket in a
// temporary directory, fed with datagrams laid out as gpsd sends them.
#include "refclock/SockRefClockSocket.h"
#include "refclock/SockSample.h"

#include "StaleSocket.h"
#include <QTemporaryDir>

#include <QtTest>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <variant>
#include <vector>

using namespace s1;

namespace {

constexpr std::int64_t kSecond = 1'750'000'000; // 2025-06-15
constexpr std::int64_t kNanosPerMicro = 1'000;
constexpr std::size_t kSampleBytes = 40; // LP64 sizeof(struct sock_sample), from the facts
constexpr std::int32_t kMagic = 0x534F434B;
constexpr int kPollTimeoutMs = 2'000;
// Byte offsets of the LP64 layout, written out from REFCLOCK_FACTS.md §2.2 independently of
// SockSampleWire, so these tests also check the struct.
constexpr std::size_t kOffTvSec = 0, kOffTvUsec = 8, kOffOffset = 16, kOffPulse = 24, kOffLeap = 28, kOffPad = 32,
                      kOffMagic = 36;

template <typename T>
void put(std::vector<std::uint8_t> &bytes, std::size_t offset, T value)
{
    std::memcpy(bytes.data() + offset, &value, sizeof value);
}

// A datagram as gpsd's chrony_send() lays it out: tv = system time of the event, offset =
// real − system, pulse, leap, pad 0, magic.
std::vector<std::uint8_t> gpsdDatagram(std::int64_t sec, std::int64_t usec, double offset, int pulse = 0, int leap = 0,
                                       std::int32_t magic = kMagic)
{
    std::vector<std::uint8_t> bytes(kSampleBytes, 0xAA);
    put<std::int64_t>(bytes, kOffTvSec, sec);
    put<std::int64_t>(bytes, kOffTvUsec, usec);
    put<double>(bytes, kOffOffset, offset);
    put<std::int32_t>(bytes, kOffPulse, pulse);
    put<std::int32_t>(bytes, kOffLeap, leap);
    put<std::int32_t>(bytes, kOffPad, 0);
    put<std::int32_t>(bytes, kOffMagic, magic);
    return bytes;
}

RealTime at(std::int64_t sec, std::int64_t nanos)
{
    return realTimeFromNanos(sec * kNanosPerSecond + nanos);
}

SockSample decodeOk(const std::vector<std::uint8_t> &bytes)
{
    const auto decoded = decodeSockSample(bytes);
    if (const auto *error = std::get_if<std::string>(&decoded))
        qFatal("unexpected decode error: %s", error->c_str());
    return std::get<SockSample>(decoded);
}

std::string decodeError(const std::vector<std::uint8_t> &bytes)
{
    const auto decoded = decodeSockSample(bytes);
    const auto *error = std::get_if<std::string>(&decoded);
    return error ? *error : std::string();
}

// gpsd's side: a datagram socket connected to the refclock's path.
class Sender
{
public:
    explicit Sender(const std::string &path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
        m_connected = ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    }
    ~Sender() { ::close(m_fd); }
    Sender(const Sender &) = delete;
    Sender &operator=(const Sender &) = delete;

    bool connected() const { return m_connected; }
    bool send(const std::vector<std::uint8_t> &bytes) const
    {
        return ::send(m_fd, bytes.data(), bytes.size(), MSG_DONTWAIT) == static_cast<ssize_t>(bytes.size());
    }

private:
    int m_fd = -1;
    bool m_connected = false;
};

bool readable(int fd)
{
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, kPollTimeoutMs) == 1 && (p.revents & POLLIN);
}

} // namespace

class TestSockRefClock : public QObject
{
    Q_OBJECT

private slots:
    void decodesGpsdSample();
    void chronydSignConvention();
    void negativeOffset();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void pulseToEdge_data();
    void pulseToEdge();
    void socketReceivesGpsdDatagrams();
    void drainIsBounded();
    void replacesStaleSocketOnly();
    void removesOnlyItsOwnFile();
    void openErrors();
};

void TestSockRefClock::decodesGpsdSample()
{
    const auto sample = decodeOk(gpsdDatagram(kSecond, 874'999, 0.125000124, 0, 1));
    QCOMPARE(sample.systemTime, at(kSecond, 874'999 * kNanosPerMicro));
    QCOMPARE(sample.offset, 0.125000124);
    QVERIFY(!sample.pulse);
    QCOMPARE(sample.leap, LeapIndicator::InsertSecond);

    const RefClockSample converted = toRefClockSample(sample);
    QCOMPARE(converted.receiveTime, sample.systemTime);
    QCOMPARE(converted.referenceTime, at(kSecond, 999'999'124)); // .874999000 + .125000124
    QCOMPARE(converted.leap, LeapIndicator::InsertSecond);
    QCOMPARE(converted.precision, 1e-6); // tv has µs resolution

    // The pad word is ignored whatever it holds.
    auto padded = gpsdDatagram(kSecond, 0, 0.5);
    put<std::int32_t>(padded, kOffPad, -1);
    QCOMPARE(decodeOk(padded).offset, 0.5);
}

void TestSockRefClock::chronydSignConvention()
{
    // chronyd logged a pulse=0 sample with offset +0.250 as raw offset +0.25, the same as an
    // SHM sample whose clock stamp is 0.25 s after its receive stamp: reference − receive.
    const RefClockSample s = toRefClockSample(decodeOk(gpsdDatagram(kSecond, 0, 0.250)));
    QCOMPARE(toSeconds(s.referenceTime - s.receiveTime), 0.25);
    QVERIFY(s.referenceTime > s.receiveTime);
}

void TestSockRefClock::negativeOffset()
{
    // The rerun in the facts: offset −0.5 logged as raw offset −0.5.
    const auto sample = decodeOk(gpsdDatagram(kSecond, 250'000, -0.5));
    QCOMPARE(sample.offset, -0.5);
    const RefClockSample s = toRefClockSample(sample);
    QCOMPARE(s.referenceTime, at(kSecond - 1, 750'000'000));
    QCOMPARE(toSeconds(s.referenceTime - s.receiveTime), -0.5);
    // A system clock booted at 1970-ish against a GPS in 2025 is still a sane offset.
    QCOMPARE(decodeOk(gpsdDatagram(86'400, 0, 1.75e9)).offset, 1.75e9);
}

void TestSockRefClock::rejectsMalformed_data()
{
    QTest::addColumn<std::vector<std::uint8_t>>("bytes");
    QTest::addColumn<QString>("reason");
    auto shortOne = gpsdDatagram(kSecond, 0, 0.1);
    shortOne.pop_back();
    auto longOne = gpsdDatagram(kSecond, 0, 0.1);
    longOne.push_back(0);
    QTest::newRow("empty") << std::vector<std::uint8_t>{} << "datagram of 0 bytes";
    QTest::newRow("short (39)") << shortOne << "datagram of 39 bytes";
    QTest::newRow("long (41)") << longOne << "datagram of 41 bytes";
    QTest::newRow("32-bit time_t layout (32)") << std::vector<std::uint8_t>(32, 0) << "datagram of 32 bytes";
    QTest::newRow("bad magic") << gpsdDatagram(kSecond, 0, 0.1, 0, 0, 0x12345678) << "bad magic";
    QTest::newRow("byte-swapped magic") << gpsdDatagram(kSecond, 0, 0.1, 0, 0, 0x4B434F53) << "bad magic";
    QTest::newRow("leap 3") << gpsdDatagram(kSecond, 0, 0.1, 0, 3) << "leap 3";
    QTest::newRow("leap -1") << gpsdDatagram(kSecond, 0, 0.1, 0, -1) << "leap -1";
    QTest::newRow("usec 1e6") << gpsdDatagram(kSecond, 1'000'000, 0.1) << "microseconds";
    QTest::newRow("negative usec") << gpsdDatagram(kSecond, -1, 0.1) << "microseconds";
    QTest::newRow("zero seconds") << gpsdDatagram(0, 0, 0.1) << "seconds";
    QTest::newRow("far future seconds") << gpsdDatagram(std::numeric_limits<std::int64_t>::max(), 0, 0.1) << "seconds";
    QTest::newRow("NaN offset") << gpsdDatagram(kSecond, 0, std::nan("")) << "offset";
    QTest::newRow("infinite offset") << gpsdDatagram(kSecond, 0, -INFINITY) << "offset";
    QTest::newRow("absurd offset") << gpsdDatagram(kSecond, 0, 1e12) << "offset";
}

void TestSockRefClock::rejectsMalformed()
{
    QFETCH(std::vector<std::uint8_t>, bytes);
    QFETCH(QString, reason);
    const std::string error = decodeError(bytes);
    QVERIFY2(QString::fromStdString(error).contains(reason), error.c_str());
}

void TestSockRefClock::pulseToEdge_data()
{
    QTest::addColumn<std::int64_t>("tvUsec");
    QTest::addColumn<double>("offset");
    QTest::addColumn<std::int64_t>("edgeSecond");
    QTest::addColumn<std::int64_t>("edgeNanos");
    QTest::addColumn<double>("trueMinusRaw");
    // The live check: offset +0.000123 was logged by chronyd as raw offset −0.000123, i.e. the
    // system clock read N.000123 at the second boundary N.
    QTest::newRow("edge itself") << std::int64_t(123) << 1.23e-4 << kSecond << std::int64_t(123'000) << -1.23e-4;
    QTest::newRow("stamped later in the second")
        << std::int64_t(400'000) << 1.23e-4 << kSecond << std::int64_t(123'000) << -1.23e-4;
    QTest::newRow("system clock behind") << std::int64_t(999'877) << 0.999877 << kSecond << std::int64_t(999'877'000)
                                         << 1.23e-4;
    QTest::newRow("negative phase") << std::int64_t(999'877) << -1.23e-4 << kSecond + 1 << std::int64_t(-123'000)
                                    << 1.23e-4;
}

void TestSockRefClock::pulseToEdge()
{
    QFETCH(std::int64_t, tvUsec);
    QFETCH(double, offset);
    QFETCH(std::int64_t, edgeSecond);
    QFETCH(std::int64_t, edgeNanos);
    QFETCH(double, trueMinusRaw);
    const auto sample = decodeOk(gpsdDatagram(kSecond, tvUsec, offset, 1));
    QVERIFY(sample.pulse);
    const RefClockPulse pulse = toRefClockPulse(sample, 7);
    QCOMPARE(pulse.sequence, std::uint32_t(7));
    QCOMPARE(pulse.receiveTime, at(edgeSecond, edgeNanos));
    // The edge is a whole second of true time: true − raw at the edge is chronyd's raw offset.
    const auto wholeSecond = std::chrono::round<std::chrono::seconds>(pulse.receiveTime);
    QCOMPARE(toSeconds(RealTime(wholeSecond) - pulse.receiveTime), trueMinusRaw);
}

void TestSockRefClock::socketReceivesGpsdDatagrams()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("chrony.ttyACM0.sock").toStdString();
    std::string error;
    auto socket = SockRefClockSocket::open(path, error);
    QVERIFY2(socket, error.c_str());
    QCOMPARE(socket->path(), path);

    struct stat st
    { };
    QCOMPARE(::lstat(path.c_str(), &st), 0);
    QVERIFY(S_ISSOCK(st.st_mode));
    QCOMPARE(st.st_mode & 0777, 0666u); // gpsd, another user, needs write permission
    QVERIFY(::fcntl(socket->fd(), F_GETFL) & O_NONBLOCK);
    QVERIFY(::fcntl(socket->fd(), F_GETFD) & FD_CLOEXEC);
    QVERIFY(socket->drain().empty()); // nothing queued: returns at once

    Sender gpsd(path);
    QVERIFY(gpsd.connected());
    QVERIFY(gpsd.send(gpsdDatagram(kSecond, 874'999, 0.125000124)));
    QVERIFY(gpsd.send(std::vector<std::uint8_t>(kSampleBytes - 1, 0)));      // short
    QVERIFY(gpsd.send(gpsdDatagram(kSecond, 0, 0.1, 0, 0, 0x12345678)));     // bad magic
    QVERIFY(gpsd.send(std::vector<std::uint8_t>(1000, 0)));                  // longer than our buffer
    QVERIFY(gpsd.send(gpsdDatagram(kSecond + 1, 875'001, -0.000001, 0, 2))); // negative offset
    QVERIFY(readable(socket->fd()));

    const auto samples = socket->drain();
    QCOMPARE(samples.size(), std::size_t(2));
    QCOMPARE(toRefClockSample(samples[0]).referenceTime, at(kSecond, 999'999'124));
    QCOMPARE(samples[1].systemTime, at(kSecond + 1, 875'001'000));
    QCOMPARE(toRefClockSample(samples[1]).referenceTime, at(kSecond + 1, 875'000'000));
    QCOMPARE(samples[1].leap, LeapIndicator::DeleteSecond);
    QCOMPARE(socket->status().samplesReceived, std::uint64_t(2));
    QCOMPARE(socket->status().badDatagrams, std::uint64_t(3));
    QVERIFY2(socket->status().lastError.find("datagram of 1000 bytes") != std::string::npos,
             socket->status().lastError.c_str());
    QVERIFY(socket->drain().empty());
}

void TestSockRefClock::drainIsBounded()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("flood.sock").toStdString();
    std::string error;
    auto socket = SockRefClockSocket::open(path, error);
    QVERIFY2(socket, error.c_str());
    Sender sender(path);
    QVERIFY(sender.connected());
    // The kernel queues few datagrams per Unix socket (net.unix.max_dgram_qlen, 10 by default),
    // so the bound is exercised with a small limit.
    constexpr std::size_t kSent = 6;
    constexpr std::size_t kLimit = 4;
    for (std::size_t i = 0; i < kSent; ++i)
        QVERIFY(sender.send(gpsdDatagram(kSecond + std::int64_t(i), 0, 0.001)));

    const auto first = socket->drain(kLimit);
    QCOMPARE(first.size(), kLimit);
    QVERIFY(readable(socket->fd())); // the rest waits for the next notification
    const auto rest = socket->drain();
    QCOMPARE(rest.size(), kSent - kLimit);
    QCOMPARE(rest.back().systemTime, at(kSecond + std::int64_t(kSent) - 1, 0)); // in order
    QVERIFY(socket->drain().empty());
}

void TestSockRefClock::replacesStaleSocketOnly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string error;

    // A socket file nobody is bound to (a crashed receiver) is replaced.
    const std::string stale = dir.filePath("stale.sock").toStdString();
    QVERIFY(test::makeStaleSocket(stale, SOCK_DGRAM));
    auto socket = SockRefClockSocket::open(stale, error);
    QVERIFY2(socket, error.c_str());
    Sender sender(stale);
    QVERIFY(sender.connected());
    QVERIFY(sender.send(gpsdDatagram(kSecond, 0, 0.2)));
    QVERIFY(readable(socket->fd()));
    QCOMPARE(socket->drain().size(), std::size_t(1));

    // A live one is not stolen.
    error.clear();
    QVERIFY(!SockRefClockSocket::open(stale, error));
    QVERIFY2(error.find("another process is receiving") != std::string::npos, error.c_str());
    QVERIFY(sender.send(gpsdDatagram(kSecond, 0, 0.2))); // the first receiver still has it
    QVERIFY(readable(socket->fd()));

    // Nor is a file that is not a socket.
    const std::string regular = dir.filePath("notes.txt").toStdString();
    {
        QFile file(QString::fromStdString(regular));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("keep me");
    }
    error.clear();
    QVERIFY(!SockRefClockSocket::open(regular, error));
    QVERIFY2(error.find("not a socket") != std::string::npos, error.c_str());
    QFile kept(QString::fromStdString(regular));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("keep me"));
}

void TestSockRefClock::removesOnlyItsOwnFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("ref.sock").toStdString();
    std::string error;
    {
        auto socket = SockRefClockSocket::open(path, error, 0660);
        QVERIFY2(socket, error.c_str());
        struct stat st
        { };
        QCOMPARE(::lstat(path.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0660u);
    }
    QVERIFY(!QFileInfo::exists(QString::fromStdString(path))); // closed and unlinked

    // Someone replaced our file meanwhile: theirs survives our destruction.
    auto socket = SockRefClockSocket::open(path, error);
    QVERIFY2(socket, error.c_str());
    QCOMPARE(::unlink(path.c_str()), 0);
    QVERIFY(test::makeStaleSocket(path, SOCK_DGRAM));
    struct stat before
    { };
    QCOMPARE(::lstat(path.c_str(), &before), 0);
    socket.reset();
    struct stat after
    { };
    QCOMPARE(::lstat(path.c_str(), &after), 0);
    QCOMPARE(after.st_ino, before.st_ino);
}

void TestSockRefClock::openErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string error;
    QVERIFY(!SockRefClockSocket::open("", error));
    QVERIFY2(error.find("empty") != std::string::npos, error.c_str());

    error.clear();
    QVERIFY(!SockRefClockSocket::open("/tmp/" + std::string(200, 'x') + ".sock", error));
    QVERIFY2(error.find("too long") != std::string::npos, error.c_str());

    error.clear();
    const std::string missing = dir.filePath("no/such/dir/ref.sock").toStdString();
    QVERIFY(!SockRefClockSocket::open(missing, error));
    QVERIFY2(error.find(missing) != std::string::npos && error.find("cannot bind") != std::string::npos, error.c_str());
}

QTEST_GUILESS_MAIN(TestSockRefClock)
#include "tst_sockrefclock.moc"
