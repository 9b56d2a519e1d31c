#include "ntp/NtpPacket.h"

#include <cassert>

namespace s1 {

namespace {

// Byte 0 packs LI (2 bits), VN (3 bits) and Mode (3 bits), most significant first.
constexpr int kLeapShift = 6;
constexpr int kVersionShift = 3;
constexpr std::uint8_t kLeapMask = 0x3;
constexpr std::uint8_t kVersionMask = 0x7;
constexpr std::uint8_t kModeMask = 0x7;

// Header field offsets in bytes (RFC 5905 figure 8).
constexpr std::size_t kLiVnModeOffset = 0;
constexpr std::size_t kStratumOffset = 1;
constexpr std::size_t kPollOffset = 2;
constexpr std::size_t kPrecisionOffset = 3;
constexpr std::size_t kRootDelayOffset = 4;
constexpr std::size_t kRootDispersionOffset = 8;
constexpr std::size_t kReferenceIdOffset = 12;
constexpr std::size_t kReferenceTimeOffset = 16;
constexpr std::size_t kOriginTimeOffset = 24;
constexpr std::size_t kReceiveTimeOffset = 32;

constexpr std::size_t kWordLength = 4;

// RFC 7822 extension field header: 16-bit type then 16-bit length, the length counting the
// header itself.
constexpr std::size_t kExtensionFieldLengthOffset = 2;

constexpr int kBitsPerByte = 8;

// Callers check bounds before every read and write; the asserts document that contract.
std::uint16_t readU16(std::span<const std::uint8_t> data, std::size_t offset)
{
    assert(offset + sizeof(std::uint16_t) <= data.size());
    return static_cast<std::uint16_t>((data[offset] << kBitsPerByte) | data[offset + 1]);
}

std::uint32_t readU32(std::span<const std::uint8_t> data, std::size_t offset)
{
    assert(offset + sizeof(std::uint32_t) <= data.size());
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < sizeof(std::uint32_t); ++i) {
        value = (value << kBitsPerByte) | data[offset + i];
    }
    return value;
}

NtpTimestamp readTimestamp(std::span<const std::uint8_t> data, std::size_t offset)
{
    return NtpTimestamp(readU32(data, offset), readU32(data, offset + sizeof(std::uint32_t)));
}

void writeU32(std::span<std::uint8_t> data, std::size_t offset, std::uint32_t value)
{
    assert(offset + sizeof(std::uint32_t) <= data.size());
    for (std::size_t i = 0; i < sizeof(std::uint32_t); ++i) {
        const auto shift = kBitsPerByte * (sizeof(std::uint32_t) - 1 - i);
        data[offset + i] = static_cast<std::uint8_t>(value >> shift);
    }
}

void writeTimestamp(std::span<std::uint8_t> data, std::size_t offset, NtpTimestamp t)
{
    writeU32(data, offset, t.seconds());
    writeU32(data, offset + sizeof(std::uint32_t), t.fraction());
}

NtpHeader parseHeader(std::span<const std::uint8_t> data)
{
    assert(data.size() >= kNtpHeaderLength);
    NtpHeader h;
    const std::uint8_t lvm = data[kLiVnModeOffset];
    h.leap = static_cast<LeapIndicator>((lvm >> kLeapShift) & kLeapMask);
    h.version = static_cast<std::uint8_t>((lvm >> kVersionShift) & kVersionMask);
    h.mode = static_cast<NtpMode>(lvm & kModeMask);
    h.stratum = data[kStratumOffset];
    h.poll = static_cast<std::int8_t>(data[kPollOffset]);
    h.precision = static_cast<std::int8_t>(data[kPrecisionOffset]);
    h.rootDelay = NtpShort::fromRaw(readU32(data, kRootDelayOffset));
    h.rootDispersion = NtpShort::fromRaw(readU32(data, kRootDispersionOffset));
    h.referenceId = readU32(data, kReferenceIdOffset);
    h.referenceTime = readTimestamp(data, kReferenceTimeOffset);
    h.originTime = readTimestamp(data, kOriginTimeOffset);
    h.receiveTime = readTimestamp(data, kReceiveTimeOffset);
    h.transmitTime = readTimestamp(data, kNtpTransmitTimestampOffset);
    return h;
}

void setMac(ParsedNtpPacket &packet, std::span<const std::uint8_t> data, std::size_t offset)
{
    const std::size_t length = data.size() - offset;
    packet.mac = length == kNtpCryptoNakLength ? NtpMacKind::CryptoNak : NtpMacKind::SymmetricKey;
    packet.keyId = readU32(data, offset);
    packet.macLength = length;
}

// RFC 7822 field types of NTS (RFC 8915 section 5.7): a request carrying one asks for NTS
// authentication.
constexpr std::uint16_t kNtsUniqueIdentifierField = 0x0104;
constexpr std::uint16_t kNtsCookieField = 0x0204;
constexpr std::uint16_t kNtsCookiePlaceholderField = 0x0304;
constexpr std::uint16_t kNtsAuthenticatorField = 0x0404;

bool isNtsField(std::uint16_t type)
{
    return type == kNtsUniqueIdentifierField || type == kNtsCookieField || type == kNtsCookiePlaceholderField
           || type == kNtsAuthenticatorField;
}

// Walks everything after the header. Rules, in this order, with `remainder` the unparsed bytes
// (always a multiple of 4 here); they accept exactly what chronyd accepts:
//
// NTPv1-3 have no extension fields, so the whole remainder is a MAC:
//   0 -> none; 4 -> crypto-NAK; kNtpMinMacLength..kNtpMaxMacLength -> key ID + digest;
//   anything else -> TrailingGarbage (no digest is shorter than MD5's 16 bytes).
//
// NTPv4:
//   0. Exactly 4 bytes after the header holding key ID 0 -> crypto-NAK, done. Any other 4-byte
//      trailer is garbage: no extension field or MAC is that short.
//   Then loop:
//   1. 0 -> done.
//   2. kNtpMinMacLength..kNtpMaxV4MacLength (20 or 24) -> key ID + digest, done. This comes
//      before the extension field check: RFC 7822 section 7.5 caps an NTPv4 MAC at 24 bytes so
//      that parsing is deterministic, and reading 20 or 24 bytes as a field would misparse key
//      IDs whose low 16 bits are 16, 20 or 24.
//   3. Less than kNtpMinExtensionFieldLength -> TrailingGarbage: too short for a field or MAC.
//   4. Up to kNtpMaxV4MacLength (that is 16) -> BadExtensionField: RFC 7822 requires the last
//      field of a packet without a MAC to be at least 28 bytes long, so a 16-byte last field
//      is not valid (chronyd drops such packets too).
//   5. A field header whose length is >= 16, a multiple of 4 and fits -> one extension field,
//      skip it and loop; otherwise BadExtensionField.
NtpParseError parseTrailer(std::span<const std::uint8_t> data, ParsedNtpPacket &packet)
{
    std::size_t parsed = kNtpHeaderLength;

    if (packet.header.version < kNtpVersion) {
        const std::size_t remainder = data.size() - parsed;
        if (remainder == 0) {
            return NtpParseError::None;
        }
        if (remainder == kNtpCryptoNakLength || (remainder >= kNtpMinMacLength && remainder <= kNtpMaxMacLength)) {
            setMac(packet, data, parsed);
            return NtpParseError::None;
        }
        return NtpParseError::TrailingGarbage;
    }

    if (data.size() - parsed == kNtpCryptoNakLength) {
        if (readU32(data, parsed) != 0) {
            return NtpParseError::TrailingGarbage;
        }
        setMac(packet, data, parsed);
        return NtpParseError::None;
    }

    for (;;) {
        const std::size_t remainder = data.size() - parsed;
        if (remainder == 0) {
            return NtpParseError::None;
        }
        if (remainder >= kNtpMinMacLength && remainder <= kNtpMaxV4MacLength) {
            setMac(packet, data, parsed);
            return NtpParseError::None;
        }
        if (remainder < kNtpMinExtensionFieldLength) {
            return NtpParseError::TrailingGarbage;
        }
        if (remainder <= kNtpMaxV4MacLength) {
            return NtpParseError::BadExtensionField;
        }
        const std::uint16_t fieldType = readU16(data, parsed);
        const std::size_t fieldLength = readU16(data, parsed + kExtensionFieldLengthOffset);
        if (fieldLength < kNtpMinExtensionFieldLength || fieldLength % kWordLength != 0 || fieldLength > remainder) {
            return NtpParseError::BadExtensionField;
        }
        ++packet.extensionFieldCount;
        packet.ntsFields = packet.ntsFields || isNtsField(fieldType);
        parsed += fieldLength;
    }
}

} // namespace

