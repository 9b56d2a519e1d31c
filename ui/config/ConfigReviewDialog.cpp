#include "config/ConfigReviewDialog.h"

#include "TouchStyle.h"
#include "config/ConfigLineDiff.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace s1 {

namespace {

// Unchanged lines shown around each change: enough to recognise where it is.
constexpr int kContextLines = 2;
const QColor kRemovedBackground(0xff, 0xdd, 0xdd);
const QColor kAddedBackground(0xdd, 0xf4, 0xdd);

} // namespace

ConfigReviewDialog::ConfigReviewDialog(const std::string &oldText, const std::string &newText, int errors,
                                       const QString &note, QWidget *parent)
    : QDialog(withTouchStyle(parent))
    , m_summary(new QLabel(this))
    , m_diff(new QPlainTextEdit(this))
    , m_apply(new QPushButton(tr("Apply"), this))
{
    setWindowTitle(tr("Review changes"));
    setObjectName(QStringLiteral("configReviewDialog"));
    const std::vector<DiffLine> diff = diffLines(oldText, newText);
    m_summaryCounts = summarizeDiff(diff);
    const int changes = m_summaryCounts.total();

    m_diff->setObjectName(QStringLiteral("reviewDiff"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (fixed.pointSizeF() < kMinBaseFontPt)
        fixed.setPointSizeF(kMinBaseFontPt);
    m_diff->setFont(fixed);
    enableKineticScrolling(m_diff);

    // Only the changes and a little context; "…" where unchanged lines are left out.
    std::vector<bool> shown(diff.size(), false);
    for (std::size_t i = 0; i < diff.size(); ++i) {
        if (diff[i].kind == DiffLine::Kind::Same)
            continue;
        const std::size_t from = i >= kContextLines ? i - kContextLines : 0;
        const std::size_t to = std::min(diff.size(), i + kContextLines + 1);
        for (std::size_t k = from; k < to; ++k)
            shown[k] = true;
    }
    QStringList lines;
    std::vector<DiffLine::Kind> kinds;
    bool gap = false;
    for (std::size_t i = 0; i < diff.size(); ++i) {
        if (!shown[i]) {
            gap = true;
            continue;
        }
        if (gap && !lines.isEmpty()) {
            lines << QStringLiteral("  …");
            kinds.push_back(DiffLine::Kind::Same);
        }
        gap = false;
        const DiffLine &line = diff[i];
        const QString prefix = line.kind == DiffLine::Kind::Removed ? QStringLiteral("- ")
                               : line.kind == DiffLine::Kind::Added ? QStringLiteral("+ ")
                                                                    : QStringLiteral("  ");
        lines << prefix + QString::fromStdString(line.text);
        kinds.push_back(line.kind);
    }
    m_diff->setPlainText(lines.join(QLatin1Char('\n')));
    QList<QTextEdit::ExtraSelection> marks;
    QTextBlock block = m_diff->document()->firstBlock();
    for (std::size_t i = 0; i < kinds.size() && block.isValid(); ++i, block = block.next()) {
        if (kinds[i] == DiffLine::Kind::Same)
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.format.setBackground(kinds[i] == DiffLine::Kind::Removed ? kRemovedBackground : kAddedBackground);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << mark;
    }
    m_diff->setExtraSelections(marks);

    QString summary;
    if (changes == 0) {
        summary = tr("No changes.");
    } else {
        QStringList parts;
        // Singular and plural spelt out: without an English translation %n's forms would read
        // "1 line(s)".
        const int changed = m_summaryCounts.changed;
        const int added = m_summaryCounts.added;
        const int removed = m_summaryCounts.removed;
        if (changed > 0)
            parts << (changed == 1 ? tr("1 line changed") : tr("%1 lines changed").arg(changed));
        if (added > 0)
            parts << (added == 1 ? tr("1 line added") : tr("%1 lines added").arg(added));
        if (removed > 0)
            parts << (removed == 1 ? tr("1 line removed") : tr("%1 lines removed").arg(removed));
        summary = tr("%1 (- as loaded, + as edited).").arg(parts.join(tr(", ")));
    }
    if (!note.isEmpty())
        summary += QLatin1Char(' ') + note;
    else if (errors > 0)
        summary += QLatin1Char(' ')
                   + (errors == 1 ? tr("The text has an error: fix it before applying.")
                                  : tr("The text has %1 errors: fix them before applying.").arg(errors));
    m_summary->setObjectName(QStringLiteral("reviewSummary"));
    m_summary->setText(summary);
    m_summary->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    m_apply->setObjectName(QStringLiteral("reviewApplyButton"));
    m_apply->setEnabled(changes > 0 && errors == 0 && note.isEmpty());
    buttons->addButton(m_apply, QDialogButtonBox::AcceptRole);
    QPushButton *back = buttons->addButton(tr("Back to editing"), QDialogButtonBox::RejectRole);
    back->setObjectName(QStringLiteral("reviewBackButton"));
    back->setDefault(!m_apply->isEnabled());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_diff, 1);
    layout->addWidget(buttons);
}

QString ConfigReviewDialog::summaryText() const
{
    return m_summary->text();
}

QString ConfigReviewDialog::diffText() const
{
    return m_diff->toPlainText();
}

} // namespace s1
