// The window the Configuration page lives in, over the main window: kept when closed so that
// edits not applied yet are still there next time, and it asks before they could be lost. Closing
// it (its Close button, Escape, the window manager) or closing the main window with edits not
// applied offers Apply, Discard or Cancel; Apply closes only once the file was written and
// reloaded, and a refused or failed apply keeps the page open with the reason shown.
#pragma once

#include <QDialog>
#include <QPointer>

#include <functional>

class QMessageBox;

namespace s1 {

class ConfigurationPage;

class ConfigurationDialog : public QDialog
{
    Q_OBJECT
public:
    // Watches `parent` (the main window) for its close as well.
    explicit ConfigurationDialog(QWidget *parent);

    ConfigurationPage *page() const { return m_page; }
    // The question about edits not applied, while it is open (for tests); null otherwise.
    QMessageBox *unappliedQuestion() const;

    // Close, Escape: asks first when there are edits not applied.
    void reject() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Edits that closing would lose: the page changed and not being applied.
    bool hasUnappliedEdits() const;
    // Asks Apply / Discard / Cancel; `proceed` runs once the edits are applied or discarded.
    void askAboutUnappliedEdits(std::function<void()> proceed);

    ConfigurationPage *m_page;
    QPointer<QMessageBox> m_question;
    std::function<void()> m_afterApply; // what a pending Apply from the question does next
};

} // namespace s1
