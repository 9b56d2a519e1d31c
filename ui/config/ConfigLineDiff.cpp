#include "config/ConfigLineDiff.h"

#include "config/ConfigLexer.h"

#include <algorithm>
#include <cstddef>

namespace s1 {

namespace {

// Beyond this many cells the middle is shown as all removed then all added rather than
// matched: a bound on memory and time for a pathological edit (a whole new file).
constexpr std::size_t kMaxLcsCells = 4'000'000;

std::vector<std::string> linesOf(std::string_view text)
{
    std::vector<std::string> out;
    for (const RawLine &line : splitLines(text))
        out.emplace_back(line.text);
    return out;
}

} // namespace

std::vector<DiffLine> diffLines(std::string_view oldText, std::string_view newText)
{
    const std::vector<std::string> a = linesOf(oldText);
    const std::vector<std::string> b = linesOf(newText);
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head])
        ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;

    std::vector<DiffLine> out;
    auto same = [&](std::size_t i, std::size_t j) {
        out.push_back({DiffLine::Kind::Same, a[i], static_cast<int>(i + 1), static_cast<int>(j + 1)});
    };
    auto removed = [&](std::size_t i) { out.push_back({DiffLine::Kind::Removed, a[i], static_cast<int>(i + 1), 0}); };
    auto added = [&](std::size_t j) { out.push_back({DiffLine::Kind::Added, b[j], 0, static_cast<int>(j + 1)}); };

    for (std::size_t i = 0; i < head; ++i)
        same(i, i);
    const std::size_t n = a.size() - head - tail;
    const std::size_t m = b.size() - head - tail;
    if (n * m > kMaxLcsCells || n == 0 || m == 0) {
        for (std::size_t i = 0; i < n; ++i)
            removed(head + i);
        for (std::size_t j = 0; j < m; ++j)
            added(head + j);
    } else {
        // lcs[i][j]: the longest common subsequence of a[head+i..] and b[head+j..].
        std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        std::size_t i = 0;
        std::size_t j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[head + i] == b[head + j]) {
                same(head + i++, head + j++);
            } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
                removed(head + i++);
            } else {
                added(head + j++);
            }
        }
    }
    for (std::size_t k = 0; k < tail; ++k)
        same(a.size() - tail + k, b.size() - tail + k);
    return out;
}

DiffSummary summarizeDiff(const std::vector<DiffLine> &diff)
{
    DiffSummary summary;
    int removed = 0;
    int added = 0;
    const auto endRun = [&] {
        const int paired = std::min(removed, added);
        summary.changed += paired;
        summary.removed += removed - paired;
        summary.added += added - paired;
        removed = added = 0;
    };
    for (const DiffLine &line : diff) {
        if (line.kind == DiffLine::Kind::Same)
            endRun();
        else
            ++(line.kind == DiffLine::Kind::Removed ? removed : added);
    }
    endRun();
    return summary;
}

} // namespace s1
