#include "config/ConfigDocument.h"

#include "config/ConfigSyntax.h"

#include <algorithm>

namespace s1 {

namespace {

constexpr std::string_view kLf = "\n";

bool hasLineBreak(std::string_view text)
{
    return text.find_first_of("\r\n") != std::string_view::npos;
}

bool isSingleWord(std::string_view text)
{
    return !text.empty() && std::none_of(text.begin(), text.end(), isConfigSpace);
}

std::size_t wordEnd(const ConfigWord &word)
{
    return word.offset() + word.text.size();
}

// One named option found on a directive line: its name word and, for valued options, the value
// word (none when the line ends after the name).
struct OptionPlace
{
    std::size_t nameWord = 0;
    std::optional<std::size_t> valueWord;
};

// The options of `option`'s kind on a directive line, walking the words as chronyd does. The walk
// stops at an unknown word: what follows it cannot be told apart.
std::vector<OptionPlace> findOptionPlaces(const ConfigLine &line, const DirectiveSyntax &directive,
                                          std::string_view option)
{
    std::vector<OptionPlace> places;
    std::size_t i = 1 + directive.positionalArguments;
    while (i < line.wordCount()) {
        const ConfigWord word = line.word(i);
        const OptionSyntax *syntax = findOptionSyntax(directive, word.text);
        if (!syntax)
            break;
        OptionPlace place{i, std::nullopt};
        if (syntax->takesValue && i + 1 < line.wordCount())
            place.valueWord = i + 1;
        if (equalsIgnoreCase(syntax->name, option))
            places.push_back(place);
        i += syntax->takesValue ? 2 : 1;
    }
    return places;
}

const DirectiveSyntax *syntaxOfLine(const ConfigLine &line)
{
    return line.isDirective() ? findDirectiveSyntax(line.directiveName()) : nullptr;
}

} // namespace

// ---- ConfigLine

ConfigLine::ConfigLine(std::string text, std::string terminator)
    : m_terminator(std::move(terminator))
{
    setText(std::move(text));
}

void ConfigLine::setText(std::string text)
{
    m_text = std::move(text);
    m_words.clear();
    for (const ConfigWord &word : splitWords(m_text))
        m_words.push_back({static_cast<std::uint32_t>(word.offset()), static_cast<std::uint32_t>(word.text.size())});
}

ConfigWord ConfigLine::word(std::size_t index) const
{
    const WordSpan span = m_words.at(index);
    return {std::string_view(m_text).substr(span.offset, span.length), static_cast<int>(span.offset) + 1};
}

ConfigWords ConfigLine::words() const
{
    ConfigWords result;
    result.reserve(m_words.size());
    for (std::size_t i = 0; i < m_words.size(); ++i)
        result.push_back(word(i));
    return result;
}

bool ConfigLine::isDirective() const
{
    return !m_words.empty() && !startsComment(word(0).text);
}

std::string_view ConfigLine::directiveName() const
{
    return isDirective() ? word(0).text : std::string_view();
}

// ---- ConfigDocument

ConfigDocument ConfigDocument::fromText(std::string_view text)
{
    ConfigDocument document;
    const std::vector<RawLine> raw = splitLines(text);
    document.m_lines.reserve(raw.size());
    for (const RawLine &line : raw)
        document.m_lines.emplace_back(std::string(line.text), std::string(line.terminator));
    return document;
}

std::string ConfigDocument::toText() const
{
    std::size_t size = 0;
    for (const ConfigLine &line : m_lines)
        size += line.text().size() + line.terminator().size();
    std::string text;
    text.reserve(size);
    for (const ConfigLine &line : m_lines)
        text.append(line.text()).append(line.terminator());
    return text;
}

std::vector<std::size_t> ConfigDocument::findDirectives(std::string_view name) const
{
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < m_lines.size(); ++i)
        if (m_lines[i].isDirective() && equalsIgnoreCase(m_lines[i].directiveName(), name))
            found.push_back(i);
    return found;
}

std::optional<std::string_view> ConfigDocument::optionValue(std::size_t lineIndex, std::string_view option) const
{
    const ConfigLine &line = m_lines.at(lineIndex);
    const DirectiveSyntax *directive = syntaxOfLine(line);
    if (!directive)
        return std::nullopt;
    const std::vector<OptionPlace> places = findOptionPlaces(line, *directive, option);
    if (places.empty() || !places.back().valueWord)
        return std::nullopt;
    return line.word(*places.back().valueWord).text;
}

