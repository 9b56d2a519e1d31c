#include "ConfigWarningsDialog.h"

#include "TouchStyle.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace s1 {

namespace {

// The touchscreen's size: the dialog fills it there and is no bigger on a desktop.
constexpr QSize kPreferredSize(760, 440);
constexpr int kWarningSpacingPx = 10;

} // namespace

ConfigWarningsDialog::ConfigWarningsDialog(QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_list(new QWidget)
    , m_listLayout(new QVBoxLayout(m_list))
{
    setObjectName(QStringLiteral("configWarnings"));
    setWindowTitle(tr("Configuration warnings"));
    applyTouchFriendlyFont(this);
    setStyleSheet(touchStyleSheet());

    m_summary->setObjectName(QStringLiteral("configWarningsSummary"));
    m_summary->setWordWrap(true);

    m_listLayout->setContentsMargins(0, 0, 0, 0);
    m_listLayout->setSpacing(kWarningSpacingPx);
    m_listLayout->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("configWarningsArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_list);
    // Warnings wrap; sideways scrolling would hide half of one on the touchscreen.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    enableKineticScrolling(scroll);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeConfigWarnings"));
    close->setMinimumSize(2 * kTouchTargetPx, kTouchTargetPx);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    resize(kPreferredSize);
}

void ConfigWarningsDialog::setWarnings(const QStringList &warnings)
{
    if (warnings == m_warnings && m_listLayout->count() > 1)
        return;
    m_warnings = warnings;
    m_summary->setText(warnings.isEmpty()
                           ? tr("The configuration has no warnings.")
                           : tr("The configuration was read with these warnings; what they name is not in effect:"));
    // One label per warning, in the configuration's order, above the stretch.
    while (m_listLayout->count() > 1) {
        QLayoutItem *item = m_listLayout->takeAt(0);
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < warnings.size(); ++i) {
        auto *label = new QLabel(warnings[i], m_list);
        label->setObjectName(QStringLiteral("configWarning%1").arg(i));
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_listLayout->insertWidget(i, label);
    }
}

} // namespace s1
