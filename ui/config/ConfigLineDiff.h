// A line diff of two configuration texts for "Review changes": which lines stay, which go and
// which come, as a longest common subsequence of lines. Configuration files are short; the
// common head and tail are matched first, so the quadratic part covers only what changed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace s1 {

struct DiffLine
{
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    std::string text; // without its terminator
    int oldLine = 0;  // 1-based in the old text; 0 for an added line
    int newLine = 0;  // 1-based in the new text; 0 for a removed line
};

// Every line of both texts in order; removals before additions where lines were replaced.
std::vector<DiffLine> diffLines(std::string_view oldText, std::string_view newText);

// The number of removed and added lines.
int changedLineCount(const std::vector<DiffLine> &diff);

} // namespace s1
