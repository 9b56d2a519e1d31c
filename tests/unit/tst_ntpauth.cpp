// Symmetric-key authentication: the MACs (RFC 5905 section 7.3, RFC 8573's AES-CMAC) against
// published test vectors and against replies chronyd 4.3 signed, the keyfile in chrony's format
// with every kind of damage, and the server answering signed requests.
#include "auth/KeyFile.h"
#include "auth/KeyFiles.h"
#include "auth/NtpMac.h"
#include "ntp/NtpResponder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <string>
#include <vector>

using namespace s1;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes fromHex(std::string_view hex)
{
    const QByteArray bytes = QByteArray::fromHex(QByteArray(hex.data(), static_cast<qsizetype>(hex.size())));
    return Bytes(bytes.begin(), bytes.end());
}

QByteArray toHex(const Bytes &bytes)
{
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size())).toHex();
}

SymmetricKey key(std::uint32_t id, KeyType type, const Bytes &secret)
{
    return SymmetricKey{id, type, secret};
}

Bytes ascii(std::string_view text)
{
    return Bytes(text.begin(), text.end());
}

// The keys of the chronyd capture below, as its keyfile had them:
//   1 MD5 HEX:0102030405060708090A0B0C0D0E0F10
//   2 SHA1 ASCII:abcdefghijklmnopqrst
//   3 SHA256 HEX:000102030405060708090A0B0C0D0E0F000102030405060708090A0B0C0D0E0F
//   4 SHA512 hello12345678
//   5 AES128 HEX:2b7e151628aed2a6abf7158809cf4f3c
//   6 AES256 HEX:603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4
KeyTable chronydKeys()
{
    KeyTable keys;
    keys.add(key(1, KeyType::Md5, fromHex("0102030405060708090A0B0C0D0E0F10")));
    keys.add(key(2, KeyType::Sha1, ascii("abcdefghijklmnopqrst")));
    keys.add(key(3, KeyType::Sha256, fromHex("000102030405060708090A0B0C0D0E0F000102030405060708090A0B0C0D0E0F")));
    keys.add(key(4, KeyType::Sha512, ascii("hello12345678")));
    keys.add(key(5, KeyType::Aes128, fromHex("2b7e151628aed2a6abf7158809cf4f3c")));
    keys.add(key(6, KeyType::Aes256, fromHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")));
    return keys;
}

// A client request of `version` with transmit timestamp e5a1b2c3d4e5f607, as sent to chronyd.
Bytes request(int version)
{
    Bytes r(kNtpHeaderLength, 0);
    r[0] = static_cast<std::uint8_t>((version << 3) | 3);
    r[2] = 6;
    r[3] = 0x20;
    const Bytes transmit = fromHex("e5a1b2c3d4e5f607");
    std::copy(transmit.begin(), transmit.end(), r.begin() + kNtpTransmitTimestampOffset);
    return r;
}

const SocketAddress kClient{IpAddress::v4(0xC0000264), 40'123}; // 192.0.2.100

NtpResponder openResponder(const KeyTable *keys)
{
    AccessRule all;
    all.allow = true;
    all.all = true;
    NtpResponder responder(AccessFilter({all}));
    responder.setKeys(keys);
    return responder;
}

ServedReference served()
{
    ServedReference r;
    r.leap = LeapIndicator::None;
    r.stratum = 2;
    r.referenceId = 0xC6336401;
    r.referenceTime = realTimeFromNanos(1'700'000'000'000'000'000);
    r.precision = -20;
    return r;
}

const RealTime kReceive = realTimeFromNanos(1'700'000'064'250'000'000);

QStringList diagnostics(const KeyFileResult &result)
{
    QStringList out;
    for (const ConfigDiagnostic &d : result.diagnostics)
        out << QString::fromStdString(d.toString());
    return out;
}

} // namespace

class TestNtpAuth : public QObject
{
    Q_OBJECT

private slots:
    void aesCmacMatchesRfc4493_data();
    void aesCmacMatchesRfc4493();
    void hashMacIsHashOfKeyAndPacket_data();
    void hashMacIsHashOfKeyAndPacket();
    void chronydRepliesVerify_data();
    void chronydRepliesVerify();
    void damagedMacsAreRefused();
    void digestLengthsFollowTheVersion();
    void resignCoversTheTransmitTimestamp();

    void keyFileReadsChronysFormat();
    void keyFileDamage_data();
    void keyFileDamage();
    void keyFileWarnings();
    void hostReadsTheKeyFile();

    void signedRequestGetsSignedReply_data();
    void signedRequestGetsSignedReply();
    void badlySignedRequestsGetACryptoNak_data();
    void badlySignedRequestsGetACryptoNak();
};

// RFC 4493 section 4 (AES-128) and NIST SP 800-38B appendix D.3 (AES-256): the same four
// messages, the first 0, 16, 40 and 64 bytes of one text.
void TestNtpAuth::aesCmacMatchesRfc4493_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("keyHex");
    QTest::addColumn<int>("length");
    QTest::addColumn<QByteArray>("mac");
    const QByteArray k128 = "2b7e151628aed2a6abf7158809cf4f3c";
    const QByteArray k256 = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
    const int a128 = int(KeyType::Aes128);
    const int a256 = int(KeyType::Aes256);
    QTest::newRow("AES128 empty") << a128 << k128 << 0 << QByteArray("bb1d6929e95937287fa37d129b756746");
    QTest::newRow("AES128 16") << a128 << k128 << 16 << QByteArray("070a16b46b4d4144f79bdd9dd04a287c");
    QTest::newRow("AES128 40") << a128 << k128 << 40 << QByteArray("dfa66747de9ae63030ca32611497c827");
    QTest::newRow("AES128 64") << a128 << k128 << 64 << QByteArray("51f0bebf7e3b9d92fc49741779363cfe");
    QTest::newRow("AES256 empty") << a256 << k256 << 0 << QByteArray("028962f61b7bf89efc6b551f4667d983");
    QTest::newRow("AES256 16") << a256 << k256 << 16 << QByteArray("28a7023f452e8f82bd4bf28d8c37c35c");
    QTest::newRow("AES256 40") << a256 << k256 << 40 << QByteArray("aaf3d8f1de5640c232f5b169b9c911e6");
    QTest::newRow("AES256 64") << a256 << k256 << 64 << QByteArray("e1992190549f6ed5696a2c056c315410");
}

void TestNtpAuth::aesCmacMatchesRfc4493()
{
    QFETCH(int, type);
    QFETCH(QByteArray, keyHex);
    QFETCH(int, length);
    QFETCH(QByteArray, mac);
    const Bytes message = fromHex("6bc1bee22e409f96e93d7e117393172a"
                                  "ae2d8a571e03ac9c9eb76fac45af8e51"
                                  "30c81c46a35ce411e5fbc1191a0a52ef"
                                  "f69f2445df4f9b17ad2b417be66c3710");
    const SymmetricKey k = key(1, KeyType(type), fromHex(keyHex.toStdString()));
    const auto data = std::span(message).first(static_cast<std::size_t>(length));
    QCOMPARE(toHex(computeDigest(k, data, 16)), mac);
}

// RFC 5905's MAC is the hash of the key followed by the packet (Qt's own hashes are the
// independent reference here); SHA-3 is checked against FIPS 202's empty-message digest.
void TestNtpAuth::hashMacIsHashOfKeyAndPacket_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("algorithm");
    QTest::newRow("MD5") << int(KeyType::Md5) << int(QCryptographicHash::Md5);
    QTest::newRow("SHA1") << int(KeyType::Sha1) << int(QCryptographicHash::Sha1);
    QTest::newRow("SHA256") << int(KeyType::Sha256) << int(QCryptographicHash::Sha256);
    QTest::newRow("SHA384") << int(KeyType::Sha384) << int(QCryptographicHash::Sha384);
    QTest::newRow("SHA512") << int(KeyType::Sha512) << int(QCryptographicHash::Sha512);
    QTest::newRow("SHA3-224") << int(KeyType::Sha3_224) << int(QCryptographicHash::Sha3_224);
    QTest::newRow("SHA3-256") << int(KeyType::Sha3_256) << int(QCryptographicHash::Sha3_256);
    QTest::newRow("SHA3-384") << int(KeyType::Sha3_384) << int(QCryptographicHash::Sha3_384);
    QTest::newRow("SHA3-512") << int(KeyType::Sha3_512) << int(QCryptographicHash::Sha3_512);
}

