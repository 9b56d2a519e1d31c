#include "alarms/AlarmBanner.h"

#include "TouchStyle.h"
#include "alarms/AlarmText.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>

namespace s1 {

namespace {

constexpr int kBannerMarginPx = 8;
// Grey for a banner whose alarms may be out of date: no live colour on a stale window.
const QColor kStaleColor(0x75, 0x75, 0x75);

} // namespace

AlarmBanner::AlarmBanner(QWidget *parent)
    : QFrame(parent)
    , m_message(new QLabel(this))
    , m_more(new QLabel(this))
{
    setObjectName(QStringLiteral("alarmBanner"));
    setMinimumHeight(kTouchTargetPx);
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    m_message->setObjectName(QStringLiteral("alarmBannerText"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_more->setObjectName(QStringLiteral("alarmBannerMore"));
    m_more->setTextFormat(Qt::PlainText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(kBannerMarginPx, 0, kBannerMarginPx, 0);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_more);
    setVisible(false);
}

QString AlarmBanner::text() const
{
    return m_message->text();
}

void AlarmBanner::setAlarms(const std::vector<Alarm> &alarms)
{
    const std::optional<Alarm> urgent = mostUrgentAlarm(alarms);
    m_activeCount =
        static_cast<int>(std::count_if(alarms.begin(), alarms.end(), [](const Alarm &a) { return a.active(); }));
    setVisible(urgent.has_value());
    if (!urgent)
        return;
    m_severity = urgent->severity;
    m_message->setText(QStringLiteral("%1: %2").arg(alarmTitle(urgent->kind), QString::fromStdString(urgent->text)));
    m_more->setText(m_activeCount > 1 ? tr("+%1 more ›").arg(m_activeCount - 1) : tr("Details ›"));
    updateColours();
}

void AlarmBanner::setStale(bool stale)
{
    m_stale = stale;
    updateColours();
}

void AlarmBanner::updateColours()
{
    QPalette p = palette();
    p.setColor(QPalette::Window, m_stale ? kStaleColor : severityColor(m_severity));
    p.setColor(QPalette::WindowText, Qt::white);
    setPalette(p);
    for (QLabel *label : {m_message, m_more})
        label->setPalette(p);
}

void AlarmBanner::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit clicked();
    QFrame::mouseReleaseEvent(event);
}

void AlarmBanner::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        emit clicked();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace s1
