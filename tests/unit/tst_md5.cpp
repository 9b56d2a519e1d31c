// The engine's own MD5 (it links no Qt): RFC 1321's test suite, and agreement with Qt's MD5 on
// every length around the block and padding boundaries.
#include "ntp/Md5.h"

#include <QCryptographicHash>
#include <QtTest>

#include <random>
#include <string_view>

namespace {

QByteArray hex(const s1::Md5::Digest &digest)
{
    return QByteArray(reinterpret_cast<const char *>(digest.data()), static_cast<qsizetype>(digest.size())).toHex();
}

std::span<const std::uint8_t> bytes(std::string_view text)
{
    return {reinterpret_cast<const std::uint8_t *>(text.data()), text.size()};
}

} // namespace

class TestMd5 : public QObject
{
    Q_OBJECT

private slots:
    void rfc1321Suite_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("empty") << QByteArray() << QByteArray("d41d8cd98f00b204e9800998ecf8427e");
        QTest::newRow("a") << QByteArray("a") << QByteArray("0cc175b9c0f1b6a831c399e269772661");
        QTest::newRow("abc") << QByteArray("abc") << QByteArray("900150983cd24fb0d6963f7d28e17f72");
        QTest::newRow("message digest") << QByteArray("message digest")
                                        << QByteArray("f96b697d7cb7938d525a2f31aaf161d0");
        QTest::newRow("alphabet") << QByteArray("abcdefghijklmnopqrstuvwxyz")
                                  << QByteArray("c3fcd3d76192e4007dfb496cca67e13b");
        QTest::newRow("alphanumeric") << QByteArray("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                                      << QByteArray("d174ab98d277d9f5a5611c2c9f419d9f");
        QTest::newRow("digits") << QByteArray(
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890")
                                << QByteArray("57edf4a22be3c955ac49da2e2107b67a");
    }

    void rfc1321Suite()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        QCOMPARE(
            hex(s1::Md5::hash(bytes(std::string_view(message.constData(), static_cast<std::size_t>(message.size()))))),
            digest);
    }

    void agreesWithQtAcrossBlockBoundaries()
    {
        std::mt19937 random(20261206);
        constexpr int kLongest = 200; // past three 64-byte blocks, through every padding case
        for (int length = 0; length <= kLongest; ++length) {
            QByteArray data(length, '\0');
            for (char &c : data)
                c = static_cast<char>(random() & 0xff);
            const auto view = std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(data.constData()),
                                                            static_cast<std::size_t>(data.size()));
            const QByteArray expected = QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
            QCOMPARE(hex(s1::Md5::hash(view)), expected);

            // Fed in two pieces, the same digest.
            s1::Md5 split;
            split.add(view.first(view.size() / 3));
            split.add(view.subspan(view.size() / 3));
            QCOMPARE(hex(split.finish()), expected);
        }
    }
};

QTEST_APPLESS_MAIN(TestMd5)
#include "tst_md5.moc"
