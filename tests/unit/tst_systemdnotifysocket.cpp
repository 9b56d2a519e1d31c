// The sd_notify(3) protocol without libsystemd: NOTIFY_SOCKET's addresses as sd_notify takes
// and refuses them, datagrams to a socket this test binds (a path and an abstract name, each
// assignment intact), and WATCHDOG_USEC/WATCHDOG_PID as sd_watchdog_enabled(3) reads them.
#include "SystemdNotifySocket.h"

#include <QTemporaryDir>
#include <QtTest>

#include <string>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

constexpr std::size_t kMaxDatagram = 4096;

// systemd's end: a bound Unix datagram socket, read without blocking (the sender's datagram
// is queued by the time sendmsg returns).
class Receiver
{
public:
    // `sunPath`: sun_path's bytes, a leading NUL for an abstract name.
    explicit Receiver(const std::string &sunPath)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        if (m_fd < 0 || sunPath.size() >= sizeof(address.sun_path))
            return;
        std::copy(sunPath.begin(), sunPath.end(), address.sun_path);
        const bool abstract = sunPath.front() == '\0';
        const auto length =
            static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + sunPath.size() + (abstract ? 0 : 1));
        m_bound = ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), length) == 0;
    }
    ~Receiver()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Receiver(const Receiver &) = delete;
    Receiver &operator=(const Receiver &) = delete;

    bool isBound() const { return m_bound; }
    std::optional<std::string> receive() const
    {
        char buffer[kMaxDatagram];
        const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), MSG_DONTWAIT);
        if (n < 0)
            return std::nullopt;
        return std::string(buffer, static_cast<std::size_t>(n));
    }

private:
    int m_fd = -1;
    bool m_bound = false;
};

// An abstract name no other test run uses at the same time.
std::string uniqueAbstractName()
{
    return "@stratumone-test-notify-" + std::to_string(::getpid());
}

} // namespace

class TestSystemdNotifySocket : public QObject
{
    Q_OBJECT
private slots:
    void addressesSdNotifyRefuses_data();
    void addressesSdNotifyRefuses();
    void toAPath();
    void toAnAbstractName();
    void nobodyListening();
    void watchdog_data();
    void watchdog();
};

void TestSystemdNotifySocket::addressesSdNotifyRefuses_data()
{
    QTest::addColumn<QString>("address");
    QTest::newRow("empty") << "";
    QTest::newRow("relative") << "run/notify";
    QTest::newRow("slash alone") << "/";
    QTest::newRow("at alone") << "@";
    QTest::newRow("path of 108") << "/" + QString(107, 'a'); // no room for the terminator
    QTest::newRow("abstract of 108") << "@" + QString(107, 'a');
    QTest::newRow("vsock") << "vsock:2:1234"; // systemd 253's; Debian 12's libsystemd refuses it too
}

void TestSystemdNotifySocket::addressesSdNotifyRefuses()
{
    QFETCH(QString, address);
    QVERIFY(!s1::SystemdNotifySocket::fromAddress(address.toStdString()));
}

void TestSystemdNotifySocket::toAPath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("notify").toStdString();
    const Receiver receiver(path);
    QVERIFY(receiver.isBound());
    const auto socket = s1::SystemdNotifySocket::fromAddress(path);
    QVERIFY(socket);
    QCOMPARE(socket->socketPath(), path);
    QVERIFY(socket->send("READY=1\nSTATUS=Synchronised to PPS, stratum 1"));
    QVERIFY(socket->send("WATCHDOG=1"));
    QCOMPARE(receiver.receive(), std::optional<std::string>("READY=1\nSTATUS=Synchronised to PPS, stratum 1"));
    QCOMPARE(receiver.receive(), std::optional<std::string>("WATCHDOG=1"));
    QCOMPARE(receiver.receive(), std::nullopt);

    // The longest path sd_notify takes: 107 bytes and the terminator.
    const std::string longest = "/" + std::string(sizeof(sockaddr_un::sun_path) - 2, 'a');
    QVERIFY(s1::SystemdNotifySocket::fromAddress(longest));
}

void TestSystemdNotifySocket::toAnAbstractName()
{
    const std::string name = uniqueAbstractName();
    std::string sunPath = name;
    sunPath.front() = '\0';
    const Receiver receiver(sunPath);
    QVERIFY(receiver.isBound());
    const auto socket = s1::SystemdNotifySocket::fromAddress(name);
    QVERIFY(socket);
    QCOMPARE(socket->socketPath(), sunPath);
    QVERIFY(socket->send("STOPPING=1\nSTATUS=Stopping"));
    QCOMPARE(receiver.receive(), std::optional<std::string>("STOPPING=1\nSTATUS=Stopping"));

    // The name without the terminator's byte: one more byte would be another name.
    const Receiver longer(sunPath + std::string(1, '\0'));
    QVERIFY(longer.isBound());
    QVERIFY(socket->send("WATCHDOG=1"));
    QCOMPARE(longer.receive(), std::nullopt);
    QCOMPARE(receiver.receive(), std::optional<std::string>("WATCHDOG=1"));
}

void TestSystemdNotifySocket::nobodyListening()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto socket = s1::SystemdNotifySocket::fromAddress(dir.filePath("nobody").toStdString());
    QVERIFY(socket);
    QVERIFY(!socket->send("READY=1"));
}

void TestSystemdNotifySocket::watchdog_data()
{
    QTest::addColumn<QByteArray>("usec"); // null: unset
    QTest::addColumn<QByteArray>("pid");  // null: unset; "self": this process
    QTest::addColumn<qint64>("expected"); // -1: none
    QTest::newRow("unset") << QByteArray() << QByteArray() << qint64(-1);
    QTest::newRow("30 s") << QByteArray("30000000") << QByteArray() << qint64(30'000'000);
    QTest::newRow("for us") << QByteArray("400000") << QByteArray("self") << qint64(400'000);
    QTest::newRow("for another pid") << QByteArray("400000") << QByteArray("1") << qint64(-1);
    QTest::newRow("pid not a number") << QByteArray("400000") << QByteArray("me") << qint64(-1);
    QTest::newRow("pid 0") << QByteArray("400000") << QByteArray("0") << qint64(-1);
    QTest::newRow("zero") << QByteArray("0") << QByteArray() << qint64(-1);
    QTest::newRow("infinity") << QByteArray("18446744073709551615") << QByteArray() << qint64(-1);
    QTest::newRow("not a number") << QByteArray("30s") << QByteArray() << qint64(-1);
    QTest::newRow("negative") << QByteArray("-1") << QByteArray() << qint64(-1);
    QTest::newRow("empty") << QByteArray("") << QByteArray() << qint64(-1);
}

void TestSystemdNotifySocket::watchdog()
{
    QFETCH(QByteArray, usec);
    QFETCH(QByteArray, pid);
    QFETCH(qint64, expected);
    if (pid == "self")
        pid = QByteArray::number(::getpid());
    const auto timeout = s1::SystemdNotifySocket::watchdogTimeout(usec.isNull() ? nullptr : usec.constData(),
                                                                  pid.isNull() ? nullptr : pid.constData(), ::getpid());
    if (expected < 0)
        QCOMPARE(timeout, std::nullopt);
    else
        QCOMPARE(timeout, std::optional<std::chrono::microseconds>(expected));
}

QTEST_GUILESS_MAIN(TestSystemdNotifySocket)
#include "tst_systemdnotifysocket.moc"