bool ConfigDocument::hasOption(std::size_t lineIndex, std::string_view option) const
{
    const ConfigLine &line = m_lines.at(lineIndex);
    const DirectiveSyntax *directive = syntaxOfLine(line);
    return directive && !findOptionPlaces(line, *directive, option).empty();
}

bool ConfigDocument::setOption(std::size_t lineIndex, std::string_view option, std::string_view value)
{
    if (lineIndex >= m_lines.size() || !isSingleWord(option) || (!value.empty() && !isSingleWord(value)))
        return false;
    ConfigLine &line = m_lines[lineIndex];
    const DirectiveSyntax *directive = syntaxOfLine(line);
    const OptionSyntax *syntax = directive ? findOptionSyntax(*directive, option) : nullptr;
    if (!syntax || syntax->takesValue == value.empty())
        return false;
    // Without its positional arguments an appended option would be read as one of them.
    if (line.wordCount() < 1 + directive->positionalArguments)
        return false;

    const std::vector<OptionPlace> places = findOptionPlaces(line, *directive, option);
    std::string text = line.text();
    if (places.empty()) {
        std::string addition = " " + std::string(syntax->name);
        if (syntax->takesValue)
            addition += " " + std::string(value);
        text.insert(wordEnd(line.word(line.wordCount() - 1)), addition);
    } else if (!syntax->takesValue) {
        return true; // the flag is already there
    } else if (const auto valueWord = places.back().valueWord) {
        const ConfigWord old = line.word(*valueWord);
        text.replace(old.offset(), old.text.size(), value);
    } else {
        text.insert(wordEnd(line.word(places.back().nameWord)), " " + std::string(value));
    }
    line.setText(std::move(text));
    return true;
}

bool ConfigDocument::removeOption(std::size_t lineIndex, std::string_view option)
{
    if (lineIndex >= m_lines.size())
        return false;
    ConfigLine &line = m_lines[lineIndex];
    const DirectiveSyntax *directive = syntaxOfLine(line);
    if (!directive)
        return false;
    const std::vector<OptionPlace> places = findOptionPlaces(line, *directive, option);
    if (places.empty())
        return false;

    std::string text = line.text();
    // From the last occurrence backwards, so that earlier offsets stay valid. Each cut starts at
    // the end of the word before the option: the option's own leading white space goes with it.
    for (auto it = places.rbegin(); it != places.rend(); ++it) {
        const std::size_t from = wordEnd(line.word(it->nameWord - 1));
        const std::size_t to = wordEnd(line.word(it->valueWord.value_or(it->nameWord)));
        text.erase(from, to - from);
    }
    line.setText(std::move(text));
    return true;
}

std::optional<std::size_t> ConfigDocument::addDirective(std::string_view text)
{
    if (!insertLine(m_lines.size(), text))
        return std::nullopt;
    return m_lines.size() - 1;
}

bool ConfigDocument::insertLine(std::size_t lineIndex, std::string_view text)
{
    if (hasLineBreak(text) || lineIndex > m_lines.size())
        return false;
    if (lineIndex == m_lines.size())
        terminateLastLine();
    const std::string ending = lineEnding();
    m_lines.emplace(m_lines.begin() + static_cast<std::ptrdiff_t>(lineIndex), std::string(text), ending);
    return true;
}

bool ConfigDocument::setLineText(std::size_t lineIndex, std::string_view text)
{
    if (hasLineBreak(text) || lineIndex >= m_lines.size())
        return false;
    m_lines[lineIndex].setText(std::string(text));
    return true;
}

bool ConfigDocument::removeLine(std::size_t lineIndex)
{
    if (lineIndex >= m_lines.size())
        return false;
    const bool wasUnterminatedLast = m_lines[lineIndex].terminator().empty();
    m_lines.erase(m_lines.begin() + static_cast<std::ptrdiff_t>(lineIndex));
    // Keep "no newline at the end of the file" when the last line goes.
    if (wasUnterminatedLast && !m_lines.empty())
        m_lines.back().m_terminator.clear();
    return true;
}

// The file's own convention: CRLF when its first terminated line uses it.
std::string ConfigDocument::lineEnding() const
{
    for (const ConfigLine &line : m_lines)
        if (!line.terminator().empty())
            return line.terminator();
    return std::string(kLf);
}

void ConfigDocument::terminateLastLine()
{
    if (!m_lines.empty() && m_lines.back().terminator().empty())
        m_lines.back().m_terminator = lineEnding();
}

} // namespace s1
