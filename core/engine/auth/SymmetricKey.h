// A symmetric key of the keyfile (chrony's format): its ID, the hash function or cipher that
// makes its MACs (RFC 5905 section 7.3: the hash of key and packet; RFC 8573: AES-CMAC), and
// the secret bytes. The bytes never leave the engine's authentication code: snapshots, logs
// and the control protocol carry the ID, the type and the length only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace s1 {

enum class KeyType : std::uint8_t {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    Aes128, // AES-CMAC (RFC 8573)
    Aes256,
};

// chrony's names ("MD5", "SHA1", "SHA3-256", "AES128", ...).
std::string_view keyTypeName(KeyType type);
// The type a keyfile names, or nothing for a name chrony does not know or we cannot compute
// (TIGER, WHIRLPOOL). Names are matched case-sensitively, as chronyd does.
std::optional<KeyType> keyTypeFromName(std::string_view name);
bool isCipher(KeyType type);
// The length a cipher's key must have (bytes); 0 for hash functions, which take any length.
std::size_t cipherKeyBytes(KeyType type);
// The whole MAC a key makes before any truncation (bytes): the hash's output, or 16 for
// AES-CMAC.
std::size_t fullDigestBytes(KeyType type);

struct SymmetricKey
{
    std::uint32_t id = 0;
    KeyType type = KeyType::Md5;
    std::vector<std::uint8_t> secret;

    friend bool operator==(const SymmetricKey &, const SymmetricKey &) = default;
};

} // namespace s1
