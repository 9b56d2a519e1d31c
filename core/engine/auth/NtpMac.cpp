#include "auth/NtpMac.h"

#include <nettle/cmac.h>
#include <nettle/memops.h>
#include <nettle/nettle-meta.h>
#include <nettle/sha2.h>
#include <nettle/sha3.h>

#include <algorithm>
#include <array>

namespace s1 {

namespace {

constexpr std::uint8_t kVersionShift = 3;
constexpr std::uint8_t kVersionMask = 0x07;

int packetVersion(std::span<const std::uint8_t> packet)
{
    return packet.empty() ? kNtpVersion : (packet[0] >> kVersionShift) & kVersionMask;
}

const nettle_hash *hashOf(KeyType type)
{
    switch (type) {
    case KeyType::Md5:
        return &nettle_md5;
    case KeyType::Sha1:
        return &nettle_sha1;
    case KeyType::Sha256:
        return &nettle_sha256;
    case KeyType::Sha384:
        return &nettle_sha384;
    case KeyType::Sha512:
        return &nettle_sha512;
    case KeyType::Sha3_224:
        return &nettle_sha3_224;
    case KeyType::Sha3_256:
        return &nettle_sha3_256;
    case KeyType::Sha3_384:
        return &nettle_sha3_384;
    case KeyType::Sha3_512:
        return &nettle_sha3_512;
    case KeyType::Aes128:
    case KeyType::Aes256:
        break;
    }
    return nullptr;
}

// Big enough for every Nettle hash context (SHA-3's is the largest, about 350 bytes).
constexpr std::size_t kHashContextBytes = 512;

std::array<std::uint8_t, kNtpMaxDigestBytes> fullDigest(const SymmetricKey &key, std::span<const std::uint8_t> data)
{
    std::array<std::uint8_t, kNtpMaxDigestBytes> out{};
    if (key.type == KeyType::Aes128) {
        cmac_aes128_ctx context;
        cmac_aes128_set_key(&context, key.secret.data());
        cmac_aes128_update(&context, data.size(), data.data());
        cmac_aes128_digest(&context, CMAC128_DIGEST_SIZE, out.data());
        return out;
    }
    if (key.type == KeyType::Aes256) {
        cmac_aes256_ctx context;
        cmac_aes256_set_key(&context, key.secret.data());
        cmac_aes256_update(&context, data.size(), data.data());
        cmac_aes256_digest(&context, CMAC128_DIGEST_SIZE, out.data());
        return out;
    }
    // RFC 5905's MAC: the hash of the key followed by the packet.
    const nettle_hash *hash = hashOf(key.type);
    alignas(std::max_align_t) std::array<std::uint8_t, kHashContextBytes> context;
    static_assert(sizeof(sha3_512_ctx) <= kHashContextBytes && sizeof(sha512_ctx) <= kHashContextBytes);
    hash->init(context.data());
    hash->update(context.data(), key.secret.size(), key.secret.data());
    hash->update(context.data(), data.size(), data.data());
    hash->digest(context.data(), hash->digest_size, out.data());
    return out;
}

void writeKeyId(std::uint8_t *out, std::uint32_t id)
{
    out[0] = static_cast<std::uint8_t>(id >> 24);
    out[1] = static_cast<std::uint8_t>(id >> 16);
    out[2] = static_cast<std::uint8_t>(id >> 8);
    out[3] = static_cast<std::uint8_t>(id);
}

} // namespace

std::size_t macDigestBytes(KeyType type, int version)
{
    return std::min(fullDigestBytes(type), version >= kNtpVersion ? kNtpV4MaxDigestBytes : kNtpMaxDigestBytes);
}

std::vector<std::uint8_t> computeDigest(const SymmetricKey &key, std::span<const std::uint8_t> data, std::size_t length)
{
    const auto digest = fullDigest(key, data);
    length = std::min(length, fullDigestBytes(key.type));
    return {digest.begin(), digest.begin() + static_cast<std::ptrdiff_t>(length)};
}

void appendMac(std::vector<std::uint8_t> &packet, const SymmetricKey &key)
{
    const std::size_t digestBytes = macDigestBytes(key.type, packetVersion(packet));
    const auto digest = fullDigest(key, packet);
    const std::size_t at = packet.size();
    packet.resize(at + kNtpKeyIdBytes + digestBytes);
    writeKeyId(packet.data() + at, key.id);
    std::copy_n(digest.begin(), digestBytes, packet.begin() + static_cast<std::ptrdiff_t>(at + kNtpKeyIdBytes));
}

void resignMac(std::span<std::uint8_t> packet, const SymmetricKey &key)
{
    const std::size_t digestBytes = macDigestBytes(key.type, packetVersion(packet));
    if (packet.size() < kNtpHeaderLength + kNtpKeyIdBytes + digestBytes)
        return;
    const std::size_t signedBytes = packet.size() - kNtpKeyIdBytes - digestBytes;
    const auto digest = fullDigest(key, packet.first(signedBytes));
    std::copy_n(digest.begin(), digestBytes,
                packet.begin() + static_cast<std::ptrdiff_t>(signedBytes + kNtpKeyIdBytes));
}

const char *toString(MacCheck check)
{
    switch (check) {
    case MacCheck::Ok:
        return "authenticated";
    case MacCheck::Missing:
        return "no MAC";
    case MacCheck::CryptoNak:
        return "crypto-NAK";
    case MacCheck::UnknownKey:
        return "unknown key";
    case MacCheck::BadLength:
        return "MAC of the wrong length";
    case MacCheck::BadDigest:
        return "bad MAC";
    }
    return "?";
}

MacCheck checkMac(std::span<const std::uint8_t> data, const ParsedNtpPacket &parsed, const KeyTable &keys)
{
    if (parsed.mac == NtpMacKind::None)
        return MacCheck::Missing;
    if (parsed.mac == NtpMacKind::CryptoNak)
        return MacCheck::CryptoNak;
    const SymmetricKey *key = keys.find(parsed.keyId);
    if (!key)
        return MacCheck::UnknownKey;
    const std::size_t digestBytes = macDigestBytes(key->type, parsed.header.version);
    if (parsed.macLength != kNtpKeyIdBytes + digestBytes || data.size() < parsed.length
        || parsed.length < parsed.macLength)
        return MacCheck::BadLength;
    const std::size_t signedBytes = parsed.length - parsed.macLength;
    const auto digest = fullDigest(*key, data.first(signedBytes));
    // Compared in constant time: how much of a forged digest matched must not show in timing.
    return memeql_sec(digest.data(), data.data() + signedBytes + kNtpKeyIdBytes, digestBytes) ? MacCheck::Ok
                                                                                              : MacCheck::BadDigest;
}

} // namespace s1
