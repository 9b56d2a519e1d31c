// The keyfile reader on a whole file, then every key it accepted signing requests that its
// table must verify. Checks what the reader promises beyond not crashing: diagnostics point at
// lines of the file, no diagnostic depends on a key's text (keys stay out of logs),
// and a key that was read is a usable key.
#include "FuzzTarget.h"

#include "auth/KeyFile.h"
#include "auth/NtpMac.h"
#include "ntp/NtpPacket.h"

#include <charconv>
#include <cstdlib>
#include <string>
#include <vector>

using namespace s1;

namespace {

constexpr std::uint8_t kClientMode = 3;
constexpr int kVersionShift = 3;

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return lines;
}

std::vector<std::string_view> words(std::string_view line)
{
    constexpr std::string_view kBlanks = " \t\r\v\f";
    std::vector<std::string_view> out;
    std::size_t i = line.find_first_not_of(kBlanks);
    while (i != std::string_view::npos) {
        const std::size_t end = line.find_first_of(kBlanks, i);
        out.push_back(line.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
        i = end == std::string_view::npos ? end : line.find_first_not_of(kBlanks, end);
    }
    return out;
}

// A line's key as written, without the HEX:/ASCII: prefix; empty when the line has no key word.
std::string_view secretText(const std::vector<std::string_view> &lineWords)
{
    if (lineWords.size() < 2 || lineWords.size() > 3)
        return {};
    std::string_view secret = lineWords.back();
    for (std::string_view prefix : {std::string_view("HEX:"), std::string_view("ASCII:")})
        if (secret.starts_with(prefix))
            secret.remove_prefix(prefix.size());
    return secret;
}

// Every version a MAC travels in: the key signs a request, the table accepts it, and a changed
// digest byte is refused.
void checkSigning(const SymmetricKey &key, const KeyTable &keys)
{
    for (int version = kNtpMinVersion; version <= kNtpVersion; ++version) {
        std::vector<std::uint8_t> request(kNtpHeaderLength, 0);
        request[0] = static_cast<std::uint8_t>((version << kVersionShift) | kClientMode);
        appendMac(request, key);
        const NtpParseResult parsed = parseNtpPacket(request);
        if (!parsed.ok() || parsed.packet.mac != NtpMacKind::SymmetricKey || parsed.packet.keyId != key.id)
            continue; // a MAC this version cannot carry (the parser's business, fuzzed elsewhere)
        if (checkMac(request, parsed.packet, keys) != MacCheck::Ok)
            std::abort();
        request.back() ^= 0x01;
        if (checkMac(request, parsed.packet, keys) != MacCheck::BadDigest)
            std::abort();
    }
}

// Another letter or digit of the same kind: a hexadecimal digit stays one, and so does any
// other letter or digit.
char changedWithinKind(char c)
{
    const auto next = [c](char first, char last) { return c == last ? first : static_cast<char>(c + 1); };
    if (c >= '0' && c <= '9')
        return next('0', '9');
    if (c >= 'a' && c <= 'f')
        return next('a', 'f');
    if (c >= 'A' && c <= 'F')
        return next('A', 'F');
    if (c >= 'g' && c <= 'z')
        return next('g', 'z');
    if (c >= 'G' && c <= 'Z')
        return next('G', 'Z');
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = fuzz::asText({data, size});
    const KeyFileResult result = parseKeyFile(text, "keys");
    const std::vector<std::string_view> lines = splitLines(text);

    for (const ConfigDiagnostic &diagnostic : result.diagnostics)
        if (diagnostic.line < 1 || static_cast<std::size_t>(diagnostic.line) > lines.size())
            std::abort();

    // No diagnostic depends on a key's text beyond its length and which characters are hex
    // digits, so none can repeat a key: the same file with every key's letters and digits
    // changed (each within its kind) gives the same diagnostics, word for word.
    std::string changedText(text);
    for (std::string_view line : lines) {
        const std::string_view secret = secretText(words(line));
        if (secret.empty())
            continue;
        const auto at = static_cast<std::size_t>(secret.data() - text.data());
        for (std::size_t i = 0; i < secret.size(); ++i)
            changedText[at + i] = changedWithinKind(secret[i]);
    }
    const KeyFileResult changed = parseKeyFile(changedText, "keys");
    if (changed.diagnostics.size() != result.diagnostics.size())
        std::abort();
    for (std::size_t i = 0; i < result.diagnostics.size(); ++i) {
        const ConfigDiagnostic &a = result.diagnostics[i];
        const ConfigDiagnostic &b = changed.diagnostics[i];
        if (a.line != b.line || a.column != b.column || a.message != b.message)
            std::abort();
    }

    // The keys it kept, found by the IDs the lines start with.
    std::size_t found = 0;
    for (std::string_view line : lines) {
        const std::vector<std::string_view> lineWords = words(line);
        if (lineWords.empty())
            continue;
        std::uint32_t id = 0;
        const std::string_view first = lineWords.front();
        const auto [end, error] = std::from_chars(first.data(), first.data() + first.size(), id);
        if (error != std::errc() || end != first.data() + first.size())
            continue;
        if (const SymmetricKey *key = result.keys.find(id)) {
            if (key->id != id || key->secret.empty())
                std::abort();
            checkSigning(*key, result.keys);
            ++found;
        }
    }
    if (!result.keys.empty() && found == 0)
        std::abort(); // a key from no line
    return 0;
}
