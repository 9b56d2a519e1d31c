#include "auth/SymmetricKey.h"

#include <array>

namespace s1 {

namespace {

struct KeyTypeInfo
{
    KeyType type;
    std::string_view name;
    std::size_t digestBytes;
    std::size_t cipherKeyBytes; // 0: a hash function
};

constexpr std::size_t kCmacBytes = 16;

constexpr auto kKeyTypes = std::to_array<KeyTypeInfo>({
    {KeyType::Md5, "MD5", 16, 0},
    {KeyType::Sha1, "SHA1", 20, 0},
    {KeyType::Sha256, "SHA256", 32, 0},
    {KeyType::Sha384, "SHA384", 48, 0},
    {KeyType::Sha512, "SHA512", 64, 0},
    {KeyType::Sha3_224, "SHA3-224", 28, 0},
    {KeyType::Sha3_256, "SHA3-256", 32, 0},
    {KeyType::Sha3_384, "SHA3-384", 48, 0},
    {KeyType::Sha3_512, "SHA3-512", 64, 0},
    {KeyType::Aes128, "AES128", kCmacBytes, 16},
    {KeyType::Aes256, "AES256", kCmacBytes, 32},
});

const KeyTypeInfo &info(KeyType type)
{
    return kKeyTypes[static_cast<std::size_t>(type)];
}

} // namespace

std::string_view keyTypeName(KeyType type)
{
    return info(type).name;
}

std::optional<KeyType> keyTypeFromName(std::string_view name)
{
    for (const KeyTypeInfo &t : kKeyTypes)
        if (t.name == name)
            return t.type;
    return std::nullopt;
}

bool isCipher(KeyType type)
{
    return info(type).cipherKeyBytes != 0;
}

std::size_t cipherKeyBytes(KeyType type)
{
    return info(type).cipherKeyBytes;
}

std::size_t fullDigestBytes(KeyType type)
{
    return info(type).digestBytes;
}

} // namespace s1
