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

// What changed as a reader counts it: in each run of removed and added lines, a removed line
// paired with an added one is one line changed (not two); the rest were added or removed.
struct DiffSummary
{
    int changed = 0;
    int added = 0;
    int removed = 0;
    int total() const { return changed + added + removed; }
};
DiffSummary summarizeDiff(const std::vector<DiffLine> &diff);

} // namespace s1
