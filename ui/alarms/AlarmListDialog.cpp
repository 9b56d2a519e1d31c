#include "alarms/AlarmListDialog.h"

#include "TouchStyle.h"
#include "alarms/AlarmText.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace s1 {

namespace {

// The touchscreen's size: the dialog fills it there and is no bigger on a desktop.
constexpr QSize kPreferredSize(760, 440);
// The list and the detail share the height evenly: three or four rows and the fix both fit.
constexpr int kListStretch = 1;
constexpr int kDetailStretch = 1;

} // namespace

AlarmListDialog::AlarmListDialog(QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_detail(new QLabel)
{
    setObjectName(QStringLiteral("alarmList"));
    setWindowTitle(tr("Alarms"));
    applyTouchFriendlyFont(this);
    setStyleSheet(touchStyleSheet());

    m_summary->setObjectName(QStringLiteral("alarmListSummary"));
    m_summary->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("alarmListRows"));
    m_list->setUniformItemSizes(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    enableKineticScrolling(m_list);
    connect(m_list, &QListWidget::currentRowChanged, this, &AlarmListDialog::showDetail);

    m_detail->setObjectName(QStringLiteral("alarmDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::RichText);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *detailArea = new QScrollArea(this);
    detailArea->setObjectName(QStringLiteral("alarmDetailArea"));
    detailArea->setWidgetResizable(true);
    detailArea->setFrameShape(QFrame::NoFrame);
    detailArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    detailArea->setWidget(m_detail);
    enableKineticScrolling(detailArea);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeAlarmList"));
    close->setMinimumSize(2 * kTouchTargetPx, kTouchTargetPx);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, kListStretch);
    layout->addWidget(detailArea, kDetailStretch);
    layout->addWidget(buttons);
    resize(kPreferredSize);
}

void AlarmListDialog::setAlarms(const std::vector<Alarm> &alarms)
{
    if (alarms == m_alarms && m_list->count() == static_cast<int>(alarms.size()))
        return;
    const int current = m_list->currentRow();
    // Alarm ids start at 1: 0 is "nothing selected".
    const std::uint64_t selectedId = current >= 0 && current < static_cast<int>(m_alarms.size())
                                         ? m_alarms[static_cast<std::size_t>(current)].id
                                         : 0;
    m_alarms = alarms;
    const auto active = std::count_if(alarms.begin(), alarms.end(), [](const Alarm &a) { return a.active(); });
    m_summary->setText(active == 0   ? tr("No alarm is active.")
                       : active == 1 ? tr("1 alarm is active.")
                                     : tr("%1 alarms are active.").arg(active));
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int select = alarms.empty() ? -1 : 0;
    for (std::size_t i = 0; i < alarms.size(); ++i) {
        const Alarm &a = alarms[i];
        const QString subject =
            a.subject.empty() ? QString() : QStringLiteral(" — %1").arg(QString::fromStdString(a.subject));
        const QString when =
            a.active() ? tr("since %1").arg(alarmTimeText(a.raised)) : tr("cleared %1").arg(alarmTimeText(*a.cleared));
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 %2%3 (%4)")
                .arg(a.active() ? QStringLiteral("●") : QStringLiteral("○"), alarmTitle(a.kind), subject, when));
        item->setForeground(a.active() ? severityColor(a.severity)
                                       : palette().color(QPalette::Disabled, QPalette::Text));
        item->setSizeHint(QSize(0, kTouchTargetPx));
        m_list->addItem(item);
        if (selectedId != 0 && a.id == selectedId)
            select = static_cast<int>(i);
    }
    m_list->setCurrentRow(select);
    showDetail(select);
}

void AlarmListDialog::showDetail(int row)
{
    if (row < 0 || row >= static_cast<int>(m_alarms.size())) {
        m_detail->clear();
        return;
    }
    const Alarm &a = m_alarms[static_cast<std::size_t>(row)];
    QString html = QStringLiteral("<p><b>%1</b> — %2</p><p>%3</p>")
                       .arg(alarmTitle(a.kind).toHtmlEscaped(), severityText(a.severity).toHtmlEscaped(),
                            QString::fromStdString(a.text).toHtmlEscaped());
    if (!a.fix.empty())
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("What to do:").toHtmlEscaped(), QString::fromStdString(a.fix).toHtmlEscaped());
    html += QStringLiteral("<p>%1").arg(tr("Raised %1").arg(alarmTimeText(a.raised)).toHtmlEscaped());
    if (a.cleared)
        html += QStringLiteral("<br>%1").arg(tr("Cleared %1").arg(alarmTimeText(*a.cleared)).toHtmlEscaped());
    html += QStringLiteral("</p>");
    m_detail->setText(html);
}

QString AlarmListDialog::detailText() const
{
    return QTextDocumentFragment::fromHtml(m_detail->text()).toPlainText();
}

} // namespace s1