void TestNtpAuth::hashMacIsHashOfKeyAndPacket()
{
    QFETCH(int, type);
    QFETCH(int, algorithm);
    const Bytes secret = ascii("a shared secret");
    const Bytes packet = request(4);
    Bytes both = secret;
    both.insert(both.end(), packet.begin(), packet.end());
    const QByteArray expected =
        QCryptographicHash::hash(QByteArray(reinterpret_cast<const char *>(both.data()), qsizetype(both.size())),
                                 QCryptographicHash::Algorithm(algorithm));
    const SymmetricKey k = key(1, KeyType(type), secret);
    QCOMPARE(fullDigestBytes(k.type), std::size_t(expected.size()));
    QCOMPARE(toHex(computeDigest(k, packet, fullDigestBytes(k.type))), expected.toHex());

    if (KeyType(type) == KeyType::Sha3_256)
        QCOMPARE(toHex(computeDigest(key(1, KeyType::Sha3_256, {}), {}, 32)),
                 QByteArray("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"));
}

// Replies chronyd 4.3 sent to requests signed with each key (captured on loopback): NTPv4
// MACs cut to 20 bytes, NTPv3 ones whole.
void TestNtpAuth::chronydRepliesVerify_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<int>("digestBytes");
    const QByteArray header = "240106e600000000000000007f7f0101eec0c7efd034cca1e5a1b2c3d4e5f607";
    QTest::newRow("MD5") << header + "eec0c7f0da00af91eec0c7f0da074f6a0000000107da114f916d2dbffdc4d7db65584371" << 16;
    QTest::newRow("SHA1") << header + "eec0c7f0dacd36f3eec0c7f0dad1b3ac000000025f81cd87401f3e3a82515e341c0063c19cd2b14f"
                          << 20;
    QTest::newRow("SHA256 v4")
        << header + "eec0c7f0dadc4f7beec0c7f0dade782c00000003de4aad589e735792a1e732c2d620626ae95db23a" << 20;
    QTest::newRow("SHA512 v4")
        << header + "eec0c7f0dae7b4d1eec0c7f0dae9a45800000004fb3828b8bd616f0be8a36e90f75b44c4054f5429" << 20;
    QTest::newRow("AES128") << header + "eec0c7f0db2ee38deec0c7f0db31c2700000000542adf31d9cb3c49890949947602c1be4"
                            << 16;
    QTest::newRow("AES256") << header + "eec0c7f0db3e10ddeec0c7f0db401dce0000000630b2e85a2850103c6ccfa060c74ad7fb"
                            << 16;
    QTest::newRow("SHA256 v3") << QByteArray("1c0106e600000000000000007f7f0101eec0c7efd034cca1e5a1b2c3d4e5f607"
                                             "eec0c7f0db48aa21eec0c7f0db4a74440000000368c589dc3a187aa67d31e36c7f72"
                                             "8abc7ccbf45997c154801fb73e89d60fb9c6")
                               << 32;
    QTest::newRow("SHA512 v3") << QByteArray("1c0106e600000000000000007f7f0101eec0c7efd034cca1e5a1b2c3d4e5f607"
                                             "eec0c7f0db521b57eec0c7f0db54d3a000000004aa39ab4ab3833464e6fb04a399"
                                             "2a7bc1d8b8d2affffa576afa6e89e58324b4a1b03d2bc4081e71287ed930a8f69f"
                                             "85a0066434fb819030449ffd588434fccd4a")
                               << 64;
}

