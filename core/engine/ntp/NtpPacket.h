// NTPv4 packet codec (RFC 5905) with RFC 7822 extension-field walking and MAC detection.
//
// Parsing is strict about structure (lengths, field framing) and lenient about values: checks
// that depend on protocol state (origin matching, stratum, leap) belong to the client and
// server logic, which get every field here.
#pragma once

#include "ntp/NtpTimestamp.h"
#include "ntp/NtpTypes.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace s1 {

constexpr std::size_t kNtpHeaderLength = 48;
constexpr std::size_t kNtpTransmitTimestampOffset = 40;
// Lengths after the header that are taken as a MAC: key ID alone (crypto-NAK), key ID + MD5,
// key ID + SHA-1; NTPv3 and older may carry longer digests.
constexpr std::size_t kNtpCryptoNakLength = 4;
constexpr std::size_t kNtpMinMacLength = 4 + 16;
constexpr std::size_t kNtpMaxV4MacLength = 4 + 20;
constexpr std::size_t kNtpMaxMacLength = 4 + 64;
constexpr std::size_t kNtpMinExtensionFieldLength = 16;
constexpr std::uint8_t kNtpVersion = 4;
constexpr std::uint8_t kNtpMinVersion = 1;

// Reference IDs a stratum-0 (kiss-o'-death) packet carries (RFC 5905 section 7.4).
constexpr std::uint32_t kKissRate = 0x52415445;     // "RATE"
constexpr std::uint32_t kKissDeny = 0x44454e59;     // "DENY"
constexpr std::uint32_t kKissRestrict = 0x52535452; // "RSTR"

// The fixed 48-byte header.
struct NtpHeader
{
    LeapIndicator leap = LeapIndicator::None;
    std::uint8_t version = kNtpVersion;
    NtpMode mode = NtpMode::Client;
    std::uint8_t stratum = 0;
    std::int8_t poll = 0;      // log2 seconds
    std::int8_t precision = 0; // log2 seconds
    NtpShort rootDelay;
    NtpShort rootDispersion;
    std::uint32_t referenceId = 0;
    NtpTimestamp referenceTime;
    NtpTimestamp originTime;
    NtpTimestamp receiveTime;
    NtpTimestamp transmitTime;

    friend bool operator==(const NtpHeader &, const NtpHeader &) = default;
};

enum class NtpMacKind : std::uint8_t {
    None,
    CryptoNak,    // a lone key ID with no digest (NTPv4: always key ID 0)
    SymmetricKey, // key ID followed by a digest
};

enum class NtpParseError : std::uint8_t {
    None,
    TooShort,           // shorter than the 48-byte header
    BadLength,          // not a whole number of 32-bit words
    UnsupportedVersion, // version 0 or above 4
    BadExtensionField,  // an extension field whose framing does not fit the packet
    TrailingGarbage,    // bytes after the header that are neither extension fields nor a MAC
};

const char *toString(NtpParseError error);

struct ParsedNtpPacket
{
    NtpHeader header;
    std::size_t length = 0;
    int extensionFieldCount = 0;
    bool ntsFields = false; // an NTS field (RFC 8915) is among them: the sender wants NTS
    NtpMacKind mac = NtpMacKind::None;
    std::uint32_t keyId = 0;
    std::size_t macLength = 0; // including the 4-byte key ID
};

struct NtpParseResult
{
    NtpParseError error = NtpParseError::None;
    ParsedNtpPacket packet;

    bool ok() const { return error == NtpParseError::None; }
};

NtpParseResult parseNtpPacket(std::span<const std::uint8_t> data);

std::array<std::uint8_t, kNtpHeaderLength> serializeNtpHeader(const NtpHeader &header);

// Overwrites the transmit timestamp of an already serialised packet in place; hosts use it to
// stamp a reply as late as possible before it goes to the kernel.
void writeTransmitTimestamp(std::span<std::uint8_t> packet, NtpTimestamp transmit);
// The timestamps of a serialised packet, for the host's transmit reports; zero when the packet
// is shorter than a header.
NtpTimestamp readReceiveTimestamp(std::span<const std::uint8_t> packet);
NtpTimestamp readTransmitTimestamp(std::span<const std::uint8_t> packet);

// chronyd marks the timestamps of its server and symmetric passive replies: the lowest bit of
// the receive timestamp set, that of the transmit timestamp clear (2^-32 s, far below any
// clock's precision). An interleaved request names one of our receive timestamps as its
// origin, so only requests whose origin carries the bit need a look in the client log, and a
// reply's transmit timestamp never equals its receive timestamp.
constexpr std::uint32_t kServerReceiveFlag = 1;
constexpr NtpTimestamp withServerReceiveFlag(NtpTimestamp t)
{
    return NtpTimestamp(t.seconds(), t.fraction() | kServerReceiveFlag);
}
constexpr NtpTimestamp withoutServerReceiveFlag(NtpTimestamp t)
{
    return NtpTimestamp(t.seconds(), t.fraction() & ~kServerReceiveFlag);
}
constexpr bool hasServerReceiveFlag(NtpTimestamp t)
{
    return (t.fraction() & kServerReceiveFlag) != 0;
}

} // namespace s1
