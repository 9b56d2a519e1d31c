#include "config/ConfigurationDialog.h"

#include "TouchStyle.h"
#include "config/ConfigurationPage.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

namespace s1 {

namespace {

constexpr int kMarginPx = 8;

} // namespace

ConfigurationDialog::ConfigurationDialog(QWidget *parent)
    : QDialog(parent)
    , m_page(new ConfigurationPage(this))
{
    setObjectName(QStringLiteral("configurationDialog"));
    setWindowTitle(tr("Configuration"));
    auto *close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("configurationCloseButton"));
    close->setMinimumHeight(kTouchTargetPx);
    connect(close, &QPushButton::clicked, this, &ConfigurationDialog::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, kMarginPx, kMarginPx);
    layout->addWidget(m_page, 1);
    layout->addLayout(buttons);

    connect(m_page, &ConfigurationPage::applyFinished, this, [this](bool applied) {
        // Only an apply asked for by the question closes anything, and only when it worked;
        // otherwise the page's banner says why and the edits stay.
        std::function<void()> next = std::exchange(m_afterApply, {});
        if (applied && next)
            next();
    });
    if (parent)
        parent->installEventFilter(this);
}

QMessageBox *ConfigurationDialog::unappliedQuestion() const
{
    return m_question;
}

bool ConfigurationDialog::hasUnappliedEdits() const
{
    return m_page->isModified();
}

void ConfigurationDialog::reject()
{
    if (!hasUnappliedEdits()) {
        QDialog::reject();
        return;
    }
    askAboutUnappliedEdits([this] { QDialog::reject(); });
}

bool ConfigurationDialog::eventFilter(QObject *watched, QEvent *event)
{
    // The main window closing (Quit, the window manager) would take the page's edits with it.
    if (watched == parent() && event->type() == QEvent::Close && hasUnappliedEdits()) {
        event->ignore();
        auto *window = qobject_cast<QWidget *>(watched);
        askAboutUnappliedEdits([window] { window->close(); });
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

void ConfigurationDialog::askAboutUnappliedEdits(std::function<void()> proceed)
{
    if (m_question)
        return; // already asking
    // Over this window when it is shown, else over the main window.
    QWidget *over = isVisible() ? static_cast<QWidget *>(this) : parentWidget();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Edits not applied"),
                                tr("The configuration has edits that were not applied."), QMessageBox::NoButton,
                                withTouchStyle(over));
    box->setObjectName(QStringLiteral("unappliedEditsQuestion"));
    box->setInformativeText(m_page->isReadOnly()
                                ? tr("They cannot be applied from here (the page says why). Discard them?")
                                : tr("Apply them now (the file is written and the engine reloads), "
                                     "discard them, or go back to editing?"));
    QPushButton *apply = nullptr;
    if (!m_page->isReadOnly()) {
        apply = box->addButton(tr("Apply"), QMessageBox::AcceptRole);
        apply->setObjectName(QStringLiteral("unappliedApplyButton"));
    }
    QPushButton *discard = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("unappliedDiscardButton"));
    QPushButton *cancel = box->addButton(tr("Cancel"), QMessageBox::RejectRole);
    cancel->setObjectName(QStringLiteral("unappliedCancelButton"));
    box->setDefaultButton(cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, apply, discard, proceed] {
        m_question = nullptr; // answered; the box itself goes later (WA_DeleteOnClose)
        const QAbstractButton *chosen = box->clickedButton();
        if (chosen == discard) {
            m_page->discardEdits();
            proceed();
        } else if (apply && chosen == apply) {
            // Closes when the answer says written and reloaded (applyFinished); a refusal now
            // (errors in the text) or a failure later leaves the page open, saying why.
            m_afterApply = proceed;
            if (!m_page->applyEdits())
                m_afterApply = {};
        }
    });
    m_question = box;
    box->open();
}

} // namespace s1