void TestNtpAuth::chronydRepliesVerify()
{
    QFETCH(QByteArray, reply);
    QFETCH(int, digestBytes);
    const Bytes data = fromHex(reply.toStdString());
    const NtpParseResult parsed = parseNtpPacket(data);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.packet.macLength, std::size_t(4 + digestBytes));
    const KeyTable keys = chronydKeys();
    QCOMPARE(checkMac(data, parsed.packet, keys), MacCheck::Ok);

    // Our own MAC of the same bytes is chronyd's.
    Bytes ours(data.begin(), data.end() - 4 - digestBytes);
    appendMac(ours, *keys.find(parsed.packet.keyId));
    QCOMPARE(toHex(ours), toHex(data));
}

void TestNtpAuth::damagedMacsAreRefused()
{
    const KeyTable keys = chronydKeys();
    Bytes signedRequest = request(4);
    appendMac(signedRequest, *keys.find(5));
    const auto check = [&](const Bytes &data) {
        const NtpParseResult parsed = parseNtpPacket(data);
        return parsed.ok() ? checkMac(data, parsed.packet, keys) : MacCheck::BadLength;
    };
    QCOMPARE(check(signedRequest), MacCheck::Ok);

    // A flipped bit anywhere: in the header, in the digest.
    for (std::size_t at : {std::size_t(0), std::size_t(40), signedRequest.size() - 1}) {
        Bytes damaged = signedRequest;
        damaged[at] ^= 0x01;
        QCOMPARE(check(damaged), MacCheck::BadDigest);
    }
    // Another key ID: one we do not have, one of another type.
    Bytes unknown = signedRequest;
    unknown[kNtpHeaderLength + 3] = 9;
    QCOMPARE(check(unknown), MacCheck::UnknownKey);
    Bytes otherKey = signedRequest;
    otherKey[kNtpHeaderLength + 3] = 2; // SHA1 makes 20 bytes, this MAC has 16
    QCOMPARE(check(otherKey), MacCheck::BadLength);
    // Truncated to 12 bytes of digest: no MAC length at all (the parser refuses it).
    Bytes truncated(signedRequest.begin(), signedRequest.end() - 4);
    QVERIFY(!parseNtpPacket(truncated).ok());
    // An SHA256 MAC cut to 16 bytes in NTPv4 (chronyd refuses it too).
    Bytes sha256 = request(4);
    appendMac(sha256, *keys.find(3));
    sha256.resize(sha256.size() - 4);
    QCOMPARE(check(sha256), MacCheck::BadLength);
    // A crypto-NAK, no MAC.
    Bytes nak = request(4);
    nak.insert(nak.end(), 4, 0);
    QCOMPARE(check(nak), MacCheck::CryptoNak);
    QCOMPARE(check(request(4)), MacCheck::Missing);
}

