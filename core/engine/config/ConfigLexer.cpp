#include "config/ConfigLexer.h"

#include <algorithm>

namespace s1 {

namespace {

char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

std::vector<RawLine> splitLines(std::string_view text)
{
    std::vector<RawLine> lines;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        if (newline == std::string_view::npos) {
            lines.push_back({text, {}});
            break;
        }
        const bool crlf = newline > 0 && text[newline - 1] == '\r';
        const std::size_t textEnd = crlf ? newline - 1 : newline;
        lines.push_back({text.substr(0, textEnd), text.substr(textEnd, newline + 1 - textEnd)});
        text.remove_prefix(newline + 1);
    }
    return lines;
}

// The C locale's isspace(), spelled out so that the result cannot depend on the process locale.
bool isConfigSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

ConfigWords splitWords(std::string_view line)
{
    ConfigWords words;
    std::size_t i = 0;
    while (i < line.size()) {
        if (isConfigSpace(line[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < line.size() && !isConfigSpace(line[i]))
            ++i;
        words.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
    }
    return words;
}

bool startsComment(std::string_view word)
{
    return !word.empty() && kCommentStarters.find(word.front()) != std::string_view::npos;
}

bool isCommentOrBlank(const ConfigWords &words)
{
    return words.empty() || startsComment(words.front().text);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lowerAscii(x) == lowerAscii(y); });
}

std::string lowercase(std::string_view text)
{
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(), lowerAscii);
    return result;
}

} // namespace s1
