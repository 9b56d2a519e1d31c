// chrony.conf lexing, as chronyd's CPS_NormalizeLine/CPS_SplitWord: one directive per line,
// words separated by white space, a line whose first non-blank character is one of "!;#%" is a
// comment (there are no trailing comments). Names are compared case-insensitively.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

constexpr std::string_view kCommentStarters = "!;#%";

// One word of a line and where it starts.
struct ConfigWord
{
    std::string_view text;
    int column = 0; // 1-based byte column

    // Byte offset of the word in its line.
    std::size_t offset() const { return static_cast<std::size_t>(column - 1); }
};

using ConfigWords = std::vector<ConfigWord>;

// A line as it appears in the text, split from its terminator so that it can be written back
// byte for byte.
struct RawLine
{
    std::string_view text;       // without the terminator
    std::string_view terminator; // "\n", "\r\n", or "" for a last line without a newline
};

// Splits text into lines. Text ending in a newline has no empty line after it; empty text has no
// lines. A "\r" is part of the terminator only directly before "\n".
std::vector<RawLine> splitLines(std::string_view text);

// The white-space separated words of a line (white space as isspace() in the C locale).
ConfigWords splitWords(std::string_view line);

bool isConfigSpace(char c);

// True for a line without words or whose first word starts a comment.
bool isCommentOrBlank(const ConfigWords &words);
bool startsComment(std::string_view word);

bool equalsIgnoreCase(std::string_view a, std::string_view b);
std::string lowercase(std::string_view text);

} // namespace s1
