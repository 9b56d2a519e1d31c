#include "config/ConfigEditing.h"

#include "config/ConfigLexer.h"

#include <algorithm>

namespace s1 {

std::optional<std::size_t> lastDirective(const ConfigDocument &document, std::string_view name)
{
    const std::vector<std::size_t> lines = document.findDirectives(name);
    if (lines.empty())
        return std::nullopt;
    return lines.back();
}

std::string wordText(const ConfigDocument &document, std::size_t line, std::size_t index)
{
    const ConfigLine &configLine = document.line(line);
    return index < configLine.wordCount() ? std::string(configLine.word(index).text) : std::string();
}

bool isOneWord(std::string_view value)
{
    return !value.empty() && std::none_of(value.begin(), value.end(), isConfigSpace);
}

bool setWord(ConfigDocument &document, std::size_t line, std::size_t index, std::string_view value)
{
    if (!value.empty() && !isOneWord(value))
        return false;
    const ConfigLine &configLine = document.line(line);
    std::string text = configLine.text();
    if (index < configLine.wordCount()) {
        const ConfigWord word = configLine.word(index);
        if (value.empty()) {
            std::size_t start = word.offset();
            while (start > 0 && isConfigSpace(text[start - 1]))
                --start;
            text.erase(start, word.offset() + word.text.size() - start);
        } else {
            text.replace(word.offset(), word.text.size(), value);
        }
    } else if (index == configLine.wordCount()) {
        if (value.empty())
            return true;
        text += ' ';
        text += value;
    } else {
        return false;
    }
    return text == configLine.text() || document.setLineText(line, text);
}

void removeDirectives(ConfigDocument &document, std::string_view name)
{
    std::vector<std::size_t> lines = document.findDirectives(name);
    // From the back, so the indexes still to remove stay valid.
    for (auto it = lines.rbegin(); it != lines.rend(); ++it)
        document.removeLine(*it);
}

bool setDirectiveWords(ConfigDocument &document, std::string_view name, const std::vector<std::string> &words)
{
    if (std::any_of(words.begin(), words.end(), [](const std::string &w) { return !w.empty() && !isOneWord(w); }))
        return false;
    if (std::all_of(words.begin(), words.end(), [](const std::string &w) { return w.empty(); })) {
        removeDirectives(document, name);
        return true;
    }
    const std::optional<std::size_t> line = lastDirective(document, name);
    if (!line) {
        std::string text(name);
        for (const std::string &word : words)
            if (!word.empty())
                text += ' ' + word;
        return document.addDirective(text).has_value();
    }
    // From the last word back, so that removing an emptied word leaves the earlier in place.
    for (std::size_t i = words.size(); i-- > 0;) {
        const std::size_t count = document.line(*line).wordCount();
        if (i + 1 > count && words[i].empty())
            continue;
        setWord(document, *line, std::min(i + 1, count), words[i]);
    }
    return true;
}

} // namespace s1
