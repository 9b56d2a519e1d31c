#include "config/ConfigHighlighter.h"

#include "config/ConfigLexer.h"
#include "config/ConfigSyntax.h"

#include <QRegularExpression>
#include <QTextCharFormat>

namespace s1 {

namespace {

// Readable on the light Fusion palette and distinct for colour-blind users (blue, orange, grey).
const QColor kDirectiveColor(0x1f, 0x4e, 0x9a);
const QColor kOptionColor(0x8a, 0x3f, 0x00);
const QColor kNumberColor(0x00, 0x6e, 0x5a);
const QColor kCommentColor(0x70, 0x70, 0x70);
const QColor kUnknownColor(0xa0, 0x00, 0x00);
const QColor kErrorColor(0xd0, 0x00, 0x00);

bool isNumber(const QString &word)
{
    static const QRegularExpression number(QStringLiteral("^[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$"));
    return number.match(word).hasMatch();
}

// The block position (UTF-16 units) of a byte offset into the line's UTF-8: the lexer counts
// bytes, the text block counts QChars; they differ after any non-ASCII character.
int blockPosition(const std::string &line, std::size_t byteOffset)
{
    return static_cast<int>(QString::fromUtf8(line.data(), static_cast<qsizetype>(byteOffset)).size());
}

QTextCharFormat colored(const QColor &color, bool bold = false, bool italic = false)
{
    QTextCharFormat format;
    format.setForeground(color);
    if (bold)
        format.setFontWeight(QFont::Bold);
    format.setFontItalic(italic);
    return format;
}

} // namespace

ConfigHighlighter::ConfigHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{ }

void ConfigHighlighter::setErrors(const QHash<int, int> &errors)
{
    if (errors == m_errors)
        return;
    m_errors = errors;
    rehighlight();
}

void ConfigHighlighter::highlightBlock(const QString &text)
{
    const std::string line = text.toStdString();
    const ConfigWords words = splitWords(line);
    const int lineNumber = currentBlock().blockNumber() + 1;
    if (isCommentOrBlank(words)) {
        if (!words.empty())
            setFormat(0, static_cast<int>(text.size()), colored(kCommentColor, false, true));
        return;
    }
    // Every position in bytes (the lexer's) is turned into the block's (blockPosition): a comment
    // or a file name may well hold non-ASCII text.
    const DirectiveSyntax *directive = findDirectiveSyntax(words.front().text);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const ConfigWord &word = words[i];
        const int start = blockPosition(line, word.offset());
        const QString wordText = QString::fromUtf8(word.text.data(), static_cast<qsizetype>(word.text.size()));
        const int length = static_cast<int>(wordText.size());
        if (i == 0)
            setFormat(start, length, colored(directive ? kDirectiveColor : kUnknownColor, true));
        else if (directive && i > directive->positionalArguments && findOptionSyntax(*directive, word.text))
            setFormat(start, length, colored(kOptionColor));
        else if (isNumber(wordText))
            setFormat(start, length, colored(kNumberColor));
    }
    const auto error = m_errors.constFind(lineNumber);
    if (error == m_errors.constEnd())
        return;
    QTextCharFormat wavy;
    wavy.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    wavy.setUnderlineColor(kErrorColor);
    int from = 0;
    int to = static_cast<int>(text.size());
    for (const ConfigWord &word : words) {
        if (word.column == *error) {
            from = blockPosition(line, word.offset());
            to = blockPosition(line, word.offset() + word.text.size());
        }
    }
    for (int i = from; i < to; ++i) {
        QTextCharFormat merged = format(i);
        merged.merge(wavy);
        setFormat(i, 1, merged);
    }
}

} // namespace s1
