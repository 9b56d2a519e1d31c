// Colours chrony.conf text in the configuration page's text tab as chronyd reads it: comments
// (whole lines starting with one of "!;#%"), directive names, the named options of the directive
// (ConfigSyntax knows them), numbers; and underlines the words the reader reported errors at.
#pragma once

#include <QHash>
#include <QSyntaxHighlighter>

namespace s1 {

class ConfigHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit ConfigHighlighter(QTextDocument *document);

    // 1-based line -> 1-based column of an error there (0: the whole line).
    void setErrors(const QHash<int, int> &errors);

protected:
    void highlightBlock(const QString &text) override;

private:
    QHash<int, int> m_errors;
};

} // namespace s1
