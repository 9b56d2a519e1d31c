// What the kernel loops back to the error queue with a transmit timestamp (the fake side of the
// transmit-timestamp seam): frames as loopback and Ethernet devices give them, IPv4 and IPv6,
// VLAN tags, and what is not a UDP packet of ours.
#include "net/LoopedPacket.h"

#include <QtTest>

#include <cstdint>
#include <vector>

using namespace s1;

namespace {

using Bytes = std::vector<std::uint8_t>;

const Bytes kPayload = {0x24, 0x01, 0x02, 0x03, 0xaa, 0xbb};
constexpr std::uint16_t kPort = 4123;

Bytes udpHeader(std::size_t payload)
{
    const std::size_t length = 8 + payload;
    return {
        0xc0, 0x00, kPort >> 8, kPort & 0xff, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length),
        0,    0};
}

Bytes ipv4(const Bytes &payload, std::uint8_t protocol = 17)
{
    Bytes p = {0x45, 0, 0, 0, 0, 0, 0, 0, 64, protocol, 0, 0, 127, 0, 0, 1, 192, 0, 2, 7};
    const Bytes udp = udpHeader(payload.size());
    p.insert(p.end(), udp.begin(), udp.end());
    p.insert(p.end(), payload.begin(), payload.end());
    return p;
}

Bytes ipv6(const Bytes &payload)
{
    Bytes p(40, 0);
    p[0] = 0x60;
    p[6] = 17;
    p[24] = 0x20;
    p[25] = 0x01;
    p[26] = 0x0d;
    p[27] = 0xb8;
    p[39] = 9;
    const Bytes udp = udpHeader(payload.size());
    p.insert(p.end(), udp.begin(), udp.end());
    p.insert(p.end(), payload.begin(), payload.end());
    return p;
}

Bytes ethernet(const Bytes &ip, std::uint16_t type, int vlanTags = 0)
{
    Bytes f(12, 0);
    for (int i = 0; i < vlanTags; ++i)
        f.insert(f.end(), {0x81, 0x00, 0x00, 0x05});
    f.push_back(static_cast<std::uint8_t>(type >> 8));
    f.push_back(static_cast<std::uint8_t>(type));
    f.insert(f.end(), ip.begin(), ip.end());
    return f;
}

} // namespace

class TestLoopedPacket : public QObject
{
    Q_OBJECT
private slots:
    void readsFrames_data();
    void readsFrames();
    void refusesOthers();
};

void TestLoopedPacket::readsFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("remote");
    const auto bytes = [](const Bytes &b) { return QByteArray(reinterpret_cast<const char *>(b.data()), b.size()); };
    QTest::newRow("loopback, IPv4") << bytes(ethernet(ipv4(kPayload), 0x0800)) << "192.0.2.7";
    QTest::newRow("Ethernet with two VLAN tags") << bytes(ethernet(ipv4(kPayload), 0x0800, 2)) << "192.0.2.7";
    QTest::newRow("IPv6") << bytes(ethernet(ipv6(kPayload), 0x86dd)) << "2001:db8::9";
    QTest::newRow("no link layer (tunnel)") << bytes(ipv4(kPayload)) << "192.0.2.7";
}

void TestLoopedPacket::readsFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, remote);
    const auto looped = parseLoopedPacket(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(frame.constData()), frame.size()));
    QVERIFY(looped);
    QCOMPARE(QString::fromStdString(looped->remote.ip.toString()), remote);
    QCOMPARE(looped->remote.port, kPort);
    QCOMPARE(Bytes(looped->payload.begin(), looped->payload.end()), kPayload);
}

void TestLoopedPacket::refusesOthers()
{
    const auto parse = [](const Bytes &b) { return parseLoopedPacket(b).has_value(); };
    QVERIFY(!parse({}));
    QVERIFY(!parse(ethernet(ipv4(kPayload, 6), 0x0800))); // TCP
    Bytes truncated = ethernet(ipv4(kPayload), 0x0800);
    truncated.resize(truncated.size() - 3); // the UDP length runs past the frame
    QVERIFY(!parse(truncated));
    QVERIFY(!parse(Bytes(9, 0x45)));
}

QTEST_GUILESS_MAIN(TestLoopedPacket)
#include "tst_loopedpacket.moc"