const char *toString(NtpParseError error)
{
    switch (error) {
    case NtpParseError::None:
        return "no error";
    case NtpParseError::TooShort:
        return "too short";
    case NtpParseError::BadLength:
        return "length not a multiple of 4";
    case NtpParseError::UnsupportedVersion:
        return "unsupported version";
    case NtpParseError::BadExtensionField:
        return "bad extension field";
    case NtpParseError::TrailingGarbage:
        return "trailing garbage";
    }
    // Only reachable through a cast of an out-of-range value.
    return "unknown error";
}

NtpParseResult parseNtpPacket(std::span<const std::uint8_t> data)
{
    NtpParseResult result;
    if (data.size() < kNtpHeaderLength) {
        result.error = NtpParseError::TooShort;
        return result;
    }

    // The header is filled in even when a later check fails, so that callers can log what
    // they rejected; everything else is only meaningful on success.
    result.packet.header = parseHeader(data);

    if (data.size() % kWordLength != 0) {
        result.error = NtpParseError::BadLength;
        return result;
    }
    const std::uint8_t version = result.packet.header.version;
    if (version < kNtpMinVersion || version > kNtpVersion) {
        result.error = NtpParseError::UnsupportedVersion;
        return result;
    }

    result.error = parseTrailer(data, result.packet);
    if (result.ok()) {
        result.packet.length = data.size();
    } else {
        const NtpHeader header = result.packet.header;
        result.packet = ParsedNtpPacket{};
        result.packet.header = header;
    }
    return result;
}

