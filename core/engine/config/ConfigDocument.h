// An editable chrony.conf file. Every line keeps its exact text and terminator together with its
// words, so that writing an unmodified document gives back the same bytes (comments, blank lines,
// spacing, CRLF, a missing last newline), and an edit rewrites only the line it touches.
//
// The GUI editor and the GPS wizard edit configuration through this class; readConfigDocument()
// (ConfigReader.h) turns a document into an EngineConfig, and loadConfigFile()/saveConfigFile()
// (ConfigFile.h) move it to and from disk. Line indexes are 0-based; diagnostics count lines
// from 1.
#pragma once

#include "config/ConfigLexer.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

class ConfigLine
{
public:
    ConfigLine(std::string text, std::string terminator);

    const std::string &text() const { return m_text; }
    // "\n", "\r\n", or "" for a last line without a newline.
    const std::string &terminator() const { return m_terminator; }

    std::size_t wordCount() const { return m_words.size(); }
    ConfigWord word(std::size_t index) const;
    ConfigWords words() const;

    // False for blank and comment lines.
    bool isDirective() const;
    // The first word as written; empty for blank and comment lines.
    std::string_view directiveName() const;

private:
    friend class ConfigDocument;

    struct WordSpan
    {
        std::uint32_t offset = 0;
        std::uint32_t length = 0;
    };

    void setText(std::string text);

    std::string m_text;
    std::string m_terminator;
    std::vector<WordSpan> m_words; // offsets, not views: m_text's buffer moves with the line
};

class ConfigDocument
{
public:
    // Any text is a document; whether it is a valid configuration is the reader's question.
    static ConfigDocument fromText(std::string_view text);
    // The document as text: the original bytes for every line not edited.
    std::string toText() const;

    std::size_t lineCount() const { return m_lines.size(); }
    const ConfigLine &line(std::size_t index) const { return m_lines.at(index); }
    std::span<const ConfigLine> lines() const { return m_lines; }

    // Indexes of the lines whose directive is `name` (case-insensitive), in order.
    std::vector<std::size_t> findDirectives(std::string_view name) const;
    // The value of the effective (last) occurrence of a valued option on a directive line.
    std::optional<std::string_view> optionValue(std::size_t lineIndex, std::string_view option) const;
    bool hasOption(std::size_t lineIndex, std::string_view option) const;

    // Sets a named option of the directive on line `lineIndex`: replaces the value of its last
    // occurrence, or appends " option value" after the last word. A flag option is given with
    // an empty value. Returns false, changing nothing, when the line's directive has no such
    // option, a value is missing or not a single word, or a flag is given a value. Values are
    // not validated here: read the document to get diagnostics.
    bool setOption(std::size_t lineIndex, std::string_view option, std::string_view value = {});
    // Removes every occurrence of the option (with its value and the white space before it).
    // Returns false when the line has none.
    bool removeOption(std::size_t lineIndex, std::string_view option);
    // Appends a line; returns its index, or nothing when `text` contains a line break. A last
    // line without a newline gets one first. New lines use the document's line ending.
    std::optional<std::size_t> addDirective(std::string_view text);
    // Inserts a line before `lineIndex` (lineCount() appends); false on a line break in `text`.
    bool insertLine(std::size_t lineIndex, std::string_view text);
    // Replaces a line's text, keeping its terminator; false on a line break in `text`.
    bool setLineText(std::size_t lineIndex, std::string_view text);
    // Removes a line; false when there is no such line.
    bool removeLine(std::size_t lineIndex);

private:
    std::string lineEnding() const;
    void terminateLastLine();

    std::vector<ConfigLine> m_lines;
};

} // namespace s1
