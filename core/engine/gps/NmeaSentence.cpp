#include "gps/NmeaSentence.h"

#include <cstdint>

namespace s1 {

namespace {

constexpr std::size_t kTalkerLength = 2;
constexpr std::size_t kChecksumDigits = 2;
constexpr char kProprietaryMark = 'P';
constexpr unsigned char kFirstPrintable = 0x20;
constexpr unsigned char kLastPrintable = 0x7e;
constexpr int kHexRadix = 16;
constexpr int kDecimalDigits = 10;

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + kDecimalDigits;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + kDecimalDigits;
    return -1;
}

} // namespace

std::optional<NmeaSentence> NmeaSentence::parse(std::string_view line, Error *error)
{
    auto fail = [error](Error e) -> std::optional<NmeaSentence> {
        if (error)
            *error = e;
        return std::nullopt;
    };
    if (error)
        *error = Error::None;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.remove_suffix(1);
    if (line.size() > kMaxLength)
        return fail(Error::TooLong);
    if (line.size() < kMinLength)
        return fail(Error::TooShort);
    if (line.front() != '$' && line.front() != '!')
        return fail(Error::BadStart);

    const std::size_t star = line.find('*');
    const std::string_view body = line.substr(1, star == std::string_view::npos ? std::string_view::npos : star - 1);
    std::uint8_t sum = 0;
    for (char c : body) {
        const auto u = static_cast<unsigned char>(c);
        if (u < kFirstPrintable || u > kLastPrintable || c == '$' || c == '!')
            return fail(Error::BadCharacter);
        sum ^= u;
    }

    NmeaSentence s;
    s.m_encapsulated = line.front() == '!';
    if (star != std::string_view::npos) {
        const std::string_view digits = line.substr(star + 1);
        if (digits.size() != kChecksumDigits)
            return fail(Error::BadChecksumDigits);
        const int hi = hexDigit(digits[0]);
        const int lo = hexDigit(digits[1]);
        if (hi < 0 || lo < 0)
            return fail(Error::BadChecksumDigits);
        if (hi * kHexRadix + lo != sum)
            return fail(Error::ChecksumMismatch);
        s.m_hadChecksum = true;
    }

    const std::size_t comma = body.find(',');
    s.m_address = std::string(body.substr(0, comma));
    if (s.m_address.empty())
        return fail(Error::TooShort);
    s.m_proprietary = s.m_address.front() == kProprietaryMark;
    if (!s.m_hadChecksum && !s.m_proprietary)
        return fail(Error::MissingChecksum);
    if (s.m_proprietary) {
        s.m_formatter = s.m_address.substr(1);
    } else {
        if (s.m_address.size() <= kTalkerLength)
            return fail(Error::TooShort);
        s.m_talker = s.m_address.substr(0, kTalkerLength);
        s.m_formatter = s.m_address.substr(kTalkerLength);
    }

    if (comma != std::string_view::npos) {
        std::string_view rest = body.substr(comma + 1);
        // At most kMaxLength fields: the line length bounds the loop as well.
        while (true) {
            const std::size_t next = rest.find(',');
            s.m_fields.emplace_back(rest.substr(0, next));
            if (next == std::string_view::npos)
                break;
            rest.remove_prefix(next + 1);
        }
    }
    return s;
}

std::string_view NmeaSentence::field(std::size_t index) const
{
    if (index == 0 || index > m_fields.size())
        return {};
    return m_fields[index - 1];
}

const char *NmeaSentence::toString(Error error)
{
    switch (error) {
    case Error::None:
        return "no error";
    case Error::TooShort:
        return "too short for an NMEA sentence";
    case Error::TooLong:
        return "longer than the accepted maximum";
    case Error::BadStart:
        return "does not start with '$' or '!'";
    case Error::BadCharacter:
        return "non-printable or framing character inside the sentence";
    case Error::MissingChecksum:
        return "standard sentence without checksum";
    case Error::BadChecksumDigits:
        return "checksum is not two hex digits";
    case Error::ChecksumMismatch:
        return "checksum mismatch";
    }
    return "unknown error";
}

} // namespace s1