std::array<std::uint8_t, kNtpHeaderLength> serializeNtpHeader(const NtpHeader &header)
{
    std::array<std::uint8_t, kNtpHeaderLength> out{};
    out[kLiVnModeOffset] = static_cast<std::uint8_t>(
        ((static_cast<std::uint8_t>(header.leap) & kLeapMask) << kLeapShift)
        | ((header.version & kVersionMask) << kVersionShift) | (static_cast<std::uint8_t>(header.mode) & kModeMask));
    out[kStratumOffset] = header.stratum;
    out[kPollOffset] = static_cast<std::uint8_t>(header.poll);
    out[kPrecisionOffset] = static_cast<std::uint8_t>(header.precision);
    writeU32(out, kRootDelayOffset, header.rootDelay.raw());
    writeU32(out, kRootDispersionOffset, header.rootDispersion.raw());
    writeU32(out, kReferenceIdOffset, header.referenceId);
    writeTimestamp(out, kReferenceTimeOffset, header.referenceTime);
    writeTimestamp(out, kOriginTimeOffset, header.originTime);
    writeTimestamp(out, kReceiveTimeOffset, header.receiveTime);
    writeTimestamp(out, kNtpTransmitTimestampOffset, header.transmitTime);
    return out;
}

void writeTransmitTimestamp(std::span<std::uint8_t> packet, NtpTimestamp transmit)
{
    if (packet.size() < kNtpHeaderLength) {
        return;
    }
    writeTimestamp(packet, kNtpTransmitTimestampOffset, transmit);
}

NtpTimestamp readReceiveTimestamp(std::span<const std::uint8_t> packet)
{
    if (packet.size() < kNtpHeaderLength)
        return {};
    return readTimestamp(packet, kReceiveTimeOffset);
}

NtpTimestamp readTransmitTimestamp(std::span<const std::uint8_t> packet)
{
    if (packet.size() < kNtpHeaderLength)
        return {};
    return readTimestamp(packet, kNtpTransmitTimestampOffset);
}

} // namespace s1
