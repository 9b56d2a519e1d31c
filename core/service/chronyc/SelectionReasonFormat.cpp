#include "chronyc/SelectionReasonFormat.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace s1 {

namespace {

constexpr const char *kIndent = "   "; // under the name, past the two symbols and a space

bool equalsIgnoringCase(const std::string &a, const std::string &b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string displayName(const SourceSnapshot &s)
{
    if (!s.name.empty())
        return s.name;
    return s.address.ip.isNull() ? std::string("?") : s.address.ip.toString();
}

bool matches(const SourceSnapshot &s, const std::string &wanted)
{
    return equalsIgnoringCase(s.name, wanted) || (!s.address.ip.isNull() && s.address.ip.toString() == wanted)
           || (!s.address.ip.isNull() && s.address.toString() == wanted);
}

// `text` wrapped at word boundaries to kWhyLineWidth, every line starting with `indent`.
void appendWrapped(std::string &out, const std::string &text, const std::string &indent)
{
    std::istringstream words(text);
    std::string word;
    std::string line = indent;
    bool empty = true;
    while (words >> word) {
        if (!empty && line.size() + 1 + word.size() > kWhyLineWidth) {
            out += line + "\n";
            line = indent;
            empty = true;
        }
        line += (empty ? "" : " ") + word;
        empty = false;
    }
    if (!empty)
        out += line + "\n";
}

void appendSource(std::string &out, const SourceSnapshot &s)
{
    out += sourceModeSymbol(s.kind);
    out += sourceStateSymbol(s.state);
    out += " " + displayName(s) + "\n";
    const SelectionReason &r = s.selectionReason;
    appendWrapped(out, r.text.empty() ? std::string("No reason known yet.") : r.text, kIndent);
    if (!r.fix.empty())
        appendWrapped(out, "Fix: " + r.fix, kIndent);
}

} // namespace

char sourceModeSymbol(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Server:
        return '^';
    case SourceKind::Peer:
        return '=';
    case SourceKind::RefClock:
        return '#';
    }
    return '?';
}

char sourceStateSymbol(SourceState state)
{
    switch (state) {
    case SourceState::Selected:
        return '*';
    case SourceState::Combined:
        return '+';
    case SourceState::NotCombined:
        return '-';
    case SourceState::Falseticker:
        return 'x';
    case SourceState::TooVariable:
        return '~';
    case SourceState::Unusable:
        return '?';
    }
    return '?';
}

std::optional<std::string> formatSelectionReasons(const EngineSnapshot &snapshot,
                                                  const std::optional<std::string> &source)
{
    std::string out;
    bool found = false;
    for (const SourceSnapshot &s : snapshot.sources) {
        if (source && !matches(s, *source))
            continue;
        appendSource(out, s);
        found = true;
    }
    if (source && !found)
        return std::nullopt;
    return out;
}

} // namespace s1
