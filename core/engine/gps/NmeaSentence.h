// One NMEA-0183 sentence, framed and checksum-checked, split into its address (talker +
// formatter, or a proprietary P-address) and comma-separated fields.
//
// The lexer is deliberately lenient where real receivers break the standard (lower-case
// checksum hex, lines longer than the 82 characters the standard allows, LF-only line ends)
// and strict where lenience would let corrupted data through: a wrong checksum always rejects
// the sentence, and a missing checksum is accepted only for proprietary sentences (old vendor
// sentences such as MTK's $POLYN omit it; a standard sentence without one is more likely a
// truncated line than a legitimate sender).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

class NmeaSentence
{
public:
    // Longest line accepted, from '$' to the last checksum digit. The standard's 82 is exceeded
    // by real devices (MTK $PMTKCHN: 205 characters), so bound it well above that.
    static constexpr std::size_t kMaxLength = 256;
    // A line that will not fit a standard address ($ + 5 characters) cannot be a sentence.
    static constexpr std::size_t kMinLength = 6;

    enum class Error {
        None,
        TooShort,
        TooLong,
        BadStart,
        BadCharacter,
        MissingChecksum,
        BadChecksumDigits,
        ChecksumMismatch
    };

    // `line` is one sentence starting at '$' or '!', with or without the CR LF. nullopt with
    // `error` set when it is not a well-formed sentence.
    static std::optional<NmeaSentence> parse(std::string_view line, Error *error = nullptr);

    // "GP" for "$GPRMC"; empty for proprietary sentences.
    const std::string &talker() const { return m_talker; }
    // "RMC" for "$GPRMC"; the whole address after 'P' for proprietary ones ("MTK001", "GRME").
    const std::string &formatter() const { return m_formatter; }
    // The address as sent: "GPRMC", "PMTK001".
    const std::string &address() const { return m_address; }
    bool isProprietary() const { return m_proprietary; }
    bool isEncapsulated() const { return m_encapsulated; } // '!' sentences (AIS)
    bool hadChecksum() const { return m_hadChecksum; }

    // Fields after the address; field(1) is the first, as in the NMEA field lists. A field the
    // sentence does not have reads as empty (later NMEA versions append fields).
    std::string_view field(std::size_t index) const;
    std::size_t fieldCount() const { return m_fields.size(); }

    static const char *toString(Error error);

private:
    std::string m_address;
    std::string m_talker;
    std::string m_formatter;
    std::vector<std::string> m_fields;
    bool m_proprietary = false;
    bool m_encapsulated = false;
    bool m_hadChecksum = false;
};

} // namespace s1
