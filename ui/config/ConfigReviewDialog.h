// "Review changes": the line diff between the configuration as loaded and as edited, before it
// is applied. Apply is offered only for text the reader accepts; Back keeps every edit.
#pragma once

#include "config/ConfigLineDiff.h"

#include <QDialog>

#include <string>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace s1 {

class ConfigReviewDialog : public QDialog
{
    Q_OBJECT
public:
    // `errors`: the edited text's error count (Apply refused while it is not 0); `note`: why
    // Apply is not offered at all (read-only), empty when it is.
    ConfigReviewDialog(const std::string &oldText, const std::string &newText, int errors, const QString &note,
                       QWidget *parent);

    // The diff as shown: "  ", "- " or "+ " and the line, one a line (for tests).
    QString diffText() const;
    // Lines changed, added and removed together, as the header counts them (summarizeDiff).
    int changedLines() const { return m_summaryCounts.total(); }
    QString summaryText() const;
    QPushButton *applyButton() const { return m_apply; }

private:
    QLabel *m_summary;
    QPlainTextEdit *m_diff;
    QPushButton *m_apply;
    DiffSummary m_summaryCounts;
};

} // namespace s1