void TestNtpAuth::digestLengthsFollowTheVersion()
{
    QCOMPARE(macDigestBytes(KeyType::Md5, 4), 16u);
    QCOMPARE(macDigestBytes(KeyType::Sha1, 4), 20u);
    QCOMPARE(macDigestBytes(KeyType::Sha256, 4), 20u);
    QCOMPARE(macDigestBytes(KeyType::Sha512, 4), 20u);
    QCOMPARE(macDigestBytes(KeyType::Aes128, 4), 16u);
    QCOMPARE(macDigestBytes(KeyType::Aes256, 4), 16u);
    QCOMPARE(macDigestBytes(KeyType::Sha256, 3), 32u);
    QCOMPARE(macDigestBytes(KeyType::Sha512, 3), 64u);
    QCOMPARE(macDigestBytes(KeyType::Md5, 3), 16u);
}

void TestNtpAuth::resignCoversTheTransmitTimestamp()
{
    const KeyTable keys = chronydKeys();
    for (std::uint32_t id = 1; id <= 6; ++id) {
        Bytes packet = request(4);
        appendMac(packet, *keys.find(id));
        writeTransmitTimestamp(packet, NtpTimestamp(0xeec0c7f0, 0x12345678));
        NtpParseResult parsed = parseNtpPacket(packet);
        QCOMPARE(checkMac(packet, parsed.packet, keys), MacCheck::BadDigest);
        resignMac(packet, *keys.find(id));
        parsed = parseNtpPacket(packet);
        QCOMPARE(checkMac(packet, parsed.packet, keys), MacCheck::Ok);
    }
}

