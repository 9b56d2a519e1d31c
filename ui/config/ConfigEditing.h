// Edits the configuration page makes to a ConfigDocument beyond named options: the words of a
// directive in place (so that the rest of its line keeps its spacing), and whole directives
// added or removed. Every edit touches only the lines it names.
#pragma once

#include "config/ConfigDocument.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

// The line of the effective (last) occurrence of `name`.
std::optional<std::size_t> lastDirective(const ConfigDocument &document, std::string_view name);
// Word `index` of a line (0: the directive name); empty when the line is shorter.
std::string wordText(const ConfigDocument &document, std::size_t line, std::size_t index);
// Replaces word `index` of a line, keeping the rest byte for byte; appends it when the line is
// shorter; an empty `value` removes the word with the white space before it. False (changing
// nothing) when `value` is not one word or `index` is beyond the end plus one.
bool setWord(ConfigDocument &document, std::size_t line, std::size_t index, std::string_view value);
// Sets the words after the name of the last `name` line, adding "name words..." when there is
// none; all empty removes every `name` line. False when a value is not one word.
bool setDirectiveWords(ConfigDocument &document, std::string_view name, const std::vector<std::string> &words);
// Removes every line whose directive is `name`.
void removeDirectives(ConfigDocument &document, std::string_view name);
// A single word: not empty, no white space.
bool isOneWord(std::string_view value);

} // namespace s1
