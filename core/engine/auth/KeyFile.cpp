#include "auth/KeyFile.h"

#include <charconv>
#include <map>

namespace s1 {

namespace {

constexpr std::string_view kCommentStarts = "!;#%";
constexpr std::string_view kHexPrefix = "HEX:";
constexpr std::string_view kAsciiPrefix = "ASCII:";
constexpr std::string_view kKnownTypes =
    "MD5, SHA1, SHA256, SHA384, SHA512, SHA3-224, SHA3-256, SHA3-384, SHA3-512, AES128 or AES256";
constexpr int kBitsPerByte = 8;

struct Word
{
    std::string_view text;
    int column = 0; // 1-based
};

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::vector<Word> splitWords(std::string_view line)
{
    std::vector<Word> words;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isBlank(line[i]))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && !isBlank(line[i]))
            ++i;
        if (i > start)
            words.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
    }
    return words;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

class KeyFileParser
{
public:
    KeyFileParser(const std::string &fileName, KeyFileResult &result)
        : m_fileName(fileName)
        , m_result(result)
    { }

    void parseLine(std::string_view line, int lineNumber)
    {
        m_line = lineNumber;
        if (line.size() > kKeyFileMaxLineLength) {
            report(ConfigDiagnostic::Severity::Warning, 1,
                   "line longer than " + std::to_string(kKeyFileMaxLineLength) + " characters, left out");
            return;
        }
        const std::vector<Word> words = splitWords(line);
        if (words.empty() || kCommentStarts.find(words.front().text.front()) != std::string_view::npos)
            return;
        if (words.size() > 3 || words.size() < 2) {
            report(ConfigDiagnostic::Severity::Warning, words.front().column,
                   "expected a key ID, an optional type and a key, left out");
            return;
        }
        SymmetricKey key;
        if (!parseId(words.front(), key.id))
            return;
        if (words.size() == 3) {
            const auto type = keyTypeFromName(words[1].text);
            if (!type) {
                report(ConfigDiagnostic::Severity::Warning, words[1].column,
                       "unknown key type '" + std::string(words[1].text) + "' (expected " + std::string(kKnownTypes)
                           + "), key " + std::to_string(key.id) + " left out");
                return;
            }
            key.type = *type;
        }
        const Word &secret = words.back();
        if (!decodeSecret(secret, key))
            return;
        if (isCipher(key.type) && key.secret.size() != cipherKeyBytes(key.type)) {
            report(ConfigDiagnostic::Severity::Warning, secret.column,
                   std::string(keyTypeName(key.type)) + " needs a key of " + std::to_string(cipherKeyBytes(key.type))
                       + " bytes (" + std::to_string(cipherKeyBytes(key.type) * kBitsPerByte) + " bits), key "
                       + std::to_string(key.id) + " has " + std::to_string(key.secret.size()) + ", left out");
            return;
        }
        if (!isCipher(key.type) && key.secret.size() < kMinSecureKeyBytes)
            report(ConfigDiagnostic::Severity::Warning, secret.column,
                   "key " + std::to_string(key.id) + " is shorter than "
                       + std::to_string(kMinSecureKeyBytes * kBitsPerByte) + " bits");
        const std::uint32_t id = key.id;
        if (!m_result.keys.add(std::move(key)))
            report(ConfigDiagnostic::Severity::Warning, words.front().column,
                   "key " + std::to_string(id) + " is defined again, this one replaces the one on line "
                       + std::to_string(m_lastLine[id]));
        m_lastLine[id] = lineNumber;
    }

private:
    bool parseId(const Word &word, std::uint32_t &id)
    {
        const char *begin = word.text.data();
        const char *end = begin + word.text.size();
        std::uint32_t value = 0;
        const auto [ptr, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc() || ptr != end || value == 0) {
            report(ConfigDiagnostic::Severity::Warning, word.column,
                   "invalid key ID '" + std::string(word.text) + "' (expected 1 to 4294967295), left out");
            return false;
        }
        id = value;
        return true;
    }

    bool decodeSecret(const Word &word, SymmetricKey &key)
    {
        std::string_view text = word.text;
        if (text.starts_with(kHexPrefix)) {
            text.remove_prefix(kHexPrefix.size());
            if (text.empty() || text.size() % 2 != 0) {
                report(ConfigDiagnostic::Severity::Warning, word.column,
                       "key " + std::to_string(key.id) + ": expected an even number of hexadecimal digits after "
                           + std::string(kHexPrefix) + ", left out");
                return false;
            }
            key.secret.reserve(text.size() / 2);
            for (std::size_t i = 0; i < text.size(); i += 2) {
                const int high = hexValue(text[i]);
                const int low = hexValue(text[i + 1]);
                if (high < 0 || low < 0) {
                    // Which digit is bad, not what the key is: the key is a secret.
                    report(ConfigDiagnostic::Severity::Warning,
                           word.column + static_cast<int>(kHexPrefix.size() + i + (high < 0 ? 0 : 1)),
                           "key " + std::to_string(key.id) + ": not a hexadecimal digit, left out");
                    key.secret.clear();
                    return false;
                }
                key.secret.push_back(static_cast<std::uint8_t>(high * 16 + low));
            }
            return true;
        }
        if (text.starts_with(kAsciiPrefix))
            text.remove_prefix(kAsciiPrefix.size());
        if (text.empty()) {
            report(ConfigDiagnostic::Severity::Warning, word.column,
                   "key " + std::to_string(key.id) + " is empty, left out");
            return false;
        }
        key.secret.assign(text.begin(), text.end());
        return true;
    }

    void report(ConfigDiagnostic::Severity severity, int column, std::string message)
    {
        m_result.diagnostics.push_back({severity, m_fileName, m_line, column, std::move(message)});
    }

    const std::string &m_fileName;
    KeyFileResult &m_result;
    int m_line = 0;
    std::map<std::uint32_t, int> m_lastLine;
};

} // namespace

KeyFileResult parseKeyFile(std::string_view text, const std::string &fileName)
{
    KeyFileResult result;
    KeyFileParser parser(fileName, result);
    int lineNumber = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        parser.parseLine(line, ++lineNumber);
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
    return result;
}

} // namespace s1