void TestNtpAuth::keyFileReadsChronysFormat()
{
    // chrony.conf(5)'s example, comments of every kind, blank lines, tabs, CRLF.
    const KeyFileResult result =
        parseKeyFile("# comment\n"
                     "! comment\n"
                     "; comment\n"
                     "% comment\n"
                     "\n"
                     "   \n"
                     "10 tulip123456\n"
                     "11 hyacinth12\r\n"
                     "20 MD5 ASCII:crocus12345\n"
                     "25 SHA1 HEX:933F62BE1D604E68A81B557F18CFA200483F5B70\n"
                     "\t30\tAES128\tHEX:7EA62AE64D190114D46D5A082F948EC1\n"
                     "31 AES256 HEX:37DDCBC67BB902BCB8E995977FAB4D2B5642F5B32EBCEEE421921D97E5CBFE39\n"
                     "32 SHA3-256 HEX:0001020304050607080910111213141516171819\n"
                     "4294967295 SHA512 ASCII:last-key-id",
                     "chrony.keys");
    QCOMPARE(diagnostics(result), QStringList());
    QCOMPARE(result.keys.size(), 8u);
    QCOMPARE(result.keys.find(10)->type, KeyType::Md5);
    QCOMPARE(result.keys.find(10)->secret, ascii("tulip123456"));
    QCOMPARE(result.keys.find(11)->secret, ascii("hyacinth12"));
    QCOMPARE(result.keys.find(20)->secret, ascii("crocus12345"));
    QCOMPARE(result.keys.find(25)->type, KeyType::Sha1);
    QCOMPARE(result.keys.find(25)->secret, fromHex("933F62BE1D604E68A81B557F18CFA200483F5B70"));
    QCOMPARE(result.keys.find(30)->type, KeyType::Aes128);
    QCOMPARE(result.keys.find(30)->secret.size(), 16u);
    QCOMPARE(result.keys.find(31)->type, KeyType::Aes256);
    QCOMPARE(result.keys.find(32)->type, KeyType::Sha3_256);
    QCOMPARE(result.keys.find(4294967295u)->type, KeyType::Sha512);
    QVERIFY(!result.keys.find(1));
}

void TestNtpAuth::keyFileDamage_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("ID only") << QByteArray("7")
                             << "k:1:1: warning: expected a key ID, an optional type and a key, left out";
    QTest::newRow("four words") << QByteArray("7 MD5 HEX:00112233445566778899 extra")
                                << "k:1:1: warning: expected a key ID, an optional type and a key, left out";
    QTest::newRow("ID 0") << QByteArray("0 MD5 secretsecret")
                          << "k:1:1: warning: invalid key ID '0' (expected 1 to 4294967295), left out";
    QTest::newRow("ID too large") << QByteArray("4294967296 secretsecret")
                                  << "k:1:1: warning: invalid key ID '4294967296' (expected 1 to 4294967295), left out";
    QTest::newRow("ID not a number") << QByteArray("x7 secretsecret")
                                     << "k:1:1: warning: invalid key ID 'x7' (expected 1 to 4294967295), left out";
    QTest::newRow("negative ID") << QByteArray("-7 secretsecret")
                                 << "k:1:1: warning: invalid key ID '-7' (expected 1 to 4294967295), left out";
    QTest::newRow("unknown type")
        << QByteArray("7 TIGER secretsecret")
        << "k:1:3: warning: unknown key type 'TIGER' (expected MD5, SHA1, SHA256, SHA384, SHA512, SHA3-224, "
           "SHA3-256, SHA3-384, SHA3-512, AES128 or AES256), key 7 left out";
    QTest::newRow("lower-case type")
        << QByteArray("7 md5 secretsecret")
        << "k:1:3: warning: unknown key type 'md5' (expected MD5, SHA1, SHA256, SHA384, SHA512, SHA3-224, "
           "SHA3-256, SHA3-384, SHA3-512, AES128 or AES256), key 7 left out";
    QTest::newRow("odd hex") << QByteArray("7 SHA1 HEX:0011223344556677889")
                             << "k:1:8: warning: key 7: expected an even number of hexadecimal digits after HEX:, "
                                "left out";
    QTest::newRow("empty hex") << QByteArray("7 SHA1 HEX:")
                               << "k:1:8: warning: key 7: expected an even number of hexadecimal digits after HEX:, "
                                  "left out";
    QTest::newRow("bad hex digit") << QByteArray("7 SHA1 HEX:00112g3344556677889900")
                                   << "k:1:17: warning: key 7: not a hexadecimal digit, left out";
    QTest::newRow("empty ASCII") << QByteArray("7 SHA1 ASCII:") << "k:1:8: warning: key 7 is empty, left out";
    QTest::newRow("short AES128")
        << QByteArray("7 AES128 HEX:7EA62AE64D190114D46D5A082F948E")
        << "k:1:10: warning: AES128 needs a key of 16 bytes (128 bits), key 7 has 15, left out";
    QTest::newRow("long AES128")
        << QByteArray("7 AES128 HEX:7EA62AE64D190114D46D5A082F948EC100")
        << "k:1:10: warning: AES128 needs a key of 16 bytes (128 bits), key 7 has 17, left out";
    QTest::newRow("AES256 with an AES128 key")
        << QByteArray("7 AES256 HEX:7EA62AE64D190114D46D5A082F948EC1")
        << "k:1:10: warning: AES256 needs a key of 32 bytes (256 bits), key 7 has 16, left out";
    QTest::newRow("long line") << QByteArray("7 ") + QByteArray(2046, 'a')
                               << "k:1:1: warning: line longer than 2047 characters, left out";
}

