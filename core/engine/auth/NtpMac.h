// NTP's symmetric-key MACs (RFC 5905 section 7.3, RFC 8573): key ID then digest after the
// header and extension fields. The digest is the hash of key and packet (MD5, SHA-1, SHA-2,
// SHA-3) or the packet's AES-CMAC, computed by Nettle. chronyd's lengths: an NTPv4 MAC's digest
// is cut to 20 bytes (RFC 7822 caps an NTPv4 MAC at 24 bytes so that it cannot be taken for an
// extension field), older versions carry up to 64; a MAC must have exactly the length its key
// makes for the packet's version.
#pragma once

#include "auth/KeyTable.h"
#include "ntp/NtpPacket.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace s1 {

constexpr std::size_t kNtpV4MaxDigestBytes = kNtpMaxV4MacLength - 4;
constexpr std::size_t kNtpMaxDigestBytes = kNtpMaxMacLength - 4;
constexpr std::size_t kNtpKeyIdBytes = 4;

// How many digest bytes a MAC of `type` carries in a packet of NTP `version`.
std::size_t macDigestBytes(KeyType type, int version);

// The digest of `data` under `key`, its first `length` bytes (at most the full digest).
std::vector<std::uint8_t> computeDigest(const SymmetricKey &key, std::span<const std::uint8_t> data,
                                        std::size_t length);

// Appends key ID and digest to `packet` (a header and its extension fields, the version taken
// from the header).
void appendMac(std::vector<std::uint8_t> &packet, const SymmetricKey &key);

// Recomputes the digest of a packet that already ends in a MAC of `key` (made by appendMac),
// after a change of its bytes such as the transmit timestamp written just before sending.
void resignMac(std::span<std::uint8_t> packet, const SymmetricKey &key);

enum class MacCheck : std::uint8_t {
    Ok,
    Missing,    // no MAC at all
    CryptoNak,  // a key ID alone
    UnknownKey, // a key ID the table does not have
    BadLength,  // not the length that key makes for this version
    BadDigest,  // the digest does not match
};

const char *toString(MacCheck check);

// Checks the MAC of `data`, which `parsed` is the parse of.
MacCheck checkMac(std::span<const std::uint8_t> data, const ParsedNtpPacket &parsed, const KeyTable &keys);

} // namespace s1