void TestNtpAuth::keyFileDamage()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, message);
    // The damaged line is left out; the good lines around it are read.
    const std::string text = "1 SHA1 HEX:00112233445566778899AABBCCDDEEFF00112233\n" + line.toStdString()
                             + "\n2 MD5 ASCII:0123456789abcdef\n";
    KeyFileResult result = parseKeyFile(text, "k");
    QCOMPARE(result.keys.size(), 2u);
    QVERIFY(result.keys.find(1) && result.keys.find(2));
    QVERIFY(!result.keys.find(7));
    QCOMPARE(diagnostics(result).size(), 1);
    // Diagnostics name the line as the second of the file; the rows give it as line 1.
    message.replace("k:1:", "k:2:");
    QCOMPARE(diagnostics(result).front(), message);
    // No diagnostic repeats a key: secrets stay out of logs.
    QVERIFY(!diagnostics(result).front().contains("secretsecret"));
    QVERIFY(!diagnostics(result).front().contains("7EA62AE6"));
}

void TestNtpAuth::keyFileWarnings()
{
    const KeyFileResult result = parseKeyFile("1 short\n"
                                              "2 AES128 HEX:7EA62AE64D190114D46D5A082F948EC1\n"
                                              "1 SHA1 HEX:00112233445566778899AABBCCDDEEFF00112233\n",
                                              "k");
    QCOMPARE(diagnostics(result), QStringList({"k:1:3: warning: key 1 is shorter than 80 bits",
                                               "k:3:1: warning: key 1 is defined again, this one replaces the one "
                                               "on line 1"}));
    QCOMPARE(result.keys.size(), 2u);
    // chronyd 4.3 answers with the second key of an ID (checked on loopback).
    QCOMPARE(result.keys.find(1)->type, KeyType::Sha1);
    // A 128-bit cipher key is never "short".
    QCOMPARE(result.keys.find(2)->type, KeyType::Aes128);
}

void TestNtpAuth::hostReadsTheKeyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.keys");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("1 SHA1 HEX:00112233445566778899AABBCCDDEEFF00112233\n2 FOO secretsecret\n");
    file.close();

    // Readable by owner only: the keys, and the bad line as a warning at its place.
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    std::vector<std::string> warnings;
    KeyTable keys = loadKeyFile(path.toStdString(), warnings);
    QCOMPARE(keys.size(), 1u);
    QCOMPARE(warnings.size(), 1u);
    QVERIFY2(warnings[0].starts_with(path.toStdString() + ":2:3: warning: unknown key type 'FOO'"),
             warnings[0].c_str());

    // Readable by everyone: read, with a warning.
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    warnings.clear();
    keys = loadKeyFile(path.toStdString(), warnings);
    QCOMPARE(keys.size(), 1u);
    QCOMPARE(warnings.size(), 2u);
    QVERIFY2(warnings[0].find("is readable by every user") != std::string::npos, warnings[0].c_str());

    // Missing: no keys, a warning; none configured: nothing at all.
    warnings.clear();
    QVERIFY(loadKeyFile(dir.filePath("missing.keys").toStdString(), warnings).empty());
    QCOMPARE(warnings.size(), 1u);
    QVERIFY2(warnings[0].find("cannot be read") != std::string::npos, warnings[0].c_str());
    warnings.clear();
    QVERIFY(loadKeyFile("", warnings).empty());
    QVERIFY(warnings.empty());
}

void TestNtpAuth::signedRequestGetsSignedReply_data()
{
    QTest::addColumn<int>("keyId");
    QTest::addColumn<int>("version");
    QTest::newRow("MD5") << 1 << 4;
    QTest::newRow("SHA1") << 2 << 4;
    QTest::newRow("SHA256 v4") << 3 << 4;
    QTest::newRow("SHA512 v4") << 4 << 4;
    QTest::newRow("AES128") << 5 << 4;
    QTest::newRow("AES256") << 6 << 4;
    QTest::newRow("SHA256 v3") << 3 << 3;
    QTest::newRow("SHA512 v3") << 4 << 3;
}

void TestNtpAuth::signedRequestGetsSignedReply()
{
    QFETCH(int, keyId);
    QFETCH(int, version);
    const KeyTable keys = chronydKeys();
    NtpResponder responder = openResponder(&keys);
    Bytes signedRequest = request(version);
    appendMac(signedRequest, *keys.find(std::uint32_t(keyId)));
    const NtpResponse response = responder.handle(signedRequest, false, kClient, kReceive, served());
    QVERIFY(response.reply.has_value());
    QCOMPARE(response.macKeyId, std::uint32_t(keyId));
    // Exactly the request's length: header and a MAC of the same key.
    QCOMPARE(response.reply->size(), signedRequest.size());
    const NtpParseResult parsed = parseNtpPacket(*response.reply);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.packet.keyId, std::uint32_t(keyId));
    QCOMPARE(parsed.packet.header.version, std::uint8_t(version));
    QCOMPARE(checkMac(*response.reply, parsed.packet, keys), MacCheck::Ok);
    QCOMPARE(responder.stats().authenticatedRequests, 1u);
    QCOMPARE(responder.stats().droppedTotal(), 0u);
}

void TestNtpAuth::badlySignedRequestsGetACryptoNak_data()
{
    QTest::addColumn<int>("damage");
    QTest::newRow("bad digest") << 0;
    QTest::newRow("unknown key") << 1;
    QTest::newRow("MAC of another length") << 2;
    QTest::newRow("no keys at all") << 3;
}

void TestNtpAuth::badlySignedRequestsGetACryptoNak()
{
    QFETCH(int, damage);
    const KeyTable keys = chronydKeys();
    Bytes data = request(4);
    appendMac(data, *keys.find(2));
    if (damage == 0)
        data.back() ^= 0x80;
    if (damage == 1)
        data[kNtpHeaderLength + 3] = 77;
    if (damage == 2)
        data[kNtpHeaderLength + 3] = 1; // MD5 makes 16 bytes, this MAC has 20
    NtpResponder responder = openResponder(damage == 3 ? nullptr : &keys);
    // RFC 5905's crypto-NAK: the header and a key ID of 0, no digest, and no time counted as served.
    const NtpResponse response = responder.handle(data, false, kClient, kReceive, served());
    QVERIFY(response.reply.has_value());
    QCOMPARE(response.reply->size(), kNtpHeaderLength + kNtpCryptoNakLength);
    QVERIFY(response.reply->size() < data.size());
    const NtpParseResult parsed = parseNtpPacket(*response.reply);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.packet.mac, NtpMacKind::CryptoNak);
    QCOMPARE(parsed.packet.keyId, 0u);
    QCOMPARE(response.macKeyId, 0u);
    QCOMPARE(response.verdict, NtpRequestVerdict::Unanswered);
    QCOMPARE(responder.stats().droppedAuth, 1u);
    QCOMPARE(responder.stats().droppedTotal(), 1u);
    QCOMPARE(responder.stats().repliesSent, 0u);
    QCOMPARE(responder.stats().authenticatedRequests, 0u);

    // Over the rate limit it gets nothing, like any other request.
    const NtpRequestCheck checked = responder.check(data, false, kClient);
    QCOMPARE(checked.verdict, NtpRequestVerdict::Answered);
    const NtpResponse dropped = responder.answer(checked, kClient, RateDecision::Drop, 0, kReceive, served());
    QVERIFY(!dropped.reply.has_value());
    QCOMPARE(responder.stats().droppedAuth, 1u);
    QCOMPARE(responder.stats().droppedRateLimited, 1u);
}

QTEST_APPLESS_MAIN(TestNtpAuth)
#include "tst_ntpauth.moc"
